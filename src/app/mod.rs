//! The interactive app's state, changed only by [`update`]; it knows nothing of terminals.

mod action;
mod command;
mod keys;
mod race;
mod sweep;
mod update;
mod view;

use std::sync::Arc;

use ndarray::Array1;

pub use action::{Action, Direction};
pub use command::{COMMANDS, CommandLine};
pub use keys::{
    KEY_HELP, action_for_command_key, action_for_fit_mouse, action_for_key, action_for_mouse,
    action_for_sweep_key,
};
pub use race::{DEFAULT_RACE, MIN_RACERS, Race, default_race, parse_race};
pub use sweep::{SWEEP_MAX_STEPS, SWEEP_POINTS, Sweep, sweep_grid};
pub use update::update;
pub use view::View;

use crate::engine::{Config, Objective, Stability, State, Status, Trainer, stability};
use crate::explain::{Explanation, Phase, explain};
use crate::landscape::{Slice, SliceRequest};
use crate::scenario::{LESSONS, Setup};

/// Play speeds in updates per second, slowest first.
pub const SPEEDS: [f64; 12] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0,
];

/// Index into [`SPEEDS`] that play starts at.
const DEFAULT_SPEED: usize = 3;

/// Everything on screen, and how it got there.
pub struct App {
    /// The scenario as loaded: its name titles the screen.
    pub setup: Setup,
    /// Index of the open lesson in [`LESSONS`], if a lesson is open.
    pub lesson: Option<usize>,
    /// The engine, with every state so far; the first racer while racing.
    pub trainer: Trainer,
    /// The optimizer race's other racers, while racing (key `c`, `--race`).
    pub race: Option<Race>,
    /// Bumped whenever data, model or loss change, so old landscapes are not reused.
    pub generation: u64,
    /// What part of the landscape is shown.
    pub view: View,
    /// True while play is on.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The newest landscape slice received; it may be for an older view.
    pub landscape: Option<Slice>,
    /// λmax and the η limit: exact for quadratic losses, else local at the current point.
    pub stability: Stability,
    /// The exact minimiser when the loss is quadratic.
    pub minimizer: Option<Array1<f64>>,
    /// True while the help overlay is open.
    pub help: bool,
    /// True while the lesson's caption is shown (when it has one).
    pub caption: bool,
    /// The `:` command line while it is open.
    pub command: Option<CommandLine>,
    /// Updates asked for by `:steps` and not yet taken.
    pub queued: usize,
    /// λmax at each step it was computed, for the sharpness view of the history panel.
    pub sharpness_trace: Vec<(usize, f64)>,
    /// True when the history panel shows sharpness against 2/η instead of the loss.
    pub show_sharpness: bool,
    /// Explain mode: the phase shown and its text, computed when the state changes.
    pub explaining: Option<(Phase, Explanation)>,
    /// The learning-rate sweep while its panel is open (it and explain mode exclude each other).
    pub sweep: Option<Sweep>,
    /// A one-line message for the status bar (a refused action, say).
    pub notice: Option<String>,
    /// Set by `Quit`; the event loop ends.
    pub quit: bool,
}

impl App {
    /// The app on a resolved scenario, at its starting point.
    pub fn new(setup: Setup) -> Result<App, String> {
        let lesson = LESSONS.iter().position(|l| l.name == setup.name);
        let trainer = Trainer::new(
            setup.objective.clone(),
            setup.config.clone(),
            setup.start.clone(),
        )?;
        let mut app = App {
            lesson,
            stability: Stability::Exact {
                lambda_max: 0.0,
                eta_crit: f64::INFINITY,
            },
            trainer,
            race: None,
            setup,
            generation: 0,
            view: View {
                axes: (0, 1),
                x: (-1.0, 1.0),
                y: (-1.0, 1.0),
            },
            playing: false,
            speed: DEFAULT_SPEED,
            landscape: None,
            minimizer: None,
            help: false,
            caption: true,
            command: None,
            queued: 0,
            explaining: None,
            sharpness_trace: Vec::new(),
            show_sharpness: false,
            sweep: None,
            notice: None,
            quit: false,
        };
        app.objective_changed();
        Ok(app)
    }

    /// The state after the latest update.
    pub fn current(&self) -> &State {
        self.trainer.current()
    }

    /// True once the run has blown up (while racing: once every racer has).
    pub fn diverged(&self) -> bool {
        self.racers()
            .all(|t| t.current().status == Status::Diverged)
    }

    /// Shows `phase` of the update from the current state (or closes explain mode).
    pub(crate) fn explain_phase(&mut self, phase: Option<Phase>) {
        self.explaining = phase.map(|phase| {
            let l0 = self.trainer.history()[0].loss;
            let text = explain(
                self.trainer.objective(),
                self.trainer.config(),
                self.current(),
                l0,
                phase,
            );
            (phase, text)
        });
    }

    /// The caption on screen: the lesson's, unless hidden.
    pub fn shown_caption(&self) -> Option<&str> {
        self.setup
            .scenario
            .caption
            .as_deref()
            .filter(|_| self.caption)
    }

    /// Names of the parameters, in order.
    pub fn param_names(&self) -> Vec<String> {
        self.trainer.objective().model().param_names()
    }

    /// Play speed in updates per second.
    pub fn updates_per_second(&self) -> f64 {
        SPEEDS[self.speed]
    }

    /// The slice the landscape panel needs for a plot of `width` × `height` samples.
    ///
    /// The axis parameters' own values are blanked out of `center`: moving along the
    /// axes does not change the slice, only moving an off-axis parameter does.
    pub fn slice_request(&self, width: usize, height: usize) -> SliceRequest {
        let mut center = self.last_finite().params.to_vec();
        center[self.view.axes.0] = 0.0;
        center[self.view.axes.1] = 0.0;
        SliceRequest {
            axes: self.view.axes,
            x_range: self.view.x,
            y_range: self.view.y,
            width,
            height,
            center,
            generation: self.generation,
        }
    }

    /// The newest state whose parameters are all finite: what the screen is drawn around.
    pub fn last_finite(&self) -> &State {
        self.trainer
            .history()
            .iter()
            .rev()
            .find(|s| s.params.iter().all(|p| p.is_finite()))
            .unwrap_or(&self.trainer.history()[0])
    }

    /// Starts a fresh trainer (new history) with these pieces.
    fn restart(
        &mut self,
        objective: Arc<Objective>,
        config: Config,
        start: Array1<f64>,
    ) -> Result<(), String> {
        let changed = !Arc::ptr_eq(&objective, self.trainer.objective());
        // Every racer moves to the new objective and start, each keeping its own rule.
        let race = match &self.race {
            Some(race) => Some(Race::build(&objective, &config, &start, race.kinds())?),
            None => None,
        };
        self.trainer = Trainer::new(objective, config, start)?;
        self.race = race;
        self.playing = false;
        // A sweep describes runs from the old start and settings.
        self.sweep = None;
        if changed {
            self.objective_changed();
        } else {
            // Frozen values may have moved with the start, and the minimiser with them.
            self.minimizer = self.exact_minimizer();
            self.refresh_stability();
            self.sharpness_trace.clear();
            self.record_sharpness();
        }
        Ok(())
    }

    /// Recomputes what depends on the objective, and frames the view anew.
    fn objective_changed(&mut self) {
        self.generation += 1;
        self.landscape = None;
        // A sweep of the old objective would describe another function.
        self.sweep = None;
        self.minimizer = self.exact_minimizer();
        let n = self.trainer.history()[0].params.len();
        let axes = if n >= 2 { (0, 1) } else { (0, 0) };
        self.view = self.framed(axes);
        self.refresh_stability();
        self.sharpness_trace.clear();
        self.record_sharpness();
    }

    /// The minimiser of a quadratic loss with the frozen parameters at their start values.
    fn exact_minimizer(&self) -> Option<Array1<f64>> {
        let start = &self.trainer.history()[0].params;
        let frozen = &self.trainer.config().frozen;
        self.trainer
            .objective()
            .quadratic_minimizer(start.as_slice().expect("contiguous"), frozen)
    }

    /// Recomputes what depends on the current point: the local sharpness.
    ///
    /// A quadratic loss's Hessian is constant, so its λmax is computed once per objective.
    /// The local sharpness costs 2·n full-data gradients, so during play it waits until
    /// play stops rather than eat the frame budget.
    fn point_changed(&mut self) {
        let objective = self.trainer.objective();
        let constant =
            matches!(self.stability, Stability::Exact { .. }) && objective.is_quadratic();
        // 2·n full-data gradients: cheap enough for every frame of play on small models and
        // data (rows × n² up to 2e6, about a millisecond), otherwise left until play stops.
        let n = objective.n_params();
        let cheap = objective.data().len() * n * n <= 2_000_000;
        if !constant && ((self.playing || self.queued > 0) && !cheap) {
            return;
        }
        if !constant {
            self.refresh_stability();
        }
        self.record_sharpness();
    }

    /// Adds λmax at the current step to the sharpness trace, dropping any points from
    /// steps undone since.
    fn record_sharpness(&mut self) {
        let step = self.current().step;
        self.sharpness_trace.retain(|&(s, _)| s < step);
        self.sharpness_trace
            .push((step, self.stability.lambda_max()));
    }

    /// Computes λmax at the current point (exactly, for a quadratic loss).
    fn refresh_stability(&mut self) {
        let state = self.last_finite();
        self.stability = stability(
            self.trainer.objective(),
            state.params.as_slice().expect("contiguous"),
            &self.trainer.config().frozen,
        );
    }

    /// A view over `axes` framing the trail and the minimiser.
    fn framed(&self, axes: (usize, usize)) -> View {
        let (i, j) = axes;
        let trail = self
            .racers()
            .flat_map(|t| t.history())
            .map(|s| (s.params[i], s.params[j]));
        let minimum = self.minimizer.iter().map(|m| (m[i], m[j]));
        View::framing(axes, trail.chain(minimum))
    }
}
