//! An `mlp` written out layer by layer for one row: the forward pass z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ +
//! b⁽ˡ⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾), and the backward pass δ⁽ᴸ⁾ = ∂l/∂z⁽ᴸ⁾, δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾) ⊙
//! σ′(z⁽ˡ⁾), ∂l/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ, ∂l/∂b⁽ˡ⁾ = δ⁽ˡ⁾ (README, "Models").
//!
//! The engine sums whole blocks of rows at once; here one row is traced plainly, in the
//! parameter order the README gives (layer by layer, each W row by row, then its b).

use super::context::Context;
use super::{MAX_TERMS, Unit};
use crate::engine::mlp::Mlp;
use crate::fmt::human;
use crate::t;

/// Every layer's z⁽ˡ⁾, a⁽ˡ⁾ and σ′(z⁽ˡ⁾) for one row; index l − 1 holds layer l.
pub(super) struct Trace {
    z: Vec<Vec<f64>>,
    a: Vec<Vec<f64>>,
    slope: Vec<Vec<f64>>,
}

/// Where layer `l`'s W⁽ˡ⁾ starts in θ (its b⁽ˡ⁾ follows it).
fn offset(m: &Mlp, l: usize) -> usize {
    (1..l).map(|k| m.width(k) * (m.width(k - 1) + 1)).sum()
}

/// The forward pass of `m` at `theta` for the row `x`.
pub(super) fn trace(m: &Mlp, theta: &[f64], x: &[f64]) -> Trace {
    let (mut z, mut a, mut slope) = (Vec::new(), Vec::new(), Vec::new());
    let mut input = x.to_vec();
    for l in 1..=m.layers() {
        let (n_in, n_out, at) = (m.width(l - 1), m.width(l), offset(m, l));
        let zl: Vec<f64> = (0..n_out)
            .map(|i| {
                let w = &theta[at + i * n_in..at + (i + 1) * n_in];
                w.iter().zip(&input).map(|(w, a)| w * a).sum::<f64>() + theta[at + n_out * n_in + i]
            })
            .collect();
        let hidden = l < m.layers();
        let (al, sl): (Vec<f64>, Vec<f64>) = if hidden {
            zl.iter().map(|&v| m.activation.eval(v)).unzip()
        } else {
            // The output: identity, or σ with bce (whose δ is taken on z⁽ᴸ⁾ itself).
            (zl.clone(), vec![1.0; n_out])
        };
        input = al.clone();
        z.push(zl);
        a.push(al);
        slope.push(sl);
    }
    Trace { z, a, slope }
}

/// `n` in superscript digits, for layer numbers: z⁽¹²⁾.
fn sup(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).expect("a decimal digit") as usize])
        .collect()
}

/// `(0.12, −0.5, …)`: at most [`MAX_TERMS`] entries.
fn vector(values: &[f64]) -> String {
    let mut shown: Vec<String> = values.iter().take(MAX_TERMS).map(|v| human(*v)).collect();
    if values.len() > MAX_TERMS {
        shown.push(t!("ex-more-units", n = values.len()));
    }
    format!("({})", shown.join(", "))
}

impl Context<'_> {
    /// The forward pass of the first row, one line per layer.
    pub(super) fn network_forward(&self, m: &Mlp) -> Vec<String> {
        let Some(row) = self.rows.first() else {
            return Vec::new();
        };
        let t = trace(m, self.state.params.as_slice().expect("contiguous"), &row.x);
        let act = Self::act_of(m.activation, "z");
        let mut lines = vec![t!("ex-layer-by-layer", x = vector(&row.x))];
        for l in 1..=m.layers() {
            let (s, z) = (sup(l), vector(&t.z[l - 1]));
            lines.push(if l < m.layers() {
                let a = vector(&t.a[l - 1]);
                let before = sup(l - 1);
                format!("  z⁽{s}⁾ = W⁽{s}⁾a⁽{before}⁾ + b⁽{s}⁾ = {z}, a⁽{s}⁾ = {act} = {a}")
            } else {
                let out = match m.sigmoid_output {
                    true => format!("p = σ(z⁽{s}⁾) = {}", human(row.y_hat)),
                    false => format!("ŷ = z⁽{s}⁾ = {}", human(row.y_hat)),
                };
                let before = sup(l - 1);
                format!("  z⁽{s}⁾ = W⁽{s}⁾a⁽{before}⁾ + b⁽{s}⁾ = {z}, {out}")
            });
        }
        lines
    }

    /// The backward pass of the first row, one line per layer, then the chosen unit's
    /// weights and bias worked out.
    pub(super) fn network_backward(&self, m: &Mlp) -> Vec<String> {
        let Some(row) = self.rows.first() else {
            return Vec::new();
        };
        let theta = self.state.params.as_slice().expect("contiguous");
        let t = trace(m, theta, &row.x);
        let big_l = m.layers();
        let mut delta = vec![vec![row.delta]];
        for l in (1..big_l).rev() {
            let (n, n_next, at) = (m.width(l), m.width(l + 1), offset(m, l + 1));
            let next = delta.last().expect("starts with δ⁽ᴸ⁾");
            let dl: Vec<f64> = (0..n)
                .map(|j| {
                    let back: f64 = (0..n_next).map(|i| theta[at + i * n + j] * next[i]).sum();
                    back * t.slope[l - 1][j]
                })
                .collect();
            delta.push(dl);
        }
        delta.reverse();
        let sl = sup(big_l);
        let first = format!("δ⁽{sl}⁾ = ∂l/∂z⁽{sl}⁾ = {}", human(row.delta));
        let mut lines = vec![t!("ex-backprop", delta = first)];
        for l in (1..big_l).rev() {
            let (s, next) = (sup(l), sup(l + 1));
            let d = vector(&delta[l - 1]);
            lines.push(format!(
                "  δ⁽{s}⁾ = (W⁽{next}⁾ᵀδ⁽{next}⁾) ⊙ σ′(z⁽{s}⁾) = {d}"
            ));
        }
        lines.push(self.unit_line(m, &t, &row.x, &delta));
        lines
    }
}

impl Context<'_> {
    /// `unit i of layer l: ∂l/∂W{l}[i,1] = δ⁽ˡ⁾ᵢ·a⁽ˡ⁻¹⁾₁ = …, ∂l/∂b{l}[i] = δ⁽ˡ⁾ᵢ = …`
    /// for the chosen unit, from row 1's trace and deltas (`delta[l − 1]` is δ⁽ˡ⁾).
    fn unit_line(&self, m: &Mlp, t: &Trace, x: &[f64], delta: &[Vec<f64>]) -> String {
        let Unit { layer: l, index: i } = self.unit.within(m);
        let d = delta[l - 1][i - 1];
        let (input, name): (&[f64], Box<dyn Fn(usize) -> String>) = if l == 1 {
            (x, Box::new(|j| format!("x{j}")))
        } else {
            let before = sup(l - 1);
            (
                &t.a[l - 2],
                Box::new(move |j| format!("a⁽{before}⁾{}", sub(j))),
            )
        };
        let (s, si) = (sup(l), sub(i));
        let mut terms: Vec<String> = input
            .iter()
            .take(MAX_TERMS)
            .enumerate()
            .map(|(j, a)| {
                let j = j + 1;
                format!(
                    "∂l/∂W{l}[{i},{j}] = δ⁽{s}⁾{si}·{} = {}",
                    name(j),
                    human(d * a)
                )
            })
            .collect();
        if input.len() > MAX_TERMS {
            terms.push(t!("ex-more-weights", n = input.len()));
        }
        terms.push(format!("∂l/∂b{l}[{i}] = δ⁽{s}⁾{si} = {}", human(d)));
        // Indented like the layer lines above it.
        format!(
            "  {}",
            t!("ex-unit", i = i, l = l, terms = terms.join(", "))
        )
    }
}

/// `n` in subscript digits, for unit numbers: δ⁽²⁾₁₂.
fn sub(n: usize) -> String {
    const DIGITS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).expect("a decimal digit") as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Model, Objective};
    use crate::testing::lesson;

    /// The traced output and the per-parameter derivatives of row 1 are the engine's own:
    /// ŷ from `Model::predict`, and ∂l/∂W1[1,j], ∂l/∂b1[1] from the gradient over that row.
    #[test]
    fn the_trace_agrees_with_the_engine() {
        let a = lesson("circle");
        let objective: &Objective = a.trainer().objective();
        let Model::Mlp(m) = objective.model() else {
            panic!("circle is an mlp")
        };
        let theta = a.current().params.to_vec();
        let data = objective.data();
        let x = &data.x_slice()[..2];
        let t = trace(&m, &theta, x);
        let z_out = t.z[m.layers() - 1][0];
        let p = 1.0 / (1.0 + (-z_out).exp());
        approx::assert_relative_eq!(
            p,
            objective.model().predict(&theta, x),
            max_relative = 1e-12
        );
        // One row's gradient: δ⁽¹⁾₁ = ∂l/∂b1[1], and ∂l/∂W1[1,j] = δ⁽¹⁾₁·x_j.
        let grad = objective.evaluate_rows(&theta, &[0]).grad;
        let ctx = Context::new(objective, a.trainer().config(), a.current());
        let lines = ctx.network_backward(&m);
        let last = lines.last().unwrap();
        // The number written after `label`, read back.
        let shown = |label: &str| -> f64 {
            let rest = last
                .split(label)
                .nth(1)
                .unwrap_or_else(|| panic!("{label} in {last}"));
            rest.split([',', ' '])
                .find(|w| !w.is_empty())
                .unwrap()
                .parse()
                .unwrap()
        };
        let b_index = 2 * 4; // W1 is 4×2; b1[1] follows it.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-5 * b.abs().max(1e-300);
        assert!(
            close(shown("∂l/∂b1[1] = δ⁽¹⁾₁ = "), grad[b_index]),
            "{last}"
        );
        assert!(close(shown("∂l/∂W1[1,1] = δ⁽¹⁾₁·x1 = "), grad[0]), "{last}");
        assert!(close(shown("∂l/∂W1[1,2] = δ⁽¹⁾₁·x2 = "), grad[1]), "{last}");
        assert_eq!(ctx.network_forward(&m).len(), 1 + m.layers());
    }

    /// Every unit of a two-layer network, chosen in turn, is worked out with the
    /// engine's own one-row derivatives, and the choice walks layer by layer.
    #[test]
    fn a_chosen_unit_is_worked_out_with_the_engines_numbers() {
        let a = lesson("spiral");
        let objective: &Objective = a.trainer().objective();
        let Model::Mlp(m) = objective.model() else {
            panic!("spiral is an mlp")
        };
        let theta = a.current().params.to_vec();
        let grad = objective.evaluate_rows(&theta, &[0]).grad;
        let names = objective.model().param_names();
        let at = |name: &str| names.iter().position(|n| n == name).unwrap();
        let mut unit = Unit::FIRST;
        let mut seen = Vec::new();
        loop {
            seen.push(unit);
            let mut ctx = Context::new(objective, a.trainer().config(), a.current());
            ctx.unit = unit;
            let last = ctx.network_backward(&m).pop().unwrap();
            let Unit { layer: l, index: i } = unit;
            assert!(
                last.starts_with(&format!("  unit {i} of layer {l}: ")),
                "{last}"
            );
            // Each `name … = value` pair written, read back against the engine.
            for part in last.split(", ").filter(|p| p.contains("∂l/∂")) {
                let name = part
                    .split("∂l/∂")
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap();
                let value: f64 = part.rsplit(" = ").next().unwrap().parse().unwrap();
                let want = grad[at(name)];
                assert!(
                    (value - want).abs() <= 1e-5 * want.abs().max(1e-12),
                    "{part}: {want}"
                );
            }
            unit = unit.next_in(&m);
            if unit == Unit::FIRST {
                break;
            }
        }
        // 8 + 8 hidden units and the output, each once.
        assert_eq!(seen.len(), 17);
        assert_eq!(seen[8], Unit { layer: 2, index: 1 });
        assert_eq!(seen[16], Unit { layer: 3, index: 1 });
        assert_eq!(Unit { layer: 9, index: 1 }.within(&m), Unit::FIRST);
    }
}
