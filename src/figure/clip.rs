//! Lines cut to a panel's ranges: plotters draws what lies outside a chart too, and
//! joins thick polylines with mitres that shoot far past a zig-zag's sharp turns, so
//! paths are drawn as separate segments, each cut to the panel (Liang & Barsky 1984).

/// A rectangle of values: (x range, y range).
pub type Window = ((f64, f64), (f64, f64));

/// The part of segment `a`–`b` inside `window`, if any; `None` for non-finite ends.
pub fn segment(a: (f64, f64), b: (f64, f64), window: Window) -> Option<[(f64, f64); 2]> {
    let ((x0, x1), (y0, y1)) = window;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    if ![a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    // Each side: p·t ≤ q keeps the point inside.
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some({
        [
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        ]
    })
}

/// The segments of the polyline `points` inside `window`, cut at its edges; non-finite
/// points break the line.
pub fn polyline(points: &[(f64, f64)], window: Window) -> Vec<[(f64, f64); 2]> {
    points
        .windows(2)
        .filter_map(|w| segment(w[0], w[1], window))
        .collect()
}

/// [`polyline`]'s segments joined into runs where one ends where the next begins, so
/// that a dashed line keeps its rhythm along a finely sampled curve.
pub fn runs(points: &[(f64, f64)], window: Window) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for [a, b] in polyline(points, window) {
        match runs.last_mut() {
            Some(run) if run.last() == Some(&a) => run.push(b),
            _ => runs.push(vec![a, b]),
        }
    }
    runs
}

/// True when `p` lies inside `window`.
pub fn inside(p: (f64, f64), ((x0, x1), (y0, y1)): Window) -> bool {
    (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: Window = ((0.0, 1.0), (0.0, 1.0));

    #[test]
    fn segments_are_cut_at_the_edges_they_cross() {
        assert_eq!(
            segment((-1.0, 0.5), (2.0, 0.5), UNIT),
            Some([(0.0, 0.5), (1.0, 0.5)])
        );
        assert_eq!(
            segment((0.5, 0.5), (0.5, 3.0), UNIT),
            Some([(0.5, 0.5), (0.5, 1.0)])
        );
        assert_eq!(segment((2.0, 2.0), (3.0, 3.0), UNIT), None);
        assert_eq!(segment((-1.0, 0.9), (0.9, 2.0), UNIT), None);
        assert_eq!(segment((0.0, 0.0), (f64::NAN, 1.0), UNIT), None);
    }

    #[test]
    fn a_polyline_keeps_its_inside_pieces_in_order() {
        let pieces = polyline(&[(0.2, 0.2), (0.4, 0.4), (5.0, 0.4), (0.6, 0.6)], UNIT);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], [(0.2, 0.2), (0.4, 0.4)]);
        assert_eq!(pieces[1][1], (1.0, 0.4));
        assert!(inside(pieces[2][0], UNIT) && inside(pieces[2][1], UNIT));
        let joined = runs(&[(0.2, 0.2), (0.4, 0.4), (5.0, 0.4), (0.6, 0.6)], UNIT);
        assert_eq!(
            joined,
            vec![vec![(0.2, 0.2), (0.4, 0.4), (1.0, 0.4)], pieces[2].to_vec()]
        );
    }
}
