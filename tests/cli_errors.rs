//! Bad input to the real binary: exit status 2, one `error:` line on stderr, nothing on
//! stdout, and never a panic.

use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

use assert_cmd::Command;
use common::english;
use predicates::prelude::*;
use tempfile::TempDir;

/// The binary, killed after 30 s so that a hang fails the test instead of stalling it.
fn downhill() -> Command {
    let mut command = english(
        Command::cargo_bin("downhill").expect("the downhill binary is built for integration tests"),
    );
    command.timeout(Duration::from_secs(30));
    command
}

/// Runs `downhill ARGS` and checks the one-line error contract; returns the stderr text.
fn fails_with(args: &[&str], fragment: &str) -> String {
    let output = downhill().args(args).output().expect("downhill runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit status for {args:?}; stderr: {stderr}"
    );
    assert!(stdout.is_empty(), "stdout not empty for {args:?}: {stdout}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "panic for {args:?}: {stderr}"
    );
    assert!(
        stderr.ends_with('\n') && stderr.matches('\n').count() == 1,
        "stderr is not exactly one line for {args:?}: {stderr:?}"
    );
    assert!(
        !stderr.trim_end_matches('\n').chars().any(char::is_control),
        "a raw control character on stderr for {args:?}: {stderr:?}"
    );
    assert!(
        stderr.starts_with("error: "),
        "stderr does not start with `error: ` for {args:?}: {stderr:?}"
    );
    assert!(
        stderr.contains(fragment),
        "stderr for {args:?} lacks {fragment:?}: {stderr:?}"
    );
    stderr
}

/// clap's own parse errors: only status 2, nothing on stdout and no panic.
fn clap_rejects(args: &[&str]) {
    downhill()
        .args(args)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("panicked").not())
        .stderr(predicate::str::contains("RUST_BACKTRACE").not());
}

/// Writes `contents` to `name` in a fresh temporary folder.
fn fixture(name: &str, contents: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write fixture");
    (dir, path)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

// ---------------------------------------------------------------- CSV data

#[test]
fn missing_csv_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.csv");
    let err = fails_with(&["run", "--data", s(&path)], "absent.csv");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn empty_csv_file() {
    let (_dir, path) = fixture("empty.csv", "");
    let err = fails_with(&["run", "--data", s(&path)], "empty.csv");
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn header_only_csv() {
    let (_dir, path) = fixture("header.csv", "x,y\n");
    let err = fails_with(&["run", "--data", s(&path)], "header.csv");
    assert!(err.contains("no data rows"), "{err}");
}

#[test]
fn csv_without_y_column() {
    let (_dir, path) = fixture("noy.csv", "a,b\n1,2\n3,4\n");
    let err = fails_with(&["run", "--data", s(&path)], "noy.csv:1:");
    assert!(err.contains("no target column `y`"), "{err}");
}

#[test]
fn target_names_a_missing_column() {
    let (_dir, path) = fixture("t.csv", "x,y\n1,2\n3,4\n");
    let err = fails_with(
        &["run", "--data", s(&path), "--target", "price"],
        "no target column `price`",
    );
    assert!(err.contains("t.csv"), "{err}");
}

#[test]
fn non_numeric_cell_shows_file_line_column() {
    let (_dir, path) = fixture("bad.csv", "x,y\n1,2\n3,abc\n");
    let err = fails_with(&["run", "--data", s(&path)], "bad.csv:3:2:");
    assert!(err.contains("abc"), "{err}");
}

#[test]
fn empty_cell() {
    let (_dir, path) = fixture("hole.csv", "x,y\n1,2\n,4\n");
    let err = fails_with(&["run", "--data", s(&path)], "hole.csv:3:1:");
    assert!(err.contains("empty cell"), "{err}");
}

#[test]
fn nan_value() {
    let (_dir, path) = fixture("nan.csv", "x,y\n1,2\n3,nan\n");
    let err = fails_with(&["run", "--data", s(&path)], "nan.csv:3:2:");
    assert!(err.contains("finite"), "{err}");
}

#[test]
fn inf_value() {
    let (_dir, path) = fixture("inf.csv", "x,y\ninf,2\n3,4\n");
    let err = fails_with(&["run", "--data", s(&path)], "inf.csv:2:1:");
    assert!(err.contains("finite"), "{err}");
}

#[test]
fn ragged_row_shows_its_line() {
    let (_dir, path) = fixture("ragged.csv", "x,y\n1,2\n3,4\n5,6,7\n");
    let err = fails_with(&["run", "--data", s(&path)], "ragged.csv:4:");
    assert!(err.contains("fields"), "{err}");
}

#[test]
fn one_feature_model_on_two_feature_csv() {
    let (_dir, path) = fixture("two.csv", "x1,x2,y\n1,2,3\n4,5,6\n");
    let err = fails_with(
        &["run", "--data", s(&path), "--model", "sigmoid"],
        "--model",
    );
    assert!(err.contains("one feature"), "{err}");
}

#[test]
fn bce_needs_zero_one_targets() {
    let (_dir, path) = fixture("cls.csv", "x,y\n1,0\n2,1\n3,2\n");
    let err = fails_with(
        &[
            "run",
            "--data",
            s(&path),
            "--model",
            "logistic",
            "--loss",
            "bce",
        ],
        "--loss",
    );
    assert!(err.contains("0 or 1"), "{err}");
}

#[test]
fn bce_needs_the_logistic_model() {
    let err = fails_with(&["run", "--preset", "line", "--loss", "bce"], "--loss");
    assert!(err.contains("logistic"), "{err}");
}

// ---------------------------------------------------------------- unknown names

#[test]
fn unknown_preset() {
    fails_with(&["run", "--preset", "nosuch"], "unknown preset `nosuch`");
}

#[test]
fn unknown_model() {
    fails_with(
        &["run", "--preset", "line", "--model", "spline"],
        "unknown model `spline`",
    );
}

#[test]
fn unknown_loss() {
    fails_with(
        &["run", "--preset", "line", "--loss", "hinge"],
        "unknown loss `hinge`",
    );
}

#[test]
fn unknown_optimizer() {
    fails_with(
        &["run", "--preset", "line", "--optimizer", "lbfgs"],
        "unknown optimizer `lbfgs`",
    );
}

#[test]
fn unknown_dataset() {
    let err = fails_with(&["run", "--dataset", "moons"], "--dataset");
    assert!(err.contains("moons"), "{err}");
}

#[test]
fn init_names_a_missing_parameter() {
    fails_with(
        &["run", "--preset", "line", "--init", "q=1"],
        "no parameter `q`",
    );
}

#[test]
fn freeze_names_a_missing_parameter() {
    let err = fails_with(
        &["run", "--preset", "line", "--freeze", "q"],
        "no parameter `q`",
    );
    assert!(err.contains("--freeze"), "{err}");
}

#[test]
fn init_value_not_a_number() {
    let err = fails_with(&["run", "--preset", "line", "--init", "w=abc"], "--init");
    assert!(err.contains("abc"), "{err}");
}

// ---------------------------------------------------------------- learning rate

#[test]
fn lr_zero() {
    fails_with(&["run", "--preset", "line", "--lr", "0"], "--lr");
}

/// `--lr -1` as two words, the way the brief spells it.
#[test]
fn lr_negative() {
    fails_with(&["run", "--preset", "line", "--lr", "-1"], "--lr");
}

/// The same value attached with `=`, which clap cannot mistake for a flag.
#[test]
fn lr_negative_attached() {
    fails_with(&["run", "--preset", "line", "--lr=-1"], "--lr");
}

#[test]
fn lr_nan() {
    fails_with(&["run", "--preset", "line", "--lr", "nan"], "--lr");
}

#[test]
fn lr_inf() {
    fails_with(&["run", "--preset", "line", "--lr", "inf"], "--lr");
}

// ---------------------------------------------------------------- scenario files

#[test]
fn scenario_unknown_key_names_file_and_line() {
    let (_dir, path) = fixture("unk.toml", "preset = \"line\"\nsteps = 3\nspeed = 2\n");
    let err = fails_with(&["run", "--scenario", s(&path)], "unk.toml:3:");
    assert!(err.contains("speed"), "{err}");
}

#[test]
fn scenario_bad_value_names_line_and_key() {
    let (_dir, path) = fixture("badlr.toml", "preset = \"line\"\nsteps = 3\nlr = -2\n");
    let err = fails_with(&["run", "--scenario", s(&path)], "badlr.toml:3:");
    assert!(err.contains("lr"), "{err}");
}

#[test]
fn scenario_wrong_type() {
    let (_dir, path) = fixture("type.toml", "preset = \"line\"\nlr = \"fast\"\n");
    let err = fails_with(&["run", "--scenario", s(&path)], "type.toml:2:");
    assert!(err.contains("fast"), "{err}");
}

#[test]
fn missing_scenario_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.toml");
    let err = fails_with(&["run", "--scenario", s(&path)], "gone.toml");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn scenario_unknown_preset_names_its_line() {
    let (_dir, path) = fixture("p.toml", "steps = 1\npreset = \"nosuch\"\n");
    let err = fails_with(&["run", "--scenario", s(&path)], "p.toml:2:");
    assert!(err.contains("unknown preset `nosuch`"), "{err}");
}

#[test]
fn scenario_bad_init_names_its_line() {
    let (_dir, path) = fixture("i.toml", "preset = \"line\"\ninit = \"q=1\"\n");
    let err = fails_with(&["run", "--scenario", s(&path)], "i.toml:2:");
    assert!(err.contains("init"), "{err}");
}

#[test]
fn scenario_inline_points_with_a_short_row() {
    let (_dir, path) = fixture(
        "pts.toml",
        "[points]\ncolumns = [\"x\", \"y\"]\nrows = [[1, 2], [3]]\n",
    );
    let err = fails_with(&["run", "--scenario", s(&path)], "pts.toml");
    assert!(err.contains("row 2"), "{err}");
}

#[test]
fn inline_points_follow_the_csv_rule_for_column_names() {
    for (columns, says) in [
        (
            "[]",
            "points.columns: no target column `y`; there are no columns",
        ),
        (
            r#"["x", "x", "y"]"#,
            "points.columns: duplicate column name `x`",
        ),
        (r#"["y", "y"]"#, "points.columns: duplicate column name `y`"),
        (
            r#"["x", " ", "y"]"#,
            "points.columns: column 2 has a blank name",
        ),
    ] {
        let text = format!("steps = 1\n[points]\ncolumns = {columns}\nrows = [[1, 2, 3]]\n");
        let (_dir, path) = fixture("cols.toml", &text);
        fails_with(
            &["run", "--scenario", s(&path)],
            &format!("cols.toml:3: {says}"),
        );
    }
}

#[test]
fn noise_that_overflows_is_blamed_on_noise() {
    let (_dir, path) = fixture("noise.toml", "dataset = \"line\"\nnoise = 1e308\n");
    fails_with(
        &["run", "--scenario", s(&path)],
        "noise.toml:2: noise: too large",
    );
    fails_with(
        &["run", "--dataset", "line", "--noise", "1e308"],
        "--noise: too large for dataset `line`",
    );
}

#[test]
fn target_with_a_synthetic_dataset_is_refused() {
    fails_with(
        &["run", "--dataset", "line", "--target", "x"],
        "--target: applies only to --data or [points]",
    );
}

#[test]
fn control_characters_in_paths_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e\u{1b}[31mx.toml");
    std::fs::write(&path, "[points]\ncolumns = []\nrows = []\n").unwrap();
    fails_with(
        &["run", "--scenario", s(&path)],
        "e\\u{1b}[31mx.toml:2: points.columns",
    );
    let gone = dir.path().join("gone\u{7}.csv");
    fails_with(&["run", "--data", s(&gone)], "gone\\u{7}.csv");
    fails_with(
        &["run", "--preset", "a\u{1b}[31m"],
        "unknown preset `a\\u{1b}[31m`",
    );
}

#[test]
fn scenario_syntax_error() {
    let (_dir, path) = fixture("syn.toml", "preset = \"line\"\nlr = \n");
    fails_with(&["run", "--scenario", s(&path)], "syn.toml:2:");
}

#[test]
fn data_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    fails_with(&["run", "--data", s(dir.path())], "cannot read");
}

// ---------------------------------------------------------------- inputs that cannot hang

/// Runs `downhill ARGS` with a short deadline: a refusal must come at once, not after a read.
fn refused_quickly(args: &[&str], fragment: &str) {
    let started = std::time::Instant::now();
    fails_with(args, fragment);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{args:?} took {:?}",
        started.elapsed()
    );
}

/// A FIFO with no writer in a fresh folder, or `None` where `mkfifo` is missing.
fn fifo() -> Option<(TempDir, PathBuf)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    made.is_ok_and(|s| s.success()).then_some((dir, path))
}

#[test]
fn a_fifo_without_a_writer_is_refused_not_waited_on() {
    let Some((_dir, path)) = fifo() else { return };
    refused_quickly(
        &["run", "--data", s(&path)],
        "FIFO (named pipe), not a regular file",
    );
    refused_quickly(&["run", "--scenario", s(&path)], "not a regular file");
}

#[cfg(unix)]
#[test]
fn endless_devices_are_refused() {
    refused_quickly(
        &["run", "--data", "/dev/zero"],
        "cannot read /dev/zero: a device, not a regular file",
    );
    refused_quickly(
        &["run", "--scenario", "/dev/zero"],
        "a device, not a regular file",
    );
}

#[test]
fn files_past_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    refused_quickly(&["run", "--data", s(&big)], "larger than 64 MiB");
    let toml = dir.path().join("big.toml");
    std::fs::File::create(&toml)
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    refused_quickly(&["run", "--scenario", s(&toml)], "larger than 1 MiB");
}

#[test]
fn csv_line_numbers_count_blank_lines_and_lone_carriage_returns() {
    let (_dir, path) = fixture("blank.csv", "x,y\n1,2\n\n\n2,abc\n");
    fails_with(&["run", "--data", s(&path)], "blank.csv:5:2: ");
    let (_dir, path) = fixture("cr.csv", "x,y\r1,2\r\r2,abc\r");
    fails_with(&["run", "--data", s(&path)], "cr.csv:4:2: ");
}

// ---------------------------------------------------------------- sweep and presets

#[test]
fn sweep_without_its_range_names_what_is_missing() {
    let err = fails_with(&["sweep", "--preset", "line"], "not provided: --lr-min <A>");
    assert!(err.contains("--lr-max <B>, --points <K>"), "{err}");
}

#[test]
fn sweep_min_above_max() {
    fails_with(
        &[
            "sweep", "--preset", "line", "--lr-min", "1", "--lr-max", "0.1", "--points", "3",
        ],
        "--lr-min",
    );
}

#[test]
fn sweep_zero_points() {
    fails_with(
        &[
            "sweep", "--preset", "line", "--lr-min", "0.01", "--lr-max", "0.1", "--points", "0",
        ],
        "--points",
    );
}

#[test]
fn sweep_lr_min_zero() {
    fails_with(
        &[
            "sweep", "--preset", "line", "--lr-min", "0", "--lr-max", "0.1", "--points", "3",
        ],
        "--lr-min",
    );
}

#[test]
fn presets_show_unknown() {
    fails_with(&["presets", "--show", "nosuch"], "nosuch");
}

// ---------------------------------------------------------------- other options

#[test]
fn batch_size_zero() {
    fails_with(
        &["run", "--preset", "line", "--batch-size", "0"],
        "--batch-size",
    );
}

#[test]
fn momentum_out_of_range() {
    fails_with(
        &[
            "run",
            "--preset",
            "line",
            "--optimizer",
            "momentum",
            "--momentum",
            "1.5",
        ],
        "--momentum",
    );
}

#[test]
fn beta2_of_one() {
    fails_with(
        &[
            "run",
            "--preset",
            "line",
            "--optimizer",
            "adam",
            "--beta2",
            "1",
        ],
        "--beta2",
    );
}

/// `--tolerance -1` as two words, the way the brief spells it.
#[test]
fn tolerance_negative() {
    fails_with(
        &["run", "--preset", "line", "--tolerance", "-1"],
        "--tolerance",
    );
}

#[test]
fn tolerance_negative_attached() {
    fails_with(
        &["run", "--preset", "line", "--tolerance=-1"],
        "--tolerance",
    );
}

// ---------------------------------------------------------------- clap's own errors

#[test]
fn clap_rejects_non_numeric_lr() {
    clap_rejects(&["run", "--preset", "line", "--lr", "abc"]);
}

#[test]
fn clap_rejects_unknown_flag() {
    clap_rejects(&["run", "--preset", "line", "--no-such-flag"]);
}

#[test]
fn clap_rejects_unknown_subcommand() {
    clap_rejects(&["walk"]);
}

#[test]
fn clap_rejects_sweep_without_range() {
    clap_rejects(&["sweep", "--preset", "line"]);
}

// ---------------------------------------------------------------- not an error

#[test]
fn divergence_is_not_an_error() {
    downhill()
        .args(["run", "--preset", "blowup"])
        .assert()
        .success()
        .stdout(predicate::str::contains("diverged"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn a_missing_target_among_inline_points_blames_target() {
    let err = fails_with(&["run", "--preset", "line", "--target", "q"], "--target: ");
    assert!(err.contains("`q`"), "{err}");
}

#[test]
fn bad_noise_and_n_blame_their_own_options() {
    fails_with(&["run", "--dataset", "line", "--noise", "-1"], "--noise: ");
    fails_with(&["run", "--dataset", "line", "--n", "0"], "--n: ");
}

#[test]
fn n_and_noise_without_a_synthetic_dataset_are_rejected() {
    fails_with(
        &["run", "--preset", "line", "--noise", "5"],
        "--noise: applies only to a synthetic --dataset",
    );
    fails_with(
        &["run", "--preset", "line", "--n", "5"],
        "--n: applies only",
    );
}

#[test]
fn one_sweep_point_needs_equal_ends() {
    fails_with(
        &[
            "sweep", "--preset", "line", "--lr-min", "0.1", "--lr-max", "1", "--points", "1",
        ],
        "--points 1",
    );
}

#[test]
fn clap_errors_are_one_line_too() {
    let output = downhill()
        .args(["run", "--lr", "abc"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.matches('\n').count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("--lr"),
        "{stderr:?}"
    );
}

#[test]
fn a_bad_schedule_is_explained() {
    fails_with(
        &["run", "--schedule", "cosine"],
        "--schedule: unknown schedule `cosine`",
    );
    fails_with(&["run", "--schedule", "step:0:0.5"], "--schedule: ");
}

#[test]
fn race_with_an_unknown_optimizer() {
    let stderr = fails_with(&["--race", "gd,x"], "--race: unknown optimizer `x`");
    assert!(stderr.contains("known: gd, momentum"), "{stderr}");
    fails_with(
        &["tui", "--preset", "ravine", "--race", "adam,sgd"],
        "--race: unknown optimizer `sgd`",
    );
}

#[test]
fn race_needs_two_different_optimizers() {
    fails_with(
        &["--race", "adam"],
        "--race: a race needs at least 2 optimizers",
    );
    fails_with(
        &["tui", "--race", "gd,adam,gd"],
        "--race: `gd` is listed twice",
    );
    fails_with(&["--race", ""], "--race: unknown optimizer ``");
}

#[test]
fn race_is_for_the_interactive_view_only() {
    clap_rejects(&["run", "--race", "gd,adam"]);
}

#[test]
fn a_zero_epsilon_is_refused_where_it_divides() {
    fails_with(
        &["run", "--optimizer", "adam", "--eps", "0"],
        "--eps: must be a positive finite number",
    );
}

#[test]
fn colour_choices_are_checked_and_belong_to_the_interactive_view() {
    fails_with(&["--color", "8"], "--color");
    clap_rejects(&["run", "--color", "256"]);
    // A good choice passes the options: it then fails only for want of a terminal.
    fails_with(&["--color", "256"], "not a terminal");
    fails_with(&["tui", "--color", "never"], "not a terminal");
    fails_with(&["--theme", "blue"], "--theme");
    fails_with(&["--theme", "light"], "not a terminal");
}

#[test]
fn a_scenario_files_theme_is_dark_or_light() {
    let (_dir, path) = fixture("blue.toml", "preset = \"line\"\ntheme = \"blue\"\n");
    fails_with(&["run", "--scenario", s(&path)], "theme");
    let (_dir, light) = fixture(
        "light.toml",
        "preset = \"line\"\nsteps = 2\ntheme = \"light\"\n",
    );
    downhill()
        .args(["run", "--scenario", s(&light)])
        .assert()
        .success();
    // The interactive view takes it (and only then needs a terminal).
    fails_with(&["--scenario", s(&light)], "not a terminal");
}

#[test]
fn bad_networks_are_refused_in_one_line() {
    for (args, fragment) in [
        (&["--model", "mlp:0"][..], "not a whole number ≥ 1"),
        (&["--model", "mlp:3,,2"][..], "not a whole number ≥ 1"),
        (
            &["--model", "mlp:1,1,1,1,1,1,1,1,1"][..],
            "at most 8 hidden layers",
        ),
        (&["--model", "mlp:200,200"][..], "at most 10001"),
        (
            &["--model", "mlp:3", "--activation", "gelu"][..],
            "unknown activation `gelu`",
        ),
        (
            &["--model", "mlp:3", "--init", "W1[9,9]=1"][..],
            "no parameter `W1[9,9]`",
        ),
        (
            &["--model", "mlp:3", "--freeze", "W1[1,3]"][..],
            "no parameter `W1[1,3]`",
        ),
    ] {
        let mut all = vec!["run", "--dataset", "plane", "--steps", "1"];
        all.extend_from_slice(args);
        fails_with(&all, fragment);
    }
}

#[test]
fn bad_planes_and_caption_variants_are_refused_in_one_line() {
    for (args, fragment) in [
        (
            &["--plane", "flat"][..],
            "--plane: must be params:NAME,NAME, random[:SEED] or pca, got `flat`",
        ),
        (
            &["--plane", "params:w"][..],
            "two different parameter names",
        ),
        (&["--plane", "params:w,q"][..], "no parameter `q`"),
        (&["--plane", "random:x"][..], "a seed is a whole number"),
    ] {
        let mut all = vec!["run", "--dataset", "line", "--steps", "1"];
        all.extend_from_slice(args);
        fails_with(&all, fragment);
    }
    let (_dir, path) = fixture(
        "variant.toml",
        "dataset = \"line\"\ncaption = \"x\"\n[[caption-also]]\nmodel = \"mlp:zero\"\n",
    );
    fails_with(&["run", "--scenario", s(&path)], "caption-also");
}

#[test]
fn bad_weight_decay_and_too_long_races_are_refused_in_one_line() {
    fails_with(
        &["run", "--optimizer", "adamw", "--weight-decay", "-1"],
        "--weight-decay: must be a finite number ≥ 0, got -1",
    );
    fails_with(
        &["--race", "gd,momentum,nesterov,adagrad,rmsprop,adam,adamw"],
        "a race takes at most 6 optimizers (got 7)",
    );
}

#[test]
fn bad_penalties_are_refused_in_one_line() {
    fails_with(
        &["run", "--l2", "-0.5"],
        "--l2: must be a finite number ≥ 0, got -0.5",
    );
    fails_with(&["run", "--l1", "inf"], "--l1: must be a finite number ≥ 0");
}

#[test]
fn bad_scalings_are_refused_in_one_line() {
    fails_with(
        &["run", "--scale", "minmax"],
        "--scale: unknown scale `minmax` (known: raw, center, standardize)",
    );
    // One row has no spread: standardising would divide by 0.
    fails_with(
        &["run", "--preset", "blowup", "--scale", "standardize"],
        "--scale: feature `x1` has one value over 1 row: its standard deviation is 0",
    );
    let (_dir, path) = fixture("constant.csv", "x,y\n2,1\n2,3\n2,5\n");
    fails_with(
        &["run", "--data", s(&path), "--scale", "standardize"],
        "feature `x` has one value over 3 rows",
    );
}

#[test]
fn bad_test_sets_are_refused_in_one_line() {
    fails_with(
        &["run", "--test-fraction", "1.5"],
        "--test-fraction: must be a number from 0 (none) to below 1, got 1.5",
    );
    fails_with(
        &["run", "--preset", "blowup", "--test-fraction", "0.5"],
        "--test-fraction: a test fraction of 0.5 of 1 row leaves 1 for testing and 0 for training",
    );
    let (_dir, path) = fixture("other.csv", "z,y\n1,2\n");
    fails_with(
        &["run", "--test", s(&path)],
        "--test: the test rows have feature columns z, but the training rows have x",
    );
    fails_with(
        &["run", "--test", s(&path), "--test-fraction", "0.5"],
        "give --test-fraction or --test, not both",
    );
}

#[test]
fn a_surface_refuses_options_about_data() {
    fails_with(
        &["run", "--surface", "sphere"],
        "--surface: unknown surface `sphere` (known: rosenbrock, himmelblau",
    );
    fails_with(
        &["run", "--surface", "himmelblau", "--model", "linear"],
        "--model: does not apply to a --surface, which trains x and y on the function itself",
    );
    fails_with(
        &["run", "--surface", "quadratic:0.5"],
        "`quadratic:0.5`: K must be a number from 1 to 1000000",
    );
}
