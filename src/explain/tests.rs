use super::*;
use crate::engine::{Trainer, curvature_along, next_state, norm};
use crate::fmt::{human, paren};
use crate::scenario::{Scenario, resolve};

/// A trainer on the built-in lesson `name`, at its start.
fn lesson(name: &str) -> Trainer {
    trainer_for(Scenario {
        preset: Some(name.into()),
        ..Default::default()
    })
}

fn trainer_for(scenario: Scenario) -> Trainer {
    let setup = resolve(&scenario, None).unwrap();
    Trainer::new(setup.objective, setup.config, setup.start).unwrap()
}

fn phase(t: &Trainer, phase: Phase) -> Explanation {
    explain(
        t.objective(),
        t.config(),
        t.current(),
        t.kept()[0].loss,
        phase,
    )
}

/// Asserts that some line of `e` contains `text`.
#[track_caller]
fn has(e: &Explanation, text: &str) {
    assert!(
        e.lines.iter().any(|l| l.contains(text)),
        "no line contains {text:?}:\n{}",
        e.lines.join("\n")
    );
}

/// The line of `e` that starts with `start`.
#[track_caller]
fn line<'e>(e: &'e Explanation, start: &str) -> &'e str {
    e.lines
        .iter()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}:\n{}", e.lines.join("\n")))
}

/// Every `∂L/∂θ_j` line of the backward phase ends with `human(state.grad[j])`, and
/// the loss phase's `L = …` line shows `human(state.loss)`.
#[track_caller]
fn numbers_match_the_state(t: &Trainer) {
    let state = t.current();
    let names = t.objective().model().param_names();
    let back = phase(t, Phase::Backward);
    for (j, name) in names.iter().enumerate() {
        let l = line(&back, &format!("∂L/∂{name} = "));
        let value = format!("= {}", human(state.grad[j]));
        let value_frozen = format!("{value} (frozen: not used)");
        assert!(
            l.ends_with(&value) || (t.config().frozen[j] && l.ends_with(&value_frozen)),
            "{l:?} should end with {value:?}"
        );
    }
    assert_eq!(
        line(&back, "|∇L| = ").split(' ').nth(2),
        Some(human(state.grad_norm).as_str())
    );
    let loss = phase(t, Phase::Loss);
    let l = line(&loss, "L = ");
    let value = format!("= {}", human(state.loss));
    assert!(
        l.ends_with(&value) || l.contains(&format!("{value} (the mean over all")),
        "{l:?} should show {value:?}"
    );
}

#[test]
fn phases_run_in_order() {
    assert_eq!(Phase::ALL.map(Phase::number), [1, 2, 3, 4]);
    assert_eq!(
        Phase::ALL.map(Phase::name),
        ["forward", "loss", "backward", "update"]
    );
    let mut p = Phase::Forward;
    let mut seen = vec![p];
    while let Some(next) = p.next() {
        seen.push(next);
        p = next;
    }
    assert_eq!(seen, Phase::ALL);
}

#[test]
fn blowup_forward_loss_and_backward_show_the_documented_numbers() {
    let t = lesson("blowup");
    let forward = phase(&t, Phase::Forward);
    assert_eq!(forward.title, "forward: the predictions at step 0");
    has(
        &forward,
        "row 1: x1 = 28.1, x2 = 58 → ŷ = w1·x1 + w2·x2 + b = 0.5·28.1 + 0.5·58 + 0 = 43.05",
    );
    assert!(!forward.lines.iter().any(|l| l.contains("more row")));

    let loss = phase(&t, Phase::Loss);
    has(
        &loss,
        "row 1: r = y − ŷ = 165 − 43.05 = 121.95, r² = 14871.8",
    );
    assert_eq!(line(&loss, "L = "), "L = mean(r²) = 14871.8");
    assert_eq!(human(t.current().loss), "14871.8");

    let back = phase(&t, Phase::Backward);
    has(&back, "row 1: δ = −2(y − ŷ) = −2 × 121.95 = -243.9");
    assert_eq!(
        line(&back, "∂L/∂w1 = "),
        "∂L/∂w1 = mean(δ·x1) = mean(-243.9·28.1) = -6853.59"
    );
    assert_eq!(
        line(&back, "∂L/∂b = "),
        "∂L/∂b = mean(δ) = mean(-243.9·1) = -243.9"
    );
    assert_eq!(line(&back, "|∇L| = "), "|∇L| = 15720.9");
    has(&back, "the arrow on the landscape points along −∇L");
    numbers_match_the_state(&t);
}

#[test]
fn blowup_update_explains_the_overshoot_with_exact_numbers() {
    let t = lesson("blowup");
    let update = phase(&t, Phase::Update);
    assert_eq!(line(&update, "η = "), "η = 1");
    has(&update, "gd: θ ← θ − η·∇L");
    assert_eq!(
        line(&update, "w1 ← "),
        "w1 ← w1 − η·∂L/∂w1 = 0.5 − 1 × (-6853.59) = 6854.09"
    );
    has(
        &update,
        "w2 ← w2 − η·∂L/∂w2 = 0.5 − 1 × (-14146.2) = 14146.7",
    );
    has(&update, "b ← b − η·∂L/∂b = 0 − 1 × (-243.9) = 243.9");
    has(&update, "new loss L = 1.02655e12, up from 14871.8");
    has(&update, "training stops as diverged");

    // By hand: one row, so H = 2·x̃x̃ᵀ with x̃ = (28.1, 58, 1) and ∇L = δ·x̃ ∥ x̃;
    // the curvature along it is 2‖x̃‖², and the best step along −∇L is |∇L|/κ.
    let x = [28.1f64, 58.0, 1.0];
    let norm2: f64 = x.iter().map(|v| v * v).sum();
    let delta: f64 = -2.0 * (165.0 - (0.5 * 28.1 + 0.5 * 58.0));
    let g_norm = delta.abs() * norm2.sqrt();
    let kappa = 2.0 * norm2;
    let eta_star = 1.0 / kappa;
    assert_eq!(human(g_norm), "15720.9");
    assert_eq!(format!("{:.0}", 1.0 / eta_star), "8309");

    let start = update.blowup.expect("the loss climbs");
    assert_eq!(update.lines[start], "why it blows up:");
    let why = update.lines[start..].join("\n");
    for text in [
        format!("κ = {}", human(kappa)),
        "exact, since L is quadratic".to_owned(),
        format!("the step moves η·|∇L| = {}", human(g_norm)),
        format!("only |∇L|/κ = {} away", human(g_norm / kappa)),
        format!("η* = 1/κ = {}", human(eta_star)),
        "η is 8309× η*".to_owned(),
        format!(
            "any η above 2η* = {} lands higher than it started",
            human(2.0 * eta_star)
        ),
    ] {
        assert!(why.contains(&text), "{text:?} not in:\n{why}");
    }
}

#[test]
fn doubling_uses_half_mse_and_keeps_b_frozen() {
    let t = lesson("doubling");
    let back = phase(&t, Phase::Backward);
    has(&back, "δ = dl/dŷ = −(y − ŷ)");
    has(&back, "row 1: δ = −(y − ŷ) = −(2) = -2");
    has(&back, "row 3: δ = −(y − ŷ) = −(6) = -6");
    assert_eq!(
        line(&back, "∂L/∂w = "),
        "∂L/∂w = mean(δ·x) = mean(-2·1, -4·2, -6·3) = -9.33333"
    );
    assert!(line(&back, "∂L/∂b = ").ends_with("(frozen: not used)"));
    has(&back, "|∇L| = 9.33333 (over the free parameters)");
    has(&back, "frozen: b");
    let loss = phase(&t, Phase::Loss);
    has(&loss, "row 2: r = y − ŷ = 4 − 0 = 4, ½r² = 8");
    has(&loss, "L = ½·mean(r²) = 9.33333 (the mean over all 3 rows)");
    let update = phase(&t, Phase::Update);
    assert_eq!(
        line(&update, "w ← "),
        "w ← w − η·∂L/∂w = 0 − 0.01 × (-9.33333) = 0.0933333"
    );
    has(&update, "b stays 0 (frozen)");
    has(&update, "down from 9.33333");
    assert_eq!(update.blowup, None);
    numbers_match_the_state(&t);
}

#[test]
fn sigmoid_names_the_chain_factor_and_matches_the_gradient() {
    let mut t = lesson("sigmoid");
    let forward = phase(&t, Phase::Forward);
    has(&forward, "sigmoid: ŷ = c·σ(z) with z = w·x + b");
    let s = 1.0 / (1.0 + 2f64.exp());
    has(
        &forward,
        &format!(
            "row 1: x = -4 → z = w·x + b = 0.5·(-4) + 0 = -2, ŷ = c·σ(z) = 1·{0} = {0}",
            human(s)
        ),
    );
    has(&forward, "… and 17 more rows");
    let back = phase(&t, Phase::Backward);
    has(&back, "where σ'(z) = σ(z)·(1 − σ(z))");
    assert!(line(&back, "∂L/∂w = ").starts_with("∂L/∂w = mean(δ·c·σ'(z)·x) = mean("));
    assert!(line(&back, "∂L/∂b = ").starts_with("∂L/∂b = mean(δ·c·σ'(z)) = mean("));
    assert!(line(&back, "∂L/∂c = ").starts_with("∂L/∂c = mean(δ·σ(z)) = mean("));
    has(&back, "… 17 more)");
    numbers_match_the_state(&t);
    for _ in 0..25 {
        t.step();
    }
    numbers_match_the_state(&t);
}

#[test]
fn logistic_works_on_the_logit_with_bce() {
    let mut t = lesson("logistic");
    has(&phase(&t, Phase::Forward), "p = σ(z) = 0.5");
    let loss = phase(&t, Phase::Loss);
    has(&loss, "row 1: y = 0, p = 0.5 → −ln(1 − p) = 0.693147");
    assert_eq!(
        line(&loss, "L = "),
        "L = −mean(y·ln p + (1−y)·ln(1−p)) = 0.693147 (the mean over all 20 rows)"
    );
    let back = phase(&t, Phase::Backward);
    has(&back, "δ = dl/dz = p − y");
    has(&back, "row 1: δ = p − y = 0.5 − 0 = 0.5");
    has(&back, "∂L/∂θ = mean(δ·∂z/∂θ)");
    assert!(line(&back, "∂L/∂w = ").starts_with("∂L/∂w = mean(δ·x) = mean(0.5·(-3), "));
    assert!(line(&back, "∂L/∂b = ").starts_with("∂L/∂b = mean(δ) = "));
    numbers_match_the_state(&t);
    for _ in 0..40 {
        t.step();
    }
    numbers_match_the_state(&t);
    // A row with y = 1 shows −ln p.
    let loss = phase(&t, Phase::Loss);
    let data = t.objective().data();
    if data.y.iter().take(ROWS).any(|&y| y == 1.0) {
        has(&loss, "→ −ln p = ");
    }
}

#[test]
fn plane_spells_out_both_features() {
    let t = lesson("plane");
    let forward = phase(&t, Phase::Forward);
    has(&forward, "linear: ŷ = w1·x1 + w2·x2 + b");
    let row = line(&forward, "row 1: ");
    assert!(row.contains("x1 = ") && row.contains(", x2 = "), "{row}");
    assert!(row.contains("ŷ = w1·x1 + w2·x2 + b = 0·"), "{row}");
    let back = phase(&t, Phase::Backward);
    assert!(line(&back, "∂L/∂w1 = ").starts_with("∂L/∂w1 = mean(δ·x1) = "));
    assert!(line(&back, "∂L/∂w2 = ").starts_with("∂L/∂w2 = mean(δ·x2) = "));
    numbers_match_the_state(&t);
}

#[test]
fn relus_show_each_unit() {
    let mut t = lesson("hard-sigmoid");
    let forward = phase(&t, Phase::Forward);
    has(
        &forward,
        "relus:2: ŷ = b0 + Σ c_k·max(0, z_k) with z_k = w_k·x + b_k, over 2 units",
    );
    has(
        &forward,
        "row 1: x = -3 → z_k = (-4, -2), ŷ = b0 + Σ c_k·max(0, z_k) = 0 + 0.5·0 + 0.5·0 = 0",
    );
    let back = phase(&t, Phase::Backward);
    has(&back, "where relu'(z) = 1 if z > 0, else 0");
    assert!(line(&back, "∂L/∂w2 = ").starts_with("∂L/∂w2 = mean(δ·c2·relu'(z2)·x) = "));
    assert!(line(&back, "∂L/∂c1 = ").starts_with("∂L/∂c1 = mean(δ·max(0, z1)) = "));
    assert!(line(&back, "∂L/∂b0 = ").starts_with("∂L/∂b0 = mean(δ) = "));
    numbers_match_the_state(&t);
    for _ in 0..30 {
        t.step();
    }
    numbers_match_the_state(&t);
}

#[test]
fn adam_shows_its_rule_and_the_real_next_parameters() {
    let mut t = lesson("wiggle");
    for _ in 0..3 {
        t.step();
    }
    let update = phase(&t, Phase::Update);
    let rule = line(&update, "adam: ");
    assert!(rule.contains("Δ = η·m̂/(√v̂ + ε)"), "{rule}");
    assert!(
        rule.contains("β1 = 0.9, β2 = 0.999, ε = 1e-8, t = 4"),
        "{rule}"
    );
    let before = t.current().clone();
    t.step();
    let after = t.current();
    for (j, name) in t.objective().model().param_names().iter().enumerate() {
        let l = line(&update, &format!("{name} ← {name} − Δ = "));
        let expected = format!(
            "{} − {} = {} (m̂ = ",
            human(before.params[j]),
            paren(before.params[j] - after.params[j]),
            human(after.params[j])
        );
        assert!(l.contains(&expected), "{l:?} lacks {expected:?}");
    }
    has(&update, &format!("new loss L = {}, ", human(after.loss)));
}

#[test]
fn other_optimizers_compare_their_own_step() {
    // Momentum's first step is gd's: v = g.
    let t = trainer_for(Scenario {
        preset: Some("blowup".into()),
        optimizer: Some("momentum".into()),
        ..Default::default()
    });
    let update = phase(&t, Phase::Update);
    has(
        &update,
        "momentum: v ← μ·v + g, θ ← θ − Δ with Δ = η·v; μ = 0.9",
    );
    has(
        &update,
        "w1 ← w1 − Δ = 0.5 − (-6853.59) = 6854.09 (v = -6853.59)",
    );
    assert!(update.blowup.is_some());
    has(&update, "the momentum step moves |Δθ| = 15720.9");
    has(&update, "the step is 8309× that");
}

#[test]
fn curvature_is_exact_for_quadratics_and_close_for_the_rest() {
    for name in ["ravine", "sigmoid", "relu", "logistic", "wiggle"] {
        let t = lesson(name);
        let obj = t.objective();
        let theta = t.current().params.to_vec();
        let g = t.current().grad.to_vec();
        let dir: Vec<f64> = g.iter().map(|v| v / norm(&g)).collect();
        let (kappa, eps) = curvature_along(obj, &theta, &dir);
        assert_eq!(eps.is_none(), obj.is_quadratic(), "{name}");
        // The second difference of L itself along the same direction.
        let h = 1e-3;
        let at = |s: f64| {
            let p: Vec<f64> = theta.iter().zip(&dir).map(|(t, d)| t + s * d).collect();
            obj.evaluate(&p).loss
        };
        let second = (at(h) - 2.0 * at(0.0) + at(-h)) / (h * h);
        assert!(
            (kappa - second).abs() <= 1e-3 * (1.0 + second.abs()),
            "{name}: κ = {kappa}, second difference {second}"
        );
    }
}

#[test]
fn a_climb_on_a_curved_loss_uses_a_finite_difference() {
    let mut t = trainer_for(Scenario {
        preset: Some("sigmoid".into()),
        lr: Some(200.0),
        ..Default::default()
    });
    let mut found = false;
    for _ in 0..10 {
        let update = phase(&t, Phase::Update);
        if update.blowup.is_some() {
            has(&update, "from ∇L on either side");
            has(&update, "(as long as the curvature stays near κ)");
            found = true;
            break;
        }
        t.step();
    }
    assert!(found, "the loss never climbed");
}

#[test]
fn mini_batches_and_schedules_are_named() {
    let mut t = trainer_for(Scenario {
        preset: Some("intro".into()),
        batch_size: Some(4),
        schedule: Some("warmup:4".into()),
        ..Default::default()
    });
    t.step();
    for p in [Phase::Backward, Phase::Update] {
        has(
            &phase(&t, p),
            "full-batch update; training uses mini-batches of 4 rows",
        );
    }
    assert!(
        !phase(&t, Phase::Forward)
            .lines
            .iter()
            .any(|l| l.contains("mini-batch"))
    );
    assert_eq!(
        line(&phase(&t, Phase::Update), "η = "),
        "η = 0.05 (warmup:4 from the base η = 0.1, update 2)"
    );
    numbers_match_the_state(&t);
}

#[test]
fn a_diverged_state_says_training_has_stopped() {
    let mut t = lesson("blowup");
    t.step();
    let update = phase(&t, Phase::Update);
    assert!(
        update.lines[0].starts_with("training has stopped"),
        "{:?}",
        update.lines
    );
    numbers_match_the_state(&t);
}

#[test]
fn zero_gradient_stays_put() {
    let t = trainer_for(Scenario {
        preset: Some("doubling".into()),
        init: Some("w=2,b=0".into()),
        ..Default::default()
    });
    assert_eq!(t.current().grad_norm, 0.0);
    let back = phase(&t, Phase::Backward);
    has(&back, "∇L = 0: θ is a stationary point");
    let update = phase(&t, Phase::Update);
    has(&update, "w ← w − η·∂L/∂w = 2 − 0.01 × (0) = 2");
    has(&update, "new loss L = 0, unchanged");
    assert_eq!(update.blowup, None);
}

#[test]
fn broken_states_never_panic() {
    let t = lesson("blowup");
    let obj = t.objective();
    let config = t.config();
    let good = t.current().clone();
    let mut states = Vec::new();
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300] {
        let mut s = good.clone();
        s.params.fill(bad);
        states.push(s.clone());
        s.loss = bad;
        s.grad.fill(bad);
        s.grad_norm = bad.abs();
        states.push(s);
    }
    let mut short = good.clone();
    short.params = ndarray::Array1::zeros(1);
    states.push(short);
    for s in &states {
        for p in Phase::ALL {
            let e = explain(obj, config, s, good.loss, p);
            assert!(!e.lines.is_empty());
        }
    }
    let e = explain(
        obj,
        config,
        &states.last().unwrap().clone(),
        good.loss,
        Phase::Update,
    );
    assert!(e.lines[0].starts_with("nothing to explain: model `linear` has 3 parameters"));
    let mut nan = good.clone();
    nan.params.fill(f64::NAN);
    nan.loss = f64::NAN;
    nan.grad.fill(f64::NAN);
    nan.grad_norm = f64::NAN;
    let update = explain(obj, config, &nan, good.loss, Phase::Update);
    assert!(update.blowup.is_some());
    has(&update, "overflowed");
    has(
        &explain(obj, config, &nan, good.loss, Phase::Loss),
        "L = mean(r²) = NaN",
    );
}

#[test]
fn every_lesson_with_every_optimizer_explains_every_phase() {
    for lesson_spec in crate::scenario::LESSONS {
        for kind in crate::engine::optimizer::OPTIMIZERS {
            let mut t = trainer_for(Scenario {
                preset: Some(lesson_spec.name.into()),
                optimizer: Some(kind.name().into()),
                ..Default::default()
            });
            for _ in 0..3 {
                for p in Phase::ALL {
                    let e = phase(&t, p);
                    assert!(!e.lines.is_empty() && !e.title.is_empty());
                }
                numbers_match_the_state(&t);
                t.step();
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// For random lessons, optimizers, batches and steps, the numbers shown for L and
    /// ∇L are the state's own.
    #[test]
    fn shown_loss_and_gradient_are_the_states(
        which in 0..crate::scenario::LESSONS.len(),
        kind in 0..6usize,
        batch in proptest::option::of(1..10usize),
        steps in 0..60usize,
    ) {
        // Surfaces take no batch size.
        let lesson = crate::scenario::LESSONS[which];
        let file = crate::scenario::ScenarioFile::parse(lesson.toml, lesson.name).unwrap();
        proptest::prop_assume!(file.scenario.surface.is_none() || batch.is_none());
        let mut t = trainer_for(Scenario {
            preset: Some(lesson.name.into()),
            optimizer: Some(crate::engine::optimizer::OPTIMIZERS[kind].name().into()),
            batch_size: batch,
            ..Default::default()
        });
        for _ in 0..steps {
            if t.step().is_none() {
                break;
            }
        }
        numbers_match_the_state(&t);
        let update = phase(&t, Phase::Update);
        let next = next_state(
            t.objective(),
            t.config(),
            t.current(),
            None,
            t.current().step + 1,
            t.kept()[0].loss,
        );
        let shown = format!("new loss L = {}, ", human(next.loss));
        proptest::prop_assert!(update.lines.iter().any(|l| l.starts_with(&shown)));
    }
}

#[test]
fn a_penalty_is_its_own_term_in_the_loss_and_in_each_weights_slope() {
    let mut t = trainer_for(Scenario {
        preset: Some("intro".into()),
        l2: Some(0.5),
        init: Some("w=2,b=1".into()),
        ..Default::default()
    });
    t.step();
    let theta = t.current().params.to_vec();
    let obj = t.objective();
    let extra = obj.penalty().value(&theta, obj.weights());
    // (0.5/2)·w², w the only weight of `linear`: b is a bias.
    approx::assert_relative_eq!(extra, 0.25 * theta[0] * theta[0], max_relative = 1e-15);
    let loss = phase(&t, Phase::Loss);
    has(
        &loss,
        &format!(
            "L = mean(r²) + (0.5/2)·Σw² = {} + {} = {}",
            human(t.current().loss - extra),
            human(extra),
            human(t.current().loss)
        ),
    );
    has(&loss, "the penalty over the 1 weight (not the biases)");
    let backward = phase(&t, Phase::Backward);
    let w_line = backward
        .lines
        .iter()
        .find(|l| l.starts_with("∂L/∂w ="))
        .unwrap();
    assert!(
        w_line.contains(" + 0.5·w = mean(") && w_line.contains(&paren(0.5 * theta[0])),
        "{w_line}"
    );
    assert!(w_line.ends_with(&human(t.current().grad[0])), "{w_line}");
    let b_line = backward
        .lines
        .iter()
        .find(|l| l.starts_with("∂L/∂b ="))
        .unwrap();
    assert!(!b_line.contains("0.5·b"), "{b_line}");
}

/// Every phase of `t`'s next update, title and lines, in Chinese, as one text.
fn chinese_text(t: &Trainer, unit: Unit) -> String {
    crate::i18n::with_lang(crate::i18n::Lang::Zh, || {
        Phase::ALL
            .iter()
            .flat_map(|&p| {
                let s = t.current();
                let e = explain_unit(t.objective(), t.config(), s, t.kept()[0].loss, p, unit);
                std::iter::once(e.title).chain(e.lines)
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[test]
fn every_lesson_and_optimizer_is_explained_in_chinese_without_english_left() {
    use crate::testing::english_words;
    let mut cases: Vec<(String, Scenario)> = crate::scenario::LESSONS
        .iter()
        .map(|l| {
            let s = Scenario {
                preset: Some(l.name.into()),
                ..Default::default()
            };
            (l.name.to_owned(), s)
        })
        .collect();
    // The blowup under every rule, a penalty, frozen parameters and mini-batches.
    for optimizer in [
        "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw",
    ] {
        let s = Scenario {
            preset: Some("blowup".into()),
            optimizer: Some(optimizer.into()),
            lr: Some(2.0),
            schedule: Some("cosine:100".into()),
            freeze: Some("b".into()),
            ..Default::default()
        };
        cases.push((format!("blowup with {optimizer}"), s));
    }
    let batches = Scenario {
        preset: Some("intro".into()),
        batch_size: Some(2),
        ..Default::default()
    };
    cases.push(("intro in batches of 2".into(), batches));
    let mut seen = String::new();
    for (name, scenario) in cases {
        let mut t = trainer_for(scenario);
        // Past the start, so a blowup's update has climbed, and again at the start of a
        // state that has diverged.
        for _ in 0..3 {
            t.step();
        }
        let text = chinese_text(&t, Unit { layer: 2, index: 1 });
        let left = english_words(&text);
        assert!(left.is_empty(), "{name}: {left:?} left in English:\n{text}");
        assert!(text.contains("第"), "{name}: {text}");
        seen.push_str(&text);
    }
    // The cases reach the parts that only some updates have.
    for part in [
        "为什么会发散：",
        "（冻结：不使用）",
        "小批量",
        "逐层计算",
        "基础 η",
    ] {
        assert!(seen.contains(part), "no case shows {part}");
    }
}
