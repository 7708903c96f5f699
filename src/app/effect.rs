//! Work that [`super::update`] asks the event loop to do because it touches the file
//! system; the loop answers with [`super::Action::Wrote`] or [`super::Action::Loaded`].

use std::path::PathBuf;

use crate::engine::Trainer;
use crate::report::SavedScenario;

/// A file to read or write.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write a new file (never replacing one).
    Write {
        /// Where.
        to: Target,
        /// What.
        contents: Contents,
        /// Said in parentheses after the path once written.
        note: Option<String>,
        /// The command line that asked, if one did: a failure reopens it with the error.
        command: Option<String>,
    },
    /// Read data rows from a CSV file (target column `y`).
    Load {
        /// Which load this is: an answer for a load cancelled since is dropped.
        id: u64,
        /// The file, as typed.
        path: String,
        /// The command line that asked: a failure reopens it with the error.
        command: String,
    },
}

/// Where a new file goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// This path exactly.
    Named(PathBuf),
    /// `stem.ext` in the current folder, or `stem-2.ext`, … if that is taken.
    Fresh {
        /// The name before any suffix.
        stem: String,
        /// The extension.
        ext: &'static str,
    },
}

/// What a new file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    /// Text, ready to write.
    Text(String),
    /// A scenario, written as TOML when the file is written (its data path is made
    /// absolute then, which reads the file system).
    Scenario(Box<SavedScenario>),
    /// The screen as it is now, as SVG: the app has no screen, so the event loop, which
    /// has, draws it and hands the text over ([`Contents::Text`]) before writing.
    Screen,
    /// Every state of a run in `downhill run --format csv` columns, made again from its
    /// checkpoints while the file is written, row by row.
    Trajectory(Replay),
}

/// A copy of a run to replay into a file: its parameter names and its trainer (the
/// states it keeps and what it needs to make the others again).
#[derive(Debug, Clone)]
pub struct Replay {
    /// The CSV's parameter columns.
    pub names: Vec<String>,
    /// The run.
    pub trainer: Box<Trainer>,
}

impl PartialEq for Replay {
    /// The same names and the same states kept: the same rows.
    fn eq(&self, other: &Self) -> bool {
        self.names == other.names && self.trainer.kept() == other.trainer.kept()
    }
}
