//! Thread pools for background work (landscape slices, sweeps).

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
