//! Test fixtures, one copy for unit tests, `tests/` and `benches/`: apps built through the
//! real scenario path, the landscape the worker would deliver, commands typed as a
//! person types them, and buffers read back as text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::engine::{Dataset, Objective};
use crate::scenario::{Scenario, resolve};
use crate::ui::{Theme, layout};

/// The app on `scenario`, at its start.
pub fn app_for(scenario: Scenario) -> App {
    App::new(resolve(&scenario, None).unwrap()).unwrap()
}

/// The app on the built-in lesson `name`, at its start.
pub fn lesson(name: &str) -> App {
    app_for(Scenario {
        preset: Some(name.into()),
        ..Default::default()
    })
}

/// Types `text` on the command line and presses Enter, as a person would; file work the
/// command asks for is done as the event loop does it.
pub fn command(app: &mut App, text: &str) {
    crate::tui::dispatch(app, Action::OpenCommandLine);
    for c in text.chars() {
        crate::tui::dispatch(app, Action::CommandInput(c));
    }
    crate::tui::dispatch(app, Action::CommandSubmit);
}

/// Hands `app` the slice a landscape plot of `plot` cells asks for, computed here as
/// the background worker computes it.
pub fn deliver_slice(app: &mut App, plot: Rect, theme: &Theme) {
    crate::tui::screenshot::deliver_plot_slice(app, plot, theme);
}

/// [`deliver_slice`] for the landscape panel of a whole screen of `area`.
pub fn deliver_screen_slice(app: &mut App, area: Rect, theme: &Theme) {
    assert!(
        layout::panels(area).is_some(),
        "a screen large enough for the layout"
    );
    crate::tui::screenshot::deliver_slice(app, area, theme);
}

/// Row `y` of `buf`, every cell's symbol.
pub fn row_text(buf: &Buffer, y: u16) -> String {
    let a = buf.area;
    (a.x..a.right()).map(|x| buf[(x, y)].symbol()).collect()
}

/// Every row of `buf`, top to bottom.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let a = buf.area;
    (a.y..a.bottom()).map(|y| row_text(buf, y)).collect()
}

/// The whole of `buf` as text: rows without trailing blanks, one per line.
pub fn text(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dataset of `k` features named `x1..xk` (row-major `xs`) and targets `ys`, named `y`.
pub fn dataset(xs: &[f64], k: usize, ys: &[f64]) -> Dataset {
    let names = (1..=k).map(|i| format!("x{i}")).collect();
    let x = ndarray::Array2::from_shape_vec((ys.len(), k), xs.to_vec()).expect("rows × k values");
    Dataset::new(x, ndarray::Array1::from(ys.to_vec()), names, "y").expect("a valid dataset")
}

/// Compares `objective`'s analytic gradient at `theta` with central finite differences of
/// its loss (h = 1e-6), each entry within 1e-5·(1 + |∂L/∂θ|); the first that is not, as
/// a message naming the model, the loss and the parameter.
pub fn gradient_check(objective: &Objective, theta: &[f64]) -> Result<(), String> {
    let analytic = objective.evaluate(theta).grad;
    let h = 1e-6;
    for j in 0..theta.len() {
        let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
        up[j] += h;
        down[j] -= h;
        let fd = (objective.evaluate(&up).loss - objective.evaluate(&down).loss) / (2.0 * h);
        if (analytic[j] - fd).abs() > 1e-5 * (1.0 + analytic[j].abs()) {
            return Err(format!(
                "{} {} ∂/∂θ{j}: analytic {} vs finite difference {fd}",
                objective.model(),
                objective.loss(),
                analytic[j]
            ));
        }
    }
    Ok(())
}

/// Words a Chinese screen keeps in Latin letters: the names a person types (models,
/// activations, losses, optimizers, schedules, surfaces, datasets, keys, files), the
/// functions and subscripts written in formulas, and the names of people and programs.
/// Anything else of three or more letters is English left untranslated.
const NAMES: &str = "
    linear neuron logistic mlp sigmoid relu tanh sigmoids relus tanhs
    mse half mae bce momentum nesterov adagrad rmsprop adam adamw
    constant cosine warmup
    rosenbrock himmelblau beale saddle monkey rastrigin plateau quadratic
    uncentered classes wiggle raw center standardize pca
    mean max min sign softplus log logit sqrt cos sin std crit
    Esc Enter Space PgUp PgDn Tab Home End Ctrl Shift Backspace
    downhill csv svg png gif toml xterm roff shell Glorot
";

/// Capitals that are placeholders, variables and acronyms, kept in every language.
const CAPITALS: &str = "
    PCA FILE NAME ROWS LIST FORM SEED STEPS EVERY FACTOR ANGLE WIDTH HEIGHT COLS
    TERM LANG COLORTERM COLOR LC ALL MESSAGES JSON CSV SVG PNG GIF TOML ANSI UTF
";

/// The words of three or more Latin letters in `text` that are not kept in every
/// language: a name of [`NAMES`] or [`CAPITALS`], a placeholder such as `COLSxROWS`, or
/// what a person types as it stands, namely a command or option (`:set`, `--surface`,
/// `params:NAME`), a TOML table (`[points]`), a lesson's whole name, or anything in
/// backticks. In a Chinese text,
/// what was left in English.
pub fn english_words(text: &str) -> Vec<String> {
    let lessons: Vec<&str> = crate::scenario::LESSONS.iter().map(|l| l.name).collect();
    let mut left: Vec<String> = Vec::new();
    let unquoted: String = text
        .split('`')
        .enumerate()
        .filter(|(k, _)| k % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    // A token is a run of printable ASCII: what a person types stands as one.
    for token in unquoted.split(|c: char| !c.is_ascii_graphic()) {
        let bare = token.trim_matches(|c: char| ",.;()[]|".contains(c));
        // A command, an option, a form such as `params:NAME`, a TOML table, a lesson.
        let table = token.starts_with('[') && token.ends_with(']');
        let typed =
            bare.starts_with([':', '-']) || bare.contains(':') || table || lessons.contains(&bare);
        if typed {
            continue;
        }
        for word in bare.split(|c: char| !c.is_ascii_alphabetic()) {
            let known = NAMES
                .split_whitespace()
                .any(|n| n.eq_ignore_ascii_case(word))
                || CAPITALS.split_whitespace().any(|n| n == word);
            let placeholder = word
                .split('x')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_uppercase()));
            if word.len() >= 3 && !known && !placeholder && !left.iter().any(|w| w == word) {
                left.push(word.to_owned());
            }
        }
    }
    left
}
