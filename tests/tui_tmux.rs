//! End to end: the real binary in a real terminal (tmux), driven by key presses.
//!
//! Needs `tmux` on the PATH; `.ci/run` installs it when missing.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A private tmux server with one session running a shell command.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let socket = format!("downhill-test-{}-{name}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                command,
            ])
            .status()
            .expect("tmux must be installed to run this test (.ci/run installs it)");
        assert!(status.success(), "tmux could not start");
        tmux
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = self.cmd(&["send-keys", "-t", "t", key]).status().unwrap();
            assert!(status.success());
            sleep(Duration::from_millis(60));
        }
    }

    /// The screen with its colours, as escape sequences.
    /// Sends `signal` (a name: TERM, HUP, …) to the downhill the pane's shell runs.
    fn signal(&self, signal: &str) {
        let out = self
            .cmd(&["list-panes", "-t", "t", "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let pid = child_named(&shell, "downhill").expect("downhill under the pane's shell");
        // The shell's own kill, so that the test needs no process tools.
        let status = Command::new("sh")
            .args(["-c", &format!("kill -{signal} {pid}")])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen_with_colours(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-e", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`, or fails showing the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if started.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

/// The step number shown in the status line, which starts ` step 12 ·`.
fn step_on(screen: &str) -> Option<usize> {
    let line = screen.lines().find(|l| l.starts_with(" step "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// True once the pane shows downhill's exit status and both `stty` lines after it; the
/// status is printed first, so waiting for it alone can read the screen too early.
fn exit_reported(screen: &str) -> bool {
    let lines: Vec<&str> = screen.lines().map(str::trim).collect();
    let shown = |a: &str, b: &str| lines.contains(&a) || lines.contains(&b);
    screen.contains("EXIT=") && shown("icanon", "-icanon") && shown("echo", "-echo")
}

fn downhill_then_report(args: &str) -> String {
    // After downhill exits, show its status and whether the tty is back in cooked mode.
    format!(
        "LC_ALL=C {} {args}; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo; sleep 60",
        env!("CARGO_BIN_EXE_downhill")
    )
}

#[test]
fn step_play_blow_up_step_back_and_quit() {
    let t = Tmux::start("main", 100, 30, &downhill_then_report("--preset intro"));
    t.wait_for("the landscape panel", |s| {
        s.contains("loss landscape") && s.contains("step 0 ")
    });

    t.keys(&["Space"]);
    t.wait_for("one update", |s| step_on(s) == Some(1));

    t.keys(&["p"]);
    t.wait_for("play", |s| s.contains("playing"));
    t.wait_for("a few updates", |s| step_on(s).is_some_and(|k| k >= 3));
    t.keys(&["p"]);
    t.wait_for("pause", |s| s.contains("paused") || s.contains("converged"));

    // η from 0.1 to 0.8: past η_crit ≈ 0.35, so training blows up.
    t.keys(&["+", "+", "+"]);
    t.wait_for("η past the limit", |s| {
        s.contains("η = 0.8 (past the limit)")
    });
    t.keys(&["p"]);
    let blown = t.wait_for("the divergence banner", |s| s.contains("DIVERGED at step"));
    assert!(blown.contains("press u"), "{blown}");
    assert!(!blown.to_lowercase().contains("nan "), "{blown}");
    let k = step_on(&blown).expect("a step number");

    t.keys(&["BSpace"]);
    let back = t.wait_for("one step back", |s| step_on(s) == Some(k - 1));
    assert!(!back.contains("DIVERGED at step"), "{back}");

    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
    assert!(
        !after.contains("loss landscape"),
        "the alternate screen was left:\n{after}"
    );
    let lines: Vec<&str> = after.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"icanon") && lines.contains(&"echo"),
        "the terminal was not restored:\n{after}"
    );
}

/// The pid of the process named `name` whose parent is `parent`, read from /proc.
fn child_named(parent: &str, name: &str) -> Option<String> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // pid (comm) state ppid …; comm may hold spaces, so split after its ')'.
            let (head, tail) = stat.rsplit_once(')')?;
            let comm = head.split_once('(')?.1;
            let ppid = tail.split_whitespace().nth(1)?;
            (comm == name && ppid == parent)
                .then(|| entry.file_name().to_string_lossy().into_owned())
        })
}

/// A paste of 4 KB onto the command line, Enter included, applies without another key.
#[test]
fn a_long_paste_applies_at_once() {
    let t = Tmux::start("paste", 100, 30, &downhill_then_report("--preset intro"));
    t.wait_for("the landscape panel", |s| s.contains("loss landscape"));
    t.keys(&[":"]);
    t.wait_for("the command line", |s| s.contains("Enter runs"));
    // One write: the command, 4,000 spaces inside it, and the Enter that runs it.
    let paste = format!("set w=1{}b=2\r", " ".repeat(4000));
    let status = t
        .cmd(&["send-keys", "-t", "t", "-l", &paste])
        .status()
        .unwrap();
    assert!(status.success());
    t.wait_for("the command's answer", |s| {
        s.contains("restarted from w=1 b=2")
    });
    t.keys(&["q"]);
}

/// `:load` of a FIFO with no writer, or of /dev/zero, is refused at once: the screen
/// keeps answering keys, and q still quits.
#[test]
fn loading_a_fifo_or_a_device_keeps_the_screen_answering() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let t = Tmux::start("fifo", 100, 30, &downhill_then_report("--preset intro"));
    t.wait_for("the landscape panel", |s| s.contains("loss landscape"));
    for (path, says) in [
        (fifo.to_str().unwrap(), "a FIFO (named pipe)"),
        ("/dev/zero", "/dev/zero: a device"),
    ] {
        t.keys(&[":"]);
        t.wait_for("the command line", |s| s.contains("Enter runs"));
        let typed = format!("load {path}\r");
        let status = t
            .cmd(&["send-keys", "-t", "t", "-l", &typed])
            .status()
            .unwrap();
        assert!(status.success());
        t.wait_for("the refusal", |s| s.contains(says));
        t.keys(&["Escape"]);
    }
    t.keys(&["Space"]);
    t.wait_for("one update", |s| step_on(s) == Some(1));
    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
}

/// TERM, HUP and USR1 from outside end the view with the terminal restored, and the exit
/// status says which signal (128 + its number).
#[test]
fn a_signal_restores_the_terminal() {
    for (signal, number) in [
        ("TERM", 15),
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("USR1", 10),
    ] {
        let t = Tmux::start(
            &format!("signal-{signal}"),
            80,
            24,
            &downhill_then_report("--preset intro"),
        );
        t.wait_for("the landscape panel", |s| s.contains("loss landscape"));
        t.signal(signal);
        let after = t.wait_for("the exit report", exit_reported);
        assert!(
            after.contains(&format!("EXIT={}", 128 + number)),
            "{signal}: {after}"
        );
        assert!(
            !after.contains("loss landscape"),
            "{signal}: left the alternate screen:\n{after}"
        );
        let lines: Vec<&str> = after.lines().map(str::trim).collect();
        assert!(
            lines.contains(&"icanon") && lines.contains(&"echo"),
            "{signal}: the terminal was not restored:\n{after}"
        );
    }
}

/// The classroom sequence: converge, push η past the limit, watch it blow up, rewind.
#[test]
fn the_classroom_blowup_works_after_converging() {
    let t = Tmux::start("class", 100, 30, &downhill_then_report("--preset intro"));
    t.wait_for("the landscape panel", |s| {
        s.contains("loss landscape") && s.contains("step 0 ")
    });
    // Faster play (10 → 100 updates a second) so the run converges in about a second.
    t.keys(&[".", ".", ".", "p"]);
    let rested = t.wait_for("convergence", |s| s.contains("✓ converged"));
    let k = step_on(&rested).expect("a step number");

    // A point at rest with η = 0.8 > η_crit ≈ 0.35: play resumes by itself, and each
    // update multiplies the distance from the minimum by |1 − 0.8·λmax| ≈ 3.6. One
    // command sets it at once, so no update runs at an η in between, however slow the
    // machine (three + presses would let play run at η = 0.4 between them).
    t.keys(&[":", "l", "r", " ", "0", ".", "8", "Enter"]);
    let blown = t.wait_for("the divergence banner", |s| s.contains("DIVERGED at step"));
    assert!(!blown.contains("✓"), "{blown}");
    let d = step_on(&blown).expect("a step number");
    assert!(d > k && d - k <= 40, "rested at {k}, diverged at {d}");

    t.keys(&["u"]);
    t.wait_for("the rewind notice", |s| s.contains("rewound; η halved"));
    t.keys(&["p"]);
    let calm = t.wait_for("convergence again", |s| s.contains("✓ converged"));
    assert!(calm.contains("(safe)"), "{calm}");

    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn small_terminal_shows_a_message_and_resizing_recovers() {
    let t = Tmux::start("small", 50, 12, &downhill_then_report("--preset blowup"));
    t.wait_for("the too-small message", |s| {
        s.contains("needs a terminal of at least")
    });
    t.cmd(&["resize-window", "-t", "t", "-x", "80", "-y", "24"])
        .status()
        .unwrap();
    t.wait_for("the full layout at 80×24", |s| {
        s.contains("loss landscape") && s.contains("step 0")
    });
    // The caption does not fit at 80×24: PgDn pages through it to its end.
    t.keys(&["NPage"; 10]);
    t.wait_for("the caption's end", |s| {
        s.contains("↑ PgUp") && !s.contains("more ↓")
    });
    t.keys(&["?"]);
    t.wait_for("the help overlay", |s| s.contains("help — ? closes"));
    t.keys(&["?", "Escape"]);
    // Esc with nothing open never quits: it says how to.
    t.wait_for("the how-to-quit notice", |s| {
        s.contains("nothing to close: q quits")
    });
    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn command_line_sets_values_exports_and_saves_a_reproducible_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    let command = format!("cd {folder} && {}", downhill_then_report("--preset intro"));
    let t = Tmux::start("command", 100, 30, &command);
    t.wait_for("the landscape panel", |s| {
        s.contains("loss landscape") && s.contains("step 0 ")
    });

    t.keys(&[":", "l", "r", " ", "0", ".", "0", "5", "Enter"]);
    t.wait_for("the new η", |s| s.contains("η = 0.05 (safe)"));

    // Tab completes the command name; an unknown name is refused on the line.
    t.keys(&[":", "o", "p", "Tab", "s", "g", "d", "Enter"]);
    let refused = t.wait_for("the refusal", |s| s.contains("unknown optimizer `sgd`"));
    assert!(refused.contains(":optimizer sgd"), "{refused}");
    t.keys(&["Escape"]);

    t.keys(&[":", "s", "t", "e", "p", "s", " ", "2", "0", "Enter"]);
    t.wait_for("twenty updates", |s| step_on(s) == Some(20));

    t.keys(&["x"]);
    t.wait_for("the export notice", |s| {
        s.contains("wrote ") && s.contains("downhill-intro-step20.csv")
    });
    t.keys(&[
        ":", "s", "a", "v", "e", " ", "s", ".", "t", "o", "m", "l", "Enter",
    ]);
    t.wait_for("the save notice", |s| s.contains("s.toml"));
    t.keys(&["q"]);
    t.wait_for("the exit report", |s| s.contains("EXIT=0"));

    let exported = std::fs::read_to_string(dir.path().join("downhill-intro-step20.csv")).unwrap();
    assert_eq!(exported.lines().count(), 22);
    let again = Command::new(env!("CARGO_BIN_EXE_downhill"))
        .env("LC_ALL", "C")
        .args(["run", "--scenario"])
        .arg(dir.path().join("s.toml"))
        .args(["--steps", "20", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        exported,
        "the saved scenario reproduces the screen"
    );
}

#[test]
fn a_256_colour_terminal_gets_the_256_colour_ramp() {
    // What an SSH session usually has: TERM says 256 colours, COLORTERM is not passed on.
    let command = format!(
        "env -u COLORTERM -u NO_COLOR TERM=xterm-256color LC_ALL=C {} --preset intro; sleep 60",
        env!("CARGO_BIN_EXE_downhill")
    );
    let t = Tmux::start("c256", 100, 30, &command);
    t.wait_for("the landscape panel", |s| s.contains("loss landscape"));
    // The heatmap arrives from the worker: wait for its legend, then read the colours.
    t.wait_for("the legend", |s| s.contains("■ "));
    let coloured = t.screen_with_colours();
    let indexed = coloured.matches("8;5;").count();
    assert!(indexed > 50, "256-colour cells ({indexed}) in:\n{coloured}");
    assert!(
        !coloured.contains("8;2;"),
        "no 24-bit colour without COLORTERM"
    );
    t.keys(&["q"]);
}

/// SIGTERM while `x` writes a long trajectory: the view ends at once, restored, and no
/// hidden temporary file is left behind (the trajectory is either whole or absent).
#[test]
fn a_signal_during_an_export_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "cd {} && {}",
        dir.path().display(),
        downhill_then_report("--preset intro --tolerance 0")
    );
    let t = Tmux::start("export-signal", 100, 30, &command);
    t.wait_for("the landscape panel", |s| s.contains("loss landscape"));
    t.keys(&[":"]);
    let status = t
        .cmd(&["send-keys", "-t", "t", "-l", "steps 200000\r"])
        .status()
        .unwrap();
    assert!(status.success());
    t.wait_for("200,000 updates", |s| s.contains("done: at step 200000"));
    t.keys(&["x"]);
    t.signal("TERM");
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=143"), "{after}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "a temporary file was left: {names:?}"
    );
    for name in names.iter().filter(|n| n.ends_with(".csv")) {
        let rows = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(rows.lines().count(), 200_002, "a file in place is whole");
    }
}

/// A Hessian too dear for a frame (49 parameters on 100,000 rows) is computed in the
/// background: the screen says so, and keeps answering keys meanwhile.
#[test]
fn a_dear_hessian_leaves_the_screen_answering() {
    let t = Tmux::start(
        "dear",
        100,
        30,
        &downhill_then_report("--dataset wiggle --n 100000 --model sigmoids:16"),
    );
    t.wait_for("λmax asked of the background", |s| {
        s.contains("λmax: computing…") && s.contains("limit being computed")
    });
    t.keys(&["Space"]);
    t.wait_for("one update while λmax is computed", |s| {
        step_on(s) == Some(1)
    });
    t.keys(&["?"]);
    t.wait_for("the help", |s| s.contains("help — ? closes"));
    t.keys(&["Escape", "q"]);
    t.wait_for("the exit report", exit_reported);
}

#[test]
fn s_standardises_the_scaling_lesson_and_eta_one_then_converges() {
    let t = Tmux::start("scale", 100, 30, &downhill_then_report("--preset scaling"));
    t.wait_for("the landscape panel", |s| {
        s.contains("loss landscape") && s.contains("step 0 ")
    });
    t.keys(&[" "]);
    t.wait_for("the blowup", |s| s.contains("DIVERGED at step 1"));
    t.keys(&["S"]);
    let centred = t.wait_for("centred features", |s| s.contains("centred x ·"));
    assert!(
        centred.contains("centred: η_crit 0.000485 → 0.133, κ 1.92e6 → 15"),
        "{centred}"
    );
    assert_eq!(step_on(&centred), Some(0), "trained again from the start");
    t.keys(&["S", "p"]);
    let done = t.wait_for("convergence", |s| s.contains("✓ converged"));
    assert!(
        done.contains("standardised: η_crit 0.000485 → 1.72, κ 1.92e6 → 1.39"),
        "{done}"
    );
    assert_eq!(step_on(&done), Some(9));
    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn t_shows_the_test_loss_landscape_of_overfit_and_back() {
    let t = Tmux::start("test", 120, 36, &downhill_then_report("--preset overfit"));
    t.wait_for("the first screen", |s| {
        s.contains("random directions until") && s.contains("step 0 ")
    });
    t.keys(&[":", "s", "t", "e", "p", "s", " ", "7", "0", "0", "Enter"]);
    let trained = t.wait_for("700 updates", |s| step_on(s) == Some(700));
    assert!(
        trained.contains("lowest test 0.0599571 at step 612"),
        "{trained}"
    );
    t.keys(&["t"]);
    t.wait_for("the test loss's landscape", |s| s.contains("┌ test loss"));
    t.keys(&["t"]);
    t.wait_for("the training loss again", |s| {
        s.contains("the landscape shows the training loss") && !s.contains("┌ test loss")
    });
    t.keys(&["q"]);
    let after = t.wait_for("the exit report", exit_reported);
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn capital_x_writes_the_screen_as_it_is_to_a_new_svg() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    let command = format!("cd {folder} && {}", downhill_then_report("--preset ravine"));
    let t = Tmux::start("screen-svg", 100, 30, &command);
    t.wait_for("the landscape panel", |s| {
        s.contains("loss landscape") && s.contains("step 0 ")
    });
    t.keys(&["Space", "Space", "Space"]);
    t.wait_for("three updates", |s| step_on(s) == Some(3));
    t.keys(&["X"]);
    t.wait_for("the notice", |s| {
        s.contains("downhill-ravine-step3.svg") && s.contains("the screen as SVG")
    });
    // Again: a new name, never the old file replaced.
    t.keys(&["X"]);
    t.wait_for("the second notice", |s| {
        s.contains("downhill-ravine-step3-2.svg")
    });
    t.keys(&["q"]);
    t.wait_for("the exit report", |s| s.contains("EXIT=0"));

    let svg = std::fs::read_to_string(dir.path().join("downhill-ravine-step3.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    // A 100 × 30 terminal at 9 × 18 pixels a cell.
    assert_eq!(root.attribute("width"), Some("900"));
    assert_eq!(root.attribute("height"), Some("540"));
    let words: String = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for shown in ["loss landscape", "step 3", "ravine", "η_crit"] {
        assert!(words.contains(shown), "the SVG lacks {shown:?}: {words}");
    }
}

#[test]
fn predict_mode_asks_takes_the_update_on_the_answer_and_keeps_score() {
    let t = Tmux::start(
        "predict",
        100,
        30,
        &downhill_then_report("--preset doubling --predict"),
    );
    t.wait_for("predict mode", |s| s.contains("predict · score 0/0"));
    t.keys(&["Space"]);
    t.wait_for("the lesson's question", |s| {
        s.contains("where will w be after the first")
    });
    assert_eq!(step_on(&t.screen()), Some(0), "asked, not yet stepped");
    t.keys(&["0", ".", "0", "9", "3", "3", "Enter"]);
    let revealed = t.wait_for("the reveal", |s| s.contains("score 1/1"));
    assert!(revealed.contains("✓ right: you said 0.0933"), "{revealed}");
    assert_eq!(step_on(&revealed), Some(1));
    // A drawn question next; a wrong answer counts against the score.
    t.keys(&["Space"]);
    t.wait_for("the next question", |s| {
        s.contains("Where will w be after this update?")
    });
    t.keys(&["9", "Enter"]);
    t.wait_for("the second reveal", |s| {
        s.contains("score 1/2") && s.contains("✗ wrong")
    });
    t.keys(&["r"]);
    t.wait_for("a fresh score", |s| {
        s.contains("score 0/0") && step_on(s) == Some(0)
    });
    t.keys(&["q"]);
    t.wait_for("the exit report", exit_reported);
}
