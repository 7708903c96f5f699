//! Why the app refuses an action or a command: the engine's reasons, a data file that
//! could not be read, or the app's own (a command typed wrong, say).

use crate::engine;

/// Everything an action or command can be refused for; its text is what the person sees.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The engine refused: a name it does not know, a model that does not fit the data, ….
    #[error(transparent)]
    Engine(#[from] engine::Error),
    /// A data file could not be read; the text says where in it.
    #[error("{0}")]
    Data(String),
    /// The app's own refusal, in words.
    #[error("{0}")]
    Refused(String),
}

impl From<String> for Error {
    fn from(reason: String) -> Self {
        Error::Refused(reason)
    }
}

impl From<&str> for Error {
    fn from(reason: &str) -> Self {
        Error::Refused(reason.to_owned())
    }
}
