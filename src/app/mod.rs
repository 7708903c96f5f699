//! The interactive app as an Elm model: [`App`] is the state, an [`Action`] is what a
//! person (or the event loop) asks for, and [`update`] is the one place state changes.
//!
//! Nothing here touches a terminal or a file. Keys are the app's own [`Key`]s (the input
//! layer translates terminal events), and an action that needs a file makes `update`
//! return an [`Effect`]: the event loop performs it and answers with an action.
//!
//! `update` reads as a table; each arm calls one method, kept in the file of its topic:
//! `training` (stepping, play, η), `switch` (optimizer, model, loss, lesson,
//! start, data), `panels` (help, explain, captions, command line), `viewport`, `race`,
//! `sweep_panel` and `files`.

mod action;
mod command;
mod curvature;
mod effect;
mod error;
mod files;
mod held_out;
mod keys;
mod panels;
mod plane;
mod predict;
mod race;
mod scaling;
mod settings;
mod surface;
mod sweep_panel;
mod switch;
mod training;
mod update;
mod viewport;

use ndarray::Array1;

pub use action::{Action, Direction};
pub use command::{COMMANDS, CommandLine, MAX_QUEUED};
pub use curvature::{JudgeAnswer, JudgeRequest, StabilityAnswer, StabilityRequest};
pub use effect::{Contents, Effect, Replay, Target};
pub use error::Error;
pub use keys::{
    BINDINGS, Binding, COMMAND_KEYS, DIVERGED_HINTS, Key, KeyMode, LESSON_KEYS, NORMAL_HINTS,
    Press, RACE_HINTS, SURFACE_KEYS, SWEEP_KEYS, action_for, hint_line, key_for,
};
pub use predict::{Predict, Stage};
pub use race::Race;
pub use sweep_panel::{SWEEP_MAX_STEPS, SWEEP_POINTS, Sweep, sweep_grid};
pub use training::Landing;
pub use update::update;
pub use viewport::{Camera, FitFrame, Viewport};

use crate::engine::{Stability, State, Trainer};
use crate::explain::{Explanation, Phase};
use crate::landscape::{Slice, SliceRequest};
use crate::scenario::{LESSONS, Setup};
use panels::{Overlay, Side};

/// Play speeds in updates per second, slowest first.
pub const SPEEDS: [f64; 12] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0,
];

/// Index into [`SPEEDS`] that play starts at.
const DEFAULT_SPEED: usize = 3;

/// Everything on screen, and how it got there.
pub struct App {
    /// The scenario as loaded (kept in step with edits, so `:save` writes what is shown).
    setup: Setup,
    /// Index of the open lesson in [`LESSONS`], if a lesson is open.
    lesson: Option<usize>,
    /// The engine, with every state so far; the first racer while racing.
    trainer: Trainer,
    /// The optimizer race's other racers, while racing (key `c`, `--race`).
    race: Option<Race>,
    /// Bumped whenever data, model or loss change, so old landscapes are not reused.
    generation: u64,
    /// What part of the landscape is shown.
    viewport: Viewport,
    /// True while the view stays where the person put it; false while it follows the descent.
    view_locked: bool,
    /// The camera on the 3-D surface, while the landscape is shown in 3-D.
    surface: Option<Camera>,
    /// True while play is on.
    playing: bool,
    /// Index into [`SPEEDS`].
    speed: usize,
    /// The newest landscape slice received; it may be for an older view.
    landscape: Option<Slice>,
    /// λmax and the η limit: exact for quadratic losses, else local at the current point.
    stability: Stability,
    /// λmax asked of the background and not yet answered; `stability` is older then.
    stability_wanted: Option<StabilityRequest>,
    /// The exact minimiser when the loss is quadratic.
    minimizer: Option<Array1<f64>>,
    /// The exact minimiser of the slice on screen (over the two axis parameters, the
    /// others held where the slice goes through), when the loss is quadratic.
    slice_minimizer: Option<Array1<f64>>,
    /// Where the next update lands, and whether it overshoots; `None` after a blowup.
    landing: Option<Landing>,
    /// The rows the next update uses, with mini-batches.
    next_batch: Option<Vec<usize>>,
    /// True while the lesson's caption is shown (when it has one).
    caption: bool,
    /// Rows of the side column's text (caption or explanation) scrolled past.
    text_scroll: usize,
    /// `:load`s asked for so far, to tell their answers apart.
    loads: u64,
    /// The `:load` under way (its id and path), if one is.
    loading: Option<(u64, String)>,
    /// True while explain mode explains the update just taken rather than the next one.
    explain_taken: bool,
    /// The `mlp` unit explain mode's backward phase works out (key `n`).
    explain_unit: crate::explain::Unit,
    /// True while the run trains what the lesson was opened with (see
    /// [`crate::report::as_written`]); kept here because comparing data costs a pass.
    as_written: bool,
    /// What lies over the screen: the help or the command line, if either.
    overlay: Overlay,
    /// What the side column holds: the plots, explain mode or the sweep.
    side: Side,
    /// Updates asked for by `:steps` and not yet taken.
    queued: usize,
    /// λmax at each step it was computed, for the sharpness view of the history panel.
    sharpness_trace: Vec<(usize, f64)>,
    /// True when the history panel shows sharpness against 2/η instead of the loss.
    show_sharpness: bool,
    /// A one-line message for the status bar (a refused action, say).
    notice: Option<String>,
    /// The plane the person chose; the viewport holds the plane made from it.
    plane_choice: crate::scenario::PlaneChoice,
    /// Set by `Quit`; the event loop ends.
    quit: bool,
    /// The target a click on the two-feature fit adds: class 1 or 0 (key `k`).
    add_class: f64,
    /// What the feature scaling did to the curvature at the start, when it is known.
    conditioning: Option<crate::engine::Conditioning>,
    /// True while the landscape shows the test loss (key `t`).
    show_test: bool,
    /// Predict mode's questions and score, while it is on (key `g`).
    predict: Option<Predict>,
}

impl App {
    /// The app on a resolved scenario, at its starting point.
    pub fn new(setup: Setup) -> Result<App, crate::engine::Error> {
        let lesson = LESSONS.iter().position(|l| l.name == setup.name);
        let plane_choice = setup.plane;
        let trainer = curvature::trainer(
            setup.objective.clone(),
            setup.config.clone(),
            setup.start.clone(),
        )?;
        // Options over a lesson may already have changed what its caption speaks of.
        let as_written = crate::report::as_written(&setup, &trainer);
        let mut app = App {
            lesson,
            stability: Stability::Exact {
                lambda_max: 0.0,
                eta_crit: f64::INFINITY,
            },
            stability_wanted: None,
            trainer,
            race: None,
            setup,
            generation: 0,
            plane_choice,
            viewport: Viewport {
                plane: crate::landscape::Plane::Params(0, 1),
                x: (-1.0, 1.0),
                y: (-1.0, 1.0),
            },
            view_locked: false,
            surface: None,
            playing: false,
            speed: DEFAULT_SPEED,
            landscape: None,
            minimizer: None,
            slice_minimizer: None,
            landing: None,
            next_batch: None,
            caption: true,
            as_written,
            text_scroll: 0,
            loads: 0,
            loading: None,
            explain_taken: false,
            explain_unit: crate::explain::Unit::FIRST,
            overlay: Overlay::None,
            side: Side::Plots,
            queued: 0,
            sharpness_trace: Vec::new(),
            show_sharpness: false,
            notice: None,
            quit: false,
            add_class: 1.0,
            conditioning: None,
            show_test: false,
            predict: None,
        };
        app.objective_changed();
        Ok(app)
    }

    /// What the feature scaling did to the curvature at the start (`None` for raw
    /// features, or where it was too costly to compute).
    pub fn conditioning(&self) -> Option<&crate::engine::Conditioning> {
        self.conditioning.as_ref()
    }

    /// The scenario as loaded, with the edits made since.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The engine, with every state so far (the first racer while racing).
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The race's other racers, while racing.
    pub fn race(&self) -> Option<&Race> {
        self.race.as_ref()
    }

    /// Changes whenever data, model or loss change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What part of the landscape is shown.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// True while the view stays where the person put it (it follows the descent otherwise).
    pub fn view_locked(&self) -> bool {
        self.view_locked
    }

    /// The camera on the 3-D surface, while the landscape is shown in 3-D (never while
    /// it is a curve: a curve has no surface).
    pub fn surface(&self) -> Option<Camera> {
        self.surface.filter(|_| self.curve_axis().is_none())
    }

    /// True while play is on.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The newest landscape slice received (it may be for an older view).
    pub fn landscape(&self) -> Option<&Slice> {
        self.landscape.as_ref()
    }

    /// λmax and the η limit where the run stands (or where it last stood, while
    /// [`App::stability_request`] is being answered).
    pub fn stability(&self) -> Stability {
        self.stability
    }

    /// λmax the background is asked for: the screen shows the older value until then.
    pub fn stability_request(&self) -> Option<&StabilityRequest> {
        self.stability_wanted.as_ref()
    }

    /// The exact minimiser, when the loss is quadratic.
    pub fn minimizer(&self) -> Option<&Array1<f64>> {
        self.minimizer.as_ref()
    }

    /// The exact minimiser of the slice on screen, when the loss is quadratic.
    pub fn slice_minimizer(&self) -> Option<&Array1<f64>> {
        self.slice_minimizer.as_ref()
    }

    /// Where the next update lands (of the first racer), and whether that overshoots.
    pub fn landing(&self) -> Option<&Landing> {
        // While predict mode asks, where the update lands is the answer.
        self.landing.as_ref().filter(|_| !self.asking())
    }

    /// The target a click on the two-feature fit adds: 1 or 0.
    pub fn add_class(&self) -> f64 {
        self.add_class
    }

    /// The rows of data the next update uses, when training uses mini-batches.
    pub fn next_batch(&self) -> Option<&[usize]> {
        self.next_batch.as_deref()
    }

    /// The lesson highlighted in the lesson menu, while it is open.
    pub fn lesson_menu(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Lessons(at) => Some(at),
            _ => None,
        }
    }

    /// The index in [`LESSONS`] of the open lesson, if one is open.
    pub fn lesson_index(&self) -> Option<usize> {
        self.lesson
    }

    /// True while the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.overlay == Overlay::Help
    }

    /// The `:` command line, while it is open.
    pub fn command_line(&self) -> Option<&CommandLine> {
        match &self.overlay {
            Overlay::Command(line) => Some(line),
            _ => None,
        }
    }

    /// Explain mode's phase and text, while it is open.
    pub fn explaining(&self) -> Option<(Phase, &Explanation)> {
        match &self.side {
            Side::Explain(phase, text) => Some((*phase, text)),
            _ => None,
        }
    }

    /// The learning-rate sweep, while its panel is open.
    pub fn sweep(&self) -> Option<&Sweep> {
        match &self.side {
            Side::Sweep(sweep) => Some(sweep),
            _ => None,
        }
    }

    /// Which key table presses are read in now.
    pub fn key_mode(&self) -> KeyMode {
        if self.command_line().is_some() {
            KeyMode::Command
        } else if self.asking() {
            KeyMode::Question
        } else if self.lesson_menu().is_some() {
            KeyMode::Lessons
        } else if self.sweep().is_some() && self.surface().is_some() {
            KeyMode::SweepOnSurface
        } else if self.sweep().is_some() {
            KeyMode::Sweep
        } else if self.surface().is_some() {
            KeyMode::Surface
        } else {
            KeyMode::Normal
        }
    }

    /// Updates asked for by `:steps` and not yet taken.
    pub fn queued(&self) -> usize {
        self.queued
    }

    /// λmax at each step it was computed.
    pub fn sharpness_trace(&self) -> &[(usize, f64)] {
        &self.sharpness_trace
    }

    /// True when the history panel shows sharpness against 2/η.
    pub fn show_sharpness(&self) -> bool {
        self.show_sharpness
    }

    /// The message for the bottom line, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// True once the person asked to leave.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// The state after the latest update.
    pub fn current(&self) -> &State {
        self.trainer.current()
    }

    /// True while the run trains the model, loss, optimizer and data the lesson was
    /// opened with, so that its caption still speaks of what is on screen.
    pub fn as_written(&self) -> bool {
        self.as_written
    }

    /// Rows of the side column's text scrolled past (the view clamps it to the text).
    pub fn text_scroll(&self) -> usize {
        self.text_scroll
    }

    /// The caption on screen: the lesson's, unless hidden.
    pub fn shown_caption(&self) -> Option<&str> {
        let s = &self.setup.scenario;
        let chinese = (crate::i18n::lang() == crate::i18n::Lang::Zh)
            .then_some(s.caption_zh.as_deref())
            .flatten();
        chinese.or(s.caption.as_deref()).filter(|_| self.caption)
    }

    /// False when the caption shown is English on a screen in another language, the
    /// lesson having no translation of it.
    pub fn caption_translated(&self) -> bool {
        crate::i18n::lang() == crate::i18n::Lang::En || self.setup.scenario.caption_zh.is_some()
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
    /// The point's place on the plane is taken out of `center` ([`Plane::off_plane`]):
    /// moving within the plane does not change the slice, only moving off it does.
    ///
    /// With one free parameter ([`App::curve_axis`]) it is one row along that parameter,
    /// two samples a column, through the other axis parameter's (held) value: the curve.
    ///
    /// [`Plane::off_plane`]: crate::landscape::Plane::off_plane
    pub fn slice_request(&self, width: usize, height: usize) -> SliceRequest {
        let plane = &self.viewport.plane;
        let here = self.last_finite().params.as_slice().expect("contiguous");
        let center = plane.off_plane(here);
        let (width, height, y_range) = match (self.curve_axis(), plane.coords(here)) {
            (Some(_), Some((_, held))) => (width * 2, 1, (held, held)),
            _ => (width, height, self.viewport.y),
        };
        SliceRequest {
            plane: plane.clone(),
            x_range: self.viewport.x,
            y_range,
            width,
            height,
            center,
            generation: self.generation,
            test: self.shows_test(),
        }
    }

    /// The one parameter training can move, when there is just one (the others frozen)
    /// and it is on the horizontal axis: the landscape is then the curve L(θ).
    pub fn curve_axis(&self) -> Option<usize> {
        let frozen = &self.trainer.config().frozen;
        let mut free = (0..frozen.len()).filter(|&k| !frozen[k]);
        match (free.next(), free.next()) {
            (Some(k), None) => match self.viewport.plane.axes() {
                Some((i, j)) if i == k && j != k => Some(k),
                _ => None,
            },
            _ => None,
        }
    }

    /// The newest state whose parameters are all finite: what the screen is drawn around.
    pub fn last_finite(&self) -> &State {
        self.trainer
            .kept()
            .iter()
            .rev()
            .find(|s| s.params.iter().all(|p| p.is_finite()))
            .unwrap_or(self.trainer.start())
    }

    /// Shows `message` on the bottom line.
    fn tell(&mut self, message: impl std::fmt::Display) {
        self.notice = Some(message.to_string());
    }
}
