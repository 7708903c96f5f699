//! `downhill sweep`: the sweep's runs as a table, CSV or JSON.

use super::Format;
use crate::engine::{Outcome, stability};
use crate::fmt::{aligned, csv_line, exact, human};
use crate::scenario::Setup;
use crate::sweep::{SweepRow, sweep_rows};

/// The columns of a sweep's table and CSV, in order.
const COLUMNS: [&str; 5] = ["lr", "final_loss", "min_loss", "status", "steps"];

/// One learning rate's run, as `sweep` prints it: a JSON object, or a line of cells.
///
/// The fields are in alphabetical order because the JSON documents have always listed
/// their keys so.
#[derive(Debug, serde::Serialize)]
struct RunRow {
    final_loss: f64,
    lr: f64,
    min_loss: f64,
    status: String,
    steps: usize,
}

impl RunRow {
    fn of(row: &SweepRow) -> Self {
        Self {
            final_loss: row.final_loss,
            lr: row.lr,
            min_loss: row.min_loss,
            status: row.status.to_string(),
            steps: row.steps,
        }
    }

    /// The values in the [`COLUMNS`] order, each number rendered by `num`.
    fn cells(&self, num: impl Fn(f64) -> String) -> Vec<String> {
        vec![
            num(self.lr),
            num(self.final_loss),
            num(self.min_loss),
            self.status.clone(),
            self.steps.to_string(),
        ]
    }
}

/// The whole sweep as one JSON document.
#[derive(Debug, serde::Serialize)]
struct SweepDocument<'a> {
    runs: &'a [RunRow],
}

/// Runs the sweep and renders it in `format`.
pub fn sweep(setup: &Setup, lrs: &[f64], format: Format) -> anyhow::Result<String> {
    let runs = sweep_rows(
        &setup.objective,
        &setup.config,
        &setup.start,
        setup.max_steps,
        lrs,
    )?;
    let rows: Vec<RunRow> = runs.iter().map(RunRow::of).collect();
    let header: Vec<String> = COLUMNS.map(String::from).to_vec();
    Ok(match format {
        Format::Csv => {
            let mut out = csv_line(header);
            for r in &rows {
                out.push_str(&csv_line(r.cells(exact)));
            }
            out
        }
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&SweepDocument { runs: &rows })
                .expect("a sweep always serialises");
            text.push('\n');
            text
        }
        Format::Table => {
            let body: Vec<Vec<String>> = rows.iter().map(|r| r.cells(human)).collect();
            let mut out = aligned(&header, &body);
            out.push('\n');
            out.push_str(&summary(setup, &runs));
            out.push('\n');
            out
        }
    })
}

/// One line: how many learning rates diverged, the best final loss, and the limit.
fn summary(setup: &Setup, runs: &[SweepRow]) -> String {
    let start = setup.start.as_slice().expect("contiguous");
    let limit = stability(&setup.objective, start, &setup.config.frozen);
    let diverged = runs
        .iter()
        .filter(|r| r.status == Outcome::Diverged)
        .count();
    let best = runs
        .iter()
        .filter(|r| r.final_loss.is_finite())
        .min_by(|a, b| a.final_loss.total_cmp(&b.final_loss));
    format!(
        "{}: {} of {} learning rates diverged; lowest final loss {}; 2/λmax at the start = {}",
        setup.name,
        diverged,
        runs.len(),
        best.map_or("none".into(), |b| format!(
            "{} at η = {}",
            human(b.final_loss),
            human(b.lr)
        )),
        human(limit.eta_limit()),
    )
}
