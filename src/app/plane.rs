//! Which plane the landscape shows: two parameters, two filter-normalised random
//! directions, or the PCA plane of the path; choosing, cycling and refreshing it.

use std::sync::Arc;

use super::App;
use crate::landscape::Plane;
use crate::landscape::plane::{Frame, FrameKind, pca_frame, random_directions};
use crate::scenario::PlaneChoice;

/// The PCA plane is computed again once the path has grown by this share since the last
/// time (or by one step, early on), so it keeps up with the descent without turning
/// under the person's eyes at every step.
const PCA_GROWTH: usize = 8;

impl App {
    /// The plane the person chose (what `:save` writes).
    pub fn plane_choice(&self) -> PlaneChoice {
        self.plane_choice
    }

    /// The plane `choice` asks for, made at the current point and path: the PCA plane
    /// needs three distinct points, and until then it is the random plane of seed 0.
    fn plane_for(&self, choice: PlaneChoice) -> Plane {
        let theta = self.last_finite().params.to_vec();
        let random = |seed: u64| {
            let blocks = self.trainer.objective().model().weight_blocks();
            let frozen = &self.trainer.config().frozen;
            let directions = random_directions(&theta, &blocks, frozen, seed);
            Frame::new(FrameKind::Random { seed }, theta.clone(), directions)
                .map(|f| Plane::Along(Arc::new(f)))
        };
        let fallback = || Plane::Params(0, 1.min(theta.len() - 1));
        match choice {
            PlaneChoice::Params(i, j) => Plane::Params(i, j),
            PlaneChoice::Random(seed) => random(seed.unwrap_or(0)).unwrap_or_else(fallback),
            PlaneChoice::Pca => self
                .pca_frame(theta.clone())
                .map(|f| Plane::Along(Arc::new(f)))
                .or_else(|| random(0))
                .unwrap_or_else(fallback),
        }
    }

    /// The PCA plane of the first racer's path, anchored at `anchor`.
    fn pca_frame(&self, anchor: Vec<f64>) -> Option<Frame> {
        let path: Vec<(usize, &[f64])> = self
            .trainer
            .kept()
            .iter()
            .filter_map(|s| Some((s.step, s.params.as_slice()?)))
            .collect();
        pca_frame(&path, anchor)
    }

    /// Shows the plane `choice` asks for, framed and followed; refused, changing
    /// nothing, when the model has no two independent random directions (one free
    /// parameter).
    pub(super) fn set_plane(&mut self, choice: PlaneChoice) -> Result<(), String> {
        let n = self.param_names().len();
        let choice = match (choice, self.viewport.plane.frame().map(|f| f.kind)) {
            (PlaneChoice::Params(i, j), _) if i.max(j) >= n => PlaneChoice::Params(0, 1.min(n - 1)),
            // Asking for random directions again asks for new ones.
            (PlaneChoice::Random(None), Some(FrameKind::Random { seed }))
                if self.plane_choice != PlaneChoice::Pca =>
            {
                PlaneChoice::Random(Some(seed.wrapping_add(1)))
            }
            (other, _) => other,
        };
        let plane = self.plane_for(choice);
        // The seed drawn is what `:save` writes, so the same directions come back.
        self.plane_choice = match (plane.frame().map(|f| f.kind), choice) {
            (Some(FrameKind::Random { seed }), PlaneChoice::Random(_)) => {
                PlaneChoice::Random(Some(seed))
            }
            (None, PlaneChoice::Random(_)) => {
                return Err(crate::t!("notice-random-needs-two"));
            }
            _ => choice,
        };
        self.show_plane(plane);
        Ok(())
    }

    /// Frames `plane` and follows the descent on it.
    fn show_plane(&mut self, plane: Plane) {
        self.slice_minimizer = self.slice_minimum(&plane);
        self.viewport = self.framed(plane);
        self.view_locked = false;
    }

    /// `P`: the next kind of plane: parameters, random directions, the PCA plane.
    pub(super) fn next_plane(&mut self) {
        let next = match self.plane_choice {
            PlaneChoice::Params(..) => PlaneChoice::Random(None),
            PlaneChoice::Random(_) => PlaneChoice::Pca,
            PlaneChoice::Pca => PlaneChoice::Params(0, 1),
        };
        if let Err(why) = self.set_plane(next) {
            self.tell(why);
        }
    }

    /// `a`: the next pair of parameters on the axes; on random directions, new ones (the
    /// next seed); on the PCA plane, the plane of the path as it is now.
    pub(super) fn next_axes(&mut self) {
        let kind = self.viewport.plane.frame().map(|f| f.kind);
        let asked = match (self.plane_choice, kind) {
            (PlaneChoice::Params(..), _) => return self.next_parameter_pair(),
            (PlaneChoice::Random(_), Some(FrameKind::Random { seed })) => {
                PlaneChoice::Random(Some(seed.wrapping_add(1)))
            }
            (choice, _) => choice,
        };
        if let Err(why) = self.set_plane(asked) {
            self.tell(why);
        }
    }

    /// The next pair of parameters on the axes, framed.
    fn next_parameter_pair(&mut self) {
        let n = self.param_names().len();
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .collect();
        let at = pairs
            .iter()
            .position(|&p| Some(p) == self.viewport.plane.axes())
            .map_or(0, |k| (k + 1) % pairs.len());
        if let Some(&(i, j)) = pairs.get(at) {
            self.plane_choice = PlaneChoice::Params(i, j);
            self.show_plane(Plane::Params(i, j));
        }
    }

    /// The plane for a new objective (or data): the chosen one made afresh; a chosen
    /// pair of parameters gives way to the curve of a lone free parameter.
    pub(super) fn plane_for_objective(&mut self) -> Plane {
        let n = self.trainer.start().params.len();
        let frozen = &self.trainer.config().frozen;
        let free: Vec<usize> = (0..n).filter(|&k| !frozen[k]).collect();
        match (self.plane_choice, free.as_slice()) {
            // One free parameter goes on the horizontal axis, so that its curve is drawn.
            (PlaneChoice::Params(..), [k]) if n >= 2 => Plane::Params(*k, usize::from(*k == 0)),
            (PlaneChoice::Params(i, j), _) if i.max(j) < n && i != j => Plane::Params(i, j),
            (PlaneChoice::Params(..), _) => {
                self.plane_choice = PlaneChoice::Params(0, 1.min(n - 1));
                Plane::Params(0, 1.min(n - 1))
            }
            (choice, _) => self.plane_for(choice),
        }
    }

    /// While the view follows the PCA plane: computes it again once the path has grown
    /// (or shrunk) enough since it was computed, so that it is the plane of the path so
    /// far; the view is framed on the new plane.
    pub(super) fn refresh_pca(&mut self) {
        if self.plane_choice != PlaneChoice::Pca || self.view_locked {
            return;
        }
        let now = self.last_finite().step;
        let (due, shrunk) = match self.viewport.plane.frame().map(|f| f.kind) {
            Some(FrameKind::Pca {
                steps: (_, last), ..
            }) => (
                now < last || now - last >= (last / PCA_GROWTH).max(1),
                now < last,
            ),
            // Still on the stand-in random plane: the path may now have three points.
            _ => (true, false),
        };
        if !due {
            return;
        }
        match self.pca_frame(self.last_finite().params.to_vec()) {
            Some(frame) => self.show_plane(Plane::Along(Arc::new(frame))),
            // The path went back below three points (a reset, a step back, a click): the
            // old plane would name steps that are gone, so the stand-in returns.
            None if shrunk => self.show_plane(self.plane_for(PlaneChoice::Pca)),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::landscape::{Subsamples, slice_for};
    use crate::scenario::Scenario;
    use crate::testing::{app_for, command, lesson};

    fn kind(a: &App) -> Option<FrameKind> {
        a.viewport().plane.frame().map(|f| f.kind)
    }

    fn here(a: &App) -> (f64, f64) {
        let theta = a.last_finite().params.to_vec();
        a.viewport().plane.coords(&theta).unwrap()
    }

    #[test]
    fn p_cycles_parameters_random_directions_and_the_pca_plane() {
        let mut a = lesson("spiral");
        for _ in 0..20 {
            update(&mut a, Action::Step);
        }
        assert_eq!(a.viewport().plane, Plane::Params(0, 1));
        update(&mut a, Action::NextPlane);
        assert_eq!(kind(&a), Some(FrameKind::Random { seed: 0 }));
        assert_eq!(a.plane_choice(), PlaneChoice::Random(Some(0)));
        // Drawn at the current point: it sits at the plane's origin, in view.
        let (x, y) = here(&a);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9, "{x} {y}");
        assert!(a.viewport().holds((x, y), 0.0));
        // `a` asks for new directions.
        update(&mut a, Action::NextAxes);
        assert_eq!(kind(&a), Some(FrameKind::Random { seed: 1 }));
        update(&mut a, Action::NextPlane);
        let Some(FrameKind::Pca { share, steps }) = kind(&a) else {
            panic!("{:?}", kind(&a));
        };
        assert!(share > 0.5 && share <= 1.0, "{share}");
        assert_eq!(steps, (0, 20));
        update(&mut a, Action::NextPlane);
        assert_eq!(a.viewport().plane, Plane::Params(0, 1));
    }

    #[test]
    fn the_pca_plane_keeps_up_with_the_path_while_the_view_follows() {
        let mut a = lesson("spiral");
        command(&mut a, "plane pca");
        // No path yet: the random plane stands in until three points.
        assert_eq!(a.plane_choice(), PlaneChoice::Pca);
        assert_eq!(kind(&a), Some(FrameKind::Random { seed: 0 }));
        update(&mut a, Action::Step);
        update(&mut a, Action::Step);
        assert!(matches!(
            kind(&a),
            Some(FrameKind::Pca { steps: (0, 2), .. })
        ));
        let mut computed = Vec::new();
        for _ in 0..98 {
            update(&mut a, Action::Step);
            if let Some(FrameKind::Pca { steps, .. }) = kind(&a)
                && computed.last() != Some(&steps.1)
            {
                computed.push(steps.1);
            }
            // The current point stays in view as the plane turns.
            assert!(a.viewport().holds(here(&a), 0.0));
        }
        // Every step early on, then once the path has grown by an eighth.
        assert!(computed.starts_with(&[3, 4, 5, 6, 7, 8]), "{computed:?}");
        for w in computed.windows(2) {
            assert!(w[1] - w[0] >= (w[0] / PCA_GROWTH).max(1), "{computed:?}");
        }
        assert!(computed.len() < 40, "{computed:?}");
        // A locked view keeps its plane.
        update(&mut a, Action::ToggleViewLock);
        let before = a.viewport().clone();
        for _ in 0..50 {
            update(&mut a, Action::Step);
        }
        assert_eq!(a.viewport(), &before);
    }

    #[test]
    fn the_slice_on_a_plane_goes_through_the_point_and_a_click_lands_where_it_says() {
        let mut a = lesson("circle");
        for _ in 0..30 {
            update(&mut a, Action::Step);
        }
        for spec in ["random:4", "pca"] {
            command(&mut a, &format!("plane {spec}"));
            assert_eq!(a.plane_choice().spec(&a.param_names()), spec);
            // A one-sample slice at the point's own coordinates is the point's loss.
            let (x, y) = here(&a);
            let mut request = a.slice_request(1, 1);
            request.x_range = (x, x);
            request.y_range = (y, y);
            let objective = a.trainer().objective().clone();
            let slice = slice_for(&objective, &request, &mut Subsamples::default());
            let loss = a.last_finite().loss;
            assert!((slice.losses[0] - loss).abs() <= 1e-12 * loss, "{spec}");
            // A click restarts at the plane's point under it.
            update(&mut a, Action::RestartAt(x + 0.25, y - 0.5));
            let (x2, y2) = here(&a);
            assert!((x2 - x - 0.25).abs() < 1e-9 && (y2 - y + 0.5).abs() < 1e-9);
        }
    }

    #[test]
    fn plane_options_are_checked_saved_and_read_back() {
        let mut a = lesson("circle");
        command(&mut a, "plane params:W1[1,1]");
        assert_eq!(
            a.viewport().plane,
            Plane::Params(0, 1),
            "refused, unchanged"
        );
        command(&mut a, "plane params:b2[1],W1[2,1]");
        let names = a.param_names();
        let at = |n: &str| names.iter().position(|m| m == n).unwrap();
        assert_eq!(
            a.viewport().plane,
            Plane::Params(at("b2[1]"), at("W1[2,1]"))
        );
        command(&mut a, "plane random:9");
        let saved = a.saved_scenario().scenario;
        assert_eq!(saved.plane.as_deref(), Some("random:9"));
        let b = app_for(saved);
        assert_eq!(b.plane_choice(), PlaneChoice::Random(Some(9)));
        assert_eq!(
            b.viewport().plane,
            a.plane_for(PlaneChoice::Random(Some(9)))
        );
        // The default plane goes unsaid.
        command(&mut a, "plane params:W1[1,1],W1[1,2]");
        assert_eq!(a.saved_scenario().scenario.plane, None);
        let opened = app_for(Scenario {
            preset: Some("circle".into()),
            plane: Some("pca".into()),
            ..Default::default()
        });
        assert_eq!(opened.plane_choice(), PlaneChoice::Pca);
    }

    #[test]
    fn small_and_frozen_models_still_get_two_random_directions_or_say_why_not() {
        // One-weight units (a neuron) and a one-feature line: filter normalisation
        // alone gives parallel directions; every seed still gives a plane.
        for name in ["intro", "sigmoid", "relu", "ravine"] {
            let mut a = lesson(name);
            for seed in 0..12 {
                command(&mut a, &format!("plane random:{seed}"));
                assert_eq!(
                    kind(&a),
                    Some(FrameKind::Random { seed }),
                    "{name} seed {seed}"
                );
                assert_eq!(a.plane_choice(), PlaneChoice::Random(Some(seed)));
            }
        }
        // One free parameter: no plane of directions exists, and the person is told.
        let mut line = lesson("line");
        let before = line.viewport().clone();
        command(&mut line, "plane random");
        assert_eq!(line.viewport(), &before, "refused, unchanged");
        assert!(line.command_line().is_some_and(|c| {
            c.error
                .as_deref()
                .is_some_and(|e| e.contains("two free parameters"))
        }));
        update(&mut line, Action::CommandCancel);
        update(&mut line, Action::NextPlane);
        assert_eq!(line.viewport(), &before);
        assert!(line.notice().unwrap().contains("two free parameters"));
        assert_eq!(line.saved_scenario().scenario.plane, None);
    }

    #[test]
    fn random_directions_leave_frozen_parameters_where_they_are() {
        let mut a = app_for(Scenario {
            preset: Some("circle".into()),
            freeze: Some("W1[1,1],b2[1]".into()),
            ..Default::default()
        });
        command(&mut a, "plane random:2");
        let frame = a.viewport().plane.frame().unwrap().clone();
        let names = a.param_names();
        for frozen in ["W1[1,1]", "b2[1]"] {
            let k = names.iter().position(|n| n == frozen).unwrap();
            assert_eq!((frame.directions.d1[k], frame.directions.d2[k]), (0.0, 0.0));
        }
        let before = a.last_finite().params.clone();
        let (x, y) = here(&a);
        update(&mut a, Action::RestartAt(x + 0.5, y - 0.5));
        let k = names.iter().position(|n| n == "W1[1,1]").unwrap();
        assert_eq!(
            a.current().params[k],
            before[k],
            "a frozen weight stays put"
        );
        assert_ne!(a.current().params, before, "the free ones moved");
    }

    #[test]
    fn the_pca_plane_never_names_steps_that_are_gone() {
        let mut a = lesson("spiral");
        command(&mut a, "plane pca");
        for _ in 0..40 {
            update(&mut a, Action::Step);
        }
        assert!(matches!(kind(&a), Some(FrameKind::Pca { .. })));
        update(&mut a, Action::Reset);
        assert_eq!(
            kind(&a),
            Some(FrameKind::Random { seed: 0 }),
            "the stand-in"
        );
        assert_eq!(a.plane_choice(), PlaneChoice::Pca);
        for _ in 0..3 {
            update(&mut a, Action::Step);
        }
        assert!(matches!(
            kind(&a),
            Some(FrameKind::Pca { steps: (0, 3), .. })
        ));
    }
}
