//! The one place where actions change the app: a table from each action to the method
//! that carries it out.

use super::{Action, App, Effect};

/// Applies `action` to `app`; returns the file work it asks the event loop to do, if any.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if action.is_from_person() {
        // A notice answers the person's last action; the loop's own actions keep it.
        app.notice = None;
        // Any key of the person's stops a `:steps` run (the command line may start another).
        app.queued = 0;
    }
    let explained = !matches!(action, Action::Explain | Action::Dismiss);
    let effect = apply(app, action);
    // The explanation follows the state it explains.
    if explained {
        app.refresh_explanation();
    }
    effect
}

fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Step => app.step_once(),
        Action::StepBack => app.step_back(),
        Action::TogglePlay => app.toggle_play(),
        Action::Advance(updates) => app.advance(updates),
        Action::Faster => app.change_speed(true),
        Action::Slower => app.change_speed(false),
        Action::ScaleLearningRate(factor) => app.scale_lr(factor),
        Action::Reset => app.reset(),
        Action::RecoverFromDivergence => app.recover(),
        Action::NextOptimizer => app.next_optimizer(),
        Action::ToggleRace => app.toggle_race(),
        Action::NextModel => app.next_model(),
        Action::NextLoss => app.next_loss(),
        Action::NextLesson(offset) => app.next_lesson(offset),
        Action::Reload => app.reload(),
        Action::ScrollText(rows) => app.scroll_text(rows),
        Action::ToggleLessons => app.toggle_lessons(),
        Action::LessonCursor(by) => app.move_lesson_cursor(by),
        Action::OpenChosenLesson => app.open_chosen_lesson(),
        Action::NextAxes => app.next_axes(),
        Action::NextPlane => app.next_plane(),
        Action::NextScale => app.next_scale(),
        Action::ToggleTestView => app.toggle_test_view(),
        Action::NextCondition => app.next_condition(),
        Action::NextUnit => app.next_unit(),
        Action::Pan(direction) => app.pan(direction),
        Action::ZoomIn => app.zoom(true),
        Action::ZoomOut => app.zoom(false),
        Action::FitView => app.fit_view(),
        Action::ToggleViewLock => app.toggle_view_lock(),
        Action::ToggleSurface => app.toggle_surface(),
        Action::Turn(direction) => app.turn(direction),
        Action::LookAt(viewport) => app.look_at(viewport),
        Action::RestartAt(x, y) => app.restart_at(x, y),
        Action::ToggleHelp => app.toggle_help(),
        Action::Explain => app.explain_next(),
        Action::Dismiss => app.dismiss(),
        Action::AddPoint(x, y) => app.add_point(x, y),
        Action::RemovePoint { at, spans } => app.remove_point(at, spans),
        Action::AddPlanePoint(x1, x2) => app.add_plane_point(x1, x2),
        Action::RemovePlanePoint { at, spans } => app.remove_plane_point(at, spans),
        Action::ToggleAddClass => app.toggle_add_class(),
        Action::ExportTrajectory => return app.export_trajectory(),
        Action::SaveScreen => return app.save_screen(),
        Action::TogglePredict => app.toggle_predict(),
        Action::AnswerInput(c) => app.answer_input(c),
        Action::AnswerBackspace => app.answer_backspace(),
        Action::AnswerSubmit => app.answer_submit(),
        Action::AnswerCancel => app.answer_cancel(),
        Action::OpenCommandLine => app.open_command_line(),
        Action::CommandInput(c) => app.edit_command(|text| text.push(c)),
        Action::CommandBackspace => app.command_backspace(),
        Action::CommandComplete => app.complete_command(),
        Action::CommandSubmit => return app.submit_command(),
        Action::CommandCancel => app.cancel_command(),
        Action::ToggleSharpness => app.toggle_sharpness(),
        Action::ToggleCaption => app.toggle_caption(),
        Action::ToggleSweep => app.toggle_sweep(),
        Action::SweepCursor(by) => app.move_sweep_cursor(by),
        Action::PickSweepRate => app.pick_sweep_rate(),
        Action::SweepResult { id, index, row } => app.sweep_result(id, index, row),
        Action::Wrote {
            result,
            note,
            command,
        } => app.wrote(result, note, command),
        Action::Loaded {
            id,
            path,
            data,
            command,
        } => app.loaded((id, &path), data, command),
        Action::LandscapeReady(slice) => app.landscape_ready(*slice),
        Action::StabilityReady(answer) => app.stability_ready(*answer),
        Action::Judged(answer) => app.judged(*answer),
        Action::Resize(..) => {}
        Action::Quit => app.leave(),
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::{Direction, Key, Press, action_for};
    use crate::engine::{Loss, OptimizerKind, Status};
    use crate::explain::Phase;
    use crate::scenario::{LESSONS, Scenario, resolve};
    use crate::testing::command;
    use proptest::prelude::*;

    use crate::testing::lesson as app;

    #[test]
    fn step_back_and_reset_move_through_the_history_exactly() {
        let mut a = app("intro");
        for _ in 0..3 {
            update(&mut a, Action::Step);
        }
        let after_two = a.trainer().kept()[2].clone();
        update(&mut a, Action::StepBack);
        assert_eq!(a.current(), &after_two);
        update(&mut a, Action::Reset);
        assert_eq!(a.current().step, 0);
        update(&mut a, Action::StepBack);
        assert_eq!(a.notice(), Some("already at the start"));
    }

    #[test]
    fn learning_rate_keys_scale_eta_and_keep_the_history() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::ScaleLearningRate(2.0));
        assert_eq!(a.trainer().config().lr, 0.2);
        assert_eq!(a.current().step, 1);
        update(&mut a, Action::Step);
        assert_eq!(a.current().lr, 0.2);
        assert_eq!(a.trainer().kept()[1].lr, 0.1);
        update(&mut a, Action::ScaleLearningRate(f64::INFINITY));
        assert_eq!(a.trainer().config().lr, 0.2);
        assert!(a.notice().is_some());
    }

    #[test]
    fn a_blowup_stops_play_and_u_rewinds_and_halves_eta() {
        let mut a = app("blowup");
        update(&mut a, Action::TogglePlay);
        assert!(a.playing());
        update(&mut a, Action::Advance(10));
        assert!(a.diverged());
        assert!(!a.playing());
        assert_eq!(a.current().step, 1);
        update(&mut a, Action::TogglePlay);
        assert!(!a.playing(), "play stays off after a blowup");
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(a.current().step, 0);
        // η = 1 is 4,000 times η_crit = 0.000240696: u halves until within it, at once.
        let eta_crit = a.stability().eta_limit();
        assert_eq!(a.trainer().config().lr, 0.5f64.powi(13));
        assert!(0.5f64.powi(13) <= eta_crit && 0.5f64.powi(12) > eta_crit);
        assert_eq!(
            a.notice(),
            Some("rewound; η halved 13 times to 0.00012207: the next update no longer climbs")
        );
        assert!(!a.diverged());
        update(&mut a, Action::Step);
        assert!(a.current().loss < a.trainer().kept()[0].loss);
    }

    #[test]
    fn u_after_a_blowup_from_rest_halves_only_to_within_the_limit() {
        // Rest at the minimum, blow up with η = 0.8, rewind: the rounding-level changes
        // of the loss at the minimum are no climb, so η stops at 0.2 < η_crit ≈ 0.35.
        let mut a = app("intro");
        update(&mut a, Action::TogglePlay);
        while a.playing() {
            update(&mut a, Action::Advance(1));
        }
        command(&mut a, "lr 0.8");
        while a.playing() {
            update(&mut a, Action::Advance(1));
        }
        assert!(a.diverged());
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(a.trainer().config().lr, 0.2);
        assert!(a.notice().unwrap().contains("η halved 2 times to 0.2"));
    }

    #[test]
    fn u_always_moves_back_and_refuses_when_nothing_is_left() {
        // A start that is already past the divergence bound: nothing to rewind to.
        let cli = Scenario {
            preset: Some("intro".into()),
            init: Some("w=1e200".into()),
            ..Default::default()
        };
        let mut a = App::new(resolve(&cli, None).unwrap()).unwrap();
        assert!(a.diverged());
        update(&mut a, Action::RecoverFromDivergence);
        assert_eq!(
            a.trainer().config().lr,
            0.1,
            "η is not halved when nothing is rewound"
        );
        assert!(a.notice().unwrap().contains("nothing to rewind"));
        // The loss rose at every update: u goes back to the start.
        let mut b = app("ravine-blowup");
        command(&mut b, "lr 0.05");
        update(&mut b, Action::TogglePlay);
        update(&mut b, Action::Advance(500));
        assert!(b.diverged());
        let before = b.current().step;
        update(&mut b, Action::RecoverFromDivergence);
        assert!(b.current().step < before);
        assert!(!b.diverged());
        let eta_crit = b.stability().eta_limit();
        let lr = b.trainer().config().lr;
        assert!(
            lr <= eta_crit && 2.0 * lr > eta_crit,
            "{lr} against {eta_crit}"
        );
        assert!(lr < 0.025, "more than one halving");
    }

    #[test]
    fn notices_survive_the_loops_own_actions() {
        let mut a = app("plane");
        update(&mut a, Action::Dismiss);
        let notice = a.notice().map(String::from);
        assert!(notice.is_some());
        update(&mut a, Action::Advance(3));
        update(&mut a, Action::Resize(80, 24));
        assert_eq!(a.notice(), notice.as_deref());
        update(&mut a, Action::Step);
        assert_eq!(a.notice(), None);
    }

    #[test]
    fn restarting_on_a_frozen_axis_moves_the_minimiser() {
        // line: b frozen; from b = 2 the best w is mean(x·(y − 2))/mean(x²) = (7.5 − 5)/7.5.
        let mut a = app("line");
        command(&mut a, "set b=2");
        let m = a.minimizer().cloned().unwrap();
        assert_eq!(m[1], 2.0);
        approx::assert_relative_eq!(m[0], 1.0 / 3.0, max_relative = 1e-12);
    }

    #[test]
    fn advance_only_steps_while_playing() {
        let mut a = app("intro");
        update(&mut a, Action::Advance(5));
        assert_eq!(a.current().step, 0);
        update(&mut a, Action::TogglePlay);
        update(&mut a, Action::Advance(5));
        assert_eq!(a.current().step, 5);
    }

    #[test]
    fn a_new_lr_after_converging_plays_on_and_past_the_limit_blows_up() {
        let mut a = app("intro");
        update(&mut a, Action::TogglePlay);
        for _ in 0..10_000 {
            if !a.playing() {
                break;
            }
            update(&mut a, Action::Advance(17));
        }
        assert_eq!(a.current().status, Status::Converged);
        command(&mut a, "lr 0.4");
        assert!(a.playing(), "changing η plays on from a rest");
        assert_eq!(a.current().status, Status::Running);
        for _ in 0..1_000 {
            if !a.playing() {
                break;
            }
            update(&mut a, Action::Advance(17));
        }
        assert!(
            a.diverged(),
            "η past the limit pushes the point off the minimum"
        );
        // While paused mid-run, changing η does not start play.
        let mut b = app("intro");
        update(&mut b, Action::Step);
        update(&mut b, Action::ScaleLearningRate(2.0));
        assert!(!b.playing());
    }

    #[test]
    fn after_a_blowup_e_explains_the_update_taken_through_to_why() {
        let mut a = app("blowup");
        update(&mut a, Action::Step);
        assert!(a.diverged());
        update(&mut a, Action::Explain);
        let title = |a: &App| a.explaining().unwrap().1.title.clone();
        assert_eq!(title(&a), "forward: the predictions at step 0");
        for _ in 0..3 {
            update(&mut a, Action::Explain);
        }
        let (phase, text) = a.explaining().unwrap();
        assert_eq!(phase, Phase::Update);
        assert_eq!(text.title, "update: from step 0 to step 1");
        let start = text.blowup.expect("the update blows up");
        assert_eq!(text.lines[start], "why it blows up:");
        update(&mut a, Action::Explain);
        assert!(
            a.notice()
                .unwrap()
                .starts_with("that was the update that blew up")
        );
        assert_eq!(
            a.explaining().unwrap().0,
            Phase::Update,
            "the why stays on screen"
        );
        // Scrolling survives the refreshes other actions cause.
        update(&mut a, Action::ScrollText(3));
        update(&mut a, Action::Advance(1));
        assert_eq!(a.text_scroll(), 3);
        // A falling loss: e explains the next update, as before.
        let mut b = app("intro");
        update(&mut b, Action::Step);
        update(&mut b, Action::Explain);
        assert_eq!(title(&b), "forward: the predictions at step 1");
    }

    #[test]
    fn switching_optimizer_keeps_the_position() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::Step);
        let here = a.current().params.clone();
        update(&mut a, Action::NextOptimizer);
        assert_eq!(a.trainer().config().optimizer.kind, OptimizerKind::Momentum);
        assert_eq!(a.current().params, here);
        assert_eq!(a.current().step, 0);
    }

    #[test]
    fn switching_model_starts_at_its_defaults_and_loss_cycles_skip_bce() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::NextModel);
        assert_eq!(a.trainer().objective().model().to_string(), "sigmoid");
        assert_eq!(a.current().params.to_vec(), [1.0, 0.0, 1.0]);
        command(&mut a, "model relus:2");
        command(&mut a, "model sigmoids:3");
        let c: Vec<f64> = (0..3).map(|k| a.current().params[3 * k + 2]).collect();
        assert_eq!(c, [1.0 / 3.0; 3], "not relus:2's c = 0.5");
        command(&mut a, "model sigmoid");
        update(&mut a, Action::Step);
        let here = a.current().params.clone();
        let generation = a.generation();
        update(&mut a, Action::NextLoss);
        assert_eq!(a.current().params, here, "a new loss keeps the point");
        update(&mut a, Action::NextLoss);
        assert_eq!(a.trainer().objective().loss(), Loss::Mae);
        update(&mut a, Action::NextLoss);
        assert_eq!(
            a.trainer().objective().loss(),
            Loss::Mse,
            "bce needs logistic and 0/1 targets"
        );
        assert!(a.generation() > generation);
    }

    #[test]
    fn several_features_cycle_through_the_models_that_fit() {
        let model = |a: &App| a.trainer().objective().model().to_string();
        let mut a = app("plane");
        let mut seen = vec![model(&a)];
        for _ in 0..4 {
            update(&mut a, Action::NextModel);
            seen.push(model(&a));
        }
        assert_eq!(seen, ["linear", "logistic", "mlp:4", "mlp:8,8", "linear"]);
        let mut b = app("two-features");
        update(&mut b, Action::NextModel);
        assert_eq!(model(&b), "mlp:4");
        update(&mut b, Action::NextModel);
        update(&mut b, Action::NextModel);
        assert_eq!(model(&b), "linear");
        update(&mut b, Action::NextModel);
        assert_eq!(model(&b), "logistic");
    }

    #[test]
    fn n_chooses_the_unit_explain_mode_works_out() {
        let mut a = app("circle");
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        let last = |a: &App| a.explaining().unwrap().1.lines.last().unwrap().clone();
        let unit_line = |a: &App| {
            let text = &a.explaining().unwrap().1.lines;
            text.iter()
                .find(|l| l.trim_start().starts_with("unit "))
                .cloned()
        };
        assert_eq!(a.explaining().unwrap().0, Phase::Backward, "{}", last(&a));
        assert!(unit_line(&a).unwrap().contains("unit 1 of layer 1: "));
        update(&mut a, Action::NextUnit);
        assert!(
            unit_line(&a)
                .unwrap()
                .contains("unit 2 of layer 1: ∂l/∂W1[2,1]")
        );
        for _ in 0..3 {
            update(&mut a, Action::NextUnit);
        }
        // circle's mlp:4: after the fourth hidden unit, the output.
        let line = unit_line(&a).unwrap();
        assert!(
            line.contains("unit 1 of layer 2: ∂l/∂W2[1,1] = δ⁽²⁾₁·a⁽¹⁾₁"),
            "{line}"
        );
        update(&mut a, Action::NextUnit);
        assert!(unit_line(&a).unwrap().contains("unit 1 of layer 1: "));
        // A model without layers says so and changes nothing.
        let mut b = app("intro");
        update(&mut b, Action::NextUnit);
        assert!(b.notice().unwrap().contains("no layers"));
    }

    #[test]
    fn axes_cycle_through_every_pair() {
        let mut a = app("plane");
        let mut seen = vec![a.viewport().axes().unwrap()];
        for _ in 0..3 {
            update(&mut a, Action::NextAxes);
            seen.push(a.viewport().axes().unwrap());
        }
        assert_eq!(seen, [(0, 1), (0, 2), (1, 2), (0, 1)]);
    }

    #[test]
    fn a_click_restarts_from_that_point() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::RestartAt(0.25, -2.0));
        assert_eq!(a.current().step, 0);
        assert_eq!(a.current().params.to_vec(), [0.25, -2.0]);
    }

    #[test]
    fn view_actions_move_the_view_only() {
        let mut a = app("intro");
        let before = a.viewport().clone();
        update(&mut a, Action::Pan(Direction::Left));
        assert!(a.viewport().x.0 < before.x.0);
        update(&mut a, Action::ZoomIn);
        update(&mut a, Action::FitView);
        assert_eq!(a.viewport(), &before);
        assert_eq!(a.current().step, 0);
    }

    #[test]
    fn the_caption_can_be_hidden_and_other_data_drops_it() {
        let mut a = app("line");
        assert!(a.shown_caption().unwrap().contains("parabola"));
        update(&mut a, Action::ToggleCaption);
        assert_eq!(a.shown_caption(), None);
        let cli = Scenario {
            preset: Some("line".into()),
            dataset: Some("sigmoid".into()),
            ..Default::default()
        };
        let mut b = App::new(resolve(&cli, None).unwrap()).unwrap();
        assert_eq!(
            b.shown_caption(),
            None,
            "the lesson's words do not describe other data"
        );
        update(&mut b, Action::ToggleCaption);
        assert!(b.notice().is_some());
    }

    #[test]
    fn points_are_added_and_removed_and_the_loss_follows() {
        let mut a = app("line");
        let loss = a.current().loss;
        update(&mut a, Action::AddPoint(5.0, 20.0));
        assert_eq!(a.trainer().objective().data().len(), 5);
        assert!(
            a.current().loss > loss,
            "a point far off the line raises the loss"
        );
        assert_eq!(a.setup().scenario.points.as_ref().unwrap().rows.len(), 5);
        update(
            &mut a,
            Action::RemovePoint {
                at: (4.9, 19.0),
                spans: (5.0, 20.0),
            },
        );
        assert_eq!(a.trainer().objective().data().len(), 4);
        assert_eq!(a.current().loss, loss);
        let mut p = app("plane");
        update(&mut p, Action::AddPoint(1.0, 1.0));
        assert!(p.notice().unwrap().contains("one-feature"));
        let mut b = app("blowup");
        update(
            &mut b,
            Action::RemovePoint {
                at: (0.0, 0.0),
                spans: (1.0, 1.0),
            },
        );
        assert_eq!(b.trainer().objective().data().len(), 1);
    }

    #[test]
    fn points_of_a_class_are_added_and_removed_on_two_features() {
        let cli = Scenario {
            dataset: Some("xor".into()),
            n: Some(10),
            model: Some("linear".into()),
            ..Default::default()
        };
        let mut a = App::new(resolve(&cli, None).unwrap()).unwrap();
        assert_eq!(a.add_class(), 1.0);
        update(&mut a, Action::AddPlanePoint(9.0, -9.0));
        update(&mut a, Action::ToggleAddClass);
        assert!(a.notice().unwrap().contains("class 0"), "{:?}", a.notice());
        update(&mut a, Action::AddPlanePoint(-9.0, -9.0));
        let d = a.trainer().objective().data();
        assert_eq!(d.len(), 12);
        assert_eq!(&d.y_slice()[10..], &[1.0, 0.0]);
        assert_eq!(&d.x_slice()[20..], &[9.0, -9.0, -9.0, -9.0]);
        let saved = a.setup().scenario.points.as_ref().unwrap();
        assert_eq!(saved.columns, vec!["x1", "x2", "y"]);
        assert_eq!(saved.rows[11], vec![-9.0, -9.0, 0.0]);
        update(
            &mut a,
            Action::RemovePlanePoint {
                at: (8.5, -8.0),
                spans: (10.0, 10.0),
            },
        );
        let d = a.trainer().objective().data();
        assert_eq!(d.len(), 11);
        assert_eq!(&d.x_slice()[20..], &[-9.0, -9.0]);
        // Each kind of click belongs to its own kind of data.
        update(&mut a, Action::AddPoint(1.0, 1.0));
        assert!(a.notice().unwrap().contains("one-feature"));
        let mut line = app("line");
        update(&mut line, Action::AddPlanePoint(1.0, 1.0));
        assert!(line.notice().unwrap().contains("two-feature"));
        assert_eq!(line.trainer().objective().data().len(), 4);
    }

    #[test]
    fn explain_walks_four_phases_then_takes_the_update() {
        let mut a = app("doubling");
        let phases = |a: &App| a.explaining().map(|(p, _)| p);
        update(&mut a, Action::Explain);
        assert_eq!(phases(&a), Some(Phase::Forward));
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        update(&mut a, Action::Explain);
        assert_eq!(phases(&a), Some(Phase::Update));
        assert_eq!(
            a.current().step,
            0,
            "the update is explained before it is taken"
        );
        let text = a.explaining().unwrap().1.lines.join("\n");
        assert!(text.contains("0.0933333"), "{text}");
        update(&mut a, Action::Explain);
        assert_eq!(a.current().step, 1);
        assert_eq!(phases(&a), Some(Phase::Forward));
        // Other actions keep the explanation in step with the state.
        update(&mut a, Action::Step);
        assert!(
            a.explaining().unwrap().1.title.contains("step 2"),
            "{:?}",
            a.explaining()
        );
        update(&mut a, Action::Dismiss);
        assert!(a.explaining().is_none() && !a.quit());
        update(&mut a, Action::Dismiss);
        assert!(!a.quit(), "Esc with nothing open never leaves");
        assert_eq!(a.notice(), Some("nothing to close: q quits"));
        update(&mut a, Action::Quit);
        assert!(a.quit());
    }

    #[test]
    fn lessons_cycle_both_ways_and_reload_as_opened() {
        let mut a = app("intro");
        update(&mut a, Action::NextLesson(1));
        assert_eq!(a.setup().name, LESSONS[1].name);
        update(&mut a, Action::NextLesson(-1));
        update(&mut a, Action::NextLesson(-1));
        assert_eq!(a.setup().name, LESSONS[LESSONS.len() - 1].name);
        // Reload: every switch, setting and step since opening is gone.
        let mut b = app("intro");
        let opened = (b.current().clone(), b.trainer().config().clone());
        update(&mut b, Action::Step);
        update(&mut b, Action::NextModel);
        command(&mut b, "lr 0.3");
        update(&mut b, Action::Reload);
        assert_eq!((b.current().clone(), b.trainer().config().clone()), opened);
        assert_eq!(b.trainer().objective().model().to_string(), "linear");
        assert_eq!(b.notice(), Some("reloaded intro as it was opened"));
    }

    #[test]
    fn slices_for_another_objective_are_ignored() {
        let mut a = app("line");
        let request = a.slice_request(4, 4);
        let slice = crate::landscape::compute(a.trainer().objective(), &request, 4);
        update(&mut a, Action::NextModel);
        update(&mut a, Action::LandscapeReady(Box::new(slice.clone())));
        assert!(a.landscape().is_none());
        let fresh = crate::landscape::compute(a.trainer().objective(), &a.slice_request(4, 4), 4);
        update(&mut a, Action::LandscapeReady(Box::new(fresh)));
        assert!(a.landscape().is_some());
    }

    /// Keys a person might press, as the event loop would deliver them.
    fn keys() -> impl Strategy<Value = Vec<Key>> {
        let codes: Vec<Key> = " pb.,+-=][romldauzZf?iywqccv3DRL"
            .chars()
            .map(Key::Char)
            .chain([
                Key::Enter,
                Key::Backspace,
                Key::Up,
                Key::Down,
                Key::Left,
                Key::Right,
                Key::Esc,
            ])
            .collect();
        proptest::collection::vec(proptest::sample::select(codes), 0..60)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random key sequences never panic and leave the engine consistent.
        #[test]
        fn random_keys_keep_the_app_consistent(
            lesson in 0..LESSONS.len(),
            presses in keys(),
            ticks in proptest::collection::vec(0..50usize, 0..60),
        ) {
            let mut a = app(LESSONS[lesson].name);
            for (i, key) in presses.into_iter().enumerate() {
                if let Some(action) = action_for(a.key_mode(), Press { key, plain: true }) {
                    update(&mut a, action);
                }
                update(&mut a, Action::Advance(ticks.get(i).copied().unwrap_or(1)));
                let n = a.param_names().len();
                let lr = a.trainer().config().lr;
                prop_assert!(lr.is_finite() && lr > 0.0);
                let racers = a.racers().count();
                prop_assert!(racers == 1 || (2..=6).contains(&racers));
                let mut kinds = Vec::new();
                for t in a.racers() {
                    let history = t.kept();
                    prop_assert!(!history.is_empty());
                    prop_assert!(history.iter().enumerate().all(|(k, s)| s.step == k));
                    prop_assert!(history.iter().all(|s| s.params.len() == n && s.grad.len() == n));
                    prop_assert!(history[0].params == a.trainer().kept()[0].params);
                    prop_assert!(Arc::ptr_eq(t.objective(), a.trainer().objective()));
                    prop_assert_eq!(t.config().lr, lr);
                    prop_assert!(!kinds.contains(&t.config().optimizer.kind));
                    kinds.push(t.config().optimizer.kind);
                }
                prop_assert!(!a.playing() || a.any_running(), "play only while a racer can move");
                let (x, y) = (a.viewport().x, a.viewport().y);
                prop_assert!(x.0.is_finite() && x.1.is_finite() && x.0 < x.1);
                prop_assert!(y.0.is_finite() && y.1.is_finite() && y.0 < y.1);
                match &a.viewport().plane {
                    crate::landscape::Plane::Params(i, j) => prop_assert!(*i < n && *j < n),
                    crate::landscape::Plane::Along(f) => {
                        let d = &f.directions;
                        prop_assert!(f.anchor.len() == n && d.d1.len() == n && d.d2.len() == n);
                        // The point is always somewhere on the plane's coordinates.
                        let here = a.last_finite().params.to_vec();
                        prop_assert!(a.viewport().plane.coords(&here).is_some());
                    }
                }
                if let Some(camera) = a.surface() {
                    prop_assert!((10.0..=85.0).contains(&camera.elevation));
                    prop_assert!(a.curve_axis().is_none(), "a curve has no surface");
                }
                prop_assert!(!(a.playing() && a.diverged()));
                if let Some(s) = &a.sweep() {
                    prop_assert!(s.cursor < s.lrs().len());
                }
            }
        }
    }
}
