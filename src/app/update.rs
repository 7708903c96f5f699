//! The one place where actions change the app.

use std::sync::Arc;

use ndarray::Array1;

use super::{Action, App, CommandLine, SPEEDS};
use crate::engine::optimizer::OPTIMIZERS;
use crate::engine::{Loss, Model, Objective, Optimizer, Status};
use crate::explain::Phase;
use crate::scenario::{LESSONS, Scenario, resolve};

/// Models `m` cycles through on one-feature data.
const MODEL_CYCLE: [&str; 6] = [
    "linear",
    "sigmoid",
    "relu",
    "logistic",
    "relus:2",
    "sigmoids:3",
];
/// Losses `l` cycles through; `bce` only where the model and targets allow it.
const LOSS_CYCLE: [Loss; 4] = [Loss::Mse, Loss::HalfMse, Loss::Mae, Loss::Bce];
/// Why the optimizer cannot be switched during a race.
pub(super) const RACING_OPTIMIZER: &str =
    "racing: each racer keeps its optimizer; press c to end the race first";
/// Smallest η the keys go down to.
const MIN_LR: f64 = 1e-300;
/// Zoom factor of one `z` press.
const ZOOM_STEP: f64 = 0.8;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    let explained = !matches!(action, Action::Explain | Action::Dismiss);
    apply(app, action);
    // The explanation follows the state it explains.
    if explained && let Some((phase, _)) = app.explaining {
        app.explain_phase(Some(phase));
    }
}

fn apply(app: &mut App, action: Action) {
    // A notice answers the person's last action; the loop's own actions keep it visible.
    if !matches!(
        action,
        Action::Advance(_)
            | Action::LandscapeReady(_)
            | Action::SweepResult { .. }
            | Action::Resize(..)
    ) {
        app.notice = None;
        // Any key of the person's stops a `:steps` run (the command line may start another).
        app.queued = 0;
    }
    match action {
        Action::Step => {
            app.playing = false;
            step(app, 1);
        }
        Action::StepBack => {
            app.playing = false;
            // Back one tick of the shared clock: a racer that stopped earlier waits there.
            let now = app.racers().map(|t| t.current().step).max().unwrap_or(0);
            if now > 0 {
                for t in app.racers_mut() {
                    let at = t.current().step.min(now - 1);
                    t.truncate(at);
                }
                app.point_changed();
            } else {
                app.notice = Some("already at the start".into());
            }
        }
        Action::TogglePlay => {
            if app.diverged() {
                app.notice = Some("diverged: press u to rewind, or r to reset".into());
            } else if !app.playing && !app.any_running() {
                app.notice = Some(if app.racing() {
                    "no racer can move: each converged or diverged; Space still steps".into()
                } else {
                    "converged (|∇| within the tolerance); Space still steps".into()
                });
            } else {
                app.playing = !app.playing;
                // The sharpness waited while playing.
                app.point_changed();
            }
        }
        Action::Advance(updates) => {
            if app.queued > 0 {
                let take = updates.min(app.queued);
                app.queued -= take;
                step(app, take);
                if !app.any_running() {
                    app.queued = 0;
                }
            } else if app.playing {
                step(app, updates);
            }
        }
        Action::Faster => app.speed = (app.speed + 1).min(SPEEDS.len() - 1),
        Action::Slower => app.speed = app.speed.saturating_sub(1),
        Action::ScaleLearningRate(factor) => {
            let lr = app.trainer.config().lr * factor;
            if lr.is_finite() && lr > MIN_LR && lr < 1e300 {
                app.set_lr(lr);
            } else {
                app.notice = Some("η cannot go further".into());
            }
        }
        Action::Reset => {
            app.playing = false;
            for t in app.racers_mut() {
                t.truncate(0);
            }
            app.point_changed();
        }
        Action::RecoverFromDivergence => recover(app),
        Action::NextOptimizer => next_optimizer(app),
        Action::ToggleRace => toggle_race(app),
        Action::NextModel => next_model(app),
        Action::NextLoss => next_loss(app),
        Action::NextLesson => next_lesson(app),
        Action::NextAxes => {
            let n = app.param_names().len();
            let pairs: Vec<(usize, usize)> = (0..n)
                .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                .collect();
            let at = pairs
                .iter()
                .position(|&p| p == app.view.axes)
                .map_or(0, |k| (k + 1) % pairs.len());
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
            let (objective, config) = (
                app.trainer.objective().clone(),
                app.trainer.config().clone(),
            );
            restart_or_tell(app, objective, config, start);
        }
        Action::ToggleHelp => app.help = !app.help,
        Action::Explain => match app.explaining.as_ref().map(|(phase, _)| *phase) {
            None => {
                // Explain mode and the sweep share the side column.
                app.sweep = None;
                app.explain_phase(Some(Phase::Forward));
            }
            Some(phase) => match phase.next() {
                Some(next) => app.explain_phase(Some(next)),
                None => {
                    // After the update phase, the update itself, then the next one's forward pass.
                    app.playing = false;
                    step(app, 1);
                    app.explain_phase(Some(Phase::Forward));
                }
            },
        },
        Action::Dismiss => {
            if app.help {
                app.help = false;
            } else if app.explaining.is_some() {
                app.explaining = None;
            } else if app.sweep.is_some() {
                app.sweep = None;
            } else {
                app.quit = true;
            }
        }
        Action::AddPoint(x, y) => edit_data(app, |xs, ys| {
            xs.push(x);
            ys.push(y);
            Ok(format!(
                "added the point ({}, {})",
                crate::cli::human(x),
                crate::cli::human(y)
            ))
        }),
        Action::RemovePoint { at, spans } => edit_data(app, |xs, ys| {
            if ys.len() <= 1 {
                return Err("the last point stays: a fit needs data".to_owned());
            }
            let distance = |i: usize| ((xs[i] - at.0) / spans.0).hypot((ys[i] - at.1) / spans.1);
            let nearest = (0..ys.len())
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
                .expect("rows");
            let (x, y) = (xs.remove(nearest), ys.remove(nearest));
            Ok(format!(
                "removed the point ({}, {})",
                crate::cli::human(x),
                crate::cli::human(y)
            ))
        }),
        Action::ExportTrajectory => {
            let name = format!(
                "downhill-{}-step{}",
                app.setup.name.replace(['/', '.', ' '], "_"),
                app.current().step
            );
            let path = crate::export::unused_name(&name, "csv");
            app.notice = Some(
                match crate::export::write_new(&path, &crate::export::trajectory_csv(app)) {
                    Ok(written) => format!("wrote {}", written.display()),
                    Err(e) => e,
                },
            );
        }
        Action::OpenCommandLine => app.command = Some(CommandLine::default()),
        Action::CommandInput(c) => {
            if let Some(line) = &mut app.command {
                line.text.push(c);
                line.error = None;
            }
        }
        Action::CommandBackspace => {
            if let Some(line) = &mut app.command {
                line.text.pop();
                line.error = None;
            }
        }
        Action::CommandComplete => {
            if let Some(line) = &app.command {
                let (text, listed) = super::command::complete(app, &line.text);
                app.command = Some(CommandLine {
                    text,
                    error: listed,
                });
            }
        }
        Action::CommandSubmit => {
            if let Some(line) = app.command.take() {
                match super::command::execute(app, &line.text) {
                    Ok(done) => app.notice = Some(done),
                    Err(error) => {
                        app.command = Some(CommandLine {
                            error: Some(error),
                            ..line
                        })
                    }
                }
            }
        }
        Action::CommandCancel => app.command = None,
        Action::ToggleSharpness => app.show_sharpness = !app.show_sharpness,
        Action::ToggleCaption => {
            if app.setup.scenario.caption.is_some() {
                app.caption = !app.caption;
            } else {
                app.notice = Some("this scenario has no caption".into());
            }
        }
        Action::ToggleSweep => {
            if app.sweep.take().is_none() {
                match app.new_sweep() {
                    Ok(sweep) => {
                        app.explaining = None;
                        app.sweep = Some(sweep);
                    }
                    Err(e) => app.notice = Some(e),
                }
            }
        }
        Action::SweepCursor(by) => {
            if let Some(sweep) = &mut app.sweep {
                sweep.move_cursor(by);
            }
        }
        Action::PickSweepRate => {
            if let Some(sweep) = app.sweep.take() {
                let lr = sweep.cursor_lr();
                app.set_lr(lr);
                let outcome = match &sweep.rows[sweep.cursor] {
                    Some(row) => format!(
                        ": in the sweep, final loss {} ({})",
                        crate::cli::human(row.final_loss),
                        row.status
                    ),
                    None => String::new(),
                };
                app.notice = Some(format!("η = {}{outcome}", crate::cli::human(lr)));
            }
        }
        Action::SweepResult { id, index, row } => {
            if let Some(sweep) = &mut app.sweep
                && sweep.job.id == id
            {
                match row {
                    Ok(row) => sweep.receive(id, index, row),
                    Err(e) => {
                        app.sweep = None;
                        app.notice = Some(format!("the sweep stopped: {e}"));
                    }
                }
            }
        }
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

/// Takes up to `updates` updates of every racer that is running; each stops at a
/// blowup or on converging, and play stops once none is running. When none is running,
/// the ones that have not diverged take the update anyway (Space still steps).
fn step(app: &mut App, updates: usize) {
    let running: Vec<bool> = app
        .racers()
        .map(|t| t.current().status == Status::Running)
        .collect();
    let mut moving: Vec<bool> = if running.contains(&true) {
        running
    } else {
        app.racers()
            .map(|t| t.current().status != Status::Diverged)
            .collect()
    };
    if !moving.contains(&true) {
        app.notice = Some("diverged: press u to rewind and halve η, or r to reset".into());
    }
    for _ in 0..updates {
        let mut any = false;
        for (t, moves) in app.racers_mut().zip(moving.iter_mut()) {
            if !*moves {
                continue;
            }
            let still = t.step().is_some_and(|s| s.status == Status::Running);
            *moves = still;
            any |= still;
        }
        if !any {
            break;
        }
    }
    if !app.any_running() {
        app.playing = false;
    }
    app.point_changed();
}

/// `c`: race gd, momentum and adam (the current optimizer first), or end the race,
/// keeping the first racer's run.
fn toggle_race(app: &mut App) {
    if app.racing() {
        app.close_race();
        app.notice = Some(format!(
            "race over: kept {}'s run",
            app.trainer.config().optimizer.kind
        ));
        return;
    }
    let kinds = super::default_race(app.trainer.config().optimizer.kind);
    match app.open_race(&kinds) {
        Ok(()) => {
            let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            app.notice = Some(format!(
                "racing {} from here; c ends the race",
                names.join(", ")
            ));
        }
        Err(e) => app.notice = Some(e),
    }
}

/// Back to the last state before the loss started to climb, with η halved.
///
/// When the loss never fell (the blowup came with a falling loss but non-finite
/// parameters, say), it goes back one update, so `u` always moves.
///
/// While racing, every racer that diverged rewinds so, and η halves for all of them.
fn recover(app: &mut App) {
    let blown = |t: &crate::engine::Trainer| t.current().status == Status::Diverged;
    if !app.racers().any(blown) {
        app.notice = Some("u rewinds after a blowup; use Backspace to step back".into());
        return;
    }
    if app
        .racers()
        .filter(|t| blown(t))
        .all(|t| t.history().len() == 1)
    {
        app.notice = Some(
            "the start itself diverged: nothing to rewind; change the start or the data".into(),
        );
        return;
    }
    let lr = app.trainer.config().lr / 2.0;
    if lr.is_nan() || lr <= MIN_LR {
        app.notice = Some("η cannot go further".into());
        return;
    }
    for t in app.racers_mut() {
        let last = t.history().len() - 1;
        if blown(t) && last > 0 {
            let k = t.climb_start().min(last - 1);
            t.truncate(k);
        }
    }
    app.set_lr(lr);
    app.playing = false;
    app.point_changed();
}

fn next_optimizer(app: &mut App) {
    if app.racing() {
        app.notice = Some(RACING_OPTIMIZER.into());
        return;
    }
    let mut config = app.trainer.config().clone();
    let at = OPTIMIZERS
        .iter()
        .position(|&k| k == config.optimizer.kind)
        .unwrap_or(0);
    let kind = OPTIMIZERS[(at + 1) % OPTIMIZERS.len()];
    // Hyperparameters carry over; ε is the new rule's own default.
    let old = config.optimizer;
    config.optimizer = Optimizer {
        kind,
        eps: kind.default_eps(),
        ..old
    };
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
    let at = MODEL_CYCLE
        .iter()
        .position(|m| *m == current)
        .map_or(0, |k| k + 1);
    for offset in 0..MODEL_CYCLE.len() {
        let name = MODEL_CYCLE[(at + offset) % MODEL_CYCLE.len()];
        let Ok(model) = Model::parse(name, features) else {
            continue;
        };
        let loss = if objective.loss() == Loss::Bce && model != Model::Logistic {
            Loss::Mse
        } else {
            objective.loss()
        };
        if let Ok(next) = Objective::new(objective.data().clone(), model, loss) {
            switch_objective(app, next);
            return;
        }
    }
}

fn next_loss(app: &mut App) {
    let objective = app.trainer.objective().clone();
    let at = LOSS_CYCLE
        .iter()
        .position(|&l| l == objective.loss())
        .unwrap_or(0);
    for offset in 1..=LOSS_CYCLE.len() {
        let loss = LOSS_CYCLE[(at + offset) % LOSS_CYCLE.len()];
        if let Ok(next) = Objective::new(objective.data().clone(), objective.model(), loss) {
            switch_objective(app, next);
            return;
        }
    }
}

/// Moves to a new objective, keeping parameter values (and freezes) that share a name.
/// Changes one-feature data through `edit` (on copies of x and y) and refits from the
/// current point; the landscape and loss follow, as for any new objective.
fn edit_data(
    app: &mut App,
    edit: impl FnOnce(&mut Vec<f64>, &mut Vec<f64>) -> Result<String, String>,
) {
    let objective = app.trainer.objective().clone();
    let data = objective.data();
    if data.n_features() != 1 {
        app.notice = Some("points can be added and removed on one-feature data".into());
        return;
    }
    let (mut xs, mut ys) = (data.x_slice().to_vec(), data.y_slice().to_vec());
    let message = match edit(&mut xs, &mut ys) {
        Ok(message) => message,
        Err(e) => {
            app.notice = Some(e);
            return;
        }
    };
    let rows = ys.len();
    let rebuilt = ndarray::Array2::from_shape_vec((rows, 1), xs)
        .map_err(|e| e.to_string())
        .and_then(|x| {
            crate::engine::Dataset::new(x, ys.into(), data.features.clone(), data.target.clone())
        })
        .and_then(|d| Objective::new(d, objective.model(), objective.loss()));
    match rebuilt {
        Ok(next) => {
            switch_objective(app, next);
            // A saved scenario must carry the edited rows, not the original source.
            let d = app.trainer.objective().data();
            let columns = vec![d.features[0].clone(), d.target.clone()];
            let points = d
                .x_slice()
                .iter()
                .zip(d.y_slice())
                .map(|(&x, &y)| vec![x, y])
                .collect();
            let scenario = &mut app.setup.scenario;
            scenario.points = Some(crate::scenario::Points {
                columns,
                rows: points,
            });
            scenario.data = None;
            scenario.dataset = None;
            scenario.n = None;
            scenario.noise = None;
            scenario.target = Some(d.target.clone());
            // The lesson's words describe its own data, not the edited rows.
            scenario.description = None;
            scenario.caption = None;
            app.notice = Some(message);
        }
        Err(e) => app.notice = Some(e),
    }
}

pub(super) fn switch_objective(app: &mut App, objective: Objective) {
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
    config.frozen = names
        .iter()
        .map(|name| by_name(name).is_some_and(|i| old_frozen[i]))
        .collect();
    restart_or_tell(app, Arc::new(objective), config, start);
}

fn next_lesson(app: &mut App) {
    let index = app.lesson.map_or(0, |i| (i + 1) % LESSONS.len());
    let cli = Scenario {
        preset: Some(LESSONS[index].name.to_owned()),
        ..Default::default()
    };
    match resolve(&cli, None)
        .map_err(|e| e.to_string())
        .and_then(App::new)
    {
        Ok(next) => *app = next,
        Err(e) => app.notice = Some(e),
    }
}

pub(super) fn restart_or_tell(
    app: &mut App,
    objective: Arc<Objective>,
    config: crate::engine::Config,
    start: Array1<f64>,
) {
    if let Err(e) = app.restart(objective, config, start) {
        app.notice = Some(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Direction, action_for_key};
    use crate::engine::OptimizerKind;
    use proptest::prelude::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::testing::lesson as app;

    #[test]
    fn step_back_and_reset_move_through_the_history_exactly() {
        let mut a = app("intro");
        for _ in 0..3 {
            update(&mut a, Action::Step);
        }
        let after_two = a.trainer.history()[2].clone();
        update(&mut a, Action::StepBack);
        assert_eq!(a.current(), &after_two);
        update(&mut a, Action::Reset);
        assert_eq!(a.current().step, 0);
        update(&mut a, Action::StepBack);
        assert_eq!(a.notice.as_deref(), Some("already at the start"));
    }

    #[test]
    fn learning_rate_keys_scale_eta_and_keep_the_history() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::ScaleLearningRate(2.0));
        assert_eq!(a.trainer.config().lr, 0.2);
        assert_eq!(a.current().step, 1);
        update(&mut a, Action::Step);
        assert_eq!(a.current().lr, 0.2);
        assert_eq!(a.trainer.history()[1].lr, 0.1);
        update(&mut a, Action::ScaleLearningRate(f64::INFINITY));
        assert_eq!(a.trainer.config().lr, 0.2);
        assert!(a.notice.is_some());
    }

    #[test]
    fn a_blowup_stops_play_and_u_rewinds_and_halves_eta() {
        let mut a = app("blowup");
        update(&mut a, Action::TogglePlay);
        assert!(a.playing);
        update(&mut a, Action::Advance(10));
        assert!(a.diverged());
        assert!(!a.playing);
        assert_eq!(a.current().step, 1);
        update(&mut a, Action::TogglePlay);
        assert!(!a.playing, "play stays off after a blowup");
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(a.current().step, 0);
        assert_eq!(a.trainer.config().lr, 0.5);
        assert!(!a.diverged());
    }

    #[test]
    fn u_always_moves_back_and_refuses_when_nothing_is_left() {
        // A start that is already past the divergence bound: nothing to rewind to.
        let cli = Scenario {
            preset: Some("intro".into()),
            init: Some("w=1e200".into()),
            ..Default::default()
        };
        let mut a = App::new(resolve(&cli, None).unwrap()).unwrap();
        assert!(a.diverged());
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(
            a.trainer.config().lr,
            0.1,
            "η is not halved when nothing is rewound"
        );
        assert!(a.notice.as_deref().unwrap().contains("nothing to rewind"));
        // The loss rose at every update: u goes back to the start.
        let mut b = app("ravine-blowup");
        b.trainer.set_lr(0.05);
        update(&mut b, Action::TogglePlay);
        update(&mut b, Action::Advance(500));
        assert!(b.diverged());
        let before = b.current().step;
        update(&mut b, Action::RecoverFromDivergence);
        assert!(b.current().step < before);
        assert!(!b.diverged());
        assert_eq!(b.trainer.config().lr, 0.025);
    }

    #[test]
    fn notices_survive_the_loops_own_actions() {
        let mut a = app("plane");
        update(&mut a, Action::NextModel);
        let notice = a.notice.clone();
        assert!(notice.is_some());
        update(&mut a, Action::Advance(3));
        update(&mut a, Action::Resize(80, 24));
        assert_eq!(a.notice, notice);
        update(&mut a, Action::Step);
        assert_eq!(a.notice, None);
    }

    #[test]
    fn restarting_on_a_frozen_axis_moves_the_minimiser() {
        // line: b frozen; from b = 2 the best w is mean(x·(y − 2))/mean(x²) = (7.5 − 5)/7.5.
        let mut a = app("line");
        update(&mut a, Action::RestartAt(0.0, 2.0));
        let m = a.minimizer.clone().unwrap();
        assert_eq!(m[1], 2.0);
        approx::assert_relative_eq!(m[0], 1.0 / 3.0, max_relative = 1e-12);
    }

    #[test]
    fn advance_only_steps_while_playing() {
        let mut a = app("intro");
        update(&mut a, Action::Advance(5));
        assert_eq!(a.current().step, 0);
        update(&mut a, Action::TogglePlay);
        update(&mut a, Action::Advance(5));
        assert_eq!(a.current().step, 5);
    }

    #[test]
    fn switching_optimizer_keeps_the_position() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::Step);
        let here = a.current().params.clone();
        update(&mut a, Action::NextOptimizer);
        assert_eq!(a.trainer.config().optimizer.kind, OptimizerKind::Momentum);
        assert_eq!(a.current().params, here);
        assert_eq!(a.current().step, 0);
    }

    #[test]
    fn switching_model_keeps_shared_parameters_and_loss_cycles_skip_bce() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        let (w, b) = (a.current().params[0], a.current().params[1]);
        update(&mut a, Action::NextModel);
        assert_eq!(a.trainer.objective().model().to_string(), "sigmoid");
        assert_eq!(a.current().params.to_vec(), [w, b, 1.0]);
        let generation = a.generation;
        update(&mut a, Action::NextLoss);
        update(&mut a, Action::NextLoss);
        assert_eq!(a.trainer.objective().loss(), Loss::Mae);
        update(&mut a, Action::NextLoss);
        assert_eq!(
            a.trainer.objective().loss(),
            Loss::Mse,
            "bce needs logistic and 0/1 targets"
        );
        assert!(a.generation > generation);
    }

    #[test]
    fn several_features_only_fit_linear() {
        let mut a = app("plane");
        update(&mut a, Action::NextModel);
        assert_eq!(a.trainer.objective().model().to_string(), "linear");
        assert!(a.notice.as_deref().unwrap().contains("only `linear`"));
    }

    #[test]
    fn axes_cycle_through_every_pair() {
        let mut a = app("plane");
        let mut seen = vec![a.view.axes];
        for _ in 0..3 {
            update(&mut a, Action::NextAxes);
            seen.push(a.view.axes);
        }
        assert_eq!(seen, [(0, 1), (0, 2), (1, 2), (0, 1)]);
    }

    #[test]
    fn a_click_restarts_from_that_point() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::RestartAt(0.25, -2.0));
        assert_eq!(a.current().step, 0);
        assert_eq!(a.current().params.to_vec(), [0.25, -2.0]);
    }

    #[test]
    fn view_actions_move_the_view_only() {
        let mut a = app("intro");
        let before = a.view.clone();
        update(&mut a, Action::Pan(Direction::Left));
        assert!(a.view.x.0 < before.x.0);
        update(&mut a, Action::ZoomIn);
        update(&mut a, Action::FitView);
        assert_eq!(a.view, before);
        assert_eq!(a.current().step, 0);
    }

    #[test]
    fn the_caption_can_be_hidden_and_other_data_drops_it() {
        let mut a = app("line");
        assert!(a.shown_caption().unwrap().contains("parabola"));
        update(&mut a, Action::ToggleCaption);
        assert_eq!(a.shown_caption(), None);
        let cli = Scenario {
            preset: Some("line".into()),
            dataset: Some("sigmoid".into()),
            ..Default::default()
        };
        let mut b = App::new(resolve(&cli, None).unwrap()).unwrap();
        assert_eq!(
            b.shown_caption(),
            None,
            "the lesson's words do not describe other data"
        );
        update(&mut b, Action::ToggleCaption);
        assert!(b.notice.is_some());
    }

    #[test]
    fn points_are_added_and_removed_and_the_loss_follows() {
        let mut a = app("line");
        let loss = a.current().loss;
        update(&mut a, Action::AddPoint(5.0, 20.0));
        assert_eq!(a.trainer.objective().data().len(), 5);
        assert!(
            a.current().loss > loss,
            "a point far off the line raises the loss"
        );
        assert_eq!(a.setup.scenario.points.as_ref().unwrap().rows.len(), 5);
        update(
            &mut a,
            Action::RemovePoint {
                at: (4.9, 19.0),
                spans: (5.0, 20.0),
            },
        );
        assert_eq!(a.trainer.objective().data().len(), 4);
        assert_eq!(a.current().loss, loss);
        let mut p = app("plane");
        update(&mut p, Action::AddPoint(1.0, 1.0));
        assert!(p.notice.as_deref().unwrap().contains("one-feature"));
        let mut b = app("blowup");
        update(
            &mut b,
            Action::RemovePoint {
                at: (0.0, 0.0),
                spans: (1.0, 1.0),
            },
        );
        assert_eq!(b.trainer.objective().data().len(), 1);
    }

    #[test]
    fn explain_walks_four_phases_then_takes_the_update() {
        let mut a = app("doubling");
        let phases = |a: &App| a.explaining.as_ref().map(|(p, _)| *p);
        update(&mut a, Action::Explain);
        assert_eq!(phases(&a), Some(Phase::Forward));
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        assert_eq!(phases(&a), Some(Phase::Update));
        assert_eq!(
            a.current().step,
            0,
            "the update is explained before it is taken"
        );
        let text = a.explaining.as_ref().unwrap().1.lines.join("\n");
        assert!(text.contains("0.0933333"), "{text}");
        update(&mut a, Action::Explain);
        assert_eq!(a.current().step, 1);
        assert_eq!(phases(&a), Some(Phase::Forward));
        // Other actions keep the explanation in step with the state.
        update(&mut a, Action::Step);
        assert!(
            a.explaining.as_ref().unwrap().1.title.contains("step 2"),
            "{:?}",
            a.explaining
        );
        update(&mut a, Action::Dismiss);
        assert!(a.explaining.is_none() && !a.quit);
        update(&mut a, Action::Dismiss);
        assert!(a.quit, "Esc with nothing open leaves");
    }

    #[test]
    fn lessons_cycle_in_order() {
        let mut a = app("intro");
        update(&mut a, Action::NextLesson);
        assert_eq!(a.setup.name, LESSONS[1].name);
    }

    #[test]
    fn slices_for_another_objective_are_ignored() {
        let mut a = app("line");
        let request = a.slice_request(4, 4);
        let slice = crate::landscape::compute(a.trainer.objective(), &request, 4);
        update(&mut a, Action::NextModel);
        update(&mut a, Action::LandscapeReady(Box::new(slice.clone())));
        assert!(a.landscape.is_none());
        let fresh = crate::landscape::compute(a.trainer.objective(), &a.slice_request(4, 4), 4);
        update(&mut a, Action::LandscapeReady(Box::new(fresh)));
        assert!(a.landscape.is_some());
    }

    /// Keys a person might press, as the event loop would deliver them.
    fn keys() -> impl Strategy<Value = Vec<KeyCode>> {
        let codes: Vec<KeyCode> = " pb.,+-=][romldauzZf?iywqcc"
            .chars()
            .map(KeyCode::Char)
            .chain([
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Esc,
            ])
            .collect();
        proptest::collection::vec(proptest::sample::select(codes), 0..60)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random key sequences never panic and leave the engine consistent.
        #[test]
        fn random_keys_keep_the_app_consistent(
            lesson in 0..LESSONS.len(),
            presses in keys(),
            ticks in proptest::collection::vec(0..50usize, 0..60),
        ) {
            let mut a = app(LESSONS[lesson].name);
            for (i, code) in presses.into_iter().enumerate() {
                let key = KeyEvent::new(code, KeyModifiers::NONE);
                let action = if a.sweep.is_some() {
                    crate::app::action_for_sweep_key(key)
                } else {
                    action_for_key(key)
                };
                if let Some(action) = action {
                    update(&mut a, action);
                }
                update(&mut a, Action::Advance(ticks.get(i).copied().unwrap_or(1)));
                let n = a.param_names().len();
                let lr = a.trainer.config().lr;
                prop_assert!(lr.is_finite() && lr > 0.0);
                let racers = a.racers().count();
                prop_assert!(racers == 1 || (2..=6).contains(&racers));
                let mut kinds = Vec::new();
                for t in a.racers() {
                    let history = t.history();
                    prop_assert!(!history.is_empty());
                    prop_assert!(history.iter().enumerate().all(|(k, s)| s.step == k));
                    prop_assert!(history.iter().all(|s| s.params.len() == n && s.grad.len() == n));
                    prop_assert!(history[0].params == a.trainer.history()[0].params);
                    prop_assert!(Arc::ptr_eq(t.objective(), a.trainer.objective()));
                    prop_assert_eq!(t.config().lr, lr);
                    prop_assert!(!kinds.contains(&t.config().optimizer.kind));
                    kinds.push(t.config().optimizer.kind);
                }
                prop_assert!(!a.playing || a.any_running(), "play only while a racer can move");
                let (x, y) = (a.view.x, a.view.y);
                prop_assert!(x.0.is_finite() && x.1.is_finite() && x.0 < x.1);
                prop_assert!(y.0.is_finite() && y.1.is_finite() && y.0 < y.1);
                prop_assert!(a.view.axes.0 < n && a.view.axes.1 < n);
                prop_assert!(!(a.playing && a.diverged()));
                prop_assert!(!(a.sweep.is_some() && a.explaining.is_some()));
                if let Some(s) = &a.sweep {
                    prop_assert!(s.cursor < s.lrs().len());
                }
            }
        }
    }
}
