//! A background thread that runs sweeps, one learning rate at a time, and sends each
//! run back as it finishes. A newer request (or a cancel) stops the older sweep.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{SweepJob, SweepRow, sweep_row};
use crate::pool::Latest;

/// One finished run of a sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepResult {
    /// The sweep it belongs to.
    pub id: u64,
    /// Its place in the sweep's learning rates.
    pub index: usize,
    /// What the run led to, or why it could not start.
    pub row: Result<SweepRow, crate::engine::Error>,
}

/// Runs sweeps off the UI thread.
pub struct SweepWorker {
    latest: Latest<SweepJob, SweepResult>,
    /// The id of the sweep wanted now; 0 for none. Runs of any other sweep are skipped.
    wanted: Arc<AtomicU64>,
}

impl SweepWorker {
    /// Starts the thread; it ends when the worker is dropped.
    pub fn spawn() -> Self {
        let wanted = Arc::new(AtomicU64::new(0));
        let shared = wanted.clone();
        let latest = Latest::spawn("sweep", move |job: SweepJob, results| {
            let id = job.id;
            job.lrs.par_iter().enumerate().for_each_with(
                results.sender(),
                |results, (index, &lr)| {
                    if shared.load(Ordering::SeqCst) != id {
                        return;
                    }
                    let row = sweep_row(&job.objective, &job.config, &job.start, job.max_steps, lr);
                    let _ = results.send(SweepResult { id, index, row });
                },
            );
        });
        Self { latest, wanted }
    }

    /// Starts `job`; the sweep running before it stops after its current runs.
    pub fn request(&self, job: SweepJob) {
        self.wanted.store(job.id, Ordering::SeqCst);
        self.latest.request(job);
    }

    /// Stops the sweep running, if any, after its current runs.
    pub fn cancel(&self) {
        self.wanted.store(0, Ordering::SeqCst);
    }

    /// The runs finished since the last call, in the order they finished.
    pub fn finished(&self) -> Vec<SweepResult> {
        self.latest.answers().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, resolve};
    use crate::sweep::{log_spaced, sweep_rows};
    use std::thread;
    use std::time::{Duration, Instant};

    fn job(id: u64, preset: &str, lrs: Vec<f64>) -> (SweepJob, crate::scenario::Setup) {
        let setup = resolve(
            &Scenario {
                preset: Some(preset.into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        let job = SweepJob {
            id,
            objective: setup.objective.clone(),
            config: setup.config.clone(),
            start: setup.start.clone(),
            max_steps: setup.max_steps,
            lrs,
        };
        (job, setup)
    }

    /// Collects `n` results of sweep `id`, or fails after ten seconds.
    fn collect(worker: &SweepWorker, id: u64, n: usize) -> Vec<Option<SweepRow>> {
        let mut rows = vec![None; n];
        let started = Instant::now();
        while rows.iter().any(Option::is_none) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the worker answers"
            );
            for r in worker.finished() {
                if r.id == id {
                    rows[r.index] = Some(r.row.unwrap());
                }
            }
            thread::sleep(Duration::from_millis(1));
        }
        rows
    }

    #[test]
    fn rows_equal_the_cli_sweep_bit_for_bit() {
        let lrs = log_spaced(1e-4, 0.04, 9).unwrap();
        let (job, setup) = job(7, "ravine", lrs.clone());
        let worker = SweepWorker::spawn();
        worker.request(job);
        let rows: Vec<SweepRow> = collect(&worker, 7, lrs.len())
            .into_iter()
            .map(Option::unwrap)
            .collect();
        let expected = sweep_rows(
            &setup.objective,
            &setup.config,
            &setup.start,
            setup.max_steps,
            &lrs,
        )
        .unwrap();
        for (a, b) in rows.iter().zip(&expected) {
            assert_eq!(a.lr.to_bits(), b.lr.to_bits());
            assert_eq!(a.final_loss.to_bits(), b.final_loss.to_bits());
            assert_eq!(a.min_loss.to_bits(), b.min_loss.to_bits());
            assert_eq!((a.status, a.steps), (b.status, b.steps));
        }
        assert!(
            rows.iter()
                .any(|r| r.status == crate::engine::Outcome::Diverged)
        );
    }

    #[test]
    fn a_newer_request_replaces_the_older_one() {
        let worker = SweepWorker::spawn();
        let (old, _) = job(1, "sigmoid", log_spaced(0.01, 1.0, 64).unwrap());
        let (new, _) = job(2, "line", log_spaced(0.01, 0.1, 3).unwrap());
        worker.request(old);
        worker.request(new);
        let rows = collect(&worker, 2, 3);
        assert!(rows.iter().all(Option::is_some));
        worker.cancel();
    }
}
