//! The panels of a figure, drawn with plotters on any of its backends (SVG, or a bitmap
//! that becomes a PNG or a GIF frame): the landscape with its path, the loss curve on a
//! log scale, and the fit.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::{self, Window};
use super::scene::{Ground, Scene, View};
use super::style::{Fonts, INK, Ramp, band_of, heat_color, tick};
use crate::landscape::{any_negative, signed_exp10, signed_log10};

/// What a drawing returns: plotters' errors, whatever the backend.
pub type Drawn = anyhow::Result<()>;

/// Colour of the training loss and the path.
const TRAIN: RGBColor = RGBColor(31, 119, 180);
/// Colour of the test loss and the test rows.
const TEST: RGBColor = RGBColor(204, 51, 153);
/// Colour of the current point, the end, and divergence.
const HOT: RGBColor = RGBColor(214, 39, 40);
/// Colour of the model's curve at the start.
const FAINT: RGBColor = RGBColor(150, 150, 150);
/// Contour bands in a heatmap.
const BANDS: usize = 14;
/// The −∇L arrow's shortest and longest length, as shares of the panel, reached at
/// |∇L| on the plane = 10⁻³ and 10⁴: its length grows with log |∇L|, as on screen, so
/// that steep and gentle slopes both read.
const ARROW: (f64, f64) = (0.03, 0.3);
/// The |∇L| at which the arrow is shortest and longest.
const ARROW_SCALE: (f64, f64) = (1e-3, 1e4);

impl Layout {
    /// Samples of the landscape's slice: none worth computing where it is not drawn.
    pub fn samples(self) -> (usize, usize) {
        match self {
            Layout::Landscape | Layout::All => super::scene::SAMPLES,
            Layout::Pair => super::scene::FRAME_SAMPLES,
            // The slice is not drawn: the smallest there is.
            Layout::Loss | Layout::Fit => (2, 2),
        }
    }
}

/// Which panels a figure holds, and how they are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The landscape alone.
    Landscape,
    /// The loss curve alone.
    Loss,
    /// The fit alone.
    Fit,
    /// The landscape on the left, the loss and the fit stacked on the right (the loss
    /// alone there on a surface, which has no data to fit).
    All,
    /// The landscape and the loss side by side: an animation's frame.
    Pair,
}

/// `v`, or 0 where it is 0 but for rounding in the tick arithmetic (−2.2e-16 on an
/// axis of span 1).
fn snap(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if v.abs() < 1e-9 * (hi - lo).abs() {
        0.0
    } else {
        v
    }
}

/// A chart over `window` on `area` under `caption`, its axes named `names` and ticked
/// with values; with a light grid when `grid` is true.
fn value_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    names: (&str, &str),
    (x, y): Window,
    fonts: &Fonts,
    grid: bool,
) -> anyhow::Result<Chart<'a, 'a, DB>>
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .caption(caption, fonts.caption())
        .margin(fonts.size(0.8))
        .x_label_area_size(fonts.size(3.2))
        .y_label_area_size(fonts.size(4.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
    let mut mesh = chart.configure_mesh();
    if !grid {
        mesh.disable_mesh();
    }
    mesh.x_desc(names.0)
        .y_desc(names.1)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| tick(snap(*v, x)))
        .y_label_formatter(&|v| tick(snap(*v, y)))
        .label_style(fonts.tick())
        .axis_desc_style(fonts.label())
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    Ok(chart)
}

/// A chart of values on both axes.
type Chart<'a, 'b, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The segments of `points` inside `window`, in `style`: no mitre, nothing outside.
/// Points within a pixel of the last one kept are left out, so that thousands of
/// updates make a line of hundreds of segments, not a file of thousands.
fn lines<DB: DrawingBackend>(
    chart: &Chart<'_, '_, DB>,
    points: &[(f64, f64)],
    window: Window,
    style: ShapeStyle,
) -> Vec<PathElement<(f64, f64)>> {
    let mut kept: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    let mut last_pixel: Option<(i32, i32)> = None;
    for (k, p) in points.iter().enumerate() {
        let pixel = chart.backend_coord(p);
        let near = last_pixel.is_some_and(|q| (pixel.0 - q.0).abs().max((pixel.1 - q.1).abs()) < 2);
        if !near || k + 1 == points.len() || !p.0.is_finite() || !p.1.is_finite() {
            kept.push(*p);
            last_pixel = Some(pixel);
        }
    }
    clip::polyline(&kept, window)
        .into_iter()
        .map(|[a, b]| PathElement::new(vec![a, b], style))
        .collect()
}

/// Draws a diamond ◆ of half-width `r` pixels at `at`, ringed in white: the lowest test
/// loss, as on screen.
fn diamond<DB: DrawingBackend>(
    chart: &mut Chart<'_, '_, DB>,
    at: (f64, f64),
    r: i32,
    color: RGBColor,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let shape = |r: i32| vec![(0, -r), (r, 0), (0, r), (-r, 0)];
    chart.draw_series([EmptyElement::at(at) + Polygon::new(shape(r), WHITE.filled())])?;
    chart.draw_series([EmptyElement::at(at) + Polygon::new(shape(r - 2), color.filled())])?;
    Ok(())
}

/// The state, up to `upto`, of the lowest test loss.
fn lowest_test(scene: &Scene, upto: usize) -> Option<usize> {
    let points = &scene.descent.points[..=upto];
    (0..points.len())
        .filter(|&k| points[k].test_loss.is_some_and(f64::is_finite))
        .min_by(|&a, &b| {
            points[a]
                .test_loss
                .partial_cmp(&points[b].test_loss)
                .expect("finite")
        })
}

/// Draws the panels of `layout` for `scene` on `root`, the run shown up to state `upto`
/// and the landscape through `view`.
pub fn figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (scene, view): (&Scene, &View),
    layout: Layout,
    upto: usize,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (w, h) = root.dim_in_pixel();
    let fonts = Fonts::for_size(w, h);
    root.fill(&WHITE)?;
    let body = root.titled(&scene.title(upto), fonts.title())?;
    let fit = scene.objective.as_surface().is_none();
    match layout {
        Layout::Landscape => landscape(&body, (scene, view), upto, &fonts),
        Layout::Loss => loss(&body, scene, upto, &fonts),
        Layout::Fit => fit_panel(&body, scene, upto, &fonts),
        Layout::All if !fit => {
            let (left, right) = body.split_horizontally(body.dim_in_pixel().0 * 3 / 5);
            landscape(&left, (scene, view), upto, &fonts)?;
            loss(&right, scene, upto, &fonts)
        }
        Layout::All => {
            let (left, right) = body.split_horizontally(body.dim_in_pixel().0 * 3 / 5);
            let (top, bottom) = right.split_vertically(right.dim_in_pixel().1 / 2);
            landscape(&left, (scene, view), upto, &fonts)?;
            loss(&top, scene, upto, &fonts)?;
            fit_panel(&bottom, scene, upto, &fonts)
        }
        Layout::Pair => {
            let (left, right) = body.split_horizontally(body.dim_in_pixel().0 / 2);
            landscape(&left, (scene, view), upto, &fonts)?;
            loss(&right, scene, upto, &fonts)
        }
    }
}

/// The landscape: heat bands of log L (or L's curve), the path, start and end, the
/// minima and the −∇L arrow at the shown state.
fn landscape<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (scene, view): (&Scene, &View),
    upto: usize,
    fonts: &Fonts,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (chart_area, bar_area) = match &view.ground {
        Ground::Heat(_) => {
            let (w, _) = area.dim_in_pixel();
            let (a, b) = area.split_horizontally(w - fonts.size(7.0));
            (a, Some(b))
        }
        Ground::Curve(_) => (area.clone(), None),
    };
    let caption = match view.ground {
        Ground::Heat(_) => crate::t!("fig-caption-heat"),
        Ground::Curve(_) => crate::t!("fig-caption-curve"),
    };
    let names = (scene.axes.0.as_str(), scene.axes.1.as_str());
    let mut chart = value_chart(&chart_area, &caption, names, (view.x, view.y), fonts, false)?;
    match &view.ground {
        Ground::Heat(slice) => {
            let ramp = Ramp::of(&slice.losses, BANDS);
            chart.draw_series(heat_cells(slice, &ramp))?;
            if let Some(bar) = bar_area {
                color_bar(&bar, &ramp, fonts)?;
            }
        }
        Ground::Curve(curve) => {
            let finite = curve.iter().copied().filter(|p| p.1.is_finite());
            chart.draw_series(LineSeries::new(finite, INK.stroke_width(2)))?;
        }
    }
    path(&mut chart, (scene, view), upto, fonts)
}

/// The heat cells of `slice`, runs of one band along a row merged into one rectangle.
fn heat_cells(slice: &crate::landscape::Slice, ramp: &Ramp) -> Vec<Rectangle<(f64, f64)>> {
    let r = &slice.request;
    let (w, h) = (r.width, r.height);
    let dx = (r.x_range.1 - r.x_range.0) / (w.max(2) - 1) as f64;
    let dy = (r.y_range.1 - r.y_range.0) / (h.max(2) - 1) as f64;
    let mut cells = Vec::new();
    for row in 0..h {
        let mut col = 0;
        while col < w {
            let band = band_of(ramp, slice.at(col, row));
            let mut end = col + 1;
            while end < w && band_of(ramp, slice.at(end, row)) == band {
                end += 1;
            }
            let (x0, y) = r.point(col, row);
            let (x1, _) = r.point(end - 1, row);
            let corners = [(x0 - dx / 2.0, y + dy / 2.0), (x1 + dx / 2.0, y - dy / 2.0)];
            cells.push(Rectangle::new(corners, heat_color(ramp, band).filled()));
            col = end;
        }
    }
    cells
}

/// The colour bar beside a heatmap: each band's colour with L at its edges.
fn color_bar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ramp: &Ramp, fonts: &Fonts) -> Drawn
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .margin_top(fonts.size(3.0))
        .margin_bottom(fonts.size(4.0))
        .margin_left(fonts.size(0.5))
        .build_cartesian_2d(0.0..3.0, ramp.low..ramp.high)?;
    let step = (ramp.high - ramp.low) / ramp.bands as f64;
    chart.draw_series((0..ramp.bands).map(|b| {
        let y = ramp.low + step * b as f64;
        Rectangle::new([(0.0, y), (1.0, y + step)], heat_color(ramp, b).filled())
    }))?;
    // L at five evenly spaced heights, written right of the bar, where nothing covers them.
    let pos = Pos::new(HPos::Left, VPos::Center);
    chart.draw_series((0..5).map(|k| {
        let t = ramp.low + (ramp.high - ramp.low) * k as f64 / 4.0;
        Text::new(
            format!("– {}", tick(ramp.value(t))),
            (1.0, t),
            fonts.tick().pos(pos),
        )
    }))?;
    Ok(())
}

/// The path up to `upto`, its start ○ and the point ●, the minima ✕ and the −∇L arrow.
fn path<DB: DrawingBackend>(
    chart: &mut Chart<'_, '_, DB>,
    (scene, view): (&Scene, &View),
    upto: usize,
    fonts: &Fonts,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let shown: Vec<(f64, f64)> = scene.path[..=upto].iter().flatten().copied().collect();
    let window = (view.x, view.y);
    let dot = fonts.size(0.2).max(2);
    // A light line over a dark one reads on every band of the heat.
    let dark = lines(
        chart,
        &shown,
        window,
        INK.stroke_width(fonts.size(0.25).max(3)),
    );
    chart.draw_series(dark)?;
    let light = lines(
        chart,
        &shown,
        window,
        WHITE.stroke_width(fonts.size(0.1).max(1)),
    );
    chart.draw_series(light)?;
    // A dot per update, but none on top of the last one drawn: a long path stays a line.
    let mut last_dot: Option<(i32, i32)> = None;
    let apart = 2 * dot as i32 + 2;
    let dots: Vec<(f64, f64)> = shown
        .iter()
        .copied()
        .filter(|&p| clip::inside(p, window))
        .filter(|p| {
            let px = chart.backend_coord(p);
            let far = last_dot.is_none_or(|q| (px.0 - q.0).abs().max((px.1 - q.1).abs()) >= apart);
            if far {
                last_dot = Some(px);
            }
            far
        })
        .collect();
    chart.draw_series(dots.iter().map(|&p| Circle::new(p, dot, INK.filled())))?;
    for &m in &scene.minima {
        chart.draw_series([Cross::new(m, fonts.size(0.7), INK.stroke_width(5))])?;
        chart.draw_series([Cross::new(m, fonts.size(0.7), WHITE.stroke_width(2))])?;
    }
    let big = fonts.size(0.55);
    if let Some(&start) = shown.first() {
        chart.draw_series([Circle::new(start, big, INK.stroke_width(4))])?;
        chart.draw_series([Circle::new(start, big, WHITE.stroke_width(2))])?;
    }
    if let Some(Some(low)) = lowest_test(scene, upto).map(|k| scene.path[k]) {
        diamond(chart, low, fonts.size(0.5) as i32, TEST)?;
    }
    let Some(Some(here)) = scene.path.get(upto) else {
        return Ok(());
    };
    if let Some(Some(down)) = scene.downhill.get(upto) {
        arrow(chart, view, *here, *down)?;
    }
    chart.draw_series([Circle::new(*here, big, WHITE.filled())])?;
    chart.draw_series([Circle::new(*here, big - 2, HOT.filled())])?;
    Ok(())
}

/// −∇L at `here` in its own direction, [`ARROW`] long by log |∇L|, with a head.
fn arrow<DB: DrawingBackend>(
    chart: &mut Chart<'_, '_, DB>,
    view: &View,
    here: (f64, f64),
    (a, b): (f64, f64),
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (sx, sy) = (view.x.1 - view.x.0, view.y.1 - view.y.0);
    // In the panel's own units, so that the arrow's length does not depend on the axes.
    let (u, v) = (a / sx, b / sy);
    let norm = u.hypot(v);
    if !(norm.is_finite() && norm > 0.0) {
        return Ok(());
    }
    let (lo, hi) = (ARROW_SCALE.0.log10(), ARROW_SCALE.1.log10());
    let share = ((a.hypot(b).log10() - lo) / (hi - lo)).clamp(0.0, 1.0);
    let length = ARROW.0 + share * (ARROW.1 - ARROW.0);
    let (u, v) = (u / norm * length, v / norm * length);
    let to_data = |(p, q): (f64, f64)| (here.0 + p * sx, here.1 + q * sy);
    let tip = to_data((u, v));
    let head = |turn: f64| {
        let (c, s) = (turn.cos(), turn.sin());
        to_data((u - 0.3 * (u * c - v * s), v - 0.3 * (u * s + v * c)))
    };
    let shape = [here, tip, head(0.45), tip, head(-0.45)];
    let window = (view.x, view.y);
    for (color, width) in [(INK, 5), (RGBColor(255, 165, 0), 2)] {
        let shaft = lines(chart, &shape[..2], window, color.stroke_width(width));
        chart.draw_series(shaft)?;
        let head = lines(chart, &shape[2..], window, color.stroke_width(width));
        chart.draw_series(head)?;
    }
    Ok(())
}

/// The loss panel's axes: log₁₀ L (signed when a loss is below 0) against the step.
struct LossAxes {
    signed: bool,
    /// The vertical range, in log.
    y: (f64, f64),
    /// The last step.
    last: f64,
}

impl LossAxes {
    fn of(scene: &Scene) -> LossAxes {
        let points = &scene.descent.points;
        let all: Vec<f64> = points
            .iter()
            .flat_map(|p| std::iter::once(p.loss).chain(p.test_loss))
            .collect();
        let signed = any_negative(&all);
        let mut axes = LossAxes {
            signed,
            y: (0.0, 1.0),
            last: points.last().map_or(1, |p| p.step).max(1) as f64,
        };
        let ts = all.iter().map(|&l| axes.to(l)).filter(|t| t.is_finite());
        let (lo, hi) = ts.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
            (a.min(t), b.max(t))
        });
        if lo.is_finite() {
            let pad = 0.05 * (hi - lo).max(0.5);
            axes.y = (lo - pad, hi + pad);
        }
        axes
    }

    fn to(&self, l: f64) -> f64 {
        if self.signed {
            signed_log10(l)
        } else {
            l.log10()
        }
    }

    fn from(&self, t: f64) -> f64 {
        if self.signed {
            signed_exp10(t)
        } else {
            10f64.powf(t)
        }
    }

    fn window(&self) -> Window {
        ((0.0, self.last), self.y)
    }
}

/// log₁₀ L against the step (signed log when a loss goes below 0), the test loss beside
/// it, and the step where the run blew up.
fn loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    upto: usize,
    fonts: &Fonts,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let axes = LossAxes::of(scene);
    let caption = if axes.signed {
        crate::t!("fig-loss-signed")
    } else {
        crate::t!("fig-loss-log")
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, fonts.caption())
        .margin(fonts.size(0.8))
        .x_label_area_size(fonts.size(3.2))
        .y_label_area_size(fonts.size(4.0))
        .build_cartesian_2d(0.0..axes.last, axes.y.0..axes.y.1)?;
    chart
        .configure_mesh()
        .x_desc(crate::t!("fig-step"))
        .y_desc("L")
        .x_labels((axes.last as usize + 1).min(6))
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|t| tick(axes.from(*t)))
        .label_style(fonts.tick())
        .axis_desc_style(fonts.label())
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    let points = &scene.descent.points[..=upto];
    let line = |loss: &dyn Fn(&super::descent::Point) -> Option<f64>| {
        points
            .iter()
            .filter_map(|p| Some((p.step as f64, axes.to(loss(p)?))))
            .filter(|(_, t)| t.is_finite())
            .collect::<Vec<_>>()
    };
    let legend = |color: RGBColor| {
        move |(x, y): (i32, i32)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
    };
    let train = line(&|p| Some(p.loss));
    chart
        .draw_series(lines(&chart, &train, axes.window(), TRAIN.stroke_width(3)))?
        .label(crate::t!("fig-training-rows"))
        .legend(legend(TRAIN));
    if scene.objective.test().is_some() {
        let test = line(&|p| p.test_loss);
        chart
            .draw_series(lines(&chart, &test, axes.window(), TEST.stroke_width(3)))?
            .label(crate::t!("fig-test-rows"))
            .legend(legend(TEST));
        // Two lines need telling apart; one alone is the caption's.
        chart
            .configure_series_labels()
            .label_font(fonts.tick())
            .background_style(WHITE.mix(0.85))
            .border_style(INK)
            .draw()?;
    }
    loss_marks(&mut chart, scene, upto, &axes, fonts)
}

/// On the loss panel: ◆ at the lowest test loss so far, and a dashed line where the run
/// blew up.
fn loss_marks<DB: DrawingBackend>(
    chart: &mut Chart<'_, '_, DB>,
    scene: &Scene,
    upto: usize,
    axes: &LossAxes,
    fonts: &Fonts,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let points = &scene.descent.points;
    let (lo, hi) = axes.y;
    if let Some(k) = lowest_test(scene, upto) {
        let p = &points[k];
        let at = (p.step as f64, axes.to(p.test_loss.unwrap_or(f64::NAN)));
        diamond(chart, at, fonts.size(0.45) as i32, TEST)?;
        let note = crate::t!("fig-lowest-test", step = p.step);
        let pos = Pos::new(HPos::Center, VPos::Top);
        let below = (at.0, at.1 - 0.03 * (hi - lo));
        chart.draw_series([Text::new(note, below, fonts.tick().color(&TEST).pos(pos))])?;
    }
    let Some(step) = scene
        .descent
        .diverged_at()
        .filter(|&s| s <= points[upto].step)
    else {
        return Ok(());
    };
    let step = step as f64;
    chart.draw_series(DashedLineSeries::new(
        [(step, lo), (step, hi)],
        8,
        6,
        HOT.stroke_width(2),
    ))?;
    let text = crate::t!("fig-diverged-at", step = step);
    // Beside the line, on the side with room.
    let (side, nudge) = if step > axes.last / 2.0 {
        (HPos::Right, -0.02)
    } else {
        (HPos::Left, 0.02)
    };
    let anchor = (step + nudge * axes.last, hi - 0.04 * (hi - lo));
    let pos = Pos::new(side, VPos::Top);
    chart.draw_series([Text::new(text, anchor, fonts.label().color(&HOT).pos(pos))])?;
    Ok(())
}

/// The fit at state `upto`: the rows and ŷ(x) for one feature (ŷ at the start dashed),
/// predicted against actual for more.
fn fit_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    upto: usize,
    fonts: &Fonts,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let fit = super::fit::Fit::of(scene, upto);
    let names = (fit.names.0.as_str(), fit.names.1.as_str());
    let mut chart = value_chart(area, &fit.caption, names, (fit.x, fit.y), fonts, true)?;
    let window = (fit.x, fit.y);
    let size = fonts.size(0.35);
    for run in clip::runs(&fit.start, window) {
        chart.draw_series(DashedLineSeries::new(
            run,
            size,
            size,
            FAINT.stroke_width(2),
        ))?;
    }
    let r = fonts.size(0.3).max(3);
    let rows = fit.rows.iter().filter(|&&p| clip::inside(p, window));
    chart.draw_series(rows.map(|&p| Circle::new(p, r, TRAIN.filled())))?;
    let test = fit.test.iter().filter(|&&p| clip::inside(p, window));
    chart.draw_series(test.map(|&p| Circle::new(p, r, TEST.stroke_width(2))))?;
    let now = lines(&chart, &fit.now, window, HOT.stroke_width(3));
    chart.draw_series(now)?;
    Ok(())
}
