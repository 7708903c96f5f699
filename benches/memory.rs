//! Peak memory of the interactive view over long play: the app is built as the tests
//! build it, set to its fastest play speed (5,000 updates a second), and played through
//! its real `update` with the `Action::Advance` ticks the event loop's pacer sends, with
//! a frame drawn into ratatui's `TestBackend` once per second of play. No terminal.
//!
//! Each scenario runs in a fresh child process (this program again, with
//! `--scenario NAME`), so that each peak resident size (`VmHWM`) is its own.
//!
//! `cargo bench --bench memory` plays 1,000,000 updates in each scenario;
//! `DOWNHILL_MEMORY_UPDATES=18000000 cargo bench --bench memory -- intro race` plays an
//! hour's worth (18,000,000 at 5,000 a second) in the scenarios named.

use std::process::{Command, ExitCode};
use std::time::Instant;

use downhill::app::{Action, App, SPEEDS, update};
use downhill::engine::{OPTIMIZERS, Status};
use downhill::testing::{command, deliver_screen_slice, lesson};
use downhill::tui::dispatch;
use downhill::ui::{self, ColorMode, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Updates played per scenario unless `DOWNHILL_MEMORY_UPDATES` says otherwise.
const DEFAULT_UPDATES: usize = 1_000_000;

/// The environment variable that sets the number of updates.
const UPDATES_VAR: &str = "DOWNHILL_MEMORY_UPDATES";

/// The argument that makes this program a child playing one scenario.
const CHILD_FLAG: &str = "--scenario";

/// What a child prints before its result, so the parent finds it among other output.
const RESULT_TAG: &str = "memory-result";

/// Every scenario, in the order they run when none is named.
const SCENARIOS: [&str; 3] = ["intro", "wiggle", "race"];

/// Ticks of the event loop per second: it draws at most 60 frames a second.
const FRAMES_PER_SECOND: f64 = 60.0;

/// The screen drawn, a common terminal size.
const SCREEN: (u16, u16) = (120, 40);

/// What one child measured.
struct Report {
    name: String,
    /// Updates asked of the clock (each racer takes each one).
    played: usize,
    /// Lowest and highest step any racer reached.
    steps: (usize, usize),
    racers: usize,
    /// Racers still running at the end.
    running: usize,
    seconds: f64,
    frames: usize,
    /// Resident size after setting up, half-way, and at the end, and the peak (kB).
    rss_start: u64,
    rss_half: u64,
    rss_end: u64,
    peak: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == CHILD_FLAG) {
        let name = args.get(at + 1).expect("--scenario needs a name");
        let report = play(name, updates());
        println!("{RESULT_TAG} {}", report.to_line());
        return ExitCode::SUCCESS;
    }
    // `cargo bench` adds `--bench`; any other word names a scenario to run.
    let named: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let chosen = if named.is_empty() {
        SCENARIOS.to_vec()
    } else {
        named
    };
    if let Some(unknown) = chosen.iter().find(|n| !SCENARIOS.contains(n)) {
        eprintln!("no scenario {unknown} (known: {})", SCENARIOS.join(", "));
        return ExitCode::FAILURE;
    }
    run_children(&chosen)
}

/// Runs each scenario in its own process and prints the table; fails when a child
/// failed or a run stopped before playing every update.
fn run_children(chosen: &[&str]) -> ExitCode {
    let updates = updates();
    println!("playing {updates} updates per scenario at 5,000 updates/s, one process each");
    let exe = std::env::current_exe().expect("the path of this program");
    let mut reports = Vec::new();
    let mut failed = false;
    for name in chosen {
        let output = Command::new(&exe)
            .args([CHILD_FLAG, name])
            .output()
            .expect("a child process");
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find_map(|l| l.strip_prefix(RESULT_TAG))
            .filter(|_| output.status.success());
        match line.map(Report::from_line) {
            Some(report) => {
                println!("{}", report.row());
                failed |= report.played < updates || report.steps.0 < updates;
                reports.push(report);
            }
            None => {
                eprintln!("{name}: the child failed ({})", output.status);
                failed = true;
            }
        }
    }
    print_table(&reports);
    if failed {
        eprintln!("some scenario did not play every update (see `reached`)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `DOWNHILL_MEMORY_UPDATES`, with `_` or `,` allowed between digits; 1,000,000 when unset.
fn updates() -> usize {
    match std::env::var(UPDATES_VAR) {
        Ok(text) => text
            .replace(['_', ','], "")
            .parse()
            .unwrap_or_else(|_| panic!("{UPDATES_VAR} must be a count, got {text:?}")),
        Err(_) => DEFAULT_UPDATES,
    }
}

/// The app for scenario `name`, with the tolerance at 0 so no run comes to rest and play
/// goes on for as long as asked (as in a lecture left playing).
fn setup(name: &str) -> App {
    let mut app = match name {
        "intro" | "wiggle" => lesson(name),
        "race" => lesson("ravine"),
        other => panic!("no scenario {other}"),
    };
    command(&mut app, "tolerance 0");
    if name == "race" {
        // The lesson's η = 0.0095 is past nesterov's limit (about 1.36/λmax against gd's
        // 2/λmax), and a racer that blows up stops and holds fewer states; at 0.005 all
        // six keep running.
        command(&mut app, "lr 0.005");
        // What `downhill --preset ravine --lr 0.005 --tolerance 0 --race
        // gd,momentum,nesterov,adagrad,rmsprop,adam` opens: the settings above are every
        // racer's.
        app.open_race(&OPTIMIZERS).expect("a six-way race");
    }
    assert!(
        app.racers().all(|t| t.config().tolerance == 0.0),
        "every racer has tolerance 0"
    );
    assert_eq!(app.racers().count(), if name == "race" { 6 } else { 1 });
    app
}

/// Plays `updates` updates of scenario `name` as the event loop would at top speed.
fn play(name: &str, updates: usize) -> Report {
    let theme = Theme {
        mode: ColorMode::Rgb,
        light: false,
    };
    let (width, height) = SCREEN;
    let mut app = setup(name);
    // The worker's slice, so frames draw the heatmap; later slices would replace it.
    deliver_screen_slice(&mut app, Rect::new(0, 0, width, height), &theme);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test screen");
    // `.` pressed until play is at its top speed (it stops there).
    for _ in 1..SPEEDS.len() {
        update(&mut app, Action::Faster);
    }
    assert_eq!(app.updates_per_second(), SPEEDS[SPEEDS.len() - 1]);
    update(&mut app, Action::TogglePlay);
    assert!(app.playing(), "{name} plays");
    let rss_start = status_kb("VmRSS");
    // The pacer's clock at 60 ticks a second: 83 or 84 updates a tick at 5,000/s.
    let per_tick = app.updates_per_second() / FRAMES_PER_SECOND;
    let ticks_per_frame = FRAMES_PER_SECOND as usize;
    let (mut owed, mut played, mut ticks, mut frames) = (0.0, 0, 0, 0);
    let mut rss_half = None;
    let started = Instant::now();
    while played < updates && app.playing() {
        owed += per_tick;
        let due = (owed.floor() as usize).min(updates - played);
        owed -= due as f64;
        dispatch(&mut app, Action::Advance(due));
        played += due;
        ticks += 1;
        // Drawing only borrows the app, so nothing it allocates outlives the frame: one
        // frame a second (not the loop's 60) keeps an hour's play short yet counts a
        // frame's own memory in the peak.
        if ticks % ticks_per_frame == 0 {
            terminal
                .draw(|f| ui::render(&app, &theme, f))
                .expect("a frame");
            frames += 1;
        }
        if rss_half.is_none() && played >= updates / 2 {
            rss_half = Some(status_kb("VmRSS"));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    name_stopped(name, &app);
    let steps: Vec<usize> = app.racers().map(|t| t.current().step).collect();
    Report {
        name: name.to_string(),
        played,
        steps: (
            steps.iter().copied().min().unwrap_or(0),
            steps.iter().copied().max().unwrap_or(0),
        ),
        racers: steps.len(),
        running: app
            .racers()
            .filter(|t| t.current().status == Status::Running)
            .count(),
        seconds,
        frames,
        rss_start,
        rss_half: rss_half.unwrap_or(0),
        rss_end: status_kb("VmRSS"),
        peak: status_kb("VmHWM"),
    }
}

/// Names each racer of `app` that stopped: it holds fewer states than a long run's, so
/// its figure is not one.
fn name_stopped(name: &str, app: &App) {
    for t in app.racers() {
        let now = t.current();
        if now.status != Status::Running {
            let kind = t.config().optimizer.kind;
            eprintln!(
                "{name}: {kind} stopped at step {}, {:?}",
                now.step, now.status
            );
        }
    }
}

/// A field of `/proc/self/status` given in kB, such as `VmHWM` (peak resident size).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

impl Report {
    /// The report as one line of space-separated fields, for the parent.
    fn to_line(&self) -> String {
        format!(
            "{} {} {} {} {} {} {} {} {} {} {} {}",
            self.name,
            self.played,
            self.steps.0,
            self.steps.1,
            self.racers,
            self.running,
            self.seconds,
            self.frames,
            self.rss_start,
            self.rss_half,
            self.rss_end,
            self.peak
        )
    }

    /// The report a child's [`Report::to_line`] printed.
    fn from_line(line: &str) -> Report {
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f.len(), 12, "a child's result line: {line}");
        let n = |i: usize| -> u64 { f[i].parse().expect("a count") };
        Report {
            name: f[0].to_string(),
            played: n(1) as usize,
            steps: (n(2) as usize, n(3) as usize),
            racers: n(4) as usize,
            running: n(5) as usize,
            seconds: f[6].parse().expect("seconds"),
            frames: n(7) as usize,
            rss_start: n(8),
            rss_half: n(9),
            rss_end: n(10),
            peak: n(11),
        }
    }

    /// One row of the table.
    fn row(&self) -> String {
        let reached = if self.steps.0 == self.steps.1 {
            self.steps.0.to_string()
        } else {
            format!("{}–{}", self.steps.0, self.steps.1)
        };
        format!(
            "{:<8} {:>11} {:>11} {:>7} {:>8.1} {:>10.0} {:>7} {:>9} {:>9} {:>9} {:>9}",
            self.name,
            self.played,
            reached,
            format!("{}/{}", self.running, self.racers),
            self.seconds,
            self.played as f64 / self.seconds,
            self.frames,
            self.rss_start,
            self.rss_half,
            self.rss_end,
            self.peak
        )
    }
}

/// The table of every report, under its header.
fn print_table(reports: &[Report]) {
    println!();
    println!(
        "{:<8} {:>11} {:>11} {:>7} {:>8} {:>10} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "scenario",
        "updates",
        "reached",
        "running",
        "wall s",
        "updates/s",
        "frames",
        "start kB",
        "half kB",
        "RSS kB",
        "peak kB"
    );
    for r in reports {
        println!("{}", r.row());
    }
}
