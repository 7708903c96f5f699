//! A fused, vectorised loss-and-gradient loop for one neuron under (half-)mse.
//!
//! The generic path calls the model and the loss per row through a gradient buffer;
//! this loop keeps everything in registers, lets LLVM vectorise the sigmoid (see
//! `fastmath`), and sums into eight fixed lanes so the summation order, and so the
//! bits of the result, are the same on every CPU and instruction set.

use super::model::{Activation, sigmoid_and_slope};

const LANES: usize = 8;

/// Σ l and Σ ∇l over the rows (`xs`, `ys`) for ŷ = c·act(w·x + b), params (w, b, c),
/// with l = `scale`·r² (1 for mse, ½ for half-mse).
pub fn neuron_squared(
    act: Activation,
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    scale: f64,
) -> (f64, [f64; 3]) {
    match act {
        Activation::Sigmoid => dispatch::<true>(theta, xs, ys, scale),
        Activation::Relu => dispatch::<false>(theta, xs, ys, scale),
        // Only `mlp` hidden layers take tanh, and they take the backpropagation path.
        Activation::Tanh => unreachable!("no tanh neuron model"),
    }
}

fn dispatch<const SIGMOID: bool>(
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    scale: f64,
) -> (f64, [f64; 3]) {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports the features `wide_avx512` was compiled for.
            return unsafe { wide_avx512::<SIGMOID>(theta, xs, ys, scale) };
        }
        if is_x86_feature_detected!("avx2") {
            // SAFETY: as above, for `wide_avx2`.
            return unsafe { wide_avx2::<SIGMOID>(theta, xs, ys, scale) };
        }
    }
    body::<SIGMOID>(theta, xs, ys, scale)
}

// The same body compiled for wider vectors. Rust never contracts a·b + c into an FMA
// on its own, so these give the same bits as the baseline build.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
unsafe fn wide_avx512<const SIGMOID: bool>(
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    scale: f64,
) -> (f64, [f64; 3]) {
    body::<SIGMOID>(theta, xs, ys, scale)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn wide_avx2<const SIGMOID: bool>(
    theta: &[f64],
    xs: &[f64],
    ys: &[f64],
    scale: f64,
) -> (f64, [f64; 3]) {
    body::<SIGMOID>(theta, xs, ys, scale)
}

#[inline(always)]
fn body<const SIGMOID: bool>(theta: &[f64], xs: &[f64], ys: &[f64], scale: f64) -> (f64, [f64; 3]) {
    let (w, b, c) = (theta[0], theta[1], theta[2]);
    let mut acc = [[0.0f64; LANES]; 4];
    let whole = ys.len() / LANES * LANES;
    for (xb, yb) in xs[..whole]
        .chunks_exact(LANES)
        .zip(ys[..whole].chunks_exact(LANES))
    {
        for lane in 0..LANES {
            let [l, gw, gb, gc] = row::<SIGMOID>(w, b, c, xb[lane], yb[lane], scale);
            acc[0][lane] += l;
            acc[1][lane] += gw;
            acc[2][lane] += gb;
            acc[3][lane] += gc;
        }
    }
    for (lane, (&x, &y)) in xs[whole..ys.len()].iter().zip(&ys[whole..]).enumerate() {
        let terms = row::<SIGMOID>(w, b, c, x, y, scale);
        for (sum, term) in acc.iter_mut().zip(terms) {
            sum[lane] += term;
        }
    }
    let sum = |v: &[f64; LANES]| v.iter().sum::<f64>();
    (sum(&acc[0]), [sum(&acc[1]), sum(&acc[2]), sum(&acc[3])])
}

/// l, ∂l/∂w, ∂l/∂b, ∂l/∂c for one row.
#[inline(always)]
fn row<const SIGMOID: bool>(w: f64, b: f64, c: f64, x: f64, y: f64, scale: f64) -> [f64; 4] {
    let z = w * x + b;
    let (a, da) = if SIGMOID {
        sigmoid_and_slope(z)
    } else if z > 0.0 {
        (z, 1.0)
    } else {
        (0.0, 0.0)
    };
    let r = y - c * a;
    let slope = -2.0 * scale * r;
    let t = slope * c * da;
    [scale * r * r, t * x, t, slope * a]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> (Vec<f64>, Vec<f64>) {
        let xs: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 1000) as f64 / 125.0 - 4.0)
            .collect();
        let ys: Vec<f64> = xs.iter().map(|x| (0.8 * x).tanh() + 0.3).collect();
        (xs, ys)
    }

    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let (xs, ys) = rows(4099);
        for sigmoid in [true, false] {
            let theta = [1.3, -0.2, 2.1];
            let baseline = if sigmoid {
                body::<true>(&theta, &xs, &ys, 1.0)
            } else {
                body::<false>(&theta, &xs, &ys, 1.0)
            };
            let act = if sigmoid {
                Activation::Sigmoid
            } else {
                Activation::Relu
            };
            assert_eq!(neuron_squared(act, &theta, &xs, &ys, 1.0), baseline);
        }
    }

    #[test]
    fn matches_the_row_by_row_definition() {
        let (xs, ys) = rows(1003);
        let theta = [0.7, 0.4, -1.5];
        for (act, scale) in [(Activation::Sigmoid, 1.0), (Activation::Relu, 0.5)] {
            let (mut loss, mut grad) = (0.0, [0.0; 3]);
            for (&x, &y) in xs.iter().zip(&ys) {
                let (a, da) = act.eval(theta[0] * x + theta[1]);
                let r = y - theta[2] * a;
                loss += scale * r * r;
                let slope = -2.0 * scale * r;
                grad[0] += slope * theta[2] * da * x;
                grad[1] += slope * theta[2] * da;
                grad[2] += slope * a;
            }
            let (l, g) = neuron_squared(act, &theta, &xs, &ys, scale);
            approx::assert_relative_eq!(l, loss, max_relative = 1e-13);
            for j in 0..3 {
                approx::assert_relative_eq!(g[j], grad[j], max_relative = 1e-12);
            }
        }
    }
}
