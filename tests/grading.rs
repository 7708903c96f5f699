//! `downhill run --answers`: a student's answers to a lesson's questions, graded by the
//! real binary; bad answer files refused in one line.

use std::path::Path;

mod common;

use assert_cmd::Command;
use common::english;

fn downhill() -> Command {
    english(
        Command::cargo_bin("downhill").expect("the downhill binary is built for integration tests"),
    )
}

/// `downhill ARGS` with a file of `answers`: exit status, stdout, stderr.
fn graded(dir: &Path, answers: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let file = dir.join("answers.csv");
    std::fs::write(&file, answers).unwrap();
    let output = downhill()
        .args(args)
        .arg("--answers")
        .arg(&file)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn each_answer_gets_a_verdict_with_the_truth_and_a_score() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = graded(
        dir.path(),
        "question,answer\n1,0.0933\n",
        &["run", "--preset", "doubling"],
    );
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert!(
        out.contains("answered 0.0933 → right; the answer is 0.0933333"),
        "{out}"
    );
    assert!(out.ends_with("score 1/1\n"), "{out}");
    // Wrong, unreadable and missing answers are wrong, not errors: homework holds anything.
    let (code, out, _) = graded(
        dir.path(),
        "question,answer\n1,0.1\n",
        &["run", "--preset", "doubling"],
    );
    assert_eq!(code, Some(0));
    assert!(
        out.contains("answered 0.1 → wrong") && out.ends_with("score 0/1\n"),
        "{out}"
    );
    let (_, out, _) = graded(
        dir.path(),
        "question,answer\n1,lots\n",
        &["run", "--preset", "doubling"],
    );
    assert!(
        out.contains("cannot be read") && out.contains("→ wrong"),
        "{out}"
    );
    let (_, out, _) = graded(
        dir.path(),
        "question,answer\n",
        &["run", "--preset", "doubling"],
    );
    assert!(out.contains("no answer → wrong"), "{out}");
    let (_, out, _) = graded(
        dir.path(),
        "question,answer\n1,up\n",
        &["run", "--preset", "blowup"],
    );
    assert!(
        out.contains("→ right; the answer is up; L goes from 14871.8 to 1.02655e12"),
        "{out}"
    );
    let (_, out, _) = graded(
        dir.path(),
        "question,answer\n1,2/15\n",
        &["run", "--preset", "line"],
    );
    assert!(out.contains("→ right; the answer is 0.133333"), "{out}");
}

#[test]
fn a_teachers_worksheet_asks_at_later_steps_on_the_run_as_it_stands_there() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.toml");
    std::fs::write(
        &sheet,
        "preset = \"line\"\n\
         [[questions]]\nstep = 2\nask = \"value\"\nparam = \"w\"\n\
         [[questions]]\nstep = 0\nask = \"loss\"\n\
         [[questions]]\nstep = 500\nask = \"loss\"\n",
    )
    .unwrap();
    // line: w ← w + 15η(1 − w) = w + 0.75(1 − w): w₁ = 0.75, w₂ = 0.9375, w₃ = 0.984375.
    let (code, out, err) = graded(
        dir.path(),
        "question,answer\n1,0.984\n2,down\n3,down\n",
        &["run", "--scenario", sheet.to_str().unwrap()],
    );
    assert_eq!((code, err.as_str()), (Some(0), ""));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("question 1 (before update 3)"),
        "{out}"
    );
    assert!(
        lines[1].contains("→ right; the answer is 0.984375"),
        "{out}"
    );
    assert!(lines[3].contains("→ right; the answer is down"), "{out}");
    // line converges long before step 500.
    assert!(
        lines[5].contains("not asked: the run stopped at step"),
        "{out}"
    );
    assert_eq!(lines[6], "score 2/3");
}

#[test]
fn bad_answer_files_and_scenarios_without_questions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |answers: &str, args: &[&str], fragment: &str| {
        let (code, out, err) = graded(dir.path(), answers, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.matches('\n').count(), 1, "{err:?}");
        assert!(
            err.starts_with("error: ") && err.contains(fragment),
            "{err:?}"
        );
    };
    let doubling = ["run", "--preset", "doubling"];
    refused(
        "q,a\n1,2\n",
        &doubling,
        "the header must be `question,answer`",
    );
    refused(
        "question,answer\n2,0.1\n",
        &doubling,
        "question `2` is not one of 1…1",
    );
    refused(
        "question,answer\n1,0.1\n",
        &["run", "--preset", "intro"],
        "intro has no questions",
    );
    refused(
        "question,answer\n1,0.1\n",
        &["run", "--preset", "doubling", "--format", "csv"],
        "leave out --format",
    );
    let sheet = dir.path().join("bad.toml");
    std::fs::write(
        &sheet,
        "preset = \"line\"\n[[questions]]\nstep = 0\nask = \"value\"\nparam = \"q\"\n",
    )
    .unwrap();
    refused(
        "question,answer\n",
        &["run", "--scenario", sheet.to_str().unwrap()],
        "question param `q` is not a parameter",
    );
}
