//! The terminal: set-up and restore, and the event loop that steps, asks for slices and draws.

use std::io::{IsTerminal, stdout};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use crate::app::{
    Action, App, action_for_command_key, action_for_fit_mouse, action_for_key, action_for_mouse,
    action_for_sweep_key, update,
};
use crate::engine::OptimizerKind;
use crate::landscape::worker::Worker;
use crate::scenario::Setup;
use crate::sweep::worker::SweepWorker;
use crate::ui::{self, Theme, layout, plot_area, samples_for};

/// Shortest time between two frames: at most 60 per second.
const FRAME: Duration = Duration::from_micros(16_667);
/// Engine time allowed per frame while playing, so input and drawing stay responsive.
const STEP_BUDGET: Duration = Duration::from_millis(10);

/// Opens the interactive view on `setup` (racing the optimizers in `race`, when given)
/// and runs it until the person quits.
pub fn run(setup: Setup, explain: bool, race: Option<Vec<OptimizerKind>>) -> anyhow::Result<()> {
    if !stdout().is_terminal() {
        bail!(
            "standard output is not a terminal, so the interactive view cannot start; `downhill run` prints the same training as a table"
        );
    }
    let theme = Theme::from_env();
    let mut app = App::new(setup).map_err(anyhow::Error::msg)?;
    if let Some(kinds) = race {
        app.open_race(&kinds)
            .map_err(|e| anyhow::anyhow!("--race: {e}"))?;
    }
    if explain {
        update(&mut app, Action::Explain);
    }
    install_mouse_release_on_panic();
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = execute!(stdout(), EnableMouseCapture)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop(&mut terminal, &mut app, &theme));
    // Restore whatever happened above; the panic hook covers panics.
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Mouse reporting outlives a panic unless switched off; ratatui's own hook (installed
/// next, so run first) restores the rest of the terminal.
fn install_mouse_release_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> anyhow::Result<()> {
    let worker = Worker::spawn();
    let mut asked = None;
    let sweeper = SweepWorker::spawn();
    // The id of the sweep last handed to `sweeper`.
    let mut swept = None;
    let mut last_frame = Instant::now() - FRAME;
    let mut last_tick = Instant::now();
    let mut owed = 0.0_f64;
    let mut pacer = Pacer::default();
    while !app.quit {
        while let Some(slice) = worker.latest() {
            update(app, Action::LandscapeReady(Box::new(slice)));
        }
        for run in sweeper.finished() {
            let (id, index, row) = (run.id, run.index, run.row);
            update(app, Action::SweepResult { id, index, row });
        }
        let open = app.sweep.as_ref().map(|s| s.job.id);
        if open != swept {
            match &app.sweep {
                Some(sweep) => sweeper.request(sweep.job.clone()),
                None => sweeper.cancel(),
            }
            swept = open;
        }
        let size = terminal.size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        let panels = layout::panels(area);
        if let Some(p) = panels {
            let (w, h) = samples_for(plot_area(p.landscape), theme);
            let request = app.slice_request(w.max(1), h.max(1));
            if asked.as_ref() != Some(&request) {
                worker.request(app.trainer.objective().clone(), request.clone());
                asked = Some(request);
            }
        }
        if last_frame.elapsed() >= FRAME {
            terminal.draw(|frame| ui::render(app, theme, frame))?;
            last_frame = Instant::now();
        }
        let timeout = FRAME.saturating_sub(last_frame.elapsed());
        if event::poll(timeout)? {
            let action = match event::read()? {
                Event::Key(key) if app.command.is_some() => action_for_command_key(key),
                Event::Key(key) if app.sweep.is_some() => action_for_sweep_key(key),
                Event::Key(key) => action_for_key(key),
                Event::Mouse(mouse) => panels.and_then(|p| {
                    let fit = ui::side_panels(app, &p)
                        .fit
                        .and_then(|area| ui::fit_frame(app, area));
                    action_for_mouse(mouse, plot_area(p.landscape), &app.view)
                        .or_else(|| fit.and_then(|frame| action_for_fit_mouse(mouse, &frame)))
                }),
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                _ => None,
            };
            if let Some(action) = action {
                update(app, action);
            }
        }
        let now = Instant::now();
        if app.queued > 0 {
            // `:steps N` runs as fast as the frame budget allows.
            let due = (pacer.affordable() as usize).min(app.queued).max(1);
            pacer.advance(app, due);
            owed = 0.0;
        } else if app.playing {
            owed += now.duration_since(last_tick).as_secs_f64() * app.updates_per_second();
            let affordable = pacer.affordable();
            let due = owed.floor().min(affordable) as usize;
            if due > 0 {
                pacer.advance(app, due);
                // Play that cannot keep up slows down rather than piling up a backlog.
                owed = (owed - due as f64).min(affordable);
            }
        } else {
            owed = 0.0;
        }
        last_tick = now;
    }
    Ok(())
}

/// Learns what an update costs, so that each frame takes only as many as fit in
/// [`STEP_BUDGET`].
#[derive(Debug, Default)]
struct Pacer {
    /// Seconds per update, smoothed; 0 until the first measurement.
    step_cost: f64,
}

impl Pacer {
    /// Updates that fit in one frame's engine budget (at least one).
    fn affordable(&self) -> f64 {
        if self.step_cost > 0.0 {
            (STEP_BUDGET.as_secs_f64() / self.step_cost).max(1.0)
        } else {
            1.0
        }
    }

    /// Takes `due` updates and learns from how long they took.
    fn advance(&mut self, app: &mut App, due: usize) {
        let started = Instant::now();
        update(app, Action::Advance(due));
        let per_step = started.elapsed().as_secs_f64() / due as f64;
        self.step_cost = if self.step_cost == 0.0 {
            per_step
        } else {
            0.8 * self.step_cost + 0.2 * per_step
        };
    }
}
