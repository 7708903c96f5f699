//! Built-in synthetic datasets with known ground truth, reproducible from a seed.

use anyhow::{Result, anyhow, bail};
use ndarray::{Array1, Array2};
use rand::distr::Distribution;
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
    DatasetInfo {
        name: "circle",
        about: "class 1 within radius 2.5, class 0 in a ring from 3.5 to 5: two features x1, x2; noise swaps labels near the circle",
        default_n: 200,
        default_noise: 0.0,
    },
    DatasetInfo {
        name: "xor",
        about: "class 1 where x1 and x2 have the same sign, in [-5.3, 5.3] kept 0.3 off the axes; noise swaps labels near them",
        default_n: 200,
        default_noise: 0.0,
    },
    DatasetInfo {
        name: "gauss",
        about: "two Gaussian blobs in (x1, x2): class 1 around (2, 2), class 0 around (-2, -2), variance 0.5 + 7 noise",
        default_n: 200,
        default_noise: 0.0,
    },
    DatasetInfo {
        name: "spiral",
        about: "two interleaved spirals of 1.75 turns out to radius 5 in (x1, x2), one per class; noise moves points by up to its value",
        default_n: 200,
        default_noise: 0.0,
    },
];

/// Largest number of rows [`generate`] will produce.
pub const MAX_N: usize = crate::engine::dataset::MAX_ROWS;

/// The noise asked for is finite but so large that some targets overflow to infinity;
/// a type of its own so that the message can blame `noise` rather than the dataset.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("dataset-overflow", dataset = dataset))]
pub struct NoiseOverflow {
    /// The dataset being generated.
    pub dataset: String,
}

/// Generates the built-in dataset `name` with `n` rows and Gaussian noise of standard deviation `noise`
/// (each defaulting per dataset); the same arguments always give bit-identical data.
///
/// For `classes` the targets are Bernoulli draws, so `noise` is checked but has no effect;
/// for the 2-D classification sets (`circle`, `xor`, `gauss`, `spiral`) it means what
/// it means in TensorFlow Playground, as each one's generator says.
pub fn generate(name: &str, n: Option<usize>, noise: Option<f64>, seed: u64) -> Result<Dataset> {
    let Some(info) = DATASETS.iter().find(|d| d.name == name) else {
        let known = DATASETS
            .iter()
            .map(|d| d.name)
            .collect::<Vec<_>>()
            .join(", ");
        bail!(crate::t!(
            "dataset-unknown",
            name = format!("{name:?}"),
            known = known
        ));
    };
    let recipe = recipe(info.name)
        .ok_or_else(|| anyhow!("dataset `{}` has no generator (internal error)", info.name))?;

    let n = n.unwrap_or(info.default_n);
    if n == 0 {
        bail!(crate::t!("dataset-n-zero", name = name));
    }
    if n > MAX_N {
        bail!(crate::t!(
            "dataset-n-most",
            name = name,
            most = MAX_N,
            value = n
        ));
    }
    let noise = noise.unwrap_or(info.default_noise);
    if !(noise.is_finite() && noise >= 0.0) {
        bail!(crate::t!("dataset-noise", name = name, value = noise));
    }

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (features, x, y) = match recipe {
        Recipe::Uniform(uniform) => {
            let (x, y) = uniform_rows(name, uniform, n, noise, &mut rng)?;
            (uniform.features, x, y)
        }
        Recipe::Plane(draw) => {
            let (x, y) = plane_rows(draw(&mut rng, n, noise));
            (PLANE_FEATURES, x, y)
        }
    };
    if y.iter().any(|v| !v.is_finite()) {
        return Err(NoiseOverflow {
            dataset: name.to_owned(),
        }
        .into());
    }
    let k = features.len();
    let x = Array2::from_shape_vec((n, k), x).map_err(|e| anyhow!("dataset `{name}`: {e}"))?;
    let features = features.iter().map(|s| (*s).to_owned()).collect();
    Dataset::new(x, Array1::from(y), features, "y").map_err(|e| anyhow!("dataset `{name}`: {e}"))
}

/// Rows of a [`Uniform`] recipe: x uniform in its range, sorted, then the targets.
fn uniform_rows(
    name: &str,
    recipe: Uniform,
    n: usize,
    noise: f64,
    rng: &mut ChaCha8Rng,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let k = recipe.features.len();
    let uniform = rand::distr::Uniform::new_inclusive(recipe.lo, recipe.hi)
        .map_err(|e| anyhow!("dataset `{name}`: bad x range: {e}"))?;
    let raw: Vec<f64> = (0..n * k).map(|_| uniform.sample(rng)).collect();
    // Rows sorted by x (then x2) so line plots of the data read left to right.
    let mut rows: Vec<&[f64]> = raw.chunks_exact(k).collect();
    rows.sort_by(|a, b| lexicographic(a, b));
    let x: Vec<f64> = rows.concat();
    drop(rows);

    let y: Vec<f64> = match recipe.target {
        Target::Noisy(f) => {
            let normal =
                Normal::new(0.0, noise).map_err(|e| anyhow!("dataset `{name}`: noise: {e}"))?;
            x.chunks_exact(k)
                .map(|row| f(row) + normal.sample(rng))
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
    Ok((x, y))
}

/// Compares two rows value by value, the first difference deciding.
fn lexicographic(a: &[f64], b: &[f64]) -> std::cmp::Ordering {
    a.iter()
        .zip(b.iter())
        .map(|(p, q)| p.total_cmp(q))
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// Points `[x1, x2, class]` sorted as the uniform sets are (by x1, then x2, then class),
/// so every built-in set reads left to right; split into the rows and the targets.
fn plane_rows(mut points: Vec<[f64; 3]>) -> (Vec<f64>, Vec<f64>) {
    points.sort_by(|a, b| lexicographic(a, b));
    let x = points.iter().flat_map(|p| [p[0], p[1]]).collect();
    let y = points.iter().map(|p| p[2]).collect();
    (x, y)
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
enum Recipe {
    /// Features drawn uniformly, then a target from each row.
    Uniform(Uniform),
    /// Two classes of points in the (x1, x2) plane, drawn as TensorFlow Playground
    /// draws them: `n` points `[x1, x2, class]` from the rng and the noise.
    Plane(fn(&mut ChaCha8Rng, usize, f64) -> Vec<[f64; 3]>),
}

/// Features uniform in `[lo, hi]`, and how the target follows from them.
#[derive(Clone, Copy)]
struct Uniform {
    features: &'static [&'static str],
    lo: f64,
    hi: f64,
    target: Target,
}

/// The feature names of the 2-D classification sets.
const PLANE_FEATURES: &[&str] = &["x1", "x2"];

/// Looks up the generator for a dataset name listed in [`DATASETS`].
fn recipe(name: &str) -> Option<Recipe> {
    let plane: fn(&mut ChaCha8Rng, usize, f64) -> Vec<[f64; 3]> = match name {
        "circle" => circle,
        "xor" => xor,
        "gauss" => gauss,
        "spiral" => spiral,
        _ => return uniform_recipe(name).map(Recipe::Uniform),
    };
    Some(Recipe::Plane(plane))
}

/// The recipe of a dataset whose features are uniform.
fn uniform_recipe(name: &str) -> Option<Uniform> {
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
    Some(Uniform {
        features,
        lo,
        hi,
        target,
    })
}

/// The radius of the circle data: class 1 within half of it, class 0 from 0.7 of it out.
const CIRCLE_RADIUS: f64 = 5.0;

/// `circle`: class 1 uniform in radius and angle within 2.5 of the origin, class 0 at
/// radius 3.5 to 5. Each label is taken where the point would be moved to by the noise,
/// noise·U(−5, 5) in each coordinate, but the point stays put, as in Playground: noise
/// swaps labels near the circle r = 2.5 rather than moving points.
fn circle(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<[f64; 3]> {
    let r = CIRCLE_RADIUS;
    let inside = n - n / 2;
    (0..n)
        .map(|i| {
            let radius = if i < inside {
                rng.random_range(0.0..0.5 * r)
            } else {
                rng.random_range(0.7 * r..r)
            };
            let angle = rng.random_range(0.0..std::f64::consts::TAU);
            let (x1, x2) = (radius * angle.sin(), radius * angle.cos());
            let (d1, d2) = (label_noise(rng, r, noise), label_noise(rng, r, noise));
            let class = f64::from(u8::from((x1 + d1).hypot(x2 + d2) < 0.5 * r));
            [x1, x2, class]
        })
        .collect()
}

/// How far noise moves the point a label is read at: noise·U(−half, half).
fn label_noise(rng: &mut ChaCha8Rng, half: f64, noise: f64) -> f64 {
    rng.random_range(-half..half) * noise
}

/// How far `xor` keeps its points off the axes.
const XOR_PADDING: f64 = 0.3;

/// `xor`: x1 and x2 uniform in (−5, 5), each pushed 0.3 away from 0 (so in
/// [−5.3, −0.3] ∪ (0.3, 5.3)); class 1 where x1·x2 ≥ 0, read at the point moved by
/// noise·U(−5, 5) in each coordinate as for `circle`.
fn xor(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<[f64; 3]> {
    let pad = |v: f64| {
        if v > 0.0 {
            v + XOR_PADDING
        } else {
            v - XOR_PADDING
        }
    };
    (0..n)
        .map(|_| {
            let x1 = pad(rng.random_range(-5.0..5.0));
            let x2 = pad(rng.random_range(-5.0..5.0));
            let (d1, d2) = (label_noise(rng, 5.0, noise), label_noise(rng, 5.0, noise));
            let class = f64::from(u8::from((x1 + d1) * (x2 + d2) >= 0.0));
            [x1, x2, class]
        })
        .collect()
}

/// `gauss`: class 1 around (2, 2), class 0 around (−2, −2), each coordinate normal with
/// variance 0.5 + 7·noise (Playground's 0.5 at no noise to 4 at its most, 0.5).
fn gauss(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<[f64; 3]> {
    // √7·√(noise + 1/14) rather than √(0.5 + 7·noise), which overflows for huge noise.
    let sd = 7f64.sqrt() * (noise + 0.5 / 7.0).sqrt();
    let ones = n - n / 2;
    (0..n)
        .map(|i| {
            let (centre, class) = if i < ones { (2.0, 1.0) } else { (-2.0, 0.0) };
            let z1: f64 = rng.sample(rand_distr::StandardNormal);
            let z2: f64 = rng.sample(rand_distr::StandardNormal);
            [centre + sd * z1, centre + sd * z2, class]
        })
        .collect()
}

/// `spiral`: two arms of 1.75 turns from the origin out to radius 5, class 1's point i
/// of m at radius r = 5i/m and angle t = 1.75·2π·i/m (x1 = r·sin t, x2 = r·cos t),
/// class 0's the same turned by π; each coordinate then moved by noise·U(−1, 1).
fn spiral(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<[f64; 3]> {
    let ones = n - n / 2;
    let mut points = Vec::with_capacity(n);
    for (count, turn, class) in [(ones, 0.0, 1.0), (n / 2, std::f64::consts::PI, 0.0)] {
        for i in 0..count {
            let share = i as f64 / count as f64;
            let r = 5.0 * share;
            let t = 1.75 * share * std::f64::consts::TAU + turn;
            let x1 = r * t.sin() + rng.random_range(-1.0..1.0) * noise;
            let x2 = r * t.cos() + rng.random_range(-1.0..1.0) * noise;
            points.push([x1, x2, class]);
        }
    }
    points
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

    /// The sets whose targets follow a formula plus Gaussian noise.
    fn noisy_names() -> impl Iterator<Item = &'static str> {
        names().filter(|n| {
            matches!(
                recipe(n),
                Some(Recipe::Uniform(Uniform {
                    target: Target::Noisy(_),
                    ..
                }))
            )
        })
    }

    /// The 2-D classification sets.
    const PLANE_SETS: [&str; 4] = ["circle", "xor", "gauss", "spiral"];

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
        // Some noise, since `spiral` without it is the same for every seed.
        for name in names() {
            let a = generate(name, Some(200), Some(0.2), 1).unwrap();
            let b = generate(name, Some(200), Some(0.2), 2).unwrap();
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
                if let Some(Recipe::Uniform(r)) = recipe(name) {
                    assert_eq!(data.n_features(), r.features.len());
                    assert!(data.x_slice().iter().all(|v| (r.lo..=r.hi).contains(v)));
                } else {
                    assert_eq!(data.n_features(), 2);
                }
                let first: Vec<f64> = data.x.column(0).to_vec();
                assert!(first.windows(2).all(|w| w[0] <= w[1]), "{name} not sorted");
            }
        }
    }

    #[test]
    fn feature_names() {
        assert_eq!(generate("line", None, None, 0).unwrap().features, vec!["x"]);
        for name in ["plane"].into_iter().chain(PLANE_SETS) {
            assert_eq!(
                generate(name, None, None, 0).unwrap().features,
                vec!["x1", "x2"],
                "{name}"
            );
        }
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
        for name in noisy_names() {
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
        for name in noisy_names() {
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
        let message = generate("moons", None, None, 0).unwrap_err().to_string();
        assert!(!message.contains('\n'));
        assert!(
            message.starts_with("unknown dataset \"moons\""),
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

    /// Rows of a 2-D set as (x1, x2, class).
    fn points(data: &Dataset) -> Vec<(f64, f64, f64)> {
        data.x_slice()
            .chunks_exact(2)
            .zip(data.y_slice())
            .map(|(r, &y)| (r[0], r[1], y))
            .collect()
    }

    #[test]
    fn plane_sets_have_zero_one_targets_and_the_asked_shape() {
        for name in PLANE_SETS {
            for n in [1, 2, 7, 200] {
                for noise in [0.0, 0.3] {
                    let data = generate(name, Some(n), Some(noise), 5).unwrap();
                    assert_eq!(data.x.dim(), (n, 2), "{name}");
                    assert_eq!(data.y_slice().len(), n);
                    assert!(data.y_slice().iter().all(|&y| y == 0.0 || y == 1.0));
                }
            }
        }
    }

    #[test]
    fn plane_sets_are_balanced() {
        // Without noise, circle, gauss and spiral draw n − n/2 of class 1 and n/2 of class 0.
        for name in ["circle", "gauss", "spiral"] {
            for n in [1, 2, 9, 200] {
                let data = generate(name, Some(n), Some(0.0), 3).unwrap();
                let ones = data.y_slice().iter().filter(|&&y| y == 1.0).count();
                assert_eq!(ones, n - n / 2, "{name} n = {n}");
            }
        }
        // xor's classes are quadrants of a uniform square: half each, give or take.
        for noise in [0.0, 0.3] {
            let data = generate("xor", Some(4000), Some(noise), 3).unwrap();
            let ones = data.y_slice().iter().filter(|&&y| y == 1.0).count();
            assert!((1800..=2200).contains(&ones), "xor: {ones} of 4000");
        }
    }

    #[test]
    fn circle_without_noise_puts_class_one_inside_and_class_zero_in_the_ring() {
        let data = generate("circle", Some(2000), Some(0.0), 8).unwrap();
        for (x1, x2, y) in points(&data) {
            let r = x1.hypot(x2);
            if y == 1.0 {
                assert!(r < 2.5, "class 1 at radius {r}");
            } else {
                assert!((3.5 - 1e-12..=5.0 + 1e-12).contains(&r), "class 0 at {r}");
            }
        }
        // Noise swaps labels, but only near the circle r = 2.5 for a little noise.
        let noisy = generate("circle", Some(2000), Some(0.1), 8).unwrap();
        let swapped = points(&noisy)
            .iter()
            .filter(|(x1, x2, y)| (x1.hypot(*x2) < 2.5) != (*y == 1.0))
            .count();
        assert!(swapped > 0, "noise 0.1 swaps some labels");
    }

    #[test]
    fn xor_keeps_off_the_axes_and_labels_by_quadrant() {
        let data = generate("xor", Some(2000), Some(0.0), 4).unwrap();
        for (x1, x2, y) in points(&data) {
            for v in [x1, x2] {
                assert!(v.abs() >= 0.3 && v.abs() <= 5.3, "{v}");
            }
            assert_eq!(y == 1.0, x1.signum() == x2.signum(), "({x1}, {x2}) {y}");
        }
    }

    #[test]
    fn gauss_blobs_sit_at_their_centres_with_their_variance() {
        for noise in [0.0, 0.5] {
            let data = generate("gauss", Some(20_000), Some(noise), 6).unwrap();
            let variance = 0.5 + 7.0 * noise;
            for (class, centre) in [(1.0, 2.0), (0.0, -2.0)] {
                let xs: Vec<f64> = points(&data)
                    .iter()
                    .filter(|p| p.2 == class)
                    .flat_map(|p| [p.0, p.1])
                    .collect();
                let n = xs.len() as f64;
                let mean = xs.iter().sum::<f64>() / n;
                let var = xs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
                assert!((mean - centre).abs() < 0.05, "{noise}: mean {mean}");
                assert!((var / variance - 1.0).abs() < 0.05, "{noise}: var {var}");
            }
        }
        // A huge noise is finite data, not an overflow.
        assert!(generate("gauss", Some(50), Some(1e308), 1).is_ok());
    }

    #[test]
    fn spiral_points_lie_on_their_arm() {
        let data = generate("spiral", Some(400), Some(0.0), 2).unwrap();
        for (x1, x2, y) in points(&data) {
            let r = x1.hypot(x2);
            assert!(r < 5.0 + 1e-12);
            // Class 1's arm at radius r is at angle 1.75·2π·r/5; class 0's half a turn on.
            let t = 1.75 * std::f64::consts::TAU * r / 5.0
                + if y == 1.0 { 0.0 } else { std::f64::consts::PI };
            let (e1, e2) = (r * t.sin(), r * t.cos());
            assert!((x1 - e1).hypot(x2 - e2) < 1e-9, "({x1}, {x2}) class {y}");
        }
        // Without noise the spiral is the same for every seed; noise moves each coordinate
        // by at most its value.
        let other = generate("spiral", Some(400), Some(0.0), 99).unwrap();
        assert_eq!(bits(&data), bits(&other));
        let noisy = generate("spiral", Some(400), Some(0.25), 2).unwrap();
        assert_ne!(bits(&data), bits(&noisy));
        let reach = 5.0 + 0.25 * 2f64.sqrt() + 1e-12;
        assert!(points(&noisy).iter().all(|p| p.0.hypot(p.1) <= reach));
    }
}
