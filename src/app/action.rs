//! What a person can ask the app to do, named by intent rather than by key.

use std::path::PathBuf;

use crate::engine::Dataset;
use crate::landscape::Slice;
use crate::sweep::SweepRow;

/// A direction to move the landscape view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Larger values of the vertical parameter.
    Up,
    /// Smaller values of the vertical parameter.
    Down,
    /// Smaller values of the horizontal parameter.
    Left,
    /// Larger values of the horizontal parameter.
    Right,
}

/// One change to the app's state; [`super::update`] applies it.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Take one update.
    Step,
    /// Undo the latest update exactly.
    StepBack,
    /// Start or stop playing.
    TogglePlay,
    /// Play more updates per second.
    Faster,
    /// Play fewer updates per second.
    Slower,
    /// Multiply η by this factor (×2, ÷2, ×1.25, ÷1.25 from the keys).
    ScaleLearningRate(f64),
    /// Go back to the starting point, keeping the current settings.
    Reset,
    /// Switch to the next optimizer, from the current point.
    NextOptimizer,
    /// Race several optimizers from the current point, or end the race.
    ToggleRace,
    /// Switch to the next model the data allows, keeping parameters it shares.
    NextModel,
    /// Switch to the next loss the model allows.
    NextLoss,
    /// Open the built-in lesson this many places after the open one (−1: the previous).
    NextLesson(isize),
    /// Open the lesson or scenario again as it was opened.
    Reload,
    /// Scroll the side column's text (the caption, or the explanation) by this many rows.
    /// The event loop turns PgUp/PgDn's ±1 into a page of the panel on screen.
    ScrollText(isize),
    /// Open or close the lesson menu.
    ToggleLessons,
    /// Move the lesson menu's highlight by this many lessons.
    LessonCursor(isize),
    /// Open the lesson highlighted in the menu.
    OpenChosenLesson,
    /// Put the next pair of parameters on the landscape's axes (new random directions,
    /// or the PCA plane of the path as it is now).
    NextAxes,
    /// Show the landscape on the next kind of plane: parameters, random, PCA.
    NextPlane,
    /// Put the features through the next scaling: raw, centred, standardised.
    NextScale,
    /// Show the landscape of the test loss, or of the training loss again.
    ToggleTestView,
    /// On `quadratic:K`, the next condition number.
    NextCondition,
    /// In explain mode, work out the next unit of an `mlp`.
    NextUnit,
    /// Move the landscape view.
    Pan(Direction),
    /// Show less of the landscape, larger.
    ZoomIn,
    /// Show more of the landscape.
    ZoomOut,
    /// Fit the view to the trail of past positions, and follow the descent again.
    FitView,
    /// Lock the view where it is, or let it follow the descent again.
    ToggleViewLock,
    /// Show the landscape as a 3-D surface, or flat again.
    ToggleSurface,
    /// Turn the 3-D surface: left and right about the vertical, up and down in elevation.
    Turn(Direction),
    /// Show exactly this part of the landscape (the drawing copes with any ranges).
    LookAt(super::Viewport),
    /// Restart training from this point of the landscape (the axis parameters' values).
    RestartAt(f64, f64),
    /// After a blowup: rewind to before the loss started to climb, and halve η.
    RecoverFromDivergence,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Explain mode: open it, show the next phase, or after the last phase take the update.
    Explain,
    /// Close the help overlay, explain mode or the sweep; with none open, leave.
    Dismiss,
    /// Show or hide the lesson's caption.
    ToggleCaption,
    /// Switch the history panel between the loss and the sharpness against 2/η.
    ToggleSharpness,
    /// Add a data row at (x, y) (one-feature data).
    AddPoint(f64, f64),
    /// Remove the data row nearest (x, y), distances measured in units of (x span, y span).
    RemovePoint {
        /// Where the click was.
        at: (f64, f64),
        /// The plot's (x, y) spans, so that "nearest" is nearest on screen.
        spans: (f64, f64),
    },
    /// Add a data row at (x1, x2) of the class a click adds (two-feature data).
    AddPlanePoint(f64, f64),
    /// Remove the data row nearest (x1, x2), distances measured in units of the spans.
    RemovePlanePoint {
        /// Where the click was, (x1, x2).
        at: (f64, f64),
        /// The plot's (x1, x2) spans, so that "nearest" is nearest on screen.
        spans: (f64, f64),
    },
    /// Switch the class a click adds on two-feature data between 1 and 0.
    ToggleAddClass,
    /// Write the trajectory to a new CSV file in the current folder.
    ExportTrajectory,
    /// Write the screen as it is to a new SVG file in the current folder.
    SaveScreen,
    /// Predict mode on or off: a question before each update.
    TogglePredict,
    /// Type a character of the answer to the open question.
    AnswerInput(char),
    /// Delete the answer's last character.
    AnswerBackspace,
    /// Give the answer: it is judged, and the update taken.
    AnswerSubmit,
    /// Close the question unanswered, taking no update.
    AnswerCancel,
    /// Open the `:` command line.
    OpenCommandLine,
    /// Type a character on the command line.
    CommandInput(char),
    /// Delete the last character on the command line.
    CommandBackspace,
    /// Complete the word being typed on the command line.
    CommandComplete,
    /// Run the command line.
    CommandSubmit,
    /// Close the command line without running it.
    CommandCancel,
    /// Take up to this many updates while playing (the event loop's clock decides how many).
    Advance(usize),
    /// Open the learning-rate sweep from the current point, or close it.
    ToggleSweep,
    /// Move the sweep's cursor by this many learning rates.
    SweepCursor(isize),
    /// Set the base η to the learning rate under the sweep's cursor, and close the sweep.
    PickSweepRate,
    /// One run of a sweep finished in the background.
    SweepResult {
        /// The sweep it belongs to; runs of a closed or replaced sweep are dropped.
        id: u64,
        /// Its place in the sweep's learning rates.
        index: usize,
        /// What the run led to, or why it could not start.
        row: Result<SweepRow, crate::engine::Error>,
    },
    /// A file asked for by an [`super::Effect::Write`] was written, or could not be.
    Wrote {
        /// The path written, or why not.
        result: Result<PathBuf, crate::report::WriteError>,
        /// Said in parentheses after the path (rows written, a warning).
        note: Option<String>,
        /// The command line that asked, reopened with the error if writing failed.
        command: Option<String>,
    },
    /// Data asked for by an [`super::Effect::Load`] was read, or could not be.
    Loaded {
        /// The load's id, as in its effect.
        id: u64,
        /// The file, as typed.
        path: String,
        /// The rows, or why they could not be read.
        data: Result<Box<Dataset>, super::Error>,
        /// The command line that asked, reopened with the error if it failed.
        command: String,
    },
    /// A landscape slice finished computing in the background.
    LandscapeReady(Box<Slice>),
    /// λmax finished computing in the background.
    StabilityReady(Box<super::StabilityAnswer>),
    /// A point within the tolerance was judged in the background.
    Judged(Box<super::JudgeAnswer>),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Leave.
    Quit,
}

impl Action {
    /// True for what a person did; false for what the event loop reports (time passing,
    /// background results, the terminal resizing), which must not clear a notice.
    pub fn is_from_person(&self) -> bool {
        !matches!(
            self,
            Action::Advance(_)
                | Action::LandscapeReady(_)
                | Action::StabilityReady(_)
                | Action::Judged(_)
                | Action::SweepResult { .. }
                | Action::Wrote { .. }
                | Action::Loaded { .. }
                | Action::Resize(..)
        )
    }
}
