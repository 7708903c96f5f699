//! Which rows each mini-batch update uses.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The row order of each epoch, reshuffled per epoch from the seed.
///
/// Epoch e's order depends only on (seed, e), so stepping back or replaying an
/// update needs no saved RNG state. The latest epoch's order is cached because
/// shuffling costs O(N) and an epoch has many updates.
#[derive(Debug, Clone)]
pub struct Batches {
    rows: usize,
    batch_size: usize,
    seed: u64,
    cached: Option<(u64, Vec<usize>)>,
}

impl Batches {
    /// Mini-batches of `batch_size` rows out of `rows`, shuffled from `seed`.
    pub fn new(rows: usize, batch_size: usize, seed: u64) -> Self {
        Self {
            rows,
            batch_size: batch_size.clamp(1, rows.max(1)),
            seed,
            cached: None,
        }
    }

    /// Updates in one epoch: ⌈N/B⌉.
    pub fn per_epoch(&self) -> usize {
        self.rows.div_ceil(self.batch_size)
    }

    /// The 1-based epoch that update `step` (1-based) belongs to; 0 for the start.
    pub fn epoch_of(&self, step: usize) -> usize {
        step.div_ceil(self.per_epoch())
    }

    /// The rows used by update `step` (1-based): consecutive slices of the epoch's order.
    pub fn rows_for(&mut self, step: usize) -> &[usize] {
        assert!(step >= 1, "updates are numbered from 1");
        let per_epoch = self.per_epoch();
        let epoch = ((step - 1) / per_epoch) as u64;
        let index = (step - 1) % per_epoch;
        if self.cached.as_ref().is_none_or(|(e, _)| *e != epoch) {
            self.cached = Some((epoch, self.order(epoch)));
        }
        let order = &self.cached.as_ref().expect("just filled").1;
        let start = index * self.batch_size;
        &order[start..(start + self.batch_size).min(self.rows)]
    }

    fn order(&self, epoch: u64) -> Vec<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(epoch);
        let mut order: Vec<usize> = (0..self.rows).collect();
        order.shuffle(&mut rng);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_once_per_epoch_and_last_batch_smaller() {
        let mut b = Batches::new(10, 4, 7);
        assert_eq!(b.per_epoch(), 3);
        for epoch in 0..3 {
            let mut seen: Vec<usize> = (1..=3)
                .flat_map(|j| b.rows_for(epoch * 3 + j).to_vec())
                .collect();
            assert_eq!(b.rows_for(epoch * 3 + 3).len(), 2);
            seen.sort_unstable();
            assert_eq!(seen, (0..10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn epochs_differ_and_replay_identically() {
        let mut a = Batches::new(50, 50, 1);
        let first = a.rows_for(1).to_vec();
        let second = a.rows_for(2).to_vec();
        assert_ne!(first, second);
        let mut b = Batches::new(50, 50, 1);
        assert_eq!(b.rows_for(2), second.as_slice());
        assert_eq!(b.rows_for(1), first.as_slice());
        let mut other_seed = Batches::new(50, 50, 2);
        assert_ne!(other_seed.rows_for(1), first.as_slice());
    }

    #[test]
    fn epoch_numbers_are_one_based_and_zero_at_start() {
        let b = Batches::new(10, 4, 0);
        assert_eq!(
            (0..=7).map(|s| b.epoch_of(s)).collect::<Vec<_>>(),
            [0, 1, 1, 1, 2, 2, 2, 3]
        );
    }
}
