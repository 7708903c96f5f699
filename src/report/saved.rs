//! The scenario file that reproduces a run from its start (`:save`).

use super::WriteError;
use crate::engine::{Activation, Loss, Model, OptimizerKind, Penalty, Scale, Surface, Trainer};
use crate::fmt::exact;
use crate::scenario::{Points, Scenario, Setup, Variant};

/// A run written as a scenario: what `downhill run --scenario` needs to replay it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedScenario {
    /// The options, every one written out.
    pub scenario: Scenario,
    /// The step the run stood at when saved.
    pub step: usize,
    /// Why the file cannot reproduce the run exactly, if it cannot.
    pub warning: Option<String>,
}

impl SavedScenario {
    /// The TOML text. A data file's path is made absolute here (a relative one would be
    /// read against the saved file's folder), so this reads the file system.
    pub fn to_toml(&self) -> Result<String, WriteError> {
        let mut scenario = self.scenario.clone();
        let absolute = |path: std::path::PathBuf| std::fs::canonicalize(&path).unwrap_or(path);
        scenario.data = scenario.data.map(absolute);
        scenario.test = scenario.test.map(absolute);
        let text = toml::to_string(&scenario).map_err(|e| WriteError::Toml(e.to_string()))?;
        // A comment in the file, so in English whatever the language on screen.
        Ok(format!(
            "# Saved by downhill at step {}.\n{text}",
            self.step
        ))
    }
}

/// True while `trainer` trains the set-up its caption was written for (the model, loss,
/// optimizer and penalty of the caption's own layer, `Setup::written_for`) or one its
/// caption asks for too (`caption-also`), on the data it was opened with. After another
/// switch, or an option over the lesson that changes one of these, the caption's claims
/// (an exact minimum, an η_crit) may no longer hold.
pub fn as_written(setup: &Setup, trainer: &Trainer) -> bool {
    let (now, then) = (trainer.objective(), &setup.objective);
    let kind = trainer.config().optimizer.kind;
    let features = then.data().n_features();
    let optimizer_is = |v: &Variant| {
        v.optimizer
            .as_deref()
            .is_some_and(|o| o.trim() == kind.to_string())
    };
    // A surface is its own model and loss: only it and the optimizer can differ.
    if let Some(surface) = now.as_surface() {
        // The surface a layer names, or the one opened when no layer with a caption did.
        let is = |v: &Variant| {
            let named = v
                .surface
                .as_deref()
                .map_or(Ok(then.as_surface()), |s| Surface::parse(s).map(Some));
            named == Ok(Some(surface)) && optimizer_is(v)
        };
        let also = setup.scenario.caption_also.iter().flatten();
        return then.as_surface().is_some()
            && (is(&setup.written_for)
                || also.map(|v| v.over(&setup.written_for)).any(|v| is(&v)));
    }
    let is = |v: &Variant| {
        let activation = v
            .activation
            .as_deref()
            .map_or(Ok(Activation::Tanh), Activation::parse);
        let model = v.model.as_deref().unwrap_or("linear");
        let model_is = activation
            .and_then(|a| Model::parse_with(model, features, a))
            .is_ok_and(|m| m.with_output_for(now.loss() == Loss::Bce) == now.model());
        let penalty = Penalty {
            l2: v.l2.unwrap_or(0.0),
            l1: v.l1.unwrap_or(0.0),
        };
        model_is
            && v.loss.as_deref().is_some_and(|l| l.trim() == now.loss().to_string())
            && optimizer_is(v)
            // A penalty changes the loss itself, and every number a caption gives.
            && penalty == now.penalty()
            // So does scaling: it changes the parameters themselves.
            && v.scale.as_deref().map_or(Ok(Scale::Raw), Scale::parse) == Ok(now.data().scale())
    };
    let base = &setup.written_for;
    let also = setup.scenario.caption_also.iter().flatten();
    (is(base) || also.map(|v| v.over(base)).any(|v| is(&v)))
        && (std::sync::Arc::ptr_eq(now, then) || same_rows(now.data(), then.data()))
}

/// The warnings (message ids) in the language in use, one line; none when there are none.
fn said(warnings: &[&str]) -> Option<String> {
    let said: Vec<String> = warnings.iter().map(|id| crate::i18n::tr(id)).collect();
    (!said.is_empty()).then(|| said.join("; "))
}

/// The scenario that reproduces `trainer`'s run, loaded as `setup`, from its start.
pub fn saved_scenario(setup: &Setup, trainer: &Trainer) -> SavedScenario {
    let config = trainer.config();
    let objective = trainer.objective();
    let (init, freeze) = init_and_freeze(trainer);
    let original = &setup.scenario;
    let (lr, tolerance, mut warnings) = replayed(trainer);
    // Synthetic data is made from the seed; once `:seed` changed it, the rows go inline.
    let data_seed = original.seed.unwrap_or(0);
    let inline = original.dataset.is_some() && data_seed != config.seed;
    let (split, test_file) = held_out(setup, trainer, inline, &mut warnings);
    let points = if inline {
        Some(Points::of(objective.data()))
    } else {
        original.points.clone()
    };
    let o = config.optimizer;
    let uses = |kinds: &[OptimizerKind]| kinds.contains(&o.kind);
    let step = trainer.current().step;
    let written = as_written(setup, trainer);
    let on_surface = objective.as_surface().is_some();
    let scenario = Scenario {
        description: original.description.clone(),
        description_zh: original.description_zh.clone(),
        // A caption about another set-up would mislead whoever opens the file.
        caption: original.caption.clone().filter(|_| written),
        caption_zh: original.caption_zh.clone().filter(|_| written),
        caption_also: original.caption_also.clone().filter(|_| written),
        // The questions' truths are the lesson's numbers: they go where the caption goes.
        questions: original.questions.clone().filter(|_| written),
        preset: None,
        data: original.data.clone(),
        target: original
            .target
            .clone()
            .or_else(|| inline.then(|| objective.data().target.clone())),
        dataset: original.dataset.clone().filter(|_| !inline),
        n: original.n.filter(|_| !inline),
        noise: original.noise.filter(|_| !inline),
        seed: Some(config.seed),
        // A surface is its own loss: it has no model or loss to write.
        surface: objective.as_surface().map(|s| s.to_string()),
        model: Some(objective.model().to_string()).filter(|_| !on_surface),
        activation: objective
            .model()
            .hidden_activation()
            .map(|a| a.name().to_owned()),
        loss: Some(objective.loss().to_string()).filter(|_| !on_surface),
        optimizer: Some(o.kind.to_string()),
        lr: Some(lr),
        schedule: Some(config.schedule.to_string()),
        // Only the rule's own hyperparameters, so the file reads as what it uses.
        momentum: uses(&[OptimizerKind::Momentum, OptimizerKind::Nesterov]).then_some(o.momentum),
        alpha: uses(&[OptimizerKind::Rmsprop]).then_some(o.alpha),
        beta1: uses(&[OptimizerKind::Adam, OptimizerKind::Adamw]).then_some(o.beta1),
        beta2: uses(&[OptimizerKind::Adam, OptimizerKind::Adamw]).then_some(o.beta2),
        eps: uses(&[
            OptimizerKind::Adagrad,
            OptimizerKind::Rmsprop,
            OptimizerKind::Adam,
            OptimizerKind::Adamw,
        ])
        .then_some(o.eps),
        weight_decay: uses(&[OptimizerKind::Adamw]).then_some(o.weight_decay),
        l2: Some(objective.penalty().l2).filter(|&l| l > 0.0),
        l1: Some(objective.penalty().l1).filter(|&l| l > 0.0),
        test_fraction: split,
        test: test_file,
        scale: Some(objective.data().scale())
            .filter(|&s| s != Scale::Raw)
            .map(|s| s.name().to_owned()),
        batch_size: config.batch_size,
        init: Some(init),
        freeze: Some(freeze),
        tolerance: Some(tolerance),
        diverge_factor: Some(config.diverge_factor),
        theme: original.theme.clone(),
        plane: original.plane.clone(),
        // `run` then prints exactly the rows on screen.
        steps: Some(if step > 0 { step } else { setup.max_steps }),
        points,
    };
    SavedScenario {
        scenario,
        step,
        warning: said(&warnings),
    }
}

/// The `test-fraction` and `test` options that hold out the same rows again, where a file
/// can: a split is drawn from the seed, and a file of inline rows cannot hold two sets.
fn held_out(
    setup: &Setup,
    trainer: &Trainer,
    inline: bool,
    // Message ids, said in the language in use once all are known.
    warnings: &mut Vec<&'static str>,
) -> (Option<f64>, Option<std::path::PathBuf>) {
    let original = &setup.scenario;
    let same_seed = original.seed.unwrap_or(0) == trainer.config().seed;
    let split = original.test_fraction.filter(|_| !inline && same_seed);
    let test_file = original.test.clone();
    if trainer.objective().test().is_some() && split.is_none() && test_file.is_none() {
        warnings.push("saved-no-test-rows");
    }
    (split, test_file)
}

/// The η and tolerance that replay `trainer`'s run, with why they may not replay it exactly.
fn replayed(trainer: &Trainer) -> (f64, f64, Vec<&'static str>) {
    let config = trainer.config();
    let mut warnings = Vec::new();
    // The base η that every update on screen followed, if there is one.
    let lr = trainer.base_lr().unwrap_or_else(|| {
        warnings.push("saved-eta-changed");
        config.lr
    });
    // The file scales its rows afresh; rows clicked in after the scaling was taken went
    // through the older numbers.
    let data = trainer.objective().data();
    if let Some(scaling) = data.scaling() {
        let afresh = data.scaled(scaling.scale).ok();
        if afresh.as_ref().and_then(|d| d.scaling()) != Some(scaling) {
            warnings.push("saved-rescaled");
        }
    }
    // Updates taken past a converged state replay only if `run` does not stop there.
    let tolerance = if trainer.went_past_rest() {
        warnings.push("saved-past-convergence");
        0.0
    } else {
        config.tolerance
    };
    (lr, tolerance, warnings)
}

/// The `init` and `freeze` options: every parameter's start value, exactly, and the
/// names of the frozen ones.
fn init_and_freeze(trainer: &Trainer) -> (String, String) {
    let names = trainer.objective().model().param_names();
    let start = trainer.start();
    let init: Vec<String> = names
        .iter()
        .zip(start.params.iter())
        .map(|(n, v)| format!("{n}={}", exact(*v)))
        .collect();
    let frozen: Vec<&str> = names
        .iter()
        .zip(&trainer.config().frozen)
        .filter(|(_, f)| **f)
        .map(|(n, _)| n.as_str())
        .collect();
    (init.join(","), frozen.join(","))
}

/// True when `a` and `b` hold the same rows in their own units, whatever their scaling.
fn same_rows(a: &crate::engine::Dataset, b: &crate::engine::Dataset) -> bool {
    a.original_x() == b.original_x() && a.y == b.y && a.features == b.features
}
