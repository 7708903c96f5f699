//! Background work: thread pools of their own, and one "newest request wins" worker
//! that the landscape and the sweep both run on.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SendError, Sender, TryRecvError};
use std::thread;

/// A rayon pool one core short of all of them (at least one thread), named `name-i`.
///
/// Background work gets threads of its own: sharing rayon's global pool would queue the
/// engine's updates behind it and stall play on the UI thread.
pub fn background_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    pool_of(name, Cores::AllButOne)
}

/// How many threads a background pool has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cores {
    /// One per core but one (at least one): the UI thread keeps a core to itself.
    AllButOne,
    /// One per core. For work a person waits to see (a landscape) that gives way to
    /// newer requests at once: the UI thread then shares the cores with it.
    All,
}

/// A rayon pool of `cores` threads named `name-i`.
fn pool_of(name: &'static str, cores: Cores) -> Option<rayon::ThreadPool> {
    let all = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match cores {
        Cores::AllButOne => all.saturating_sub(1).max(1),
        Cores::All => all,
    };
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
    /// Requests made so far, so the thread can tell when a newer one is waiting.
    asked: Arc<AtomicU64>,
}

/// How the thread answers the request it serves, and learns that a newer one came.
pub struct Reply<Answer> {
    outbox: Sender<Answer>,
    asked: Arc<AtomicU64>,
    /// Requests taken off the queue so far, the one being served included.
    taken: u64,
}

impl<Answer> Reply<Answer> {
    /// Sends an answer; it fails only when the asking side is gone.
    pub fn send(&self, answer: Answer) -> Result<(), SendError<Answer>> {
        self.outbox.send(answer)
    }

    /// A sender of its own, for answers sent from several threads.
    pub fn sender(&self) -> Sender<Answer> {
        self.outbox.clone()
    }

    /// True once a newer request is waiting: work on this one is wasted from then on.
    pub fn superseded(&self) -> bool {
        self.asked.load(Ordering::Acquire) > self.taken
    }
}

impl<Request: Send + 'static, Answer: Send + 'static> Latest<Request, Answer> {
    /// Starts thread `name`, which runs `serve` on each newest request inside a
    /// [`background_pool`]; `serve` sends its answers (any number) with the [`Reply`]
    /// given, which also tells it when a newer request makes it worth stopping.
    pub fn spawn(
        name: &'static str,
        serve: impl FnMut(Request, &Reply<Answer>) + Send + 'static,
    ) -> Self {
        Self::spawn_on(name, Cores::AllButOne, serve)
    }

    /// [`Latest::spawn`] on a pool of `cores` threads.
    pub fn spawn_on(
        name: &'static str,
        cores: Cores,
        mut serve: impl FnMut(Request, &Reply<Answer>) + Send + 'static,
    ) -> Self {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel();
        let asked = Arc::new(AtomicU64::new(0));
        let mut reply = Reply {
            outbox,
            asked: asked.clone(),
            taken: 0,
        };
        thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let Some(pool) = pool_of(name, cores) else {
                    return;
                };
                while let Some((request, taken)) = newest(&inbox) {
                    reply.taken += taken;
                    pool.install(|| serve(request, &reply));
                }
            })
            .expect("the OS can start a thread");
        Self {
            requests,
            answers,
            asked,
        }
    }

    /// Asks for `request`; earlier requests not yet started are dropped.
    pub fn request(&self, request: Request) {
        // Counted before it is sent, so the thread never sees it uncounted.
        self.asked.fetch_add(1, Ordering::AcqRel);
        // A send fails only if the thread died, and then there is nothing to ask.
        let _ = self.requests.send(request);
    }

    /// The answers that arrived since the last call, oldest first.
    pub fn answers(&self) -> impl Iterator<Item = Answer> + '_ {
        self.answers.try_iter()
    }
}

/// Waits for a request, then takes any newer ones queued behind it: the newest, and how
/// many were taken; `None` once the asking side is gone.
fn newest<T>(inbox: &Receiver<T>) -> Option<(T, u64)> {
    let mut request = inbox.recv().ok()?;
    let mut taken = 1;
    loop {
        match inbox.try_recv() {
            Ok(newer) => {
                request = newer;
                taken += 1;
            }
            Err(TryRecvError::Empty) => return Some((request, taken)),
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
        let worker = Latest::spawn("test", move |n: u32, out: &Reply<u32>| {
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

    #[test]
    fn the_thread_learns_when_a_newer_request_waits() {
        let (started_tx, started) = mpsc::channel::<()>();
        let started_tx = std::sync::Mutex::new(started_tx);
        let worker = Latest::spawn("test", move |n: u32, out: &Reply<(u32, bool)>| {
            if n == 0 {
                started_tx.lock().unwrap().send(()).unwrap();
                // Works until told a newer request waits (or ten seconds pass).
                let begun = Instant::now();
                while !out.superseded() && begun.elapsed() < Duration::from_secs(10) {
                    thread::sleep(Duration::from_millis(1));
                }
            }
            out.send((n, out.superseded())).unwrap();
        });
        worker.request(0);
        started.recv().unwrap();
        worker.request(1);
        let begun = Instant::now();
        let mut seen = Vec::new();
        while seen.len() < 2 {
            assert!(begun.elapsed() < Duration::from_secs(10), "it answers");
            seen.extend(worker.answers());
            thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(seen, [(0, true), (1, false)]);
    }
}
