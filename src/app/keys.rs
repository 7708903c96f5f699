//! Keys and mouse clicks to actions. The README's key table is this file.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::{Action, Direction};
use super::view::View;

/// η × this for `+`, ÷ for `-`.
pub const LR_BIG_STEP: f64 = 2.0;
/// η × this for `]`, ÷ for `[`.
pub const LR_SMALL_STEP: f64 = 1.25;

/// The action a key press asks for; `None` for keys that do nothing.
pub fn action_for_key(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    Some(match key.code {
        KeyCode::Char(' ') => Action::Step,
        KeyCode::Backspace | KeyCode::Char('b') => Action::StepBack,
        KeyCode::Char('p') => Action::TogglePlay,
        KeyCode::Char('.') => Action::Faster,
        KeyCode::Char(',') => Action::Slower,
        KeyCode::Char('+') | KeyCode::Char('=') => Action::ScaleLearningRate(LR_BIG_STEP),
        KeyCode::Char('-') => Action::ScaleLearningRate(1.0 / LR_BIG_STEP),
        KeyCode::Char(']') => Action::ScaleLearningRate(LR_SMALL_STEP),
        KeyCode::Char('[') => Action::ScaleLearningRate(1.0 / LR_SMALL_STEP),
        KeyCode::Char('r') => Action::Reset,
        KeyCode::Char('o') => Action::NextOptimizer,
        KeyCode::Char('c') => Action::ToggleRace,
        KeyCode::Char('m') => Action::NextModel,
        KeyCode::Char('l') => Action::NextLoss,
        KeyCode::Char('d') => Action::NextLesson,
        KeyCode::Char('a') => Action::NextAxes,
        KeyCode::Char('u') => Action::RecoverFromDivergence,
        KeyCode::Up => Action::Pan(Direction::Up),
        KeyCode::Down => Action::Pan(Direction::Down),
        KeyCode::Left => Action::Pan(Direction::Left),
        KeyCode::Right => Action::Pan(Direction::Right),
        KeyCode::Char('z') => Action::ZoomIn,
        KeyCode::Char('Z') => Action::ZoomOut,
        KeyCode::Char('f') => Action::FitView,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('i') => Action::ToggleCaption,
        KeyCode::Char('s') => Action::ToggleSharpness,
        KeyCode::Char('x') => Action::ExportTrajectory,
        KeyCode::Char(':') => Action::OpenCommandLine,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Dismiss,
        KeyCode::Char('e') => Action::Explain,
        KeyCode::Char('w') => Action::ToggleSweep,
        _ => return None,
    })
}

/// Keys while the sweep panel is open: ← → move its cursor and Enter picks that η;
/// every other key does what it always does.
pub fn action_for_sweep_key(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release || !key.modifiers.is_empty() {
        return action_for_key(key);
    }
    match key.code {
        KeyCode::Left => Some(Action::SweepCursor(-1)),
        KeyCode::Right => Some(Action::SweepCursor(1)),
        KeyCode::Home => Some(Action::SweepCursor(isize::MIN)),
        KeyCode::End => Some(Action::SweepCursor(isize::MAX)),
        KeyCode::Enter => Some(Action::PickSweepRate),
        _ => action_for_key(key),
    }
}

/// Keys while the `:` command line is open: they edit it rather than drive training.
pub fn action_for_command_key(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    Some(match key.code {
        KeyCode::Enter => Action::CommandSubmit,
        KeyCode::Esc => Action::CommandCancel,
        KeyCode::Tab => Action::CommandComplete,
        KeyCode::Backspace => Action::CommandBackspace,
        KeyCode::Char(c) => Action::CommandInput(c),
        _ => return None,
    })
}

/// A left click inside the landscape's plot area restarts from the point under it.
pub fn action_for_mouse(mouse: MouseEvent, plot: Rect, view: &View) -> Option<Action> {
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
    let (x, y) = view.cell_to_point(plot, mouse.column, mouse.row);
    Some(Action::RestartAt(x, y))
}

/// A left click on the fit panel's canvas adds a data point there; a right click
/// removes the point nearest to it.
pub fn action_for_fit_mouse(mouse: MouseEvent, frame: &crate::ui::FitFrame) -> Option<Action> {
    let at = frame.point_at(mouse.column, mouse.row)?;
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::AddPoint(at.0, at.1)),
        MouseEventKind::Down(MouseButton::Right) => Some(Action::RemovePoint {
            at,
            spans: (frame.x[1] - frame.x[0], frame.y[1] - frame.y[0]),
        }),
        _ => None,
    }
}

/// Every key with what it does, for the help overlay and the README.
pub const KEY_HELP: &[(&str, &str)] = &[
    ("Space", "one update"),
    ("Backspace, b", "step back one update, exactly"),
    ("p", "play / pause"),
    (". ,", "play faster / slower"),
    ("+ (=), -", "η × 2 / η ÷ 2"),
    ("] [", "η × 1.25 / η ÷ 1.25"),
    ("u", "after a blowup: rewind to before the climb, η ÷ 2"),
    ("r", "reset to the start"),
    ("o m l", "next optimizer / model / loss"),
    (
        "c",
        "optimizer race: gd, momentum, adam from here; c ends it",
    ),
    ("d", "next lesson"),
    ("a", "next pair of axis parameters"),
    ("arrows", "pan the landscape"),
    ("z Z", "zoom in / out"),
    ("f", "fit the view to the trail and minimiser"),
    (
        "click",
        "on the landscape: restart there; on the fit: add a point",
    ),
    ("right click", "on the fit: remove the nearest point"),
    ("e", "explain one update: forward, loss, backward, update"),
    ("w", "learning-rate sweep: ← → pick an η, Enter sets it"),
    ("i", "show / hide the lesson's caption"),
    ("s", "history panel: loss, or sharpness λmax against 2/η"),
    (
        ":",
        "command line: lr set steps optimizer model loss seed load save export",
    ),
    ("x", "export the trajectory to a new CSV file"),
    ("?", "this help"),
    ("Esc", "close help, explain mode or the sweep; else quit"),
    ("q, Ctrl-C", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> Option<Action> {
        action_for_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_map_to_their_documented_actions() {
        assert_eq!(press(KeyCode::Char(' ')), Some(Action::Step));
        assert_eq!(press(KeyCode::Backspace), Some(Action::StepBack));
        assert_eq!(press(KeyCode::Char('b')), Some(Action::StepBack));
        assert_eq!(
            press(KeyCode::Char('+')),
            Some(Action::ScaleLearningRate(2.0))
        );
        assert_eq!(
            press(KeyCode::Char('=')),
            Some(Action::ScaleLearningRate(2.0))
        );
        assert_eq!(
            press(KeyCode::Char('-')),
            Some(Action::ScaleLearningRate(0.5))
        );
        assert_eq!(
            press(KeyCode::Char(']')),
            Some(Action::ScaleLearningRate(1.25))
        );
        assert_eq!(
            press(KeyCode::Char('[')),
            Some(Action::ScaleLearningRate(0.8))
        );
        assert_eq!(press(KeyCode::Char('Z')), Some(Action::ZoomOut));
        assert_eq!(press(KeyCode::Left), Some(Action::Pan(Direction::Left)));
        assert_eq!(press(KeyCode::Esc), Some(Action::Dismiss));
        assert_eq!(press(KeyCode::Char('e')), Some(Action::Explain));
        assert_eq!(press(KeyCode::Char('x')), Some(Action::ExportTrajectory));
        assert_eq!(press(KeyCode::Char('c')), Some(Action::ToggleRace));
        assert_eq!(press(KeyCode::Char(':')), Some(Action::OpenCommandLine));
        assert_eq!(press(KeyCode::Char('y')), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for_key(ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn the_command_line_takes_text_and_its_own_keys() {
        let key = |code| action_for_command_key(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(key(KeyCode::Char('q')), Some(Action::CommandInput('q')));
        assert_eq!(key(KeyCode::Char(' ')), Some(Action::CommandInput(' ')));
        assert_eq!(key(KeyCode::Enter), Some(Action::CommandSubmit));
        assert_eq!(key(KeyCode::Esc), Some(Action::CommandCancel));
        assert_eq!(key(KeyCode::Tab), Some(Action::CommandComplete));
        assert_eq!(key(KeyCode::Backspace), Some(Action::CommandBackspace));
    }

    #[test]
    fn the_sweep_takes_left_right_and_enter_and_leaves_the_rest() {
        let key = |code| action_for_sweep_key(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(press(KeyCode::Char('w')), Some(Action::ToggleSweep));
        assert_eq!(key(KeyCode::Left), Some(Action::SweepCursor(-1)));
        assert_eq!(key(KeyCode::Right), Some(Action::SweepCursor(1)));
        assert_eq!(key(KeyCode::Enter), Some(Action::PickSweepRate));
        assert_eq!(key(KeyCode::Up), Some(Action::Pan(Direction::Up)));
        assert_eq!(key(KeyCode::Char('w')), Some(Action::ToggleSweep));
        assert_eq!(key(KeyCode::Esc), Some(Action::Dismiss));
        assert_eq!(press(KeyCode::Enter), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for_sweep_key(ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut key = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(key), None);
    }

    #[test]
    fn clicks_map_to_points_inside_the_plot_only() {
        let view = View {
            axes: (0, 1),
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
            action_for_mouse(click(10, 5), plot, &view),
            Some(Action::RestartAt(0.0, 5.0))
        );
        assert_eq!(
            action_for_mouse(click(20, 10), plot, &view),
            Some(Action::RestartAt(10.0, 0.0))
        );
        assert_eq!(action_for_mouse(click(9, 5), plot, &view), None);
    }
}
