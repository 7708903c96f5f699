//! The true answers, worked out before the update by taking it on a copy of the run: the
//! same engine step the run itself will take, so the reveal can only agree with it.

use super::{Ask, ETA_SHARE, Question, STEP_SHARE};
use crate::engine::{Outcome, Past, Stability, State, Trainer, stability};
use crate::fmt::human;
use crate::t;

/// The most updates the divergence question looks ahead: the run's own step limit, but
/// never more than this, so that asking stays quick.
pub const HORIZON: usize = 2000;

/// A true answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Truth {
    /// A number, right within `Reveal::tolerance`.
    Number(f64),
    /// The index of the right choice.
    Choice(usize),
}

/// A question's true answer and what to show once it is revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Reveal {
    /// The answer.
    pub truth: Truth,
    /// How far from a true number an answer may be and be right (0 for choices).
    pub tolerance: f64,
    /// The numbers behind it, for people: `w = 0.0933333 after the update (from 0, a
    /// step of 0.0933333)`.
    pub detail: String,
}

/// −∇L on the landscape's two axes and their names: what the arrow question asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// The components of −∇L along the horizontal and vertical axes.
    pub down: (f64, f64),
    /// The axes' names.
    pub names: (String, String),
}

/// The true answer to `question` at `trainer`'s current state; `arrow` is −∇L on the
/// landscape's axes, and `max_steps` the run's step limit. An error says why the
/// question has no answer here (a run that already blew up, a plane without an arrow).
pub fn truth(
    question: &Question,
    trainer: &Trainer,
    arrow: Option<&Arrow>,
    max_steps: usize,
) -> Result<Reveal, String> {
    let now = trainer.current();
    match question.ask {
        Ask::Value(k) => {
            let next = next_state(trainer)?;
            let (before, after) = (now.params[k], next.params[k]);
            if !after.is_finite() {
                return Err(t!("no-finite-next"));
            }
            let scale = 1e-12 * after.abs().max(1.0);
            let step = after - before;
            let name = &trainer.objective().model().param_names()[k];
            Ok(Reveal {
                truth: super::Truth::Number(after),
                tolerance: question
                    .tolerance
                    .unwrap_or((STEP_SHARE * step.abs()).max(scale)),
                detail: t!(
                    "reveal-value",
                    name = name,
                    after = human(after),
                    before = human(before),
                    step = human(step)
                ),
            })
        }
        Ask::Loss => {
            let next = next_state(trainer)?;
            // A loss that overflows or turns NaN has gone up, however it compares.
            let up = !next.loss.is_finite() || next.loss > now.loss;
            Ok(choice(
                usize::from(up),
                t!(
                    "reveal-loss",
                    before = human(now.loss),
                    after = human(next.loss)
                ),
            ))
        }
        Ask::Diverge => diverges(trainer, max_steps),
        Ask::Arrow => {
            let arrow = arrow.ok_or_else(|| t!("no-arrow"))?;
            let (a, b) = arrow.down;
            let quadrant = match (a >= 0.0, b >= 0.0) {
                (true, true) => 0,
                (false, true) => 1,
                (false, false) => 2,
                (true, false) => 3,
            };
            Ok(choice(
                quadrant,
                t!(
                    "reveal-arrow",
                    a = human(a),
                    x = arrow.names.0,
                    b = human(b),
                    y = arrow.names.1
                ),
            ))
        }
        Ask::EtaCrit => eta_crit(question, trainer, now),
    }
}

fn choice(index: usize, detail: String) -> Reveal {
    Reveal {
        truth: Truth::Choice(index),
        tolerance: 0.0,
        detail,
    }
}

/// A copy of the run to take updates on: its past forgotten, and each state judged at
/// once (the view's trainer may defer judgements to a worker, which a copy has not).
fn copy(trainer: &Trainer) -> Trainer {
    let mut ahead = trainer.clone();
    ahead.forget_past();
    ahead.defer_judgement(false);
    ahead
}

/// The state after the next update, taken on a copy of the run.
fn next_state(trainer: &Trainer) -> Result<State, String> {
    let mut ahead = copy(trainer);
    ahead.step().cloned().ok_or_else(|| t!("no-next-update"))
}

/// Whether training on from here at the current η blows up within the step limit (or
/// [`HORIZON`] updates).
fn diverges(trainer: &Trainer, max_steps: usize) -> Result<Reveal, String> {
    let mut ahead = copy(trainer);
    let from = ahead.current().step;
    let until = max_steps.max(from + 1).min(from + HORIZON);
    let outcome = ahead.run_with(until, Past::Forget, |_| {});
    let end = ahead.current();
    let (step, loss) = (end.step, human(end.loss));
    let detail = match outcome {
        Outcome::Diverged => t!("reveal-blows-up", step = step, loss = loss),
        Outcome::Converged => t!("reveal-converges", step = step, loss = loss),
        Outcome::Stalled => t!("reveal-stalls", step = step, loss = loss),
        Outcome::MaxSteps => t!("reveal-still", step = step, loss = loss),
    };
    Ok(choice(usize::from(outcome == Outcome::Diverged), detail))
}

/// η_crit = 2/λmax at the current point: exact for a quadratic loss, local otherwise.
fn eta_crit(question: &Question, trainer: &Trainer, now: &State) -> Result<Reveal, String> {
    let theta = now
        .params
        .as_slice()
        .ok_or("parameters are not contiguous")?;
    let s = stability(trainer.objective(), theta, &trainer.config().frozen);
    let (eta, id) = match s {
        Stability::Exact { eta_crit, .. } => (eta_crit, "reveal-eta-exact"),
        Stability::Local { eta_local, .. } => (eta_local, "reveal-eta-local"),
    };
    if !(eta.is_finite() && eta > 0.0) {
        return Err(t!("no-eta-crit"));
    }
    Ok(Reveal {
        truth: Truth::Number(eta),
        tolerance: question.tolerance.unwrap_or(ETA_SHARE * eta),
        detail: crate::i18n::tr_with(
            id,
            &[("eta", human(eta)), ("lambda", human(s.lambda_max()))],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, resolve};

    fn run_of(preset: &str) -> (Trainer, usize) {
        let scenario = Scenario {
            preset: Some(preset.into()),
            ..Default::default()
        };
        let s = resolve(&scenario, None).unwrap();
        let t = Trainer::new(s.objective.clone(), s.config.clone(), s.start.clone()).unwrap();
        (t, s.max_steps)
    }

    fn names(t: &Trainer) -> Vec<String> {
        t.objective().model().param_names()
    }

    #[test]
    fn doubling_puts_w_at_28_over_300_after_the_first_update() {
        let (t, max) = run_of("doubling");
        let q = Question::new(Ask::Value(0), 0, &names(&t));
        let r = truth(&q, &t, None, max).unwrap();
        // ∂L/∂w = −28/3 at w = 0 with half-mse, η = 0.01: w = 0.01·28/3.
        let Truth::Number(w) = r.truth else { panic!() };
        assert!((w - 0.28 / 3.0).abs() < 1e-12, "{w}");
        assert!((r.tolerance - 0.1 * w).abs() < 1e-12);
        assert!(
            r.detail.starts_with("w = 0.0933333 after the update"),
            "{}",
            r.detail
        );
        // The copy took the step; the run itself did not.
        assert_eq!(t.current().step, 0);
    }

    #[test]
    fn blowup_goes_up_and_blows_up_and_line_has_eta_crit_two_fifteenths() {
        let (t, max) = run_of("blowup");
        let ask = |ask| truth(&Question::new(ask, 0, &names(&t)), &t, None, max).unwrap();
        assert_eq!(ask(Ask::Loss).truth, Truth::Choice(1));
        assert_eq!(ask(Ask::Diverge).truth, Truth::Choice(1));
        assert!(
            ask(Ask::Diverge)
                .detail
                .starts_with("it blows up at step 1")
        );
        let (t, max) = run_of("line");
        let q = Question::new(Ask::EtaCrit, 0, &names(&t));
        let r = truth(&q, &t, None, max).unwrap();
        assert_eq!(r.truth, Truth::Number(2.0 / 15.0));
        assert_eq!(
            truth(&Question::new(Ask::Diverge, 0, &names(&t)), &t, None, max)
                .unwrap()
                .truth,
            Truth::Choice(0)
        );
    }

    #[test]
    fn the_arrow_is_the_quadrant_of_minus_the_gradient() {
        let (t, max) = run_of("intro");
        let q = Question::new(Ask::Arrow, 0, &names(&t));
        assert!(truth(&q, &t, None, max).unwrap_err().contains("no arrow"));
        for (down, quadrant) in [
            ((1.0, 2.0), 0),
            ((-1.0, 0.5), 1),
            ((-1.0, -1.0), 2),
            ((3.0, -0.1), 3),
        ] {
            let arrow = Arrow {
                down,
                names: ("w".into(), "b".into()),
            };
            assert_eq!(
                truth(&q, &t, Some(&arrow), max).unwrap().truth,
                Truth::Choice(quadrant)
            );
        }
    }
}
