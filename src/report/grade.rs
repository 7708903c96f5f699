//! `downhill run --answers FILE.csv`: a student's answers to a lesson's questions,
//! graded headless against the truths the interactive view would reveal.

use std::fmt::Write as _;
use std::path::Path;

use crate::engine::{Past, Trainer};
use crate::quiz::{self, Arrow, Question};
use crate::scenario::{PlaneChoice, Setup};
use crate::t;

/// Most answers read from one file: a worksheet is a page, not a data set.
pub const MAX_ANSWERS: usize = 10_000;

/// The answers in `path`, a CSV file with the header `question,answer` (question: the
/// 1-based number of the lesson's question): each question's answer text, if given.
pub fn read_answers(path: &Path, questions: usize) -> anyhow::Result<Vec<Option<String>>> {
    let shown = crate::fmt::path(path);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| anyhow::anyhow!(t!("file-cannot-read", path = &shown, why = e)))?;
    let header = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?
        .clone();
    if header.iter().collect::<Vec<_>>() != ["question", "answer"] {
        anyhow::bail!(t!("grade-header", path = &shown));
    }
    let mut answers = vec![None; questions];
    for (row, record) in reader.records().enumerate().take(MAX_ANSWERS) {
        let line = row + 2;
        let record = record.map_err(|e| anyhow::anyhow!("{shown}:{line}: {e}"))?;
        let number: usize = record[0]
            .parse()
            .ok()
            .filter(|n| (1..=questions).contains(n))
            .ok_or_else(|| {
                anyhow::anyhow!(t!(
                    "grade-no-such-question",
                    path = &shown,
                    line = line,
                    question = crate::fmt::one_line(&record[0]),
                    count = questions
                ))
            })?;
        if answers[number - 1].replace(record[1].to_owned()).is_some() {
            anyhow::bail!(t!(
                "grade-twice",
                path = &shown,
                line = line,
                question = number
            ));
        }
    }
    Ok(answers)
}

/// Grades `answers` to `setup`'s questions: a line per question with its verdict, and
/// the score.
pub fn grade(setup: &Setup, answers: &[Option<String>]) -> anyhow::Result<String> {
    let mut order: Vec<usize> = (0..setup.questions.len()).collect();
    order.sort_by_key(|&k| setup.questions[k].step);
    let mut trainer = Trainer::new(
        setup.objective.clone(),
        setup.config.clone(),
        setup.start.clone(),
    )
    .map_err(anyhow::Error::msg)?;
    if setup.questions.is_empty() || !super::as_written(setup, &trainer) {
        anyhow::bail!(t!("grade-not-as-written", name = setup.name));
    }
    let mut lines = vec![String::new(); setup.questions.len()];
    let mut right = 0;
    for k in order {
        let question = &setup.questions[k];
        // As `downhill run` trains: to a stop condition or the step limit, then no further.
        trainer.run_with(question.step.min(setup.max_steps), Past::Forget, |_| {});
        let (ok, text) = judged(setup, &trainer, question, answers[k].as_deref());
        right += usize::from(ok);
        let heading = t!(
            "grade-question",
            number = k + 1,
            update = question.step + 1,
            text = question.text
        );
        lines[k] = format!("{heading}\n  {text}");
    }
    let mut out = lines.join("\n");
    let score = t!("grade-score", right = right, total = setup.questions.len());
    let _ = writeln!(out, "\n{score}");
    Ok(out)
}

/// Whether `answer` to `question` is right at `trainer`'s state, and the line saying so.
fn judged(
    setup: &Setup,
    trainer: &Trainer,
    question: &Question,
    answer: Option<&str>,
) -> (bool, String) {
    if trainer.current().step < question.step {
        let stop = trainer.current().step;
        return (false, t!("grade-not-asked", step = stop));
    }
    let reveal = match quiz::truth(
        question,
        trainer,
        arrow(setup, trainer).as_ref(),
        setup.max_steps,
    ) {
        Ok(reveal) => reveal,
        Err(why) => return (false, t!("grade-unchecked", why = why)),
    };
    let Some(text) = answer.filter(|a| !a.trim().is_empty()) else {
        return (false, t!("grade-no-answer", detail = reveal.detail));
    };
    let said = crate::fmt::one_line(text);
    match quiz::parse_answer(question, text) {
        Ok(answer) => {
            let v = quiz::verdict(question, &reveal, answer);
            let mark = if v.right {
                t!("grade-right")
            } else {
                t!("grade-wrong")
            };
            let text = t!(
                "grade-answered",
                said = said,
                mark = mark,
                truth = v.truth,
                detail = reveal.detail
            );
            (v.right, text)
        }
        Err(why) => (
            false,
            t!(
                "grade-unreadable",
                said = said,
                why = why,
                detail = reveal.detail
            ),
        ),
    }
}

/// −∇L on the scenario's plane of two parameters (none on a plane of directions, which
/// depends on the path the view has seen).
fn arrow(setup: &Setup, trainer: &Trainer) -> Option<Arrow> {
    let PlaneChoice::Params(i, j) = setup.plane else {
        return None;
    };
    let names = setup.objective.model().param_names();
    let g = &trainer.current().grad;
    Some(Arrow {
        down: (-*g.get(i)?, -*g.get(j)?),
        names: (names.get(i)?.clone(), names.get(j)?.clone()),
    })
}
