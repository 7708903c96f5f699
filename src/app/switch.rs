//! Changing what is trained: the optimizer, model, loss, seed, lesson, start or data.
//! Each starts a fresh history; the landscape and the stability follow.

use std::sync::Arc;

use ndarray::Array1;

use super::keys::key_for;
use super::{Action, App, Error, Side};
use crate::engine::{
    self, Config, Dataset, Loss, MODEL_CHOICES, MODEL_CHOICES_SEVERAL, Model, OPTIMIZERS,
    Objective, OptimizerKind, Penalty,
};
use crate::fmt::{self, human};
use crate::scenario::{LESSONS, PlaneChoice, Points, Scenario, resolve};
use crate::t;

impl App {
    /// Starts a fresh trainer (new history) with these pieces.
    pub(super) fn restart(
        &mut self,
        objective: Arc<Objective>,
        config: Config,
        start: Array1<f64>,
    ) -> Result<(), engine::Error> {
        let changed = !Arc::ptr_eq(&objective, self.trainer.objective());
        // Every racer moves to the new objective and start, each keeping its own rule.
        let race = match &self.race {
            Some(race) => Some(super::Race::build(
                &objective,
                &config,
                &start,
                race.kinds(),
            )?),
            None => None,
        };
        self.trainer = super::curvature::trainer(objective, config, start)?;
        self.race = race;
        self.as_written = crate::report::as_written(&self.setup, &self.trainer);
        self.playing = false;
        // A sweep describes runs from the old start and settings.
        self.close_sweep();
        if changed {
            self.objective_changed();
        } else {
            // Frozen values may have moved with the start, and the minimiser with them.
            self.minimizer = self.exact_minimizer();
            self.refresh_slice_minimizer();
            self.refresh_stability();
            self.refresh_landing(true);
            self.reframe();
            self.sharpness_trace.clear();
            self.record_sharpness();
        }
        Ok(())
    }

    /// [`App::restart`], telling the person when it is refused.
    fn restart_or_tell(&mut self, objective: Arc<Objective>, config: Config, start: Array1<f64>) {
        if let Err(e) = self.restart(objective, config, start) {
            self.tell(e);
        }
    }

    /// Restarts from `start` with the current objective and settings.
    pub(super) fn restart_from(&mut self, start: Array1<f64>) {
        let objective = self.trainer.objective().clone();
        let config = self.trainer.config().clone();
        self.restart_or_tell(objective, config, start);
    }

    /// Restarts from the current point with `config`.
    pub(super) fn reconfigure(&mut self, config: Config) {
        let objective = self.trainer.objective().clone();
        let start = self.last_finite().params.clone();
        self.restart_or_tell(objective, config, start);
    }

    /// Recomputes what depends on the objective, and frames the view anew.
    pub(super) fn objective_changed(&mut self) {
        self.generation += 1;
        self.landscape = None;
        // A sweep of the old objective would describe another function.
        self.close_sweep();
        self.minimizer = self.exact_minimizer();
        self.conditioning = self.scaling_effect();
        let plane = self.plane_for_objective();
        self.slice_minimizer = self.slice_minimum(&plane);
        // A new function is framed afresh, and followed.
        self.viewport = self.framed(plane);
        self.view_locked = false;
        self.refresh_stability();
        self.refresh_landing(true);
        self.sharpness_trace.clear();
        self.record_sharpness();
    }

    /// The minimiser of a quadratic loss with the frozen parameters at their start values.
    pub(super) fn exact_minimizer(&self) -> Option<Array1<f64>> {
        let start = &self.trainer.start().params;
        let frozen = &self.trainer.config().frozen;
        self.landscape_objective()
            .quadratic_minimizer(start.as_slice().expect("contiguous"), frozen)
    }

    /// Closes the sweep panel, if it is open.
    fn close_sweep(&mut self) {
        if matches!(self.side, Side::Sweep(_)) {
            self.side = Side::Plots;
        }
    }

    /// `o`: the next optimizer, from the current point.
    pub(super) fn next_optimizer(&mut self) {
        let kind = self.trainer.config().optimizer.kind;
        let at = OPTIMIZERS.iter().position(|&k| k == kind).unwrap_or(0);
        if let Err(e) = self.set_optimizer(OPTIMIZERS[(at + 1) % OPTIMIZERS.len()]) {
            self.tell(e);
        }
    }

    /// Switches the update rule, from the current point; refused while racing.
    pub(super) fn set_optimizer(&mut self, kind: OptimizerKind) -> Result<(), Error> {
        if self.racing() {
            return Err(Error::Refused(t!(
                "notice-racing-optimizer",
                key = key_for(&Action::ToggleRace)
            )));
        }
        // Hyperparameters carry over; ε is the new rule's own default.
        self.reconfigure(self.trainer.config().with_optimizer(kind));
        Ok(())
    }

    /// Reseeds the mini-batch shuffles, from the current point.
    pub(super) fn reseed(&mut self, seed: u64) {
        let mut config = self.trainer.config().clone();
        config.seed = seed;
        self.reconfigure(config);
    }

    /// `m`: the next model the data allows, keeping the parameters it shares.
    pub(super) fn next_model(&mut self) {
        if let Some(e) = self.surface_refusal("noun-model-to-change") {
            return self.tell(e);
        }
        let choices: &[&str] = match self.trainer.objective().data().n_features() {
            1 => &MODEL_CHOICES,
            _ => &MODEL_CHOICES_SEVERAL,
        };
        let current = self.trainer.objective().model().to_string();
        let at = choices
            .iter()
            .position(|m| *m == current)
            .map_or(0, |k| k + 1);
        for offset in 0..choices.len() {
            let name = choices[(at + offset) % choices.len()];
            if self.set_model(name).is_ok() {
                return;
            }
        }
    }

    /// `data`, `model` and `loss` under the current penalty on the weights, with the
    /// current test rows held out (through `data`'s scaling).
    pub(super) fn objective_like(
        &self,
        data: Dataset,
        model: Model,
        loss: Loss,
    ) -> Result<Objective, engine::Error> {
        let current = self.trainer.objective();
        let objective = Objective::new(data, model, loss)?.with_penalty(current.penalty())?;
        let Some(test) = current.test() else {
            return Ok(objective);
        };
        let t = test.data();
        let rows = objective
            .data()
            .with_rows(t.original_x().clone(), t.y.clone())?;
        objective.with_test(rows)
    }

    /// `:l2 λ` and `:l1 λ`: the penalty on the weights, from the current point.
    pub(super) fn set_penalty(&mut self, penalty: Penalty) -> Result<(), engine::Error> {
        if let Some(e) = self.surface_refusal("noun-weights-to-penalise") {
            return Err(e);
        }
        let next = self
            .trainer
            .objective()
            .as_ref()
            .clone()
            .with_penalty(penalty)?;
        self.switch_objective(next);
        Ok(())
    }

    /// Switches to model `name`, keeping the loss where the model takes it.
    pub(super) fn set_model(&mut self, name: &str) -> Result<Model, engine::Error> {
        if let Some(e) = self.surface_refusal("noun-model-to-change") {
            return Err(e);
        }
        let objective = self.trainer.objective();
        // A new `mlp` keeps the hidden activation of the current one.
        let activation = objective
            .model()
            .hidden_activation()
            .unwrap_or(engine::Activation::Tanh);
        let model = Model::parse_with(name, objective.data().n_features(), activation)?;
        let loss = objective.loss().for_model(model);
        let next = self.objective_like(objective.data().clone(), model, loss)?;
        self.switch_objective(next);
        Ok(model)
    }

    /// `l`: the next loss the model allows.
    pub(super) fn next_loss(&mut self) {
        if let Some(e) = self.surface_refusal("noun-loss-to-change") {
            return self.tell(e);
        }
        let current = self.trainer.objective().loss();
        let at = Loss::ALL.iter().position(|&l| l == current).unwrap_or(0);
        for offset in 1..=Loss::ALL.len() {
            if self
                .set_loss(Loss::ALL[(at + offset) % Loss::ALL.len()])
                .is_ok()
            {
                return;
            }
        }
    }

    /// Switches to `loss`, if the model and targets allow it.
    pub(super) fn set_loss(&mut self, loss: Loss) -> Result<(), engine::Error> {
        if let Some(e) = self.surface_refusal("noun-loss-to-change") {
            return Err(e);
        }
        let objective = self.trainer.objective();
        let next = self.objective_like(objective.data().clone(), objective.model(), loss)?;
        self.switch_objective(next);
        Ok(())
    }

    /// `d` and `D`: the built-in lesson `offset` places after the open one (the first
    /// when none is open), as it ships.
    pub(super) fn next_lesson(&mut self, offset: isize) {
        let count = LESSONS.len() as isize;
        let index = match self.lesson {
            Some(i) => (i as isize + offset).rem_euclid(count) as usize,
            None => 0,
        };
        self.open_lesson(index);
    }

    /// Opens built-in lesson `index` of [`LESSONS`] as it ships.
    pub(super) fn open_lesson(&mut self, index: usize) {
        let cli = Scenario {
            preset: Some(LESSONS[index].name.to_owned()),
            ..Default::default()
        };
        match resolve(&cli, None)
            .map_err(|e| e.to_string())
            .and_then(|setup| App::new(setup).map_err(|e| e.to_string()))
        {
            Ok(next) => *self = next,
            Err(e) => self.tell(e),
        }
    }

    /// `R`: the lesson or scenario as it was opened (with the options it was opened
    /// with), from its start: every switch, setting and step since is gone.
    pub(super) fn reload(&mut self) {
        match App::new(self.setup.clone()) {
            Ok(fresh) => {
                *self = fresh;
                self.tell(t!("notice-reloaded", name = self.setup.name));
            }
            Err(e) => self.tell(e),
        }
    }

    /// A click on the landscape: restarts with the axis parameters at (`x`, `y`).
    /// On the curve of one free parameter only that parameter moves.
    pub(super) fn restart_at(&mut self, x: f64, y: f64) {
        let here = self.last_finite().params.clone();
        let plane = &self.viewport.plane;
        // On a curve the other axis parameter stays where it is.
        let y = match (
            self.curve_axis(),
            plane.coords(here.as_slice().expect("contiguous")),
        ) {
            (Some(_), Some((_, held))) => held,
            _ => y,
        };
        let start = plane.point_through(here.as_slice().expect("contiguous"), (x, y));
        self.restart_from(ndarray::Array1::from(start));
    }

    /// Moves to a new objective. The same model keeps the current point; another model
    /// starts at its documented defaults (a `w` of one model is not the `w` of another:
    /// `relus:2`'s c = 0.5 would make a poor `sigmoids:3` start). Freezes that share a
    /// name stay.
    pub(super) fn switch_objective(&mut self, objective: Objective) {
        let old_names = self.param_names();
        let old_frozen = self.trainer.config().frozen.clone();
        let model = objective.model();
        let names = model.param_names();
        let by_name = |name: &String| old_names.iter().position(|n| n == name);
        let chosen = self.plane_choice;
        let start = if model == self.trainer.objective().model() {
            self.last_finite().params.clone()
        } else {
            // Two parameters of the old model are not two of the new one.
            if matches!(self.plane_choice, PlaneChoice::Params(..)) {
                self.plane_choice = PlaneChoice::Params(0, 1);
            }
            Array1::from(model.start_params(self.trainer.config().seed))
        };
        let mut config = self.trainer.config().clone();
        config.frozen = names
            .iter()
            .map(|name| by_name(name).is_some_and(|i| old_frozen[i]))
            .collect();
        self.restart_or_tell(Arc::new(objective), config, start);
        if self.trainer.objective().model() != model {
            // Refused: the old model and its plane stay.
            self.plane_choice = chosen;
        }
    }

    /// Fits `data`, read from `path`, with the current model where it takes the data
    /// (`linear` otherwise); says how many rows came.
    pub(super) fn load_data(&mut self, data: Dataset, path: &str) -> Result<String, engine::Error> {
        if let Some(e) = self.surface_refusal("noun-data-to-change") {
            return Err(e);
        }
        let current = self.trainer.objective();
        let model = current
            .model()
            .for_features(data.n_features())
            .unwrap_or(Model::Linear {
                features: data.n_features(),
            });
        let loss = current.loss().for_model(model);
        let rows = data.len();
        // The scaling chosen goes on, its numbers taken from the new rows.
        let data = match current.data().scale() {
            engine::Scale::Raw => data,
            scale => data.scaled(scale)?,
        };
        // The held-out rows were another file's: the new one is fitted whole.
        let dropped = current.test().is_some();
        let next = Objective::new(data, model, loss)?.with_penalty(current.penalty())?;
        self.switch_objective(next);
        // Saving later must point at this file, not at the lesson's data.
        let scenario = &mut self.setup.scenario;
        *scenario = Scenario {
            data: Some(path.into()),
            dataset: None,
            points: None,
            n: None,
            noise: None,
            target: None,
            caption: None,
            description: None,
            test_fraction: None,
            test: None,
            ..scenario.clone()
        };
        let path = fmt::one_line(path);
        Ok(if dropped {
            t!("notice-loaded-all-train", count = rows, path = path)
        } else {
            t!("notice-loaded", count = rows, path = path)
        })
    }

    /// A click on the fit: adds the data row (`x`, `y`).
    pub(super) fn add_point(&mut self, x: f64, y: f64) {
        let (x, _) = self.in_own_units(0, x, 0.0);
        self.edit_data(1, |xs, ys| {
            xs.push(x);
            ys.push(y);
            Ok(t!("notice-added-point", x = human(x), y = human(y)))
        });
    }

    /// A right click on the fit: removes the row nearest `at`, distances measured in
    /// units of the plot's `spans` so that nearest is nearest on screen.
    pub(super) fn remove_point(&mut self, at: (f64, f64), spans: (f64, f64)) {
        let ((x, span), y) = (self.in_own_units(0, at.0, spans.0), at.1);
        let (at, spans) = ((x, y), (span, spans.1));
        self.edit_data(1, |xs, ys| {
            if ys.len() <= 1 {
                return Err(t!("notice-last-point"));
            }
            let distance = |i: usize| ((xs[i] - at.0) / spans.0).hypot((ys[i] - at.1) / spans.1);
            let nearest = (0..ys.len())
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
                .expect("rows");
            let (x, y) = (xs.remove(nearest), ys.remove(nearest));
            Ok(t!("notice-removed-point", x = human(x), y = human(y)))
        });
    }

    /// A click on the two-feature fit: adds a row at (`x1`, `x2`) of the class `k` chose.
    pub(super) fn add_plane_point(&mut self, x1: f64, x2: f64) {
        let ((x1, _), (x2, _)) = (self.in_own_units(0, x1, 0.0), self.in_own_units(1, x2, 0.0));
        let class = self.add_class;
        self.edit_data(2, |xs, ys| {
            xs.extend([x1, x2]);
            ys.push(class);
            Ok(t!(
                "notice-added-class-point",
                class = class,
                x1 = human(x1),
                x2 = human(x2)
            ))
        });
    }

    /// A right click on the two-feature fit: removes the row nearest `at` in the plane,
    /// distances in units of the plot's `spans`.
    pub(super) fn remove_plane_point(&mut self, at: (f64, f64), spans: (f64, f64)) {
        let (a, b) = (
            self.in_own_units(0, at.0, spans.0),
            self.in_own_units(1, at.1, spans.1),
        );
        let (at, spans) = ((a.0, b.0), (a.1, b.1));
        self.edit_data(2, |xs, ys| {
            if ys.len() <= 1 {
                return Err(t!("notice-last-point"));
            }
            let distance =
                |i: usize| ((xs[2 * i] - at.0) / spans.0).hypot((xs[2 * i + 1] - at.1) / spans.1);
            let nearest = (0..ys.len())
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
                .expect("rows");
            let row: Vec<f64> = xs.drain(2 * nearest..2 * nearest + 2).collect();
            let y = ys.remove(nearest);
            Ok(t!(
                "notice-removed-class-point",
                x1 = human(row[0]),
                x2 = human(row[1]),
                y = human(y)
            ))
        });
    }

    /// Feature `j`'s value `z` and a span `dz` as the fit panel places them (as the model
    /// sees the feature) in the feature's own units, where edits are made.
    fn in_own_units(&self, j: usize, z: f64, dz: f64) -> (f64, f64) {
        let data = self.trainer.objective().data();
        let x = data.to_original(j, z);
        (x, data.to_original(j, z + dz) - x)
    }

    /// Key `k`: a click on the two-feature fit adds the other class from now on.
    pub(super) fn toggle_add_class(&mut self) {
        self.add_class = 1.0 - self.add_class;
        let glyph = if self.add_class == 1.0 { '●' } else { '○' };
        self.tell(t!(
            "notice-adds-class",
            class = self.add_class,
            glyph = glyph
        ));
    }

    /// Changes data of `features` features through `edit` (on copies of the rows, flat,
    /// and the targets) and refits from the current point; the landscape and loss follow,
    /// as for any new objective.
    fn edit_data(
        &mut self,
        features: usize,
        edit: impl FnOnce(&mut Vec<f64>, &mut Vec<f64>) -> Result<String, String>,
    ) {
        if let Some(e) = self.surface_refusal("noun-data-to-change") {
            return self.tell(e);
        }
        let objective = self.trainer.objective().clone();
        let data = objective.data();
        if data.n_features() != features {
            self.tell(if features == 1 {
                t!("notice-points-one-feature")
            } else {
                t!("notice-points-two-features")
            });
            return;
        }
        // Edits are made in the features' own units; the scaling stays as it was taken.
        let original = data.original_x().iter().copied();
        let (mut xs, mut ys): (Vec<f64>, _) = (original.collect(), data.y_slice().to_vec());
        let message = match edit(&mut xs, &mut ys) {
            Ok(message) => message,
            Err(e) => return self.tell(e),
        };
        let rows = ys.len();
        let rebuilt = ndarray::Array2::from_shape_vec((rows, features), xs)
            .map_err(|e| Error::Refused(e.to_string()))
            .and_then(|x| Ok(data.with_rows(x, ys.into())?))
            .and_then(|d| Ok(self.objective_like(d, objective.model(), objective.loss())?));
        match rebuilt {
            Ok(next) => {
                self.switch_objective(next);
                self.keep_edited_rows();
                self.tell(message);
            }
            Err(e) => self.tell(e),
        }
    }

    /// Writes the edited rows into the scenario, so a saved scenario carries them rather
    /// than the original source, and drops the lesson's words, which describe its own data.
    fn keep_edited_rows(&mut self) {
        let d = self.trainer.objective().data();
        let points = Points::of(d);
        let target = d.target.clone();
        let scenario = &mut self.setup.scenario;
        scenario.points = Some(points);
        // The rows written are the training rows: splitting them again would hold out others.
        scenario.test_fraction = None;
        scenario.data = None;
        scenario.dataset = None;
        scenario.n = None;
        scenario.noise = None;
        scenario.target = Some(target);
        scenario.description = None;
        scenario.caption = None;
    }
}
