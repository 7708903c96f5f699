//! Sufficient statistics that make a full-data `linear` + `mse` update O(k²), not O(N).

use ndarray::{Array1, Array2};

use super::dataset::Dataset;

/// Means and centred second moments of the data, computed once in O(N·k²).
///
/// Centring first keeps the loss accurate when x is far from 0, where the raw
/// moments E[x²] and E[x]² nearly cancel.
#[derive(Debug, Clone)]
pub struct LinearStats {
    /// x̄, one per feature.
    x_mean: Array1<f64>,
    /// ȳ.
    y_mean: f64,
    /// mean((x − x̄)(x − x̄)ᵀ).
    sxx: Array2<f64>,
    /// mean((x − x̄)(y − ȳ)).
    sxy: Array1<f64>,
    /// mean((y − ȳ)²).
    syy: f64,
}

impl LinearStats {
    /// Two passes over the data: means, then centred moments. `None` when a moment
    /// overflows (values near ±1e154 and beyond), where only row passes stay exact.
    pub fn new(data: &Dataset) -> Option<Self> {
        let n = data.len() as f64;
        let x_mean = data
            .x
            .mean_axis(ndarray::Axis(0))
            .expect("a dataset has rows");
        let y_mean = data.y.sum() / n;
        let xc = &data.x - &x_mean;
        let yc = &data.y - y_mean;
        let sxx = xc.t().dot(&xc) / n;
        let sxy = xc.t().dot(&yc) / n;
        let syy = yc.dot(&yc) / n;
        let finite = syy.is_finite()
            && y_mean.is_finite()
            && x_mean.iter().chain(&sxx).chain(&sxy).all(|v| v.is_finite());
        finite.then_some(Self {
            x_mean,
            y_mean,
            sxx,
            sxy,
            syy,
        })
    }

    /// mean((y − w·x − b)²) and its gradient over (w, b), for θ = (w1..wk, b).
    ///
    /// With e = ȳ − w·x̄ − b the mean residual: L = Syy − 2w·Sxy + wᵀSxx·w + e²,
    /// ∂L/∂w = −2(Sxy − Sxx·w + e·x̄), ∂L/∂b = −2e.
    pub fn mse_and_gradient(&self, theta: &[f64]) -> (f64, Array1<f64>) {
        let k = self.x_mean.len();
        let w = ndarray::ArrayView1::from(&theta[..k]);
        let b = theta[k];
        let e = self.y_mean - w.dot(&self.x_mean) - b;
        let sxx_w = self.sxx.dot(&w);
        // Rounding can push the centred part a hair below zero at an exact fit; a NaN
        // (moments that overflowed) must stay NaN, which `f64::max` would turn into 0.
        let spread = self.syy - 2.0 * w.dot(&self.sxy) + w.dot(&sxx_w);
        let spread = if spread < 0.0 { 0.0 } else { spread };
        let mut grad = Array1::zeros(k + 1);
        for j in 0..k {
            grad[j] = -2.0 * (self.sxy[j] - sxx_w[j] + e * self.x_mean[j]);
        }
        grad[k] = -2.0 * e;
        (spread + e * e, grad)
    }

    /// mean(x̃x̃ᵀ) for x̃ = (x, 1): half the Hessian of mean((y − θ·x̃)²).
    pub fn second_moment(&self) -> Array2<f64> {
        let k = self.x_mean.len();
        let mut m = Array2::zeros((k + 1, k + 1));
        for i in 0..k {
            for j in 0..k {
                m[[i, j]] = self.sxx[[i, j]] + self.x_mean[i] * self.x_mean[j];
            }
            m[[i, k]] = self.x_mean[i];
            m[[k, i]] = self.x_mean[i];
        }
        m[[k, k]] = 1.0;
        m
    }
}
