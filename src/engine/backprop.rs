//! Backpropagation for `mlp` over a block of rows at a time, layer by layer.
//!
//! Row by row, every unit costs a short dot product and a libm call; over a block the
//! same sums become loops along the rows, which LLVM vectorises. Each layer is held
//! unit-major (one run of [`BLOCK`] values per unit, column r being row r of the block):
//! Z⁽ˡ⁾ = W⁽ˡ⁾A⁽ˡ⁻¹⁾ + b⁽ˡ⁾, A⁽ˡ⁾ = σ(Z⁽ˡ⁾), then Δ⁽ᴸ⁾ = ∂l/∂z⁽ᴸ⁾ per row,
//! Δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀΔ⁽ˡ⁺¹⁾) ⊙ σ′(Z⁽ˡ⁾), ∂L/∂W⁽ˡ⁾ = Δ⁽ˡ⁾A⁽ˡ⁻¹⁾ᵀ and ∂L/∂b⁽ˡ⁾ = Δ⁽ˡ⁾'s row
//! sums (README, "Models"). A unit's z and δ are summed in the same order as
//! [`Mlp::forward`] and [`Mlp::backward`] sum them, so a block's forward pass gives the
//! row-by-row bits; the gradient is summed over rows in [`LANES`] fixed lanes (as in
//! `kernels`), so the result is the same on every CPU and instruction set.

use rayon::prelude::*;

use super::mlp::Mlp;

/// Gradient sums kept per parameter, added together in order at the end.
const LANES: usize = 8;

/// Rows a forward or backward sum runs over at once (four vectors of eight).
const TILE: usize = 4 * LANES;

/// Rows per block: a multiple of [`LANES`], small enough that a block of `mlp:16,16`
/// (activations, slopes and deltas) stays in the core's L2 cache.
const BLOCK: usize = 128;

/// Rows of a piece that runs on one core: eight blocks.
const PIECE_ROWS: usize = 8 * BLOCK;

/// Buffers for one call, allocated once and reused block after block.
struct Buffers {
    /// A⁽ˡ⁾ for l = 0..=L unit-major (A⁽⁰⁾ = X, A⁽ᴸ⁾ = z⁽ᴸ⁾); padding rows hold x = 0.
    a: Vec<f64>,
    /// σ′(Z⁽ˡ⁾), laid out like `a` (only the hidden layers are used).
    slope: Vec<f64>,
    /// Δ⁽ˡ⁾, laid out like `a` (layer 0 unused); padding rows hold δ = 0.
    delta: Vec<f64>,
    /// ∂L/∂θ_p summed in lanes: `lanes[p * LANES + lane]`.
    lanes: Vec<f64>,
    /// Where layer l's first unit starts in `a`, `slope` and `delta`.
    start: Vec<usize>,
    /// Where layer l's W⁽ˡ⁾ starts in θ (its b⁽ˡ⁾ follows it).
    param: Vec<usize>,
}

impl Buffers {
    fn new(mlp: &Mlp) -> Self {
        let (mut start, mut param) = (vec![0], vec![0]);
        for l in 1..=mlp.layers() {
            start.push(start[l - 1] + mlp.width(l - 1) * BLOCK);
            param.push(param[l - 1] + mlp.width(l) * (mlp.width(l - 1) + 1));
        }
        let units = start[mlp.layers()] + BLOCK;
        Buffers {
            a: vec![0.0; units],
            slope: vec![0.0; units],
            delta: vec![0.0; units],
            lanes: vec![0.0; mlp.n_params() * LANES],
            start,
            param,
        }
    }
}

/// Σ l and Σ ∇l over the rows of `xs` (row-major, `mlp.inputs()` values a row) with
/// targets `ys`, where `loss(y, z⁽ᴸ⁾)` gives l and ∂l/∂z⁽ᴸ⁾ for one row.
///
/// The rows are cut into pieces of [`PIECE_ROWS`] that may run on several cores (one
/// 4,096-row chunk alone is then shared by both cores); the pieces' sums are added in
/// piece order, so the result does not depend on the number of threads.
pub fn loss_and_gradient<F>(
    mlp: &Mlp,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    loss: F,
) -> (f64, Vec<f64>)
where
    F: Fn(f64, f64) -> (f64, f64) + Sync,
{
    let k = mlp.inputs();
    // One piece runs here: handing it to the thread pool would only add a wake-up.
    let pieces: Vec<(f64, Vec<f64>)> = if ys.len() <= PIECE_ROWS {
        vec![piece(mlp, theta, xs, ys, &loss, true)]
    } else {
        xs.par_chunks(PIECE_ROWS * k)
            .zip(ys.par_chunks(PIECE_ROWS))
            .map(|(x, y)| piece(mlp, theta, x, y, &loss, true))
            .collect()
    };
    let mut total = 0.0;
    let mut lanes = vec![0.0; mlp.n_params() * LANES];
    for (l, piece_lanes) in pieces {
        total += l;
        lanes
            .iter_mut()
            .zip(&piece_lanes)
            .for_each(|(s, p)| *s += p);
    }
    let grad = lanes
        .chunks_exact(LANES)
        .map(|lanes| lanes.iter().sum())
        .collect();
    (total, grad)
}

/// Σ l over the rows, as [`loss_and_gradient`] sums it (the same bits), by the forward
/// pass alone: what a landscape slice needs, at about a third of the cost.
pub fn loss_only<F>(mlp: &Mlp, theta: &[f64], xs: &[f64], ys: &[f64], loss: F) -> f64
where
    F: Fn(f64, f64) -> (f64, f64) + Sync,
{
    let k = mlp.inputs();
    if ys.len() <= PIECE_ROWS {
        // Added to 0 as `loss_and_gradient` adds its one piece, for the same bits.
        return 0.0 + piece(mlp, theta, xs, ys, &loss, false).0;
    }
    let pieces: Vec<f64> = xs
        .par_chunks(PIECE_ROWS * k)
        .zip(ys.par_chunks(PIECE_ROWS))
        .map(|(x, y)| piece(mlp, theta, x, y, &loss, false).0)
        .collect();
    pieces.into_iter().fold(0.0, |total, l| total + l)
}

/// Σ l and the lanes of Σ ∇l (left at 0 unless `gradient`) over one piece of rows, on
/// the widest instruction set.
fn piece<F>(
    mlp: &Mlp,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    loss: &F,
    gradient: bool,
) -> (f64, Vec<f64>)
where
    F: Fn(f64, f64) -> (f64, f64),
{
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports the features `wide_avx512` was compiled for.
            return unsafe { wide_avx512(mlp, theta, xs, ys, loss, gradient) };
        }
        if is_x86_feature_detected!("avx2") {
            // SAFETY: as above, for `wide_avx2`.
            return unsafe { wide_avx2(mlp, theta, xs, ys, loss, gradient) };
        }
    }
    body(mlp, theta, xs, ys, loss, gradient)
}

// The same body compiled for wider vectors. Rust never contracts a·b + c into an FMA
// on its own, so these give the same bits as the baseline build.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
unsafe fn wide_avx512<F>(
    mlp: &Mlp,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    loss: &F,
    gradient: bool,
) -> (f64, Vec<f64>)
where
    F: Fn(f64, f64) -> (f64, f64),
{
    body(mlp, theta, xs, ys, loss, gradient)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn wide_avx2<F>(
    mlp: &Mlp,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    loss: &F,
    gradient: bool,
) -> (f64, Vec<f64>)
where
    F: Fn(f64, f64) -> (f64, f64),
{
    body(mlp, theta, xs, ys, loss, gradient)
}

#[inline(always)]
fn body<F>(
    mlp: &Mlp,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    loss: &F,
    gradient: bool,
) -> (f64, Vec<f64>)
where
    F: Fn(f64, f64) -> (f64, f64),
{
    let k = mlp.inputs();
    let mut buf = Buffers::new(mlp);
    let mut total = 0.0;
    for (x, y) in xs.chunks(BLOCK * k).zip(ys.chunks(BLOCK)) {
        load_inputs(&mut buf.a[..k * BLOCK], x, k);
        for l in 1..=mlp.layers() {
            forward_layer(mlp, theta, &mut buf, l);
        }
        // The loss is summed row after row, in the order of the row-by-row pass.
        let out = buf.start[mlp.layers()];
        let (z, delta) = (&buf.a[out..out + BLOCK], &mut buf.delta[out..out + BLOCK]);
        delta.fill(0.0);
        for ((d, &z), &y) in delta.iter_mut().zip(z).zip(y) {
            let (l, dz) = loss(y, z);
            total += l;
            *d = dz;
        }
        if !gradient {
            continue;
        }
        for l in (1..=mlp.layers()).rev() {
            gradient_of_layer(mlp, &mut buf, l);
            if l > 1 {
                backward_layer(mlp, theta, &mut buf, l);
            }
        }
    }
    (total, buf.lanes)
}

/// Transposes the block's rows `x` (row-major, k a row) into unit-major `a0`,
/// zeroing the padding rows past the last.
#[inline(always)]
fn load_inputs(a0: &mut [f64], x: &[f64], k: usize) {
    a0.fill(0.0);
    for (r, row) in x.chunks_exact(k).enumerate() {
        for (j, &v) in row.iter().enumerate() {
            a0[j * BLOCK + r] = v;
        }
    }
}

/// Z⁽ˡ⁾ = W⁽ˡ⁾A⁽ˡ⁻¹⁾ + b⁽ˡ⁾ for the block, then A⁽ˡ⁾ = σ(Z⁽ˡ⁾) and σ′(Z⁽ˡ⁾) for a
/// hidden layer; the output layer keeps z⁽ᴸ⁾.
#[inline(always)]
fn forward_layer(mlp: &Mlp, theta: &[f64], buf: &mut Buffers, l: usize) {
    let (n_in, n_out) = (mlp.width(l - 1), mlp.width(l));
    let w = &theta[buf.param[l - 1]..buf.param[l]];
    let (w, b) = w.split_at(n_in * n_out);
    let (below, here) = buf.a.split_at_mut(buf.start[l]);
    let input = &below[buf.start[l - 1]..];
    let here = &mut here[..n_out * BLOCK];
    for (i, out) in here.chunks_exact_mut(BLOCK).enumerate() {
        let row = &w[i * n_in..(i + 1) * n_in];
        for r in (0..BLOCK).step_by(TILE) {
            // −0 + x = x for every x, as the row-by-row dot product starts.
            let mut acc = [-0.0f64; TILE];
            for (j, &wij) in row.iter().enumerate() {
                axpy(&mut acc, wij, &input[j * BLOCK + r..]);
            }
            let z: &mut [f64; TILE] = (&mut out[r..r + TILE]).try_into().expect("a tile");
            for t in 0..TILE {
                z[t] = acc[t] + b[i];
            }
        }
    }
    if l < mlp.layers() {
        let slope = &mut buf.slope[buf.start[l]..buf.start[l] + n_out * BLOCK];
        for (a, s) in here.iter_mut().zip(slope) {
            (*a, *s) = mlp.activation.eval(*a);
        }
    }
}

/// Adds Δ⁽ˡ⁾A⁽ˡ⁻¹⁾ᵀ to the lanes of ∂L/∂W⁽ˡ⁾ and Δ⁽ˡ⁾'s row sums to those of ∂L/∂b⁽ˡ⁾.
#[inline(always)]
fn gradient_of_layer(mlp: &Mlp, buf: &mut Buffers, l: usize) {
    let (n_in, n_out) = (mlp.width(l - 1), mlp.width(l));
    let delta = &buf.delta[buf.start[l]..buf.start[l] + n_out * BLOCK];
    let input = &buf.a[buf.start[l - 1]..buf.start[l]];
    let lanes = &mut buf.lanes[buf.param[l - 1] * LANES..buf.param[l] * LANES];
    let (w_lanes, b_lanes) = lanes.split_at_mut(n_in * n_out * LANES);
    for (i, d) in delta.chunks_exact(BLOCK).enumerate() {
        for (j, a) in input.chunks_exact(BLOCK).enumerate() {
            let p = (i * n_in + j) * LANES;
            add_lanes(&mut w_lanes[p..p + LANES], d, Some(a));
        }
        add_lanes(&mut b_lanes[i * LANES..(i + 1) * LANES], d, None);
    }
}

/// Adds Σ_r d[r]·a[r] (or Σ_r d[r] without `a`) into `sums`: over the block, row r goes
/// into sum r mod [`TILE`] (independent sums, so the additions overlap), then sum t
/// into lane t mod [`LANES`], in a fixed order.
#[inline(always)]
fn add_lanes(sums: &mut [f64], d: &[f64], a: Option<&[f64]>) {
    let mut acc = [0.0f64; TILE];
    for r in (0..BLOCK).step_by(TILE) {
        let d: &[f64; TILE] = d[r..r + TILE].try_into().expect("a tile");
        match a {
            Some(a) => {
                let a: &[f64; TILE] = a[r..r + TILE].try_into().expect("a tile");
                for t in 0..TILE {
                    acc[t] += d[t] * a[t];
                }
            }
            None => {
                for t in 0..TILE {
                    acc[t] += d[t];
                }
            }
        }
    }
    for (lane, sum) in sums.iter_mut().enumerate() {
        *sum += (acc[lane] + acc[lane + LANES]) + (acc[lane + 2 * LANES] + acc[lane + 3 * LANES]);
    }
}

/// Δ⁽ˡ⁻¹⁾ = (W⁽ˡ⁾ᵀΔ⁽ˡ⁾) ⊙ σ′(Z⁽ˡ⁻¹⁾), for l ≥ 2.
#[inline(always)]
fn backward_layer(mlp: &Mlp, theta: &[f64], buf: &mut Buffers, l: usize) {
    let (n_in, n_out) = (mlp.width(l - 1), mlp.width(l));
    let w = &theta[buf.param[l - 1]..buf.param[l - 1] + n_in * n_out];
    let (below, here) = buf.delta.split_at_mut(buf.start[l]);
    let delta = &here[..n_out * BLOCK];
    let below = &mut below[buf.start[l - 1]..];
    let slope = &buf.slope[buf.start[l - 1]..buf.start[l]];
    for (j, (out, s)) in below
        .chunks_exact_mut(BLOCK)
        .zip(slope.chunks_exact(BLOCK))
        .enumerate()
    {
        for r in (0..BLOCK).step_by(TILE) {
            let mut acc = [0.0f64; TILE];
            for i in 0..n_out {
                axpy(&mut acc, w[i * n_in + j], &delta[i * BLOCK + r..]);
            }
            let out: &mut [f64; TILE] = (&mut out[r..r + TILE]).try_into().expect("a tile");
            let s: &[f64; TILE] = s[r..r + TILE].try_into().expect("a tile");
            for t in 0..TILE {
                out[t] = acc[t] * s[t];
            }
        }
    }
}

/// acc += w·x over one tile: [`TILE`] independent sums, so the additions overlap
/// instead of waiting on one another.
#[inline(always)]
fn axpy(acc: &mut [f64; TILE], w: f64, x: &[f64]) {
    let x: &[f64; TILE] = x[..TILE].try_into().expect("a tile");
    for t in 0..TILE {
        acc[t] += w * x[t];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::loss::{Loss, bce_from_logit};
    use crate::engine::{Activation, Model};

    fn network(spec: &str, inputs: usize, act: Activation) -> Mlp {
        match Model::parse_with(&format!("mlp:{spec}"), inputs, act).unwrap() {
            Model::Mlp(m) => m,
            _ => unreachable!(),
        }
    }

    fn rows(n: usize, k: usize) -> (Vec<f64>, Vec<f64>) {
        let xs: Vec<f64> = (0..n * k).map(|i| (i as f64 * 0.731).sin() * 2.5).collect();
        let ys = xs.chunks(k).map(|x| f64::from(x[0] > 0.3)).collect();
        (xs, ys)
    }

    /// The row-by-row passes of [`Mlp::forward`] and [`Mlp::backward`].
    fn row_by_row(m: &Mlp, theta: &[f64], xs: &[f64], ys: &[f64], loss: Loss) -> (f64, Vec<f64>) {
        let (mut total, mut grad, mut s) = (0.0, vec![0.0; theta.len()], m.scratch());
        for (x, &y) in xs.chunks_exact(m.inputs()).zip(ys) {
            let z = m.forward(theta, x, &mut s);
            let (l, d) = if loss == Loss::Bce {
                bce_from_logit(y, z)
            } else {
                loss.value_and_slope(y, z)
            };
            total += l;
            m.backward(theta, x, d, &mut s, &mut grad);
        }
        (total, grad)
    }

    #[test]
    fn blocks_agree_with_the_row_by_row_passes() {
        for (spec, k, act, loss) in [
            ("16,16", 2, Activation::Tanh, Loss::Mse),
            ("3", 1, Activation::Sigmoid, Loss::Bce),
            ("5,4,3", 3, Activation::Relu, Loss::HalfMse),
        ] {
            let m = network(spec, k, act);
            let theta = m.random_params(4);
            // Two whole blocks and part of a third, so that padding rows are exercised.
            let (xs, ys) = rows(2 * BLOCK + 37, k);
            let (want_l, want_g) = row_by_row(&m, &theta, &xs, &ys, loss);
            let (l, g) = if loss == Loss::Bce {
                loss_and_gradient(&m, &theta, &xs, &ys, bce_from_logit)
            } else {
                loss_and_gradient(&m, &theta, &xs, &ys, |y, z| loss.value_and_slope(y, z))
            };
            approx::assert_relative_eq!(l, want_l, max_relative = 1e-13);
            let scale = want_g.iter().fold(0.0f64, |s, g| s.max(g.abs()));
            for (a, b) in g.iter().zip(&want_g) {
                assert!((a - b).abs() <= 1e-12 * scale, "{spec}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let m = network("16,16", 2, Activation::Tanh);
        let theta = m.random_params(9);
        let (xs, ys) = rows(1000, 2);
        let loss = |y: f64, z: f64| Loss::Mse.value_and_slope(y, z);
        let (l, lanes) = body(&m, &theta, &xs, &ys, &loss, true);
        let baseline = (l, lanes.chunks(LANES).map(|v| v.iter().sum()).collect());
        assert_eq!(loss_and_gradient(&m, &theta, &xs, &ys, loss), baseline);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let (xs, ys) = rows(3 * PIECE_ROWS + 5, 2);
        let serial = one.install(|| loss_and_gradient(&m, &theta, &xs, &ys, loss));
        assert_eq!(loss_and_gradient(&m, &theta, &xs, &ys, loss), serial);
    }
}
