//! Reading an answer as a person types it, and judging it against the truth.

use super::{Ask, Question, Reveal, Truth};
use crate::fmt::human;
use crate::t;

/// An answer given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// A number.
    Number(f64),
    /// The index of a choice.
    Choice(usize),
}

/// Reads `text` as an answer to `question`: a number (or a fraction such as `2/15`), or
/// a choice by its number (`1` …), its first word (`up`, `no`, `left`…), or, for the
/// arrow, its glyph or compass point (`↗`, `ne`).
pub fn parse_answer(question: &Question, text: &str) -> Result<Answer, String> {
    let text = text.trim();
    if question.wants_number() {
        return number(text)
            .map(Answer::Number)
            .ok_or_else(|| t!("answer-not-number", text = crate::fmt::one_line(text)));
    }
    let choices = question.choices();
    // A word in English is read in any language, as it is typed on any keyboard.
    let english: Vec<String> = crate::i18n::with_lang(crate::i18n::Lang::En, || question.choices());
    let lower = text.to_lowercase();
    let by_number = lower
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=choices.len()).contains(n))
        .map(|n| n - 1);
    let compass = ["ne", "nw", "sw", "se"];
    let by_word = choices.iter().chain(&english).position(|c| {
        let first = c.split_whitespace().next().unwrap_or(c);
        lower == *c || lower == first
    });
    let by_word = by_word.map(|k| k % choices.len().max(1));
    let by_compass = (question.ask == Ask::Arrow)
        .then(|| compass.iter().position(|c| lower == *c))
        .flatten();
    by_number
        .or(by_word)
        .or(by_compass)
        .map(Answer::Choice)
        .ok_or_else(|| {
            let listed: Vec<String> = choices
                .iter()
                .enumerate()
                .map(|(k, c)| t!("predict-choice", n = k + 1, choice = c))
                .collect();
            t!("answer-choose", choices = listed.join(", "))
        })
}

/// A finite number as typed ([`crate::fmt::parse_fraction`]).
fn number(text: &str) -> Option<f64> {
    crate::fmt::parse_fraction(text).filter(|v| v.is_finite())
}

/// The judgement of an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// True when the answer is right.
    pub right: bool,
    /// The answer, as it is shown back.
    pub said: String,
    /// The truth, as it is shown: the number or the choice.
    pub truth: String,
}

/// Judges `answer` against `reveal`, the truth of `question`.
pub fn verdict(question: &Question, reveal: &Reveal, answer: Answer) -> Verdict {
    let choices = question.choices();
    let name = |k: usize| choices.get(k).cloned().unwrap_or_else(|| "?".to_owned());
    match (reveal.truth, answer) {
        (Truth::Number(t), Answer::Number(a)) => Verdict {
            right: (a - t).abs() <= reveal.tolerance,
            said: human(a),
            truth: t!(
                "within",
                value = human(t),
                tolerance = human(reveal.tolerance)
            ),
        },
        (Truth::Choice(t), Answer::Choice(a)) => Verdict {
            right: a == t,
            said: name(a),
            truth: name(t),
        },
        // A number for a choice, or the other way round, is wrong, not an error: a
        // graded file may hold anything.
        (truth, answer) => Verdict {
            right: false,
            said: match answer {
                Answer::Number(a) => human(a),
                Answer::Choice(a) => name(a),
            },
            truth: match truth {
                Truth::Number(t) => human(t),
                Truth::Choice(t) => name(t),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(ask: Ask) -> Question {
        Question::new(ask, 0, &["w".to_owned(), "b".to_owned()])
    }

    #[test]
    fn numbers_and_fractions_are_read_and_words_refused() {
        let q = question(Ask::Value(0));
        assert_eq!(parse_answer(&q, " 0.25 "), Ok(Answer::Number(0.25)));
        assert_eq!(parse_answer(&q, "2/16"), Ok(Answer::Number(0.125)));
        assert!(parse_answer(&q, "up").unwrap_err().contains("not a number"));
        assert!(parse_answer(&q, "1/0").is_err());
    }

    #[test]
    fn choices_are_read_by_number_word_glyph_or_compass() {
        let loss = question(Ask::Loss);
        assert_eq!(parse_answer(&loss, "2"), Ok(Answer::Choice(1)));
        assert_eq!(parse_answer(&loss, "Down"), Ok(Answer::Choice(0)));
        assert!(
            parse_answer(&loss, "3")
                .unwrap_err()
                .contains("1 down, 2 up")
        );
        let arrow = question(Ask::Arrow);
        assert_eq!(parse_answer(&arrow, "↙"), Ok(Answer::Choice(2)));
        assert_eq!(parse_answer(&arrow, "se"), Ok(Answer::Choice(3)));
        assert_eq!(parse_answer(&arrow, "4"), Ok(Answer::Choice(3)));
    }

    #[test]
    fn a_number_is_right_within_the_tolerance_and_a_choice_when_it_is_the_one() {
        let q = question(Ask::Value(0));
        let reveal = Reveal {
            truth: Truth::Number(0.09333),
            tolerance: 0.00933,
            detail: String::new(),
        };
        assert!(verdict(&q, &reveal, Answer::Number(0.09)).right);
        assert!(verdict(&q, &reveal, Answer::Number(0.1)).right);
        assert!(!verdict(&q, &reveal, Answer::Number(0.11)).right);
        assert!(!verdict(&q, &reveal, Answer::Choice(0)).right);
        let up = question(Ask::Loss);
        let reveal = Reveal {
            truth: Truth::Choice(1),
            tolerance: 0.0,
            detail: String::new(),
        };
        let v = verdict(&up, &reveal, Answer::Choice(1));
        assert!(v.right && v.said == "up" && v.truth == "up");
        assert!(!verdict(&up, &reveal, Answer::Choice(0)).right);
    }
}
