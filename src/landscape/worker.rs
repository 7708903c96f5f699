//! A background thread that computes slices; the newest request wins.

use std::sync::Arc;

use super::{COARSE_ABOVE, Slice, SliceRequest, Subsamples, progressive};
use crate::engine::Objective;
use crate::pool::{Cores, Latest};

/// Computes slices off the UI thread, a costly one coarse first. Requests queued while it
/// works are skipped for the newest one, and a slice still being computed when a newer
/// request comes is given up, so the landscape never lags behind by more than one slice.
pub struct Worker {
    latest: Latest<(Arc<Objective>, SliceRequest), Slice>,
}

impl Worker {
    /// Starts the thread; it ends when the worker is dropped.
    pub fn spawn() -> Self {
        let mut subsamples = Subsamples::default();
        // Both cores: the person is waiting for this picture, and a newer request stops
        // the full pass at once, so play never waits behind a stale one.
        let latest = Latest::spawn_on(
            "landscape",
            Cores::All,
            move |(objective, request), reply| {
                // A newer request makes the rest of this one's passes wasted work.
                let stop = || reply.superseded();
                progressive(
                    &objective,
                    &request,
                    &mut subsamples,
                    COARSE_ABOVE,
                    &stop,
                    &mut |slice| {
                        let _ = reply.send(slice);
                    },
                );
            },
        );
        Self { latest }
    }

    /// Asks for a slice; earlier requests still queued are dropped.
    pub fn request(&self, objective: Arc<Objective>, request: SliceRequest) {
        self.latest.request((objective, request));
    }

    /// The newest finished slice, if any arrived since the last call.
    pub fn latest(&self) -> Option<Slice> {
        self.latest.answers().last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Dataset, Loss, Model};
    use ndarray::{Array1, Array2};
    use std::time::{Duration, Instant};

    #[test]
    fn answers_the_newest_request() {
        let data = Dataset::new(
            Array2::from_shape_vec((3, 1), vec![1.0, 2.0, 3.0]).unwrap(),
            Array1::from(vec![1.0, 2.0, 3.0]),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        let objective =
            Arc::new(Objective::new(data, Model::Linear { features: 1 }, Loss::Mse).unwrap());
        let worker = Worker::spawn();
        let mut last = None;
        for width in 2..6 {
            let request = SliceRequest {
                plane: crate::landscape::Plane::Params(0, 1),
                x_range: (0.0, 2.0),
                y_range: (-1.0, 1.0),
                width,
                height: 3,
                center: vec![0.0, 0.0],
                generation: 0,
                test: false,
            };
            worker.request(objective.clone(), request.clone());
            last = Some(request);
        }
        let started = Instant::now();
        let mut newest = None;
        while started.elapsed() < Duration::from_secs(10) {
            if let Some(slice) = worker.latest() {
                let done = slice.request == *last.as_ref().unwrap();
                newest = Some(slice);
                if done {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let slice = newest.expect("the worker answers");
        assert_eq!(&slice.request, last.as_ref().unwrap());
        assert_eq!(slice.losses.len(), 5 * 3);
    }
}
