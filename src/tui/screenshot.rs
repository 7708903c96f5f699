//! The screen without a terminal: a lesson after some updates, drawn into a buffer with
//! the answers the background workers would have given, for `downhill screenshot` and
//! for saving a screen from the tests.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App, update};
use crate::landscape::{Subsamples, slice_for};
use crate::scenario::Setup;
use crate::ui::{self, ColorMode, Theme, layout, plot_area, samples_for};

/// The size a screen is drawn at where no terminal gives one: wide enough for every
/// panel's labels.
pub const SIZE: (u16, u16) = (120, 40);

/// The colours a screen is drawn in where no terminal gives them.
pub const THEME: Theme = Theme {
    mode: ColorMode::Rgb,
    light: false,
};

/// Hands `app` what the background workers would for a screen of `area`: the
/// landscape's slice, λmax where it is dear, and the judgement of a point within the
/// tolerance; each computed here, at once.
pub fn settle(app: &mut App, area: Rect, theme: &Theme) {
    answer_workers(app);
    deliver_slice(app, area, theme);
}

/// Answers, here and now, what the app asks of the curvature and judging workers.
fn answer_workers(app: &mut App) {
    // An answer can ask for another (a judgement, then λmax there): a few rounds settle.
    for _ in 0..4 {
        let mut answered = false;
        if let Some(request) = app.stability_request().cloned() {
            update(app, Action::StabilityReady(Box::new(request.answer())));
            answered = true;
        }
        if let Some(request) = app.judge_request() {
            update(app, Action::Judged(Box::new(request.answer())));
            answered = true;
        }
        if !answered {
            break;
        }
    }
}

/// Hands `app` the slice its landscape panel asks for on a screen of `area`, computed
/// here as the landscape worker computes it.
pub fn deliver_slice(app: &mut App, area: Rect, theme: &Theme) {
    if let Some(panels) = layout::panels(area) {
        deliver_plot_slice(app, plot_area(panels.landscape), theme);
    }
}

/// Hands `app` the slice a landscape plot of `plot` cells asks for.
pub fn deliver_plot_slice(app: &mut App, plot: Rect, theme: &Theme) {
    let (w, h) = samples_for(plot, theme);
    let request = app.slice_request(w.max(1), h.max(1));
    let objective = app.landscape_objective().clone();
    let slice = slice_for(&objective, &request, &mut Subsamples::default());
    update(app, Action::LandscapeReady(Box::new(slice)));
}

/// The screen of `setup` after `steps` updates (fewer if it comes to rest first), at
/// `size` cells in `theme`'s colours.
pub fn screen(
    setup: Setup,
    steps: usize,
    size: (u16, u16),
    theme: &Theme,
) -> anyhow::Result<Buffer> {
    let mut app = App::new(setup).map_err(anyhow::Error::msg)?;
    // As `downhill run` trains: until the run comes to rest (Space would step on).
    for _ in 0..steps {
        if app.current().status != crate::engine::Status::Running {
            break;
        }
        update(&mut app, Action::Step);
        answer_workers(&mut app);
    }
    let area = Rect::new(0, 0, size.0, size.1);
    if layout::panels(area).is_none() {
        let size = format!("{}x{}", size.0, size.1);
        anyhow::bail!(crate::t!("screenshot-too-small", size = size));
    }
    settle(&mut app, area, theme);
    let mut buf = Buffer::empty(area);
    ui::draw(&app, theme, area, &mut buf);
    Ok(buf)
}
