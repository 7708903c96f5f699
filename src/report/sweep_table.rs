//! `downhill sweep`: the sweep's runs as a table, CSV or JSON.

use serde_json::json;

use super::Format;
use crate::engine::{Outcome, stability};
use crate::fmt::{aligned, csv_line, exact, human};
use crate::scenario::Setup;
use crate::sweep::{SweepRow, sweep_rows};

/// Runs the sweep and renders it in `format`.
pub fn sweep(setup: &Setup, lrs: &[f64], format: Format) -> anyhow::Result<String> {
    let rows = sweep_rows(
        &setup.objective,
        &setup.config,
        &setup.start,
        setup.max_steps,
        lrs,
    )?;
    let header: Vec<String> = ["lr", "final_loss", "min_loss", "status", "steps"]
        .map(String::from)
        .to_vec();
    let cells = |r: &SweepRow, num: &dyn Fn(f64) -> String| {
        vec![
            num(r.lr),
            num(r.final_loss),
            num(r.min_loss),
            r.status.to_string(),
            r.steps.to_string(),
        ]
    };
    Ok(match format {
        Format::Csv => {
            let mut out = csv_line(header);
            for r in &rows {
                out.push_str(&csv_line(cells(r, &exact)));
            }
            out
        }
        Format::Json => {
            let runs: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({"lr": r.lr, "final_loss": r.final_loss, "min_loss": r.min_loss,
                                "status": r.status.to_string(), "steps": r.steps})
                })
                .collect();
            let mut text =
                serde_json::to_string_pretty(&json!({ "runs": runs })).expect("JSON serialises");
            text.push('\n');
            text
        }
        Format::Table => {
            let body: Vec<Vec<String>> = rows.iter().map(|r| cells(r, &human)).collect();
            let mut out = aligned(&header, &body);
            let start = setup.start.as_slice().expect("contiguous");
            let limit = stability(&setup.objective, start, &setup.config.frozen);
            let diverged = rows
                .iter()
                .filter(|r| r.status == Outcome::Diverged)
                .count();
            let best = rows
                .iter()
                .filter(|r| r.final_loss.is_finite())
                .min_by(|a, b| a.final_loss.total_cmp(&b.final_loss));
            out.push_str(&format!(
                "\n{}: {} of {} learning rates diverged; lowest final loss {}; 2/λmax at the start = {}\n",
                setup.name,
                diverged,
                rows.len(),
                best.map_or("none".into(), |b| format!("{} at η = {}", human(b.final_loss), human(b.lr))),
                human(limit.eta_limit()),
            ));
            out
        }
    })
}
