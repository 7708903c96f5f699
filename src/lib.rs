//! downhill: watch gradient descent walk down a loss landscape, one exact update at a time.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod explain;
pub mod export;
pub mod landscape;
pub mod pool;
pub mod scenario;
pub mod sweep;
#[cfg(test)]
pub(crate) mod testing;
pub mod tui;
pub mod ui;
