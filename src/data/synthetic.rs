//! Built-in synthetic datasets with known ground truth, reproducible from a seed.

use anyhow::{Result, anyhow, bail};
use ndarray::{Array1, Array2};
use rand::distr::{Distribution, Uniform};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Normal;

use crate::engine::dataset::Dataset;

/// Describes one built-in dataset for listings and defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatasetInfo {
    /// Name passed to [`generate`].
    pub name: &'static str,
    /// One-line description of the data and why it is interesting.
    pub about: &'static str,
    /// Number of rows when the caller does not choose one.
    pub default_n: usize,
    /// Standard deviation of the Gaussian noise when the caller does not choose one.
    pub default_noise: f64,
}

/// Every built-in dataset, in the order they should be listed.
pub const DATASETS: &[DatasetInfo] = &[
    DatasetInfo {
        name: "line",
        about: "y = 2x + 1 + noise, x in [-3, 3]: the plain linear-regression case",
        default_n: 40,
        default_noise: 0.5,
    },
    DatasetInfo {
        name: "uncentered",
        about: "y = 1.5x - 4 + noise, x in [8, 12]: uncentred x makes a long narrow (w, b) valley",
        default_n: 40,
        default_noise: 0.5,
    },
    DatasetInfo {
        name: "plane",
        about: "y = 1.5 x1 - 2 x2 + 0.5 + noise, x1 and x2 in [-2, 2]: two features",
        default_n: 60,
        default_noise: 0.3,
    },
    DatasetInfo {
        name: "sigmoid",
        about: "y = 3 sigmoid(1.5x - 0.5) + noise, x in [-4, 4]: a smooth step",
        default_n: 50,
        default_noise: 0.1,
    },
    DatasetInfo {
        name: "relu",
        about: "y = 2 max(0, x - 0.5) + noise, x in [-3, 3]: a hinge",
        default_n: 50,
        default_noise: 0.2,
    },
    DatasetInfo {
        name: "hard-sigmoid",
        about: "y = clamp(0.5x + 0.5, 0, 1) + noise, x in [-3, 3]: a ramp between two flats",
        default_n: 50,
        default_noise: 0.05,
    },
    DatasetInfo {
        name: "classes",
        about: "y is 1 with probability sigmoid(2x), else 0, x in [-3, 3]: two classes (noise is ignored)",
        default_n: 60,
        default_noise: 0.0,
    },
    DatasetInfo {
        name: "wiggle",
        about: "y = sin(1.5x) + 0.3x + noise, x in [-3, 3]: not linear at all",
        default_n: 60,
        default_noise: 0.1,
    },
];

/// Largest number of rows [`generate`] will produce.
pub const MAX_N: usize = crate::engine::dataset::MAX_ROWS;

/// The noise asked for is finite but so large that some targets overflow to infinity;
/// a type of its own so that the message can blame `noise` rather than the dataset.
#[derive(Debug, thiserror::Error)]
#[error("too large for dataset `{dataset}`: its targets overflow to infinity")]
pub struct NoiseOverflow {
    /// The dataset being generated.
    pub dataset: String,
}

/// Generates the built-in dataset `name` with `n` rows and Gaussian noise of standard deviation `noise`
/// (each defaulting per dataset); the same arguments always give bit-identical data.
///
/// For `classes` the targets are Bernoulli draws, so `noise` is checked but has no effect.
pub fn generate(name: &str, n: Option<usize>, noise: Option<f64>, seed: u64) -> Result<Dataset> {
    let Some(info) = DATASETS.iter().find(|d| d.name == name) else {
        let known = DATASETS
            .iter()
            .map(|d| d.name)
            .collect::<Vec<_>>()
            .join(", ");
        bail!("unknown dataset {name:?}; known datasets: {known}");
    };
    let recipe = recipe(info.name)
        .ok_or_else(|| anyhow!("dataset `{}` has no generator (internal error)", info.name))?;

    let n = n.unwrap_or(info.default_n);
    if n == 0 {
        bail!("dataset `{name}`: n must be at least 1, got 0");
    }
    if n > MAX_N {
        bail!("dataset `{name}`: n must be at most {MAX_N}, got {n}");
    }
    let noise = noise.unwrap_or(info.default_noise);
    if !(noise.is_finite() && noise >= 0.0) {
        bail!("dataset `{name}`: noise must be a finite number >= 0, got {noise}");
    }

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let k = recipe.features.len();
    let uniform = Uniform::new_inclusive(recipe.lo, recipe.hi)
        .map_err(|e| anyhow!("dataset `{name}`: bad x range: {e}"))?;
    let raw: Vec<f64> = (0..n * k).map(|_| uniform.sample(&mut rng)).collect();
    // Rows sorted by x (then x2) so line plots of the data read left to right.
    let mut rows: Vec<&[f64]> = raw.chunks_exact(k).collect();
    rows.sort_by(|a, b| {
        a.iter()
            .zip(b.iter())
            .map(|(p, q)| p.total_cmp(q))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let x: Vec<f64> = rows.concat();
    drop(rows);

    let y: Vec<f64> = match recipe.target {
        Target::Noisy(f) => {
            let normal =
                Normal::new(0.0, noise).map_err(|e| anyhow!("dataset `{name}`: noise: {e}"))?;
            x.chunks_exact(k)
                .map(|row| f(row) + normal.sample(&mut rng))
                .collect()
        }
        Target::Bernoulli(p) => x
            .chunks_exact(k)
            .map(|row| {
                if rng.random::<f64>() < p(row) {
                    1.0
                } else {
                    0.0
                }
            })
            .collect(),
    };

    if y.iter().any(|v| !v.is_finite()) {
        return Err(NoiseOverflow {
            dataset: name.to_owned(),
        }
        .into());
    }
    let x = Array2::from_shape_vec((n, k), x).map_err(|e| anyhow!("dataset `{name}`: {e}"))?;
    let features = recipe.features.iter().map(|s| (*s).to_owned()).collect();
    Dataset::new(x, Array1::from(y), features, "y").map_err(|e| anyhow!("dataset `{name}`: {e}"))
}

/// How a dataset's targets come from a feature row.
#[derive(Clone, Copy)]
enum Target {
    /// Clean value plus Gaussian noise.
    Noisy(fn(&[f64]) -> f64),
    /// 1 with the given probability, else 0.
    Bernoulli(fn(&[f64]) -> f64),
}

/// The generator behind one [`DatasetInfo`].
#[derive(Clone, Copy)]
struct Recipe {
    features: &'static [&'static str],
    lo: f64,
    hi: f64,
    target: Target,
}

/// Looks up the generator for a dataset name listed in [`DATASETS`].
fn recipe(name: &str) -> Option<Recipe> {
    const X: &[&str] = &["x"];
    let (features, lo, hi, target): (&'static [&'static str], f64, f64, Target) = match name {
        "line" => (X, -3.0, 3.0, Target::Noisy(|r| 2.0 * r[0] + 1.0)),
        "uncentered" => (X, 8.0, 12.0, Target::Noisy(|r| 1.5 * r[0] - 4.0)),
        "plane" => (
            &["x1", "x2"],
            -2.0,
            2.0,
            Target::Noisy(|r| 1.5 * r[0] - 2.0 * r[1] + 0.5),
        ),
        "sigmoid" => (
            X,
            -4.0,
            4.0,
            Target::Noisy(|r| 3.0 * sigmoid(1.5 * r[0] - 0.5)),
        ),
        "relu" => (X, -3.0, 3.0, Target::Noisy(|r| 2.0 * (r[0] - 0.5).max(0.0))),
        "hard-sigmoid" => (
            X,
            -3.0,
            3.0,
            Target::Noisy(|r| (0.5 * r[0] + 0.5).clamp(0.0, 1.0)),
        ),
        "classes" => (X, -3.0, 3.0, Target::Bernoulli(|r| sigmoid(2.0 * r[0]))),
        "wiggle" => (
            X,
            -3.0,
            3.0,
            Target::Noisy(|r| (1.5 * r[0]).sin() + 0.3 * r[0]),
        ),
        _ => return None,
    };
    Some(Recipe {
        features,
        lo,
        hi,
        target,
    })
}

/// Logistic function that never overflows: `exp` only ever sees a non-positive argument.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> impl Iterator<Item = &'static str> {
        DATASETS.iter().map(|d| d.name)
    }

    fn bits(data: &Dataset) -> (Vec<u64>, Vec<u64>) {
        (
            data.x_slice().iter().map(|v| v.to_bits()).collect(),
            data.y_slice().iter().map(|v| v.to_bits()).collect(),
        )
    }

    #[test]
    fn every_listed_dataset_has_a_generator_and_unique_name() {
        for (i, info) in DATASETS.iter().enumerate() {
            assert!(recipe(info.name).is_some(), "{}", info.name);
            assert!(
                DATASETS[..i].iter().all(|d| d.name != info.name),
                "duplicate {}",
                info.name
            );
            assert!(!info.about.contains('\n'));
            assert!(info.default_n >= 1);
        }
    }

    #[test]
    fn defaults_are_used() {
        for info in DATASETS {
            let data = generate(info.name, None, None, 7).unwrap();
            assert_eq!(data.len(), info.default_n, "{}", info.name);
            assert_eq!(data.target, "y");
        }
        assert_eq!(generate("line", None, None, 0).unwrap().len(), 40);
        assert_eq!(generate("plane", None, None, 0).unwrap().len(), 60);
    }

    #[test]
    fn same_seed_same_data() {
        for name in names() {
            let a = generate(name, Some(200), Some(0.3), 42).unwrap();
            let b = generate(name, Some(200), Some(0.3), 42).unwrap();
            assert_eq!(bits(&a), bits(&b), "{name}");
            assert_eq!(a.features, b.features);
        }
    }

    #[test]
    fn different_seed_different_data() {
        for name in names() {
            let a = generate(name, Some(200), None, 1).unwrap();
            let b = generate(name, Some(200), None, 2).unwrap();
            assert_ne!(a.x_slice(), b.x_slice(), "{name}");
            assert_ne!(a.y_slice(), b.y_slice(), "{name}");
        }
    }

    #[test]
    fn n_is_respected_and_x_is_sorted_in_range() {
        for name in names() {
            for n in [1, 2, 17, 1000] {
                let data = generate(name, Some(n), None, 3).unwrap();
                assert_eq!(data.len(), n, "{name}");
                let r = recipe(name).unwrap();
                assert_eq!(data.n_features(), r.features.len());
                assert!(data.x_slice().iter().all(|v| (r.lo..=r.hi).contains(v)));
                let first: Vec<f64> = data.x.column(0).to_vec();
                assert!(first.windows(2).all(|w| w[0] <= w[1]), "{name} not sorted");
            }
        }
    }

    #[test]
    fn feature_names() {
        assert_eq!(generate("line", None, None, 0).unwrap().features, vec!["x"]);
        assert_eq!(
            generate("plane", None, None, 0).unwrap().features,
            vec!["x1", "x2"]
        );
    }

    /// Clean values written out independently of `recipe`, to check it.
    fn expected(name: &str, r: &[f64]) -> f64 {
        let s = |z: f64| 1.0 / (1.0 + (-z).exp());
        match name {
            "line" => 2.0 * r[0] + 1.0,
            "uncentered" => 1.5 * r[0] - 4.0,
            "plane" => 1.5 * r[0] - 2.0 * r[1] + 0.5,
            "sigmoid" => 3.0 * s(1.5 * r[0] - 0.5),
            "relu" => 2.0 * f64::max(0.0, r[0] - 0.5),
            "hard-sigmoid" => {
                // Piecewise in x rather than clamp, to check the clamp independently.
                if r[0] <= -1.0 {
                    0.0
                } else if r[0] >= 1.0 {
                    1.0
                } else {
                    0.5 * r[0] + 0.5
                }
            }
            "wiggle" => (1.5 * r[0]).sin() + 0.3 * r[0],
            other => panic!("no formula for {other}"),
        }
    }

    #[test]
    fn zero_noise_gives_exactly_the_formula() {
        for name in names().filter(|n| *n != "classes") {
            let data = generate(name, Some(300), Some(0.0), 5).unwrap();
            let k = data.n_features();
            for (row, y) in data.x_slice().chunks_exact(k).zip(data.y_slice()) {
                let want = expected(name, row);
                // The sigmoid in the code is a different (overflow-safe) expression.
                if name == "sigmoid" {
                    assert!((y - want).abs() <= 1e-14, "{name}: {y} vs {want}");
                } else {
                    assert_eq!(*y, want, "{name} at {row:?}");
                }
            }
        }
    }

    #[test]
    fn noise_level_is_respected() {
        for name in names().filter(|n| *n != "classes") {
            for noise in [0.05, 0.5, 2.0] {
                let data = generate(name, Some(20_000), Some(noise), 11).unwrap();
                let k = data.n_features();
                let residuals: Vec<f64> = data
                    .x_slice()
                    .chunks_exact(k)
                    .zip(data.y_slice())
                    .map(|(row, y)| y - expected(name, row))
                    .collect();
                let n = residuals.len() as f64;
                let mean = residuals.iter().sum::<f64>() / n;
                let sd = (residuals.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n).sqrt();
                assert!(mean.abs() < 0.05 * noise.max(0.5), "{name}: mean {mean}");
                assert!(
                    (sd / noise - 1.0).abs() < 0.03,
                    "{name}: sd {sd} vs {noise}"
                );
            }
        }
    }

    #[test]
    fn classes_are_zero_or_one_and_follow_x() {
        let data = generate("classes", Some(5000), None, 9).unwrap();
        assert!(data.y_slice().iter().all(|&y| y == 0.0 || y == 1.0));
        let (mut left, mut right) = (0.0, 0.0);
        for (x, y) in data.x_slice().iter().zip(data.y_slice()) {
            if *x < -1.5 {
                left += y;
            } else if *x > 1.5 {
                right += y;
            }
        }
        assert!(right > 5.0 * left, "left {left}, right {right}");
        // Noise is documented as ignored.
        let quiet = generate("classes", Some(100), Some(0.0), 4).unwrap();
        let loud = generate("classes", Some(100), Some(3.0), 4).unwrap();
        assert_eq!(bits(&quiet), bits(&loud));
    }

    #[test]
    fn unknown_name() {
        let message = generate("spiral", None, None, 0).unwrap_err().to_string();
        assert!(!message.contains('\n'));
        assert!(
            message.starts_with("unknown dataset \"spiral\""),
            "{message}"
        );
        for name in names() {
            assert!(message.contains(name), "{message} lacks {name}");
        }
    }

    #[test]
    fn bad_n() {
        let message = generate("line", Some(0), None, 0).unwrap_err().to_string();
        assert_eq!(message, "dataset `line`: n must be at least 1, got 0");
        let message = generate("line", Some(MAX_N + 1), None, 0)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            format!(
                "dataset `line`: n must be at most {MAX_N}, got {}",
                MAX_N + 1
            )
        );
    }

    #[test]
    fn noise_that_overflows_the_targets_is_its_own_error() {
        let err = generate("line", None, Some(1e308), 0).unwrap_err();
        assert!(err.is::<NoiseOverflow>(), "{err}");
        assert_eq!(
            err.to_string(),
            "too large for dataset `line`: its targets overflow to infinity"
        );
        // `classes` ignores the noise, so any finite amount is fine there.
        assert!(generate("classes", None, Some(1e308), 0).is_ok());
    }

    #[test]
    fn bad_noise() {
        for noise in [-0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for name in ["line", "classes"] {
                let message = generate(name, None, Some(noise), 0)
                    .unwrap_err()
                    .to_string();
                assert!(
                    message.starts_with(&format!(
                        "dataset `{name}`: noise must be a finite number >= 0"
                    )),
                    "{message}"
                );
            }
        }
    }

    #[test]
    fn sigmoid_is_safe_at_extremes() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f64::MAX).is_finite() && sigmoid(f64::MIN).is_finite());
        assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
    }
}
