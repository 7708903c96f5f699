//! The one key table: which key asks for which action, in every mode. The help overlay,
//! the hint line and the notices that name a key are all read from here, so a key is
//! written down once; a test holds the README's key table to it.
//!
//! Keys are the app's own [`Key`]s; the input layer turns terminal events into them.

use std::fmt;

use super::action::{Action, Direction};

/// η × this for `+`, ÷ for `-`.
pub const LR_BIG_STEP: f64 = 2.0;
/// η × this for `]`, ÷ for `[`.
pub const LR_SMALL_STEP: f64 = 1.25;

/// A key, as the app knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character (Space is `' '`).
    Char(char),
    /// A character typed with Ctrl held.
    Ctrl(char),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Backspace.
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Ctrl(c) => write!(f, "Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => f.write_str("Enter"),
            Key::Esc => f.write_str("Esc"),
            Key::Tab => f.write_str("Tab"),
            Key::Backspace => f.write_str("Backspace"),
            Key::Up => f.write_str("↑"),
            Key::Down => f.write_str("↓"),
            Key::Left => f.write_str("←"),
            Key::Right => f.write_str("→"),
            Key::Home => f.write_str("Home"),
            Key::End => f.write_str("End"),
            Key::PageUp => f.write_str("PgUp"),
            Key::PageDown => f.write_str("PgDn"),
        }
    }
}

/// One press: the key, and whether it came without any modifier held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press {
    /// The key.
    pub key: Key,
    /// True when no modifier (Shift, Alt, …) was held.
    pub plain: bool,
}

/// Which table a press is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// Training and the view.
    Normal,
    /// The sweep panel is open: its keys first, then the normal ones.
    Sweep,
    /// The landscape is in 3-D: the arrows turn it, the rest are the normal keys.
    Surface,
    /// Both: ← → move the sweep's cursor, ↑ ↓ tilt the surface.
    SweepOnSurface,
    /// The `:` command line is open: keys edit it.
    Command,
    /// The lesson menu is open: only its keys.
    Lessons,
    /// Predict mode asks a question: keys type the answer.
    Question,
}

/// One line of the help: the keys as written, what they do, the presses they answer,
/// and how the hint line names them (empty when it does not).
#[derive(Debug)]
pub struct Binding {
    /// The keys, as the help writes them.
    pub keys: &'static str,
    /// The message id of what they do.
    pub does: &'static str,
    /// Each key and the action it asks for (none for mouse clicks).
    pub presses: &'static [(Key, Action)],
    /// The message id of the hint line's words for these keys (empty when it names
    /// them not).
    pub hint: &'static str,
}

impl Binding {
    /// The keys as the help shows them: the arrow keys and mouse buttons in the words of
    /// the language in use, keys with a name on the keycap as they are.
    pub fn label(&self) -> String {
        match self.keys {
            "arrows" => crate::t!("key-arrows"),
            "click" => crate::t!("key-click"),
            "right click" => crate::t!("key-right-click"),
            keys => keys.to_owned(),
        }
    }
}

/// Every key of the normal mode, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "Space",
        does: "help-step",
        presses: &[(Key::Char(' '), Action::Step)],
        hint: "hint-step",
    },
    Binding {
        keys: "Backspace, b",
        does: "help-back",
        presses: &[
            (Key::Backspace, Action::StepBack),
            (Key::Char('b'), Action::StepBack),
        ],
        hint: "hint-back",
    },
    Binding {
        keys: "p",
        does: "help-play",
        presses: &[(Key::Char('p'), Action::TogglePlay)],
        hint: "hint-play",
    },
    Binding {
        keys: ". ,",
        does: "help-speed",
        presses: &[
            (Key::Char('.'), Action::Faster),
            (Key::Char(','), Action::Slower),
        ],
        hint: "",
    },
    Binding {
        keys: "+ (=), -",
        does: "help-lr-double",
        presses: &[
            (Key::Char('+'), Action::ScaleLearningRate(LR_BIG_STEP)),
            (Key::Char('='), Action::ScaleLearningRate(LR_BIG_STEP)),
            (Key::Char('-'), Action::ScaleLearningRate(1.0 / LR_BIG_STEP)),
        ],
        hint: "hint-lr",
    },
    Binding {
        keys: "] [",
        does: "help-lr-fine",
        presses: &[
            (Key::Char(']'), Action::ScaleLearningRate(LR_SMALL_STEP)),
            (
                Key::Char('['),
                Action::ScaleLearningRate(1.0 / LR_SMALL_STEP),
            ),
        ],
        hint: "",
    },
    Binding {
        keys: "u",
        does: "help-rewind",
        presses: &[(Key::Char('u'), Action::RecoverFromDivergence)],
        hint: "hint-rewind",
    },
    Binding {
        keys: "r",
        does: "help-reset",
        presses: &[(Key::Char('r'), Action::Reset)],
        hint: "hint-reset",
    },
    Binding {
        keys: "o m l",
        does: "help-switch",
        presses: &[
            (Key::Char('o'), Action::NextOptimizer),
            (Key::Char('m'), Action::NextModel),
            (Key::Char('l'), Action::NextLoss),
        ],
        hint: "",
    },
    Binding {
        keys: "c",
        does: "help-race",
        presses: &[(Key::Char('c'), Action::ToggleRace)],
        hint: "hint-race",
    },
    Binding {
        keys: "d D",
        does: "help-lessons-next",
        presses: &[
            (Key::Char('d'), Action::NextLesson(1)),
            (Key::Char('D'), Action::NextLesson(-1)),
        ],
        hint: "",
    },
    Binding {
        keys: "PgUp PgDn",
        does: "help-scroll",
        presses: &[
            (Key::PageUp, Action::ScrollText(-1)),
            (Key::PageDown, Action::ScrollText(1)),
        ],
        hint: "",
    },
    Binding {
        keys: "L",
        does: "help-lesson-menu",
        presses: &[(Key::Char('L'), Action::ToggleLessons)],
        hint: "",
    },
    Binding {
        keys: "R",
        does: "help-reload",
        presses: &[(Key::Char('R'), Action::Reload)],
        hint: "",
    },
    Binding {
        keys: "a",
        does: "help-axes",
        presses: &[(Key::Char('a'), Action::NextAxes)],
        hint: "",
    },
    Binding {
        keys: "P",
        does: "help-plane",
        presses: &[(Key::Char('P'), Action::NextPlane)],
        hint: "",
    },
    Binding {
        keys: "t",
        does: "help-test-view",
        presses: &[(Key::Char('t'), Action::ToggleTestView)],
        hint: "",
    },
    Binding {
        keys: "K",
        does: "help-condition",
        presses: &[(Key::Char('K'), Action::NextCondition)],
        hint: "",
    },
    Binding {
        keys: "S",
        does: "help-scaling",
        presses: &[(Key::Char('S'), Action::NextScale)],
        hint: "",
    },
    Binding {
        keys: "arrows",
        does: "help-pan",
        presses: &[
            (Key::Up, Action::Pan(Direction::Up)),
            (Key::Down, Action::Pan(Direction::Down)),
            (Key::Left, Action::Pan(Direction::Left)),
            (Key::Right, Action::Pan(Direction::Right)),
        ],
        hint: "",
    },
    Binding {
        keys: "z Z",
        does: "help-zoom",
        presses: &[
            (Key::Char('z'), Action::ZoomIn),
            (Key::Char('Z'), Action::ZoomOut),
        ],
        hint: "",
    },
    Binding {
        keys: "f",
        does: "help-fit-view",
        presses: &[(Key::Char('f'), Action::FitView)],
        hint: "",
    },
    Binding {
        keys: "3",
        does: "help-3d",
        presses: &[(Key::Char('3'), Action::ToggleSurface)],
        hint: "",
    },
    Binding {
        keys: "v",
        does: "help-lock",
        presses: &[(Key::Char('v'), Action::ToggleViewLock)],
        hint: "",
    },
    Binding {
        keys: "click",
        does: "help-click",
        presses: &[],
        hint: "",
    },
    Binding {
        keys: "right click",
        does: "help-right-click",
        presses: &[],
        hint: "",
    },
    Binding {
        keys: "k",
        does: "help-class",
        presses: &[(Key::Char('k'), Action::ToggleAddClass)],
        hint: "",
    },
    Binding {
        keys: "e",
        does: "help-explain",
        presses: &[(Key::Char('e'), Action::Explain)],
        hint: "",
    },
    Binding {
        keys: "n",
        does: "help-next-unit",
        presses: &[(Key::Char('n'), Action::NextUnit)],
        hint: "",
    },
    Binding {
        keys: "w",
        does: "help-sweep",
        presses: &[(Key::Char('w'), Action::ToggleSweep)],
        hint: "",
    },
    Binding {
        keys: "i",
        does: "help-caption",
        presses: &[(Key::Char('i'), Action::ToggleCaption)],
        hint: "",
    },
    Binding {
        keys: "s",
        does: "help-sharpness",
        presses: &[(Key::Char('s'), Action::ToggleSharpness)],
        hint: "",
    },
    Binding {
        keys: ":",
        does: "help-command",
        presses: &[(Key::Char(':'), Action::OpenCommandLine)],
        hint: "hint-command",
    },
    Binding {
        keys: "x",
        does: "help-export",
        presses: &[(Key::Char('x'), Action::ExportTrajectory)],
        hint: "hint-export",
    },
    Binding {
        keys: "g",
        does: "help-predict",
        presses: &[(Key::Char('g'), Action::TogglePredict)],
        hint: "",
    },
    Binding {
        keys: "X",
        does: "help-screen",
        presses: &[(Key::Char('X'), Action::SaveScreen)],
        hint: "",
    },
    Binding {
        keys: "?",
        does: "help-help",
        presses: &[(Key::Char('?'), Action::ToggleHelp)],
        hint: "hint-help",
    },
    Binding {
        keys: "Esc",
        does: "help-esc",
        presses: &[(Key::Esc, Action::Dismiss)],
        hint: "",
    },
    Binding {
        keys: "q, Ctrl-C",
        does: "help-quit",
        presses: &[
            (Key::Char('q'), Action::Quit),
            (Key::Ctrl('c'), Action::Quit),
        ],
        hint: "hint-quit",
    },
];

/// Keys the sweep panel takes for itself while it is open (when pressed alone).
pub const SWEEP_KEYS: &[(Key, Action)] = &[
    (Key::Left, Action::SweepCursor(-1)),
    (Key::Right, Action::SweepCursor(1)),
    (Key::Home, Action::SweepCursor(isize::MIN)),
    (Key::End, Action::SweepCursor(isize::MAX)),
    (Key::Enter, Action::PickSweepRate),
];

/// Keys the 3-D surface takes for itself while it is shown (when pressed alone).
pub const SURFACE_KEYS: &[(Key, Action)] = &[
    (Key::Left, Action::Turn(Direction::Left)),
    (Key::Right, Action::Turn(Direction::Right)),
    (Key::Up, Action::Turn(Direction::Up)),
    (Key::Down, Action::Turn(Direction::Down)),
];

/// Keys of the lesson menu; nothing else acts while it is open, except quitting.
pub const LESSON_KEYS: &[(Key, Action)] = &[
    (Key::Up, Action::LessonCursor(-1)),
    (Key::Down, Action::LessonCursor(1)),
    (Key::Enter, Action::OpenChosenLesson),
    (Key::Esc, Action::Dismiss),
    (Key::Char('L'), Action::ToggleLessons),
    (Key::Char('q'), Action::Quit),
    (Key::Ctrl('c'), Action::Quit),
];

/// Keys of the `:` command line other than the characters typed on it.
pub const COMMAND_KEYS: &[(Key, Action)] = &[
    (Key::Enter, Action::CommandSubmit),
    (Key::Esc, Action::CommandCancel),
    (Key::Tab, Action::CommandComplete),
    (Key::Backspace, Action::CommandBackspace),
    (Key::Ctrl('c'), Action::Quit),
];

/// Keys of a predict-mode question other than the characters of the answer.
pub const QUESTION_KEYS: &[(Key, Action)] = &[
    (Key::Enter, Action::AnswerSubmit),
    (Key::Esc, Action::AnswerCancel),
    (Key::Backspace, Action::AnswerBackspace),
    (Key::PageUp, Action::ScrollText(-1)),
    (Key::PageDown, Action::ScrollText(1)),
    (Key::Ctrl('c'), Action::Quit),
];

/// The hint line in the normal mode.
pub const NORMAL_HINTS: &[Action] = &[
    Action::Step,
    Action::TogglePlay,
    Action::ScaleLearningRate(LR_BIG_STEP),
    Action::OpenCommandLine,
    Action::ExportTrajectory,
    Action::ToggleHelp,
    Action::Quit,
];

/// The hint line while racing.
pub const RACE_HINTS: &[Action] = &[
    Action::Step,
    Action::TogglePlay,
    Action::ScaleLearningRate(LR_BIG_STEP),
    Action::ToggleRace,
    Action::OpenCommandLine,
    Action::ToggleHelp,
    Action::Quit,
];

/// The hint line after a blowup: the ways out.
pub const DIVERGED_HINTS: &[Action] = &[
    Action::RecoverFromDivergence,
    Action::Reset,
    Action::StepBack,
    Action::ToggleHelp,
    Action::Quit,
];

/// The action `press` asks for in `mode`; `None` for keys that do nothing there.
pub fn action_for(mode: KeyMode, press: Press) -> Option<Action> {
    let lookup = |table: &[(Key, Action)]| {
        table
            .iter()
            .find(|(key, _)| *key == press.key)
            .map(|(_, action)| action.clone())
    };
    let normal = || BINDINGS.iter().find_map(|b| lookup(b.presses));
    match mode {
        KeyMode::Normal => normal(),
        KeyMode::Sweep if press.plain => lookup(SWEEP_KEYS).or_else(normal),
        KeyMode::Sweep => normal(),
        KeyMode::Surface if press.plain => lookup(SURFACE_KEYS).or_else(normal),
        KeyMode::SweepOnSurface if press.plain => lookup(SWEEP_KEYS)
            .or_else(|| lookup(SURFACE_KEYS))
            .or_else(normal),
        KeyMode::Surface | KeyMode::SweepOnSurface => normal(),
        KeyMode::Lessons => lookup(LESSON_KEYS),
        KeyMode::Command => lookup(COMMAND_KEYS).or(match press.key {
            Key::Char(c) => Some(Action::CommandInput(c)),
            _ => None,
        }),
        KeyMode::Question => lookup(QUESTION_KEYS).or(match press.key {
            Key::Char(c) => Some(Action::AnswerInput(c)),
            _ => None,
        }),
    }
}

/// The first key that asks for `action` in any table: how notices name it.
pub fn key_for(action: &Action) -> Key {
    BINDINGS
        .iter()
        .flat_map(|b| b.presses)
        .chain(SWEEP_KEYS)
        .chain(SURFACE_KEYS)
        .chain(COMMAND_KEYS)
        .chain(QUESTION_KEYS)
        .chain(LESSON_KEYS)
        .find(|(_, a)| a == action)
        .map(|(key, _)| *key)
        .expect("every named action has a key")
}

/// The hint line's text for `actions`: ` Space step · p play · …`.
pub fn hint_line(actions: &[Action]) -> String {
    let words: Vec<String> = actions
        .iter()
        .filter_map(|action| {
            BINDINGS
                .iter()
                .find(|b| b.presses.iter().any(|(_, a)| a == action))
                .map(|b| crate::i18n::tr(b.hint))
        })
        .collect();
    format!(" {}", words.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: Key) -> Option<Action> {
        action_for(KeyMode::Normal, Press { key, plain: true })
    }

    #[test]
    fn keys_map_to_their_documented_actions() {
        assert_eq!(press(Key::Char(' ')), Some(Action::Step));
        assert_eq!(press(Key::Backspace), Some(Action::StepBack));
        assert_eq!(press(Key::Char('b')), Some(Action::StepBack));
        assert_eq!(press(Key::Char('+')), Some(Action::ScaleLearningRate(2.0)));
        assert_eq!(press(Key::Char('=')), Some(Action::ScaleLearningRate(2.0)));
        assert_eq!(press(Key::Char('-')), Some(Action::ScaleLearningRate(0.5)));
        assert_eq!(press(Key::Char(']')), Some(Action::ScaleLearningRate(1.25)));
        assert_eq!(press(Key::Char('[')), Some(Action::ScaleLearningRate(0.8)));
        assert_eq!(press(Key::Char('Z')), Some(Action::ZoomOut));
        assert_eq!(press(Key::Left), Some(Action::Pan(Direction::Left)));
        assert_eq!(press(Key::Esc), Some(Action::Dismiss));
        assert_eq!(press(Key::Char('e')), Some(Action::Explain));
        assert_eq!(press(Key::Char('x')), Some(Action::ExportTrajectory));
        assert_eq!(press(Key::Char('X')), Some(Action::SaveScreen));
        assert_eq!(press(Key::Char('c')), Some(Action::ToggleRace));
        assert_eq!(press(Key::Char(':')), Some(Action::OpenCommandLine));
        assert_eq!(press(Key::Char('y')), None);
        assert_eq!(press(Key::Ctrl('c')), Some(Action::Quit));
    }

    #[test]
    fn the_command_line_takes_text_and_its_own_keys() {
        let key = |key| action_for(KeyMode::Command, Press { key, plain: true });
        assert_eq!(key(Key::Char('q')), Some(Action::CommandInput('q')));
        assert_eq!(key(Key::Char(' ')), Some(Action::CommandInput(' ')));
        assert_eq!(key(Key::Enter), Some(Action::CommandSubmit));
        assert_eq!(key(Key::Esc), Some(Action::CommandCancel));
        assert_eq!(key(Key::Tab), Some(Action::CommandComplete));
        assert_eq!(key(Key::Backspace), Some(Action::CommandBackspace));
        assert_eq!(key(Key::Ctrl('c')), Some(Action::Quit));
        assert_eq!(key(Key::Up), None);
    }

    #[test]
    fn the_sweep_takes_left_right_and_enter_and_leaves_the_rest() {
        let key = |key| action_for(KeyMode::Sweep, Press { key, plain: true });
        assert_eq!(press(Key::Char('w')), Some(Action::ToggleSweep));
        assert_eq!(key(Key::Left), Some(Action::SweepCursor(-1)));
        assert_eq!(key(Key::Right), Some(Action::SweepCursor(1)));
        assert_eq!(key(Key::Enter), Some(Action::PickSweepRate));
        assert_eq!(key(Key::Up), Some(Action::Pan(Direction::Up)));
        assert_eq!(key(Key::Char('w')), Some(Action::ToggleSweep));
        assert_eq!(key(Key::Esc), Some(Action::Dismiss));
        assert_eq!(press(Key::Enter), None);
        assert_eq!(key(Key::Ctrl('c')), Some(Action::Quit));
        let held = action_for(
            KeyMode::Sweep,
            Press {
                key: Key::Left,
                plain: false,
            },
        );
        assert_eq!(
            held,
            Some(Action::Pan(Direction::Left)),
            "with a modifier, arrows pan"
        );
    }

    #[test]
    fn hints_and_notices_name_the_keys_of_the_table() {
        assert_eq!(
            hint_line(NORMAL_HINTS),
            " Space step · p play · + - η · : command · x export · ? help · q quit"
        );
        assert_eq!(
            hint_line(DIVERGED_HINTS),
            " u rewind & halve η · r reset · Backspace step back · ? help · q quit"
        );
        assert_eq!(key_for(&Action::RecoverFromDivergence).to_string(), "u");
        assert_eq!(key_for(&Action::Step).to_string(), "Space");
        assert_eq!(key_for(&Action::StepBack).to_string(), "Backspace");
        assert_eq!(key_for(&Action::SweepCursor(-1)).to_string(), "←");
        // Every hint names a key of its binding, and every binding's keys are listed.
        for b in BINDINGS {
            if let Some((key, _)) = b.presses.first().filter(|_| b.keys != "arrows") {
                let first = key.to_string();
                assert!(b.keys.contains(&first), "{} lists {first}", b.keys);
                // In English; the Chinese hints name the same keys (空格 for Space).
                let hint =
                    crate::i18n::with_lang(crate::i18n::Lang::En, || crate::i18n::tr(b.hint));
                assert!(b.hint.is_empty() || hint.starts_with(&first), "{hint}");
            }
        }
    }

    #[test]
    fn the_readme_lists_every_key() {
        let readme = include_str!("../../README.md");
        let start = readme.find("### Keys").expect("a Keys section");
        let table = &readme[start..];
        let table = &table[..table[4..].find("\n### ").map_or(table.len(), |e| e + 4)];
        for b in BINDINGS {
            for (key, _) in b.presses {
                let needle = match key {
                    Key::Up | Key::Down | Key::Left | Key::Right => "arrows".to_owned(),
                    Key::Char(' ') => "Space".to_owned(),
                    Key::Char(c) => format!("`{c}`"),
                    other => other.to_string(),
                };
                assert!(
                    table.contains(&needle),
                    "the README's key table lacks {needle}"
                );
            }
        }
    }
}
