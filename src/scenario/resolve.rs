//! Turning layered options into a ready-to-run engine set-up, or one clear error.

use std::sync::Arc;

use anyhow::anyhow;
use ndarray::{Array1, Array2};

use super::file::ScenarioFile;
use super::lessons::{DEFAULT_LESSON, lesson};
use super::params::{parse_freeze, parse_init};
use super::plane::PlaneChoice;
use super::{Points, Scenario, Variant};
use crate::data::{columns::check_columns, csv::load_csv, synthetic};
use crate::engine::{
    self, Activation, Config, Dataset, Loss, Model, Objective, Optimizer, OptimizerKind, Penalty,
    Scale, Schedule, Surface,
};
use crate::quiz::Question;
use crate::t;

/// Most updates one run may take; the history of states is kept in memory.
pub const MAX_STEPS: usize = 10_000_000;

/// Everything needed to start training, checked.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The lesson or file it came from, for titles.
    pub name: String,
    /// The options after layering (what a saved scenario would hold).
    pub scenario: Scenario,
    /// Data, model and loss.
    pub objective: Arc<Objective>,
    /// Optimizer, η, batches, freezing, stop conditions.
    pub config: Config,
    /// θ before the first update.
    pub start: Array1<f64>,
    /// Most updates to take.
    pub max_steps: usize,
    /// The landscape's plane in the interactive view.
    pub plane: PlaneChoice,
    /// The set-up the caption was written for: that of the layer it comes from (a
    /// lesson's, or a scenario file's with its own data), not the options over it.
    pub written_for: Variant,
    /// The lesson's questions, in the order written (predict mode, `run --answers`).
    pub questions: Vec<Question>,
}

/// Layers command-line options over a scenario file over a lesson, and checks the result.
pub fn resolve(cli: &Scenario, file: Option<&ScenarioFile>) -> anyhow::Result<Setup> {
    let from_file = file.map(|f| &f.scenario);
    let preset = cli
        .preset
        .clone()
        .or_else(|| from_file.and_then(|s| s.preset.clone()));
    let names_data = cli.has_data_source() || from_file.is_some_and(Scenario::has_data_source);
    let lesson_layer = match (&preset, names_data) {
        (Some(name), _) => {
            Some(lesson(name).map_err(|e| blame(cli, file, None, "preset", e.to_string()))?)
        }
        (None, false) => Some(lesson(DEFAULT_LESSON)?),
        (None, true) => None,
    };
    let lesson_file = lesson_layer
        .map(|l| ScenarioFile::parse(l.toml, &format!("lesson `{}`", l.name)))
        .transpose()?;
    let base = lesson_file
        .as_ref()
        .map(|l| l.scenario.clone())
        .unwrap_or_default();
    let written_for = written_for(from_file, &base);
    let s = cli
        .clone()
        .over(from_file.cloned().unwrap_or_default().over(base));
    let bad = |key: &str, msg: String| blame(cli, file, lesson_file.as_ref(), key, msg);

    if let Some(theme) = s
        .theme
        .as_deref()
        .filter(|t| !matches!(*t, "dark" | "light"))
    {
        return Err(bad("theme", t!("opt-theme", value = theme)));
    }
    let seed = s.seed.unwrap_or(0);
    let objective = objective_of(&s, seed, &bad)?;
    let model = objective.model();
    let optimizer = optimizer_of(&s, &bad)?;
    let run = run_settings(&s, &bad)?;
    check_variants(&s, objective.data().n_features(), &bad)?;

    let names = model.param_names();
    let start = parse_init(
        s.init.as_deref().unwrap_or(""),
        &names,
        &model.start_params(seed),
        || model.random_params(seed),
    )
    .map_err(|e| bad("init", e))?;
    let frozen =
        parse_freeze(s.freeze.as_deref().unwrap_or(""), &names).map_err(|e| bad("freeze", e))?;
    let plane = plane_of(&s, &names, &bad)?;
    let questions = questions_of(cli, &s, &names, &bad)?;

    let name = match (&lesson_file, file) {
        (_, Some(f)) => f.label.clone(),
        (Some(_), None) => preset.unwrap_or_else(|| DEFAULT_LESSON.to_owned()),
        (None, None) => s.surface.clone().unwrap_or_else(|| "custom".to_owned()),
    };
    Ok(Setup {
        name,
        scenario: s.clone(),
        objective: Arc::new(objective),
        config: Config {
            optimizer,
            lr: run.lr,
            schedule: run.schedule,
            batch_size: s.batch_size,
            frozen,
            tolerance: run.tolerance,
            diverge_factor: run.diverge_factor,
            seed,
        },
        start: Array1::from(start),
        max_steps: run.max_steps,
        plane,
        written_for,
        questions,
    })
}

/// The set-up the caption speaks of: that of the layer it comes with the data from
/// (the file when it names data, else the lesson).
fn written_for(from_file: Option<&Scenario>, base: &Scenario) -> Variant {
    match from_file {
        Some(f) if f.has_data_source() => Variant::of(&f.clone().over(base.clone())),
        _ => Variant::of(base),
    }
}

/// The landscape's plane `--plane` names, or the first two parameters.
fn plane_of(s: &Scenario, names: &[String], bad: &Blame) -> anyhow::Result<PlaneChoice> {
    match s.plane.as_deref() {
        Some(spec) => PlaneChoice::parse(spec, names).map_err(|e| bad("plane", e)),
        None => Ok(PlaneChoice::Params(0, 1.min(names.len() - 1))),
    }
}

/// The scenario's `[[questions]]`, each naming parameters of `names`; none when the
/// command line `cli` sets the η, start or batches under them, which changes every answer.
fn questions_of(
    cli: &Scenario,
    s: &Scenario,
    names: &[String],
    bad: &Blame,
) -> anyhow::Result<Vec<Question>> {
    let questions = (s.questions.iter().flatten())
        .map(|spec| Question::of_spec(spec, names))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad("questions", e))?;
    let own_run = cli.lr.is_none()
        && cli.schedule.is_none()
        && cli.init.is_none()
        && cli.batch_size.is_none();
    Ok(if own_run { questions } else { Vec::new() })
}

/// Blames an option by its key: where it was set, and what is wrong with it.
type Blame<'a> = dyn Fn(&str, String) -> anyhow::Error + 'a;

/// Each `caption-also` set-up names a model, loss, optimizer and activation that exist
/// and valid penalties, so that a misspelt one is an error rather than a caption that
/// silently never applies.
fn check_variants(s: &Scenario, features: usize, bad: &Blame) -> anyhow::Result<()> {
    for v in s.caption_also.iter().flatten() {
        let checked = v
            .model
            .as_deref()
            .map(|m| Model::parse(m, features).map(|_| ()))
            .transpose()
            .and_then(|_| v.loss.as_deref().map(Loss::parse).transpose())
            .and_then(|_| v.optimizer.as_deref().map(OptimizerKind::parse).transpose())
            .and_then(|_| v.activation.as_deref().map(Activation::parse).transpose())
            .and_then(|_| v.scale.as_deref().map(Scale::parse).transpose())
            .and_then(|_| v.surface.as_deref().map(Surface::parse).transpose())
            .and_then(|_| {
                Penalty {
                    l2: v.l2.unwrap_or(0.0),
                    l1: v.l1.unwrap_or(0.0),
                }
                .check()
            });
        checked.map_err(|e| bad("caption-also", e.to_string()))?;
    }
    Ok(())
}

/// The data (checked options, then loaded or made), the model and the loss.
fn objective_of(s: &Scenario, seed: u64, bad: &Blame) -> anyhow::Result<Objective> {
    if let Some(name) = &s.surface {
        return surface_of(s, name, bad);
    }
    for key in ["n", "noise"] {
        if s.dataset.is_none() && s.is_set(key) {
            return Err(bad(key, t!("opt-synthetic-only")));
        }
    }
    if s.dataset.is_some() && s.target.is_some() {
        return Err(bad("target", t!("opt-target-data-only")));
    }
    if s.n.is_some_and(|n| !(1..=synthetic::MAX_N).contains(&n)) {
        return Err(bad("n", t!("opt-n", most = synthetic::MAX_N)));
    }
    if let Some(noise) = s.noise.filter(|v| !(v.is_finite() && *v >= 0.0)) {
        return Err(bad("noise", t!("reason-nonnegative", value = noise)));
    }
    let data = load_data(s, seed).map_err(|(key, e)| match key {
        Some(key) => bad(key, e.to_string()),
        None => e,
    })?;
    let (data, test) = held_out_and_scaled(s, data, seed, bad)?;
    let model_name = s.model.as_deref().unwrap_or("linear");
    let activation = match s.activation.as_deref() {
        Some(name) => Activation::parse(name).map_err(|e| bad("activation", e.to_string()))?,
        None => Activation::Tanh,
    };
    let model = Model::parse_with(model_name, data.n_features(), activation)
        .map_err(|e| bad("model", e.to_string()))?;
    let loss =
        Loss::parse(s.loss.as_deref().unwrap_or("mse")).map_err(|e| bad("loss", e.to_string()))?;
    let penalty = Penalty {
        l2: s.l2.unwrap_or(0.0),
        l1: s.l1.unwrap_or(0.0),
    };
    let objective = Objective::new(data, model, loss)
        .map_err(|e| bad("loss", e.to_string()))?
        .with_penalty(penalty)
        .map_err(|e| match e {
            engine::Error::Hyperparameter { name, reason } => bad(name, reason),
            other => bad("l2", other.to_string()),
        })?;
    match test {
        Some(rows) => {
            let key = if s.test.is_some() {
                "test"
            } else {
                "test-fraction"
            };
            objective
                .with_test(rows)
                .map_err(|e| bad(key, e.to_string()))
        }
        None => Ok(objective),
    }
}

/// The objective `--surface NAME` trains on, once no option about data is also given.
fn surface_of(s: &Scenario, name: &str, bad: &Blame) -> anyhow::Result<Objective> {
    let surface = Surface::parse(name).map_err(|e| bad("surface", e.to_string()))?;
    let data_keys = [
        "data",
        "dataset",
        "points",
        "target",
        "n",
        "noise",
        "model",
        "activation",
        "loss",
        "scale",
        "test",
        "test-fraction",
        "l2",
        "l1",
        "batch-size",
    ];
    if let Some(key) = data_keys.into_iter().find(|k| s.is_set(k)) {
        return Err(bad(key, t!("opt-not-on-surface")));
    }
    Ok(Objective::surface(surface))
}

/// The training rows and the test rows, if any (`--test-fraction` of the rows held out
/// by a shuffle seeded by `--seed`, or `--test FILE.csv`), each through the scaling
/// `--scale` takes from the training rows alone.
fn held_out_and_scaled(
    s: &Scenario,
    data: Dataset,
    seed: u64,
    bad: &Blame,
) -> anyhow::Result<(Dataset, Option<Dataset>)> {
    let (train, test) = match (s.test_fraction, &s.test) {
        (Some(_), Some(_)) => {
            return Err(bad("test", t!("opt-test-both")));
        }
        // 0 holds nothing out: how a lesson's split is turned off.
        (Some(0.0), None) => (data, None),
        (Some(f), None) => {
            if !(f.is_finite() && f > 0.0 && f < 1.0) {
                return Err(bad("test-fraction", t!("opt-test-fraction", value = f)));
            }
            let (train, test) = data
                .split(f, seed)
                .map_err(|e| bad("test-fraction", e.to_string()))?;
            (train, Some(test))
        }
        (None, Some(path)) => {
            let target = s.target.as_deref().unwrap_or("y");
            let test = load_csv(path, target)?;
            if test.features != data.features {
                let e = engine::Error::TestColumns {
                    train: data.features.join(", "),
                    test: test.features.join(", "),
                };
                return Err(bad("test", e.to_string()));
            }
            (data, Some(test))
        }
        (None, None) => (data, None),
    };
    let scale = Scale::parse(s.scale.as_deref().unwrap_or("raw"))
        .map_err(|e| bad("scale", e.to_string()))?;
    let train = match scale {
        Scale::Raw => train,
        _ => train
            .scaled(scale)
            .map_err(|e| bad("scale", e.to_string()))?,
    };
    // The test rows go through the training rows' numbers: they are data the model has
    // not seen, not data to learn a scaling from.
    let test = test
        .map(|t| train.with_rows(t.original_x().clone(), t.y.clone()))
        .transpose()
        .map_err(|e| bad("test", e.to_string()))?;
    Ok((train, test))
}

/// The update rule with its hyperparameters, each the rule's default unless given.
fn optimizer_of(s: &Scenario, bad: &Blame) -> anyhow::Result<Optimizer> {
    let kind = OptimizerKind::parse(s.optimizer.as_deref().unwrap_or("gd"))
        .map_err(|e| bad("optimizer", e.to_string()))?;
    let mut optimizer = Optimizer::new(kind);
    optimizer.momentum = s.momentum.unwrap_or(optimizer.momentum);
    optimizer.alpha = s.alpha.unwrap_or(optimizer.alpha);
    optimizer.beta1 = s.beta1.unwrap_or(optimizer.beta1);
    optimizer.beta2 = s.beta2.unwrap_or(optimizer.beta2);
    optimizer.eps = s.eps.unwrap_or(optimizer.eps);
    optimizer.weight_decay = s.weight_decay.unwrap_or(optimizer.weight_decay);
    optimizer.validate().map_err(|e| match e {
        engine::Error::Hyperparameter { name, reason } => bad(name, reason),
        other => bad("optimizer", other.to_string()),
    })?;
    Ok(optimizer)
}

/// η, its schedule, the stop conditions and the step limit, checked.
struct RunSettings {
    lr: f64,
    schedule: Schedule,
    tolerance: f64,
    diverge_factor: f64,
    max_steps: usize,
}

/// The run's settings from `s`, defaults filled in, each checked.
fn run_settings(s: &Scenario, bad: &Blame) -> anyhow::Result<RunSettings> {
    let lr = s.lr.unwrap_or(0.01);
    if !(lr.is_finite() && lr > 0.0) {
        return Err(bad("lr", t!("cmd-lr-positive", lr = lr)));
    }
    let schedule = Schedule::parse(s.schedule.as_deref().unwrap_or("constant"))
        .map_err(|e| bad("schedule", e.to_string()))?;
    let tolerance = s.tolerance.unwrap_or(1e-6);
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(bad(
            "tolerance",
            t!("reason-nonnegative", value = tolerance),
        ));
    }
    let diverge_factor = s.diverge_factor.unwrap_or(1e6);
    if diverge_factor.is_nan() || diverge_factor <= 0.0 {
        return Err(bad(
            "diverge-factor",
            t!("opt-positive", value = diverge_factor),
        ));
    }
    if s.batch_size == Some(0) {
        return Err(bad("batch-size", t!("opt-at-least-one")));
    }
    let max_steps = s.steps.unwrap_or(100);
    if max_steps > MAX_STEPS {
        return Err(bad(
            "steps",
            t!("opt-at-most", most = MAX_STEPS, value = max_steps),
        ));
    }
    Ok(RunSettings {
        lr,
        schedule,
        tolerance,
        diverge_factor,
        max_steps,
    })
}

/// Reads the data the scenario names; on error, the option to blame if the message lacks a file.
fn load_data(s: &Scenario, seed: u64) -> Result<Dataset, (Option<&'static str>, anyhow::Error)> {
    let target = s.target.as_deref().unwrap_or("y");
    if let Some(path) = &s.data {
        load_csv(path, target).map_err(|e| (None, e))
    } else if let Some(name) = &s.dataset {
        synthetic::generate(name, s.n, s.noise, seed).map_err(|e| {
            let key = if e.is::<synthetic::NoiseOverflow>() {
                "noise"
            } else {
                "dataset"
            };
            (Some(key), e)
        })
    } else if let Some(points) = &s.points {
        points_dataset(points, s.target.as_deref()).map_err(|(key, e)| (Some(key), anyhow!(e)))
    } else {
        Err((None, anyhow!(t!("opt-no-data"))))
    }
}

/// The inline `[points]` of a scenario file as a dataset; errors name the key at fault
/// (`target` only when it was given, since otherwise the columns lack the default `y`).
fn points_dataset(
    points: &Points,
    target: Option<&str>,
) -> Result<Dataset, (&'static str, String)> {
    let columns = check_columns(
        points.columns.iter().map(String::as_str),
        target.unwrap_or("y"),
    )
    .map_err(|e| {
        let key = match (e.column, target) {
            (None, Some(_)) => "target",
            _ => "points.columns",
        };
        (key, e.message)
    })?;
    let (width, t) = (columns.names.len(), columns.target);
    if let Some((i, row)) = points
        .rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != width)
    {
        let msg = format!("row {} has {} values, expected {width}", i + 1, row.len());
        return Err(("points.rows", msg));
    }
    let mut features = columns.names;
    let target = features.remove(t);
    let x: Vec<f64> = points
        .rows
        .iter()
        .flat_map(|r| {
            r.iter()
                .enumerate()
                .filter(|(j, _)| *j != t)
                .map(|(_, v)| *v)
        })
        .collect();
    let y: Array1<f64> = points.rows.iter().map(|r| r[t]).collect();
    let x = Array2::from_shape_vec((points.rows.len(), width - 1), x)
        .map_err(|e| ("points", e.to_string()))?;
    Dataset::new(x, y, features, target).map_err(|e| ("points", e.to_string()))
}

/// One line saying which option is wrong and where it was set.
fn blame(
    cli: &Scenario,
    file: Option<&ScenarioFile>,
    lesson: Option<&ScenarioFile>,
    key: &str,
    msg: String,
) -> anyhow::Error {
    // A key inside a table (`points.columns`) is set where its table is, and has its
    // own line where the file says.
    let top = key.split('.').next().unwrap_or(key);
    if cli.is_set(top) {
        return anyhow!("--{key}: {msg}");
    }
    for source in [file, lesson].into_iter().flatten() {
        if source.scenario.is_set(top) {
            return match source.line_of(key).or_else(|| source.line_of(top)) {
                Some(line) => anyhow!("{}:{line}: {key}: {msg}", source.label),
                None => anyhow!("{}: {key}: {msg}", source.label),
            };
        }
    }
    anyhow!("{key}: {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(f: impl FnOnce(&mut Scenario)) -> Scenario {
        let mut s = Scenario::default();
        f(&mut s);
        s
    }

    #[test]
    fn no_data_source_opens_the_default_lesson() {
        let setup = resolve(&Scenario::default(), None).unwrap();
        assert_eq!(setup.name, DEFAULT_LESSON);
        assert!(setup.scenario.points.is_some());
    }

    #[test]
    fn command_line_beats_file_beats_lesson() {
        let file =
            ScenarioFile::parse("preset = \"blowup\"\nlr = 0.5\nsteps = 7\n", "f.toml").unwrap();
        let setup = resolve(&cli(|c| c.lr = Some(0.25)), Some(&file)).unwrap();
        assert_eq!(setup.config.lr, 0.25);
        assert_eq!(setup.max_steps, 7);
        // From the lesson: blowup's start point and its single row.
        assert_eq!(setup.start.to_vec(), [0.5, 0.5, 0.0]);
        assert_eq!(setup.objective.data().len(), 1);
    }

    #[test]
    fn errors_name_where_the_bad_value_was_set() {
        let file = ScenarioFile::parse("preset = \"line\"\n\nlr = -2\n", "f.toml").unwrap();
        let err = resolve(&Scenario::default(), Some(&file))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "f.toml:3: lr: the learning rate must be a positive finite number, got -2"
        );
        let err = resolve(&cli(|c| c.lr = Some(0.0)), Some(&file))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--lr: "), "{err}");
        let err = resolve(&cli(|c| c.preset = Some("nope".into())), None)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--preset: unknown preset `nope`"), "{err}");
    }

    #[test]
    fn changing_the_model_drops_the_lessons_start() {
        let setup = resolve(
            &cli(|c| {
                c.preset = Some("blowup".into());
                c.dataset = Some("line".into());
                c.model = Some("sigmoid".into());
            }),
            None,
        )
        .unwrap();
        assert_eq!(
            setup.start.to_vec(),
            Model::Neuron(crate::engine::Activation::Sigmoid).default_params()
        );
    }

    #[test]
    fn inline_points_pick_the_target_column_anywhere() {
        let points = Points {
            columns: vec!["y".into(), "a".into(), "b".into()],
            rows: vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]],
        };
        let d = points_dataset(&points, None).unwrap();
        assert_eq!(d.features, ["a", "b"]);
        assert_eq!(d.y.to_vec(), [1.0, 4.0]);
        assert_eq!(d.x.row(1).to_vec(), [5.0, 6.0]);
        let ragged = Points {
            rows: vec![vec![1.0]],
            ..points
        };
        let err = points_dataset(&ragged, Some("y")).unwrap_err();
        assert_eq!(
            err,
            ("points.rows", "row 1 has 1 values, expected 3".to_owned())
        );
        assert_eq!(points_dataset(&ragged, Some("t")).unwrap_err().0, "target");
        assert_eq!(points_dataset(&ragged, None).unwrap_err().0, "points.rows");
    }
}
