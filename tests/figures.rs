//! `downhill plot` through the real binary: SVG that parses and carries the path `run`
//! prints, PNG and GIF that decode to the size and frame count asked, and bad input
//! refused in one line.

use std::path::Path;
use std::time::Duration;

mod common;

use assert_cmd::Command;
use common::english;

fn downhill() -> Command {
    let mut command = english(
        Command::cargo_bin("downhill").expect("the downhill binary is built for integration tests"),
    );
    command.timeout(Duration::from_secs(60));
    command
}

/// Runs `downhill ARGS`, expects success and a quiet stderr, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = downhill().args(args).output().expect("downhill runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "downhill {args:?} failed: {stderr}"
    );
    assert!(stderr.is_empty(), "stderr for {args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// `downhill plot SCENARIO --out DIR/NAME EXTRA…`: the file's bytes.
fn plot(dir: &Path, name: &str, scenario: &[&str], extra: &[&str]) -> Vec<u8> {
    let out = dir.join(name);
    let out_text = out.to_str().unwrap().to_owned();
    let mut args = vec!["plot"];
    args.extend_from_slice(scenario);
    args.extend_from_slice(&["--out", &out_text]);
    args.extend_from_slice(extra);
    let said = stdout_of(&args);
    // In the language asked for: English unless the scenario says `--lang zh`.
    let wrote = if scenario.contains(&"zh") {
        "已写入 "
    } else {
        "wrote "
    };
    assert!(said.starts_with(wrote) && said.contains(name), "{said}");
    std::fs::read(&out).expect("the figure was written")
}

/// Rows of numbers from CSV text with a header: (header, rows).
fn csv_numbers(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(|c| c.parse::<f64>().unwrap()).collect())
        .collect();
    (header, rows)
}

/// The SVG's size and the path in its `<metadata id="downhill-path">`.
fn svg_path(bytes: &[u8]) -> ((f64, f64), Vec<String>, Vec<Vec<f64>>) {
    let text = std::str::from_utf8(bytes).expect("SVG is UTF-8");
    let doc = roxmltree::Document::parse(text).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let size = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap();
    let meta = root
        .descendants()
        .find(|n| n.attribute("id") == Some("downhill-path"))
        .expect("the path's metadata");
    let (header, rows) = csv_numbers(meta.text().unwrap());
    ((size("width"), size("height")), header, rows)
}

#[test]
fn the_svg_parses_and_its_path_is_the_parameters_run_prints() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = ["--preset", "ravine", "--steps", "40"];
    let svg = plot(dir.path(), "ravine.svg", &scenario, &["--size", "1000x600"]);
    let ((w, h), header, path) = svg_path(&svg);
    assert_eq!((w, h), (1000.0, 600.0));
    assert_eq!(header, ["step", "w", "b", "loss"]);
    let mut run_args = vec!["run"];
    run_args.extend_from_slice(&scenario);
    run_args.extend_from_slice(&["--format", "csv"]);
    let (run_header, run) = csv_numbers(&stdout_of(&run_args));
    let col = |name: &str| run_header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        path.len(),
        run.len(),
        "one point per state, the start included"
    );
    assert_eq!(path.len(), 41);
    for (p, r) in path.iter().zip(&run) {
        // Bit for bit: the same trainer took the same updates.
        assert_eq!(p[0], r[col("step")]);
        assert_eq!(p[1], r[col("w")]);
        assert_eq!(p[2], r[col("b")]);
        assert_eq!(p[3], r[col("loss")]);
    }
    // The drawing itself: a start ring, the point and a dot per update, as circles.
    let text = String::from_utf8(svg).unwrap();
    assert!(
        text.matches("<circle").count() >= 10,
        "the path's dots are drawn"
    );
    assert!(text.contains("diverged") || text.contains("still moving"));
}

#[test]
fn a_plane_of_directions_carries_the_projected_path_with_runs_losses() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = ["--preset", "random-plane", "--steps", "30"];
    let svg = plot(
        dir.path(),
        "random.svg",
        &scenario,
        &["--panel", "landscape"],
    );
    let (_, header, path) = svg_path(&svg);
    assert!(header[1].starts_with("random direction 1"), "{header:?}");
    let mut run_args = vec!["run"];
    run_args.extend_from_slice(&scenario);
    run_args.extend_from_slice(&["--format", "csv"]);
    let (run_header, run) = csv_numbers(&stdout_of(&run_args));
    let loss = run_header.iter().position(|h| h == "loss").unwrap();
    assert_eq!(path.len(), run.len());
    for (p, r) in path.iter().zip(&run) {
        assert_eq!((p[0], p[3]), (r[0], r[loss]));
        assert!(p[1].is_finite() && p[2].is_finite());
    }
    // Random directions are anchored at the start, which sits at (0, 0).
    assert_eq!((path[0][1], path[0][2]), (0.0, 0.0));
}

#[test]
fn the_png_decodes_at_the_size_asked_with_the_heat_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = plot(
        dir.path(),
        "blowup.png",
        &["--preset", "blowup"],
        &["--size", "640x400"],
    );
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut rgb).expect("its pixels");
    assert_eq!((frame.width, frame.height), (640, 400));
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    // Viridis's dark end (68, 1, 84) marks the valley floor of the heat.
    let pixels: Vec<&[u8]> = rgb.chunks_exact(3).collect();
    assert!(pixels.iter().any(|p| p[2] > p[1] && p[0] < 90 && p[1] < 60));
    // Text was drawn with the embedded font: some pixels are near black, not all white.
    assert!(pixels.iter().filter(|p| p.iter().all(|&c| c < 60)).count() > 500);
}

/// The frames of a GIF, and its size.
fn gif_frames(bytes: &[u8]) -> ((u16, u16), Vec<u16>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(bytes).expect("a GIF");
    let size = (decoder.width(), decoder.height());
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        delays.push(frame.delay);
    }
    (size, delays)
}

#[test]
fn the_gif_has_a_frame_per_k_updates_and_rests_on_the_last() {
    let dir = tempfile::tempdir().unwrap();
    // ravine-blowup takes 144 updates before it is judged diverged: 145 states.
    let scenario = ["--preset", "ravine-blowup"];
    let bytes = plot(
        dir.path(),
        "b.gif",
        &scenario,
        &["--every", "10", "--fps", "20", "--size", "480x240"],
    );
    let ((w, h), delays) = gif_frames(&bytes);
    assert_eq!((w, h), (480, 240));
    // States 0, 10, …, 140, then the last, 144.
    assert_eq!(delays.len(), 16);
    assert!(
        delays[..15].iter().all(|&d| d == 5),
        "1/20 s a frame: {delays:?}"
    );
    assert!(delays[15] > 5, "the last frame is held");
    // By default a loop lasts at most five seconds.
    let bytes = plot(dir.path(), "d.gif", &scenario, &["--size", "320x200"]);
    let (_, delays) = gif_frames(&bytes);
    // ⌈145 / 50⌉ = 3: states 0, 3, …, 144, the last among them.
    assert_eq!(delays.len(), 49);
}

/// `downhill ARGS` fails with exit status 2 and one line holding `fragment`.
fn refused(args: &[&str], fragment: &str) {
    let output = downhill().args(args).output().expect("downhill runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.matches('\n').count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains(fragment),
        "{stderr:?}"
    );
}

#[test]
fn bad_figures_are_refused_in_one_line_and_no_file_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    refused(&["plot", "--out", &at("a.jpg")], ".svg, .png or .gif");
    refused(
        &["plot", "--out", &at("a.svg"), "--size", "10x10"],
        "--size 10x10",
    );
    refused(
        &["plot", "--out", &at("a.svg"), "--size", "wide"],
        "WIDTHxHEIGHT",
    );
    refused(
        &["plot", "--out", &at("a.svg"), "--fps", "5"],
        "write a .gif",
    );
    refused(
        &["plot", "--out", &at("a.gif"), "--every", "0"],
        "at least 1",
    );
    refused(
        &[
            "plot",
            "--preset",
            "saddle",
            "--panel",
            "fit",
            "--out",
            &at("a.svg"),
        ],
        "a surface has no data to fit",
    );
    refused(
        &[
            "plot",
            "--preset",
            "pca-plane",
            "--steps",
            "1000000",
            "--out",
            &at("a.svg"),
        ],
        "ask for fewer --steps",
    );
    std::fs::write(at("taken.svg"), "mine").unwrap();
    refused(&["plot", "--out", &at("taken.svg")], "already exists");
    assert_eq!(std::fs::read_to_string(at("taken.svg")).unwrap(), "mine");
    assert!(!Path::new(&at("a.svg")).exists());
}

#[test]
fn a_screenshot_is_the_views_own_buffer_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("screen.svg");
    let out_text = out.to_str().unwrap();
    let args = [
        "screenshot",
        "--preset",
        "blowup",
        "--steps",
        "1",
        "--size",
        "100x30",
        "--out",
        out_text,
    ];
    assert!(stdout_of(&args).starts_with("wrote "));
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(
        (root.attribute("width"), root.attribute("height")),
        (Some("900"), Some("540"))
    );
    let words: String = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("step 1") && words.contains("blowup"),
        "{words}"
    );
    assert!(
        words.contains("DIVERGED at step 1"),
        "the blowup is on screen: {words}"
    );
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    refused(&["screenshot", "--out", &at("s.png")], "written as .svg");
    refused(
        &["screenshot", "--out", &at("s.svg"), "--size", "30x9"],
        "COLSxROWS",
    );
    refused(
        &["screenshot", "--out", &at("s.svg"), "--size", "40x12"],
        "too small",
    );
    refused(&["screenshot", "--out", out_text], "already exists");
    // As `run` trains: intro converges at step 81, and Space would step on past it.
    let rest = at("rest.svg");
    stdout_of(&[
        "screenshot",
        "--preset",
        "intro",
        "--steps",
        "1000",
        "--out",
        &rest,
    ]);
    let svg = std::fs::read_to_string(&rest).unwrap();
    assert!(
        svg.contains("step 81 ") && svg.contains("converged"),
        "stops where the run comes to rest"
    );
}

#[test]
fn the_readme_figures_draw_the_paths_run_prints_today() {
    // The commands docs/make-figures.sh made them with; rerun it when this fails.
    let figures: [(&str, &[&str]); 4] = [
        ("blowup.svg", &["--preset", "blowup"]),
        ("ravine.svg", &["--preset", "ravine"]),
        (
            "ravine-standardised.svg",
            &[
                "--preset",
                "ravine",
                "--scale",
                "standardize",
                "--lr",
                "0.5",
            ],
        ),
        ("overfit.svg", &["--preset", "overfit"]),
    ];
    for (file, scenario) in figures {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(file);
        let (_, header, drawn) = svg_path(&std::fs::read(&path).unwrap());
        let mut args = vec!["run"];
        args.extend_from_slice(scenario);
        args.extend_from_slice(&["--format", "csv"]);
        let (run_header, run) = csv_numbers(&stdout_of(&args));
        assert_eq!(drawn.len(), run.len(), "{file}: one point per state");
        let col = |name: &str| run_header.iter().position(|h| h == name);
        for (d, r) in drawn.iter().zip(&run) {
            assert_eq!((d[0], d[3]), (r[0], r[col("loss").unwrap()]), "{file}");
            // On a plane of two parameters the coordinates are the parameters.
            if let (Some(i), Some(j)) = (col(&header[1]), col(&header[2])) {
                assert_eq!((d[1], d[2]), (r[i], r[j]), "{file}");
            }
        }
    }
}

#[test]
fn figures_speak_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = ["--preset", "blowup", "--lang", "zh"];
    let svg = String::from_utf8(plot(dir.path(), "zh.svg", &scenario, &[])).unwrap();
    for words in [
        "损失地形（颜色：log₁₀ L；箭头：−∇L）",
        "损失（对数刻度）",
        "第 1 步发散",
        "1 次更新，发散",
    ] {
        assert!(svg.contains(words), "{words} not in the Chinese SVG");
    }
    // The PNG draws it with the embedded font that has the Chinese characters (a unit
    // test checks every one); here, that it is drawn at all.
    let png = plot(dir.path(), "zh.png", &scenario, &["--size", "640x400"]);
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut rgb).expect("its pixels");
    let dark = rgb
        .chunks_exact(3)
        .filter(|p| p.iter().all(|&c| c < 60))
        .count();
    assert!(dark > 500, "{dark} dark pixels");
}
