//! Files: what the app asks to write (the trajectory on screen, the scenario that replays
//! it) and what it makes of the answers when the event loop has read or written them.

use crate::t;
use std::path::PathBuf;

use super::{App, Contents, Effect, Error, Replay, Target};
use crate::engine::Dataset;
use crate::fmt::csv_line;
use crate::report::{SavedScenario, WriteError, columns, saved_scenario, write_csv_row};

impl App {
    /// The trajectory on screen, in `downhill run --format csv` columns.
    pub fn trajectory_csv(&self) -> String {
        let tested = self.trainer.objective().test().is_some();
        let mut out = csv_line(columns(&self.param_names(), tested)).into_bytes();
        self.trainer.replay(|state| {
            write_csv_row(&mut out, state).expect("writing to memory cannot fail");
        });
        String::from_utf8(out).expect("numbers and names are UTF-8")
    }

    /// A copy of the run on screen, to be written out row by row off the UI thread.
    pub fn replay(&self) -> Replay {
        Replay {
            names: self.param_names(),
            trainer: Box::new(self.trainer.clone()),
        }
    }

    /// Notes a `:load` of `path` as under way, and returns its id.
    pub(super) fn start_load(&mut self, path: &str) -> u64 {
        self.loads += 1;
        self.loading = Some((self.loads, path.to_owned()));
        let esc = super::keys::key_for(&super::Action::Dismiss);
        self.tell(t!("notice-loading", path = path, key = esc));
        self.loads
    }

    /// The file a `:load` is reading now, if one is.
    pub fn loading(&self) -> Option<&str> {
        self.loading.as_ref().map(|(_, path)| path.as_str())
    }

    /// Esc during a `:load`: its answer will be dropped, and nothing on screen changes.
    pub(super) fn cancel_load(&mut self) {
        if let Some((_, path)) = self.loading.take() {
            self.tell(t!("notice-load-stopped", path = path));
        }
    }

    /// The scenario that replays the run on screen from its start.
    pub fn saved_scenario(&self) -> SavedScenario {
        let mut saved = saved_scenario(&self.setup, &self.trainer);
        // The default plane goes unsaid; any other is written as `--plane` spells it.
        let choice = self.plane_choice();
        saved.scenario.plane = (choice != crate::scenario::PlaneChoice::Params(0, 1))
            .then(|| choice.spec(&self.param_names()));
        saved
    }

    /// A new file's name before its extension: the scenario and the step.
    fn file_stem(&self) -> String {
        format!(
            "downhill-{}-step{}",
            self.setup.name.replace(['/', '.', ' '], "_"),
            self.current().step
        )
    }

    /// `X`: the screen as it is, to a new SVG file named after the scenario and the step.
    pub(super) fn save_screen(&self) -> Option<Effect> {
        Some(Effect::Write {
            to: Target::Fresh {
                stem: self.file_stem(),
                ext: "svg",
            },
            contents: Contents::Screen,
            note: Some(t!("note-screen-svg")),
            command: None,
        })
    }

    /// `x`: the trajectory to a new CSV file named after the scenario and the step.
    pub(super) fn export_trajectory(&self) -> Option<Effect> {
        let stem = self.file_stem();
        Some(Effect::Write {
            to: Target::Fresh { stem, ext: "csv" },
            contents: Contents::Trajectory(self.replay()),
            note: None,
            command: None,
        })
    }

    /// Says where a file was written; a failure goes back to the command line that
    /// asked for it, if one did.
    pub(super) fn wrote(
        &mut self,
        result: Result<PathBuf, WriteError>,
        note: Option<String>,
        command: Option<String>,
    ) {
        match (result, command) {
            (Ok(path), _) => {
                let path = crate::fmt::path(&path);
                self.tell(match note {
                    Some(note) => t!("notice-wrote-note", path = path, note = note),
                    None => t!("notice-wrote", path = path),
                });
            }
            (Err(e), Some(text)) => self.reopen_command(text, e),
            (Err(e), None) => self.tell(e),
        }
    }

    /// Fits data read for `:load`; a failure goes back to the command line.
    pub(super) fn loaded(
        &mut self,
        (id, path): (u64, &str),
        data: Result<Box<Dataset>, Error>,
        command: String,
    ) {
        // A load cancelled (or replaced by a newer one) leaves everything as it is.
        if self.loading.as_ref().is_none_or(|(now, _)| *now != id) {
            return;
        }
        self.loading = None;
        match data.and_then(|data| Ok(self.load_data(*data, path)?)) {
            Ok(message) => self.tell(message),
            Err(e) => self.reopen_command(command, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::engine::Trainer;
    use crate::report::csv;
    use crate::scenario::{Scenario, ScenarioFile, resolve};

    use crate::testing::command;
    use crate::testing::lesson as app;

    /// The text `:save` writes, and its warning.
    fn scenario_toml(a: &App) -> (String, Option<String>) {
        let saved = a.saved_scenario();
        (saved.to_toml().unwrap(), saved.warning)
    }

    fn trajectory_csv(a: &App) -> String {
        a.trajectory_csv()
    }

    #[test]
    fn a_saved_scenario_reproduces_the_run_bit_for_bit() {
        for (lesson, switch) in [
            ("intro", false),
            ("wiggle", false),
            ("sigmoid", true),
            ("line", false),
        ] {
            let mut a = app(lesson);
            update(&mut a, Action::Step);
            if switch {
                update(&mut a, Action::NextOptimizer);
                update(&mut a, Action::RestartAt(0.3, -0.7));
            }
            for _ in 0..25 {
                update(&mut a, Action::Step);
            }
            let (text, warning) = scenario_toml(&a);
            // `line` converges within these steps; the file then replays past it.
            assert!(
                warning.is_none_or(|w| w.contains("past convergence")),
                "{lesson}"
            );
            let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
            let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
            let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
            for _ in 0..a.current().step {
                again.step();
            }
            assert_eq!(
                csv(&a.param_names(), again.kept()),
                trajectory_csv(&a),
                "{lesson}"
            );
            assert!(
                text.contains(&format!("steps = {}", a.current().step)),
                "{lesson}"
            );
        }
    }

    #[test]
    fn a_saved_mlp_keeps_its_activation_and_replays_bit_for_bit() {
        let mut a = crate::testing::app_for(Scenario {
            preset: Some("wiggle".into()),
            model: Some("mlp:3,2".into()),
            activation: Some("relu".into()),
            seed: Some(4),
            ..Default::default()
        });
        command(&mut a, "set W1[1,1]=0.75");
        command(&mut a, "freeze b2[1]");
        for _ in 0..12 {
            update(&mut a, Action::Step);
        }
        let (text, _) = scenario_toml(&a);
        assert!(
            text.contains("model = \"mlp:3,2\"\nactivation = \"relu\""),
            "{text}"
        );
        assert!(
            text.contains("W1[1,1]=0.75,") && text.contains("freeze = \"b2[1]\""),
            "{text}"
        );
        let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
        let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
        let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
        for _ in 0..a.current().step {
            again.step();
        }
        assert_eq!(csv(&a.param_names(), again.kept()), trajectory_csv(&a));
    }

    #[test]
    fn an_export_writes_states_the_history_no_longer_keeps() {
        let mut a = app("wiggle");
        a.trainer.set_window(3);
        let mut whole = a.trainer.clone();
        whole.set_window(usize::MAX / 4);
        for k in 0..60 {
            update(&mut a, Action::Step);
            whole.step();
            if k == 20 {
                update(&mut a, Action::ScaleLearningRate(2.0));
                whole.set_lr(a.trainer.config().lr);
            }
        }
        assert!(
            a.trainer.kept().len() <= 8,
            "{} kept",
            a.trainer.kept().len()
        );
        let Some(Effect::Write { contents, .. }) = a.export_trajectory() else {
            panic!("x asks for a write")
        };
        let Contents::Trajectory(replay) = contents else {
            panic!("the trajectory is replayed into the file")
        };
        let tested = replay.trainer.objective().test().is_some();
        let mut out = crate::fmt::csv_line(columns(&replay.names, tested)).into_bytes();
        replay
            .trainer
            .replay(|s| write_csv_row(&mut out, s).unwrap());
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, csv(&a.param_names(), whole.kept()));
        assert_eq!(text.lines().count(), 62);
    }

    #[test]
    fn a_load_stopped_with_esc_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.csv");
        std::fs::write(&path, "x,y\n1,2\n2,3\n5,1\n").unwrap();
        let mut a = app("intro");
        update(&mut a, Action::Step);
        let before = (a.current().clone(), a.trainer.objective().data().clone());
        update(&mut a, Action::OpenCommandLine);
        for c in format!("load {}", path.display()).chars() {
            update(&mut a, Action::CommandInput(c));
        }
        let Some(effect) = update(&mut a, Action::CommandSubmit) else {
            panic!(":load asks for a read")
        };
        assert!(a.loading().is_some());
        update(&mut a, Action::Dismiss);
        assert!(a.loading().is_none());
        // The answer arrives after Esc: it is dropped.
        assert!(update(&mut a, crate::tui::perform(effect.clone())).is_none());
        assert_eq!(
            (a.current().clone(), a.trainer.objective().data().clone()),
            before
        );
        // Not stopped, the same load fits the new rows.
        let Some(again) = ({
            update(&mut a, Action::OpenCommandLine);
            for c in format!("load {}", path.display()).chars() {
                update(&mut a, Action::CommandInput(c));
            }
            update(&mut a, Action::CommandSubmit)
        }) else {
            panic!(":load asks for a read")
        };
        update(&mut a, crate::tui::perform(again));
        assert_eq!(a.trainer.objective().data().len(), 3);
    }

    #[test]
    fn a_changed_rate_is_reported() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::ScaleLearningRate(2.0));
        // Every update so far used 0.1, so that is what the file holds.
        let (text, warning) = scenario_toml(&a);
        assert_eq!(warning, None);
        assert!(text.contains("lr = 0.1"), "{text}");
        update(&mut a, Action::Step);
        let (_, warning) = scenario_toml(&a);
        assert!(warning.unwrap().contains("η changed"));
    }

    /// Saves `a`, runs the file headless for as many steps as `a` took, and compares.
    fn replays(a: &App) -> bool {
        let (text, _) = scenario_toml(a);
        let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
        let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
        let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
        again.run(setup.max_steps);
        // The trajectory, as exported; the stop status of a state past convergence differs
        // by design (the file replays with tolerance 0).
        csv(&a.param_names(), again.kept()) == trajectory_csv(a)
    }

    #[test]
    fn a_new_seed_keeps_the_data_on_screen() {
        let cli = Scenario {
            dataset: Some("line".into()),
            lr: Some(0.05),
            batch_size: Some(7),
            ..Default::default()
        };
        let mut a = App::new(resolve(&cli, None).unwrap()).unwrap();
        command(&mut a, "seed 7");
        assert_eq!(a.trainer().config().seed, 7);
        for _ in 0..5 {
            update(&mut a, Action::Step);
        }
        let (text, _) = scenario_toml(&a);
        assert!(
            text.contains("[points]") && !text.contains("dataset ="),
            "{text}"
        );
        assert!(replays(&a));
    }

    #[test]
    fn steps_past_convergence_replay_and_only_the_rules_hyperparameters_are_written() {
        let mut a = app("line");
        for _ in 0..30 {
            update(&mut a, Action::Step);
        }
        assert!(
            a.trainer()
                .kept()
                .iter()
                .any(|s| s.status == crate::engine::Status::Converged)
        );
        let (text, warning) = scenario_toml(&a);
        assert!(warning.unwrap().contains("past convergence"));
        assert!(
            !text.contains("\neps =") && !text.contains("\nbeta1 ="),
            "{text}"
        );
        assert!(replays(&a));
    }

    #[test]
    fn adamw_saves_its_weight_decay_and_replays_bit_for_bit() {
        let mut a = app("sigmoid");
        command(&mut a, "optimizer adamw");
        command(&mut a, "weight-decay 0.25");
        for _ in 0..12 {
            update(&mut a, Action::Step);
        }
        let (text, _) = scenario_toml(&a);
        assert!(text.contains("optimizer = \"adamw\""), "{text}");
        assert!(text.contains("weight-decay = 0.25"), "{text}");
        assert!(replays(&a));
    }

    #[test]
    fn a_penalty_is_saved_and_replays_bit_for_bit() {
        let mut a = app("plane");
        command(&mut a, "l2 0.3");
        command(&mut a, "l1 0.02");
        assert_eq!(a.trainer().objective().penalty().l2, 0.3);
        for _ in 0..9 {
            update(&mut a, Action::Step);
        }
        let (text, _) = scenario_toml(&a);
        assert!(
            text.contains("l2 = 0.3") && text.contains("l1 = 0.02"),
            "{text}"
        );
        assert!(replays(&a));
        // A bad λ is refused on the line, and nothing changes.
        command(&mut a, "l2 -1");
        assert_eq!(a.trainer().objective().penalty().l2, 0.3);
        assert!(a.command_line().is_some_and(|c| {
            c.error
                .as_deref()
                .is_some_and(|e| e.contains("l2 must be a finite number ≥ 0"))
        }));
    }

    #[test]
    fn the_exported_trajectory_has_the_run_columns() {
        let mut a = app("blowup");
        update(&mut a, Action::Step);
        let text = trajectory_csv(&a);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("step,epoch,loss,w1,w2,b,grad_w1,grad_w2,grad_b,grad_norm,lr")
        );
        assert_eq!(lines.count(), 2);
    }
}
