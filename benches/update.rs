//! The cost of one full-batch update, and of one loss + gradient evaluation.
//!
//! Run with `cargo bench --bench update`. Data are synthetic and deterministic
//! (seeded ChaCha), built once per benchmark outside the timed region.
//!
//! * `step_*`: one [`Trainer::step`] from a trainer standing at the start. A full-batch
//!   step reuses the gradient the current state already holds, applies the update and
//!   evaluates L and ∇L at the new point, so it costs one `Objective::evaluate` plus
//!   O(k) bookkeeping. Each iteration steps its own clone of a fresh trainer (history
//!   of one state; the clone bumps an `Arc` and copies a few `k`-vectors, and runs
//!   outside the timed region anyway).
//! * `evaluate_sigmoid`: `Objective::evaluate` alone, for comparison with `step_sigmoid`.
//! * `step_mlp`: one full-batch update of `mlp:16,16` (tanh, `mse`) on the built-in
//!   `plane` dataset (two features), from the network's seeded start.

use std::sync::Arc;

use divan::Bencher;
use downhill::engine::{
    Activation, Config, Dataset, Loss, Model, Objective, Optimizer, OptimizerKind, Schedule,
    Trainer,
};
use ndarray::{Array1, Array2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

fn main() {
    divan::main();
}

/// N rows of x uniform in [−4, 4], y = f(x) + N(0, 0.1²); the same rows for every run.
fn dataset(rows: usize, f: impl Fn(f64) -> f64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let noise = Normal::new(0.0, 0.1).expect("a valid normal");
    let x: Vec<f64> = (0..rows).map(|_| rng.random_range(-4.0..4.0)).collect();
    let y: Vec<f64> = x.iter().map(|&x| f(x) + noise.sample(&mut rng)).collect();
    let x = Array2::from_shape_vec((rows, 1), x).expect("rows × 1");
    Dataset::new(x, Array1::from(y), vec!["x".into()], "y").expect("finite synthetic data")
}

fn sigmoid_objective(rows: usize) -> Objective {
    let data = dataset(rows, |x| 3.0 / (1.0 + (-(1.5 * x - 0.5)).exp()));
    Objective::new(data, Model::Neuron(Activation::Sigmoid), Loss::Mse).expect("valid pair")
}

fn linear_objective(rows: usize) -> Objective {
    let data = dataset(rows, |x| 2.0 * x - 1.0);
    Objective::new(data, Model::Linear { features: 1 }, Loss::Mse).expect("valid pair")
}

fn mlp_objective(rows: usize) -> Objective {
    let data = downhill::data::synthetic::generate("plane", Some(rows), None, 0)
        .expect("a built-in dataset");
    let model = Model::parse_with("mlp:16,16", 2, Activation::Tanh).expect("a valid network");
    Objective::new(data, model, Loss::Mse).expect("valid pair")
}

/// Plain gradient descent with the CLI's defaults, never stopping on its own.
fn trainer(objective: Objective) -> Trainer {
    let n = objective.n_params();
    let start = Array1::from(objective.model().default_params());
    let config = Config {
        optimizer: Optimizer::new(OptimizerKind::Gd),
        lr: 0.01,
        schedule: Schedule::Constant,
        batch_size: None,
        frozen: vec![false; n],
        tolerance: 0.0,
        diverge_factor: 1e6,
        seed: 0,
    };
    Trainer::new(Arc::new(objective), config, start).expect("start matches the model")
}

/// Times one step of a fresh clone of `fresh` per iteration.
fn bench_step(bencher: Bencher, fresh: Trainer) {
    bencher.with_inputs(|| fresh.clone()).bench_local_refs(|t| {
        t.step().expect("gd at η = 0.01 does not diverge here");
    });
}

/// One full-batch update of `linear` + `mse` (O(k²) sufficient statistics).
#[divan::bench(args = [1_000, 100_000, 1_000_000], sample_count = 50, max_time = 2)]
fn step_linear(bencher: Bencher, rows: usize) {
    bench_step(bencher, trainer(linear_objective(rows)));
}

/// One full-batch update of `sigmoid` + `mse` (one pass over the rows).
#[divan::bench(args = [1_000, 100_000, 1_000_000], sample_count = 50, max_time = 2)]
fn step_sigmoid(bencher: Bencher, rows: usize) {
    bench_step(bencher, trainer(sigmoid_objective(rows)));
}

/// L and ∇L of `sigmoid` + `mse` at w = 1, b = 0, c = 1.
#[divan::bench(args = [1_000, 100_000, 1_000_000], sample_count = 50, max_time = 2)]
fn evaluate_sigmoid(bencher: Bencher, rows: usize) {
    let objective = sigmoid_objective(rows);
    let theta = [1.0, 0.0, 1.0];
    bencher.bench_local(|| objective.evaluate(divan::black_box(&theta)));
}

/// One full-batch update of `mlp:16,16` (tanh) + `mse` (block backpropagation).
#[divan::bench(args = [1_000, 100_000], sample_count = 50, max_time = 2)]
fn step_mlp(bencher: Bencher, rows: usize) {
    bench_step(bencher, trainer(mlp_objective(rows)));
}
