//! Terminal events to actions: key presses through the app's one key table
//! ([`crate::app::BINDINGS`] and its companions), clicks through the geometry of the
//! panel they land on.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::app::{Action, App, Direction, FitFrame, Key, Press, Viewport, action_for};

/// The action a key press asks for in the app's current mode; `None` for keys that do
/// nothing there.
pub fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    action_for(app.key_mode(), press_of(key)?)
}

/// The app's [`Press`] for a terminal key event; `None` for releases, for keys the app
/// has no use for, and for Ctrl with anything but C.
pub fn press_of(key: KeyEvent) -> Option<Press> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Press {
            key: Key::Ctrl('c'),
            plain: false,
        });
    }
    let key_of = match key.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        _ => return None,
    };
    Some(Press {
        key: key_of,
        plain: key.modifiers.is_empty(),
    })
}

/// A left click inside the landscape's plot area restarts from the point under it.
pub fn landscape_click(mouse: MouseEvent, plot: Rect, viewport: &Viewport) -> Option<Action> {
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return None;
    }
    let inside = mouse.column >= plot.x
        && mouse.column < plot.right()
        && mouse.row >= plot.y
        && mouse.row < plot.bottom();
    if !inside {
        return None;
    }
    let (x, y) = viewport.cell_to_point(plot, mouse.column, mouse.row);
    Some(Action::RestartAt(x, y))
}

/// In 3-D, dragging with the left button turns the surface: one step for each move,
/// sideways about the vertical, up and down in elevation. `last` is where the drag was;
/// the second value is where it is now (`None` once the button is released).
pub fn surface_drag(
    mouse: MouseEvent,
    last: Option<(u16, u16)>,
) -> (Option<Action>, Option<(u16, u16)>) {
    let here = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => (None, Some(here)),
        MouseEventKind::Drag(MouseButton::Left) => {
            let Some(from) = last else {
                return (None, Some(here));
            };
            let dx = i32::from(here.0) - i32::from(from.0);
            let dy = i32::from(here.1) - i32::from(from.1);
            let direction = if dx.abs() >= dy.abs() && dx != 0 {
                Some(if dx > 0 {
                    Direction::Right
                } else {
                    Direction::Left
                })
            } else if dy != 0 {
                Some(if dy < 0 {
                    Direction::Up
                } else {
                    Direction::Down
                })
            } else {
                None
            };
            (direction.map(Action::Turn), Some(here))
        }
        MouseEventKind::Up(_) => (None, None),
        _ => (None, last),
    }
}

/// A left click on the fit panel's canvas adds a data point there; a right click
/// removes the point nearest to it.
pub fn fit_click(mouse: MouseEvent, frame: &FitFrame) -> Option<Action> {
    let at = frame.point_at(mouse.column, mouse.row)?;
    let spans = (frame.x[1] - frame.x[0], frame.y[1] - frame.y[0]);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) if frame.plane => {
            Some(Action::AddPlanePoint(at.0, at.1))
        }
        MouseEventKind::Down(MouseButton::Right) if frame.plane => {
            Some(Action::RemovePlanePoint { at, spans })
        }
        MouseEventKind::Down(MouseButton::Left) => Some(Action::AddPoint(at.0, at.1)),
        MouseEventKind::Down(MouseButton::Right) => Some(Action::RemovePoint { at, spans }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::KeyMode;

    fn normal(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(KeyMode::Normal, press_of(KeyEvent::new(code, modifiers))?)
    }

    #[test]
    fn terminal_keys_reach_the_key_table() {
        assert_eq!(
            normal(KeyCode::Char(' '), KeyModifiers::NONE),
            Some(Action::Step)
        );
        assert_eq!(
            normal(KeyCode::Char('Z'), KeyModifiers::SHIFT),
            Some(Action::ZoomOut)
        );
        assert_eq!(
            normal(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(normal(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        assert_eq!(normal(KeyCode::F(1), KeyModifiers::NONE), None);
        let shifted = press_of(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(
            action_for(KeyMode::Sweep, shifted),
            Some(Action::Pan(Direction::Left))
        );
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut key = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(press_of(key), None);
    }

    #[test]
    fn clicks_map_to_points_inside_the_plot_only() {
        let viewport = Viewport {
            plane: crate::landscape::Plane::Params(0, 1),
            x: (0.0, 10.0),
            y: (0.0, 5.0),
        };
        let plot = Rect::new(10, 5, 11, 6);
        let click = |column, row| MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            landscape_click(click(10, 5), plot, &viewport),
            Some(Action::RestartAt(0.0, 5.0))
        );
        assert_eq!(
            landscape_click(click(20, 10), plot, &viewport),
            Some(Action::RestartAt(10.0, 0.0))
        );
        assert_eq!(landscape_click(click(9, 5), plot, &viewport), None);
    }

    #[test]
    fn fit_clicks_add_and_remove_pairs_or_plane_points() {
        let mouse = |button, column, row| MouseEvent {
            kind: MouseEventKind::Down(button),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let mut frame = FitFrame {
            canvas: Rect::new(0, 0, 10, 5),
            x: [0.0, 10.0],
            y: [0.0, 5.0],
            plane: false,
        };
        let (left, right) = (MouseButton::Left, MouseButton::Right);
        assert_eq!(
            fit_click(mouse(left, 0, 4), &frame),
            Some(Action::AddPoint(0.5, 0.5))
        );
        frame.plane = true;
        assert_eq!(
            fit_click(mouse(left, 0, 4), &frame),
            Some(Action::AddPlanePoint(0.5, 0.5))
        );
        assert_eq!(
            fit_click(mouse(right, 9, 0), &frame),
            Some(Action::RemovePlanePoint {
                at: (9.5, 4.5),
                spans: (10.0, 5.0)
            })
        );
        assert_eq!(fit_click(mouse(left, 10, 0), &frame), None);
    }

    #[test]
    fn dragging_turns_the_surface_one_step_per_move() {
        let at = |kind, column, row| MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let left = MouseButton::Left;
        let (none, last) = surface_drag(at(MouseEventKind::Down(left), 10, 10), None);
        assert_eq!((none, last), (None, Some((10, 10))));
        let (turn, last) = surface_drag(at(MouseEventKind::Drag(left), 12, 10), last);
        assert_eq!(turn, Some(Action::Turn(Direction::Right)));
        let (tilt, last) = surface_drag(at(MouseEventKind::Drag(left), 12, 8), last);
        assert_eq!(tilt, Some(Action::Turn(Direction::Up)));
        let (_, last) = surface_drag(at(MouseEventKind::Up(left), 12, 8), last);
        assert_eq!(last, None);
    }
}
