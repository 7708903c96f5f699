//! downhill: watch gradient descent walk down a loss landscape, one exact update at a time.

pub mod engine;
