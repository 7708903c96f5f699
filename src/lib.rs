//! downhill: watch gradient descent walk down a loss landscape, one exact update at a time.
//!
//! # Layers
//! Each module imports only from layers below its own; nothing below knows what is above.
//!
//! | layer | modules | what they are |
//! |---|---|---|
//! | 7 | [`cli`] | the command line; only `main.rs` imports it |
//! | 6 | [`tui`] | the terminal, the event loop, the pacer, file effects, a screen drawn without a terminal |
//! | 5 | [`input`], [`ui`] | terminal events to actions; drawing `&App`, and a drawn screen as SVG (siblings: neither imports the other) |
//! | 4 | [`app`] | the state, the actions, the one `update`, the key table; no terminal, no files |
//! | 3 | [`report`], [`figure`] | what a run prints or saves, and atomic writes; figures of a run (SVG, PNG, GIF) |
//! | 2 | [`scenario`], [`data`], [`landscape`], [`sweep`], [`explain`], [`quiz`] | built on the engine alone (scenario reads data and quiz's question specs) |
//! | 1 | [`engine`] | pure numerics, one update at a time |
//! | 0 | [`fmt`], [`pool`], [`i18n`] | numbers for people; background threads; the words, in English or Chinese |
//!
//! [`testing`] holds fixtures for the tests and benchmarks and sits above everything.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod explain;
pub mod figure;
pub mod fmt;
pub mod i18n;
pub mod input;
pub mod landscape;
pub mod pool;
pub mod quiz;
pub mod report;
pub mod scenario;
pub mod sweep;
#[doc(hidden)]
pub mod testing;
pub mod tui;
pub mod ui;
