//! `downhill run`: train once and print every state as it is computed.
//!
//! Nothing here keeps the run's history or its whole text: the trainer forgets every
//! state but the start and the newest, and each row is written as soon as it is made, so
//! memory stays flat however many steps are asked for.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::ser::{SerializeSeq, Serializer};

use super::{Format, stability_text};
use crate::engine::{Model, Outcome, Past, Stability, State, Trainer, stability};
use crate::fmt::{Exact, aligned_row, csv_line, human, widths};
use crate::scenario::Setup;

/// How many rows of a table set its column widths; later rows are written as they come.
pub const TABLE_WIDTH_ROWS: usize = 1000;

/// Trains `setup` to a stop condition, writing the trajectory to `out` in `format` as
/// it goes.
///
/// The outer error is a set-up the trainer refuses, found before anything is written;
/// the inner one is the first write that failed, after which training stops.
pub fn run(setup: &Setup, format: Format, out: &mut impl Write) -> anyhow::Result<io::Result<()>> {
    let trainer = Trainer::new(
        setup.objective.clone(),
        setup.config.clone(),
        setup.start.clone(),
    )
    .map_err(anyhow::Error::msg)?;
    let names = setup.objective.model().param_names();
    Ok(match format {
        Format::Csv => run_csv(trainer, setup.max_steps, &names, out),
        Format::Json => run_json(trainer, setup.max_steps, &names, out),
        Format::Table => run_table(setup, trainer, &names, out),
    })
}

/// Takes the updates [`Trainer::run_with`] would, forgetting the past, and hands each
/// new state to `emit`; stops at the first error `emit` returns, so that a reader that
/// closed the pipe does not leave millions of steps computed for nobody.
///
/// One update per call of `run_with`, so that the stop rule stays the trainer's own.
fn stream<E>(
    trainer: &mut Trainer,
    max_steps: usize,
    mut emit: impl FnMut(&State) -> Result<(), E>,
) -> Result<Outcome, E> {
    loop {
        let step = trainer.current().step;
        let mut emitted = Ok(());
        let outcome = trainer.run_with(max_steps.min(step + 1), Past::Forget, |state| {
            emitted = emit(state);
        });
        emitted?;
        if trainer.current().step == step {
            return Ok(outcome);
        }
    }
}

fn at(trainer: &Trainer, params: Option<&[f64]>) -> Stability {
    let params = params.expect("params are contiguous");
    stability(trainer.objective(), params, &trainer.config().frozen)
}

/// The `run` columns: step, epoch, loss, params, grad_<param>, grad_norm, lr, and
/// test_loss after them when the run has a test set (`tested`), so that the columns of a
/// run without one are as they always were.
pub fn columns(names: &[String], tested: bool) -> Vec<String> {
    ["step", "epoch", "loss"]
        .iter()
        .map(|s| s.to_string())
        .chain(names.iter().cloned())
        .chain(names.iter().map(|n| format!("grad_{n}")))
        .chain(["grad_norm".to_string(), "lr".to_string()])
        .chain(tested.then(|| "test_loss".to_string()))
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
    #[serde(skip_serializing_if = "Option::is_none")]
    test_loss: Option<f64>,
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
            test_loss: state.test_loss,
        }
    }

    /// The values in the [`columns`] order, each number rendered by `num`.
    fn cells(&self, num: impl Fn(f64) -> String) -> Vec<String> {
        [self.step.to_string(), self.epoch.to_string()]
            .into_iter()
            .chain(self.numbers().map(num))
            .collect()
    }

    /// The numbers in the [`columns`] order, after `step` and `epoch`.
    fn numbers(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.loss)
            .chain(self.params.iter().copied())
            .chain(self.grad.iter().copied())
            .chain([self.grad_norm, self.lr])
            .chain(self.test_loss)
    }
}

/// The run's CSV text, header and one line per state: full precision, Rust's shortest
/// representation that reads back to the same f64.
pub fn csv(names: &[String], history: &[State]) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, names, history).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("numbers and names are UTF-8")
}

/// [`csv`] written to `out` as the states come, without holding them or the text.
pub fn write_csv<'a>(
    out: &mut impl Write,
    names: &[String],
    states: impl IntoIterator<Item = &'a State>,
) -> io::Result<()> {
    let mut states = states.into_iter().peekable();
    let tested = states.peek().is_some_and(|s| s.test_loss.is_some());
    out.write_all(csv_line(columns(names, tested)).as_bytes())?;
    states.try_for_each(|state| write_csv_row(out, state))
}

/// One CSV line of `state`, as [`csv_line`] of its cells would be, written piece by piece:
/// a long run writes millions of them.
pub fn write_csv_row(out: &mut impl Write, state: &State) -> io::Result<()> {
    let row = StateRow::of(state);
    write!(out, "{},{}", row.step, row.epoch)?;
    for x in row.numbers() {
        write!(out, ",{}", Exact(x))?;
    }
    out.write_all(b"\n")
}

fn run_csv(
    mut trainer: Trainer,
    max_steps: usize,
    names: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    write_csv(out, names, [trainer.current()])?;
    stream(&mut trainer, max_steps, |state| write_csv_row(out, state))?;
    Ok(())
}

/// The whole run as one JSON document: parameter names, how it ended, the stability
/// limit (exact, or the local sharpness at the start and at the end), every state.
#[derive(Debug, serde::Serialize)]
struct RunDocument<'a, S> {
    #[serde(skip_serializing_if = "Option::is_none")]
    eta_crit: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lambda_max: Option<f64>,
    /// An `mlp`'s layer widths: inputs, each hidden layer, then the one output.
    #[serde(skip_serializing_if = "Option::is_none")]
    layers: Option<Vec<usize>>,
    params: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    sharpness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sharpness_final: Option<f64>,
    status: String,
    steps: S,
}

impl<'a, S> RunDocument<'a, S> {
    /// The document's head: what is known once the run is over; `steps` as given.
    fn new(
        names: &'a [String],
        outcome: Outcome,
        start: Stability,
        end: &Trainer,
        steps: S,
    ) -> Self {
        let layers = match end.objective().model() {
            Model::Mlp(m) => Some((0..=m.layers()).map(|l| m.width(l)).collect()),
            _ => None,
        };
        let mut doc = RunDocument {
            eta_crit: None,
            lambda_max: None,
            layers,
            params: names,
            sharpness: None,
            sharpness_final: None,
            status: outcome.to_string(),
            steps,
        };
        match start {
            Stability::Exact {
                lambda_max,
                eta_crit,
            } => {
                doc.lambda_max = Some(lambda_max);
                doc.eta_crit = Some(eta_crit);
            }
            Stability::Local { sharpness, .. } => {
                doc.sharpness = Some(sharpness);
                let last = end.current().params.as_slice();
                doc.sharpness_final = Some(at(end, last).lambda_max());
            }
        }
        doc
    }
}

/// The `steps` array of a run, computed while serde_json writes it: each state is
/// serialised as the trainer makes it, in serde_json's own layout.
struct Steps {
    /// A trainer at the start; `RefCell` because serialising sees only `&self`.
    trainer: RefCell<Trainer>,
    max_steps: usize,
}

impl serde::Serialize for Steps {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut trainer = self.trainer.borrow_mut();
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&StateRow::of(trainer.current()))?;
        stream(&mut trainer, self.max_steps, |state| {
            seq.serialize_element(&StateRow::of(state))
        })?;
        seq.end()
    }
}

/// Two passes over the run. The keys are in alphabetical order, so `status` and
/// `sharpness_final`, known only at the end, come before `steps`: a first pass without
/// output learns them, and a second, from a copy of the start, writes the states as they
/// come. The trainer is deterministic bit for bit, so both passes see the same states.
fn run_json(
    trainer: Trainer,
    max_steps: usize,
    names: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    let start = at(&trainer, trainer.current().params.as_slice());
    let mut first = trainer.clone();
    let outcome = first.run_with(max_steps, Past::Forget, |_| {});
    let steps = Steps {
        trainer: RefCell::new(trainer),
        max_steps,
    };
    let doc = RunDocument::new(names, outcome, start, &first, steps);
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// A table written as its rows come: the header and the first [`TABLE_WIDTH_ROWS`] rows
/// are held to set the column widths, later rows are written at once with those widths
/// (a wider cell widens only its own line). A run of at most that many states prints as
/// if every row had been seen first.
struct Table {
    header: Vec<String>,
    held: Vec<Vec<String>>,
    /// Set once the held rows are written.
    widths: Option<Vec<usize>>,
}

impl Table {
    fn new(header: Vec<String>) -> Self {
        Self {
            header,
            held: Vec::new(),
            widths: None,
        }
    }

    fn push(&mut self, out: &mut impl Write, row: Vec<String>) -> io::Result<()> {
        if self.widths.is_none() && self.held.len() == TABLE_WIDTH_ROWS {
            self.write_held(out)?;
        }
        match &self.widths {
            Some(widths) => out.write_all(aligned_row(&row, widths).as_bytes()),
            None => {
                self.held.push(row);
                Ok(())
            }
        }
    }

    /// Fixes the widths from the header and the held rows, and writes them all.
    fn write_held(&mut self, out: &mut impl Write) -> io::Result<()> {
        let widths = widths(&self.header, &self.held);
        out.write_all(aligned_row(&self.header, &widths).as_bytes())?;
        for row in self.held.drain(..) {
            out.write_all(aligned_row(&row, &widths).as_bytes())?;
        }
        self.widths = Some(widths);
        Ok(())
    }

    /// Writes what is still held.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.widths.is_none() {
            self.write_held(out)?;
        }
        Ok(())
    }
}

fn run_table(
    setup: &Setup,
    mut trainer: Trainer,
    names: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    let start = at(&trainer, trainer.current().params.as_slice());
    let mut table = Table::new(columns(names, trainer.objective().test().is_some()));
    table.push(out, StateRow::of(trainer.current()).cells(human))?;
    let outcome = stream(&mut trainer, setup.max_steps, |state| {
        table.push(out, StateRow::of(state).cells(human))
    })?;
    table.finish(out)?;
    writeln!(out)?;
    writeln!(out, "{}", summary(setup, &trainer, outcome, start))
}

/// One line: how the run ended, with its loss, η and the stability limit.
pub fn summary(setup: &Setup, trainer: &Trainer, outcome: Outcome, stab: Stability) -> String {
    let last = trainer.current();
    let limit = match stab {
        Stability::Exact { .. } => stability_text(&stab),
        Stability::Local { .. } => crate::t!("run-at-start", limit = stability_text(&stab)),
    };
    // What scaling did to the curvature, beside the limit it set.
    let start = trainer.start().params.as_slice().expect("contiguous");
    let scaled = crate::engine::conditioning(&setup.objective, start, &setup.config.frozen)
        .map(|c| {
            let scale = super::scaled_words(setup.objective.data().scale());
            let text = super::conditioning_text(&c);
            crate::t!("run-scaled", scale = scale, conditioning = text)
        })
        .unwrap_or_default();
    crate::t!(
        "run-summary",
        name = setup.name,
        outcome = super::outcome_words(outcome),
        steps = last.step,
        loss = human(last.loss),
        start = human(trainer.start().loss),
        lr = human(setup.config.lr),
        limit = limit,
        scaled = scaled
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::{aligned, exact};
    use crate::scenario::{LESSONS, Scenario, resolve};

    fn setup(lesson: &str, change: impl FnOnce(&mut Scenario)) -> Setup {
        let mut scenario = Scenario {
            preset: Some(lesson.into()),
            ..Default::default()
        };
        change(&mut scenario);
        resolve(&scenario, None).unwrap()
    }

    fn printed(setup: &Setup, format: Format) -> String {
        let mut out = Vec::new();
        run(setup, format, &mut out).unwrap().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The run as `downhill run` printed it before it streamed: every state kept, the
    /// whole text rendered at once.
    fn whole(setup: &Setup, format: Format) -> String {
        let mut trainer = Trainer::new(
            setup.objective.clone(),
            setup.config.clone(),
            setup.start.clone(),
        )
        .unwrap();
        trainer.set_window(usize::MAX / 4);
        let outcome = trainer.run(setup.max_steps);
        let names = setup.objective.model().param_names();
        let start = at(&trainer, trainer.start().params.as_slice());
        let rows = |num: fn(f64) -> String| -> Vec<Vec<String>> {
            let history = trainer.kept().iter();
            history.map(|s| StateRow::of(s).cells(num)).collect()
        };
        match format {
            Format::Csv => std::iter::once(columns(&names, setup.objective.test().is_some()))
                .chain(rows(exact))
                .map(csv_line)
                .collect(),
            Format::Json => {
                let steps: Vec<_> = trainer.kept().iter().map(StateRow::of).collect();
                let doc = RunDocument::new(&names, outcome, start, &trainer, steps);
                serde_json::to_string_pretty(&doc).unwrap() + "\n"
            }
            Format::Table => {
                let table = aligned(
                    &columns(&names, setup.objective.test().is_some()),
                    &rows(human),
                );
                table + "\n" + &summary(setup, &trainer, outcome, start) + "\n"
            }
        }
    }

    const FORMATS: [Format; 3] = [Format::Csv, Format::Json, Format::Table];

    #[test]
    fn every_lesson_prints_as_the_whole_history_did() {
        for lesson in LESSONS {
            // At most 300 updates: enough to stream every kind of row, short enough for
            // the networks' lessons in a debug build; longer tables have their own test.
            let setup = setup(lesson.name, |s| s.steps = Some(300));
            for format in FORMATS {
                let (streamed, whole) = (printed(&setup, format), whole(&setup, format));
                assert!(streamed == whole, "{} as {format:?}", lesson.name);
            }
        }
    }

    #[test]
    fn mini_batches_and_blowups_stream_the_same_states() {
        let setups = [
            setup("wiggle", |s| (s.batch_size, s.steps) = (Some(7), Some(300))),
            setup("blowup", |s| s.steps = Some(2_000)),
            setup("line", |s| {
                (s.tolerance, s.steps) = (Some(0.0), Some(1_000))
            }),
            setup("ravine", |s| s.steps = Some(0)),
        ];
        for setup in &setups {
            for format in FORMATS {
                assert!(printed(setup, format) == whole(setup, format), "{format:?}");
            }
        }
    }

    #[test]
    fn a_long_table_takes_its_widths_from_the_first_thousand_rows() {
        let setup = setup("intro", |s| {
            (s.tolerance, s.steps) = (Some(0.0), Some(2_500))
        });
        let streamed = printed(&setup, Format::Table);
        let whole = whole(&setup, Format::Table);
        let (streamed, whole): (Vec<&str>, Vec<&str>) =
            (streamed.lines().collect(), whole.lines().collect());
        assert_eq!(streamed.len(), 2_500 + 4);
        let cells =
            |line: &str| -> Vec<String> { line.split_whitespace().map(str::to_owned).collect() };
        for (s, w) in streamed.iter().zip(&whole) {
            assert_eq!(cells(s), cells(w));
        }
        let first: Vec<Vec<String>> = whole[1..=TABLE_WIDTH_ROWS]
            .iter()
            .map(|l| cells(l))
            .collect();
        let head = aligned(&cells(whole[0]), &first);
        assert_eq!(streamed[..=TABLE_WIDTH_ROWS].join("\n") + "\n", head);
    }

    #[test]
    fn a_failed_write_stops_the_run() {
        /// Takes 10 KB, then fails every write with a closed pipe, counting the tries.
        struct ClosedPipe {
            taken: usize,
            failures: usize,
        }
        impl Write for ClosedPipe {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.taken + buf.len() > 10_000 {
                    self.failures += 1;
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                self.taken += buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let setup = setup("line", |s| {
            (s.tolerance, s.steps) = (Some(0.0), Some(5_000))
        });
        for format in FORMATS {
            let mut pipe = ClosedPipe {
                taken: 0,
                failures: 0,
            };
            let written = run(&setup, format, &mut pipe).unwrap();
            assert_eq!(written.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
            assert_eq!(pipe.failures, 1, "{format:?}");
        }
    }
}
