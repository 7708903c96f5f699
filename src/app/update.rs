//! The one place where actions change the app.

use std::sync::Arc;

use ndarray::Array1;

use super::{Action, App, SPEEDS};
use crate::engine::optimizer::OPTIMIZERS;
use crate::engine::{Loss, Model, Objective, Optimizer, Status};
use crate::scenario::{LESSONS, Scenario, resolve};

/// Models `m` cycles through on one-feature data.
const MODEL_CYCLE: [&str; 6] = ["linear", "sigmoid", "relu", "logistic", "relus:2", "sigmoids:3"];
/// Losses `l` cycles through; `bce` only where the model and targets allow it.
const LOSS_CYCLE: [Loss; 4] = [Loss::Mse, Loss::HalfMse, Loss::Mae, Loss::Bce];
/// Zoom factor of one `z` press.
const ZOOM_STEP: f64 = 0.8;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    app.notice = None;
    match action {
        Action::Step => {
            app.playing = false;
            step(app, 1);
        }
        Action::StepBack => {
            app.playing = false;
            if app.trainer.step_back() {
                app.point_changed();
            } else {
                app.notice = Some("already at the start".into());
            }
        }
        Action::TogglePlay => {
            if app.diverged() {
                app.notice = Some("diverged: press u to rewind, or r to reset".into());
            } else {
                app.playing = !app.playing;
            }
        }
        Action::Advance(updates) => {
            if app.playing {
                step(app, updates);
            }
        }
        Action::Faster => app.speed = (app.speed + 1).min(SPEEDS.len() - 1),
        Action::Slower => app.speed = app.speed.saturating_sub(1),
        Action::ScaleLearningRate(factor) => {
            let lr = app.trainer.config().lr * factor;
            if lr.is_finite() && lr > 0.0 && lr < 1e300 {
                app.trainer.set_lr(lr);
            } else {
                app.notice = Some("η cannot go further".into());
            }
        }
        Action::Reset => {
            app.playing = false;
            app.trainer.truncate(0);
            app.point_changed();
        }
        Action::RecoverFromDivergence => recover(app),
        Action::NextOptimizer => next_optimizer(app),
        Action::NextModel => next_model(app),
        Action::NextLoss => next_loss(app),
        Action::NextLesson => next_lesson(app),
        Action::NextAxes => {
            let n = app.param_names().len();
            let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
            let at = pairs.iter().position(|&p| p == app.view.axes).map_or(0, |k| (k + 1) % pairs.len());
            if let Some(&axes) = pairs.get(at) {
                app.view = app.framed(axes);
            }
        }
        Action::Pan(direction) => app.view.pan(direction),
        Action::ZoomIn => app.view.zoom(ZOOM_STEP),
        Action::ZoomOut => app.view.zoom(1.0 / ZOOM_STEP),
        Action::FitView => app.view = app.framed(app.view.axes),
        Action::RestartAt(x, y) => {
            let mut start = app.last_finite().params.clone();
            let (i, j) = app.view.axes;
            start[i] = x;
            start[j] = y;
            let (objective, config) = (app.trainer.objective().clone(), app.trainer.config().clone());
            restart_or_tell(app, objective, config, start);
        }
        Action::ToggleHelp => app.help = !app.help,
        Action::LandscapeReady(slice) => {
            // A slice for an older objective would paint the wrong function.
            if slice.request.generation == app.generation {
                app.landscape = Some(*slice);
            }
        }
        Action::Resize(..) => {}
        Action::Quit => app.quit = true,
    }
}

/// Takes up to `updates` updates; play stops at a blowup or on converging.
fn step(app: &mut App, updates: usize) {
    for _ in 0..updates {
        if app.trainer.step().is_none() {
            app.notice = Some("diverged: press u to rewind and halve η, or r to reset".into());
            break;
        }
        if app.current().status != Status::Running {
            break;
        }
    }
    if app.current().status != Status::Running {
        app.playing = false;
    }
    app.point_changed();
}

/// Back to the last state before the loss started to climb, with η halved.
fn recover(app: &mut App) {
    if !app.diverged() {
        app.notice = Some("u rewinds after a blowup; use Backspace to step back".into());
        return;
    }
    let k = app.trainer.climb_start();
    app.trainer.truncate(k);
    let lr = app.trainer.config().lr / 2.0;
    app.trainer.set_lr(lr);
    app.playing = false;
    app.point_changed();
}

fn next_optimizer(app: &mut App) {
    let mut config = app.trainer.config().clone();
    let at = OPTIMIZERS.iter().position(|&k| k == config.optimizer.kind).unwrap_or(0);
    let kind = OPTIMIZERS[(at + 1) % OPTIMIZERS.len()];
    // Hyperparameters carry over; ε is the new rule's own default.
    let old = config.optimizer;
    config.optimizer = Optimizer { kind, eps: kind.default_eps(), ..old };
    let start = app.last_finite().params.clone();
    let objective = app.trainer.objective().clone();
    restart_or_tell(app, objective, config, start);
}

fn next_model(app: &mut App) {
    let objective = app.trainer.objective().clone();
    let features = objective.data().n_features();
    if features != 1 {
        app.notice = Some(format!("only `linear` takes {features} features"));
        return;
    }
    let current = objective.model().to_string();
    let at = MODEL_CYCLE.iter().position(|m| *m == current).map_or(0, |k| k + 1);
    for offset in 0..MODEL_CYCLE.len() {
        let name = MODEL_CYCLE[(at + offset) % MODEL_CYCLE.len()];
        let Ok(model) = Model::parse(name, features) else { continue };
        let loss = if objective.loss() == Loss::Bce && model != Model::Logistic { Loss::Mse } else { objective.loss() };
        if let Ok(next) = Objective::new(objective.data().clone(), model, loss) {
            switch_objective(app, next);
            return;
        }
    }
}

fn next_loss(app: &mut App) {
    let objective = app.trainer.objective().clone();
    let at = LOSS_CYCLE.iter().position(|&l| l == objective.loss()).unwrap_or(0);
    for offset in 1..=LOSS_CYCLE.len() {
        let loss = LOSS_CYCLE[(at + offset) % LOSS_CYCLE.len()];
        if let Ok(next) = Objective::new(objective.data().clone(), objective.model(), loss) {
            switch_objective(app, next);
            return;
        }
    }
}

/// Moves to a new objective, keeping parameter values (and freezes) that share a name.
fn switch_objective(app: &mut App, objective: Objective) {
    let old_names = app.param_names();
    let old_params = app.last_finite().params.clone();
    let old_frozen = app.trainer.config().frozen.clone();
    let model = objective.model();
    let names = model.param_names();
    let defaults = model.default_params();
    let by_name = |name: &String| old_names.iter().position(|n| n == name);
    let start: Array1<f64> = names
        .iter()
        .zip(&defaults)
        .map(|(name, &default)| by_name(name).map_or(default, |i| old_params[i]))
        .collect();
    let mut config = app.trainer.config().clone();
    config.frozen = names.iter().map(|name| by_name(name).is_some_and(|i| old_frozen[i])).collect();
    restart_or_tell(app, Arc::new(objective), config, start);
}

fn next_lesson(app: &mut App) {
    let index = app.lesson.map_or(0, |i| (i + 1) % LESSONS.len());
    let cli = Scenario { preset: Some(LESSONS[index].name.to_owned()), ..Default::default() };
    match resolve(&cli, None).map_err(|e| e.to_string()).and_then(App::new) {
        Ok(next) => *app = next,
        Err(e) => app.notice = Some(e),
    }
}

fn restart_or_tell(app: &mut App, objective: Arc<Objective>, config: crate::engine::Config, start: Array1<f64>) {
    if let Err(e) = app.restart(objective, config, start) {
        app.notice = Some(e);
    }
}

