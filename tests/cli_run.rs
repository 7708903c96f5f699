//! Behaviour of the real `downhill` binary: numbers, formats, layering and stop rules.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;

use assert_cmd::Command;
use common::english;
use serde_json::Value;

fn downhill() -> Command {
    english(
        Command::cargo_bin("downhill").expect("the downhill binary is built for integration tests"),
    )
}

/// Runs `downhill ARGS`, expects success and a quiet stderr, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = downhill().args(args).output().expect("downhill runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "downhill {args:?} failed ({:?}): {stderr}",
        output.status
    );
    assert!(stderr.is_empty(), "stderr for {args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// A parsed `--format csv` output: header names and rows of cells.
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn parse(text: &str) -> Csv {
        assert!(text.ends_with('\n'), "CSV output ends with a newline");
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .next()
            .expect("a header line")
            .split(',')
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = lines
            .map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>())
            .collect();
        for row in &rows {
            assert_eq!(row.len(), header.len(), "ragged CSV row {row:?}");
        }
        Csv { header, rows }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column `{name}` in {:?}", self.header))
    }

    fn text(&self, row: usize, name: &str) -> &str {
        &self.rows[row][self.col(name)]
    }

    fn num(&self, row: usize, name: &str) -> f64 {
        let cell = self.text(row, name);
        cell.parse()
            .unwrap_or_else(|_| panic!("`{cell}` in column `{name}` is not a number"))
    }

    fn int(&self, row: usize, name: &str) -> usize {
        let cell = self.text(row, name);
        cell.parse()
            .unwrap_or_else(|_| panic!("`{cell}` in column `{name}` is not an integer"))
    }
}

fn run_csv(args: &[&str]) -> Csv {
    let mut all = vec!["run", "--format", "csv"];
    all.extend_from_slice(args);
    Csv::parse(&stdout_of(&all))
}

#[track_caller]
fn assert_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    let scale = expected.abs().max(f64::MIN_POSITIVE);
    assert!(
        (actual - expected).abs() <= tol * scale,
        "{what}: got {actual}, expected {expected} (relative tolerance {tol})"
    );
}

/// The last non-empty line of `text`.
fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .expect("some output")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write fixture");
    path
}

// ---------------------------------------------------------------- blowup, by hand

/// One plain-GD update of MSE on a single row, for ŷ = w1·x1 + w2·x2 + b.
struct Blowup {
    loss0: f64,
    theta1: [f64; 3],
    loss1: f64,
}

fn blowup_by_hand() -> Blowup {
    let (x1, x2, y) = (28.1_f64, 58.0_f64, 165.0_f64);
    let x = [x1, x2, 1.0];
    let predict = |t: &[f64; 3]| t[0] * x1 + t[1] * x2 + t[2];
    let theta0 = [0.5, 0.5, 0.0];
    let eta = 1.0;
    let r0 = y - predict(&theta0);
    let loss0 = r0 * r0;
    let grad: Vec<f64> = x.iter().map(|xi| -2.0 * r0 * xi).collect();
    let theta1 = [
        theta0[0] - eta * grad[0],
        theta0[1] - eta * grad[1],
        theta0[2] - eta * grad[2],
    ];
    let r1 = y - predict(&theta1);
    Blowup {
        loss0,
        theta1,
        loss1: r1 * r1,
    }
}

#[test]
fn blowup_csv_matches_the_hand_computed_update() {
    let out = stdout_of(&["run", "--preset", "blowup", "--format", "csv"]);
    assert_eq!(
        out.lines().next(),
        Some("step,epoch,loss,w1,w2,b,grad_w1,grad_w2,grad_b,grad_norm,lr")
    );
    let csv = Csv::parse(&out);
    assert_eq!(
        csv.rows.len(),
        2,
        "the start and the one update that blew up"
    );
    assert_eq!((csv.int(0, "step"), csv.int(1, "step")), (0, 1));

    let hand = blowup_by_hand();
    // The formula …
    assert_rel(csv.num(0, "loss"), hand.loss0, 1e-9, "loss at step 0");
    for (name, expected) in ["w1", "w2", "b"].iter().zip(hand.theta1) {
        assert_rel(csv.num(1, name), expected, 1e-9, name);
    }
    assert_rel(csv.num(1, "loss"), hand.loss1, 1e-9, "loss at step 1");
    // … and the literal numbers it gives.
    assert_rel(hand.loss0, 14871.8025, 1e-9, "hand loss0");
    assert_rel(hand.loss1, 1026548766283.6302, 1e-9, "hand loss1");
    assert_rel(csv.num(0, "loss"), 14871.8025, 1e-9, "loss at step 0");
    assert_rel(csv.num(1, "w1"), 6854.09, 1e-9, "w1");
    assert_rel(csv.num(1, "w2"), 14146.7, 1e-9, "w2");
    assert_rel(csv.num(1, "b"), 243.9, 1e-9, "b");
    assert_rel(
        csv.num(1, "loss"),
        1026548766283.6302,
        1e-9,
        "loss at step 1",
    );
    // The gradient at the start, and η.
    assert_rel(csv.num(0, "grad_w1"), -6853.59, 1e-9, "grad_w1");
    assert_rel(csv.num(0, "grad_w2"), -14146.2, 1e-9, "grad_w2");
    assert_rel(csv.num(0, "grad_b"), -243.9, 1e-9, "grad_b");
    assert_eq!(csv.num(0, "lr"), 1.0);
}

#[test]
fn blowup_json() {
    let doc: Value = serde_json::from_str(&stdout_of(&[
        "run", "--preset", "blowup", "--format", "json",
    ]))
    .expect("valid JSON");
    assert_eq!(doc["params"], serde_json::json!(["w1", "w2", "b"]));
    assert_eq!(doc["status"], "diverged");
    let eta_crit = doc["eta_crit"].as_f64().expect("eta_crit is a number");
    assert!(eta_crit > 0.0 && eta_crit < 1.0, "eta_crit = {eta_crit}");
    let steps = doc["steps"].as_array().expect("steps is an array");
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1]["step"], 1);

    let csv = run_csv(&["--preset", "blowup"]);
    let params = steps[1]["params"].as_array().expect("params array");
    assert_eq!(params.len(), 3);
    for (value, name) in params.iter().zip(["w1", "w2", "b"]) {
        // serde_json's default float parsing may be one ulp off, so not bit-exact.
        assert_rel(value.as_f64().unwrap(), csv.num(1, name), 1e-15, name);
    }
    assert_rel(
        steps[1]["loss"].as_f64().unwrap(),
        csv.num(1, "loss"),
        1e-15,
        "loss",
    );
}

#[test]
fn blowup_table_ends_with_a_diverged_summary() {
    let out = stdout_of(&["run", "--preset", "blowup"]);
    let summary = last_line(&out);
    assert!(summary.contains("diverged"), "{summary}");
    assert!(summary.contains("η_crit"), "{summary}");
    assert!(out.ends_with('\n'));
}

// ---------------------------------------------------------------- other lessons

#[test]
fn doubling_first_update_and_frozen_bias() {
    let csv = run_csv(&["--preset", "doubling", "--steps", "3"]);
    assert_eq!(csv.header[3..5], ["w", "b"]);
    assert_eq!(csv.rows.len(), 4);
    assert_rel(csv.num(1, "w"), 0.28 / 3.0, 1e-12, "w after one update");
    for row in 0..csv.rows.len() {
        assert_eq!(csv.num(row, "b"), 0.0, "b is frozen (row {row})");
        assert!(csv.num(row, "grad_b") != 0.0, "grad_b is shown (row {row})");
    }
    // The frozen parameter does not count towards the gradient norm.
    assert_rel(
        csv.num(0, "grad_norm"),
        csv.num(0, "grad_w").abs(),
        1e-15,
        "grad_norm without b",
    );
}

#[test]
fn a_dead_relu_is_stalled_not_converged() {
    // w·x + b < 0 on every row: ∇L = 0 at a loss far above the fit's.
    let args = ["run", "--preset", "relu", "--init", "w=0.2,b=-1,c=1"];
    let table = stdout_of(&args);
    let summary = last_line(&table);
    assert!(
        summary.starts_with("relu: stalled after 0 steps"),
        "{summary}"
    );
    assert!(
        summary.contains("no curvature here (sharpness 0)"),
        "{summary}"
    );
    let json = stdout_of(&[&args[..], &["--format", "json"]].concat());
    assert!(json.contains("\"status\": \"stalled\""), "{json}");
    // From the lesson's own start the same unit fits the hinge and converges.
    let table = stdout_of(&["run", "--preset", "relu", "--steps", "20000"]);
    assert!(last_line(&table).contains("converged"), "{table}");
}

#[test]
fn line_converges_to_one() {
    let table = stdout_of(&["run", "--preset", "line"]);
    assert!(last_line(&table).contains("converged"), "{table}");
    let csv = run_csv(&["--preset", "line"]);
    let last = csv.rows.len() - 1;
    let w = csv.num(last, "w");
    assert!((w - 1.0).abs() < 1e-6, "final w = {w}");
    assert_eq!(csv.num(last, "b"), 0.0);
    // In full batch the epoch column equals the step.
    for row in 0..csv.rows.len() {
        assert_eq!(csv.int(row, "epoch"), csv.int(row, "step"));
    }
}

#[test]
fn command_line_overrides_the_preset() {
    let csv = run_csv(&["--preset", "blowup", "--lr", "0.0001", "--steps", "5"]);
    assert_eq!(csv.rows.len(), 6);
    for row in 0..csv.rows.len() {
        assert_eq!(csv.num(row, "lr"), 0.0001);
        assert!(csv.num(row, "loss") <= csv.num(0, "loss"), "row {row}");
    }
    let table = stdout_of(&[
        "run", "--preset", "blowup", "--lr", "0.0001", "--steps", "5",
    ]);
    let summary = last_line(&table);
    assert!(!summary.contains("diverged"), "{summary}");
    assert!(summary.contains("after 5 steps"), "{summary}");
}

// ---------------------------------------------------------------- scenario files

#[test]
fn scenario_file_reads_relative_data_from_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.csv", "x,y\n1,3\n2,5\n");
    let scenario = write(
        dir.path(),
        "s.toml",
        "data = \"d.csv\"\nlr = 0.1\nsteps = 2\ninit = \"w=0,b=0\"\n",
    );
    // The test runs from the crate root, not from the scenario's folder.
    let csv = run_csv(&["--scenario", s(&scenario)]);
    assert_eq!(csv.header[3..5], ["w", "b"]);
    assert_eq!(csv.rows.len(), 3);
    // MSE at w = b = 0: L = (9 + 25)/2, ∂L/∂w = −(3·1 + 5·2), ∂L/∂b = −(3 + 5).
    assert_rel(csv.num(0, "loss"), 17.0, 1e-12, "loss0");
    assert_rel(csv.num(0, "grad_w"), -13.0, 1e-12, "grad_w");
    assert_rel(csv.num(0, "grad_b"), -8.0, 1e-12, "grad_b");
    assert_rel(csv.num(1, "w"), 1.3, 1e-12, "w1");
    assert_rel(csv.num(1, "b"), 0.8, 1e-12, "b1");
    assert_eq!(csv.num(0, "lr"), 0.1);

    // Command-line options win over the file.
    let csv = run_csv(&["--scenario", s(&scenario), "--lr", "0.01", "--steps", "1"]);
    assert_eq!(csv.rows.len(), 2);
    assert_eq!(csv.num(1, "lr"), 0.01);
    assert_rel(csv.num(1, "w"), 0.13, 1e-12, "w1 at η = 0.01");
}

#[test]
fn scenario_file_over_a_preset() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write(
        dir.path(),
        "s.toml",
        "preset = \"blowup\"\nlr = 0.0001\nsteps = 3\n",
    );
    let csv = run_csv(&["--scenario", s(&scenario)]);
    assert_eq!(csv.rows.len(), 4);
    assert_eq!(csv.num(0, "lr"), 0.0001);
    assert_rel(csv.num(0, "loss"), 14871.8025, 1e-9, "loss0");
    let csv = run_csv(&["--scenario", s(&scenario), "--steps", "1"]);
    assert_eq!(csv.rows.len(), 2);
}

#[test]
fn every_preset_round_trips_through_a_scenario_file() {
    let list = stdout_of(&["presets"]);
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 10, "presets: {list}");
    for must in ["intro", "line", "doubling", "blowup", "ravine", "wiggle"] {
        assert!(names.contains(&must), "`{must}` is listed: {list}");
    }
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let toml = stdout_of(&["presets", "--show", name]);
        let path = write(dir.path(), &format!("{name}.toml"), &toml);
        let from_file = stdout_of(&["run", "--format", "csv", "--scenario", s(&path)]);
        let from_preset = stdout_of(&["run", "--format", "csv", "--preset", name]);
        assert!(
            from_file == from_preset,
            "preset `{name}`: --scenario output differs from --preset output"
        );
    }
}

// ---------------------------------------------------------------- CSV data

#[test]
fn data_with_another_target_column() {
    let dir = tempfile::tempdir().unwrap();
    // Target `x`, so the single feature is the column called `y`.
    let path = write(dir.path(), "xy.csv", "x,y\n3,1\n5,2\n");
    let csv = run_csv(&["--data", s(&path), "--target", "x", "--steps", "1"]);
    assert_eq!(
        csv.header,
        [
            "step",
            "epoch",
            "loss",
            "w",
            "b",
            "grad_w",
            "grad_b",
            "grad_norm",
            "lr"
        ]
    );
    // At θ = 0: L = (9 + 25)/2, ∂L/∂w = −(3·1 + 5·2), ∂L/∂b = −(3 + 5).
    assert_rel(csv.num(0, "loss"), 17.0, 1e-12, "loss0");
    assert_rel(csv.num(0, "grad_w"), -13.0, 1e-12, "grad_w");
    assert_rel(csv.num(0, "grad_b"), -8.0, 1e-12, "grad_b");
}

#[test]
fn features_keep_the_file_order_around_the_target() {
    let dir = tempfile::tempdir().unwrap();
    // Features `a` then `c`, target `t` in the middle; a is 1s, c is 10s.
    let path = write(dir.path(), "abc.csv", "a,t,c\n1,2,10\n1,4,10\n");
    let csv = run_csv(&["--data", s(&path), "--target", "t", "--steps", "0"]);
    assert_eq!(csv.header[3..6], ["w1", "w2", "b"]);
    // At θ = 0, r = t: ∂L/∂w_j = −2·mean(t·x_j) = −6·x_j.
    assert_rel(csv.num(0, "grad_w1"), -6.0, 1e-12, "grad_w1 (column a)");
    assert_rel(csv.num(0, "grad_w2"), -60.0, 1e-12, "grad_w2 (column c)");
    assert_rel(csv.num(0, "grad_b"), -6.0, 1e-12, "grad_b");
}

// ---------------------------------------------------------------- mini-batches

#[test]
fn batch_of_every_row_is_full_batch() {
    let base = ["run", "--format", "csv", "--dataset", "line", "--n", "30"];
    let full = stdout_of(&base);
    let mut with_batch = base.to_vec();
    with_batch.extend(["--batch-size", "30"]);
    assert!(stdout_of(&with_batch) == full, "--batch-size 30 of 30 rows");
    with_batch.extend(["--seed", "0"]);
    assert!(
        stdout_of(&with_batch) == full,
        "with the default seed given"
    );
}

#[test]
fn mini_batch_epochs_and_seeds() {
    let args = |seed: &'static str| {
        [
            "run",
            "--format",
            "csv",
            "--dataset",
            "line",
            "--n",
            "30",
            "--batch-size",
            "7",
            "--seed",
            seed,
            "--steps",
            "12",
            "--tolerance",
            "0",
        ]
    };
    let out = stdout_of(&args("3"));
    let csv = Csv::parse(&out);
    assert_eq!(csv.rows.len(), 13);
    let epochs: Vec<usize> = (0..csv.rows.len()).map(|r| csv.int(r, "epoch")).collect();
    // ⌈30/7⌉ = 5 updates per epoch.
    assert_eq!(epochs, [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
    assert!(stdout_of(&args("3")) == out, "same seed, same output");
    assert!(stdout_of(&args("4")) != out, "another seed, other output");
}

// ---------------------------------------------------------------- sweep

#[test]
fn sweep_is_log_spaced_and_the_largest_rate_diverges() {
    let out = stdout_of(&[
        "sweep", "--preset", "ravine", "--lr-min", "1e-4", "--lr-max", "1", "--points", "5",
        "--format", "csv",
    ]);
    let csv = Csv::parse(&out);
    assert_eq!(
        csv.header,
        ["lr", "final_loss", "min_loss", "status", "steps"]
    );
    assert_eq!(csv.rows.len(), 5);
    let lrs: Vec<f64> = (0..5).map(|r| csv.num(r, "lr")).collect();
    assert_eq!(lrs[0], 1e-4);
    assert_eq!(lrs[4], 1.0);
    let ratio = lrs[1] / lrs[0];
    assert_rel(ratio, 10.0, 1e-12, "lr ratio");
    for pair in lrs.windows(2) {
        assert_rel(pair[1] / pair[0], ratio, 1e-12, "constant ratio");
    }
    assert_eq!(csv.text(4, "status"), "diverged");
    for r in 0..5 {
        assert!(
            ["converged", "diverged", "max_steps"].contains(&csv.text(r, "status")),
            "status {}",
            csv.text(r, "status")
        );
        assert!(
            csv.num(r, "min_loss") <= csv.num(r, "final_loss") || csv.num(r, "final_loss").is_nan()
        );
    }
}

// ---------------------------------------------------------------- stop conditions

#[test]
fn zero_tolerance_never_converges() {
    let table = stdout_of(&["run", "--preset", "line", "--tolerance", "0"]);
    let summary = last_line(&table);
    assert!(!summary.contains("converged"), "{summary}");
    assert!(summary.contains("after 100 steps"), "{summary}");
    let csv = run_csv(&["--preset", "line", "--tolerance", "0"]);
    assert_eq!(csv.rows.len(), 101);
}

#[test]
fn a_small_diverge_factor_stops_a_mild_run() {
    // Momentum overshoots: the loss rises to 1.21 × its start before settling.
    let mild = [
        "run",
        "--preset",
        "line",
        "--optimizer",
        "momentum",
        "--lr",
        "0.1",
        "--steps",
        "300",
    ];
    let summary = stdout_of(&mild);
    assert!(
        last_line(&summary).contains("converged"),
        "{}",
        last_line(&summary)
    );
    let mut strict = mild.to_vec();
    strict.extend(["--diverge-factor", "1.1"]);
    let out = stdout_of(&strict);
    assert!(last_line(&out).contains("diverged"), "{}", last_line(&out));
    strict.extend(["--format", "csv"]);
    let csv = Csv::parse(&stdout_of(&strict));
    let last = csv.rows.len() - 1;
    assert!(last < 10, "stopped early, after {last} steps");
    assert!(csv.num(last, "loss") > 1.1 * csv.num(0, "loss"));
}

#[test]
fn zero_steps_gives_the_start_only() {
    let csv = run_csv(&["--preset", "blowup", "--steps", "0"]);
    assert_eq!(csv.rows.len(), 1);
    assert_eq!(csv.int(0, "step"), 0);
    assert_eq!(csv.int(0, "epoch"), 0);
}

// ---------------------------------------------------------------- defaults and pipes

#[test]
fn without_a_terminal_the_interactive_view_points_to_run() {
    for args in [&[][..], &["tui", "--preset", "blowup"][..]] {
        let out = english(Command::cargo_bin("downhill").unwrap())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("error: standard output is not a terminal"),
            "{err}"
        );
        assert!(err.contains("`downhill run`"), "{err}");
        assert_eq!(err.matches('\n').count(), 1, "{err}");
    }
}

#[test]
fn bad_options_fail_before_the_terminal_is_touched() {
    let out = english(Command::cargo_bin("downhill").unwrap())
        .args(["--preset", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("unknown preset `nope`")
    );
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_downhill"))
        .env("LC_ALL", "C")
        .args(["run", "--preset", "wiggle", "--steps", "5000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn downhill");
    let mut first = String::new();
    {
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        reader.read_line(&mut first).expect("read the first line");
        // Dropping the reader closes our end of the pipe.
    }
    assert!(first.starts_with("step"), "{first:?}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let status = child.wait().expect("downhill exits");
    assert!(!stderr.contains("panicked"), "{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        let by_sigpipe = status.signal() == Some(13);
        assert!(
            status.success() || by_sigpipe,
            "status {status:?}, stderr {stderr}"
        );
    }
    #[cfg(not(unix))]
    assert!(status.success(), "status {status:?}, stderr {stderr}");
}

#[test]
fn new_data_drops_the_lessons_start_point() {
    // blowup starts at w1 = w2 = 0.5 for its two features; on one-feature data the
    // lesson's start no longer applies and the model's defaults (0, 0) are used.
    let out = english(Command::cargo_bin("downhill").unwrap())
        .args([
            "run",
            "--preset",
            "blowup",
            "--dataset",
            "line",
            "--steps",
            "0",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(&row[3..5], ["0", "0"]);
}

#[test]
fn the_lr_column_follows_the_schedule() {
    let out = stdout_of(&[
        "run",
        "--preset",
        "intro",
        "--schedule",
        "step:2:0.5",
        "--steps",
        "5",
        "--format",
        "csv",
    ]);
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    let lr = header.iter().position(|c| *c == "lr").unwrap();
    let rates: Vec<f64> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(lr).unwrap().parse().unwrap())
        .collect();
    assert_eq!(rates, [0.1, 0.1, 0.1, 0.05, 0.05, 0.025]);
}

#[test]
fn an_mlp_runs_with_quoted_bracketed_names_and_replays_from_its_init() {
    let out = stdout_of(&[
        "run",
        "--dataset",
        "plane",
        "--model",
        "mlp:3",
        "--activation",
        "relu",
        "--steps",
        "5",
        "--lr",
        "0.05",
        "--format",
        "csv",
        "--init",
        "W1[1,2]=0.5,b2[1]=1",
        "--freeze",
        "W1[3,1],b1[2]",
    ]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("step,epoch,loss,\"W1[1,1]\",\"W1[1,2]\",\"W1[2,1]\""),
        "{header}"
    );
    assert!(
        header.contains(",b1[1],b1[2],b1[3],\"W2[1,1]\""),
        "{header}"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 6);
    // Columns: step, epoch, loss, then W1[1,1] W1[1,2] … in parameter order.
    let (w12, w31, b12, b21) = (4, 3 + 4, 3 + 7, 3 + 12);
    assert_eq!((rows[0][w12], rows[0][b21]), (0.5, 1.0));
    assert!(
        rows.iter()
            .all(|r| r[w31] == rows[0][w31] && r[b12] == rows[0][b12])
    );
    assert!(rows[5][2] < rows[0][2], "the loss goes down");
}

#[test]
fn an_mlp_run_in_json_gives_its_layer_widths() {
    let text = stdout_of(&[
        "run",
        "--dataset",
        "circle",
        "--model",
        "mlp:4,3",
        "--loss",
        "bce",
        "--steps",
        "1",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["layers"], serde_json::json!([2, 4, 3, 1]));
    assert_eq!(doc["params"].as_array().unwrap().len(), 4 * 3 + 3 * 5 + 4);
    let other = stdout_of(&[
        "run", "--preset", "intro", "--steps", "1", "--format", "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&other).unwrap();
    assert!(doc.get("layers").is_none(), "only networks have layers");
}

#[test]
fn standardised_ravine_says_what_scaling_did_and_its_first_gradient_is_worked_by_hand() {
    let out = stdout_of(&["run", "--preset", "ravine", "--scale", "standardize"]);
    assert!(
        last_line(&out)
            .ends_with("; standardised x: η_crit 0.00976 → 1, κ 7110 → 1 (λ 0.0288…205 → 2…2)"),
        "{out}"
    );
    // At w = b = 0, mse's gradient is (−2·mean(y·z), −2·mean(y)), z = (x − mean)/std.
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<(f64, f64)> = (0..5)
        .map(|i| (10.0 + f64::from(i), f64::from(i * i)))
        .collect();
    let text: String = rows.iter().map(|(x, y)| format!("{x},{y}\n")).collect();
    let path = write(dir.path(), "d.csv", &format!("x,y\n{text}"));
    let csv = run_csv(&[
        "--data",
        s(&path),
        "--scale",
        "standardize",
        "--init",
        "w=0,b=0",
    ]);
    let n = rows.len() as f64;
    let mean = rows.iter().map(|r| r.0).sum::<f64>() / n;
    let std = (rows.iter().map(|r| (r.0 - mean).powi(2)).sum::<f64>() / n).sqrt();
    let grad_w = -2.0 * rows.iter().map(|(x, y)| y * (x - mean) / std).sum::<f64>() / n;
    let grad_b = -2.0 * rows.iter().map(|r| r.1).sum::<f64>() / n;
    assert_rel(csv.num(0, "grad_w"), grad_w, 1e-12, "grad_w");
    assert_rel(csv.num(0, "grad_b"), grad_b, 1e-12, "grad_b");
}

#[test]
fn a_test_set_adds_a_test_loss_column_worked_by_hand_and_nothing_else_changes() {
    let dir = tempfile::tempdir().unwrap();
    let train = write(dir.path(), "train.csv", "x,y\n1,2\n2,4\n3,7\n");
    let test = write(dir.path(), "test.csv", "x,y\n4,8\n5,9\n");
    let csv = run_csv(&["--data", s(&train), "--test", s(&test), "--lr", "0.05"]);
    let last = csv.header.len() - 1;
    assert_eq!(csv.header[last], "test_loss");
    for row in [0, 1, 5] {
        // mse of the test rows at this row's (w, b).
        let (w, b) = (csv.num(row, "w"), csv.num(row, "b"));
        let by_hand = ((8.0 - (4.0 * w + b)).powi(2) + (9.0 - (5.0 * w + b)).powi(2)) / 2.0;
        assert_rel(csv.num(row, "test_loss"), by_hand, 1e-12, "test_loss");
    }
    // The training columns are those of a run without a test set, digit for digit.
    let alone = run_csv(&["--data", s(&train), "--lr", "0.05"]);
    assert_eq!(alone.header, csv.header[..last]);
    for (a, b) in alone.rows.iter().zip(&csv.rows) {
        assert_eq!(a[..], b[..last]);
    }
    // JSON gives it as a field of each step.
    let json = stdout_of(&[
        "run",
        "--data",
        s(&train),
        "--test",
        s(&test),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc["steps"][0]["test_loss"].is_number());
}

#[test]
fn a_test_fraction_is_drawn_by_the_seed_and_scaled_by_the_training_rows() {
    let args = ["--preset", "overfit", "--steps", "3"];
    let a = run_csv(&args);
    assert_eq!(a.text(3, "test_loss"), run_csv(&args).text(3, "test_loss"));
    let other = run_csv(&[&args[..], &["--seed", "5"]].concat());
    assert_ne!(a.text(0, "test_loss"), other.text(0, "test_loss"));
    let scaled = run_csv(&[&args[..], &["--scale", "standardize"]].concat());
    assert!(scaled.num(3, "test_loss").is_finite());
}

#[test]
fn a_surface_trains_x_and_y_on_the_function_itself_worked_by_hand() {
    // rosenbrock at its start (−1.5, 2): (1 − x)² + 100·(y − x²)² = 6.25 + 6.25, and
    // ∇f = (−2·(1 − x) − 400·x·(y − x²), 200·(y − x²)) = (−5 − 150, −50).
    let csv = run_csv(&["--surface", "rosenbrock", "--lr", "0.001", "--steps", "3"]);
    assert_eq!(
        csv.header,
        [
            "step",
            "epoch",
            "loss",
            "x",
            "y",
            "grad_x",
            "grad_y",
            "grad_norm",
            "lr"
        ]
    );
    assert_eq!(csv.num(0, "loss"), 12.5);
    assert_eq!(
        (csv.num(0, "grad_x"), csv.num(0, "grad_y")),
        (-155.0, -50.0)
    );
    assert_rel(
        csv.num(1, "x"),
        -1.5 + 0.001 * 155.0,
        1e-15,
        "x after one update",
    );
    assert_rel(
        csv.num(1, "y"),
        2.0 + 0.001 * 50.0,
        1e-15,
        "y after one update",
    );
    // quadratic:K has λmax = K exactly, whatever its turn: η_crit = 2/K.
    let out = stdout_of(&["run", "--surface", "quadratic:40:30", "--steps", "1"]);
    assert!(
        last_line(&out).contains("η_crit = 2/λmax = 0.05 (λmax = 40)"),
        "{out}"
    );
    // himmelblau from (0, 0) at η = 0.01 comes to rest in its minimum at (3, 2).
    let csv = run_csv(&["--surface", "himmelblau", "--steps", "2000"]);
    let last = csv.rows.len() - 1;
    assert_rel(csv.num(last, "x"), 3.0, 1e-6, "x");
    assert_rel(csv.num(last, "y"), 2.0, 1e-6, "y");
}

#[test]
fn a_scenario_files_test_rows_are_read_from_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "tr.csv", "x,y\n1,2\n2,4\n3,7\n");
    write(dir.path(), "te.csv", "x,y\n4,8\n");
    let file = write(
        dir.path(),
        "s.toml",
        "data = \"tr.csv\"\ntest = \"te.csv\"\n",
    );
    let out = downhill()
        .current_dir(std::env::temp_dir())
        .args([
            "run",
            "--scenario",
            s(&file),
            "--steps",
            "1",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = Csv::parse(&String::from_utf8(out.stdout).unwrap());
    // mse of the one test row (4, 8) at w = b = 0.
    assert_eq!(csv.num(0, "test_loss"), 64.0);
}

#[test]
fn completion_scripts_cover_every_subcommand_and_bash_reads_its_own() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        // fish spells a long option `-l lr`, the others `--lr`.
        for word in ["run", "sweep", "presets", "completions", "lr", "surface"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // bash parses the script without running it: a generator bug would be a syntax error.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("downhill.bash");
    std::fs::write(&path, stdout_of(&["completions", "bash"])).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(checked.success());
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand_and_option() {
    let page = stdout_of(&["manpage"]);
    assert!(page.contains(".TH downhill 1"), "a man page title line");
    for word in [
        "downhill\\-run",
        "downhill\\-sweep",
        "\\-\\-lr",
        "\\-\\-surface",
    ] {
        assert!(page.contains(word), "the man page lacks {word}");
    }
    let dir = tempfile::tempdir().unwrap();
    let said = stdout_of(&["manpage", "--out-dir", dir.path().to_str().unwrap()]);
    assert!(said.starts_with("wrote downhill.1"), "{said}");
    for name in [
        "downhill.1",
        "downhill-run.1",
        "downhill-sweep.1",
        "downhill-tui.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(text.contains(".TH"), "{name} is a man page");
    }
}

#[test]
fn help_is_in_the_language_asked_for() {
    let chinese = |args: &[&str], env: Option<&str>| {
        let mut command = Command::cargo_bin("downhill").unwrap();
        command.env_remove("LC_ALL").env_remove("LC_MESSAGES");
        command.env("LANG", env.unwrap_or("C"));
        let out = command.args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let by_option = chinese(&["run", "--lang", "zh", "--help"], None);
    assert!(
        by_option.starts_with("训练并为每个状态打印一行"),
        "{by_option}"
    );
    assert!(
        by_option.contains("用法： downhill run [OPTIONS]"),
        "{by_option}"
    );
    assert!(by_option.contains("学习率 η（默认 0.01）"), "{by_option}");
    assert!(
        by_option.contains("可选值：\n          - table: 对齐的列和一行总结"),
        "{by_option}"
    );
    assert!(
        by_option.contains("- csv:   逗号分隔，完整精度"),
        "{by_option}"
    );
    let by_locale = chinese(&["-h"], Some("zh_CN.UTF-8"));
    assert!(
        by_locale.contains("命令:") && by_locale.contains("打开交互视图"),
        "{by_locale}"
    );
    let page = chinese(&["--lang", "zh", "manpage"], None);
    assert!(
        page.contains("downhill \\- 观看梯度下降沿损失地形一步步走下去"),
        "{page}"
    );
    assert!(page.contains(".SH 选项"), "{page}");
    let english = stdout_of(&["run", "--help"]);
    assert!(
        english.starts_with("Train and print one row per state"),
        "{english}"
    );
    assert!(
        english.contains("- csv:   Comma-separated, full precision"),
        "{english}"
    );
}

#[test]
fn run_speaks_chinese_when_asked_before_or_after_the_subcommand() {
    let out = |args: &[&str]| {
        let out = english(Command::cargo_bin("downhill").unwrap())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    for args in [
        &["--lang", "zh", "run", "--preset", "blowup", "--steps", "1"][..],
        &["run", "--preset", "blowup", "--steps", "1", "--lang=zh"][..],
    ] {
        let (code, stdout, _) = out(args);
        assert_eq!(code, Some(0));
        let summary = last_line(&stdout);
        assert!(
            summary.starts_with("blowup：1 步后发散，最终损失 1.02655e12（起点 14871.8），η = 1，"),
            "{summary}"
        );
    }
    let (code, _, stderr) = out(&["run", "--lang", "zh", "--lr", "-1"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.trim_end(),
        "错误：--lr: 学习率必须是有限的正数，得到的是 -1"
    );
}
