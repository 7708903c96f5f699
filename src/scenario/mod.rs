//! Scenarios: every option of a run, from a lesson, a TOML file or the command line.
//!
//! One struct serves all three so that a key in a scenario file is spelled exactly
//! like its command-line option.

mod file;
mod lessons;
mod params;
mod plane;
mod resolve;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use file::{ScenarioFile, load_scenario_file};
pub use lessons::{DEFAULT_LESSON, LESSONS, Lesson, UnknownLesson, lesson};
pub use plane::{PLANE_FORMS, PlaneChoice};
pub use resolve::{Setup, resolve};

/// The options that describe a run. Each is optional: unset options fall back to
/// the layer below (command line over scenario file over lesson over defaults).
#[derive(Debug, Clone, Default, PartialEq, clap::Args, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scenario {
    /// One line saying what the lesson shows (scenario files only).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,

    /// What to try and what to look for, shown beside the lesson (scenario files only).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,

    /// `description` in Simplified Chinese (scenario files only).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,

    /// `caption` in Simplified Chinese (scenario files only); without it, Chinese
    /// screens show the English caption and say so.
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption_zh: Option<String>,

    /// Other set-ups the caption itself asks for (scenario files only): while the run
    /// trains one of these, the caption still speaks of what is on screen.
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption_also: Option<Vec<Variant>>,

    /// Questions predict mode asks at given steps, and `downhill run --answers` grades
    /// (scenario files only, as `[[questions]]`).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<crate::quiz::Spec>>,

    /// The interactive view's background, `dark` or `light` (scenario files only; on the
    /// command line, `--theme`).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,

    /// Start from a built-in lesson (see `downhill presets`).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,

    /// Read rows from a CSV file with a header row.
    #[arg(long, value_name = "FILE.csv")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<PathBuf>,

    /// Name of the target column in --data or [points] (default `y`).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,

    /// Train x and y on a textbook function instead of data: rosenbrock, himmelblau,
    /// saddle, monkey-saddle, rastrigin, plateau, quadratic:K[:ANGLE] or beale.
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surface: Option<String>,

    /// Generate a synthetic dataset: line, uncentered, plane, sigmoid, relu, hard-sigmoid, classes, wiggle.
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,

    /// Rows of the synthetic --dataset.
    #[arg(long, value_name = "ROWS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,

    /// Standard deviation of the Gaussian noise added to the synthetic --dataset.
    #[arg(long, value_name = "S")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noise: Option<f64>,

    /// Seed for synthetic data, mini-batch shuffles and `--init random` (default 0).
    #[arg(long, value_name = "S")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,

    /// linear, sigmoid, relu, logistic, sigmoids:K, relus:K or mlp:H1[,H2,…] (default linear).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,

    /// Activation of an mlp's hidden layers: sigmoid, tanh or relu (default tanh).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<String>,

    /// mse, half-mse, mae or bce (default mse).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss: Option<String>,

    /// gd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default gd).
    #[arg(long, value_name = "NAME")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<String>,

    /// Learning rate η (default 0.01).
    #[arg(long, value_name = "ETA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lr: Option<f64>,

    /// constant, step:EVERY:FACTOR, cosine:STEPS or warmup:STEPS (default constant).
    #[arg(long, value_name = "SCHEDULE")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,

    /// μ for momentum and nesterov (default 0.9).
    #[arg(long, value_name = "MU")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub momentum: Option<f64>,

    /// α for rmsprop (default 0.99).
    #[arg(long, value_name = "ALPHA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,

    /// β1 for adam (default 0.9).
    #[arg(long, value_name = "B1")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta1: Option<f64>,

    /// β2 for adam (default 0.999).
    #[arg(long, value_name = "B2")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta2: Option<f64>,

    /// ε for adagrad (default 1e-10), rmsprop, adam and adamw (default 1e-8).
    #[arg(long, value_name = "EPS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eps: Option<f64>,

    /// λ, the decoupled weight decay of adamw (default 0.01).
    #[arg(long, value_name = "LAMBDA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_decay: Option<f64>,

    /// λ₂ of the L2 penalty (λ₂/2)·Σw² on the weights, not the biases (default 0).
    #[arg(long, value_name = "LAMBDA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l2: Option<f64>,

    /// λ₁ of the L1 penalty λ₁·Σ|w| on the weights, not the biases (default 0).
    #[arg(long, value_name = "LAMBDA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l1: Option<f64>,

    /// Hold out this share of the rows (0 ≤ F < 1, drawn by --seed; 0 holds none out) as a
    /// test set that never moves the parameters; its loss is the `test_loss` column.
    #[arg(long, value_name = "F")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_fraction: Option<f64>,

    /// A CSV file of test rows, with the same columns as the data; its loss is the
    /// `test_loss` column.
    #[arg(long, value_name = "FILE.csv")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<PathBuf>,

    /// Feature scaling before the model: raw, center (x − mean) or standardize
    /// ((x − mean)/std), per feature over the rows (default raw).
    #[arg(long, value_name = "HOW")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,

    /// Rows per update, reshuffled each epoch (default: all rows).
    #[arg(long, value_name = "B")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<usize>,

    /// Starting values, e.g. `w=0.5,b=0`, or `random`; unnamed parameters use the model's defaults.
    #[arg(long, value_name = "NAME=V,...")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init: Option<String>,

    /// Parameters that keep their starting value, e.g. `b`.
    #[arg(long, value_name = "NAME,...")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freeze: Option<String>,

    /// Converged when the gradient norm is at most this; 0 disables (default 1e-6).
    #[arg(long, value_name = "TOL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,

    /// Diverged when the loss exceeds this × max(starting loss, 1) (default 1e6).
    #[arg(long, value_name = "F")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diverge_factor: Option<f64>,

    /// Most updates to take (default 100).
    #[arg(long, value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,

    /// The landscape's plane in the interactive view: params:NAME,NAME, random[:SEED] or
    /// pca (default: the first two parameters).
    #[arg(long, value_name = "PLANE")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plane: Option<String>,

    /// Inline data rows (scenario files only).
    #[arg(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
}

/// A set-up a lesson's caption asks for besides its own: the options it changes (the
/// others are the lesson's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The model, as `--model` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The loss, as `--loss` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss: Option<String>,
    /// The optimizer, as `--optimizer` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<String>,
    /// An `mlp`'s hidden activation, as `--activation` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<String>,
    /// λ₂ of the L2 penalty, as `--l2` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l2: Option<f64>,
    /// λ₁ of the L1 penalty, as `--l1` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l1: Option<f64>,
    /// The feature scaling, as `--scale` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The surface, as `--surface` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surface: Option<String>,
}

impl Variant {
    /// The set-up `layer` describes, every option the caption depends on filled in with
    /// its default where the layer leaves it out.
    pub fn of(layer: &Scenario) -> Variant {
        Variant {
            model: Some(layer.model.clone().unwrap_or_else(|| "linear".into())),
            loss: Some(layer.loss.clone().unwrap_or_else(|| "mse".into())),
            optimizer: Some(layer.optimizer.clone().unwrap_or_else(|| "gd".into())),
            activation: Some(layer.activation.clone().unwrap_or_else(|| "tanh".into())),
            l2: Some(layer.l2.unwrap_or(0.0)),
            l1: Some(layer.l1.unwrap_or(0.0)),
            scale: Some(layer.scale.clone().unwrap_or_else(|| "raw".into())),
            surface: layer.surface.clone(),
        }
    }

    /// This variant, what it leaves out taken from `base`.
    pub fn over(&self, base: &Variant) -> Variant {
        Variant {
            model: self.model.clone().or_else(|| base.model.clone()),
            loss: self.loss.clone().or_else(|| base.loss.clone()),
            optimizer: self.optimizer.clone().or_else(|| base.optimizer.clone()),
            activation: self.activation.clone().or_else(|| base.activation.clone()),
            l2: self.l2.or(base.l2),
            l1: self.l1.or(base.l1),
            scale: self.scale.clone().or_else(|| base.scale.clone()),
            surface: self.surface.clone().or_else(|| base.surface.clone()),
        }
    }
}

/// Data written into a scenario file: a header and rows of numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    /// Column names; the target is `y` unless `target` says otherwise.
    pub columns: Vec<String>,
    /// One array of numbers per row, in column order.
    pub rows: Vec<Vec<f64>>,
}

impl Points {
    /// The rows of `data` in their own units (before any feature scaling), under their
    /// names: how edited or reseeded data is written into a scenario.
    pub fn of(data: &crate::engine::Dataset) -> Points {
        let mut columns = data.features.clone();
        columns.push(data.target.clone());
        let rows = data
            .original_x()
            .rows()
            .into_iter()
            .zip(data.y_slice())
            .map(|(x, &y)| x.iter().copied().chain([y]).collect())
            .collect();
        Points { columns, rows }
    }
}

impl Scenario {
    /// True when this layer says where the data comes from.
    fn has_data_source(&self) -> bool {
        self.data.is_some()
            || self.dataset.is_some()
            || self.points.is_some()
            || self.surface.is_some()
    }

    /// This layer on top of `base`: each option set here wins.
    ///
    /// Some options travel as a group. A layer that names a data source replaces the
    /// base's data source whole, so a lesson's inline points never linger under
    /// `--data`, and neither do its target, description and caption. A layer that names a model
    /// or a data source drops the base's `init` and `freeze`, which were written for the
    /// base's parameters and data. A synthetic dataset's `n` and `noise` and a test set
    /// (`test-fraction` or `test`, either replacing the other) go with the data too, and
    /// a surface keeps none of the base's options about data, model or loss.
    pub fn over(mut self, base: Scenario) -> Scenario {
        let base_data = !self.has_data_source();
        let base_params = self.model.is_none() && base_data;
        let own_test = self.test.is_some() || self.test_fraction.is_some();
        // A surface is its own loss: a base's model, loss, scaling, penalty and batches
        // are of data it does not have.
        let own_loss = (self.surface.is_some()).then(|| {
            (
                (
                    self.model.clone(),
                    self.loss.clone(),
                    self.activation.clone(),
                ),
                (self.scale.clone(), self.l2, self.l1, self.batch_size),
            )
        });
        macro_rules! fill {
            ($($field:ident),* $(,)?) => { $( if self.$field.is_none() { self.$field = base.$field; } )* };
        }
        fill!(
            preset,
            seed,
            model,
            activation,
            loss,
            optimizer,
            lr,
            schedule,
            momentum,
            alpha,
            beta1,
            beta2,
            eps,
            weight_decay,
            l2,
            l1,
            scale,
            batch_size,
            tolerance,
            diverge_factor,
            steps,
            theme,
        );
        if base_data {
            // A lesson's words are about its data; on other data they would mislead. The
            // target is a column of that data, so it goes with it too.
            fill!(
                description,
                description_zh,
                caption,
                caption_zh,
                caption_also,
                questions,
                target,
                n,
                noise
            );
            if !own_test {
                fill!(test, test_fraction);
            }
            self.data = base.data;
            self.dataset = base.dataset;
            self.points = base.points;
            self.surface = base.surface;
        }
        if let Some(((model, loss, activation), (scale, l2, l1, batch))) = own_loss {
            (self.model, self.loss, self.activation) = (model, loss, activation);
            (self.scale, self.l2, self.l1, self.batch_size) = (scale, l2, l1, batch);
        }
        if base_params {
            fill!(init, freeze);
        }
        // Two parameters' names belong to the base's model; directions fit any model.
        if self.plane.is_none()
            && (base_params
                || !base
                    .plane
                    .as_deref()
                    .is_some_and(|p| p.trim_start().starts_with("params")))
        {
            self.plane = base.plane;
        }
        self
    }

    /// True when the option spelled `key` (kebab-case) is set in this layer.
    pub fn is_set(&self, key: &str) -> bool {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_object().map(|o| o.contains_key(key)))
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_layer_wins_option_by_option() {
        let base = Scenario {
            lr: Some(1.0),
            steps: Some(5),
            ..Default::default()
        };
        let top = Scenario {
            lr: Some(0.5),
            ..Default::default()
        };
        let merged = top.over(base);
        assert_eq!((merged.lr, merged.steps), (Some(0.5), Some(5)));
    }

    #[test]
    fn a_new_data_source_replaces_the_old_one_whole() {
        let base = Scenario {
            dataset: Some("line".into()),
            n: Some(10),
            points: Some(Points {
                columns: vec!["x".into(), "y".into()],
                rows: vec![vec![1.0, 2.0]],
            }),
            ..Default::default()
        };
        let top = Scenario {
            data: Some("a.csv".into()),
            ..Default::default()
        };
        let merged = top.over(base);
        assert_eq!(merged.data, Some("a.csv".into()));
        assert_eq!((merged.dataset, merged.points), (None, None));
        let with_target = Scenario {
            target: Some("price".into()),
            data: Some("b.csv".into()),
            ..Default::default()
        };
        let over_data = Scenario {
            dataset: Some("line".into()),
            ..Default::default()
        };
        assert_eq!(over_data.over(with_target.clone()).target, None);
        let over_options = Scenario {
            lr: Some(0.1),
            ..Default::default()
        };
        assert_eq!(
            over_options.over(with_target).target.as_deref(),
            Some("price")
        );
    }

    #[test]
    fn a_new_model_drops_the_old_start_and_freeze() {
        let base = Scenario {
            init: Some("w1=0.5".into()),
            freeze: Some("b".into()),
            ..Default::default()
        };
        let top = Scenario {
            model: Some("sigmoid".into()),
            ..Default::default()
        };
        let merged = top.over(base.clone());
        assert_eq!((merged.init, merged.freeze), (None, None));
        let with_data = Scenario {
            dataset: Some("line".into()),
            ..Default::default()
        };
        assert_eq!(with_data.over(base.clone()).init, None);
        let merged = Scenario::default().over(base);
        assert_eq!(merged.init.as_deref(), Some("w1=0.5"));
    }

    #[test]
    fn is_set_uses_the_option_spelling() {
        let s = Scenario {
            diverge_factor: Some(10.0),
            ..Default::default()
        };
        assert!(s.is_set("diverge-factor"));
        assert!(!s.is_set("lr"));
    }
}
