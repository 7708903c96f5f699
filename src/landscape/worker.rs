//! A background thread that computes slices; the newest request wins.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::{Slice, SliceRequest, compute, rows_for, subsample};
use crate::engine::Objective;

struct Job {
    objective: Arc<Objective>,
    request: SliceRequest,
}

/// Computes slices off the UI thread. Requests queued while it works are skipped
/// for the newest one, so the landscape never lags behind by more than one slice.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Slice>,
}

impl Worker {
    /// Starts the thread; it ends when the worker is dropped.
    pub fn spawn() -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        thread::Builder::new()
            .name("landscape".into())
            .spawn(move || serve(&job_rx, &result_tx))
            .expect("the OS can start a thread");
        Self { jobs, results }
    }

    /// Asks for a slice; earlier requests still queued are dropped.
    pub fn request(&self, objective: Arc<Objective>, request: SliceRequest) {
        // A send fails only if the thread died, and then there is nothing to ask.
        let _ = self.jobs.send(Job { objective, request });
    }

    /// The newest finished slice, if any arrived since the last call.
    pub fn latest(&self) -> Option<Slice> {
        self.results.try_iter().last()
    }
}

fn serve(jobs: &Receiver<Job>, results: &Sender<Slice>) {
    let Some(pool) = crate::pool::background_pool("landscape") else {
        return;
    };
    // The subsample is kept while the objective and sample count stay the same.
    let mut cached: Option<(usize, usize, Arc<Objective>)> = None;
    while let Ok(mut job) = jobs.recv() {
        loop {
            match jobs.try_recv() {
                Ok(newer) => job = newer,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        let total = job.objective.data().len();
        let rows = rows_for(&job.objective, job.request.width * job.request.height);
        let key = (Arc::as_ptr(&job.objective) as usize, rows);
        let objective = if rows == total {
            job.objective.clone()
        } else {
            match &cached {
                Some((ptr, r, sub)) if (*ptr, *r) == key => sub.clone(),
                _ => {
                    let sub = Arc::new(subsample(&job.objective, rows));
                    cached = Some((key.0, key.1, sub.clone()));
                    sub
                }
            }
        };
        let slice = pool.install(|| compute(&objective, &job.request, total));
        if results.send(slice).is_err() {
            return;
        }
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
                axes: (0, 1),
                x_range: (0.0, 2.0),
                y_range: (-1.0, 1.0),
                width,
                height: 3,
                center: vec![0.0, 0.0],
                generation: 0,
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
