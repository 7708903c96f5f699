//! Frame time of the interactive view: handling play (engine updates) and drawing the
//! whole screen into ratatui's `TestBackend`, at 80×24 and 200×60; and the time to
//! compute a fresh landscape slice for a 200×60 screen.
//!
//! `cargo bench --bench frame`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use divan::Bencher;
use downhill::app::{Action, App, update};
use downhill::engine::Objective;
use downhill::landscape::{COARSE_ABOVE, SliceRequest, Subsamples, progressive, slice_for};
use downhill::scenario::Scenario;
use downhill::testing::{app_for, deliver_screen_slice};
use downhill::ui::{self, ColorMode, Theme, layout, plot_area, samples_for};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Updates per frame at 1,000 updates per second and 60 frames per second.
const UPDATES_PER_FRAME: usize = 17;

fn main() {
    divan::main();
}

fn scenario(name: &str) -> Scenario {
    match name {
        "intro" => Scenario {
            preset: Some("intro".into()),
            ..Default::default()
        },
        "sigmoid-100k" => Scenario {
            dataset: Some("sigmoid".into()),
            n: Some(100_000),
            model: Some("sigmoid".into()),
            lr: Some(0.01),
            tolerance: Some(0.0),
            ..Default::default()
        },
        "linear-1m" => Scenario {
            dataset: Some("line".into()),
            n: Some(1_000_000),
            lr: Some(1e-3),
            tolerance: Some(0.0),
            ..Default::default()
        },
        // The networks issue's budget: mlp:16,16 (337 parameters) on 1,000 rows of 2-D
        // data, drawn on a plane of random directions.
        "mlp16x16-1k" => Scenario {
            dataset: Some("circle".into()),
            n: Some(1_000),
            model: Some("mlp:16,16".into()),
            loss: Some("bce".into()),
            lr: Some(0.1),
            plane: Some("random".into()),
            ..Default::default()
        },
        other => panic!("no bench scenario {other}"),
    }
}

/// An app playing `name`, with the landscape for a `width` × `height` screen in place.
fn playing_app(name: &str, width: u16, height: u16, theme: &Theme) -> App {
    let mut app = app_for(scenario(name));
    // Locked, so that the slice delivered here stays the one on screen and every frame
    // draws the heatmap (a following view would wait for the worker's next slice).
    update(&mut app, Action::ToggleViewLock);
    deliver_screen_slice(&mut app, Rect::new(0, 0, width, height), theme);
    update(&mut app, Action::TogglePlay);
    app
}

fn frame(bencher: Bencher, name: &str, width: u16, height: u16) {
    let theme = Theme {
        mode: ColorMode::Rgb,
        light: false,
    };
    let mut app = playing_app(name, width, height, &theme);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        update(&mut app, Action::Advance(UPDATES_PER_FRAME));
        terminal.draw(|f| ui::render(&app, &theme, f)).unwrap();
    });
}

#[divan::bench(args = ["intro", "sigmoid-100k", "linear-1m"], sample_count = 100, max_time = 3)]
fn frame_80x24(bencher: Bencher, name: &str) {
    frame(bencher, name, 80, 24);
}

#[divan::bench(args = ["intro", "sigmoid-100k", "linear-1m", "mlp16x16-1k"], sample_count = 100, max_time = 3)]
fn frame_200x60(bencher: Bencher, name: &str) {
    frame(bencher, name, 200, 60);
}

/// The same frames in Chinese: every word through the Chinese catalogue, and wider
/// characters to lay out.
#[divan::bench(args = [(80, 24), (200, 60)], sample_count = 100, max_time = 3)]
fn frame_intro_zh(bencher: Bencher, (width, height): (u16, u16)) {
    use downhill::i18n::{Lang, set_lang};
    set_lang(Lang::Zh);
    frame(bencher, "intro", width, height);
    set_lang(Lang::En);
}

/// The same frame with the landscape shown as a 3-D surface (key `3`).
#[divan::bench(args = ["intro", "sigmoid-100k", "linear-1m"], sample_count = 100, max_time = 3)]
fn frame_200x60_3d(bencher: Bencher, name: &str) {
    let theme = Theme {
        mode: ColorMode::Rgb,
        light: false,
    };
    let mut app = playing_app(name, 200, 60, &theme);
    update(&mut app, Action::ToggleSurface);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        update(&mut app, Action::Advance(UPDATES_PER_FRAME));
        terminal.draw(|f| ui::render(&app, &theme, f)).unwrap();
    });
}

/// What a fresh slice for a 200×60 screen starts from: the objective, the request, and
/// the subsample the worker keeps between slices (making it is not part of a refresh).
fn fresh_slice(name: &str) -> (Arc<Objective>, SliceRequest, Subsamples) {
    let theme = Theme {
        mode: ColorMode::Rgb,
        light: false,
    };
    let app = app_for(scenario(name));
    let panels = layout::panels(Rect::new(0, 0, 200, 60)).unwrap();
    let (w, h) = samples_for(plot_area(panels.landscape), &theme);
    let request = app.slice_request(w, h);
    let objective = app.trainer().objective().clone();
    let mut subsamples = Subsamples::default();
    subsamples.for_slice(&objective, w * h);
    (objective, request, subsamples)
}

/// A fresh slice for a 200×60 screen, as the background worker computes it.
#[divan::bench(args = ["intro", "sigmoid-100k", "linear-1m", "mlp16x16-1k"], sample_count = 20, max_time = 3)]
fn slice_200x60(bencher: Bencher, name: &str) {
    let (objective, request, mut subsamples) = fresh_slice(name);
    bencher.bench_local(|| slice_for(&objective, &request, &mut subsamples));
}

/// The first picture of a fresh slice for a 200×60 screen: the coarse pass where the
/// slice is costly (the whole slice otherwise), as the background worker sends it first.
#[divan::bench(args = ["intro", "sigmoid-100k", "linear-1m", "mlp16x16-1k"], sample_count = 20, max_time = 3)]
fn first_picture_200x60(bencher: Bencher, name: &str) {
    let (objective, request, mut subsamples) = fresh_slice(name);
    bencher.bench_local(|| {
        let mut first = None;
        // Stopped once the first picture is in: the rest is the full slice's time.
        let sent = AtomicBool::new(false);
        let stop = || sent.load(Ordering::Relaxed);
        progressive(
            &objective,
            &request,
            &mut subsamples,
            COARSE_ABOVE,
            &stop,
            &mut |s| {
                first.get_or_insert(s);
                sent.store(true, Ordering::Relaxed);
            },
        );
        first
    });
}
