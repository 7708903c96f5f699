//! File work that `update` asks for, done here in the event loop, each answered with the
//! action that reports how it went.

use std::path::Path;

use crate::app::{Action, Contents, Effect, Error, Target};
use crate::data::csv::load_csv;
use crate::report::{unused_name, write_new};

/// Does `effect` and returns the action that reports it.
pub fn perform(effect: Effect) -> Action {
    match effect {
        Effect::Write {
            to,
            contents,
            note,
            command,
        } => {
            let path = match to {
                Target::Named(path) => path,
                Target::Fresh { stem, ext } => unused_name(&stem, ext),
            };
            let text = match contents {
                Contents::Text(text) => Ok(text),
                Contents::Scenario(saved) => saved.to_toml(),
            };
            Action::Wrote {
                result: text.and_then(|text| write_new(&path, &text)),
                note,
                command,
            }
        }
        Effect::Load { path, command } => Action::Loaded {
            data: load_csv(Path::new(&path), "y")
                .map(Box::new)
                .map_err(|e| Error::Data(format!("{e:#}"))),
            path,
            command,
        },
    }
}
