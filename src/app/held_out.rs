//! The test rows held out from training: the landscape of their loss (key `t`), and the
//! state where their loss was lowest (where early stopping would have stopped).

use std::sync::Arc;

use super::App;
use crate::engine::{Objective, State};

impl App {
    /// `t`: the landscape shows the test loss, or the training loss again.
    pub(super) fn toggle_test_view(&mut self) {
        if self.trainer.objective().test().is_none() {
            return self.tell(crate::t!("notice-no-test-set"));
        }
        self.show_test = !self.show_test;
        // Another function: its own slice, minimisers and framing.
        self.generation += 1;
        self.landscape = None;
        self.minimizer = self.exact_minimizer();
        self.refresh_slice_minimizer();
        self.reframe();
        self.tell(if self.show_test {
            crate::t!("notice-shows-test-loss")
        } else {
            crate::t!("notice-shows-training-loss")
        });
    }

    /// True while the landscape shows the loss on the test rows.
    pub fn shows_test(&self) -> bool {
        self.show_test && self.trainer.objective().test().is_some()
    }

    /// The function the landscape draws: the training loss, or the test loss (key `t`).
    pub fn landscape_objective(&self) -> &Arc<Objective> {
        let objective = self.trainer.objective();
        match objective.test() {
            Some(test) if self.show_test => test,
            _ => objective,
        }
    }

    /// The kept state of lowest test loss: where early stopping would have stopped (the
    /// first such state on a tie); `None` without a test set. Over the states kept, which
    /// are all of them for the most recent few thousand updates.
    pub fn lowest_test(&self) -> Option<&State> {
        self.trainer
            .kept()
            .iter()
            .filter(|s| s.test_loss.is_some_and(f64::is_finite))
            .min_by(|a, b| a.test_loss.unwrap().total_cmp(&b.test_loss.unwrap()))
    }
}
