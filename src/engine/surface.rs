//! The textbook surfaces: functions f(x, y) trained on directly, with no data, where
//! local minima, saddles, plateaus and conditioning can be seen on their own.
//!
//! Each is defined in the README ("Surfaces"); gradients and Hessians are analytic.

use std::f64::consts::PI;
use std::fmt;

use super::error::Error;

/// Largest condition number `quadratic:K` takes: beyond it the ellipse's short axis is
/// thinner than a cell of any screen.
pub const MAX_CONDITION: f64 = 1e6;

/// A function of two parameters (x, y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Surface {
    /// (1 − x)² + 100·(y − x²)²: a curved valley, minimum 0 at (1, 1).
    Rosenbrock,
    /// (x² + y − 11)² + (x + y² − 7)²: four minima of value 0.
    Himmelblau,
    /// x² − y²: a saddle at (0, 0), no minimum.
    Saddle,
    /// x³ − 3·x·y²: a saddle with three valleys at (0, 0), no minimum.
    MonkeySaddle,
    /// 20 + Σ (t² − 10·cos 2πt) over t = x, y: minimum 0 at (0, 0) amid many local ones.
    Rastrigin,
    /// 1 − e^(−(x² + y²)/2): flat far from the origin, then a drop to 0 at (0, 0).
    Plateau,
    /// ½·(K·u² + v²) with (u, v) = (x, y) turned by `angle` degrees: an ellipse of
    /// condition number K, minimum 0 at (0, 0).
    Quadratic {
        /// The condition number K = λmax/λmin ≥ 1.
        condition: f64,
        /// The turn of its long axis from the y axis, in degrees.
        angle: f64,
    },
    /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5).
    Beale,
}

/// The surface names `--surface` takes (`quadratic` with `:K[:ANGLE]`).
pub const SURFACE_NAMES: [&str; 8] = [
    "rosenbrock",
    "himmelblau",
    "saddle",
    "monkey-saddle",
    "rastrigin",
    "plateau",
    "quadratic:K",
    "beale",
];

/// The surfaces named by a word alone, with their names: one list for parsing and printing.
const NAMED: [(&str, Surface); 7] = [
    ("rosenbrock", Surface::Rosenbrock),
    ("himmelblau", Surface::Himmelblau),
    ("saddle", Surface::Saddle),
    ("monkey-saddle", Surface::MonkeySaddle),
    ("rastrigin", Surface::Rastrigin),
    ("plateau", Surface::Plateau),
    ("beale", Surface::Beale),
];

impl Surface {
    /// Parses `rosenbrock`, …, `quadratic:K` or `quadratic:K:ANGLE`.
    pub fn parse(text: &str) -> Result<Surface, Error> {
        let text = text.trim();
        let unknown = || Error::Unknown {
            what: "noun-surface",
            name: text.to_owned(),
            known: SURFACE_NAMES.join(", "),
        };
        if let Some(&(_, s)) = NAMED.iter().find(|(name, _)| *name == text) {
            return Ok(s);
        }
        let rest = text.strip_prefix("quadratic:").ok_or_else(unknown)?;
        let (k, angle) = rest.split_once(':').unwrap_or((rest, "0"));
        let number = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
        let bad = |reason: String| Error::Hyperparameter {
            name: "surface",
            reason: format!("`{text}`: {reason}"),
        };
        let condition = number(k)
            .filter(|k| (1.0..=MAX_CONDITION).contains(k))
            .ok_or_else(|| bad(crate::t!("reason-condition", most = MAX_CONDITION)))?;
        let angle = number(angle).ok_or_else(|| bad(crate::t!("reason-angle")))?;
        Ok(Surface::Quadratic { condition, angle })
    }

    /// f(x, y) and its gradient (∂f/∂x, ∂f/∂y).
    pub fn value_and_gradient(&self, x: f64, y: f64) -> (f64, [f64; 2]) {
        match *self {
            Surface::Rosenbrock => {
                let (a, b) = (1.0 - x, y - x * x);
                (a * a + 100.0 * b * b, [-2.0 * a - 400.0 * x * b, 200.0 * b])
            }
            Surface::Himmelblau => {
                let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
                (
                    a * a + b * b,
                    [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b],
                )
            }
            Surface::Saddle => (x * x - y * y, [2.0 * x, -2.0 * y]),
            Surface::MonkeySaddle => (
                x * x * x - 3.0 * x * y * y,
                [3.0 * x * x - 3.0 * y * y, -6.0 * x * y],
            ),
            Surface::Rastrigin => {
                let term = |t: f64| {
                    let w = 2.0 * PI * t;
                    (t * t - 10.0 * w.cos(), 2.0 * t + 20.0 * PI * w.sin())
                };
                let ((fx, gx), (fy, gy)) = (term(x), term(y));
                (20.0 + fx + fy, [gx, gy])
            }
            Surface::Plateau => {
                let e = (-(x * x + y * y) / 2.0).exp();
                (1.0 - e, [x * e, y * e])
            }
            Surface::Quadratic { .. } => {
                let h = self.hessian(x, y);
                let g = [h[0][0] * x + h[0][1] * y, h[1][0] * x + h[1][1] * y];
                ((g[0] * x + g[1] * y) / 2.0, g)
            }
            Surface::Beale => {
                let mut f = 0.0;
                let mut g = [0.0, 0.0];
                for (k, c) in [(1, 1.5), (2, 2.25), (3, 2.625)] {
                    let yk = y.powi(k);
                    let r = c - x + x * yk;
                    f += r * r;
                    g[0] += 2.0 * r * (yk - 1.0);
                    g[1] += 2.0 * r * x * f64::from(k) * y.powi(k - 1);
                }
                (f, g)
            }
        }
    }

    /// The Hessian [[f_xx, f_xy], [f_xy, f_yy]] at (x, y).
    pub fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        match *self {
            Surface::Rosenbrock => {
                let xy = -400.0 * x;
                [[2.0 - 400.0 * (y - x * x) + 800.0 * x * x, xy], [xy, 200.0]]
            }
            Surface::Himmelblau => {
                let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
                let xy = 4.0 * x + 4.0 * y;
                [
                    [4.0 * a + 8.0 * x * x + 2.0, xy],
                    [xy, 2.0 + 4.0 * b + 8.0 * y * y],
                ]
            }
            Surface::Saddle => [[2.0, 0.0], [0.0, -2.0]],
            Surface::MonkeySaddle => [[6.0 * x, -6.0 * y], [-6.0 * y, -6.0 * x]],
            Surface::Rastrigin => {
                let c = |t: f64| 2.0 + 40.0 * PI * PI * (2.0 * PI * t).cos();
                [[c(x), 0.0], [0.0, c(y)]]
            }
            Surface::Plateau => {
                let e = (-(x * x + y * y) / 2.0).exp();
                let xy = -x * y * e;
                [[(1.0 - x * x) * e, xy], [xy, (1.0 - y * y) * e]]
            }
            Surface::Quadratic { condition, angle } => {
                // R·diag(K, 1)·Rᵀ, R turning by `angle`.
                let (s, c) = angle.to_radians().sin_cos();
                let xy = (condition - 1.0) * c * s;
                [
                    [condition * c * c + s * s, xy],
                    [xy, condition * s * s + c * c],
                ]
            }
            Surface::Beale => {
                let (mut xx, mut xy, mut yy) = (0.0, 0.0, 0.0);
                for (k, c) in [(1, 1.5), (2, 2.25), (3, 2.625)] {
                    let kf = f64::from(k);
                    let yk = y.powi(k);
                    let r = c - x + x * yk;
                    let (rx, ry) = (yk - 1.0, x * kf * y.powi(k - 1));
                    let rxy = kf * y.powi(k - 1);
                    let ryy = if k >= 2 {
                        x * kf * (kf - 1.0) * y.powi(k - 2)
                    } else {
                        0.0
                    };
                    xx += 2.0 * rx * rx;
                    xy += 2.0 * (rx * ry + r * rxy);
                    yy += 2.0 * (ry * ry + r * ryy);
                }
                [[xx, xy], [xy, yy]]
            }
        }
    }

    /// f(x, y) written out, as the README defines it.
    pub fn formula(&self) -> String {
        match self {
            Surface::Rosenbrock => "(1 − x)² + 100·(y − x²)²".into(),
            Surface::Himmelblau => "(x² + y − 11)² + (x + y² − 7)²".into(),
            Surface::Saddle => "x² − y²".into(),
            Surface::MonkeySaddle => "x³ − 3·x·y²".into(),
            Surface::Rastrigin => "20 + x² − 10·cos 2πx + y² − 10·cos 2πy".into(),
            Surface::Plateau => "1 − e^(−(x² + y²)/2)".into(),
            Surface::Quadratic { condition, angle } => {
                // The README's rotation, written without words so it reads the same in
                // every language.
                format!(
                    "½·({condition}·u² + v²), (u, v) = (x·cos A + y·sin A, −x·sin A + y·cos A), A = {angle}°"
                )
            }
            Surface::Beale => "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²".into(),
        }
    }

    /// ∂f/∂x and ∂f/∂y written out, as [`Surface::value_and_gradient`] computes them.
    pub fn gradient_formulas(&self) -> [String; 2] {
        let pair = |a: &str, b: &str| [a.to_owned(), b.to_owned()];
        match self {
            Surface::Rosenbrock => pair("−2·(1 − x) − 400·x·(y − x²)", "200·(y − x²)"),
            Surface::Himmelblau => pair(
                "4x·(x² + y − 11) + 2·(x + y² − 7)",
                "2·(x² + y − 11) + 4y·(x + y² − 7)",
            ),
            Surface::Saddle => pair("2x", "−2y"),
            Surface::MonkeySaddle => pair("3x² − 3y²", "−6xy"),
            Surface::Rastrigin => pair("2x + 20π·sin 2πx", "2y + 20π·sin 2πy"),
            Surface::Plateau => pair("x·e^(−(x² + y²)/2)", "y·e^(−(x² + y²)/2)"),
            Surface::Quadratic { .. } => pair("H₁₁·x + H₁₂·y", "H₁₂·x + H₂₂·y"),
            Surface::Beale => pair("Σₖ 2·rₖ·(yᵏ − 1)", "Σₖ 2·rₖ·k·x·yᵏ⁻¹"),
        }
    }

    /// True when the Hessian is the same everywhere: `saddle` and `quadratic:K`.
    pub fn is_quadratic(&self) -> bool {
        matches!(self, Surface::Saddle | Surface::Quadratic { .. })
    }

    /// The minimisers, exactly as far as f64 holds them (Himmelblau's three irrational
    /// ones by Newton's method from four-digit guesses); none for the saddles.
    pub fn minima(&self) -> Vec<[f64; 2]> {
        match self {
            Surface::Rosenbrock => vec![[1.0, 1.0]],
            // Polished once: the view asks for them every frame.
            Surface::Himmelblau => {
                static MINIMA: std::sync::OnceLock<Vec<[f64; 2]>> = std::sync::OnceLock::new();
                MINIMA
                    .get_or_init(|| {
                        [
                            [3.0, 2.0],
                            [-2.8051, 3.1313],
                            [-3.7793, -3.2832],
                            [3.5844, -1.8481],
                        ]
                        .into_iter()
                        .map(|p| Surface::Himmelblau.polished(p))
                        .collect()
                    })
                    .clone()
            }
            Surface::Saddle | Surface::MonkeySaddle => Vec::new(),
            Surface::Rastrigin | Surface::Plateau | Surface::Quadratic { .. } => vec![[0.0, 0.0]],
            Surface::Beale => vec![[3.0, 0.5]],
        }
    }

    /// `p` after Newton steps on ∇f = 0 until they stop moving it.
    fn polished(&self, mut p: [f64; 2]) -> [f64; 2] {
        for _ in 0..50 {
            let (_, g) = self.value_and_gradient(p[0], p[1]);
            let [[a, b], [_, d]] = self.hessian(p[0], p[1]);
            let det = a * d - b * b;
            let step = [(d * g[0] - b * g[1]) / det, (a * g[1] - b * g[0]) / det];
            let next = [p[0] - step[0], p[1] - step[1]];
            if next == p {
                break;
            }
            p = next;
        }
        p
    }

    /// Where a run starts unless `--init` says otherwise: on the far side of the
    /// surface's feature (the valley's bend, the saddle's ridge, the plateau).
    pub fn start(&self) -> [f64; 2] {
        match self {
            Surface::Rosenbrock => [-1.5, 2.0],
            Surface::Himmelblau => [0.0, 0.0],
            Surface::Saddle => [1.0, 1e-3],
            Surface::MonkeySaddle => [1.0, 0.0],
            Surface::Rastrigin => [2.3, 1.7],
            Surface::Plateau => [4.0, 4.0],
            Surface::Quadratic { .. } => [1.0, 1.0],
            Surface::Beale => [1.0, 1.0],
        }
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Surface::Quadratic { condition, angle } if *angle == 0.0 => {
                write!(f, "quadratic:{condition}")
            }
            Surface::Quadratic { condition, angle } => write!(f, "quadratic:{condition}:{angle}"),
            named => {
                let name = NAMED.iter().find(|(_, s)| s == named).map(|(n, _)| *n);
                f.write_str(name.expect("every other surface is named"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn every() -> Vec<Surface> {
        SURFACE_NAMES
            .iter()
            .map(|n| Surface::parse(&n.replace('K', "30:25")).unwrap())
            .collect()
    }

    proptest! {
        /// The analytic gradient and Hessian agree with central differences of f and of
        /// the gradient, on every surface.
        #[test]
        fn gradients_and_hessians_match_finite_differences(
            which in 0..8usize,
            x in -2.5..2.5f64,
            y in -2.5..2.5f64,
        ) {
            let s = every()[which];
            let h = 1e-6;
            let (_, g) = s.value_and_gradient(x, y);
            let f = |x: f64, y: f64| s.value_and_gradient(x, y).0;
            let fd = [
                (f(x + h, y) - f(x - h, y)) / (2.0 * h),
                (f(x, y + h) - f(x, y - h)) / (2.0 * h),
            ];
            for i in 0..2 {
                prop_assert!((g[i] - fd[i]).abs() <= 1e-5 * (1.0 + g[i].abs()), "{s} ∂{i}: {} vs {}", g[i], fd[i]);
            }
            let hess = s.hessian(x, y);
            let grad = |x: f64, y: f64| s.value_and_gradient(x, y).1;
            let columns = [
                (grad(x + h, y), grad(x - h, y)),
                (grad(x, y + h), grad(x, y - h)),
            ];
            for (j, (up, down)) in columns.iter().enumerate() {
                for i in 0..2 {
                    let fd = (up[i] - down[i]) / (2.0 * h);
                    prop_assert!((hess[i][j] - fd).abs() <= 1e-4 * (1.0 + fd.abs()), "{s} H[{i}][{j}]: {} vs {fd}", hess[i][j]);
                }
            }
        }
    }

    #[test]
    fn the_minima_are_minima_of_value_0_with_a_flat_gradient() {
        for s in every() {
            for [x, y] in s.minima() {
                let (f, g) = s.value_and_gradient(x, y);
                assert!(f.abs() < 1e-12, "{s} at ({x}, {y}): {f}");
                assert!(g[0].abs() < 1e-9 && g[1].abs() < 1e-9, "{s}: {g:?}");
                let [[a, b], [_, d]] = s.hessian(x, y);
                assert!(
                    a > 0.0 && a * d - b * b > 0.0,
                    "{s}: the Hessian is positive definite"
                );
            }
        }
        assert_eq!(Surface::Himmelblau.minima().len(), 4);
        let m = Surface::Himmelblau.minima();
        assert!((m[1][0] - -2.805118).abs() < 1e-6 && (m[1][1] - 3.131312).abs() < 1e-6);
    }

    #[test]
    fn worked_values() {
        // By hand: rosenbrock(0, 0) = 1; himmelblau(0, 0) = 121 + 49; beale(0, 0) =
        // 1.5² + 2.25² + 2.625²; rastrigin(0.5, 0) = 20 + 0.25 + 10 − 10; a saddle's
        // (1, 1) = 0; monkey-saddle(1, 1) = 1 − 3.
        let at = |s: Surface, x, y| s.value_and_gradient(x, y).0;
        assert_eq!(at(Surface::Rosenbrock, 0.0, 0.0), 1.0);
        assert_eq!(at(Surface::Himmelblau, 0.0, 0.0), 170.0);
        assert_eq!(at(Surface::Beale, 0.0, 0.0), 2.25 + 5.0625 + 6.890625);
        assert!((at(Surface::Rastrigin, 0.5, 0.0) - 20.25).abs() < 1e-12);
        assert_eq!(at(Surface::Saddle, 1.0, 1.0), 0.0);
        assert_eq!(at(Surface::MonkeySaddle, 1.0, 1.0), -2.0);
        assert!((at(Surface::Plateau, 4.0, 4.0) - (1.0 - (-16f64).exp())).abs() < 1e-15);
    }

    #[test]
    fn a_turned_quadratic_keeps_its_condition_number() {
        let s = Surface::parse("quadratic:50:30").unwrap();
        let [[a, b], [_, d]] = s.hessian(0.0, 0.0);
        let (mean, gap) = ((a + d) / 2.0, ((a - d).powi(2) / 4.0 + b * b).sqrt());
        assert!(((mean + gap) / (mean - gap) - 50.0).abs() < 1e-9);
        assert!(((mean - gap) - 1.0).abs() < 1e-12, "λmin = 1");
    }

    #[test]
    fn names_parse_and_print_back() {
        for name in [
            "rosenbrock",
            "himmelblau",
            "saddle",
            "monkey-saddle",
            "rastrigin",
            "plateau",
            "beale",
            "quadratic:10",
            "quadratic:10:45",
        ] {
            assert_eq!(Surface::parse(name).unwrap().to_string(), name);
        }
        assert!(Surface::parse("quadratic:0.5").is_err());
        assert!(Surface::parse("quadratic:nan").is_err());
        assert!(Surface::parse("quadratic:10:x").is_err());
        assert!(
            Surface::parse("sphere")
                .unwrap_err()
                .to_string()
                .contains("rosenbrock")
        );
    }
}
