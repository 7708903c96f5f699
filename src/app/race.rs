//! The optimizer race: several optimizers from the same point on the same landscape.
//!
//! The first racer is `app.trainer`, so everything that reads one run keeps working;
//! [`Race`] holds the others. They share the objective, the start, η, the schedule and
//! every hyperparameter; only the update rule differs (with its own default ε).

use crate::t;
use std::sync::Arc;

use ndarray::Array1;

use super::keys::key_for;
use super::{Action, App};
use crate::engine::{Config, Error, MIN_RACERS, Objective, OptimizerKind, Status, Trainer};

/// What `c` races: the current optimizer first, then the others of these.
pub const DEFAULT_RACE: [OptimizerKind; 3] = [
    OptimizerKind::Gd,
    OptimizerKind::Momentum,
    OptimizerKind::Adam,
];

/// What `c` opens: `current`, then the others of [`DEFAULT_RACE`].
pub fn default_race(current: OptimizerKind) -> Vec<OptimizerKind> {
    std::iter::once(current)
        .chain(DEFAULT_RACE.into_iter().filter(|&k| k != current))
        .collect()
}

/// The racers after the first one (which is `app.trainer`).
#[derive(Debug, Clone)]
pub struct Race {
    /// Racers 2, 3, …, in the order given.
    pub others: Vec<Trainer>,
}

impl Race {
    /// Racers for `kinds` on `objective` from `start`, each with `config`'s settings.
    pub(super) fn build(
        objective: &Arc<Objective>,
        config: &Config,
        start: &Array1<f64>,
        kinds: impl IntoIterator<Item = OptimizerKind>,
    ) -> Result<Race, Error> {
        let others = kinds
            .into_iter()
            .map(|kind| {
                super::curvature::trainer(
                    objective.clone(),
                    config.with_optimizer(kind),
                    start.clone(),
                )
            })
            .collect::<Result<_, _>>()?;
        Ok(Race { others })
    }

    /// The update rules of racers 2, 3, ….
    pub fn kinds(&self) -> impl Iterator<Item = OptimizerKind> + '_ {
        self.others.iter().map(|t| t.config().optimizer.kind)
    }
}

impl App {
    /// True while several optimizers race.
    pub fn racing(&self) -> bool {
        self.race.is_some()
    }

    /// Every racer, the first being `self.trainer` (just that one when not racing).
    pub fn racers(&self) -> impl Iterator<Item = &Trainer> + '_ {
        std::iter::once(&self.trainer).chain(self.race.iter().flat_map(|r| r.others.iter()))
    }

    /// Every racer, mutably.
    pub(super) fn racers_mut(&mut self) -> impl Iterator<Item = &mut Trainer> + '_ {
        std::iter::once(&mut self.trainer)
            .chain(self.race.iter_mut().flat_map(|r| r.others.iter_mut()))
    }

    /// True when some racer can still take an update under play.
    pub fn any_running(&self) -> bool {
        self.racers().any(|t| t.current().status == Status::Running)
    }

    /// Starts a race of `kinds` (at least two, no repeats) from the current point: the
    /// first becomes `self.trainer`, and every racer starts a new history there.
    pub fn open_race(&mut self, kinds: &[OptimizerKind]) -> Result<(), Error> {
        let got = kinds.len();
        let (&first, rest) =
            kinds
                .split_first()
                .filter(|_| got >= MIN_RACERS)
                .ok_or(Error::TooFewRacers {
                    got,
                    fewest: MIN_RACERS,
                })?;
        let objective = self.trainer.objective().clone();
        let config = self.trainer.config().with_optimizer(first);
        let start = self.last_finite().params.clone();
        let race = Race::build(&objective, &config, &start, rest.iter().copied())?;
        self.race = None;
        self.restart(objective, config, start)?;
        self.race = Some(race);
        self.viewport = self.framed(self.viewport.plane.clone());
        Ok(())
    }

    /// Ends the race, keeping the first racer and its history.
    pub fn close_race(&mut self) {
        self.race = None;
    }

    /// `c`: races gd, momentum and adam (the current optimizer first), or ends the race,
    /// keeping the first racer's run.
    pub(super) fn toggle_race(&mut self) {
        if self.racing() {
            self.close_race();
            let kept = self.trainer.config().optimizer.kind;
            return self.tell(t!("notice-race-over", kept = kept));
        }
        let kinds = default_race(self.trainer.config().optimizer.kind);
        match self.open_race(&kinds) {
            Ok(()) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                self.tell(t!(
                    "notice-racing",
                    names = names.join(", "),
                    key = key_for(&Action::ToggleRace)
                ));
            }
            Err(e) => self.tell(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;

    use crate::testing::lesson as app;

    fn kinds(app: &App) -> Vec<OptimizerKind> {
        app.racers().map(|t| t.config().optimizer.kind).collect()
    }

    fn steps(app: &App) -> Vec<usize> {
        app.racers().map(|t| t.current().step).collect()
    }

    #[test]
    fn c_races_from_the_current_point() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::Step);
        let here = a.current().params.clone();
        update(&mut a, Action::ToggleRace);
        assert!(a.racing());
        assert_eq!(
            kinds(&a),
            [
                OptimizerKind::Gd,
                OptimizerKind::Momentum,
                OptimizerKind::Adam
            ]
        );
        for t in a.racers() {
            assert_eq!(t.kept().len(), 1);
            assert_eq!(t.current().params, here);
            assert_eq!(t.config().lr, 0.1);
        }
        // ε is each rule's own default; the other hyperparameters are shared.
        let adam = a.racers().nth(2).unwrap().config().optimizer;
        assert_eq!(adam.eps, 1e-8);
        assert_eq!(adam.momentum, a.trainer().config().optimizer.momentum);
    }

    #[test]
    fn the_current_optimizer_leads_and_is_not_repeated() {
        let mut a = app("wiggle"); // Adam
        update(&mut a, Action::ToggleRace);
        assert_eq!(
            kinds(&a),
            [
                OptimizerKind::Adam,
                OptimizerKind::Gd,
                OptimizerKind::Momentum
            ]
        );
        assert_eq!(
            default_race(OptimizerKind::Nesterov).len(),
            4,
            "three others when the current one is not among them"
        );
    }

    #[test]
    fn every_racer_steps_together_and_steps_back_together() {
        let mut a = app("ravine");
        update(&mut a, Action::ToggleRace);
        for _ in 0..5 {
            update(&mut a, Action::Step);
        }
        assert_eq!(steps(&a), [5, 5, 5]);
        update(&mut a, Action::TogglePlay);
        update(&mut a, Action::Advance(10));
        assert_eq!(steps(&a), [15, 15, 15]);
        let before: Vec<_> = a.racers().map(|t| t.kept()[14].clone()).collect();
        update(&mut a, Action::StepBack);
        assert_eq!(steps(&a), [14, 14, 14]);
        let after: Vec<_> = a.racers().map(|t| t.current().clone()).collect();
        assert_eq!(before, after, "step back is exact for every racer");
        // The racers really are different rules.
        assert_ne!(after[0].params, after[1].params);
        assert_ne!(after[0].params, after[2].params);
        update(&mut a, Action::Reset);
        assert_eq!(steps(&a), [0, 0, 0]);
    }

    #[test]
    fn a_racer_that_diverges_stays_put_while_the_others_go_on() {
        // Just past plain GD's η limit the ravine blows GD up (after 144 updates);
        // momentum's limit is higher, so it goes on.
        let mut a = app("ravine-blowup");
        a.open_race(&[OptimizerKind::Momentum, OptimizerKind::Gd])
            .unwrap();
        update(&mut a, Action::TogglePlay);
        update(&mut a, Action::Advance(300));
        let gd = a.race().unwrap().others[0].current().clone();
        assert_eq!(gd.status, Status::Diverged);
        assert_eq!(gd.step, 144);
        assert_eq!(a.current().step, 300, "momentum went on");
        assert_eq!(a.current().status, Status::Running);
        assert!(a.playing(), "play goes on while a racer can move");
        assert!(!a.diverged());
        // Step back walks the shared clock: the diverged racer waits until it is reached.
        update(&mut a, Action::StepBack);
        assert_eq!(a.current().step, 299);
        assert_eq!(
            a.race().unwrap().others[0].current(),
            &gd,
            "the blown-up racer keeps its last state"
        );
        // u rewinds the diverged racer and halves η for everyone.
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(a.current().step, 299, "a racer that did not blow up stays");
        for t in a.racers() {
            assert_eq!(t.config().lr, 0.005);
            assert_ne!(t.current().status, Status::Diverged);
        }
    }

    #[test]
    fn play_stops_when_no_racer_can_move() {
        let mut a = app("blowup");
        update(&mut a, Action::ToggleRace);
        update(&mut a, Action::TogglePlay);
        update(&mut a, Action::Advance(1000));
        assert!(a.racers().all(|t| t.current().status != Status::Running));
        assert!(!a.playing());
        update(&mut a, Action::TogglePlay);
        assert!(!a.playing());
        assert!(a.notice().is_some());
    }

    #[test]
    fn eta_changes_apply_to_every_racer() {
        let mut a = app("intro");
        update(&mut a, Action::ToggleRace);
        update(&mut a, Action::ScaleLearningRate(2.0));
        assert!(a.racers().all(|t| t.config().lr == 0.2));
        crate::app::command::execute(&mut a, "lr 0.05").unwrap();
        assert!(a.racers().all(|t| t.config().lr == 0.05));
    }

    #[test]
    fn toggling_off_keeps_the_first_racer() {
        let mut a = app("intro");
        update(&mut a, Action::ToggleRace);
        for _ in 0..4 {
            update(&mut a, Action::Step);
        }
        let first = a.trainer().kept().to_vec();
        update(&mut a, Action::ToggleRace);
        assert!(!a.racing());
        assert_eq!(a.trainer().kept(), first.as_slice());
        assert_eq!(a.racers().count(), 1);
    }

    #[test]
    fn a_new_objective_or_start_rebuilds_every_racer() {
        let mut a = app("intro");
        update(&mut a, Action::ToggleRace);
        update(&mut a, Action::Step);
        update(&mut a, Action::NextModel);
        assert!(a.racing());
        for t in a.racers() {
            assert_eq!(t.objective().model().to_string(), "sigmoid");
            assert_eq!(t.kept().len(), 1);
            assert_eq!(t.current().params, a.current().params);
        }
        update(&mut a, Action::RestartAt(0.5, -1.0));
        assert!(
            a.racers()
                .all(|t| t.current().params.to_vec()[..2] == [0.5, -1.0])
        );
        // The optimizer is the race's: `o` is refused while racing.
        update(&mut a, Action::NextOptimizer);
        assert!(a.notice().unwrap().contains("racing"));
        assert_eq!(a.racers().count(), 3);
    }
}
