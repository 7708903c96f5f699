//! What a run prints or saves: `downhill run`, `sweep` and `presets`, the trajectory
//! that `x` and `:export` write, the scenario that `:save` writes, and the writing of
//! files itself (atomic, never replacing one).
//!
//! Reports read the engine and the scenario; they know nothing of the interactive view,
//! which hands them what it shows.

mod files;
mod grade;
mod presets;
mod saved;
mod sweep_table;
mod trajectory;

pub use files::{WriteError, remove_unfinished, unused_name, write_new, write_new_with};
pub use grade::{MAX_ANSWERS, grade, read_answers};
pub use presets::presets;
pub use saved::{SavedScenario, as_written, saved_scenario};
pub use sweep_table::sweep;
pub use trajectory::{TABLE_WIDTH_ROWS, columns, csv, run, summary, write_csv, write_csv_row};

use crate::engine::{Conditioning, Scale, Stability};
use crate::fmt::{human, round_significant, scientific};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns and a summary line, for people.
    Table,
    /// Comma-separated, full precision.
    Csv,
    /// One JSON document, full precision.
    Json,
}

/// η_crit and λmax for a quadratic loss, or the local 2/λmax and sharpness otherwise.
pub fn stability_text(stability: &Stability) -> String {
    // Curvature that overflowed gives no limit to state: "NaN" would read as a number.
    if stability.lambda_max().is_nan() {
        return match stability {
            Stability::Exact { .. } => crate::t!("limit-exact-unknown"),
            Stability::Local { .. } => crate::t!("limit-local-unknown"),
        };
    }
    // λmax < 0: the loss curves down every way from here (near a maximum), so plain GD
    // has no limit here, and "sharpness 0" would hide why.
    if stability.lambda_max() < 0.0 {
        return crate::t!("limit-none-here", lambda = human(stability.lambda_max()));
    }
    // λmax = 0 gives no limit at all: "2/λmax = inf" would read as "any η is safe".
    if stability.lambda_max() <= 0.0 {
        return match stability {
            Stability::Exact { .. } => crate::t!("limit-no-curvature"),
            Stability::Local { .. } => crate::t!("limit-no-curvature-here"),
        };
    }
    match *stability {
        Stability::Exact {
            lambda_max,
            eta_crit,
        } => {
            format!(
                "η_crit = 2/λmax = {} (λmax = {})",
                human(eta_crit),
                human(lambda_max)
            )
        }
        Stability::Local {
            sharpness,
            eta_local,
        } => {
            crate::t!(
                "limit-local",
                eta = human(eta_local),
                sharpness = human(sharpness)
            )
        }
    }
}

/// How a run ended, in the language in use: `diverged`, `发散`.
pub fn outcome_words(outcome: crate::engine::Outcome) -> String {
    crate::t!("outcome", outcome = outcome)
}

/// What a scaling did to the features, in the language in use: `centred`, `标准化`.
pub fn scaled_words(scale: Scale) -> String {
    crate::i18n::tr(&format!("scale-{}", scale.name()))
}

/// What feature scaling did to the curvature at the start: for a quadratic loss
/// `η_crit 0.000485 → 1.72, κ 1.92e6 → 1.39 (λ 0.00215…4.12e3 → 0.837…1.16)`, the
/// Hessian's extreme eigenvalues last; otherwise the sharpness there; three
/// digits, and powers of ten from 10⁵ up, which a class reads faster than 1920000.
pub fn conditioning_text(c: &Conditioning) -> String {
    let three = |x: f64| match x {
        x if x == f64::INFINITY => "∞".to_owned(),
        x if x.abs() >= 1e5 => scientific(x, 3),
        x => human(round_significant(x, 3)),
    };
    let limit = Conditioning::eta_crit;
    let range = |(low, high): (f64, f64)| format!("{}…{}", three(low), three(high));
    if c.exact {
        format!(
            "η_crit {} → {}, κ {} → {} (λ {} → {})",
            three(limit(c.before)),
            three(limit(c.after)),
            three(Conditioning::kappa(c.before)),
            three(Conditioning::kappa(c.after)),
            range(c.before),
            range(c.after)
        )
    } else {
        crate::t!(
            "sharpness-at-start",
            before = three(c.before.1),
            after = three(c.after.1)
        )
    }
}
