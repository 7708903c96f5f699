//! Explain mode on a surface: no rows, so the forward and loss phases evaluate f at the
//! point itself and the backward phase writes out ∂f/∂x and ∂f/∂y.

use super::Phase;
use crate::engine::{State, Surface};
use crate::fmt::human;
use crate::t;

/// The lines of `phase` for the state `state` on `surface` (the update phase is the
/// same as on data: see `Context::update`).
pub(super) fn lines(surface: Surface, state: &State, frozen: &[bool], phase: Phase) -> Vec<String> {
    let (x, y) = (state.params[0], state.params[1]);
    let (f, g) = surface.value_and_gradient(x, y);
    let at = format!("(x, y) = ({}, {})", human(x), human(y));
    match phase {
        Phase::Forward => vec![
            t!("ex-surface-no-data", surface = surface),
            format!("f(x, y) = {}", surface.formula()),
            t!("ex-surface-value", point = &at, f = human(f)),
        ],
        Phase::Loss => vec![
            t!("ex-surface-loss"),
            format!("L = f({}, {}) = {}", human(x), human(y), human(f)),
        ],
        Phase::Backward => {
            let [dx, dy] = surface.gradient_formulas();
            let mut lines = vec![t!("ex-surface-grad", point = &at)];
            if let Surface::Quadratic { .. } = surface {
                let h = surface.hessian(x, y);
                let h = format!(
                    "[[{}, {}], [{}, {}]]",
                    human(h[0][0]),
                    human(h[0][1]),
                    human(h[1][0]),
                    human(h[1][1])
                );
                lines.push(t!("ex-hessian", h = h));
            }
            for (k, (name, formula)) in [("x", dx), ("y", dy)].into_iter().enumerate() {
                let unused = if frozen[k] {
                    t!("ex-frozen-unused")
                } else {
                    String::new()
                };
                lines.push(format!(
                    "∂L/∂{name} = ∂f/∂{name} = {formula} = {}{unused}",
                    human(g[k])
                ));
            }
            lines.push(format!("|∇L| = {}", human(state.grad_norm)));
            lines
        }
        Phase::Update => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Phase, explain};
    use crate::engine::{Objective, Surface, Trainer};
    use crate::fmt::human;
    use crate::scenario::{Scenario, resolve};

    #[test]
    fn every_phase_on_a_surface_shows_the_states_numbers() {
        for name in ["rosenbrock", "himmelblau", "quadratic:10:30", "beale"] {
            let cli = Scenario {
                surface: Some(name.into()),
                lr: Some(1e-3),
                ..Default::default()
            };
            let setup = resolve(&cli, None).unwrap();
            let t = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
            let s = t.current();
            let show = |phase| explain(t.objective(), t.config(), s, s.loss, phase).lines;
            assert!(
                show(Phase::Forward)
                    .iter()
                    .any(|l| l.ends_with(&format!("f = {}", human(s.loss))))
            );
            assert!(show(Phase::Loss)[1].ends_with(&human(s.loss)));
            let backward = show(Phase::Backward);
            for (k, axis) in ["x", "y"].iter().enumerate() {
                let line = backward
                    .iter()
                    .find(|l| l.starts_with(&format!("∂L/∂{axis} =")))
                    .unwrap();
                assert!(
                    line.ends_with(&format!("= {}", human(s.grad[k]))),
                    "{name}: {line}"
                );
            }
            // The update phase is the one for data: θ ← θ − η·∇L with the real numbers.
            let next = crate::engine::next_state(t.objective(), t.config(), s, None, 1, s.loss);
            let update = show(Phase::Update);
            assert!(
                update
                    .iter()
                    .any(|l| l.ends_with(&format!("= {}", human(next.params[0])))),
                "{update:?}"
            );
        }
        assert!(Objective::surface(Surface::Saddle).as_surface().is_some());
    }
}
