//! Size and range limits on the real binary: wide inputs are either fast or refused
//! before anything grows with the square of the parameter count, and values whose squares
//! overflow never read as a finished run. Each run has a timeout, so a hang fails the test
//! instead of stalling the suite.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

use assert_cmd::Command;
use common::english;

fn downhill() -> Command {
    let mut cmd = english(
        Command::cargo_bin("downhill").expect("the downhill binary is built for integration tests"),
    );
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// A CSV of 2 rows and `k` feature columns `x1..xk` plus `y`, values from a fixed pattern.
fn wide_csv(dir: &Path, k: usize) -> PathBuf {
    let mut text = (1..=k).map(|i| format!("x{i},")).collect::<String>() + "y\n";
    for r in 0..2 {
        for i in 0..k {
            let v = ((i * 7 + r * 3) % 11) as f64 / 10.0 - 0.5;
            write!(text, "{v},").unwrap();
        }
        writeln!(text, "{}", r as f64 - 0.5).unwrap();
    }
    let path = dir.join(format!("cols{k}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_wide_csv_beyond_the_feature_limit_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = wide_csv(dir.path(), 100_000);
    let out = downhill()
        .args(["run", "--data", path.to_str().unwrap(), "--steps", "1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("100000 feature columns; downhill takes at most 10000"),
        "{stderr}"
    );
}

#[test]
fn five_thousand_columns_run_and_report_their_exact_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = wide_csv(dir.path(), 5_000);
    let out = downhill()
        .args(["run", "--data", path.to_str().unwrap(), "--steps", "2"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // On two rows H = 2·mean(x̃x̃ᵀ) has rank 2, so λmax is the larger eigenvalue of the
    // 2×2 Gram matrix G_rs = x̃_r·x̃_s (times 2/2 = 1): checked against the summary line.
    let rows: Vec<Vec<f64>> = (0..2)
        .map(|r| {
            (0..5_000)
                .map(|i| ((i * 7 + r * 3) % 11) as f64 / 10.0 - 0.5)
                .chain([1.0])
                .collect()
        })
        .collect();
    let g = |a: usize, b: usize| -> f64 { rows[a].iter().zip(&rows[b]).map(|(x, y)| x * y).sum() };
    let (p, q, r) = (g(0, 0), g(1, 1), g(0, 1));
    let lambda = (p + q) / 2.0 + (((p - q) / 2.0).powi(2) + r * r).sqrt();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap_or_default();
    let shown: f64 = summary
        .rsplit("(λmax = ")
        .next()
        .and_then(|rest| rest.split(')').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no λmax in {summary:?}"));
    approx::assert_relative_eq!(shown, lambda, max_relative = 1e-5);
}

#[test]
fn values_whose_squares_overflow_never_converge() {
    let dir = tempfile::tempdir().unwrap();
    for x in ["1e308", "1e200"] {
        let path = dir.path().join("huge.csv");
        std::fs::write(&path, format!("x,y\n{x},1\n-{x},2\n")).unwrap();
        let out = downhill()
            .args(["run", "--data", path.to_str().unwrap(), "--steps", "50"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(!summary.contains("converged"), "{summary}");
        assert!(
            summary.contains("start 2.5"),
            "the start loss mean(y²) is exact: {summary}"
        );
        assert!(summary.contains("η_crit unknown"), "{summary}");
        assert!(
            !summary.contains("= inf") && !summary.contains("= NaN"),
            "{summary}"
        );
    }
}
