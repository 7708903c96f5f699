//! `downhill run`: train once and print every state.

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
    // Every state is printed, so every state is kept.
    trainer.set_window(usize::MAX / 4);
    let outcome = trainer.run(setup.max_steps);
    let names = setup.objective.model().param_names();
    let start_stability = at(&trainer, trainer.start().params.as_slice());
    Ok(match format {
        Format::Csv => csv(&names, trainer.kept()),
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

/// One state of a run, as `run` prints it: a JSON object, or a line of cells.
///
/// The fields are in alphabetical order because the JSON documents have always listed
/// their keys so.
#[derive(Debug, serde::Serialize)]
struct StateRow<'a> {
    epoch: usize,
    grad: &'a [f64],
    grad_norm: f64,
    loss: f64,
    lr: f64,
    params: &'a [f64],
    step: usize,
}

impl<'a> StateRow<'a> {
    fn of(state: &'a State) -> Self {
        Self {
            epoch: state.epoch,
            grad: state.grad.as_slice().expect("gradients are contiguous"),
            grad_norm: state.grad_norm,
            loss: state.loss,
            lr: state.lr,
            params: state.params.as_slice().expect("params are contiguous"),
            step: state.step,
        }
    }

    /// The values in the [`columns`] order, each number rendered by `num`.
    fn cells(&self, num: impl Fn(f64) -> String) -> Vec<String> {
        [
            self.step.to_string(),
            self.epoch.to_string(),
            num(self.loss),
        ]
        .into_iter()
        .chain(self.params.iter().map(|&p| num(p)))
        .chain(self.grad.iter().map(|&g| num(g)))
        .chain([num(self.grad_norm), num(self.lr)])
        .collect()
    }
}

/// Full precision: Rust's shortest representation that reads back to the same f64.
pub fn csv(names: &[String], history: &[State]) -> String {
    let mut out = csv_line(columns(names));
    for state in history {
        out.push_str(&csv_row(state));
    }
    out
}

/// One state as a `run --format csv` line, at full precision.
pub fn csv_row(state: &State) -> String {
    csv_line(StateRow::of(state).cells(exact))
}

/// The whole run as one JSON document: parameter names, how it ended, the stability
/// limit (exact, or the local sharpness at the start and at the end), every state.
#[derive(Debug, serde::Serialize)]
struct RunDocument<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    eta_crit: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lambda_max: Option<f64>,
    params: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    sharpness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sharpness_final: Option<f64>,
    status: String,
    steps: Vec<StateRow<'a>>,
}

fn json(names: &[String], trainer: &Trainer, outcome: Outcome, stab: Stability) -> String {
    let mut doc = RunDocument {
        eta_crit: None,
        lambda_max: None,
        params: names,
        sharpness: None,
        sharpness_final: None,
        status: outcome.to_string(),
        steps: trainer.kept().iter().map(StateRow::of).collect(),
    };
    match stab {
        Stability::Exact {
            lambda_max,
            eta_crit,
        } => {
            doc.lambda_max = Some(lambda_max);
            doc.eta_crit = Some(eta_crit);
        }
        Stability::Local { sharpness, .. } => {
            doc.sharpness = Some(sharpness);
            let last = trainer.current().params.as_slice();
            doc.sharpness_final = Some(at(trainer, last).lambda_max());
        }
    }
    let mut text = serde_json::to_string_pretty(&doc).expect("a run always serialises");
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
    let rows: Vec<Vec<String>> = trainer
        .kept()
        .iter()
        .map(|s| StateRow::of(s).cells(human))
        .collect();
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
        human(trainer.start().loss),
        human(setup.config.lr),
    )
}
