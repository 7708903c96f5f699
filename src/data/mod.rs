//! Where datasets come from: CSV files on disk or small built-in synthetic sets.

pub mod columns;
pub mod csv;
pub mod read;
pub mod synthetic;
