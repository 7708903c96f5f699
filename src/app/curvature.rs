//! λmax asked of the background: on large data or models the Hessian costs seconds, and
//! the screen must keep answering meanwhile.

use std::sync::Arc;

use ndarray::Array1;

use crate::engine::{
    Config, Error, Objective, Stability, State, Status, Trainer, curvature_cost,
    judge_with_curvature, stability,
};

/// Curvature costing at most this many multiply-adds (about two milliseconds) is
/// computed at once; dearer curvature goes to the background worker.
pub(super) const INLINE_CURVATURE_COST: f64 = 4e6;

/// A trainer for the view: where a point's Hessian costs more than a frame, judging a
/// point within the tolerance is left to the background ([`JudgeRequest`]).
pub(super) fn trainer(
    objective: Arc<Objective>,
    config: Config,
    start: Array1<f64>,
) -> Result<Trainer, Error> {
    let dear = curvature_cost(&objective) > INLINE_CURVATURE_COST;
    Trainer::new_deferring(objective, config, start, dear)
}

/// λmax to compute where the run stands, for the objective of one generation.
#[derive(Debug, Clone)]
pub struct StabilityRequest {
    /// The app's objective generation when asked.
    pub generation: u64,
    /// The function.
    pub objective: Arc<Objective>,
    /// Where.
    pub params: Array1<f64>,
    /// Which parameters are held still (left out of the Hessian).
    pub frozen: Vec<bool>,
}

impl PartialEq for StabilityRequest {
    /// The same question: same generation, point and frozen set.
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.params == other.params
            && self.frozen == other.frozen
    }
}

impl StabilityRequest {
    /// λmax and the η limit, computed here and now.
    pub fn compute(&self) -> Stability {
        let params = self.params.as_slice().expect("params are contiguous");
        stability(&self.objective, params, &self.frozen)
    }

    /// The computed answer, labelled with the question.
    pub fn answer(self) -> StabilityAnswer {
        StabilityAnswer {
            stability: self.compute(),
            generation: self.generation,
            params: self.params,
            frozen: self.frozen,
        }
    }
}

/// λmax computed for a [`StabilityRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityAnswer {
    /// The generation asked about.
    pub generation: u64,
    /// The point asked about.
    pub params: Array1<f64>,
    /// The frozen set asked about.
    pub frozen: Vec<bool>,
    /// The result.
    pub stability: Stability,
}

/// How one racer's point within the tolerance is to be judged (converged, stalled, or
/// pushed on): its Hessian costs more than a frame, so the background computes it.
#[derive(Debug, Clone)]
pub struct JudgeRequest {
    /// Which racer (0 is the first).
    pub racer: usize,
    /// The function.
    pub objective: Arc<Objective>,
    /// The racer's settings (the η that may push plain GD off).
    pub config: Config,
    /// The state to judge.
    pub state: State,
    /// The run's starting loss, for the divergence bound.
    pub l0: f64,
}

impl PartialEq for JudgeRequest {
    /// The same question: the same racer, point and η.
    fn eq(&self, other: &Self) -> bool {
        self.racer == other.racer
            && self.state.params == other.state.params
            && self.config.lr == other.config.lr
    }
}

impl JudgeRequest {
    /// The judgement, computed here and now.
    pub fn answer(self) -> JudgeAnswer {
        let (status, curvature) =
            judge_with_curvature(&self.objective, &self.config, &self.state, self.l0);
        JudgeAnswer {
            status,
            curvature,
            racer: self.racer,
            params: self.state.params,
            lr: self.config.lr,
        }
    }
}

/// A judgement computed for a [`JudgeRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct JudgeAnswer {
    /// The racer asked about.
    pub racer: usize,
    /// Its point.
    pub params: Array1<f64>,
    /// Its base η.
    pub lr: f64,
    /// The judgement.
    pub status: Status,
    /// (λmin, λmax) of the Hessian there over the free parameters, when judging needed it.
    pub curvature: Option<(f64, f64)>,
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, update};
    use crate::scenario::Scenario;
    use crate::testing::{app_for, lesson};

    #[test]
    fn dear_curvature_is_asked_of_the_background_and_only_its_own_answer_is_taken() {
        // 49 parameters on 2,000 rows: 98 gradients of 2,000 rows, too dear for a frame.
        let mut a = app_for(Scenario {
            dataset: Some("wiggle".into()),
            n: Some(2000),
            model: Some("sigmoids:16".into()),
            ..Default::default()
        });
        let first = a.stability_request().cloned().expect("asked at the start");
        update(&mut a, Action::Step);
        let second = a
            .stability_request()
            .cloned()
            .expect("asked again after a step");
        assert_ne!(first, second);
        // The answer to the older question changes nothing.
        update(&mut a, Action::StabilityReady(Box::new(first.answer())));
        assert!(a.stability_request().is_some());
        let answer = second.clone().answer();
        let expected = answer.stability;
        update(&mut a, Action::StabilityReady(Box::new(answer)));
        assert!(a.stability_request().is_none());
        assert_eq!(a.stability(), expected);
        assert_eq!(expected, second.compute());
    }

    #[test]
    fn a_dear_judgement_is_asked_of_the_background_and_the_run_waits_for_it() {
        let mut a = app_for(Scenario {
            dataset: Some("wiggle".into()),
            n: Some(2000),
            model: Some("sigmoids:16".into()),
            ..Default::default()
        });
        // A tolerance every point meets: the run restarts where it stands, within it, and
        // that start is judged in the background.
        crate::testing::command(&mut a, "tolerance 100");
        assert!(a.judging());
        let request = a.judge_request().expect("the point is to be judged");
        assert_eq!(request.state.step, 0);
        // Space waits for the judgement instead of paying for it.
        update(&mut a, Action::Step);
        assert_eq!(a.current().step, 0);
        // The same judgement as a trainer that judges at once.
        let t = a.trainer();
        let plain = crate::engine::Trainer::new(
            t.objective().clone(),
            t.config().clone(),
            t.start().params.clone(),
        )
        .unwrap();
        let wanted = a
            .stability_request()
            .cloned()
            .expect("λmax is wanted here too");
        let answer = request.answer();
        assert_eq!(answer.status, plain.current().status);
        update(&mut a, Action::Judged(Box::new(answer)));
        assert!(!a.judging());
        assert_eq!(a.current(), plain.current());
        // The judgement's Hessian answered λmax as well, exactly as computing it would.
        assert!(a.stability_request().is_none());
        assert_eq!(a.stability(), wanted.compute());
        // Judged, the run moves on; the next point is within the tolerance again.
        update(&mut a, Action::Step);
        assert_eq!(a.current().step, 1);
        assert!(a.judging());
    }

    #[test]
    fn cheap_curvature_is_computed_at_once() {
        let mut a = lesson("wiggle");
        update(&mut a, Action::Step);
        assert!(a.stability_request().is_none());
        assert!(a.stability().lambda_max() > 0.0);
    }
}
