//! `mlp:H1[,H2,…]`: a fully connected network with one output, its parameter layout,
//! its seeded start, and backpropagation (README, "Models").

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::activation::{Activation, sigmoid_and_slope};
use super::dataset::MAX_FEATURES;
use super::error::Error;

/// Most hidden layers: the widths live in a fixed array so that `Model` stays `Copy`.
pub const MAX_HIDDEN_LAYERS: usize = 8;

/// Most parameters of an `mlp`: the count of `linear` on the widest data the engine
/// takes (10,000 features), so that nothing kept per parameter (optimizer state, the
/// history's points, Lanczos vectors) outgrows what the engine already allows.
pub const MAX_PARAMS: usize = MAX_FEATURES + 1;

/// Widths of the input, the hidden layers and the output, in that order.
const MAX_WIDTHS: usize = MAX_HIDDEN_LAYERS + 2;

/// A network: inputs, hidden layers of one activation, one output unit.
///
/// Equality ignores the output's σ: it follows the loss (σ with `bce` only), so a
/// network of the same shape and activation is the same model under any loss.
#[derive(Debug, Clone, Copy, Eq)]
pub struct Mlp {
    /// The non-linearity of every hidden unit.
    pub activation: Activation,
    /// True when the output is p = σ(z⁽ᴸ⁾) (with `bce`); otherwise ŷ = z⁽ᴸ⁾.
    pub sigmoid_output: bool,
    /// widths[0] inputs, widths[1..=hidden] the hidden layers, widths[hidden + 1] = 1.
    widths: [usize; MAX_WIDTHS],
    /// Number of hidden layers, 1 to [`MAX_HIDDEN_LAYERS`].
    hidden: usize,
}

impl PartialEq for Mlp {
    fn eq(&self, other: &Self) -> bool {
        self.activation == other.activation
            && self.hidden == other.hidden
            && self.widths == other.widths
    }
}

/// Per-row scratch space: z⁽ˡ⁾, a⁽ˡ⁾, σ′(z⁽ˡ⁾) and δ⁽ˡ⁾ of every unit, layer after layer.
#[derive(Debug, Clone)]
pub struct Scratch {
    z: Vec<f64>,
    a: Vec<f64>,
    slope: Vec<f64>,
    delta: Vec<f64>,
}

impl Mlp {
    /// Parses the widths `H1,H2,…` of `name` (`mlp:H1,H2,…`) for `inputs` inputs.
    pub fn parse(
        name: &str,
        spec: &str,
        inputs: usize,
        activation: Activation,
    ) -> Result<Mlp, Error> {
        let bad = |reason: String| Error::Layers {
            name: name.to_owned(),
            reason,
        };
        let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
        if parts.len() > MAX_HIDDEN_LAYERS {
            return Err(bad(crate::t!(
                "reason-hidden-layers",
                most = MAX_HIDDEN_LAYERS
            )));
        }
        let mut widths = [0; MAX_WIDTHS];
        widths[0] = inputs;
        for (l, part) in parts.iter().enumerate() {
            widths[l + 1] = part
                .parse::<usize>()
                .ok()
                .filter(|&w| w >= 1)
                .ok_or_else(|| bad(crate::t!("reason-layer-width", part = part)))?;
        }
        widths[parts.len() + 1] = 1;
        let mlp = Mlp {
            activation,
            sigmoid_output: false,
            widths,
            hidden: parts.len(),
        };
        match mlp.checked_params() {
            Some(n) if n <= MAX_PARAMS => Ok(mlp),
            Some(n) => Err(bad(crate::t!(
                "reason-too-many-params",
                count = n,
                most = MAX_PARAMS
            ))),
            None => Err(bad(crate::t!("reason-params-overflow", most = MAX_PARAMS))),
        }
    }

    /// Σ n_l·(n_{l−1} + 1) over the layers, or `None` on overflow.
    fn checked_params(&self) -> Option<usize> {
        (1..=self.layers()).try_fold(0usize, |acc, l| {
            let (n_in, n_out) = (self.widths[l - 1], self.widths[l]);
            acc.checked_add(n_out.checked_mul(n_in.checked_add(1)?)?)
        })
    }

    /// Number of weight layers L (hidden layers plus the output).
    pub fn layers(&self) -> usize {
        self.hidden + 1
    }

    /// Units in layer `l`: the inputs for 0, one for the output L.
    pub fn width(&self, l: usize) -> usize {
        self.widths[l]
    }

    /// The hidden widths H1, H2, ….
    pub fn hidden_widths(&self) -> &[usize] {
        &self.widths[1..=self.hidden]
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.widths[0]
    }

    /// Number of parameters.
    pub fn n_params(&self) -> usize {
        self.checked_params().unwrap_or(usize::MAX)
    }

    /// Units over layers 1..=L, the length of each [`Scratch`] buffer.
    fn units(&self) -> usize {
        self.widths[1..=self.layers()].iter().sum()
    }

    /// Scratch buffers for [`Mlp::forward`] and [`Mlp::backward`].
    pub fn scratch(&self) -> Scratch {
        let n = self.units();
        Scratch {
            z: vec![0.0; n],
            a: vec![0.0; n],
            slope: vec![0.0; n],
            delta: vec![0.0; n],
        }
    }

    /// The indices of the weights into each unit (one row of some W⁽ˡ⁾), layer by layer:
    /// the blocks that filter normalisation scales together.
    pub fn weight_blocks(&self) -> Vec<Vec<usize>> {
        let mut blocks = Vec::new();
        let mut p = 0;
        for l in 1..=self.layers() {
            let (n_in, n_out) = (self.widths[l - 1], self.widths[l]);
            blocks.extend((0..n_out).map(|i| (p + i * n_in..p + (i + 1) * n_in).collect()));
            p += n_out * (n_in + 1);
        }
        blocks
    }

    /// `W{l}[{i},{j}]` then `b{l}[{i}]`, layer by layer, each W row by row, 1-based.
    pub fn param_names(&self) -> Vec<String> {
        let mut names = Vec::with_capacity(self.n_params());
        for l in 1..=self.layers() {
            let (n_in, n_out) = (self.widths[l - 1], self.widths[l]);
            for i in 1..=n_out {
                names.extend((1..=n_in).map(|j| format!("W{l}[{i},{j}]")));
            }
            names.extend((1..=n_out).map(|i| format!("b{l}[{i}]")));
        }
        names
    }

    /// The seeded start of README "Models": each W⁽ˡ⁾ drawn uniformly from ±limit in
    /// parameter order with ChaCha8 seeded by `seed`, biases 0. Hidden layers take
    /// Glorot's limit √(6/(fan_in + fan_out)) for tanh and sigmoid and He's √(6/fan_in)
    /// for ReLU; the output layer (identity or σ) takes Glorot's.
    pub fn random_params(&self, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut p = Vec::with_capacity(self.n_params());
        for l in 1..=self.layers() {
            let (n_in, n_out) = (self.widths[l - 1] as f64, self.widths[l]);
            let he = self.activation == Activation::Relu && l < self.layers();
            let limit = if he {
                (6.0 / n_in).sqrt()
            } else {
                (6.0 / (n_in + n_out as f64)).sqrt()
            };
            for _ in 0..n_out * self.widths[l - 1] {
                p.push(rng.random_range(-limit..limit));
            }
            p.extend(std::iter::repeat_n(0.0, n_out));
        }
        p
    }

    /// Forward pass for one row `x`, keeping every z⁽ˡ⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾) and σ′(z⁽ˡ⁾) in
    /// `s`; returns the output's z⁽ᴸ⁾ (ŷ, or the logit with `bce`).
    ///
    /// z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ with a⁽⁰⁾ = x (README, "Models").
    #[inline]
    pub fn forward(&self, theta: &[f64], x: &[f64], s: &mut Scratch) -> f64 {
        let (mut p, mut u, mut prev) = (0, 0, 0);
        for l in 1..=self.layers() {
            let (n_in, n_out) = (self.widths[l - 1], self.widths[l]);
            let (before, here) = s.a.split_at_mut(u);
            let input = if l == 1 { x } else { &before[prev..] };
            let bias = p + n_in * n_out;
            for i in 0..n_out {
                let row = &theta[p + i * n_in..p + (i + 1) * n_in];
                let dot: f64 = row.iter().zip(input).map(|(w, a)| w * a).sum();
                let z = dot + theta[bias + i];
                s.z[u + i] = z;
                let (a, da) = if l < self.layers() {
                    self.activation.eval(z)
                } else {
                    (z, 1.0)
                };
                here[i] = a;
                s.slope[u + i] = da;
            }
            prev = u;
            u += n_out;
            p = bias + n_out;
        }
        s.z[u - 1]
    }

    /// Backward pass after [`Mlp::forward`] on the same `x`, with δ⁽ᴸ⁾ = `d_out`:
    /// δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾) ⊙ σ′(z⁽ˡ⁾), then adds ∂/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ and
    /// ∂/∂b⁽ˡ⁾ = δ⁽ˡ⁾ into `grad`.
    #[inline]
    pub fn backward(
        &self,
        theta: &[f64],
        x: &[f64],
        d_out: f64,
        s: &mut Scratch,
        grad: &mut [f64],
    ) {
        let mut p = self.n_params();
        let mut u = s.delta.len() - 1;
        s.delta[u] = d_out;
        for l in (1..=self.layers()).rev() {
            let (n_in, n_out) = (self.widths[l - 1], self.widths[l]);
            let bias = p - n_out;
            p = bias - n_in * n_out;
            let prev = u - if l == 1 { 0 } else { n_in };
            let (lower, upper) = s.delta.split_at_mut(u);
            let delta = &upper[..n_out];
            let input = if l == 1 { x } else { &s.a[prev..u] };
            for (i, &d) in delta.iter().enumerate() {
                let row = &mut grad[p + i * n_in..p + (i + 1) * n_in];
                row.iter_mut().zip(input).for_each(|(g, a)| *g += d * a);
                grad[bias + i] += d;
            }
            if l > 1 {
                let below = &mut lower[prev..];
                below.iter_mut().for_each(|v| *v = 0.0);
                for (i, &d) in delta.iter().enumerate() {
                    let row = &theta[p + i * n_in..p + (i + 1) * n_in];
                    below.iter_mut().zip(row).for_each(|(v, w)| *v += w * d);
                }
                below
                    .iter_mut()
                    .zip(&s.slope[prev..u])
                    .for_each(|(v, da)| *v *= da);
            }
            u = prev;
        }
    }

    /// The output's terms at `x`: W⁽ᴸ⁾[1,u]·a⁽ᴸ⁻¹⁾ᵤ for each unit u of the last hidden
    /// layer, which with b⁽ᴸ⁾ sum to z⁽ᴸ⁾ (README, "Models"): each unit's contribution.
    pub fn output_terms(&self, theta: &[f64], x: &[f64]) -> Vec<f64> {
        let mut s = self.scratch();
        self.forward(theta, x, &mut s);
        let last = self.layers() - 1;
        let width = self.widths[last];
        // Layer `last` is the one before the output's single unit, at the end of `a`.
        let at = s.a.len() - 1 - width;
        let w = self.n_params() - 1 - width;
        (0..width).map(|u| theta[w + u] * s.a[at + u]).collect()
    }

    /// Where each first-layer unit of a one-input network turns: x = −b1[u]/W1[u,1].
    pub fn first_layer_turns(&self, theta: &[f64]) -> Vec<f64> {
        if self.inputs() != 1 {
            return Vec::new();
        }
        let n = self.widths[1];
        (0..n).map(|u| -theta[n + u] / theta[u]).collect()
    }

    /// ŷ (or p with a σ output) at `x`, writing ∂ŷ/∂θ into `dy`.
    pub fn predict_with_gradient(&self, theta: &[f64], x: &[f64], dy: &mut [f64]) -> f64 {
        let mut s = self.scratch();
        let z = self.forward(theta, x, &mut s);
        let (y, slope) = if self.sigmoid_output {
            sigmoid_and_slope(z)
        } else {
            (z, 1.0)
        };
        dy.iter_mut().for_each(|d| *d = 0.0);
        self.backward(theta, x, slope, &mut s, dy);
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Config, Loss, Model, Objective, Optimizer, OptimizerKind};
    use crate::engine::{Schedule, Trainer};
    use crate::testing::{dataset, gradient_check};
    use ndarray::Array1;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn mlp(spec: &str, inputs: usize, activation: Activation) -> Model {
        Model::parse_with(&format!("mlp:{spec}"), inputs, activation).unwrap()
    }

    #[test]
    fn names_follow_the_documented_order() {
        let m = Model::parse("mlp:3", 2).unwrap();
        let names = m.param_names();
        let expected = [
            "W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]", "W1[3,1]", "W1[3,2]", "b1[1]", "b1[2]",
            "b1[3]", "W2[1,1]", "W2[1,2]", "W2[1,3]", "b2[1]",
        ];
        assert_eq!(names, expected);
        assert_eq!(m.n_params(), 13);
        assert_eq!(m.to_string(), "mlp:3");
        assert_eq!(
            Model::parse(" mlp:8, 8 ", 1).unwrap().to_string(),
            "mlp:8,8"
        );
        assert_eq!(m.hidden_activation(), Some(Activation::Tanh));
    }

    #[test]
    fn weight_blocks_are_the_rows_of_each_w_by_name() {
        for model in [
            Model::parse("mlp:3", 2).unwrap(),
            Model::parse("mlp:2,3", 1).unwrap(),
            Model::parse("sigmoids:3", 1).unwrap(),
            Model::parse("linear", 4).unwrap(),
            Model::parse("relu", 1).unwrap(),
        ] {
            let names = model.param_names();
            let blocks = model.weight_blocks();
            let mut seen = vec![false; names.len()];
            for block in &blocks {
                for &k in block {
                    assert!(!seen[k], "{model}: {} in two blocks", names[k]);
                    seen[k] = true;
                    assert!(!names[k].starts_with('b'), "{model}: bias {}", names[k]);
                }
            }
            // Every weight is in a block; only biases are left out.
            for (k, name) in names.iter().enumerate() {
                assert_eq!(seen[k], !name.starts_with('b'), "{model}: {name}");
            }
        }
        let m = Model::parse("mlp:3", 2).unwrap();
        let names = m.param_names();
        let block = |b: &Vec<usize>| b.iter().map(|&k| names[k].clone()).collect::<Vec<_>>();
        let blocks = m.weight_blocks();
        assert_eq!(block(&blocks[1]), ["W1[2,1]", "W1[2,2]"]);
        assert_eq!(block(&blocks[3]), ["W2[1,1]", "W2[1,2]", "W2[1,3]"]);
    }

    #[test]
    fn output_terms_are_each_units_share_of_the_output() {
        for spec in ["3", "4,2", "2,3,5"] {
            let m = mlp(spec, 1, Activation::Tanh);
            let Model::Mlp(net) = m else { unreachable!() };
            let theta = net.random_params(9);
            for x in [-1.5, 0.2, 3.0] {
                let terms = net.output_terms(&theta, &[x]);
                assert_eq!(terms.len(), *net.hidden_widths().last().unwrap());
                let z = terms.iter().sum::<f64>() + theta[net.n_params() - 1];
                approx::assert_relative_eq!(z, m.predict(&theta, &[x]), max_relative = 1e-12);
            }
        }
        let Model::Mlp(net) = mlp("2", 1, Activation::Relu) else {
            unreachable!()
        };
        // W1 = (2, −1), b1 = (1, 3): the units turn at −1/2 and 3.
        let theta = [2.0, -1.0, 1.0, 3.0, 0.5, 0.5, 0.0];
        assert_eq!(net.first_layer_turns(&theta), [-0.5, 3.0]);
    }

    #[test]
    fn bad_layer_lists_are_refused() {
        for (spec, says) in [
            ("mlp:0", "not a whole number ≥ 1"),
            ("mlp:3,0", "not a whole number ≥ 1"),
            ("mlp:", "not a whole number ≥ 1"),
            ("mlp:x", "not a whole number ≥ 1"),
            ("mlp:1,1,1,1,1,1,1,1,1", "at most 8 hidden layers"),
            (
                "mlp:100,100",
                "10401 parameters; downhill takes at most 10001",
            ),
            ("mlp:99999999999999999999", "not a whole number"),
            ("mlp:18446744073709551615", "too many parameters"),
        ] {
            let err = Model::parse(spec, 1).unwrap_err().to_string();
            assert!(err.contains(says), "{spec}: {err}");
        }
        assert!(Model::parse("mlp:100,96", 1).is_ok());
        let err = Activation::parse("softsign").unwrap_err().to_string();
        assert!(err.contains("unknown activation `softsign`"), "{err}");
    }

    #[test]
    fn random_start_is_seeded_glorot_or_he_with_zero_biases() {
        let tanh = mlp("4,3", 2, Activation::Tanh);
        let a = tanh.start_params(7);
        assert_eq!(a, tanh.start_params(7));
        assert_eq!(a, tanh.random_params(7));
        assert_ne!(a, tanh.start_params(8));
        let names = tanh.param_names();
        // Glorot: layer 1 is 2 → 4, layer 2 is 4 → 3, layer 3 is 3 → 1.
        for (name, v) in names.iter().zip(&a) {
            let limit: f64 = match &name[..2] {
                "W1" => (6.0f64 / 6.0).sqrt(),
                "W2" => (6.0f64 / 7.0).sqrt(),
                "W3" => (6.0f64 / 4.0).sqrt(),
                _ => 0.0,
            };
            assert!(v.abs() <= limit, "{name} = {v}");
            assert_eq!(*v == 0.0, name.starts_with('b'), "{name} = {v}");
        }
        // He for ReLU's hidden layers: √(6/fan_in), here √3 on two inputs, wider than Glorot's 1.
        let relu = mlp("64", 2, Activation::Relu).start_params(1);
        let widest = relu[..128].iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(widest > 1.0 && widest <= 3.0f64.sqrt(), "{widest}");
    }

    #[test]
    fn a_worked_example_by_hand() {
        // mlp:1 tanh on (x, y) = (1, 0.5), (−2, 1) with mse at W1 = 0.5, b1 = −0.25,
        // W2 = 2, b2 = 0.125; the reference is the chain rule in 40-digit arithmetic.
        let obj = Objective::new(
            dataset(&[1.0, -2.0], 1, &[0.5, 1.0]),
            mlp("1", 1, Activation::Tanh),
            Loss::Mse,
        )
        .unwrap();
        let e = obj.evaluate(&[0.5, -0.25, 2.0, 0.125]);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
        assert!(close(e.loss, 3.313_072_943_149_244_5), "{}", e.loss);
        let want = [
            3.100_320_359_717_753,
            -1.226_313_808_310_353_7,
            2.209_544_256_587_811_6,
            -2.456_729_955_107_607_4,
        ];
        for (g, w) in e.grad.iter().zip(want) {
            assert!(close(*g, w), "{g} vs {w}");
        }
    }

    /// The models and losses of the finite-difference test.
    fn case(shape: usize, act: usize, loss: usize, inputs: usize) -> (Model, Loss) {
        let spec = ["1", "3", "2,3", "4,2,2"][shape];
        let act = [Activation::Sigmoid, Activation::Tanh, Activation::Relu][act];
        let loss = [Loss::Mse, Loss::HalfMse, Loss::Mae, Loss::Bce][loss];
        (mlp(spec, inputs, act), loss)
    }

    /// True when a row sits within `margin` of a kink of |r| or of a hidden ReLU.
    fn near_kink(obj: &Objective, theta: &[f64], margin: f64) -> bool {
        let Model::Mlp(m) = obj.model() else {
            unreachable!()
        };
        let data = obj.data();
        let mut s = m.scratch();
        data.x_slice()
            .chunks_exact(m.inputs())
            .zip(data.y.iter())
            .any(|(x, &y)| {
                let z = m.forward(theta, x, &mut s);
                let hidden = s.z.len() - 1;
                let relu = m.activation == Activation::Relu
                    && s.z[..hidden].iter().any(|z| z.abs() < margin);
                relu || (obj.loss() == Loss::Mae && (y - z).abs() < margin)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Backpropagation agrees with central finite differences for every activation ×
        /// loss, several shapes and 1 to 3 inputs.
        #[test]
        fn backpropagation_matches_finite_differences(
            shape in 0..4usize,
            act in 0..3usize,
            loss in 0..4usize,
            inputs in 1..4usize,
            rows in 1..6usize,
            values in proptest::collection::vec(-2.0..2.0f64, 24),
            theta in proptest::collection::vec(-1.5..1.5f64, 35),
        ) {
            let (model, loss) = case(shape, act, loss, inputs);
            let xs = &values[..rows * inputs];
            let ys: Vec<f64> = values[18..18 + rows]
                .iter()
                .map(|&v| if loss == Loss::Bce { f64::from(v > 0.0) } else { v })
                .collect();
            let obj = Objective::new(dataset(xs, inputs, &ys), model, loss).unwrap();
            let theta = &theta[..model.n_params()];
            prop_assume!(!near_kink(&obj, theta, 1e-3));
            gradient_check(&obj, theta).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn predictions_carry_their_gradient_and_bce_takes_sigma() {
        let model = mlp("2,2", 2, Activation::Sigmoid);
        let theta = model.start_params(3);
        let obj = Objective::new(dataset(&[0.3, -1.2], 2, &[1.0]), model, Loss::Bce).unwrap();
        let p = obj.model().predict(&theta, &[0.3, -1.2]);
        let z = model.predict(&theta, &[0.3, -1.2]);
        assert_eq!(p, crate::engine::model::sigmoid(z));
        assert_eq!(obj.model(), model);
        assert_eq!(Loss::Bce.for_model(model), Loss::Bce);
    }

    fn wide_objective(rows: usize) -> Arc<Objective> {
        let xs: Vec<f64> = (0..2 * rows)
            .map(|i| (i as f64 * 0.37).sin() * 3.0)
            .collect();
        let ys: Vec<f64> = xs.chunks(2).map(|x| (x[0] * x[1]).tanh()).collect();
        let model = mlp("5,3", 2, Activation::Tanh);
        Arc::new(Objective::new(dataset(&xs, 2, &ys), model, Loss::Mse).unwrap())
    }

    #[test]
    fn parallel_chunks_give_the_serial_bits() {
        let obj = wide_objective(crate::engine::objective::PARALLEL_MIN_ROWS + 1234);
        let theta = obj.model().start_params(2);
        let a = obj.evaluate(&theta);
        let all: Vec<usize> = (0..obj.data().len()).collect();
        assert_eq!(obj.evaluate_rows(&theta, &all), a);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(one.install(|| obj.evaluate(&theta)), a);
    }

    #[test]
    fn a_batch_of_every_row_is_full_batch_bit_for_bit() {
        let obj = wide_objective(300);
        let start = Array1::from(obj.model().start_params(0));
        let trainer = |batch_size| {
            let config = Config {
                optimizer: Optimizer::new(OptimizerKind::Adam),
                lr: 0.01,
                schedule: Schedule::Constant,
                batch_size,
                frozen: vec![false; obj.n_params()],
                tolerance: 1e-6,
                diverge_factor: 1e6,
                seed: 5,
            };
            let mut t = Trainer::new(obj.clone(), config, start.clone()).unwrap();
            t.run(20);
            t
        };
        let full = trainer(None);
        assert_eq!(full.kept(), trainer(Some(300)).kept());
        assert_eq!(full.kept(), trainer(Some(1000)).kept());
        assert_ne!(full.current().params, trainer(Some(50)).current().params);
    }
}
