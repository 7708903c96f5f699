//! `downhill run` streams: a reader that stops early ends the run at once, and memory
//! stays flat however many steps are asked for. On the real binary, with deadlines, so
//! that a run that would not stop fails the test instead of stalling it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// `downhill run` on a line fit that never stops before `steps`: with no tolerance it
/// can neither converge nor stall, and its η is far below 2/λmax.
fn endless_run(steps: &str, format: &str, stdout: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_downhill"))
        .env("LC_ALL", "C")
        .args(["run", "--preset", "line", "--tolerance", "0"])
        .args(["--steps", steps, "--format", format])
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn downhill")
}

/// Waits for `child` to exit, calling `watch` with its pid every 50 ms; kills it and
/// fails the test once `deadline` has passed.
fn wait_within(child: &mut Child, deadline: Duration, mut watch: impl FnMut(u32)) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for downhill") {
            return status;
        }
        watch(child.id());
        if start.elapsed() > deadline {
            child.kill().expect("kill a run that did not stop");
            let _ = child.wait();
            panic!("downhill still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_run_at_once() {
    // Three million rows would take minutes to write; the run must stop within a
    // buffer's worth of rows of the reader leaving.
    let mut child = endless_run("3000000", "csv", Stdio::piped());
    {
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        for expected in ["step,epoch,loss,", "0,0,", "1,1,"] {
            line.clear();
            reader.read_line(&mut line).expect("read a row");
            assert!(line.starts_with(expected), "{line:?}");
        }
        // Dropping the reader closes our end of the pipe.
    }
    let status = wait_within(&mut child, Duration::from_secs(10), |_| {});
    let stderr = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The peak resident size of process `pid` so far, in kB (`VmHWM`), if it still runs.
#[cfg(target_os = "linux")]
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[cfg(target_os = "linux")]
fn a_long_run_keeps_its_memory_flat() {
    // Before the rows were streamed, this run kept every state and the whole text:
    // about 700 B a step, 350 MB here. Half a million steps take about 13 s in a debug
    // build (two passes); the deadline leaves room for a busy machine.
    let mut child = endless_run("500000", "json", Stdio::null());
    let mut peak = 0;
    let status = wait_within(&mut child, Duration::from_secs(120), |pid| {
        peak = peak.max(peak_rss_kb(pid).unwrap_or(0));
    });
    let stderr = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert!(status.success(), "{stderr}");
    assert!(peak > 0, "no sample of the running process");
    assert!(peak < 64 * 1024, "peak RSS {peak} kB");
}
