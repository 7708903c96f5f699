//! Training on a textbook surface (`--surface`): what does not apply there.

use crate::t;
use std::sync::Arc;

use super::App;
use crate::engine::{self, Objective, Surface};

/// The condition numbers `K` cycles `quadratic:K` through.
pub const CONDITIONS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

impl App {
    /// `K`: on `quadratic:K`, the next condition number of [`CONDITIONS`] (the same
    /// turn), trained again from the start with the same η.
    pub(super) fn next_condition(&mut self) {
        let Some(Surface::Quadratic { condition, angle }) = self.trainer.objective().as_surface()
        else {
            return self.tell(t!("notice-k-only-quadratic"));
        };
        let at = CONDITIONS.iter().position(|&k| k > condition).unwrap_or(0);
        let next = Surface::Quadratic {
            condition: CONDITIONS[at],
            angle,
        };
        let start = self.trainer.start().params.clone();
        let config = self.trainer.config().clone();
        match self.restart(Arc::new(Objective::surface(next)), config, start) {
            Ok(()) => {
                let limit = crate::report::stability_text(&self.stability());
                self.tell(t!(
                    "notice-condition",
                    kappa = CONDITIONS[at],
                    limit = limit
                ));
            }
            Err(e) => self.tell(e),
        }
    }

    /// Why `what` (a message id, `noun-model-to-change`) cannot change, when the run
    /// trains on a surface rather than data.
    pub(super) fn surface_refusal(&self, what: &'static str) -> Option<engine::Error> {
        let surface = self.trainer.objective().as_surface()?;
        Some(engine::Error::OnSurface {
            surface: surface.to_string(),
            what,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App, update};
    use crate::report::saved_scenario;
    use crate::scenario::{Scenario, ScenarioFile, resolve};
    use crate::testing::command;

    fn on(surface: &str) -> App {
        let cli = Scenario {
            surface: Some(surface.into()),
            ..Default::default()
        };
        App::new(resolve(&cli, None).unwrap()).unwrap()
    }

    #[test]
    fn what_a_surface_lacks_is_refused_with_its_reason() {
        let mut a = on("himmelblau");
        for action in [Action::NextModel, Action::NextLoss, Action::NextScale] {
            update(&mut a, action);
            let notice = a.notice().unwrap().to_owned();
            assert!(
                notice.starts_with("`himmelblau` is a surface, f(x, y) itself: it has no"),
                "{notice}"
            );
        }
        update(&mut a, Action::AddPoint(1.0, 1.0));
        assert!(a.notice().unwrap().contains("no data to change"));
        update(&mut a, Action::Explain);
        assert!(
            a.explaining().is_some(),
            "explain mode works through f itself"
        );
        update(&mut a, Action::Dismiss);
        command(&mut a, "l2 0.1");
        let line = a.command_line().unwrap();
        assert!(
            line.error
                .as_ref()
                .unwrap()
                .contains("no weights to penalise")
        );
        assert_eq!(
            a.trainer().objective().as_surface().unwrap().to_string(),
            "himmelblau"
        );
        assert!(a.as_written());
    }

    #[test]
    fn a_saved_surface_run_replays_on_the_same_surface() {
        let mut a = on("quadratic:20:15");
        update(&mut a, Action::Step);
        let saved = saved_scenario(a.setup(), a.trainer());
        let text = saved.to_toml().unwrap();
        assert!(text.contains("surface = \"quadratic:20:15\""), "{text}");
        assert!(!text.contains("model ="), "{text}");
        let file = ScenarioFile::parse(&text, "saved").unwrap();
        let again = resolve(&Scenario::default(), Some(&file)).unwrap();
        assert_eq!(
            again.objective.as_surface(),
            a.trainer().objective().as_surface()
        );
        assert_eq!(again.start, a.trainer().start().params);
    }
}
