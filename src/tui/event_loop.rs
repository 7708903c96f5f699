//! The event loop: background answers in, requests out, a frame at most every
//! [`FRAME`], the clock's updates, then the events until the frame is up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::effects::{FileWorker, with_screen};
use super::pacer::Pacer;
use crate::app::{
    Action, App, JudgeAnswer, JudgeRequest, StabilityAnswer, StabilityRequest, update,
};
use crate::input::{fit_click, key_action, landscape_click, surface_drag};
use crate::landscape::SliceRequest;
use crate::landscape::worker::Worker;
use crate::pool::Latest;
use crate::sweep::worker::SweepWorker;
use crate::ui::{self, Theme, layout, plot_area, samples_for};

/// Shortest time between two frames: at most 60 per second.
const FRAME: Duration = Duration::from_micros(16_667);

/// Runs until the person quits or a signal arrives.
pub(super) fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    signalled: &AtomicUsize,
) -> anyhow::Result<()> {
    let mut background = Background::spawn(*theme);
    let mut last_frame = Instant::now() - FRAME;
    let mut pacer = Pacer::new();
    // Where a drag on the 3-D surface was last seen.
    let mut drag = None;
    // A signal ends the loop as q does, at most a frame later.
    while !app.quit() && signalled.load(Ordering::Relaxed) == 0 {
        background.collect(app);
        let size = terminal.size()?;
        background.screen = Rect::new(0, 0, size.width, size.height);
        let panels = layout::panels(background.screen);
        background.ask(app, panels.as_ref(), theme);
        if last_frame.elapsed() >= FRAME {
            terminal.draw(|frame| ui::render(app, theme, frame))?;
            last_frame = Instant::now();
        }
        // The updates are taken before the wait, and the wait is what is left of the
        // frame: a frame then lasts max(FRAME, drawing + updates), not their sum plus a
        // whole FRAME, which held costly models to half the asked speed.
        pacer.tick(app);
        let timeout = FRAME.saturating_sub(last_frame.elapsed());
        if event::poll(timeout)? {
            // Every event already waiting is handled now: a long paste arrives in one
            // burst, and its tail must not wait for the next key press.
            loop {
                let event = event::read()?;
                if let Some(action) = action_for(app, theme, event, panels.as_ref(), &mut drag) {
                    background.dispatch(app, action);
                }
                let leaving = app.quit() || signalled.load(Ordering::Relaxed) != 0;
                if leaving || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
    }
    if signalled.load(Ordering::Relaxed) != 0 {
        background.files.abandon();
    }
    Ok(())
}

/// A scroll of the text panel on screen by `rows`, kept within its text.
fn scroll_by(app: &App, theme: &Theme, panels: Option<&layout::Panels>, rows: isize) -> Action {
    let Some((max, _)) = panels.and_then(|p| ui::text_scroll_limits(app, theme, p)) else {
        return Action::ScrollText(0);
    };
    let now = app.text_scroll().min(max);
    let to = now.saturating_add_signed(rows).min(max);
    Action::ScrollText(to as isize - app.text_scroll() as isize)
}

/// PgUp/PgDn's ±1 as a page of the text panel on screen; other actions as they are.
fn paged(app: &App, theme: &Theme, panels: Option<&layout::Panels>, action: Action) -> Action {
    let Action::ScrollText(direction) = action else {
        return action;
    };
    let page = panels
        .and_then(|p| ui::text_scroll_limits(app, theme, p))
        .map_or(1, |(_, page)| page as isize);
    scroll_by(app, theme, panels, direction * page)
}

/// The mouse wheel over the help, or over the side column's text panel: two rows a
/// notch.
fn wheel(app: &App, theme: &Theme, p: &layout::Panels, mouse: MouseEvent) -> Option<Action> {
    let side = ui::side_panels(app, p);
    let area = if app.help_open() {
        p.title.union(p.keys)
    } else {
        side.explain.or(side.predict).or(side.caption)?
    };
    if !area.contains(ratatui::layout::Position::new(mouse.column, mouse.row)) {
        return None;
    }
    let rows = match mouse.kind {
        MouseEventKind::ScrollDown => 2,
        MouseEventKind::ScrollUp => -2,
        _ => return None,
    };
    Some(scroll_by(app, theme, Some(p), rows))
}

/// The action a terminal event asks for; `drag` follows a drag on the 3-D surface.
fn action_for(
    app: &App,
    theme: &Theme,
    event: Event,
    panels: Option<&layout::Panels>,
    drag: &mut Option<(u16, u16)>,
) -> Option<Action> {
    match event {
        Event::Key(key) => key_action(app, key).map(|a| paged(app, theme, panels, a)),
        // On a turned surface a click names no point: the mouse turns it instead.
        Event::Mouse(mouse)
            if app.surface().is_some()
                && (drag.is_some()
                    || panels.is_some_and(|p| {
                        p.landscape
                            .contains(ratatui::layout::Position::new(mouse.column, mouse.row))
                    })) =>
        {
            let (action, now) = surface_drag(mouse, *drag);
            *drag = now;
            action
        }
        // While a question waits, a click would move the point it asks about.
        Event::Mouse(mouse) if app.asking() => panels.and_then(|p| wheel(app, theme, p, mouse)),
        Event::Mouse(mouse) => panels.and_then(|p| {
            let fit = ui::side_panels(app, p)
                .fit
                .and_then(|area| ui::fit_frame(app, area));
            landscape_click(mouse, plot_area(p.landscape), app.viewport())
                .or_else(|| fit.and_then(|frame| fit_click(mouse, &frame)))
                .or_else(|| wheel(app, theme, p, mouse))
        }),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// The workers off the UI thread, and what was last asked of each.
struct Background {
    /// Reads and writes files.
    files: FileWorker,
    /// The colours and size of the screen, which a saved screen is drawn with.
    theme: Theme,
    screen: Rect,
    /// Computes λmax where it costs too much to do between frames.
    curvature: Latest<StabilityRequest, StabilityAnswer>,
    /// The λmax last asked for, so it is asked for only when it changes.
    curvature_asked: Option<StabilityRequest>,
    /// Judges points within the tolerance where their Hessian is dear.
    judge: Latest<JudgeRequest, JudgeAnswer>,
    /// The judgement last asked for.
    judge_asked: Option<JudgeRequest>,
    landscape: Worker,
    /// The slice last asked for, so it is asked for only when it changes.
    asked: Option<SliceRequest>,
    sweeps: SweepWorker,
    /// The id of the sweep last handed to `sweeps`.
    swept: Option<u64>,
}

impl Background {
    fn spawn(theme: Theme) -> Self {
        Self {
            files: FileWorker::spawn(),
            theme,
            screen: Rect::default(),
            curvature: Latest::spawn("curvature", |request: StabilityRequest, answers| {
                let _ = answers.send(request.answer());
            }),
            curvature_asked: None,
            judge: Latest::spawn("judge", |request: JudgeRequest, answers| {
                let _ = answers.send(request.answer());
            }),
            judge_asked: None,
            landscape: Worker::spawn(),
            asked: None,
            sweeps: SweepWorker::spawn(),
            swept: None,
        }
    }

    /// Applies `action`; file work it asks for goes to the file thread, whose answer
    /// comes back through [`Background::collect`]. A screen to save is drawn here, on
    /// the UI thread, which has it; only the writing goes to the file thread.
    fn dispatch(&self, app: &mut App, action: Action) {
        if let Some(effect) = update(app, action) {
            let effect = with_screen(effect, app, &self.theme, self.screen);
            self.files.request(effect);
        }
    }

    /// Hands every answer that arrived to the app.
    fn collect(&self, app: &mut App) {
        while let Some(slice) = self.landscape.latest() {
            self.dispatch(app, Action::LandscapeReady(Box::new(slice)));
        }
        for run in self.sweeps.finished() {
            let (id, index, row) = (run.id, run.index, run.row);
            self.dispatch(app, Action::SweepResult { id, index, row });
        }
        for answer in self.files.answers() {
            self.dispatch(app, answer);
        }
        for answer in self.curvature.answers() {
            self.dispatch(app, Action::StabilityReady(Box::new(answer)));
        }
        for answer in self.judge.answers() {
            self.dispatch(app, Action::Judged(Box::new(answer)));
        }
    }

    /// Starts or cancels the sweep the app has open, and asks for the slice the
    /// landscape panel needs, each only when it changed.
    fn ask(&mut self, app: &App, panels: Option<&layout::Panels>, theme: &Theme) {
        let judge = app.judge_request();
        // A judgement of the same point computes the same Hessian and answers λmax too.
        let judged_here = |r: &StabilityRequest| {
            judge
                .as_ref()
                .is_some_and(|j| j.racer == 0 && j.state.params == r.params)
        };
        if let Some(request) = app.stability_request()
            && self.curvature_asked.as_ref() != Some(request)
            && !judged_here(request)
        {
            self.curvature.request(request.clone());
            self.curvature_asked = Some(request.clone());
        }
        if judge.is_some() && judge != self.judge_asked {
            self.judge.request(judge.clone().expect("just checked"));
        }
        self.judge_asked = judge;
        let open = app.sweep().map(|s| s.job.id);
        if open != self.swept {
            match app.sweep() {
                Some(sweep) => self.sweeps.request(sweep.job.clone()),
                None => self.sweeps.cancel(),
            }
            self.swept = open;
        }
        if let Some(p) = panels {
            let (w, h) = samples_for(plot_area(p.landscape), theme);
            let request = app.slice_request(w.max(1), h.max(1));
            if self.asked.as_ref() != Some(&request) {
                self.landscape
                    .request(app.landscape_objective().clone(), request.clone());
                self.asked = Some(request);
            }
        }
    }
}
