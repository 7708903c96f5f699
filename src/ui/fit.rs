//! The fit panel: the data and the model's current curve.
//!
//! One feature: the data as points and ŷ(x) as a curve over the data's x range.
//! Two features: the output over the (x1, x2) plane, drawn by [`super::fit2d`].
//! Three or more: predicted (across) against actual (up), with the diagonal y = x
//! where a perfect fit would put every point.

use crate::t;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment, Points};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit_shared::{MAX_POINTS, padded, stride_for};
use super::fit2d;
use super::plot::{AxisLabels, color_of};
use super::theme::Theme;
use crate::app::{App, FitFrame};
use crate::engine::{Dataset, Model};
use crate::fmt::short;

/// A data point drawn whole-cell.
pub(super) const DATA: char = '•';
/// A held-out test row.
pub(super) const TEST: char = '○';
/// A row of the next mini-batch.
pub(super) const BATCH: char = '●';
/// Under each unit's centre or hinge.
pub(super) const HINGE: char = '┴';

/// How far past the data's range (as a share of its span) the model may stretch an axis.
const REACH: f64 = 0.5;

/// Curve samples per cell column (Braille has two dot columns per cell).
const SAMPLES_PER_COLUMN: usize = 2;

/// Samples used to find the curve's range before the plot's width is known.
const PROBE_SAMPLES: usize = 256;

/// The fit panel.
pub struct FitPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for FitPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let objective = self.app.trainer().objective();
        if let Some(surface) = objective.as_surface() {
            let (app, theme) = (self.app, self.theme);
            return super::surface::SurfacePanel {
                app,
                surface,
                theme,
            }
            .render(area, buf);
        }
        let data = objective.data();
        let model = objective.model();
        let stride = stride_for(data.len());
        let one_feature = data.n_features() == 1;
        let plane = (data.n_features() == 2).then(|| fit2d::Plane::of(self.app));
        let heading = |on: &str| {
            if one_feature {
                format!(" {}: {model}{on} ", t!("fit-title"))
            } else if let Some(plane) = &plane {
                plane.title(data, on)
            } else {
                format!(" {} ", t!("fit-predicted-vs-actual"))
            }
        };
        // "on standardised x" goes where it fits whole; the header says it too.
        let scaled = heading(&on_scaled(data));
        let fits = scaled.width() + 2 <= usize::from(area.width);
        let mut title = vec![Span::raw(if fits { scaled } else { heading("") })];
        // The sampling note goes where it fits whole (the border's corners take two
        // columns): a cut "(every 75t" would say nothing.
        let used: usize = title.iter().map(|s| s.content.width()).sum();
        let note = format!("{} ", t!("fit-every-row", n = stride));
        if stride > 1 && used + note.width() + 2 <= usize::from(area.width) {
            title.push(Span::styled(note, self.theme.dim()));
        }
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(Line::from(title));
        if let Some(plane) = &plane {
            block = block.title_bottom(plane.legend(self.theme));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        if let Some(plane) = plane {
            let names = (data.features[0].as_str(), data.features[1].as_str());
            let canvas_area = plane.labels(names).render(inner, buf, self.theme.dim());
            plane.render(canvas_area, buf, self.theme);
            return;
        }
        let plot = plot_of(self.app);
        let canvas_area = labels_of(&plot, data).render(inner, buf, self.theme.dim());
        plot.render(canvas_area, buf, self.theme);
    }
}

/// The frame of a one- or two-feature fit panel drawn in `area`; `None` for more features.
pub fn fit_frame(app: &App, area: Rect) -> Option<FitFrame> {
    // A surface has no data to click points into.
    app.trainer()
        .objective()
        .as_surface()
        .is_none()
        .then_some(())?;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let data = app.trainer().objective().data();
    if data.n_features() == 2 {
        let plane = fit2d::Plane::of(app);
        let names = (data.features[0].as_str(), data.features[1].as_str());
        let mut scratch = Buffer::empty(area);
        let canvas = plane
            .labels(names)
            .render(inner, &mut scratch, Style::new());
        return (!canvas.is_empty()).then_some(FitFrame {
            canvas,
            x: plane.x,
            y: plane.y,
            plane: true,
        });
    }
    if data.n_features() != 1 {
        return None;
    }
    let plot = plot_of(app);
    // The labels decide the canvas; laying them out on scratch keeps one source of truth.
    let mut scratch = Buffer::empty(area);
    let canvas = labels_of(&plot, data).render(inner, &mut scratch, Style::new());
    (!canvas.is_empty()).then_some(FitFrame {
        canvas,
        x: plot.x,
        y: plot.y,
        plane: false,
    })
}

fn plot_of(app: &App) -> Plot {
    let objective = app.trainer().objective();
    let data = objective.data();
    let stride = stride_for(data.len());
    let theta = app
        .last_finite()
        .params
        .as_slice()
        .expect("params are contiguous");
    let test = objective.test().map(|t| t.data());
    let mut plot = if data.n_features() == 1 {
        Plot::curve(data, test, objective.model(), theta, stride)
    } else {
        Plot::scatter(data, objective.model(), theta, stride)
    };
    // The rows picked out: while explaining, the ones the explanation spells out (it
    // explains a full-batch update); with mini-batches, the ones the next update uses.
    let explained: Vec<usize> = (0..crate::explain::ROWS.min(data.len())).collect();
    let picked = if app.explaining().is_some() {
        Some(explained.as_slice())
    } else {
        app.next_batch()
    };
    if let Some(rows) = picked {
        let k = data.n_features();
        let (xs, ys) = (data.x_slice(), data.y_slice());
        plot.batch = rows
            .iter()
            .take(MAX_POINTS)
            .map(|&r| {
                let x = &xs[r * k..(r + 1) * k];
                let across = if k == 1 {
                    x[0]
                } else {
                    objective.model().predict(theta, x)
                };
                (across, ys[r])
            })
            .collect();
    }
    plot
}

/// The plot's tick labels; one feature's in its own units, whatever scaling the model
/// sees it through (the plot is drawn as the model sees it: the transform is affine).
fn labels_of(plot: &Plot, data: &Dataset) -> AxisLabels<'static> {
    let one_feature = data.n_features() == 1;
    let mut y = AxisLabels::ends(plot.y);
    if !one_feature {
        // The vertical axis is named halfway up, as the horizontal one is named
        // between its ends: with several features neither axis is x.
        y.push((0.5, "actual".to_owned()));
    }
    let across = |v: f64| {
        short(if one_feature {
            data.to_original(0, v)
        } else {
            v
        })
    };
    AxisLabels {
        x: (across(plot.x[0]), across(plot.x[1])),
        y,
        x_name: (!one_feature).then_some("predicted"),
    }
}

/// " on standardised x" (or centred) when the model sees scaled features; empty for raw.
pub(super) fn on_scaled(data: &Dataset) -> String {
    match data.scale() {
        crate::engine::Scale::Raw => String::new(),
        scale => format!(
            " {}",
            t!("fit-on-scaled", done = crate::report::scaled_words(scale))
        ),
    }
}

/// What the second layer of the plot is.
enum Guide {
    /// ŷ(x) of one feature, sampled once the plot's width is known.
    Model(Model, Vec<f64>),
    /// The diagonal predicted = actual.
    Diagonal,
}

/// What the canvas draws, in data coordinates.
struct Plot {
    /// Horizontal bounds, finite and increasing.
    x: [f64; 2],
    /// Vertical bounds, finite and increasing.
    y: [f64; 2],
    /// The (thinned) data points: (x, y), or (predicted, actual).
    points: Vec<(f64, f64)>,
    /// The curve or the diagonal.
    guide: Guide,
    /// The rows of the next mini-batch, placed as `points` are.
    batch: Vec<(f64, f64)>,
    /// The (thinned) held-out test rows, placed as `points` are.
    test: Vec<(f64, f64)>,
}

impl Plot {
    /// Data points and ŷ(x) for one feature, over the test rows' range too.
    fn curve(
        data: &Dataset,
        test: Option<&Dataset>,
        model: Model,
        theta: &[f64],
        stride: usize,
    ) -> Plot {
        let (xs, ys) = (data.x_slice(), data.y_slice());
        // The dataset keeps its ranges: scanning a million rows every frame is too slow.
        let both = |own: (f64, f64), held: Option<(f64, f64)>| {
            held.map_or(own, |(lo, hi)| (own.0.min(lo), own.1.max(hi)))
        };
        let x = padded(both(data.x_bounds(0), test.map(|t| t.x_bounds(0))));
        let actual = both(data.y_bounds(), test.map(Dataset::y_bounds));
        let probe = sample(model, theta, x, PROBE_SAMPLES);
        let y = padded(reach(actual, probe.iter().map(|&(_, y)| y)));
        let points = xs
            .iter()
            .zip(ys)
            .step_by(stride)
            .map(|(&x, &y)| (x, y))
            .collect();
        let test = test.map_or_else(Vec::new, |t| {
            let every = stride_for(t.len());
            let rows = t.x_slice().iter().zip(t.y_slice()).step_by(every);
            rows.map(|(&x, &y)| (x, y)).collect()
        });
        Plot {
            x,
            y,
            points,
            guide: Guide::Model(model, theta.to_vec()),
            batch: Vec::new(),
            test,
        }
    }

    /// Predicted against actual for several features, both axes on one scale.
    fn scatter(data: &Dataset, model: Model, theta: &[f64], stride: usize) -> Plot {
        let k = data.n_features();
        let ys = data.y_slice();
        let points: Vec<(f64, f64)> = data
            .x_slice()
            .chunks_exact(k)
            .zip(ys)
            .step_by(stride)
            .map(|(row, &y)| (model.predict(theta, row), y))
            .collect();
        let actual = data.y_bounds();
        let both = padded(reach(actual, points.iter().map(|&(p, _)| p)));
        Plot {
            x: both,
            y: both,
            points,
            guide: Guide::Diagonal,
            batch: Vec::new(),
            test: Vec::new(),
        }
    }

    /// Runs of connected guide points, clamped near the plot so clipping stays exact enough.
    fn guide_runs(&self, columns: u16) -> Vec<Vec<(f64, f64)>> {
        match &self.guide {
            Guide::Diagonal => vec![vec![(self.x[0], self.x[0]), (self.x[1], self.x[1])]],
            Guide::Model(model, theta) => {
                let n = (usize::from(columns) * SAMPLES_PER_COLUMN).max(2);
                let height = self.y[1] - self.y[0];
                let (lo, hi) = (self.y[0] - 10.0 * height, self.y[1] + 10.0 * height);
                let mut runs = vec![Vec::new()];
                for (x, y) in sample(*model, theta, self.x, n) {
                    if y.is_finite() {
                        runs.last_mut()
                            .expect("never empty")
                            .push((x, y.clamp(lo, hi)));
                    } else if !runs.last().expect("never empty").is_empty() {
                        runs.push(Vec::new());
                    }
                }
                runs
            }
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.is_empty() {
            return;
        }
        let runs = self.guide_runs(area.width);
        let units = self.unit_runs(area.width);
        let guide_color = match self.guide {
            Guide::Model(..) => color_of(theme.model()),
            Guide::Diagonal => color_of(theme.dim()),
        };
        let unit_color = color_of(theme.dim());
        let points = self.clamped(&self.points);
        let draw_guide = |ctx: &mut Context| {
            for (runs, color) in [(&units, unit_color), (&runs, guide_color)] {
                for run in runs {
                    if let [(x, y)] = run.as_slice() {
                        ctx.draw(&Points::new(&[(*x, *y)], color));
                    }
                    for pair in run.windows(2) {
                        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
                        ctx.draw(&Segment::new(x1, y1, x2, y2, color));
                    }
                }
                ctx.layer();
            }
        };
        // A few points go over the curve as whole-cell bullets, so each stays visible
        // where the fit passes through it; a cloud of them goes under as Braille dots, or
        // it would hide the curve.
        let cells = usize::from(area.width) * usize::from(area.height);
        if points.len() * 4 <= cells {
            self.canvas(Marker::Braille, draw_guide).render(area, buf);
            self.bullets(&points, DATA, theme.data(), area, buf);
        } else {
            let data_color = color_of(theme.data());
            let marker = if theme.has_color() {
                Marker::Braille
            } else {
                Marker::Dot
            };
            self.canvas(marker, |ctx| ctx.draw(&Points::new(&points, data_color)))
                .render(area, buf);
            self.canvas(Marker::Braille, draw_guide).render(area, buf);
        }
        self.hinges(area, theme, buf);
        self.bullets(
            &self.clamped(&self.test),
            TEST,
            theme.test_line(),
            area,
            buf,
        );
        self.bullets(&self.clamped(&self.batch), BATCH, theme.batch(), area, buf);
    }

    /// `points` without NaN, a value off the scale pinned to the edge it ran past.
    fn clamped(&self, points: &[(f64, f64)]) -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|(x, y)| !x.is_nan() && !y.is_nan())
            .map(|&(x, y)| (x.clamp(self.x[0], self.x[1]), y.clamp(self.y[0], self.y[1])))
            .collect()
    }

    /// The cell of `area` where a point falls.
    fn cell(&self, area: Rect, (x, y): (f64, f64)) -> (u16, u16) {
        let fx = (x - self.x[0]) / (self.x[1] - self.x[0]);
        let fy = (self.y[1] - y) / (self.y[1] - self.y[0]);
        let col = (fx * f64::from(area.width - 1))
            .round()
            .clamp(0.0, f64::from(area.width - 1));
        let row = (fy * f64::from(area.height - 1))
            .round()
            .clamp(0.0, f64::from(area.height - 1));
        (area.x + col as u16, area.y + row as u16)
    }

    /// Each of `points` as `glyph` in `style`, bold, one whole cell each.
    fn bullets(
        &self,
        points: &[(f64, f64)],
        glyph: char,
        style: Style,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let style = style.add_modifier(Modifier::BOLD);
        for &p in points {
            if let Some(cell) = buf.cell_mut(self.cell(area, p)) {
                cell.set_char(glyph).set_style(style);
            }
        }
    }

    /// Each unit's contribution to ŷ as its own faint curve: c·act(w·x + b) for a sum of
    /// units; for an `mlp` with an identity output, each last-hidden-layer unit's term
    /// W⁽ᴸ⁾[1,u]·a⁽ᴸ⁻¹⁾ᵤ(x) (with one hidden layer, its first-layer units). These sum, with
    /// the output bias, to the curve; with σ's output they would be on the logit's scale,
    /// so none are drawn.
    fn unit_runs(&self, columns: u16) -> Vec<Vec<(f64, f64)>> {
        let Guide::Model(model, theta) = &self.guide else {
            return Vec::new();
        };
        let terms: Box<dyn Fn(f64) -> Vec<f64>> = match *model {
            Model::Sum { activation, units } => Box::new(move |x| {
                (0..units)
                    .map(|u| {
                        let (w, b, c) = (theta[3 * u], theta[3 * u + 1], theta[3 * u + 2]);
                        c * activation.eval(w * x + b).0
                    })
                    .collect()
            }),
            Model::Mlp(m) if m.inputs() == 1 && !m.sigmoid_output => {
                Box::new(move |x| m.output_terms(theta, &[x]))
            }
            _ => return Vec::new(),
        };
        let n = (usize::from(columns) * SAMPLES_PER_COLUMN).max(2);
        let height = self.y[1] - self.y[0];
        let (lo, hi) = (self.y[0] - 10.0 * height, self.y[1] + 10.0 * height);
        let samples: Vec<(f64, Vec<f64>)> = (0..n)
            .map(|j| {
                let x = self.x[0] + (self.x[1] - self.x[0]) * j as f64 / (n - 1) as f64;
                (x, terms(x))
            })
            .collect();
        let units = samples.first().map_or(0, |s| s.1.len());
        (0..units)
            .map(|u| {
                samples
                    .iter()
                    .map(|(x, t)| (*x, t[u].clamp(lo, hi)))
                    .filter(|p| p.1.is_finite())
                    .collect()
            })
            .collect()
    }

    /// `┴` on the bottom row under each unit's centre or hinge, x = −b/w (an `mlp`'s
    /// first-layer units).
    fn hinges(&self, area: Rect, theme: &Theme, buf: &mut Buffer) {
        let turns = match &self.guide {
            Guide::Model(Model::Sum { units, .. }, theta) => (0..*units)
                .map(|u| -theta[3 * u + 1] / theta[3 * u])
                .collect(),
            Guide::Model(Model::Mlp(m), theta) => m.first_layer_turns(theta),
            _ => return,
        };
        for x in turns {
            if x.is_finite() && x >= self.x[0] && x <= self.x[1] {
                let (col, _) = self.cell(area, (x, self.y[0]));
                if let Some(cell) = buf.cell_mut((col, area.bottom() - 1)) {
                    cell.set_char(HINGE).set_style(theme.dim());
                }
            }
        }
    }

    fn canvas<F: Fn(&mut Context)>(&self, marker: Marker, paint: F) -> Canvas<'static, F> {
        Canvas::default()
            .marker(marker)
            .x_bounds(self.x)
            .y_bounds(self.y)
            .paint(paint)
    }
}

/// `n` samples (x, ŷ(x)) evenly over `x`, ends included; ŷ may be non-finite.
fn sample(model: Model, theta: &[f64], x: [f64; 2], n: usize) -> Vec<(f64, f64)> {
    let n = n.max(2);
    (0..n)
        .map(|j| {
            let t = j as f64 / (n - 1) as f64;
            let xj = x[0] + (x[1] - x[0]) * t;
            (xj, model.predict(theta, &[xj]))
        })
        .collect()
}

/// `reference` widened to take in `others`, but never by more than [`REACH`] of its span
/// each way (or its magnitude when it has no span): a model that runs off to huge values
/// must not squash the data into a line. Non-finite `others` are ignored.
fn reach(reference: (f64, f64), others: impl Iterator<Item = f64>) -> (f64, f64) {
    let (a, b) = reference;
    let span = b - a;
    let margin = if span > 0.0 && span.is_finite() {
        REACH * span
    } else {
        a.abs().max(b.abs()).max(1.0)
    };
    let (floor, ceiling) = (a - margin, b + margin);
    others
        .filter(|v| v.is_finite())
        .fold((a, b), |(lo, hi), v| {
            (lo.min(v.max(floor)), hi.max(v.min(ceiling)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::scenario::Scenario;
    use crate::testing::row_text;
    use crate::ui::plot::finite_range;
    use crate::ui::theme::ColorMode;
    use proptest::prelude::*;
    use ratatui::style::Color;

    use crate::testing::{app_for, lesson};

    fn stepped(name: &str, steps: usize) -> App {
        let mut app = lesson(name);
        for _ in 0..steps {
            update(&mut app, Action::Step);
        }
        app
    }

    fn draw(app: &App, mode: ColorMode, width: u16, height: u16) -> Buffer {
        let theme = Theme { mode, light: false };
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        FitPanel { app, theme: &theme }.render(area, &mut buf);
        buf
    }

    /// Cells inside the border whose foreground is `color`.
    fn cells_coloured(buf: &Buffer, color: Color) -> usize {
        let a = buf.area;
        (1..a.height.saturating_sub(1))
            .flat_map(|y| (1..a.width.saturating_sub(1)).map(move |x| (x, y)))
            .filter(|&p| buf[p].fg == color && buf[p].symbol() != " ")
            .count()
    }

    #[test]
    fn one_feature_titles_the_model_and_draws_data_and_curve() {
        let app = stepped("sigmoid", 50);
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        assert!(
            row_text(&buf, 0).contains(" fit: sigmoid "),
            "{}",
            row_text(&buf, 0)
        );
        assert!(cells_coloured(&buf, color_of(theme.model())) >= 10);
        // Few points are drawn over the curve: each of the 20 stays visible, fit or not.
        assert!(cells_coloured(&buf, color_of(theme.data())) >= 15);
        // The x range of the data with its margin, on the bottom row.
        let bottom = row_text(&buf, 10);
        assert!(
            bottom.contains("-4.4") && bottom.contains("4.4"),
            "{bottom}"
        );
    }

    #[test]
    fn the_curve_follows_the_model_across_the_plot() {
        let app = lesson("sigmoid");
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let model = color_of(theme.model());
        let columns: std::collections::BTreeSet<u16> = (1..11)
            .flat_map(|y| (0..40).map(move |x| (x, y)))
            .filter(|&p| buf[p].fg == model)
            .map(|(x, _)| x)
            .collect();
        // A sampled curve reaches (nearly) every column of the plot.
        assert!(columns.len() >= 25, "{columns:?}");
    }

    #[test]
    fn logistic_plots_p_over_zero_one_targets() {
        let app = stepped("logistic", 30);
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        let buf = draw(&app, ColorMode::Ansi16, 40, 12);
        assert!(row_text(&buf, 0).contains(" fit: logistic "));
        assert!(cells_coloured(&buf, color_of(theme.model())) >= 10);
        assert!(cells_coloured(&buf, color_of(theme.data())) >= 2);
    }

    #[test]
    fn monochrome_has_no_colour_and_tells_data_by_bullets() {
        for name in ["sigmoid", "plane", "blowup"] {
            let app = stepped(name, 3);
            let buf = draw(&app, ColorMode::Monochrome, 40, 12);
            for cell in buf.content() {
                assert_eq!(cell.fg, Color::Reset, "{name}");
                assert_eq!(cell.bg, Color::Reset, "{name}");
            }
            let text: String = (0..12).map(|y| row_text(&buf, y)).collect();
            let two = app.trainer().objective().data().n_features() == 2;
            let glyph = if two { fit2d::VALUE } else { DATA };
            assert!(text.contains(glyph), "{name}: {text}");
        }
    }

    #[test]
    fn three_features_plot_predicted_against_actual() {
        let rows = (0..12)
            .map(|i| {
                let v = f64::from(i);
                vec![v, (v * 0.7).sin(), v % 3.0, 2.0 * v - 1.0]
            })
            .collect();
        let mut app = app_for(Scenario {
            points: Some(crate::scenario::Points {
                columns: vec!["a".into(), "b".into(), "c".into(), "y".into()],
                rows,
            }),
            model: Some("linear".into()),
            lr: Some(0.001),
            ..Default::default()
        });
        for _ in 0..5 {
            update(&mut app, Action::Step);
        }
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let buf = draw(&app, ColorMode::Rgb, 44, 12);
        assert!(
            row_text(&buf, 0).contains(" fit: predicted vs actual "),
            "{}",
            row_text(&buf, 0)
        );
        assert!(cells_coloured(&buf, color_of(theme.data())) >= 5);
        // The diagonal runs corner to corner.
        assert!(cells_coloured(&buf, color_of(theme.dim())) >= 10);
        assert!(row_text(&buf, 10).contains("predicted"));
        let left: String = (1..10).map(|y| row_text(&buf, y)).collect();
        assert!(left.contains("actual"), "{left}");
    }

    #[test]
    fn diverged_blowup_still_draws_the_data_without_garbage() {
        let app = stepped("blowup", 1);
        assert!(app.diverged());
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let text: String = (0..12).map(|y| row_text(&buf, y)).collect();
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        // Its one row, a value over the (x1, x2) plane.
        assert!(text.contains(super::fit2d::VALUE), "{text}");
    }

    #[test]
    fn non_finite_parameters_do_not_reach_the_bounds() {
        // A learning rate so large the first update overflows the parameters.
        let mut app = app_for(Scenario {
            preset: Some("sigmoid".into()),
            lr: Some(1e308),
            ..Default::default()
        });
        for _ in 0..3 {
            update(&mut app, Action::Step);
        }
        let buf = draw(&app, ColorMode::Rgb, 40, 12);
        let text: String = (0..12).map(|y| row_text(&buf, y)).collect();
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }

    #[test]
    fn a_runaway_curve_does_not_squash_the_data() {
        let data = Dataset::new(
            ndarray::Array2::from_shape_vec((3, 1), vec![0.0, 1.0, 2.0]).unwrap(),
            ndarray::Array1::from(vec![0.0, 1.0, 2.0]),
            vec!["x".into()],
            "y",
        )
        .unwrap();
        let plot = Plot::curve(&data, None, Model::Linear { features: 1 }, &[1e12, 0.0], 1);
        assert!(plot.y[0] >= -1.5 && plot.y[1] <= 3.5, "{:?}", plot.y);
        let plot = Plot::curve(
            &data,
            None,
            Model::Linear { features: 1 },
            &[f64::NAN, f64::INFINITY],
            1,
        );
        assert!(plot.y.iter().all(|v| v.is_finite()) && plot.y[0] < plot.y[1]);
        assert!(plot.guide_runs(20).iter().all(|r| r.is_empty()));
    }

    #[test]
    fn degenerate_data_gets_finite_increasing_bounds() {
        assert_eq!(padded((0.0, 0.0)), [-0.5, 0.5]);
        let [a, b] = padded((165.0, 165.0));
        assert!(a < 165.0 && b > 165.0);
        let [a, b] = padded((-1e308, 1e308));
        assert!(a.is_finite() && b.is_finite() && (b - a).is_finite() && a < b);
        assert_eq!(padded((f64::NAN, 1.0)), [-1.0, 1.0]);
        assert_eq!(finite_range([f64::NAN, f64::INFINITY].into_iter()), None);
    }

    #[test]
    fn one_row_and_equal_xs_render() {
        let app = app_for(Scenario {
            points: Some(crate::scenario::Points {
                columns: vec!["x".into(), "y".into()],
                rows: vec![vec![2.0, 3.0]],
            }),
            model: Some("linear".into()),
            ..Default::default()
        });
        let buf = draw(&app, ColorMode::Rgb, 30, 10);
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        assert!(cells_coloured(&buf, color_of(theme.model())) >= 5);
        let app = app_for(Scenario {
            points: Some(crate::scenario::Points {
                columns: vec!["x".into(), "y".into()],
                rows: vec![vec![1.0, 3.0], vec![1.0, 5.0], vec![1.0, 4.0]],
            }),
            model: Some("linear".into()),
            ..Default::default()
        });
        draw(&app, ColorMode::Rgb, 30, 10);
    }

    #[test]
    fn large_data_is_thinned_and_says_so() {
        let app = app_for(Scenario {
            dataset: Some("sigmoid".into()),
            n: Some(100_000),
            model: Some("sigmoid".into()),
            ..Default::default()
        });
        assert_eq!(stride_for(100_000), 25);
        let buf = draw(&app, ColorMode::Rgb, 50, 14);
        let title = row_text(&buf, 0);
        assert!(title.contains("(every 25th row)"), "{title}");
        // Too narrow for the note whole: it is left out, never cut.
        let narrow = row_text(&draw(&app, ColorMode::Rgb, 30, 14), 0);
        assert!(
            narrow.contains("fit: sigmoid") && !narrow.contains("(every"),
            "{narrow}"
        );
        assert_eq!(
            buf[(16, 0)].fg,
            color_of(
                Theme {
                    mode: ColorMode::Rgb,
                    light: false,
                }
                .dim()
            )
        );
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        assert!(cells_coloured(&buf, color_of(theme.data())) >= 5);
        assert!(cells_coloured(&buf, color_of(theme.model())) >= 5);
    }

    #[test]
    fn small_data_is_not_thinned() {
        assert_eq!(stride_for(1), 1);
        assert_eq!(stride_for(4000), 1);
        assert_eq!(stride_for(4001), 2);
        let every =
            |n: usize| crate::i18n::with_lang(crate::i18n::Lang::En, || t!("fit-every-row", n = n));
        assert_eq!(every(2), "(every 2nd row)");
        assert_eq!(every(11), "(every 11th row)");
        assert_eq!(every(21), "(every 21st row)");
        assert_eq!(every(103), "(every 103rd row)");
        let every =
            |n: usize| crate::i18n::with_lang(crate::i18n::Lang::Zh, || t!("fit-every-row", n = n));
        assert_eq!(every(2), "（每 2 行取 1 行）");
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let app = stepped("sigmoid", 2);
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (3, 1),
            (1, 3),
            (4, 4),
            (12, 3),
            (5, 40),
        ] {
            for mode in [ColorMode::Rgb, ColorMode::Monochrome] {
                draw(&app, mode, w, h);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Rendering never panics, whatever the area, lesson, progress or colours.
        #[test]
        fn rendering_never_panics(
            lesson_index in 0..crate::scenario::LESSONS.len(),
            steps in 0..4usize,
            x in 0..5u16,
            y in 0..5u16,
            width in 0..60u16,
            height in 0..20u16,
            mode in prop::sample::select(vec![ColorMode::Rgb, ColorMode::Ansi16, ColorMode::Monochrome]),
            huge_lr in any::<bool>(),
        ) {
            let name = crate::scenario::LESSONS[lesson_index].name;
            let mut app = app_for(Scenario {
                preset: Some(name.into()),
                lr: huge_lr.then_some(1e300),
                ..Default::default()
            });
            for _ in 0..steps {
                update(&mut app, Action::Step);
            }
            let theme = Theme { mode, light: false, };
            let mut buf = Buffer::empty(Rect::new(0, 0, 70, 30));
            FitPanel { app: &app, theme: &theme }.render(Rect::new(x, y, width, height), &mut buf);
        }
    }

    fn count(buf: &Buffer, glyph: char) -> usize {
        let a = buf.area;
        (0..a.height)
            .flat_map(|y| (0..a.width).map(move |x| (x, y)))
            .filter(|&p| buf[p].symbol() == glyph.to_string())
            .count()
    }

    #[test]
    fn data_points_are_whole_cell_bullets_that_stay_visible_once_the_fit_is_good() {
        for mode in [ColorMode::Rgb, ColorMode::Ansi16, ColorMode::Monochrome] {
            let mut app = stepped("intro", 0);
            for _ in 0..200 {
                update(&mut app, Action::Step);
            }
            let buf = draw(&app, mode, 40, 14);
            // 12 rows, a few of which may share a cell.
            assert!(count(&buf, DATA) >= 8, "{mode:?}: {}", count(&buf, DATA));
            let theme = Theme { mode, light: false };
            let bullet = (0..14)
                .flat_map(|y| (0..40).map(move |x| (x, y)))
                .find(|&p| buf[p].symbol() == DATA.to_string())
                .unwrap();
            assert!(buf[bullet].modifier.contains(Modifier::BOLD));
            if theme.has_color() {
                assert_eq!(buf[bullet].fg, color_of(theme.data()));
            }
        }
    }

    #[test]
    fn a_sum_of_units_shows_each_unit_and_its_centre() {
        let app = stepped("wiggle", 30);
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        let theta = app.last_finite().params.clone();
        let data = app.trainer().objective().data();
        let (lo, hi) = data.x_bounds(0);
        let centres = (0..3)
            .map(|u| -theta[3 * u + 1] / theta[3 * u])
            .filter(|&x| x.is_finite() && x >= lo && x <= hi)
            .count();
        assert!(centres > 0, "some centre lies in the data's range");
        assert!(
            count(&buf, HINGE) >= 1 && count(&buf, HINGE) <= 3,
            "{}",
            count(&buf, HINGE)
        );
        let faint = cells_coloured(
            &buf,
            color_of(
                Theme {
                    mode: ColorMode::Rgb,
                    light: false,
                }
                .dim(),
            ),
        );
        assert!(faint > 10, "the units' faint curves: {faint}");
        // A model of one unit draws none.
        let one = stepped("sigmoid", 3);
        assert_eq!(count(&draw(&one, ColorMode::Rgb, 60, 20), HINGE), 0);
    }

    #[test]
    fn a_one_input_network_shows_its_units_and_where_they_turn() {
        let net = |preset: &str, steps: usize| {
            let mut app = app_for(Scenario {
                preset: Some(preset.into()),
                model: Some("mlp:3".into()),
                ..Default::default()
            });
            for _ in 0..steps {
                update(&mut app, Action::Step);
            }
            app
        };
        let app = net("wiggle", 30);
        let objective = app.trainer().objective();
        let theta = app.last_finite().params.to_vec();
        let plot = Plot::curve(objective.data(), None, objective.model(), &theta, 1);
        let runs = plot.unit_runs(60);
        assert_eq!(runs.len(), 3, "one faint curve a unit");
        // The terms add up, with the output bias, to the curve itself.
        let bias = theta[theta.len() - 1];
        for k in [0, 50, 119] {
            let x = runs[0][k].0;
            let sum: f64 = runs.iter().map(|r| r[k].1).sum::<f64>() + bias;
            let y = objective.model().predict(&theta, &[x]);
            assert!((sum - y).abs() < 1e-9, "{sum} against {y} at {x}");
        }
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        assert!(
            (1..=3).contains(&count(&buf, HINGE)),
            "{}",
            count(&buf, HINGE)
        );
        // With σ's output the terms are logits, not p: no curve is drawn.
        let logit = net("logistic", 0);
        let objective = logit.trainer().objective();
        let theta = logit.last_finite().params.to_vec();
        let plot = Plot::curve(objective.data(), None, objective.model(), &theta, 1);
        assert!(plot.unit_runs(60).is_empty());
    }

    #[test]
    fn the_next_mini_batch_is_highlighted() {
        let mut app = app_for(Scenario {
            preset: Some("sigmoid".into()),
            batch_size: Some(4),
            ..Default::default()
        });
        update(&mut app, Action::Step);
        let rows = app.next_batch().expect("mini-batches").to_vec();
        assert_eq!(rows.len(), 4);
        let buf = draw(&app, ColorMode::Ansi16, 50, 16);
        let marked = count(&buf, BATCH);
        assert!((1..=4).contains(&marked), "{marked}");
        update(&mut app, Action::Step);
        assert_ne!(
            app.next_batch().unwrap(),
            rows.as_slice(),
            "the next batch moves on"
        );
    }

    #[test]
    fn the_rows_being_explained_are_picked_out() {
        let mut app = stepped("intro", 0);
        assert_eq!(count(&draw(&app, ColorMode::Rgb, 60, 20), BATCH), 0);
        update(&mut app, Action::Explain);
        let marked = count(&draw(&app, ColorMode::Rgb, 60, 20), BATCH);
        assert!(
            (1..=crate::explain::ROWS).contains(&marked),
            "rows 1 to {} marked: {marked}",
            crate::explain::ROWS
        );
    }
}
