//! Background work: thread pools of their own, and one "newest request wins" worker
//! that the landscape and the sweep both run on.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

/// A rayon pool one core short of all of them (at least one thread), named `name-i`.
///
/// Background work gets threads of its own: sharing rayon's global pool would queue the
/// engine's updates behind it and stall play on the UI thread.
pub fn background_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("{name}-{i}"))
        .build()
        .ok()
}

/// A background thread that serves requests one at a time, always the newest: requests
/// queued while it works are skipped, so its answers never lag by more than one request.
///
/// The UI thread asks with [`Latest::request`] and collects answers with
/// [`Latest::answers`] without ever waiting. The thread ends when this is dropped.
pub struct Latest<Request, Answer> {
    requests: Sender<Request>,
    answers: Receiver<Answer>,
}

impl<Request: Send + 'static, Answer: Send + 'static> Latest<Request, Answer> {
    /// Starts thread `name`, which runs `serve` on each newest request inside a
    /// [`background_pool`]; `serve` sends its answers (any number) on the channel given.
    pub fn spawn(
        name: &'static str,
        mut serve: impl FnMut(Request, &Sender<Answer>) + Send + 'static,
    ) -> Self {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel();
        thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let Some(pool) = background_pool(name) else {
                    return;
                };
                while let Some(request) = newest(&inbox) {
                    pool.install(|| serve(request, &outbox));
                }
            })
            .expect("the OS can start a thread");
        Self { requests, answers }
    }

    /// Asks for `request`; earlier requests not yet started are dropped.
    pub fn request(&self, request: Request) {
        // A send fails only if the thread died, and then there is nothing to ask.
        let _ = self.requests.send(request);
    }

    /// The answers that arrived since the last call, oldest first.
    pub fn answers(&self) -> impl Iterator<Item = Answer> + '_ {
        self.answers.try_iter()
    }
}

/// Waits for a request, then takes any newer ones queued behind it; `None` once the
/// asking side is gone.
fn newest<T>(inbox: &Receiver<T>) -> Option<T> {
    let mut request = inbox.recv().ok()?;
    loop {
        match inbox.try_recv() {
            Ok(newer) => request = newer,
            Err(TryRecvError::Empty) => return Some(request),
            Err(TryRecvError::Disconnected) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn queued_requests_give_way_to_the_newest() {
        let (started_tx, started) = mpsc::channel::<()>();
        let (gate_tx, gate) = mpsc::channel::<()>();
        let gate = std::sync::Mutex::new(gate);
        let started_tx = std::sync::Mutex::new(started_tx);
        let worker = Latest::spawn("test", move |n: u32, out: &Sender<u32>| {
            // The first request holds the thread until the others are queued behind it.
            if n == 0 {
                started_tx.lock().unwrap().send(()).unwrap();
                gate.lock().unwrap().recv().unwrap();
            }
            out.send(n).unwrap();
        });
        worker.request(0);
        started.recv().unwrap();
        for n in 1..5 {
            worker.request(n);
        }
        gate_tx.send(()).unwrap();
        let begun = Instant::now();
        let mut seen = Vec::new();
        while seen.last() != Some(&4) {
            assert!(begun.elapsed() < Duration::from_secs(10), "it answers");
            seen.extend(worker.answers());
            thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(seen, [0, 4], "requests 1 to 3 were skipped");
    }
}
