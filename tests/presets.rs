//! Every lesson's documented numbers, reproduced through the library (1e-9 relative).

use approx::assert_relative_eq;
use downhill::engine::{Outcome, Stability, Trainer, stability};
use downhill::scenario::{LESSONS, Scenario, Setup, resolve};

fn setup(preset: &str, tweak: impl FnOnce(&mut Scenario)) -> Setup {
    let mut cli = Scenario {
        preset: Some(preset.into()),
        ..Default::default()
    };
    tweak(&mut cli);
    resolve(&cli, None).unwrap()
}

fn trainer(s: &Setup) -> Trainer {
    Trainer::new(s.objective.clone(), s.config.clone(), s.start.clone()).unwrap()
}

fn eta_crit(s: &Setup) -> f64 {
    match stability(&s.objective, s.start.as_slice().unwrap(), &s.config.frozen) {
        Stability::Exact { eta_crit, .. } => eta_crit,
        other => panic!("expected an exact η_crit, got {other:?}"),
    }
}

#[test]
fn blowup_diverges_on_the_first_update_with_the_documented_numbers() {
    let s = setup("blowup", |_| {});
    let mut t = trainer(&s);
    assert_relative_eq!(t.current().loss, 14871.8025, max_relative = 1e-9);
    assert_eq!(t.run(s.max_steps), Outcome::Diverged);
    let last = t.current();
    assert_eq!(last.step, 1);
    let p = &last.params;
    assert_relative_eq!(p[0], 6854.09, max_relative = 1e-9);
    assert_relative_eq!(p[1], 14146.7, max_relative = 1e-9);
    assert_relative_eq!(p[2], 243.9, max_relative = 1e-9);
    assert_relative_eq!(last.loss, 1026548766283.6302, max_relative = 1e-9);
}

#[test]
fn scaling_blows_up_raw_and_standardised_reaches_the_least_squares_fit_in_9() {
    let s = setup("scaling", |_| {});
    let mut t = trainer(&s);
    // half-mse at θ = 0 is ½·mean(y²); the first update's b is η·mean(y).
    assert_relative_eq!(t.current().loss, 12550.959375, max_relative = 1e-12);
    assert_eq!(t.run(s.max_steps), Outcome::Diverged);
    assert_eq!(t.current().step, 1);
    assert_relative_eq!(t.current().params[2], 158.1875, max_relative = 1e-12);
    let raw_minimum = {
        let o = &s.objective;
        let m = o.quadratic_minimizer(&[0.0; 3], &[false; 3]).unwrap();
        o.evaluate(m.as_slice().unwrap()).loss
    };
    let std = setup("scaling", |c| c.scale = Some("standardize".into()));
    let mut t = trainer(&std);
    assert_eq!(t.run(std.max_steps), Outcome::Converged);
    assert_eq!(t.current().step, 9);
    // The same rows, the same function class: the same least-squares loss.
    assert_relative_eq!(t.current().loss, raw_minimum, max_relative = 1e-9);
}

#[test]
fn line_is_seven_and_a_half_times_one_minus_w_squared() {
    let s = setup("line", |_| {});
    for w in [-1.0, 0.0, 0.3, 1.0, 2.5] {
        let loss = s.objective.evaluate(&[w, 0.0]).loss;
        assert_relative_eq!(
            loss,
            7.5 * (1.0 - w) * (1.0 - w),
            max_relative = 1e-9,
            epsilon = 1e-12
        );
    }
    let mut t = trainer(&s);
    assert_eq!(t.run(s.max_steps), Outcome::Converged);
    assert_relative_eq!(t.current().params[0], 1.0, epsilon = 1e-7);
    assert!(
        t.kept().iter().all(|st| st.params[1] == 0.0),
        "b is frozen at 0"
    );
    assert_relative_eq!(eta_crit(&s), 2.0 / 15.0, max_relative = 1e-9);
}

#[test]
fn doubling_first_update_gives_w_0_09333() {
    let s = setup("doubling", |_| {});
    let mut t = trainer(&s);
    t.step();
    // ∂L/∂w = −mean((y − w·x)·x) = −(2 + 8 + 18)/3 at w = 0; w ← 0 + 0.01·28/3.
    assert_relative_eq!(t.current().params[0], 0.28 / 3.0, max_relative = 1e-9);
    assert_eq!(t.current().params[1], 0.0);
}

#[test]
fn ravine_runs_just_under_eta_crit_and_diverges_just_over() {
    let under = setup("ravine", |_| {});
    let crit = eta_crit(&under);
    assert!(
        under.config.lr < crit && under.config.lr > 0.95 * crit,
        "η = {} vs η_crit = {crit}",
        under.config.lr
    );
    let mut t = trainer(&under);
    assert_ne!(t.run(under.max_steps), Outcome::Diverged);
    // It zig-zags: the slope along w flips sign between consecutive updates.
    let flips = t
        .kept()
        .windows(2)
        .filter(|p| p[0].grad[0].signum() != p[1].grad[0].signum())
        .count();
    assert!(flips > t.kept().len() / 2, "only {flips} sign flips");

    let over = setup("ravine", |c| c.lr = Some(1.02 * crit));
    assert_eq!(trainer(&over).run(over.max_steps), Outcome::Diverged);
    let lesson = setup("ravine-blowup", |_| {});
    assert!(lesson.config.lr > crit && lesson.config.lr < 1.05 * crit);
    assert_eq!(trainer(&lesson).run(lesson.max_steps), Outcome::Diverged);
}

#[test]
fn the_ravine_is_long_and_narrow() {
    let s = setup("ravine", |_| {});
    let h = s.objective.quadratic_hessian().unwrap();
    let m = nalgebra::Matrix2::new(h[[0, 0]], h[[0, 1]], h[[1, 0]], h[[1, 1]]);
    let eig = m.symmetric_eigenvalues();
    let ratio = eig.max() / eig.min();
    assert!(ratio > 100.0, "condition number {ratio}");
}

#[test]
fn every_lesson_loads_runs_and_stays_finite_except_the_blowups() {
    for lesson in LESSONS {
        let s = setup(lesson.name, |_| {});
        let outcome = trainer(&s).run(s.max_steps);
        // `scaling` starts on raw features to blow up as `blowup` does.
        let blows_up = lesson.name.contains("blowup") || lesson.name == "scaling";
        assert_eq!(
            outcome == Outcome::Diverged,
            blows_up,
            "{}: {outcome}",
            lesson.name
        );
        assert!(
            s.scenario.description.is_some(),
            "{} has a description",
            lesson.name
        );
        let caption = s.scenario.caption.as_deref().unwrap_or("");
        assert!(caption.len() > 40, "{} has a caption", lesson.name);
    }
}

#[test]
fn fitting_lessons_lower_the_loss_by_a_lot() {
    for name in [
        "intro",
        "plane",
        "sigmoid",
        "relu",
        "hard-sigmoid",
        "wiggle",
    ] {
        let s = setup(name, |_| {});
        let mut t = trainer(&s);
        t.run(s.max_steps);
        let (first, last) = (t.kept()[0].loss, t.current().loss);
        assert!(last < first / 10.0, "{name}: {first} → {last}");
    }
}

#[test]
fn logistic_lesson_uses_cross_entropy_on_binary_targets() {
    let s = setup("logistic", |_| {});
    assert_relative_eq!(
        s.objective.evaluate(&[0.0, 0.0]).loss,
        std::f64::consts::LN_2,
        max_relative = 1e-12
    );
    let mut t = trainer(&s);
    t.run(s.max_steps);
    assert!(t.current().loss < 0.35);
}

#[test]
fn surface_lessons_take_the_documented_numbers_of_updates() {
    let s = setup("local-minima", |_| {});
    let mut t = trainer(&s);
    assert_eq!(t.run(s.max_steps), Outcome::Converged);
    assert_eq!(t.current().step, 62);
    // plateau: gd at η = 1 with no tolerance gets below f = 0.5 after 297,787 updates.
    let s = setup("plateau", |c| {
        c.tolerance = Some(0.0);
        c.lr = Some(1.0);
    });
    let mut t = trainer(&s);
    t.set_window(1);
    let mut below = None;
    t.run_with(400_000, downhill::engine::Past::Forget, |state| {
        if below.is_none() && state.loss < 0.5 {
            below = Some(state.step);
        }
    });
    assert_eq!(below, Some(297_787));
    let s = setup("condition", |_| {});
    assert_relative_eq!(eta_crit(&s), 0.2, max_relative = 1e-12);
}
