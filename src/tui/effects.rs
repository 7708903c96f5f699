//! File work that `update` asks for, each answered with the action that reports how it
//! went: done at once by [`perform`], or on a thread of its own by [`FileWorker`] so that
//! the screen keeps answering while a file is read or written.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, Contents, Effect, Error, Replay, Target};
use crate::data::csv::load_csv;
use crate::fmt::csv_line;
use crate::report::{WriteError, columns, unused_name, write_csv_row, write_new_with};
use crate::ui::{self, Theme};

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
            Action::Wrote {
                result: write(&path, contents),
                note,
                command,
            }
        }
        Effect::Load { id, path, command } => Action::Loaded {
            id,
            data: load_csv(Path::new(&path), "y")
                .map(Box::new)
                .map_err(|e| Error::Data(format!("{e:#}"))),
            path,
            command,
        },
    }
}

/// `effect` with the screen it may ask for drawn: [`Contents::Screen`] becomes the SVG of
/// `app` drawn on `area` with `theme`, as the terminal shows it now.
pub fn with_screen(effect: Effect, app: &App, theme: &Theme, area: Rect) -> Effect {
    match effect {
        Effect::Write {
            to,
            contents: Contents::Screen,
            note,
            command,
        } => {
            let mut buf = Buffer::empty(area);
            ui::draw(app, theme, area, &mut buf);
            Effect::Write {
                to,
                contents: Contents::Text(ui::svg::screen(&buf, theme)),
                note,
                command,
            }
        }
        other => other,
    }
}

/// Writes `contents` to the new file `path`.
fn write(path: &Path, contents: Contents) -> Result<std::path::PathBuf, WriteError> {
    match contents {
        // [`with_screen`] draws it first; a screen nobody drew is not written.
        Contents::Screen => Err(WriteError::Io {
            path: crate::fmt::path(path),
            reason: crate::t!("file-no-screen"),
        }),
        Contents::Text(text) => write_new_with(path, |out| out.write_all(text.as_bytes())),
        Contents::Scenario(saved) => {
            let text = saved.to_toml()?;
            write_new_with(path, |out| out.write_all(text.as_bytes()))
        }
        Contents::Trajectory(replay) => write_new_with(path, |out| trajectory(&replay, out)),
    }
}

/// Every state of `replay` as CSV rows, made again from its checkpoints one at a time.
fn trajectory(replay: &Replay, mut out: &mut dyn Write) -> std::io::Result<()> {
    let tested = replay.trainer.objective().test().is_some();
    out.write_all(csv_line(columns(&replay.names, tested)).as_bytes())?;
    let mut result = Ok(());
    replay.trainer.replay(|state| {
        if result.is_ok() {
            result = write_csv_row(&mut out, state);
        }
    });
    result
}

/// A thread that does file work in the order asked, so that a slow or large file never
/// stops the screen; its answers are collected by the event loop. Dropping it waits for
/// the work already asked, so that quitting right after `x` still writes the file whole.
pub struct FileWorker {
    /// `None` once dropping has begun: closing the channel lets the thread finish.
    requests: Option<Sender<Effect>>,
    answers: Receiver<Action>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Drop for FileWorker {
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl FileWorker {
    /// Starts the thread; it ends when the worker is dropped.
    pub fn spawn() -> Self {
        let (requests, inbox) = mpsc::channel::<Effect>();
        let (outbox, answers) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("files".into())
            .spawn(move || {
                for effect in inbox {
                    // Nobody may be listening any more (the view is closing): the work
                    // is still finished.
                    let _ = outbox.send(perform(effect));
                }
            })
            .expect("the OS can start a thread");
        Self {
            requests: Some(requests),
            answers,
            thread: Some(thread),
        }
    }

    /// Lets the thread go without waiting for it: a signal ends the process at once, and
    /// the file it was writing is removed as unfinished.
    pub fn abandon(&mut self) {
        self.thread = None;
    }

    /// Asks for `effect` to be done.
    pub fn request(&self, effect: Effect) {
        // A send fails only if the thread died; its answer then never comes.
        if let Some(requests) = &self.requests {
            let _ = requests.send(effect);
        }
    }

    /// The answers that arrived since the last call, oldest first.
    pub fn answers(&self) -> impl Iterator<Item = Action> + '_ {
        self.answers.try_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_asked_before_the_worker_is_dropped_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let text = "a,b\n".repeat(100_000);
        let worker = FileWorker::spawn();
        worker.request(Effect::Write {
            to: Target::Named(path.clone()),
            contents: Contents::Text(text.clone()),
            note: None,
            command: None,
        });
        drop(worker);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left");
    }
}
