//! Which plane the landscape shows: two parameters, two filter-normalised random
//! directions, or the PCA plane of the path; choosing, cycling and refreshing it.

use std::sync::Arc;

use super::App;
use crate::landscape::Plane;
use crate::landscape::plane::{Frame, FrameKind, pca_directions, random_directions};
use crate::scenario::PlaneChoice;

/// Most states of the path the PCA plane is computed from, spread evenly over it: its
/// cost is O(m²·n) for m states of n parameters.
const PCA_POINTS: usize = 40;

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
            let directions = random_directions(&theta, &blocks, seed);
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
        let finite: Vec<_> = self
            .trainer
            .kept()
            .iter()
            .filter(|s| s.params.iter().all(|p| p.is_finite()))
            .collect();
        let m = finite.len();
        let picks: Vec<usize> = if m <= PCA_POINTS {
            (0..m).collect()
        } else {
            (0..PCA_POINTS)
                .map(|k| k * (m - 1) / (PCA_POINTS - 1))
                .collect()
        };
        let path: Vec<Vec<f64>> = picks.iter().map(|&k| finite[k].params.to_vec()).collect();
        let (directions, share) = pca_directions(&path)?;
        let steps = (finite.first()?.step, finite.last()?.step);
        Frame::new(FrameKind::Pca { share, steps }, anchor, directions)
    }

    /// Shows the plane `choice` asks for, framed and followed.
    pub(super) fn set_plane(&mut self, choice: PlaneChoice) {
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
        self.plane_choice = match plane.frame().map(|f| f.kind) {
            Some(FrameKind::Random { seed }) if choice != PlaneChoice::Pca => {
                PlaneChoice::Random(Some(seed))
            }
            _ => choice,
        };
        self.show_plane(plane);
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
        self.set_plane(next);
    }

    /// `a`: the next pair of parameters on the axes; on random directions, new ones (the
    /// next seed); on the PCA plane, the plane of the path as it is now.
    pub(super) fn next_axes(&mut self) {
        match (
            self.plane_choice,
            self.viewport.plane.frame().map(|f| f.kind),
        ) {
            (PlaneChoice::Params(..), _) => self.next_parameter_pair(),
            (PlaneChoice::Random(_), Some(FrameKind::Random { seed })) => {
                self.set_plane(PlaneChoice::Random(Some(seed.wrapping_add(1))));
            }
            (choice, _) => self.set_plane(choice),
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
        let due = match self.viewport.plane.frame().map(|f| f.kind) {
            Some(FrameKind::Pca {
                steps: (_, last), ..
            }) => now < last || now - last >= (last / PCA_GROWTH).max(1),
            // Still on the stand-in random plane: the path may now have three points.
            _ => true,
        };
        if due && let Some(frame) = self.pca_frame(self.last_finite().params.to_vec()) {
            self.show_plane(Plane::Along(Arc::new(frame)));
        }
    }
}
