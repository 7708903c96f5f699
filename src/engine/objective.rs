//! The function being minimised: a loss of a model's predictions over a dataset.

use std::sync::Arc;

use ndarray::Array1;
use rayon::prelude::*;

use super::backprop;
use super::dataset::Dataset;
use super::error::Error;
use super::kernels;
use super::linear_stats::LinearStats;
use super::loss::{Loss, bce_from_logit};
use super::mlp::Mlp;
use super::model::{Activation, Model, logit};
use super::penalty::Penalty;
use super::surface::Surface;

/// Rows summed in one piece; partial sums are combined in a fixed order so results
/// are bit-identical whether or not the pieces ran on several cores.
const CHUNK_ROWS: usize = 4096;

/// The most parameters whose Hessian is formed whole (2·n gradients and an n×n
/// eigen-solve, or the exact matrix of a quadratic loss); above this, curvature comes from
/// Lanczos iteration on Hessian-vector products, which never holds an n×n matrix.
pub const DENSE_MAX_PARAMS: usize = 64;

/// From this many rows up, the pieces run on every core.
pub const PARALLEL_MIN_ROWS: usize = 10_000;

/// A dataset, a model and a loss: L(θ) and ∇L(θ).
#[derive(Debug, Clone)]
pub struct Objective {
    data: Dataset,
    model: Model,
    loss: Loss,
    /// Present for `linear` with `mse`/`half-mse` while it has at most
    /// [`DENSE_MAX_PARAMS`] parameters: the whole-data loss in O(k²). Its k×k moments
    /// would outgrow the data on wide inputs, so those take row passes.
    stats: Option<LinearStats>,
    /// The penalty on the weights (none unless [`Objective::with_penalty`] sets one).
    penalty: Penalty,
    /// The indices of the weights, the parameters the penalty counts.
    weights: Vec<usize>,
    /// The same model, loss and penalty on held-out rows, which never move θ.
    test: Option<Arc<Objective>>,
}

/// A loss value with its gradient, both at one parameter vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// L(θ).
    pub loss: f64,
    /// ∇L(θ), in parameter order.
    pub grad: Array1<f64>,
}

/// Sums over some rows, before dividing by their count.
struct Partial {
    loss: f64,
    grad: Vec<f64>,
}

impl Objective {
    /// Pairs data, model and loss, rejecting combinations the loss is not defined for.
    pub fn new(data: Dataset, model: Model, loss: Loss) -> Result<Self, Error> {
        if data.n_features() != model.n_features() {
            return Err(Error::Features {
                model: model.to_string(),
                expected: model.n_features(),
                got: data.n_features(),
            });
        }
        let model = model.with_output_for(loss == Loss::Bce);
        if loss == Loss::Bce {
            if !model.takes_bce() {
                return Err(Error::BceModel {
                    model: model.to_string(),
                });
            }
            if let Some(i) = data.y.iter().position(|&y| y != 0.0 && y != 1.0) {
                return Err(Error::BceTargets {
                    row: i + 1,
                    target: data.target.clone(),
                    value: data.y[i],
                });
            }
        }
        let quadratic = model.is_linear() && matches!(loss, Loss::Mse | Loss::HalfMse);
        let stats = (quadratic && model.n_params() <= DENSE_MAX_PARAMS)
            .then(|| LinearStats::new(&data))
            .flatten();
        let mut weights: Vec<usize> = model.weight_blocks().into_iter().flatten().collect();
        weights.sort_unstable();
        Ok(Self {
            data,
            model,
            loss,
            stats,
            penalty: Penalty::NONE,
            weights,
            test: None,
        })
    }

    /// L(x, y) = f(x, y) of a textbook surface, trained on directly: no data (one
    /// placeholder row stands in, which nothing reads), no loss of predictions.
    pub fn surface(surface: Surface) -> Objective {
        let placeholder = Dataset::new(
            ndarray::Array2::zeros((1, 1)),
            Array1::zeros(1),
            vec!["none".to_owned()],
            "f",
        )
        .expect("one finite row");
        Objective::new(placeholder, Model::Surface(surface), Loss::Mse)
            .expect("a surface takes its placeholder row")
    }

    /// The surface trained on, when the loss is one (`--surface`).
    pub fn as_surface(&self) -> Option<Surface> {
        match self.model {
            Model::Surface(s) => Some(s),
            _ => None,
        }
    }

    /// This objective with `rows` held out as its test set: the same model, loss and
    /// penalty on them give the test loss, and they never move θ. The rows must have
    /// this data's features, through the same scaling (see [`Dataset::with_rows`]).
    pub fn with_test(mut self, rows: Dataset) -> Result<Self, Error> {
        if rows.features != self.data.features {
            return Err(Error::TestColumns {
                train: self.data.features.join(", "),
                test: rows.features.join(", "),
            });
        }
        let test = Objective::new(rows, self.model, self.loss)?.with_penalty(self.penalty)?;
        self.test = Some(Arc::new(test));
        Ok(self)
    }

    /// The objective on the held-out rows, if there are any.
    pub fn test(&self) -> Option<&Arc<Objective>> {
        self.test.as_ref()
    }

    /// L on the held-out rows at `theta` (the penalty included, so that both losses are
    /// the same function on different rows); `None` without a test set.
    pub fn test_loss(&self, theta: &[f64]) -> Option<f64> {
        self.test.as_ref().map(|t| t.loss_at(theta))
    }

    /// This objective with `penalty` on its weights added to the loss; refused unless
    /// each λ is a finite number ≥ 0.
    pub fn with_penalty(mut self, penalty: Penalty) -> Result<Self, Error> {
        penalty.check()?;
        self.penalty = penalty;
        if let Some(test) = self.test.take() {
            let test = test.as_ref().clone().with_penalty(penalty)?;
            self.test = Some(Arc::new(test));
        }
        Ok(self)
    }

    /// The penalty on the weights.
    pub fn penalty(&self) -> Penalty {
        self.penalty
    }

    /// The indices of the weights: the parameters a penalty counts (biases are not).
    pub fn weights(&self) -> &[usize] {
        &self.weights
    }

    /// ∇L without the L1 term, the gradient curvature is taken from: |w| has no
    /// curvature away from 0 and a kink at 0, where a finite difference across it would
    /// report λ₁/h of curvature that no step feels.
    pub fn smooth_gradient(&self, theta: &[f64]) -> Array1<f64> {
        if self.penalty.l1 == 0.0 {
            return self.evaluate(theta).grad;
        }
        let mut grad = self.evaluate_data(theta).grad;
        let smooth = Penalty {
            l1: 0.0,
            ..self.penalty
        };
        let g = grad.as_slice_mut().expect("contiguous");
        smooth.add_gradient(theta, &self.weights, g);
        grad
    }

    /// True when the whole-data loss comes from sufficient statistics, at a cost that
    /// does not grow with the rows.
    pub fn has_stats(&self) -> bool {
        self.stats.is_some()
    }

    /// `e` with the penalty's value and slope at `theta` added (unchanged without one).
    fn penalised(&self, theta: &[f64], mut e: Evaluation) -> Evaluation {
        if !self.penalty.is_none() {
            e.loss += self.penalty.value(theta, &self.weights);
            let grad = e.grad.as_slice_mut().expect("contiguous");
            self.penalty.add_gradient(theta, &self.weights, grad);
        }
        e
    }

    /// The data being fitted.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The model being fitted.
    pub fn model(&self) -> Model {
        self.model
    }

    /// The loss being minimised.
    pub fn loss(&self) -> Loss {
        self.loss
    }

    /// Number of parameters.
    pub fn n_params(&self) -> usize {
        self.model.n_params()
    }

    /// True when L is quadratic in θ (`linear` with `mse`/`half-mse`, an L2 penalty
    /// allowed, an L1 one not), so its Hessian is constant.
    pub fn is_quadratic(&self) -> bool {
        if let Some(s) = self.as_surface() {
            return s.is_quadratic();
        }
        self.model.is_linear()
            && matches!(self.loss, Loss::Mse | Loss::HalfMse)
            && self.penalty.l1 == 0.0
    }

    /// H·v, the Hessian of L at `theta` times `v`: exact for a quadratic loss (one pass
    /// over the rows, H = c·mean(x̃x̃ᵀ) with x̃ = (x, 1) and c = 2 for `mse`, 1 for
    /// `half-mse`), otherwise a central difference of ∇L (without an L1 term, see
    /// [`Objective::smooth_gradient`]) along `v`,
    /// (∇L(θ + h·v) − ∇L(θ − h·v)) / 2h with h = 1e-5·max(1, ‖θ‖)/‖v‖.
    pub fn hessian_times(&self, theta: &[f64], v: &[f64]) -> Vec<f64> {
        if let Some(s) = self.as_surface() {
            let h = s.hessian(theta[0], theta[1]);
            return vec![
                h[0][0] * v[0] + h[0][1] * v[1],
                h[1][0] * v[0] + h[1][1] * v[1],
            ];
        }
        if self.is_quadratic() {
            return self.quadratic_hessian_times(v);
        }
        let v_norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if v_norm == 0.0 {
            return vec![0.0; v.len()];
        }
        let theta_norm = theta.iter().map(|x| x * x).sum::<f64>().sqrt();
        let h = 1e-5 * theta_norm.max(1.0) / v_norm;
        let at = |s: f64| {
            let p: Vec<f64> = theta.iter().zip(v).map(|(t, d)| t + s * d).collect();
            self.smooth_gradient(&p)
        };
        let (up, down) = (at(h), at(-h));
        up.iter()
            .zip(&down)
            .map(|(u, d)| (u - d) / (2.0 * h))
            .collect()
    }

    /// c·mean(x̃(x̃·v)) by one pass over the rows: H·v of a quadratic loss.
    fn quadratic_hessian_times(&self, v: &[f64]) -> Vec<f64> {
        let k = self.data.n_features();
        let c = if self.loss == Loss::Mse { 2.0 } else { 1.0 };
        let mut out = vec![0.0; k + 1];
        for x in self.data.x_slice().chunks_exact(k) {
            let t = x.iter().zip(v).map(|(a, b)| a * b).sum::<f64>() + v[k];
            out.iter_mut().zip(x).for_each(|(o, a)| *o += a * t);
            out[k] += t;
        }
        let scale = c / self.data.len() as f64;
        out.iter_mut().for_each(|o| *o *= scale);
        // The L2 penalty's Hessian: λ₂ on each weight's diagonal.
        for &i in &self.weights {
            out[i] += self.penalty.l2 * v[i];
        }
        out
    }

    /// True when every ReLU unit is dead at `theta`: w·x + b ≤ 0 on every row, so no
    /// row gives any unit a gradient. False for models without ReLU units.
    pub fn all_units_dead(&self, theta: &[f64]) -> bool {
        // (w, b) of each unit: `relu` is (w, b, c); `relus:K` is K × (w, b, c) then b0.
        let units: Vec<(f64, f64)> = match self.model {
            Model::Neuron(Activation::Relu) => vec![(theta[0], theta[1])],
            Model::Sum {
                activation: Activation::Relu,
                units,
            } => (0..units)
                .map(|k| (theta[3 * k], theta[3 * k + 1]))
                .collect(),
            _ => return false,
        };
        let xs = self.data.x_slice();
        units
            .iter()
            .all(|&(w, b)| xs.iter().all(|&x| w * x + b <= 0.0))
    }

    /// True when every point with a zero gradient is a global minimum: a linear model
    /// with `mse`, `half-mse` or `mae`, and `logistic` with `bce` (each loss is convex in
    /// the parameters there).
    pub fn is_convex(&self) -> bool {
        if let Some(s) = self.as_surface() {
            return matches!(s, Surface::Quadratic { .. });
        }
        matches!(
            (self.model, self.loss),
            (Model::Linear { .. }, Loss::Mse | Loss::HalfMse | Loss::Mae)
                | (Model::Logistic { .. }, Loss::Bce)
        )
    }

    /// True when [`Objective::quadratic_hessian`] has a matrix to give, without forming it.
    pub fn has_quadratic_hessian(&self) -> bool {
        (self.stats.is_some() || self.as_surface().is_some()) && self.is_quadratic()
    }

    /// The constant Hessian of a quadratic loss with at most [`DENSE_MAX_PARAMS`]
    /// parameters; `None` otherwise.
    pub fn quadratic_hessian(&self) -> Option<ndarray::Array2<f64>> {
        if !self.is_quadratic() {
            return None;
        }
        if let Some(s) = self.as_surface() {
            return Some(ndarray::Array2::from_shape_fn((2, 2), |(i, j)| {
                s.hessian(0.0, 0.0)[i][j]
            }));
        }
        let scale = match self.loss {
            Loss::Mse => 2.0,
            _ => 1.0,
        };
        let mut h = self.stats.as_ref()?.second_moment() * scale;
        for &i in &self.weights {
            h[[i, i]] += self.penalty.l2;
        }
        Some(h)
    }

    /// The exact minimiser of a quadratic loss over the free parameters, the frozen ones
    /// held at `theta`'s values; `None` for other losses, a singular Hessian, or more
    /// than [`DENSE_MAX_PARAMS`] parameters.
    ///
    /// One Newton step is exact on a quadratic: θ_f* = θ_f − H_ff⁻¹·∇_f L(θ).
    pub fn quadratic_minimizer(&self, theta: &[f64], frozen: &[bool]) -> Option<Array1<f64>> {
        let h = self.quadratic_hessian()?;
        let free: Vec<usize> = (0..theta.len()).filter(|&i| !frozen[i]).collect();
        let grad = self.evaluate(theta).grad;
        let h_ff = nalgebra::DMatrix::from_fn(free.len(), free.len(), |i, j| h[[free[i], free[j]]]);
        let g_f = nalgebra::DVector::from_fn(free.len(), |i, _| grad[free[i]]);
        let step = h_ff.cholesky()?.solve(&g_f);
        let mut out = Array1::from(theta.to_vec());
        for (i, &p) in free.iter().enumerate() {
            out[p] -= step[i];
        }
        out.iter().all(|v| v.is_finite()).then_some(out)
    }

    /// L and ∇L over all rows, the penalty included.
    pub fn evaluate(&self, theta: &[f64]) -> Evaluation {
        self.penalised(theta, self.evaluate_data(theta))
    }

    /// L and ∇L of the data alone, over all rows.
    fn evaluate_data(&self, theta: &[f64]) -> Evaluation {
        if let Some(s) = self.as_surface() {
            let (loss, grad) = s.value_and_gradient(theta[0], theta[1]);
            return Evaluation {
                loss,
                grad: Array1::from(grad.to_vec()),
            };
        }
        match &self.stats {
            Some(stats) => {
                let (loss, grad) = stats.mse_and_gradient(theta);
                if self.loss == Loss::HalfMse {
                    Evaluation {
                        loss: 0.5 * loss,
                        grad: grad * 0.5,
                    }
                } else {
                    Evaluation { loss, grad }
                }
            }
            None => self.row_by_row(theta),
        }
    }

    /// L over all rows, the same bits as [`Objective::evaluate`]'s: for an `mlp` by
    /// the forward pass alone (about a third of the work), which is what a landscape
    /// slice needs.
    pub fn loss_at(&self, theta: &[f64]) -> f64 {
        let (Model::Mlp(mlp), None) = (self.model, &self.stats) else {
            return self.evaluate(theta).loss;
        };
        let data = self.mlp_loss(mlp, theta);
        if self.penalty.is_none() {
            return data;
        }
        data + self.penalty.value(theta, &self.weights)
    }

    /// The data's L of an `mlp` by the forward pass alone.
    fn mlp_loss(&self, mlp: Mlp, theta: &[f64]) -> f64 {
        let n = self.data.len();
        let k = self.data.n_features();
        let (xs, ys) = (self.data.x_slice(), self.data.y_slice());
        let piece = |c: usize| {
            let rows = c * CHUNK_ROWS..((c + 1) * CHUNK_ROWS).min(n);
            let (x, y) = (&xs[rows.start * k..rows.end * k], &ys[rows]);
            if self.loss == Loss::Bce {
                backprop::loss_only(&mlp, theta, x, y, bce_from_logit)
            } else {
                let loss = self.loss;
                backprop::loss_only(&mlp, theta, x, y, |y, z| loss.value_and_slope(y, z))
            }
        };
        let chunks = n.div_ceil(CHUNK_ROWS);
        let partials: Vec<f64> = if n >= PARALLEL_MIN_ROWS {
            (0..chunks).into_par_iter().map(piece).collect()
        } else {
            (0..chunks).map(piece).collect()
        };
        // Summed as `mean_of` sums the partial losses.
        partials.into_iter().fold(0.0, |total, l| total + l) / n as f64
    }

    /// L and ∇L over all rows, the penalty included, by one pass over them even where a
    /// shortcut exists.
    pub fn evaluate_row_by_row(&self, theta: &[f64]) -> Evaluation {
        self.penalised(theta, self.row_by_row(theta))
    }

    /// The data's L and ∇L by one pass over the rows.
    fn row_by_row(&self, theta: &[f64]) -> Evaluation {
        let n = self.data.len();
        let k = self.data.n_features();
        let (xs, ys) = (self.data.x_slice(), self.data.y_slice());
        let piece = |c: usize| {
            let rows = c * CHUNK_ROWS..((c + 1) * CHUNK_ROWS).min(n);
            self.sum_chunk(theta, &xs[rows.start * k..rows.end * k], &ys[rows])
        };
        let chunks = n.div_ceil(CHUNK_ROWS);
        let partials: Vec<Partial> = if n >= PARALLEL_MIN_ROWS {
            (0..chunks).into_par_iter().map(piece).collect()
        } else {
            (0..chunks).map(piece).collect()
        };
        self.mean_of(partials, n)
    }

    /// L and ∇L over the rows listed in `rows` (a mini-batch), the penalty included.
    ///
    /// Each chunk of rows is copied out first so that the same loop as the full pass
    /// runs over it; listing every row in order gives the full pass's bits.
    pub fn evaluate_rows(&self, theta: &[f64], rows: &[usize]) -> Evaluation {
        self.penalised(theta, self.rows_data(theta, rows))
    }

    /// The data's L and ∇L over the rows listed in `rows`.
    fn rows_data(&self, theta: &[f64], rows: &[usize]) -> Evaluation {
        if self.as_surface().is_some() {
            return self.evaluate_data(theta);
        }
        let k = self.data.n_features();
        let (xs, ys) = (self.data.x_slice(), self.data.y_slice());
        let piece = |chunk: &[usize]| {
            let x: Vec<f64> = chunk
                .iter()
                .flat_map(|&i| &xs[i * k..(i + 1) * k])
                .copied()
                .collect();
            let y: Vec<f64> = chunk.iter().map(|&i| ys[i]).collect();
            self.sum_chunk(theta, &x, &y)
        };
        let partials: Vec<Partial> = if rows.len() >= PARALLEL_MIN_ROWS {
            rows.par_chunks(CHUNK_ROWS).map(piece).collect()
        } else {
            rows.chunks(CHUNK_ROWS).map(piece).collect()
        };
        self.mean_of(partials, rows.len())
    }

    fn mean_of(&self, partials: Vec<Partial>, count: usize) -> Evaluation {
        let mut loss = 0.0;
        let mut grad = Array1::zeros(self.n_params());
        for p in partials {
            loss += p.loss;
            grad.iter_mut().zip(&p.grad).for_each(|(g, s)| *g += s);
        }
        let n = count as f64;
        Evaluation {
            loss: loss / n,
            grad: grad / n,
        }
    }

    /// Sums l and ∇l over the rows of one chunk: `xs` row-major, `ys` their targets.
    fn sum_chunk(&self, theta: &[f64], xs: &[f64], ys: &[f64]) -> Partial {
        let k = self.data.n_features();
        match (self.model, self.loss) {
            (Model::Mlp(mlp), _) => self.mlp_chunk(mlp, theta, xs, ys),
            (Model::Neuron(act), Loss::Mse | Loss::HalfMse) if act != Activation::Tanh => {
                let scale = if self.loss == Loss::Mse { 1.0 } else { 0.5 };
                let (loss, grad) = kernels::neuron_squared(act, theta, xs, ys, scale);
                Partial {
                    loss,
                    grad: grad.to_vec(),
                }
            }
            (_, Loss::Bce) => {
                // Logistic only (checked in `new`): work on the logit so ln never sees 0.
                let (mut loss, mut grad) = (0.0, vec![0.0; k + 1]);
                for (x, &y) in xs.chunks_exact(k).zip(ys) {
                    let (l, dz) = bce_from_logit(y, logit(theta, x, k));
                    loss += l;
                    grad.iter_mut().zip(x).for_each(|(g, &xj)| *g += dz * xj);
                    grad[k] += dz;
                }
                Partial { loss, grad }
            }
            _ => {
                let (mut loss, mut grad) = (0.0, vec![0.0; theta.len()]);
                let mut dy = vec![0.0; theta.len()];
                for (x, &y) in xs.chunks_exact(k).zip(ys) {
                    let y_hat = self.model.predict_with_gradient(theta, x, &mut dy);
                    let (l, slope) = self.loss.value_and_slope(y, y_hat);
                    loss += l;
                    grad.iter_mut().zip(&dy).for_each(|(g, d)| *g += slope * d);
                }
                Partial { loss, grad }
            }
        }
    }

    /// Sums l and ∇l over one chunk for an `mlp`: forward and backward passes over
    /// blocks of rows, layer by layer (`backprop`), from δ⁽ᴸ⁾ = ∂l/∂z⁽ᴸ⁾ (README,
    /// "Models"), which with `bce` is taken on the logit so ln never sees 0.
    fn mlp_chunk(&self, mlp: Mlp, theta: &[f64], xs: &[f64], ys: &[f64]) -> Partial {
        let (loss, grad) = if self.loss == Loss::Bce {
            backprop::loss_and_gradient(&mlp, theta, xs, ys, bce_from_logit)
        } else {
            let loss = self.loss;
            backprop::loss_and_gradient(&mlp, theta, xs, ys, |y, z| loss.value_and_slope(y, z))
        };
        Partial { loss, grad }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Activation;
    use crate::testing::{dataset, gradient_check};
    use proptest::prelude::*;

    /// Every model × loss pair the engine accepts, with its feature count.
    fn pairs() -> Vec<(Model, Loss)> {
        let models = [
            Model::Linear { features: 1 },
            Model::Linear { features: 2 },
            Model::Neuron(Activation::Sigmoid),
            Model::Neuron(Activation::Relu),
            Model::Logistic { features: 1 },
            Model::Sum {
                activation: Activation::Sigmoid,
                units: 2,
            },
            Model::Sum {
                activation: Activation::Relu,
                units: 3,
            },
        ];
        let mut pairs = Vec::new();
        for m in models {
            for l in [Loss::Mse, Loss::HalfMse, Loss::Mae] {
                pairs.push((m, l));
            }
        }
        pairs.push((Model::Logistic { features: 1 }, Loss::Bce));
        pairs.push((Model::Logistic { features: 2 }, Loss::Bce));
        pairs.push((Model::Logistic { features: 2 }, Loss::Mse));
        pairs
    }

    #[test]
    fn the_loss_alone_is_the_evaluations_loss_bit_for_bit() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        // One piece, several pieces, and several chunks on several cores.
        for rows in [7, 1_500, 20_000] {
            let xs: Vec<f64> = (0..rows * 2).map(|_| rng.random_range(-2.0..2.0)).collect();
            for act in [Activation::Tanh, Activation::Sigmoid, Activation::Relu] {
                for loss in [Loss::Mse, Loss::HalfMse, Loss::Mae, Loss::Bce] {
                    let ys: Vec<f64> = (0..rows)
                        .map(|i| match loss {
                            Loss::Bce => f64::from(xs[2 * i] * xs[2 * i + 1] > 0.0),
                            _ => xs[2 * i].sin(),
                        })
                        .collect();
                    let model = Model::parse_with("mlp:5,3", 2, act)
                        .unwrap()
                        .with_output_for(loss == Loss::Bce);
                    let obj = Objective::new(dataset(&xs, 2, &ys), model, loss).unwrap();
                    let theta = model.random_params(rows as u64);
                    let (fast, full) = (obj.loss_at(&theta), obj.evaluate(&theta).loss);
                    assert_eq!(fast.to_bits(), full.to_bits(), "{rows} {act:?} {loss}");
                }
            }
        }
        let linear = Objective::new(
            dataset(&[1.0, 2.0, 3.0], 1, &[1.0, 0.0, 2.0]),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap();
        assert_eq!(
            linear.loss_at(&[0.5, 0.1]),
            linear.evaluate(&[0.5, 0.1]).loss
        );
    }

    #[test]
    fn ridge_has_its_closed_form_minimiser() {
        // L = mean((y − w·x − b)²) + (λ/2)·w²: setting ∇L = 0 gives
        // [2·E[x²] + λ, 2·E[x]; 2·E[x], 2]·(w, b) = (2·E[xy], 2·E[y]).
        let xs = [0.5, 1.0, 2.0, 3.5, 4.0];
        let ys = [1.2, 1.9, 4.1, 6.8, 8.3];
        let lambda = 0.7;
        let obj = Objective::new(
            dataset(&xs, 1, &ys),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap()
        .with_penalty(Penalty {
            l2: lambda,
            l1: 0.0,
        })
        .unwrap();
        let n = xs.len() as f64;
        let mean = |f: &dyn Fn(usize) -> f64| (0..xs.len()).map(f).sum::<f64>() / n;
        let (ex, ey) = (mean(&|i| xs[i]), mean(&|i| ys[i]));
        let (exx, exy) = (mean(&|i| xs[i] * xs[i]), mean(&|i| xs[i] * ys[i]));
        let (a, b, c) = (2.0 * exx + lambda, 2.0 * ex, 2.0);
        let det = a * c - b * b;
        let w = (c * 2.0 * exy - b * 2.0 * ey) / det;
        let bias = (a * 2.0 * ey - b * 2.0 * exy) / det;
        let got = obj
            .quadratic_minimizer(&[0.0, 0.0], &[false, false])
            .unwrap();
        approx::assert_relative_eq!(got[0], w, max_relative = 1e-12);
        approx::assert_relative_eq!(got[1], bias, max_relative = 1e-12);
        // λ pulls w toward 0: the unpenalised slope is larger.
        let plain = Objective::new(
            dataset(&xs, 1, &ys),
            Model::Linear { features: 1 },
            Loss::Mse,
        )
        .unwrap();
        let free = plain
            .quadratic_minimizer(&[0.0, 0.0], &[false, false])
            .unwrap();
        assert!(free[0] > got[0] && got[0] > 0.0);
        // An L1 penalty is not quadratic: no Newton minimiser is claimed.
        let l1 = plain.with_penalty(Penalty { l2: 0.0, l1: 0.1 }).unwrap();
        assert!(!l1.is_quadratic() && l1.quadratic_minimizer(&[0.0, 0.0], &[false; 2]).is_none());
    }

    #[test]
    fn a_penalty_counts_once_in_every_evaluation_and_never_the_biases() {
        let xs: Vec<f64> = (0..40).map(|i| f64::from(i) / 10.0 - 2.0).collect();
        let ys: Vec<f64> = xs.iter().map(|x| (2.0 * x).sin()).collect();
        let model = Model::parse("mlp:3", 1).unwrap();
        let p = Penalty { l2: 0.3, l1: 0.05 };
        let plain = Objective::new(dataset(&xs, 1, &ys), model, Loss::Mse).unwrap();
        let obj = plain.clone().with_penalty(p).unwrap();
        let theta = model.random_params(4);
        let weights: Vec<usize> = (0..theta.len())
            .filter(|&i| !model.param_names()[i].starts_with('b'))
            .collect();
        assert_eq!(obj.weights(), weights.as_slice());
        let extra = p.value(&theta, &weights);
        let (with, without) = (obj.evaluate(&theta), plain.evaluate(&theta));
        approx::assert_relative_eq!(with.loss, without.loss + extra, max_relative = 1e-15);
        let all: Vec<usize> = (0..40).collect();
        assert_eq!(obj.evaluate_rows(&theta, &all), with);
        assert_eq!(obj.evaluate_row_by_row(&theta), with);
        assert_eq!(obj.loss_at(&theta).to_bits(), with.loss.to_bits());
        // A bias's slope is the data's alone.
        let b = model
            .param_names()
            .iter()
            .position(|n| n == "b1[2]")
            .unwrap();
        assert_eq!(with.grad[b], without.grad[b]);
    }

    /// True when some row sits within `margin` of a kink of |r| or max(0, z),
    /// where a finite difference straddles two slopes and proves nothing.
    /// `rows` rows for `model` from proptest's drawn values: features from the front,
    /// targets from index 20 on (0 or 1 for `bce`).
    fn drawn_rows(model: Model, loss: Loss, rows: usize, values: &[f64]) -> Dataset {
        let k = model.n_features();
        let ys: Vec<f64> = values[20..20 + rows]
            .iter()
            .map(|&v| {
                if loss == Loss::Bce {
                    f64::from(v > 0.0)
                } else {
                    v
                }
            })
            .collect();
        dataset(&values[..rows * k], k, &ys)
    }

    fn near_kink(obj: &Objective, theta: &[f64], margin: f64) -> bool {
        let data = obj.data();
        let k = data.n_features();
        data.x_slice()
            .chunks_exact(k)
            .zip(data.y.iter())
            .any(|(x, &y)| {
                let r = y - obj.model().predict(theta, x);
                let mae_kink = obj.loss() == Loss::Mae && r.abs() < margin;
                let relu_kink = match obj.model() {
                    Model::Neuron(Activation::Relu) => (theta[0] * x[0] + theta[1]).abs() < margin,
                    Model::Sum {
                        activation: Activation::Relu,
                        units,
                    } => {
                        (0..units).any(|u| (theta[3 * u] * x[0] + theta[3 * u + 1]).abs() < margin)
                    }
                    _ => false,
                };
                mae_kink || relu_kink
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// With L2 and L1 penalties too, away from a weight at 0 (where |w| has its kink).
        #[test]
        fn penalised_gradient_matches_finite_differences(
            pair in 0..24usize,
            rows in 1..8usize,
            seed_values in proptest::collection::vec(-3.0..3.0f64, 40),
            theta_values in proptest::collection::vec(-2.0..2.0f64, 10),
            l2 in 0.0..2.0f64,
            l1 in 0.0..1.0f64,
            scale in 0..3usize,
        ) {
            let (model, loss) = pairs()[pair];
            // Scaled features too: standardising needs two different values per feature.
            let data = drawn_rows(model, loss, rows, &seed_values).scaled(crate::engine::Scale::ALL[scale]);
            prop_assume!(data.is_ok());
            let obj = Objective::new(data.unwrap(), model, loss)
                .unwrap()
                .with_penalty(Penalty { l2, l1 })
                .unwrap();
            let theta = &theta_values[..model.n_params()];
            prop_assume!(!near_kink(&obj, theta, 1e-3));
            prop_assume!(obj.weights().iter().all(|&i| theta[i].abs() > 1e-3));
            gradient_check(&obj, theta).map_err(TestCaseError::fail)?;
        }

        /// Analytic gradients agree with central finite differences, for every pair.
        #[test]
        fn gradient_matches_finite_differences(
            pair in 0..24usize,
            rows in 1..8usize,
            seed_values in proptest::collection::vec(-3.0..3.0f64, 40),
            theta_values in proptest::collection::vec(-2.0..2.0f64, 10),
        ) {
            let (model, loss) = pairs()[pair];
            let obj = Objective::new(drawn_rows(model, loss, rows, &seed_values), model, loss).unwrap();
            let theta = &theta_values[..model.n_params()];
            prop_assume!(!near_kink(&obj, theta, 1e-3));
            gradient_check(&obj, theta).map_err(TestCaseError::fail)?;
        }

        /// The sufficient-statistics shortcut gives the row-by-row loss and gradient.
        #[test]
        fn linear_shortcut_matches_row_by_row(
            rows in 1..30usize,
            values in proptest::collection::vec(-50.0..50.0f64, 90),
            theta in proptest::collection::vec(-5.0..5.0f64, 3),
            offset in -100.0..100.0f64,
            half in any::<bool>(),
        ) {
            let xs: Vec<f64> = values[..rows * 2].iter().map(|v| v + offset).collect();
            let ys = &values[60..60 + rows];
            let loss = if half { Loss::HalfMse } else { Loss::Mse };
            let obj = Objective::new(dataset(&xs, 2, ys), Model::Linear { features: 2 }, loss).unwrap();
            prop_assert!(obj.is_quadratic());
            let fast = obj.evaluate(&theta);
            let slow = obj.evaluate_row_by_row(&theta);
            let scale = 1.0 + slow.loss.abs();
            prop_assert!((fast.loss - slow.loss).abs() <= 1e-9 * scale, "{} vs {}", fast.loss, slow.loss);
            for (a, b) in fast.grad.iter().zip(&slow.grad) {
                prop_assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()) * (1.0 + offset.abs()), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn quadratic_minimizer_zeroes_the_free_gradient() {
        let d = dataset(&[1.0, 2.0, 3.0, 5.0], 1, &[2.1, 3.9, 6.2, 9.8]);
        let obj = Objective::new(d, Model::Linear { features: 1 }, Loss::Mse).unwrap();
        let m = obj
            .quadratic_minimizer(&[0.0, 0.0], &[false, false])
            .unwrap();
        let g = obj.evaluate(m.as_slice().unwrap()).grad;
        assert!(g.iter().all(|v| v.abs() < 1e-12), "{g}");
        // With b frozen at 1, only w moves, and ∂L/∂w vanishes there.
        let m = obj
            .quadratic_minimizer(&[0.0, 1.0], &[false, true])
            .unwrap();
        assert_eq!(m[1], 1.0);
        assert!(obj.evaluate(m.as_slice().unwrap()).grad[0].abs() < 1e-12);
        let sig = Objective::new(
            dataset(&[1.0], 1, &[1.0]),
            Model::Neuron(Activation::Sigmoid),
            Loss::Mse,
        )
        .unwrap();
        assert!(
            sig.quadratic_minimizer(&[0.0, 0.0, 1.0], &[false; 3])
                .is_none()
        );
    }

    #[test]
    fn bce_needs_logistic_and_binary_targets() {
        let d = dataset(&[1.0, 2.0], 1, &[0.0, 1.0]);
        let err =
            Objective::new(d.clone(), Model::Neuron(Activation::Sigmoid), Loss::Bce).unwrap_err();
        assert!(err.to_string().contains("needs model `logistic`"), "{err}");
        let bad = dataset(&[1.0, 2.0], 1, &[0.0, 0.5]);
        let err = Objective::new(bad, Model::Logistic { features: 1 }, Loss::Bce).unwrap_err();
        assert!(err.to_string().contains("row 2"), "{err}");
        assert!(Objective::new(d, Model::Logistic { features: 1 }, Loss::Bce).is_ok());
    }

    #[test]
    fn chunked_parallel_sum_is_deterministic_and_matches_serial_order() {
        // Enough rows to take the parallel path; run twice, expect identical bits.
        let n = PARALLEL_MIN_ROWS + 1234;
        let xs: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin() * 3.0).collect();
        let ys: Vec<f64> = xs.iter().map(|x| 2.0 / (1.0 + (-x).exp())).collect();
        let obj = Objective::new(
            dataset(&xs, 1, &ys),
            Model::Neuron(Activation::Sigmoid),
            Loss::Mse,
        )
        .unwrap();
        let theta = [0.7, -0.2, 1.5];
        let a = obj.evaluate(&theta);
        let b = obj.evaluate(&theta);
        assert_eq!(a, b);
        let all: Vec<usize> = (0..n).collect();
        assert_eq!(obj.evaluate_rows(&theta, &all), a);
    }
}
