//! Predict, then reveal: a question about the next update, its true answer worked out
//! before the update is taken (exactly, by the engine's own step), and the verdict on an
//! answer. The interactive view asks them one update at a time; `downhill run --answers`
//! grades a file of answers to a lesson's questions.

mod answer;
mod truth;

pub use answer::{Answer, Verdict, parse_answer, verdict};
pub use truth::{Arrow, HORIZON, Reveal, Truth, truth};

use serde::{Deserialize, Serialize};

use crate::t;

/// What a question asks about the next update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Where parameter `k` will be after it.
    Value(usize),
    /// Whether the loss will go up or down.
    Loss,
    /// Whether training on at this η will blow up.
    Diverge,
    /// Which way −∇L points on the landscape's two axes.
    Arrow,
    /// η_crit = 2/λmax at the current point.
    EtaCrit,
}

/// The choices of the arrow question, in order, as message ids: the quadrants of −∇L on
/// the plane.
pub const ARROW_CHOICES: [&str; 4] = ["choice-ne", "choice-nw", "choice-sw", "choice-se"];

/// The choices of the loss question, as message ids.
pub const LOSS_CHOICES: [&str; 2] = ["choice-down", "choice-up"];

/// The choices of the divergence question, as message ids.
pub const DIVERGE_CHOICES: [&str; 2] = ["choice-no", "choice-yes"];

/// A value answer is right within this share of the update's own size |Δθ|, unless the
/// question states a tolerance: the point is to predict the step, not its tenth digit.
pub const STEP_SHARE: f64 = 0.1;

/// An η_crit answer is right within this share of the true one.
pub const ETA_SHARE: f64 = 0.05;

/// A question as a lesson file writes it, under `[[questions]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Spec {
    /// Asked before the update from this step (0: before the first).
    pub step: usize,
    /// `value`, `loss`, `diverge`, `arrow` or `eta-crit`.
    pub ask: String,
    /// For `value`: the parameter, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// The question's own words, in place of the standard ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `text` in Simplified Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_zh: Option<String>,
    /// For `value` and `eta-crit`: how far from the truth an answer may be and be right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// A question, ready to ask.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What it asks.
    pub ask: Ask,
    /// The step it is asked at.
    pub step: usize,
    /// Its words.
    pub text: String,
    /// An absolute tolerance for a number, over the standard one.
    pub tolerance: Option<f64>,
}

impl Question {
    /// The standard question `ask` at `step`, for a model whose parameters are `names`.
    pub fn new(ask: Ask, step: usize, names: &[String]) -> Question {
        let text = match ask {
            Ask::Value(k) => t!("ask-value", name = names[k]),
            Ask::Loss => t!("ask-loss"),
            Ask::Diverge => t!("ask-diverge"),
            Ask::Arrow => t!("ask-arrow"),
            Ask::EtaCrit => t!("ask-eta-crit"),
        };
        Question {
            ask,
            step,
            text,
            tolerance: None,
        }
    }

    /// The question a lesson file's `spec` writes, for parameters `names`.
    pub fn of_spec(spec: &Spec, names: &[String]) -> Result<Question, String> {
        let ask = match (spec.ask.as_str(), spec.param.as_deref()) {
            ("value", Some(name)) => {
                Ask::Value(names.iter().position(|n| n == name).ok_or_else(|| {
                    crate::t!("quiz-no-param", name = name, names = names.join(", "))
                })?)
            }
            ("value", None) => return Err(crate::t!("quiz-value-param")),
            ("loss", None) => Ask::Loss,
            ("diverge", None) => Ask::Diverge,
            ("arrow", None) => Ask::Arrow,
            ("eta-crit", None) => Ask::EtaCrit,
            (kind @ ("loss" | "diverge" | "arrow" | "eta-crit"), Some(_)) => {
                return Err(crate::t!("quiz-takes-no-param", kind = kind));
            }
            (other, _) => {
                return Err(crate::t!("quiz-unknown", kind = other));
            }
        };
        if let Some(t) = spec.tolerance
            && !(t.is_finite() && t > 0.0 && matches!(ask, Ask::Value(_) | Ask::EtaCrit))
        {
            return Err(crate::t!("quiz-tolerance"));
        }
        let mut question = Question::new(ask, spec.step, names);
        let own = match crate::i18n::lang() {
            crate::i18n::Lang::Zh => spec.text_zh.as_ref().or(spec.text.as_ref()),
            crate::i18n::Lang::En => spec.text.as_ref(),
        };
        if let Some(text) = own {
            question.text = text.clone();
        }
        question.tolerance = spec.tolerance;
        Ok(question)
    }

    /// The choices offered, in order, in the language in use (none for a number).
    pub fn choices(&self) -> Vec<String> {
        self.choice_ids()
            .iter()
            .map(|id| crate::i18n::tr(id))
            .collect()
    }

    /// The choices' message ids, in order.
    pub fn choice_ids(&self) -> &'static [&'static str] {
        match self.ask {
            Ask::Loss => &LOSS_CHOICES,
            Ask::Diverge => &DIVERGE_CHOICES,
            Ask::Arrow => &ARROW_CHOICES,
            Ask::Value(_) | Ask::EtaCrit => &[],
        }
    }

    /// True when the answer is a number.
    pub fn wants_number(&self) -> bool {
        self.choice_ids().is_empty()
    }
}

/// The question the interactive view draws at `step` when no lesson question is due: in
/// turn where the horizontal axis's parameter `x` will be, whether the loss goes up, and
/// which way the arrow points; before the first update, and after η changed, whether
/// this η blows up.
pub fn drawn(step: usize, x: usize, names: &[String], eta_changed: bool) -> Question {
    let ask = if step == 0 || eta_changed {
        Ask::Diverge
    } else {
        match step % 3 {
            1 => Ask::Value(x),
            2 => Ask::Loss,
            _ => Ask::Arrow,
        }
    };
    Question::new(ask, step, names)
}

/// Right answers out of questions answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Answers judged right.
    pub right: usize,
    /// Questions answered.
    pub asked: usize,
}

impl Score {
    /// The score after one more answer.
    pub fn with(self, right: bool) -> Score {
        Score {
            right: self.right + usize::from(right),
            asked: self.asked + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["w".into(), "b".into()]
    }

    fn spec(ask: &str, param: Option<&str>) -> Spec {
        Spec {
            step: 0,
            ask: ask.into(),
            param: param.map(Into::into),
            text: None,
            text_zh: None,
            tolerance: None,
        }
    }

    #[test]
    fn lesson_questions_are_read_or_refused_with_the_reason() {
        let q = Question::of_spec(&spec("value", Some("b")), &names()).unwrap();
        assert_eq!(
            (q.ask, q.text.as_str()),
            (Ask::Value(1), "Where will b be after this update?")
        );
        assert!(q.wants_number());
        assert_eq!(
            Question::of_spec(&spec("loss", None), &names())
                .unwrap()
                .choices(),
            ["down", "up"]
        );
        let bad = |s: Spec| Question::of_spec(&s, &names()).unwrap_err();
        assert!(bad(spec("value", Some("c"))).contains("not a parameter (w, b)"));
        assert!(bad(spec("value", None)).contains("names its `param`"));
        assert!(bad(spec("loss", Some("w"))).contains("takes no `param`"));
        assert!(bad(spec("guess", None)).contains("unknown question `guess`"));
        let mut t = spec("loss", None);
        t.tolerance = Some(0.1);
        assert!(bad(t).contains("for `value` and `eta-crit` only"));
    }

    #[test]
    fn drawn_questions_take_turns_and_ask_about_eta_first() {
        let asks: Vec<Ask> = (0..5).map(|s| drawn(s, 0, &names(), false).ask).collect();
        assert_eq!(
            asks,
            [
                Ask::Diverge,
                Ask::Value(0),
                Ask::Loss,
                Ask::Arrow,
                Ask::Value(0)
            ]
        );
        assert_eq!(drawn(4, 0, &names(), true).ask, Ask::Diverge);
    }

    #[test]
    fn the_score_counts_right_answers_of_all() {
        let s = Score::default().with(true).with(false).with(true);
        assert_eq!((s.right, s.asked), (2, 3));
    }
}
