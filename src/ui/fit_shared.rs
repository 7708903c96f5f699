//! What the one- and two-feature fit panels share: how many data points they draw, and
//! how an axis is padded around the data.

/// At most this many data rows are drawn per frame; larger datasets are thinned evenly.
pub const MAX_POINTS: usize = 4000;

/// Share of the range left empty at each end of an axis.
const MARGIN: f64 = 0.05;

/// Every how many rows one is drawn, so that at most [`MAX_POINTS`] are.
pub fn stride_for(rows: usize) -> usize {
    rows.div_ceil(MAX_POINTS).max(1)
}

/// Bounds for an axis showing `lo..=hi`: widened by [`MARGIN`] each way, or around the
/// value when there is no span; always finite, increasing, with a finite width.
pub fn padded((lo, hi): (f64, f64)) -> [f64; 2] {
    let ok = |a: f64, b: f64| a.is_finite() && b.is_finite() && a < b && (b - a).is_finite();
    if !(lo.is_finite() && hi.is_finite()) || lo > hi {
        return [-1.0, 1.0];
    }
    let span = hi - lo;
    let magnitude = lo.abs().max(hi.abs());
    let pad = if span > 0.0 && span.is_finite() {
        MARGIN * span
    } else if magnitude > 0.0 {
        MARGIN * magnitude
    } else {
        0.5
    };
    let (a, b) = (lo - pad, hi + pad);
    if ok(a, b) {
        [a, b]
    } else if ok(lo, hi) {
        [lo, hi]
    } else {
        [-1.0, 1.0]
    }
}
