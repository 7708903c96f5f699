//! The fit panel for exactly two features: the model's output over the (x1, x2) plane
//! as a heatmap, its level 0.5 as the decision boundary, and the data over it.
//!
//! The plane is read as two classes when the loss is `bce` (the output is then the
//! probability p of class 1) or every target is 0 or 1 (the output ŷ then scores the
//! classes, split at 0.5); otherwise as values on the targets' scale, with no boundary.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::fit_shared::{MAX_POINTS, padded, stride_for};
use super::plot::AxisLabels;
use super::theme::Theme;
use crate::app::App;
use crate::engine::{Dataset, Loss, Model};
use crate::fmt::short;
use crate::t;

/// A point of class 1.
pub const CLASS_ONE: char = '●';
/// A point of class 0.
pub const CLASS_ZERO: char = '○';
/// A point on the wrong side of the decision boundary, in its own class's colour.
pub const WRONG: char = '✕';
/// A held-out test row, either class.
pub const TEST_ROW: char = '◇';
/// A point whose target is a value rather than a class: whole, so its colour reads.
pub const VALUE: char = '●';
/// A cell the decision boundary passes through.
pub const BOUNDARY: char = '█';
/// A row of the next mini-batch (or being explained).
pub const PICKED: char = '◉';

/// How the output over the plane reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// Two classes split at 0.5: the output is p (with `bce`) or a 0/1 score.
    Classes,
    /// Values on the targets' scale, from `lo` to `hi`.
    Values {
        /// The value drawn at the bottom of the ramp.
        lo: f64,
        /// The value drawn at the top of the ramp.
        hi: f64,
    },
}

impl Reading {
    /// How `data` fitted with `loss` reads.
    pub fn of(data: &Dataset, loss: Loss) -> Reading {
        let zero_one = data.y_slice().iter().all(|&y| y == 0.0 || y == 1.0);
        if loss == Loss::Bce || zero_one {
            Reading::Classes
        } else {
            let [lo, hi] = padded(data.y_bounds());
            Reading::Values { lo, hi }
        }
    }

    /// Where `v` falls on the ramp, 0 to 1 (beyond for values off it).
    fn t(self, v: f64) -> f64 {
        match self {
            Reading::Classes => v,
            Reading::Values { lo, hi } => (v - lo) / (hi - lo),
        }
    }
}

/// What the panel draws, in data coordinates.
pub struct Plane {
    /// x1's bounds, finite and increasing.
    pub x: [f64; 2],
    /// x2's bounds, finite and increasing.
    pub y: [f64; 2],
    model: Model,
    theta: Vec<f64>,
    reading: Reading,
    /// True when the output is a probability (the loss is `bce`).
    probability: bool,
    /// The class a click adds (key `k`), shown reversed in the legend.
    adds: f64,
    /// The (thinned) rows: x1, x2, target.
    points: Vec<[f64; 3]>,
    /// Rows picked out: the next mini-batch, or those being explained.
    picked: Vec<[f64; 3]>,
    /// The features' scaling, for labels in their own units; `None` for raw features.
    scaling: Option<crate::engine::Scaling>,
    /// The (thinned) held-out test rows: x1, x2, target.
    test: Vec<[f64; 3]>,
}

impl Plane {
    /// The plane of `app`'s data and model at its last finite parameters.
    pub fn of(app: &App) -> Plane {
        let objective = app.trainer().objective();
        let data = objective.data();
        let theta = app.last_finite().params.to_vec();
        let row = |r: usize| {
            let x = &data.x_slice()[2 * r..2 * r + 2];
            [x[0], x[1], data.y_slice()[r]]
        };
        let stride = stride_for(data.len());
        let points = (0..data.len()).step_by(stride).map(row).collect();
        let explained: Vec<usize> = (0..crate::explain::ROWS.min(data.len())).collect();
        let picked = if app.explaining().is_some() {
            Some(explained.as_slice())
        } else {
            app.next_batch()
        };
        let picked = picked
            .unwrap_or_default()
            .iter()
            .take(MAX_POINTS)
            .map(|&r| row(r))
            .collect();
        Plane {
            x: padded(data.x_bounds(0)),
            y: padded(data.x_bounds(1)),
            model: objective.model(),
            theta,
            reading: Reading::of(data, objective.loss()),
            probability: objective.loss() == Loss::Bce,
            adds: app.add_class(),
            points,
            picked,
            scaling: data.scaling().cloned(),
            test: objective.test().map_or_else(Vec::new, |t| {
                let rows = t.data();
                let every = stride_for(rows.len());
                let at = |r: usize| {
                    let x = &rows.x_slice()[2 * r..2 * r + 2];
                    [x[0], x[1], rows.y_slice()[r]]
                };
                (0..rows.len()).step_by(every).map(at).collect()
            }),
        }
    }

    /// What the heat is: `p` or `ŷ`.
    fn output(&self) -> &'static str {
        if self.probability { "p" } else { "ŷ" }
    }

    /// The panel's title: the model and what the heat is, over which features.
    /// `on` says what scaling the features went through (" on standardised x"), or is empty.
    pub fn title(&self, data: &Dataset, on: &str) -> String {
        let (a, b) = (&data.features[0], &data.features[1]);
        let fit = crate::t!("fit-title");
        format!(" {fit}: {}{on}: {}({a}, {b}) ", self.model, self.output())
    }

    /// The key to the marks, for the bottom border: the classes' glyphs in their
    /// colours and the boundary, or the ends of the value ramp.
    pub fn legend(&self, theme: &Theme) -> Line<'static> {
        let classes = self.reading == Reading::Classes;
        let mark = |glyph: char, t: f64, text: String| {
            let mut style = theme.plane_point(t, classes);
            if classes && glyph != WRONG && t == self.adds {
                style = style.add_modifier(Modifier::REVERSED);
            }
            [Span::styled(glyph.to_string(), style), Span::raw(text)]
        };
        let spans: Vec<Span<'static>> = match self.reading {
            Reading::Classes => [
                mark(CLASS_ONE, 1.0, " 1 ".to_owned()),
                mark(CLASS_ZERO, 0.0, " 0 ".to_owned()),
                mark(WRONG, 1.0, format!(" {} ", t!("legend-wrong"))),
                [
                    Span::styled(BOUNDARY.to_string(), theme.boundary()),
                    Span::raw(format!(" {}=0.5 ", self.output())),
                ],
            ]
            .into_iter()
            .flatten()
            .collect(),
            Reading::Values { lo, hi } => [
                [
                    Span::raw(format!("{} ", t!("legend-y-from"))),
                    Span::raw(String::new()),
                ],
                mark(VALUE, 0.0, format!(" {} {} ", short(lo), t!("legend-to"))),
                mark(VALUE, 1.0, format!(" {} ", short(hi))),
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        let mut line = vec![Span::raw(" ")];
        line.extend(spans);
        Line::from(line)
    }

    /// The tick labels: x1 across with its name, x2 up with its name halfway, each in
    /// the feature's own units (the plane is drawn as the model sees the features).
    pub fn labels<'a>(&self, names: (&'a str, &'a str)) -> AxisLabels<'a> {
        let own =
            |j: usize, v: f64| short(self.scaling.as_ref().map_or(v, |s| s.to_original(j, v)));
        let mut y = vec![(1.0, own(1, self.y[1])), (0.0, own(1, self.y[0]))];
        y.push((0.5, names.1.to_owned()));
        AxisLabels {
            x: (own(0, self.x[0]), own(0, self.x[1])),
            y,
            x_name: Some(names.0),
        }
    }

    /// The model's output at (x1, x2).
    fn value(&self, x1: f64, x2: f64) -> f64 {
        self.model.predict(&self.theta, &[x1, x2])
    }

    /// The output at the centre of each half cell of `area`, two rows of samples per
    /// row of cells, top first: one prediction each, so a frame's cost is bounded by
    /// the area alone.
    fn samples(&self, area: Rect) -> Vec<Vec<f64>> {
        let (w, h) = (usize::from(area.width), 2 * usize::from(area.height));
        (0..h)
            .map(|sub| {
                let x2 = self.y[1] - (sub as f64 + 0.5) / h as f64 * (self.y[1] - self.y[0]);
                (0..w)
                    .map(|col| {
                        let x1 =
                            self.x[0] + (col as f64 + 0.5) / w as f64 * (self.x[1] - self.x[0]);
                        self.value(x1, x2)
                    })
                    .collect()
            })
            .collect()
    }

    /// Draws the heatmap, the boundary and the points in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.is_empty() {
            return;
        }
        let samples = self.samples(area);
        let classes = self.reading == Reading::Classes;
        for row in 0..area.height {
            for col in 0..area.width {
                let (c, r) = (usize::from(col), 2 * usize::from(row));
                let (top, bottom) = (samples[r][c], samples[r + 1][c]);
                let (glyph, style) = if classes && on_boundary(&samples, c, r) {
                    (BOUNDARY, theme.boundary())
                } else {
                    let t = |v| self.reading.t(v);
                    theme.plane_cell(t(top), t(bottom), classes)
                };
                if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                    cell.reset();
                    cell.set_char(glyph).set_style(style);
                }
            }
        }
        self.draw_points(area, buf, theme);
    }

    /// The data over the heat: the rightly classified first, so that the wrong ones,
    /// drawn last, are never hidden under them; then the picked rows.
    fn draw_points(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let classes = self.reading == Reading::Classes;
        let marks: Vec<([f64; 3], char)> =
            self.points.iter().map(|&p| (p, self.glyph(p))).collect();
        let (wrong, right): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| m.1 == WRONG);
        for (p, glyph) in right.into_iter().chain(wrong) {
            let style = theme.plane_point(self.reading.t(p[2]), classes);
            self.mark(area, buf, p, glyph, style);
        }
        // Held-out rows: one glyph whatever the class, in the class's (or value's) colour.
        for &p in &self.test {
            let style = theme.plane_point(self.reading.t(p[2]), classes);
            self.mark(area, buf, p, TEST_ROW, style);
        }
        let picked = theme.batch().add_modifier(Modifier::BOLD);
        for &p in &self.picked {
            self.mark(area, buf, p, PICKED, picked);
        }
    }

    /// The glyph of a data point: its class, or wrong; a value's dot.
    fn glyph(&self, [x1, x2, y]: [f64; 3]) -> char {
        match self.reading {
            Reading::Values { .. } => VALUE,
            Reading::Classes => {
                let says_one = self.value(x1, x2) >= 0.5;
                match (y >= 0.5, says_one) {
                    (true, true) => CLASS_ONE,
                    (false, false) => CLASS_ZERO,
                    _ => WRONG,
                }
            }
        }
    }

    /// `glyph` in `style` on the cell where `p` falls, keeping the cell's background.
    fn mark(&self, area: Rect, buf: &mut Buffer, p: [f64; 3], glyph: char, style: Style) {
        if let Some((col, row)) = self.cell(area, p[0], p[1])
            && let Some(cell) = buf.cell_mut((col, row))
        {
            cell.set_char(glyph).set_style(style);
        }
    }

    /// The cell of `area` that (x1, x2) falls in; `None` for NaN.
    pub fn cell(&self, area: Rect, x1: f64, x2: f64) -> Option<(u16, u16)> {
        if x1.is_nan() || x2.is_nan() || area.is_empty() {
            return None;
        }
        let fx = (x1 - self.x[0]) / (self.x[1] - self.x[0]);
        let fy = (self.y[1] - x2) / (self.y[1] - self.y[0]);
        let col = (fx * f64::from(area.width)).floor();
        let row = (fy * f64::from(area.height)).floor();
        let col = col.clamp(0.0, f64::from(area.width - 1)) as u16;
        let row = row.clamp(0.0, f64::from(area.height - 1)) as u16;
        Some((area.x + col, area.y + row))
    }
}

/// True when the output crosses 0.5 within the cell at column `c` whose upper sample
/// is row `r`, or between it and the cell to its right or below: the boundary then
/// runs as a line of cells, one thick, without gaps where it is steep or shallow.
fn on_boundary(samples: &[Vec<f64>], c: usize, r: usize) -> bool {
    let side = |r: usize, c: usize| -> Option<bool> {
        let v = *samples.get(r)?.get(c)?;
        (!v.is_nan()).then_some(v >= 0.5)
    };
    let Some(here) = side(r, c) else {
        return false;
    };
    [(r + 1, c), (r + 2, c), (r, c + 1), (r + 1, c + 1)]
        .into_iter()
        .filter_map(|(r, c)| side(r, c))
        .any(|s| s != here)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::scenario::Scenario;
    use crate::testing::{app_for, row_text};
    use crate::ui::fit::FitPanel;
    use crate::ui::theme::ColorMode;
    use ratatui::style::Color;
    use ratatui::widgets::Widget;

    /// `dataset` fitted by `linear` with `mse` after `steps` updates.
    fn trained(dataset: &str, steps: usize) -> App {
        let mut app = app_for(Scenario {
            dataset: Some(dataset.into()),
            model: Some("linear".into()),
            lr: Some(0.05),
            ..Default::default()
        });
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

    /// Cells inside the border (not the legend's) showing `glyph`.
    fn count(buf: &Buffer, glyph: char) -> usize {
        let a = buf.area;
        (1..a.height.saturating_sub(1))
            .flat_map(|y| (1..a.width.saturating_sub(1)).map(move |x| (x, y)))
            .filter(|&p| buf[p].symbol() == glyph.to_string())
            .count()
    }

    fn all_text(buf: &Buffer) -> String {
        (0..buf.area.height).map(|y| row_text(buf, y)).collect()
    }

    #[test]
    fn two_features_draw_the_plane_with_its_title_axes_and_legend() {
        let app = trained("gauss", 100);
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        let title = row_text(&buf, 0);
        assert!(title.contains(" fit: linear: ŷ(x1, x2) "), "{title}");
        let bottom = row_text(&buf, 19);
        assert!(bottom.contains("● 1 ○ 0 ✕ wrong █ ŷ=0.5"), "{bottom}");
        let text = all_text(&buf);
        assert!(text.contains("x1") && text.contains("x2"), "{text}");
        assert!(!text.contains("predicted"), "{text}");
        // Two separable blobs, fitted: both classes drawn, the boundary between them.
        assert!(count(&buf, CLASS_ONE) >= 10 && count(&buf, CLASS_ZERO) >= 10);
        assert!(count(&buf, BOUNDARY) >= 10, "{text}");
        assert!(count(&buf, WRONG) <= 2, "{text}");
        // Half blocks everywhere else: the heatmap fills the plot.
        assert!(count(&buf, '▀') > 500);
    }

    #[test]
    fn each_side_of_the_boundary_takes_its_class_colour() {
        let app = trained("gauss", 100);
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        let blue_minus_red = |x: u16, y: u16| match buf[(x, y)].bg {
            Color::Rgb(r, _, b) => i32::from(b) - i32::from(r),
            other => panic!("{other:?}"),
        };
        // Class 1 sits at (2, 2), top right; class 0 at (−2, −2), bottom left.
        assert!(blue_minus_red(57, 2) > 20, "{:?}", buf[(57, 2)]);
        assert!(blue_minus_red(10, 17) < -20, "{:?}", buf[(10, 17)]);
        // Points are brighter than the heat behind them.
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        let one = buf
            .content()
            .iter()
            .find(|c| c.symbol() == CLASS_ONE.to_string())
            .unwrap();
        assert_eq!(Some(one.fg), theme.plane_point(1.0, true).fg);
    }

    #[test]
    fn points_on_the_wrong_side_are_crosses() {
        // At the start ŷ = 0 everywhere: every class-1 point is on the wrong side.
        let app = trained("circle", 0);
        let buf = draw(&app, ColorMode::Ansi16, 60, 20);
        assert_eq!(count(&buf, CLASS_ONE), 0);
        assert!(count(&buf, WRONG) >= 10 && count(&buf, CLASS_ZERO) >= 10);
        // ŷ is 0 everywhere, so no boundary crosses the plane.
        assert_eq!(count(&buf, BOUNDARY), 0);
    }

    #[test]
    fn monochrome_tells_classes_and_sides_by_glyph() {
        let app = trained("gauss", 100);
        let buf = draw(&app, ColorMode::Monochrome, 60, 20);
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        assert!(count(&buf, CLASS_ONE) >= 10 && count(&buf, CLASS_ZERO) >= 10);
        assert!(count(&buf, BOUNDARY) >= 10);
        // Class 1's side shaded, class 0's blank.
        assert!(count(&buf, '▒') + count(&buf, '░') > 100);
        assert_eq!(buf[(57, 2)].symbol(), "▒");
    }

    #[test]
    fn every_colour_mode_draws_without_garbage() {
        for dataset in ["circle", "xor", "spiral", "plane"] {
            let app = trained(dataset, 5);
            for mode in [
                ColorMode::Rgb,
                ColorMode::Ansi256,
                ColorMode::Ansi16,
                ColorMode::Monochrome,
            ] {
                let text = all_text(&draw(&app, mode, 50, 16));
                assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
            }
        }
    }

    #[test]
    fn regression_targets_are_values_without_a_boundary() {
        let app = trained("plane", 20);
        let data = app.trainer().objective().data();
        assert!(matches!(
            Reading::of(data, Loss::Mse),
            Reading::Values { .. }
        ));
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        assert!(count(&buf, VALUE) >= 20);
        assert_eq!(count(&buf, BOUNDARY) + count(&buf, WRONG), 0);
        let bottom = row_text(&buf, 19);
        assert!(
            bottom.contains("y from ● ") && !bottom.contains("0.5"),
            "{bottom}"
        );
        assert!(row_text(&buf, 0).contains(" fit: linear: ŷ(x1, x2) "));
    }

    #[test]
    fn bce_reads_as_classes_whatever_the_targets() {
        let app = trained("plane", 0);
        let data = app.trainer().objective().data();
        assert_eq!(Reading::of(data, Loss::Bce), Reading::Classes);
        let app = trained("xor", 0);
        let data = app.trainer().objective().data();
        assert_eq!(Reading::of(data, Loss::Mse), Reading::Classes);
    }

    #[test]
    fn the_boundary_is_where_the_output_crosses_a_half() {
        let grid = |rows: &[[f64; 3]]| rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        // Crossing between columns 1 and 2: column 1 marks it, nothing else does.
        let g = grid(&[
            [0.0, 0.0, 1.0],
            [0.0, 0.0, 1.0],
            [0.0, 0.0, 1.0],
            [0.0, 0.0, 1.0],
        ]);
        let marked: Vec<(usize, usize)> = [0, 2]
            .into_iter()
            .flat_map(|r| (0..3).map(move |c| (c, r)))
            .filter(|&(c, r)| on_boundary(&g, c, r))
            .collect();
        assert_eq!(marked, vec![(1, 0), (1, 2)]);
        // Within a cell, top against bottom; NaN is no side.
        let g = grid(&[[1.0, f64::NAN, 0.0], [0.0, 0.0, 0.0]]);
        assert!(on_boundary(&g, 0, 0));
        assert!(!on_boundary(&g, 1, 0));
        assert!(!on_boundary(&g, 2, 0));
    }

    #[test]
    fn points_fall_in_the_cell_that_covers_them() {
        let app = trained("xor", 0);
        let plane = Plane::of(&app);
        let area = Rect::new(3, 2, 10, 5);
        assert_eq!(plane.cell(area, plane.x[0], plane.y[1]), Some((3, 2)));
        assert_eq!(plane.cell(area, plane.x[1], plane.y[0]), Some((12, 6)));
        assert_eq!(plane.cell(area, 1e300, -1e300), Some((12, 6)));
        assert_eq!(plane.cell(area, f64::NAN, 0.0), None);
    }

    #[test]
    fn held_out_rows_are_drawn_apart_from_the_training_rows() {
        let app = crate::testing::app_for(crate::scenario::Scenario {
            dataset: Some("xor".into()),
            n: Some(40),
            test_fraction: Some(0.25),
            model: Some("logistic".into()),
            loss: Some("bce".into()),
            ..Default::default()
        });
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        let shown = count(&buf, TEST_ROW);
        assert!(
            (5..=10).contains(&shown),
            "10 test rows, a few may share a cell: {shown}"
        );
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let app = trained("circle", 2);
        for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 3), (12, 3), (5, 40), (40, 4)] {
            for mode in [ColorMode::Rgb, ColorMode::Monochrome] {
                draw(&app, mode, w, h);
            }
        }
    }

    #[test]
    fn many_rows_are_thinned_and_the_cost_stays_bounded() {
        let app = app_for(Scenario {
            dataset: Some("gauss".into()),
            n: Some(100_000),
            model: Some("linear".into()),
            ..Default::default()
        });
        let plane = Plane::of(&app);
        assert!(plane.points.len() <= MAX_POINTS);
        let buf = draw(&app, ColorMode::Rgb, 60, 20);
        assert!(row_text(&buf, 0).contains("(every 25th row)"));
    }

    #[test]
    fn a_click_adds_a_point_of_the_chosen_class_where_it_lands() {
        let mut app = trained("gauss", 0);
        let area = Rect::new(0, 0, 60, 20);
        let frame = crate::ui::fit_frame(&app, area).expect("a plane");
        assert!(frame.plane);
        let (col, row) = (frame.canvas.x + 3, frame.canvas.y + 2);
        let (x1, x2) = frame.point_at(col, row).unwrap();
        update(&mut app, Action::ToggleAddClass);
        assert_eq!(app.add_class(), 0.0);
        update(&mut app, Action::AddPlanePoint(x1, x2));
        let data = app.trainer().objective().data();
        assert_eq!(data.len(), 201);
        assert_eq!(data.y_slice()[200], 0.0);
        assert_eq!(&data.x_slice()[400..], &[x1, x2]);
        // Drawn in the very cell clicked: class 0 where ŷ < 0.5 at the start.
        let buf = draw(&app, ColorMode::Ansi16, 60, 20);
        assert_eq!(buf[(col, row)].symbol(), CLASS_ZERO.to_string());
        // The legend shows the class a click adds reversed.
        let zero = (0..60)
            .map(|x| (x, 19))
            .find(|&p| buf[p].symbol() == CLASS_ZERO.to_string())
            .unwrap();
        assert!(buf[zero].modifier.contains(Modifier::REVERSED));
    }
}
