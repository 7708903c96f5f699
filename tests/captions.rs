//! Each lesson caption's instruction, performed as written from the lesson's start, does
//! what the caption says.

use downhill::app::{Action, update};
use downhill::engine::{Stall, Status};
use downhill::landscape::plane::FrameKind;
use downhill::testing::{command, lesson};

#[test]
fn intro_plus_twice_while_playing_blows_up_and_u_recovers() {
    // "Press p to play, then + twice: η = 0.4 passes η_crit ≈ 0.35 … Press u to rewind".
    let mut a = lesson("intro");
    update(&mut a, Action::TogglePlay);
    update(&mut a, Action::Advance(5));
    update(&mut a, Action::ScaleLearningRate(2.0));
    update(&mut a, Action::ScaleLearningRate(2.0));
    assert_eq!(a.trainer().config().lr, 0.4);
    for _ in 0..1000 {
        update(&mut a, Action::Advance(1));
    }
    assert!(a.diverged());
    update(&mut a, Action::RecoverFromDivergence);
    assert!(!a.diverged() && a.trainer().config().lr < 0.35);
    // "Once it has converged, + three times (η = 0.8) pushes the point off the minimum."
    let mut b = lesson("intro");
    update(&mut b, Action::TogglePlay);
    while b.playing() {
        update(&mut b, Action::Advance(1));
    }
    assert_eq!(b.current().status, Status::Converged);
    for _ in 0..3 {
        update(&mut b, Action::ScaleLearningRate(2.0));
    }
    for _ in 0..100 {
        update(&mut b, Action::Advance(1));
    }
    assert!(b.diverged());
}

#[test]
fn line_bounces_forever_at_two_fifteenths_and_grows_above() {
    let mut a = lesson("line");
    command(&mut a, "lr 2/15");
    for k in 1..=20 {
        update(&mut a, Action::Step);
        let w = a.current().params[0];
        let expected = if k % 2 == 1 { 2.0 } else { 0.0 };
        assert!((w - expected).abs() < 1e-9, "update {k}: w = {w}");
    }
    assert_eq!(a.current().status, Status::Running);
    update(&mut a, Action::ScaleLearningRate(1.25));
    let mut distance = (a.current().params[0] - 1.0).abs();
    for _ in 0..5 {
        update(&mut a, Action::Step);
        let now = (a.current().params[0] - 1.0).abs();
        assert!(now > distance, "each bounce grows");
        distance = now;
    }
}

#[test]
fn relu_dead_everywhere_stays_put_and_is_stalled() {
    let mut a = lesson("relu");
    command(&mut a, "set w=0.2 b=-1");
    let here = a.current().params.clone();
    update(&mut a, Action::Step);
    assert_eq!(
        a.current().params,
        here,
        "Space leaves the point where it is"
    );
    assert_eq!(a.current().grad_norm, 0.0);
    assert_eq!(a.current().status, Status::Stalled(Stall::DeadUnits));
}

#[test]
fn ravine_blowup_grows_ten_percent_an_update_and_diverges_at_144() {
    let mut a = lesson("ravine-blowup");
    update(&mut a, Action::TogglePlay);
    while a.playing() {
        update(&mut a, Action::Advance(1));
    }
    assert!(a.diverged());
    assert_eq!(a.current().step, 144);
    // From the very first update the loss grows by about the same factor: a straight
    // line on the log-scale history, not slow at first and then a spike.
    let loss: Vec<f64> = a.trainer().kept().iter().map(|s| s.loss).collect();
    for k in (0..=120).step_by(20) {
        let per_update = (loss[k + 20] / loss[k]).powf(1.0 / 20.0);
        assert!(
            (1.08..1.12).contains(&per_update),
            "updates {k}–{}: ×{per_update}",
            k + 20
        );
    }
}

#[test]
fn blowup_space_e_and_u_do_what_the_caption_says() {
    let mut a = lesson("blowup");
    let width = |a: &downhill::app::App| a.viewport().x.1 - a.viewport().x.0;
    let before = width(&a);
    update(&mut a, Action::Step);
    let (l0, l1) = (a.trainer().kept()[0].loss, a.current().loss);
    assert!(
        (1.4e4..1.6e4).contains(&l0) && (0.9e12..1.1e12).contains(&l1),
        "{l0} → {l1}"
    );
    assert!(width(&a) > 100.0 * before, "the view zooms far out");
    for _ in 0..4 {
        update(&mut a, Action::Explain);
    }
    let (_, why) = a.explaining().unwrap();
    let start = why.blowup.expect("the update says why it blows up");
    assert_eq!(why.lines[start], "why it blows up:");
    update(&mut a, Action::RecoverFromDivergence);
    assert_eq!(a.trainer().config().lr, 0.5f64.powi(13));
    assert!(a.trainer().config().lr <= a.stability().eta_limit());
}

/// Plays `a` until play stops (converged, stalled, diverged or out of steps).
fn play_out(a: &mut downhill::app::App) {
    update(a, Action::TogglePlay);
    while a.playing() {
        update(a, Action::Advance(1));
    }
}

#[test]
fn scaling_blows_up_raw_and_centred_and_converges_standardised() {
    use downhill::engine::Conditioning;
    let near = |x: f64, want: f64, within: f64| (x - want).abs() <= within * want;
    // "η_crit is only 0.000485, and one update at η = 1 throws the loss from 12551 to 2e11."
    let mut a = lesson("scaling");
    assert!(near(a.stability().eta_limit(), 0.000485, 1e-3));
    update(&mut a, Action::Step);
    let (l0, l1) = (a.trainer().kept()[0].loss, a.current().loss);
    assert!(
        near(l0, 12551.0, 1e-4) && near(l1, 2e11, 0.1),
        "{l0} → {l1}"
    );
    assert!(a.diverged());
    // "Press S and then p to centre the features: κ falls from 1.9 million to 15, but
    // η_crit is 0.133 and η = 1 still blows up."
    update(&mut a, Action::NextScale);
    assert_eq!(a.current().step, 0, "trained again from the start");
    let c = *a.conditioning().expect("a quadratic loss's κ");
    assert!(near(Conditioning::kappa(c.before), 1.9e6, 0.03), "{c:?}");
    assert!(near(Conditioning::kappa(c.after), 15.0, 0.01), "{c:?}");
    assert!(near(a.stability().eta_limit(), 0.133, 1e-3));
    play_out(&mut a);
    assert!(a.diverged());
    assert!(
        a.as_written(),
        "the caption asks for centred features itself"
    );
    // "Press S again for standardised features: κ 1.39, η_crit 1.72, and the same η = 1
    // converges in 9 updates."
    update(&mut a, Action::NextScale);
    let c = *a.conditioning().unwrap();
    assert!(near(Conditioning::kappa(c.after), 1.39, 3e-3), "{c:?}");
    assert!(near(a.stability().eta_limit(), 1.72, 3e-3));
    assert_eq!(a.trainer().config().lr, 1.0);
    play_out(&mut a);
    assert_eq!(a.current().status, Status::Converged);
    assert_eq!(a.current().step, 9);
    assert!(a.as_written());
}

#[test]
fn ravine_standardised_runs_straight_and_lands_in_one_update_at_a_half() {
    // "press S twice to standardise x: κ falls from 7110 to 1 (every direction equally
    // steep), and the path runs straight to the minimum; :lr 0.5 then lands on the minimum
    // in one update."
    use downhill::engine::Conditioning;
    let mut a = lesson("ravine");
    update(&mut a, Action::NextScale);
    update(&mut a, Action::NextScale);
    let c = *a.conditioning().unwrap();
    let before = Conditioning::kappa(c.before);
    assert!((7050.0..7150.0).contains(&before), "{before}");
    assert!((Conditioning::kappa(c.after) - 1.0).abs() < 1e-9);
    assert!(a.as_written());
    for _ in 0..50 {
        update(&mut a, Action::Step);
    }
    // Every point of the path on the segment from the start to the minimiser.
    let m = a.minimizer().unwrap().clone();
    for s in a.trainer().kept() {
        let (p, q) = (&s.params, &m);
        let cross = p[0] * q[1] - p[1] * q[0];
        assert!(
            cross.abs() < 1e-9 * q.dot(q),
            "off the straight line at {}",
            s.step
        );
    }
    command(&mut a, "lr 0.5");
    update(&mut a, Action::Reset);
    update(&mut a, Action::Step);
    assert!(a.current().grad_norm < 1e-9, "{}", a.current().grad_norm);
}

#[test]
fn doubling_shows_the_first_update_and_e_walks_its_four_phases() {
    let mut a = lesson("doubling");
    update(&mut a, Action::Step);
    let w = a.current().params[0];
    assert!(
        (w - 0.28 / 3.0).abs() < 1e-12,
        "w ← 0 − 0.01 × (−9.333) = 0.0933: {w}"
    );
    let mut b = lesson("doubling");
    let mut titles = Vec::new();
    for _ in 0..4 {
        update(&mut b, Action::Explain);
        titles.push(b.explaining().unwrap().1.title.clone());
    }
    for word in ["forward", "loss", "backward", "update"] {
        assert!(titles.iter().any(|t| t.starts_with(word)), "{titles:?}");
    }
}

#[test]
fn the_keys_other_captions_suggest_do_what_they_say() {
    // plane: "Press a to put b on an axis."
    let mut plane = lesson("plane");
    let b = plane.param_names().iter().position(|n| n == "b").unwrap();
    let mut seen = false;
    for _ in 0..3 {
        update(&mut plane, Action::NextAxes);
        let (i, j) = plane.viewport().axes().unwrap();
        seen |= i == b || j == b;
    }
    assert!(seen);
    // ravine: "Try o for momentum"; hard-sigmoid: "Type :optimizer gd to compare with
    // plain gd from the same point".
    let mut ravine = lesson("ravine");
    update(&mut ravine, Action::NextOptimizer);
    assert_eq!(ravine.trainer().config().optimizer.kind.name(), "momentum");
    let mut hard = lesson("hard-sigmoid");
    let here = hard.current().params.clone();
    command(&mut hard, "optimizer gd");
    assert_eq!(hard.trainer().config().optimizer.kind.name(), "gd");
    assert_eq!(hard.current().params, here, "from the same point");
    assert!(hard.as_written(), "the caption asked for gd itself");
    update(&mut hard, Action::NextOptimizer);
    assert!(!hard.as_written(), "momentum is not in the caption");
    // sigmoid: "Try m to switch model".
    let mut sigmoid = lesson("sigmoid");
    update(&mut sigmoid, Action::NextModel);
    assert_ne!(sigmoid.trainer().objective().model().to_string(), "sigmoid");
    // wiggle: "Press - to see how a smaller η slows each phase".
    let mut wiggle = lesson("wiggle");
    let lr = wiggle.trainer().config().lr;
    update(&mut wiggle, Action::ScaleLearningRate(0.5));
    assert_eq!(wiggle.trainer().config().lr, lr / 2.0);
}

/// Steps `a` until its step is `step` (each racer stepped by Space).
fn step_to(a: &mut downhill::app::App, step: usize) {
    while a.current().step < step {
        update(a, Action::Step);
    }
}

#[test]
fn xor_one_neuron_rests_at_ln_2_and_four_units_learn_it() {
    // "Press p: logistic regression … comes to rest at loss 0.686, next to ln 2 = 0.693".
    let mut a = lesson("xor");
    update(&mut a, Action::TogglePlay);
    while a.playing() {
        update(&mut a, Action::Advance(1));
    }
    assert_eq!(a.current().status, Status::Converged);
    assert!(
        (a.current().loss - 0.686).abs() < 5e-4,
        "{}",
        a.current().loss
    );
    assert!((a.trainer().start().loss - 2f64.ln()).abs() < 1e-12);
    // "Then type :model mlp:4 and press p: … the loss passes 0.3 by step 136 and 0.1 by
    // step 790."
    command(&mut a, "model mlp:4");
    assert_eq!(a.current().step, 0);
    assert!(a.as_written(), "the caption asked for this model itself");
    step_to(&mut a, 135);
    assert!(a.current().loss >= 0.3, "{}", a.current().loss);
    step_to(&mut a, 136);
    assert!(a.current().loss < 0.3, "{}", a.current().loss);
    step_to(&mut a, 789);
    assert!(a.current().loss >= 0.1, "{}", a.current().loss);
    step_to(&mut a, 790);
    assert!(a.current().loss < 0.1, "{}", a.current().loss);
}

#[test]
fn circle_has_seventeen_parameters_and_passes_a_tenth_by_step_296() {
    let mut a = lesson("circle");
    let names = a.param_names();
    assert_eq!(names.len(), 17);
    let (i, j) = a.viewport().axes().unwrap();
    assert_eq!(
        (names[i].as_str(), names[j].as_str()),
        ("W1[1,1]", "W1[1,2]")
    );
    step_to(&mut a, 295);
    assert!(a.current().loss >= 0.1, "{}", a.current().loss);
    step_to(&mut a, 296);
    assert!(a.current().loss < 0.1, "{}", a.current().loss);
}

#[test]
fn two_blobs_fall_below_five_hundredths_by_step_6_and_the_weights_keep_growing() {
    let mut a = lesson("two-features");
    step_to(&mut a, 5);
    assert!(a.current().loss >= 0.05, "{}", a.current().loss);
    step_to(&mut a, 6);
    assert!(a.current().loss < 0.05, "{}", a.current().loss);
    step_to(&mut a, 3000);
    let p = &a.current().params;
    assert!(
        (p[0] - 2.97).abs() < 0.005 && (p[1] - 2.78).abs() < 0.005,
        "{p}"
    );
    assert!(a.current().loss > 0.0);
    // The line w1·x1 + w2·x2 + b = 0 barely moves: its direction at step 300 is within a
    // degree of the one at step 3,000.
    let late = p[1].atan2(p[0]);
    let mut b = lesson("two-features");
    step_to(&mut b, 300);
    let q = &b.current().params;
    assert!(
        (q[1].atan2(q[0]) - late).abs() < 1f64.to_radians(),
        "{q} vs {p}"
    );
}

#[test]
fn spiral_adam_learns_it_and_plain_gd_lags() {
    let mut a = lesson("spiral");
    assert_eq!(a.param_names().len(), 105);
    step_to(&mut a, 131);
    assert!(a.current().loss >= 0.3, "{}", a.current().loss);
    step_to(&mut a, 132);
    assert!(a.current().loss < 0.3, "{}", a.current().loss);
    // "0.1 by step 550": a round step, not the exact crossing, which moves with the last
    // bits of the arithmetic on this noisy Adam curve.
    step_to(&mut a, 550);
    assert!(a.current().loss < 0.1, "{}", a.current().loss);
    // "press R to start over, type :optimizer gd and then :lr 0.5, and press p".
    update(&mut a, Action::Reload);
    command(&mut a, "optimizer gd");
    command(&mut a, "lr 0.5");
    assert_eq!(a.current().step, 0);
    assert!(a.as_written(), "the caption asked for gd itself");
    step_to(&mut a, 1000);
    assert!(a.current().loss > 0.47, "{}", a.current().loss);
}

/// The share of the distance from the start to the current point that the view's
/// plane keeps: the length of the displacement's projection onto the plane over its
/// own length.
fn kept_by_plane(a: &downhill::app::App) -> f64 {
    let plane = &a.viewport().plane;
    let frame = plane.frame().expect("a plane of directions");
    let (start, now) = (
        a.trainer().start().params.to_vec(),
        a.current().params.to_vec(),
    );
    let (a0, b0) = plane.coords(&start).unwrap();
    let (a1, b1) = plane.coords(&now).unwrap();
    let d = &frame.directions;
    let norm = |v: &mut dyn Iterator<Item = f64>| v.map(|x| x * x).sum::<f64>().sqrt();
    let projected = norm(&mut (0..start.len()).map(|k| (a1 - a0) * d.d1[k] + (b1 - b0) * d.d2[k]));
    projected / norm(&mut start.iter().zip(&now).map(|(s, n)| n - s))
}

/// The slice a screen of `(w, h)` shows.
fn slice_on(a: &mut downhill::app::App, (w, h): (u16, u16)) -> &downhill::landscape::Slice {
    let theme = downhill::ui::Theme {
        mode: downhill::ui::ColorMode::Rgb,
        light: false,
    };
    downhill::testing::deliver_screen_slice(a, ratatui::layout::Rect::new(0, 0, w, h), &theme);
    a.landscape().expect("a slice")
}

/// The lowest and highest loss of that slice.
fn slice_range(a: &mut downhill::app::App, screen: (u16, u16)) -> (f64, f64) {
    let slice = slice_on(a, screen);
    let lo = slice.losses.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = slice
        .losses
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

/// The lowest and highest loss on that slice's edges.
fn slice_edges(a: &mut downhill::app::App, screen: (u16, u16)) -> (f64, f64) {
    let slice = slice_on(a, screen);
    let (cols, rows) = (slice.request.width, slice.request.height);
    let edge: Vec<f64> = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (c, r)))
        .filter(|&(c, r)| c == 0 || r == 0 || c == cols - 1 || r == rows - 1)
        .map(|(c, r)| slice.at(c, r))
        .collect();
    let lo = edge.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = edge.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

#[test]
fn the_pca_plane_holds_the_path_and_random_directions_miss_it() {
    let mut a = lesson("pca-plane");
    assert_eq!(a.param_names().len(), 105);
    // "Press p: after 300 updates the title says the plane holds more than 99%".
    update(&mut a, Action::TogglePlay);
    while a.current().step < 300 {
        update(&mut a, Action::Advance(1));
    }
    let Some(FrameKind::Pca { share, steps }) = a.viewport().plane.frame().map(|f| f.kind) else {
        panic!("{:?}", a.viewport().plane);
    };
    assert!(share > 0.99, "{share} at {steps:?}");
    assert!(steps.1 >= 260, "the plane of the path so far: {steps:?}");
    // "Press P twice for two random directions through the point instead: they keep less
    // than a third of the distance from ○ to ●".
    update(&mut a, Action::TogglePlay);
    update(&mut a, Action::NextPlane);
    update(&mut a, Action::NextPlane);
    assert!(matches!(
        a.viewport().plane.frame().map(|f| f.kind),
        Some(FrameKind::Random { .. })
    ));
    let kept = kept_by_plane(&a);
    assert!(kept < 1.0 / 3.0, "{kept}");
}

#[test]
fn random_directions_show_a_basin_after_training() {
    for screen in [(200, 60), (80, 24)] {
        let mut a = lesson("random-plane");
        // "At the start the loss across the window stays between 0.68 and 1.5".
        let (lo, hi) = slice_range(&mut a, screen);
        assert!(lo >= 0.68 && hi <= 1.5, "{lo} {hi} at {screen:?}");
        // "after 300 updates press a for new directions … below 0.011 at ● and above 0.7
        // all round the window's edge, up to about 3 … Press a again: … much the same
        // basin."
        step_to(&mut a, 300);
        for _ in 0..3 {
            update(&mut a, Action::NextAxes);
            assert!(a.current().loss < 0.011, "{}", a.current().loss);
            let (edge_lo, edge_hi) = slice_edges(&mut a, screen);
            assert!(edge_lo > 0.7, "{edge_lo} at {screen:?}");
            assert!((2.5..3.5).contains(&edge_hi), "{edge_hi} at {screen:?}");
        }
    }
}

#[test]
fn overfit_test_loss_is_lowest_at_612_then_rises_twentyfold() {
    // "Both losses fall at first, and the test loss is lowest at step 612 (◆) … by step
    // 1500 the training loss is six times lower and the test loss almost twenty times
    // higher."
    let mut a = lesson("overfit");
    assert_eq!(a.trainer().objective().data().len(), 10);
    assert_eq!(a.trainer().objective().test().unwrap().data().len(), 10);
    assert_eq!(a.trainer().objective().n_params(), 37);
    step_to(&mut a, 1500);
    let low = a.lowest_test().unwrap().clone();
    assert_eq!(low.step, 612);
    let start = &a.trainer().kept()[0];
    assert!(low.loss < start.loss && low.test_loss.unwrap() < start.test_loss.unwrap());
    let now = a.current();
    let (train, test) = (
        low.loss / now.loss,
        now.test_loss.unwrap() / low.test_loss.unwrap(),
    );
    assert!((5.5..6.5).contains(&train), "training loss {train}× lower");
    assert!((18.0..20.0).contains(&test), "test loss {test}× higher");
    // "Press t for the landscape of the test loss."
    update(&mut a, Action::ToggleTestView);
    assert!(a.shows_test());
    assert!(std::sync::Arc::ptr_eq(
        a.landscape_objective(),
        a.trainer().objective().test().unwrap()
    ));
}

#[test]
fn local_minima_the_start_decides_and_a_race_splits() {
    let at_rest = |a: &downhill::app::App| {
        let p = &a.current().params;
        (p[0], p[1])
    };
    let near = |(x, y): (f64, f64), (u, v): (f64, f64)| (x - u).hypot(y - v) < 1e-4;
    // "From (0, 0) plain gd runs down to (3, 2)."
    let mut a = lesson("local-minima");
    play_out(&mut a);
    assert_eq!(a.current().status, Status::Converged);
    assert!(near(at_rest(&a), (3.0, 2.0)));
    // "Click … near (−1, 1), (−1, −1) or (1, −1): each start runs down to another."
    for (start, minimum) in [
        ("x=-1 y=1", (-2.805118, 3.131312)),
        ("x=-1 y=-1", (-3.779310, -3.283186)),
        ("x=1 y=-1", (3.584428, -1.848126)),
    ] {
        let mut b = lesson("local-minima");
        command(&mut b, &format!("set {start}"));
        play_out(&mut b);
        assert!(near(at_rest(&b), minimum), "{start}: {:?}", at_rest(&b));
    }
    // "Press R and then c for a race from one point: momentum swings … into (3.58,
    // −1.85), while gd and adam settle in (3, 2)."
    let mut race = lesson("local-minima");
    command(&mut race, "set x=1 y=-1");
    update(&mut race, Action::Reload);
    update(&mut race, Action::ToggleRace);
    for _ in 0..1100 {
        update(&mut race, Action::Step);
    }
    let ends: Vec<(String, (f64, f64))> = race
        .racers()
        .map(|t| {
            let p = &t.current().params;
            (t.config().optimizer.kind.name().to_owned(), (p[0], p[1]))
        })
        .collect();
    for (name, end) in &ends {
        let want = if name == "momentum" {
            (3.584428, -1.848126)
        } else {
            (3.0, 2.0)
        };
        assert!(near(*end, want), "{name} ended at {end:?}");
    }
    assert!(race.as_written());
}

#[test]
fn saddle_gd_stalls_after_66_and_momentum_escapes() {
    let mut a = lesson("saddle");
    play_out(&mut a);
    assert_eq!(a.current().step, 66);
    assert_eq!(a.current().status, Status::Stalled(Stall::Saddle));
    // "Now press r, o for momentum, and p: … it never comes to rest on the saddle, and by
    // update 70 it has left it."
    update(&mut a, Action::Reset);
    update(&mut a, Action::NextOptimizer);
    assert_eq!(a.trainer().config().optimizer.kind.name(), "momentum");
    assert!(a.as_written(), "the caption asks for momentum itself");
    update(&mut a, Action::TogglePlay);
    while a.current().step < 70 {
        assert!(a.playing(), "came to rest at {}", a.current().step);
        update(&mut a, Action::Advance(1));
    }
    assert!(
        a.current().params[1].abs() > 1.0,
        "{:?}",
        a.current().params
    );
    assert!(a.current().loss < -0.5);
}

#[test]
fn plateau_stalls_at_the_start_and_adam_crosses_in_34() {
    let mut a = lesson("plateau");
    let g = a.current().grad_norm;
    assert!((6.35e-7..6.45e-7).contains(&g), "{g}");
    // Radially f'' = (1 − r²)·e^(−r²/2) < 0 out here: the surface curves down toward the
    // drop, a direction the judgement calls a saddle's.
    assert_eq!(a.current().status, Status::Stalled(Stall::Saddle));
    command(&mut a, "tolerance 0");
    for _ in 0..20 {
        update(&mut a, Action::Step);
    }
    assert!(a.current().loss > 0.999_999, "gd creeps");
    command(&mut a, "optimizer adam");
    let from = a.current().step;
    while a.current().loss >= 0.5 {
        update(&mut a, Action::Step);
    }
    assert_eq!(a.current().step - from, 34);
    assert!(a.as_written());
}

#[test]
fn condition_k_raises_kappa_past_eta_and_halving_three_times_recovers() {
    let mut a = lesson("condition");
    assert!((a.stability().eta_limit() - 0.2).abs() < 1e-12);
    play_out(&mut a);
    assert_eq!(
        (a.current().status, a.current().step),
        (Status::Converged, 79)
    );
    update(&mut a, Action::NextCondition);
    assert!((a.stability().eta_limit() - 0.02).abs() < 1e-12);
    assert!(
        a.notice()
            .unwrap()
            .starts_with("κ = 100: η_crit = 2/λmax = 0.02")
    );
    assert!(a.as_written(), "the caption asks for κ = 100 itself");
    play_out(&mut a);
    assert!(a.diverged());
    update(&mut a, Action::Reset);
    for _ in 0..3 {
        update(&mut a, Action::ScaleLearningRate(0.5));
    }
    assert_eq!(a.trainer().config().lr, 0.01875);
    play_out(&mut a);
    assert_eq!(
        (a.current().status, a.current().step),
        (Status::Converged, 677)
    );
}
