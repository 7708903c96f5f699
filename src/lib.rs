//! downhill: watch gradient descent walk down a loss landscape, one exact update at a time.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod explain;
pub mod fmt;
pub mod input;
pub mod landscape;
pub mod pool;
pub mod report;
pub mod scenario;
pub mod sweep;
#[doc(hidden)]
pub mod testing;
pub mod tui;
pub mod ui;
