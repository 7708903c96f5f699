//! `downhill plot`: figures of a run for slides and handouts, drawn with plotters: the
//! landscape with the path, its start, end, minima and −∇L; the loss on a log scale with
//! divergence marked; the fit. As SVG (text left to the viewer's fonts), PNG (text drawn
//! with an embedded DejaVu Sans, so no font need be installed), or an animated GIF of the
//! descent.
//!
//! The numbers are `downhill run`'s: the same trainer takes the same updates, and an SVG
//! carries the path it draws as CSV in a `<metadata>` element, so that anyone can check.

mod clip;
mod descent;
mod draw;
mod encode;
mod fit;
mod scene;
mod style;

pub use descent::{Descent, MAX_NUMBERS, Point};
pub use draw::Layout;
pub use scene::{Ground, Scene, View};

use std::path::Path;

use crate::scenario::Setup;

/// Which panels `downhill plot` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Panel {
    /// The landscape with the path.
    Landscape,
    /// The loss against the step.
    Loss,
    /// The data and the model's fit.
    Fit,
    /// All three (landscape and loss for an animation, or on a surface).
    All,
}

/// The file a figure is written as, from its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
    /// An animation of the descent.
    Gif,
}

impl Format {
    /// The format `path`'s extension names.
    pub fn of(path: &Path) -> Result<Format, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        match ext.as_deref() {
            Some("svg") => Ok(Format::Svg),
            Some("png") => Ok(Format::Png),
            Some("gif") => Ok(Format::Gif),
            _ => Err(crate::t!(
                "plot-format",
                path = crate::fmt::one_line(&path.display().to_string())
            )),
        }
    }
}

/// How a figure is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The panels.
    pub panel: Panel,
    /// Width and height in pixels; `None` for the panels' own default.
    pub size: Option<(u32, u32)>,
    /// An animation's frames: one per this many updates; `None` for a loop of at most
    /// five seconds.
    pub every: Option<usize>,
    /// An animation's frames per second.
    pub fps: u32,
}

/// Most frames an animation holds: a minute at 10 frames a second.
pub const MAX_FRAMES: usize = 600;

/// Smallest and largest side of a figure, in pixels.
pub const SIDES: (u32, u32) = (200, 4000);

/// Reads `WxH`, each side from 200 to 4000 pixels.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || crate::t!("plot-size", size = text, least = SIDES.0, most = SIDES.1);
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (SIDES.0..=SIDES.1).contains(v))
    };
    Ok((side(w).ok_or_else(bad)?, side(h).ok_or_else(bad)?))
}

impl Options {
    /// The panels drawn in `format`: an animation shows the landscape and the loss
    /// growing, never a still fit beside them.
    pub fn layout(&self, format: Format) -> Layout {
        match (self.panel, format) {
            (Panel::Landscape, _) => Layout::Landscape,
            (Panel::Loss, _) => Layout::Loss,
            (Panel::Fit, _) => Layout::Fit,
            (Panel::All, Format::Gif) => Layout::Pair,
            (Panel::All, _) => Layout::All,
        }
    }

    /// The figure's size: as asked, else one that suits its panels.
    pub fn pixels(&self, format: Format) -> (u32, u32) {
        self.size.unwrap_or(match self.layout(format) {
            Layout::All => (1500, 900),
            Layout::Pair => (1200, 560),
            _ => (900, 700),
        })
    }
}

/// The figure of `setup`'s run in `format`, as the bytes of its file.
pub fn figure(setup: &Setup, format: Format, options: &Options) -> anyhow::Result<Vec<u8>> {
    if options.panel == Panel::Fit && setup.objective.as_surface().is_some() {
        anyhow::bail!(crate::t!("plot-fit-on-surface"));
    }
    let layout = options.layout(format);
    let descent = Descent::of(setup)?;
    let shown = frames(descent.points.len(), options.every, options.fps).len();
    if format == Format::Gif && shown > MAX_FRAMES {
        anyhow::bail!(crate::t!(
            "plot-frames",
            every = options.every.unwrap_or(1),
            frames = shown,
            most = MAX_FRAMES
        ));
    }
    let scene = Scene::of(setup, descent);
    let size = options.pixels(format);
    match format {
        Format::Svg => encode::svg(&scene, layout, size),
        Format::Png => encode::png(&scene, layout, size),
        Format::Gif => encode::gif(&scene, layout, size, options.every, options.fps),
    }
}

/// The states an animation shows: one every `every` (by default as many as fill five
/// seconds at `fps`), the last always included.
pub fn frames(states: usize, every: Option<usize>, fps: u32) -> Vec<usize> {
    let most = (5 * fps.max(1)) as usize;
    let every = every.unwrap_or_else(|| states.div_ceil(most)).max(1);
    let mut picks: Vec<usize> = (0..states).step_by(every).collect();
    if picks.last() != Some(&(states - 1)) {
        picks.push(states - 1);
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, resolve};

    fn setup(preset: &str, steps: usize) -> Setup {
        let scenario = Scenario {
            preset: Some(preset.into()),
            steps: Some(steps),
            ..Default::default()
        };
        resolve(&scenario, None).unwrap()
    }

    #[test]
    fn an_animation_shows_every_kth_state_and_always_the_last() {
        assert_eq!(frames(11, Some(5), 10), vec![0, 5, 10]);
        assert_eq!(frames(12, Some(5), 10), vec![0, 5, 10, 11]);
        assert_eq!(frames(1, None, 10), vec![0]);
        // By default at most five seconds' worth: every ⌈1001/50⌉ = 21st, then the last.
        assert_eq!(frames(1001, None, 10).len(), 49);
        assert!(frames(50, None, 10).len() == 50 && frames(51, None, 10).len() == 26);
        assert!(frames(1001, None, 10).windows(2).all(|w| w[1] - w[0] <= 21));
    }

    #[test]
    fn sizes_and_formats_are_read_or_refused_with_the_reason() {
        assert_eq!(parse_size("1600x900"), Ok((1600, 900)));
        assert_eq!(parse_size("800×600"), Ok((800, 600)));
        assert!(parse_size("100x900").unwrap_err().contains("200…4000"));
        assert!(parse_size("1600").is_err());
        assert_eq!(Format::of(Path::new("a/b.SVG")), Ok(Format::Svg));
        assert_eq!(Format::of(Path::new("b.gif")), Ok(Format::Gif));
        assert!(Format::of(Path::new("b")).is_err());
    }

    #[test]
    fn one_free_parameter_is_drawn_as_its_loss_curve_with_the_path_on_it() {
        // line: L(w) = 7.5·(1 − w)² with b frozen at 0.
        let s = setup("line", 5);
        let scene = Scene::of(&s, Descent::of(&s).unwrap());
        assert!(scene.is_curve());
        let view = scene.view(scene.descent.points.len() - 1, scene::SAMPLES);
        for (place, point) in scene.path.iter().zip(&scene.descent.points) {
            let (w, l) = place.unwrap();
            assert_eq!((w, l), (point.params[0], point.loss));
            assert!((l - 7.5 * (1.0 - w).powi(2)).abs() < 1e-9);
        }
        let (w, l) = scene.minima[0];
        assert!((w - 1.0).abs() < 1e-9 && l.abs() < 1e-9, "({w}, {l})");
        assert!(view.x.0 < 0.0 && view.x.1 > 1.0, "start and minimum framed");
    }

    #[test]
    fn a_surface_marks_all_its_minima_and_frames_the_path() {
        let s = setup("local-minima", 80);
        let scene = Scene::of(&s, Descent::of(&s).unwrap());
        assert_eq!(scene.minima.len(), 4);
        let view = scene.view(scene.descent.points.len() - 1, scene::SAMPLES);
        let Ground::Heat(slice) = &view.ground else {
            panic!("a heatmap")
        };
        assert_eq!(
            (slice.request.x_range, slice.request.y_range),
            (view.x, view.y)
        );
        for &(x, y) in scene.path.iter().flatten().chain(&scene.minima) {
            assert!(x > view.x.0 && x < view.x.1 && y > view.y.0 && y < view.y.1);
        }
        // Himmelblau is 0 at each minimum.
        let f = s.objective.as_surface().unwrap();
        for &(x, y) in &scene.minima {
            assert!(f.value_and_gradient(x, y).0.abs() < 1e-9);
        }
    }

    #[test]
    fn a_figure_too_large_to_keep_is_refused_before_training() {
        let s = setup("pca-plane", 1_000_000);
        let e = Descent::of(&s).unwrap_err().to_string();
        assert!(e.contains("ask for fewer --steps"), "{e}");
    }
}
