//! λmax asked of the background: on large data or models the Hessian costs seconds, and
//! the screen must keep answering meanwhile.

use std::sync::Arc;

use ndarray::Array1;

use crate::engine::{Objective, Stability, stability};

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
    fn cheap_curvature_is_computed_at_once() {
        let mut a = lesson("wiggle");
        update(&mut a, Action::Step);
        assert!(a.stability_request().is_none());
        assert!(a.stability().lambda_max() > 0.0);
    }
}
