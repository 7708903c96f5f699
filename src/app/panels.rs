//! What is open besides the plots: the help or the command line over the screen, explain
//! mode or the sweep in the side column, the caption and the history's sharpness view.
//!
//! Each place holds one thing at a time, so the state is an enum per place: explain
//! mode and the sweep cannot both be open, nor the help and the command line.

use super::command::{self, Done};
use super::keys::key_for;
use super::{Action, App, CommandLine, Effect, Sweep};
use crate::engine::{Model, Schedule};
use crate::explain::{Explanation, Phase, Unit, explain_unit};
use crate::scenario::LESSONS;
use crate::t;

/// What lies over the whole screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// The help.
    Help,
    /// The `:` command line, on the bottom line.
    Command(CommandLine),
    /// The lesson menu, with the highlighted lesson's index in [`LESSONS`].
    Lessons(usize),
}

/// What the side column beside the landscape holds.
#[derive(Debug, Clone)]
pub enum Side {
    /// The fit and the loss history (and the caption, when shown).
    Plots,
    /// Explain mode: the phase shown and its text, computed when the state changes.
    Explain(Phase, Explanation),
    /// The learning-rate sweep.
    Sweep(Box<Sweep>),
}

impl App {
    /// `?`: shows or hides the help.
    pub(super) fn toggle_help(&mut self) {
        // The help opens at its top, and the text under it is back at its own.
        self.text_scroll = 0;
        self.overlay = match self.overlay {
            Overlay::Help => Overlay::None,
            _ => Overlay::Help,
        };
    }

    /// Esc: stops a `:load` under way, or closes the help or the lesson menu, explain
    /// mode or the sweep, in that order. With none open it only says how to quit: a second Esc out of habit must
    /// not lose the run.
    pub(super) fn dismiss(&mut self) {
        if self.loading.is_some() {
            self.cancel_load();
        } else if matches!(self.overlay, Overlay::Help | Overlay::Lessons(_)) {
            self.overlay = Overlay::None;
        } else if matches!(self.side, Side::Plots) {
            let quit = super::keys::key_for(&Action::Quit);
            self.tell(t!("notice-nothing-to-close", key = quit));
        } else {
            self.side = Side::Plots;
        }
    }

    /// PgUp/PgDn: scrolls the side column's text by `rows`, never above its top.
    pub(super) fn scroll_text(&mut self, rows: isize) {
        self.text_scroll = self.text_scroll.saturating_add_signed(rows);
    }

    /// `L`: opens the lesson menu at the open lesson, or closes it.
    pub(super) fn toggle_lessons(&mut self) {
        self.overlay = match self.overlay {
            Overlay::Lessons(_) => Overlay::None,
            _ => Overlay::Lessons(self.lesson.unwrap_or(0)),
        };
    }

    /// ↑ ↓ in the lesson menu, wrapping round.
    pub(super) fn move_lesson_cursor(&mut self, by: isize) {
        if let Overlay::Lessons(at) = &mut self.overlay {
            *at = (*at as isize + by).rem_euclid(LESSONS.len() as isize) as usize;
        }
    }

    /// Enter in the lesson menu: opens the highlighted lesson.
    pub(super) fn open_chosen_lesson(&mut self) {
        if let Overlay::Lessons(at) = self.overlay {
            self.open_lesson(at);
        }
    }

    /// `q`: leave.
    pub(super) fn leave(&mut self) {
        self.quit = true;
    }

    /// `e`: opens explain mode, shows the next phase, or after the last phase takes the
    /// update and shows the next one's forward pass.
    ///
    /// Opened just after an update that raised the loss or blew up, it explains that
    /// update (the one taken), so the why is reachable from any state; after its last
    /// phase it goes on to the update from the current state, unless the run diverged.
    pub(super) fn explain_next(&mut self) {
        match self.explaining().map(|(phase, _)| phase) {
            None => {
                self.explain_taken = self.last_update_climbed();
                self.show_phase(Phase::Forward);
            }
            Some(phase) => match phase.next() {
                Some(next) => self.show_phase(next),
                None if self.explain_taken && self.diverged() => self.tell(t!(
                    "notice-explained-blowup",
                    key = key_for(&Action::RecoverFromDivergence)
                )),
                None if self.explain_taken => {
                    self.explain_taken = false;
                    self.show_phase(Phase::Forward);
                }
                None => {
                    // As Space does: in predict mode the update waits for an answer.
                    self.step_once();
                    self.show_phase(Phase::Forward);
                }
            },
        }
    }

    /// True when the last update raised the loss or blew up.
    fn last_update_climbed(&self) -> bool {
        let now = self.trainer.current();
        match self.trainer.previous() {
            Some(before) => self.diverged() || now.loss > before.loss || now.loss.is_nan(),
            None => false,
        }
    }

    /// `n`: explain mode's backward phase works out the next unit of an `mlp`, layer by
    /// layer (the text follows, as after every action).
    pub(super) fn next_unit(&mut self) {
        let Model::Mlp(m) = self.trainer.objective().model() else {
            return self.tell(crate::t!(
                "notice-no-units",
                key = key_for(&Action::NextUnit)
            ));
        };
        self.explain_unit = self.explain_unit.next_in(&m);
        let Unit { layer, index } = self.explain_unit;
        self.tell(match self.explaining() {
            Some(_) => crate::t!("notice-unit", index = index, layer = layer),
            None => crate::t!(
                "notice-unit-closed",
                index = index,
                layer = layer,
                key = key_for(&Action::Explain)
            ),
        });
    }

    /// Keeps explain mode's text in step with the state it explains.
    pub(super) fn refresh_explanation(&mut self) {
        if let Some((phase, _)) = self.explaining() {
            self.show_phase(phase);
        }
    }

    /// Shows `phase` of the update explained, in the side column: the one from the
    /// current state, or the one just taken (with the η it was taken with).
    fn show_phase(&mut self, phase: Phase) {
        let l0 = self.trainer.start().loss;
        let mut config = self.trainer.config().clone();
        let taken = match self.trainer.previous() {
            Some(before) if self.explain_taken => {
                config.lr = self.current().lr;
                config.schedule = Schedule::Constant;
                Some(before)
            }
            _ => None,
        };
        let text = explain_unit(
            self.trainer.objective(),
            &config,
            taken.unwrap_or(self.current()),
            l0,
            phase,
            self.explain_unit,
        );
        // A new phase, or another update, is read from its top; the same one keeps its
        // place while other actions refresh it.
        if self.explaining().map(|(p, e)| (p, &e.title)) != Some((phase, &text.title)) {
            self.text_scroll = 0;
        }
        self.side = Side::Explain(phase, text);
    }

    /// `i`: shows or hides the lesson's caption.
    pub(super) fn toggle_caption(&mut self) {
        if self.setup.scenario.caption.is_some() {
            self.caption = !self.caption;
            self.text_scroll = 0;
        } else {
            self.tell(t!("notice-no-caption"));
        }
    }

    /// `s`: the history panel shows the loss, or the sharpness against 2/η.
    pub(super) fn toggle_sharpness(&mut self) {
        self.show_sharpness = !self.show_sharpness;
    }

    /// `:`: opens an empty command line.
    pub(super) fn open_command_line(&mut self) {
        self.overlay = Overlay::Command(CommandLine::default());
    }

    /// Backspace on the command line.
    pub(super) fn command_backspace(&mut self) {
        self.edit_command(|text| {
            text.pop();
        });
    }

    /// Edits the command line's text, if it is open; the last error goes.
    pub(super) fn edit_command(&mut self, edit: impl FnOnce(&mut String)) {
        if let Overlay::Command(line) = &mut self.overlay {
            edit(&mut line.text);
            line.error = None;
        }
    }

    /// Tab: completes the word being typed, or lists the choices.
    pub(super) fn complete_command(&mut self) {
        if let Some(line) = self.command_line() {
            let (text, listed) = command::complete(self, &line.text);
            self.overlay = Overlay::Command(CommandLine {
                text,
                error: listed,
            });
        }
    }

    /// Esc on the command line: closes it without running it.
    pub(super) fn cancel_command(&mut self) {
        if self.command_line().is_some() {
            self.overlay = Overlay::None;
        }
    }

    /// Enter: runs the command line. It closes, unless the command is refused: then it
    /// stays with the error. A command that needs a file returns the effect to perform.
    pub(super) fn submit_command(&mut self) -> Option<Effect> {
        let line = self.command_line()?.clone();
        self.overlay = Overlay::None;
        match command::execute(self, &line.text) {
            Ok(Done::Told(message)) => self.tell(message),
            Ok(Done::Effect(effect)) => return Some(effect),
            Err(error) => self.reopen_command(line.text, error),
        }
        None
    }

    /// Reopens the command line with `text` and the `error` that refused it.
    pub(super) fn reopen_command(&mut self, text: String, error: impl std::fmt::Display) {
        self.overlay = Overlay::Command(CommandLine {
            text,
            error: Some(error.to_string()),
        });
    }
}
