//! The terminal: set-up and restore, and the event loop (`event_loop.rs`) that steps,
//! asks the background workers for slices and sweeps, performs file effects and draws.

mod effects;
mod event_loop;
mod pacer;
pub mod screenshot;

use std::io::{IsTerminal, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use effects::perform;

use crate::app::{Action, App, update};
use crate::engine::OptimizerKind;
use crate::scenario::Setup;
use crate::ui::Theme;

/// Opens the interactive view on `setup`, in explain and predict mode when asked (racing
/// the optimizers in `race`, when given, in `theme`'s colours), and runs it until the
/// person quits.
pub fn run(
    setup: Setup,
    (explain, predict): (bool, bool),
    race: Option<Vec<OptimizerKind>>,
    theme: Theme,
) -> anyhow::Result<()> {
    if !stdout().is_terminal() {
        bail!(crate::t!("tui-not-a-terminal"));
    }
    let mut app = App::new(setup).map_err(anyhow::Error::msg)?;
    if let Some(kinds) = race {
        app.open_race(&kinds)
            .map_err(|e| anyhow::anyhow!("--race: {e}"))?;
    }
    if explain {
        update(&mut app, Action::Explain);
    }
    if predict {
        update(&mut app, Action::TogglePredict);
    }
    install_mouse_release_on_panic();
    let signalled = watch_signals()?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = execute!(stdout(), EnableMouseCapture)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop::event_loop(&mut terminal, &mut app, &theme, &signalled));
    // Restore whatever happened above; the panic hook covers panics.
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    // Ended by a signal: the terminal is restored, and the exit status says which, as a
    // shell expects (128 + its number).
    match signalled.load(Ordering::Relaxed) {
        0 => result,
        signal => {
            // A file being written when the signal came is left unfinished: remove it.
            crate::report::remove_unfinished();
            std::process::exit(128 + signal as i32)
        }
    }
}

/// The signals that end the view (TERM, HUP, INT, QUIT, USR1): each only sets the flag
/// returned, and the event loop, seeing it, leaves so that the terminal is restored.
fn watch_signals() -> anyhow::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};
    let signalled = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1] {
        signal_hook::flag::register_usize(signal, Arc::clone(&signalled), signal as usize)
            .context("cannot watch for signals")?;
    }
    Ok(signalled)
}

/// Mouse reporting outlives a panic unless switched off; ratatui's own hook (installed
/// next, so run first) restores the rest of the terminal.
///
/// A panic in any thread ends the process here, after the message: a worker that died
/// would otherwise leave the view running on a terminal already restored, waiting for an
/// answer that never comes. A file half written is removed first.
fn install_mouse_release_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
        crate::report::remove_unfinished();
        std::process::exit(101);
    }));
}

/// Applies `action`, performing the file work it asks for and applying the answer; a
/// screen it asks to save is drawn at [`screenshot::SIZE`] in truecolour.
pub fn dispatch(app: &mut App, action: Action) {
    if let Some(effect) = update(app, action) {
        let (w, h) = screenshot::SIZE;
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let effect = effects::with_screen(effect, app, &screenshot::THEME, area);
        // An answer never asks for more work.
        update(app, perform(effect));
    }
}
