//! `downhill run`: train once and print every state.

use serde_json::json;

use super::{Format, stability_text};
use crate::engine::{Outcome, Stability, State, Trainer, stability};
use crate::fmt::{aligned, csv_line, exact, human};
use crate::scenario::Setup;

/// Trains `setup` to a stop condition and renders the trajectory in `format`.
pub fn run(setup: &Setup, format: Format) -> anyhow::Result<String> {
    let mut trainer = Trainer::new(
        setup.objective.clone(),
        setup.config.clone(),
        setup.start.clone(),
    )
    .map_err(anyhow::Error::msg)?;
    let outcome = trainer.run(setup.max_steps);
    let names = setup.objective.model().param_names();
    let start_stability = at(&trainer, trainer.history()[0].params.as_slice());
    Ok(match format {
        Format::Csv => csv(&names, trainer.history()),
        Format::Json => json(&names, &trainer, outcome, start_stability),
        Format::Table => table(setup, &names, &trainer, outcome, start_stability),
    })
}

fn at(trainer: &Trainer, params: Option<&[f64]>) -> Stability {
    let params = params.expect("params are contiguous");
    stability(trainer.objective(), params, &trainer.config().frozen)
}

/// The `run` columns: step, epoch, loss, params, grad_<param>, grad_norm, lr.
pub fn columns(names: &[String]) -> Vec<String> {
    ["step", "epoch", "loss"]
        .iter()
        .map(|s| s.to_string())
        .chain(names.iter().cloned())
        .chain(names.iter().map(|n| format!("grad_{n}")))
        .chain(["grad_norm".to_string(), "lr".to_string()])
        .collect()
}

/// One state's values in the `run` column order, each rendered by `num`.
fn row(state: &State, num: impl Fn(f64) -> String) -> Vec<String> {
    [
        state.step.to_string(),
        state.epoch.to_string(),
        num(state.loss),
    ]
    .into_iter()
    .chain(state.params.iter().map(|&p| num(p)))
    .chain(state.grad.iter().map(|&g| num(g)))
    .chain([num(state.grad_norm), num(state.lr)])
    .collect()
}

/// Full precision: Rust's shortest representation that reads back to the same f64.
pub fn csv(names: &[String], history: &[State]) -> String {
    let mut out = csv_line(columns(names));
    for state in history {
        out.push_str(&csv_line(row(state, exact)));
    }
    out
}

fn json(names: &[String], trainer: &Trainer, outcome: Outcome, stab: Stability) -> String {
    let steps: Vec<_> = trainer
        .history()
        .iter()
        .map(|s| {
            json!({
                "step": s.step, "epoch": s.epoch, "loss": s.loss,
                "params": s.params.to_vec(), "grad": s.grad.to_vec(),
                "grad_norm": s.grad_norm, "lr": s.lr,
            })
        })
        .collect();
    let mut doc = json!({ "params": names, "status": outcome.to_string() });
    match stab {
        Stability::Exact {
            lambda_max,
            eta_crit,
        } => {
            doc["lambda_max"] = json!(lambda_max);
            doc["eta_crit"] = json!(eta_crit);
        }
        Stability::Local { sharpness, .. } => {
            doc["sharpness"] = json!(sharpness);
            let last = trainer.current().params.as_slice();
            doc["sharpness_final"] = json!(at(trainer, last).lambda_max());
        }
    }
    doc["steps"] = json!(steps);
    let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value always serialises");
    text.push('\n');
    text
}

fn table(
    setup: &Setup,
    names: &[String],
    trainer: &Trainer,
    outcome: Outcome,
    stab: Stability,
) -> String {
    let rows: Vec<Vec<String>> = trainer.history().iter().map(|s| row(s, human)).collect();
    let mut out = aligned(&columns(names), &rows);
    out.push('\n');
    out.push_str(&summary(setup, trainer, outcome, stab));
    out.push('\n');
    out
}

/// One line: how the run ended, with its loss, η and the stability limit.
pub fn summary(setup: &Setup, trainer: &Trainer, outcome: Outcome, stab: Stability) -> String {
    let last = trainer.current();
    let steps = last.step;
    let plural = if steps == 1 { "" } else { "s" };
    let limit = match stab {
        Stability::Exact { .. } => stability_text(&stab),
        Stability::Local { .. } => format!("at the start {}", stability_text(&stab)),
    };
    format!(
        "{}: {outcome} after {steps} step{plural}, final loss {} (start {}), η = {}, {limit}",
        setup.name,
        human(last.loss),
        human(trainer.history()[0].loss),
        human(setup.config.lr),
    )
}
