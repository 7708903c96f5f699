//! Where each panel goes. Also used to map mouse clicks, so it is a pure function of the area.

use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;
/// Smallest terminal height the layout works in.
pub const MIN_HEIGHT: u16 = 16;

/// The screen's panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    /// One line: what is being trained.
    pub title: Rect,
    /// The loss landscape, the largest panel.
    pub landscape: Rect,
    /// Data and the model's curve.
    pub fit: Rect,
    /// Loss against step, log scale.
    pub history: Rect,
    /// Step, loss, parameters, η and the last update with its numbers.
    pub status: Rect,
    /// One line of key hints.
    pub keys: Rect,
}

/// The panels for a terminal of `area`, or `None` when it is too small.
pub fn panels(area: Rect) -> Option<Panels> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    // Room for both axis parameters' update lines from 24 rows up.
    let status_lines = match area.height {
        30.. => 6,
        24.. => 5,
        _ => 4,
    };
    let [title, middle, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(status_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    let [landscape, side] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(middle);
    let [fit, history] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(side);
    Some(Panels {
        title,
        landscape,
        fit,
        history,
        status,
        keys,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_tile_the_screen_and_the_landscape_is_largest() {
        for (w, h) in [(80, 24), (200, 60), (60, 16)] {
            let p = panels(Rect::new(0, 0, w, h)).unwrap();
            let area = |r: Rect| u32::from(r.width) * u32::from(r.height);
            let total: u32 = [p.title, p.landscape, p.fit, p.history, p.status, p.keys]
                .iter()
                .map(|r| area(*r))
                .sum();
            assert_eq!(total, u32::from(w) * u32::from(h));
            assert!(area(p.landscape) > area(p.fit) && area(p.landscape) > area(p.history));
        }
        assert_eq!(panels(Rect::new(0, 0, 59, 40)), None);
        assert_eq!(panels(Rect::new(0, 0, 100, 15)), None);
    }
}
