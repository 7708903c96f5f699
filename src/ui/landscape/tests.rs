use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;

use super::heatmap::{CONTOUR, HALF};
use super::marks::{ARROWS, GHOST, GLOBAL_MINIMUM, MARKER, MINIMUM, SHAFT, START, arrow_length};
use super::path::is_path_glyph;
use super::*;
use crate::app::{Action, Viewport, update};

use crate::ui::theme::SHADES;

const RGB: Theme = Theme {
    mode: ColorMode::Rgb,
    light: false,
};
const ANSI: Theme = Theme {
    mode: ColorMode::Ansi16,
    light: false,
};
const ANSI256: Theme = Theme {
    mode: ColorMode::Ansi256,
    light: false,
};
const MONO: Theme = Theme {
    mode: ColorMode::Monochrome,
    light: false,
};

use crate::testing::lesson as app;
use crate::testing::{deliver_slice, row_text};

/// Computes, synchronously, the slice the panel in `area` asks for.
fn fill(app: &mut App, area: Rect, theme: &Theme) {
    deliver_slice(app, plot_area(area), theme);
}

fn draw(app: &App, theme: &Theme, area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    LandscapePanel { app, theme }.render(area, &mut buf);
    buf
}

fn screen(buf: &Buffer) -> String {
    let a = buf.area;
    (a.y..a.bottom()).map(|y| row_text(buf, y) + "\n").collect()
}

/// The cell `(x, y)` of the view rounds to, in absolute coordinates.
fn cell_of(app: &App, plot: Rect, (x, y): (f64, f64)) -> (u16, u16) {
    let (c, r) = app.viewport().point_to_cell(plot, x, y);
    (plot.x + c.round() as u16, plot.y + r.round() as u16)
}

fn position(app: &App) -> (f64, f64) {
    let (i, j) = app.viewport().axes().unwrap();
    let p = &app.last_finite().params;
    (p[i], p[j])
}

fn cells(area: Rect) -> impl Iterator<Item = (u16, u16)> {
    (area.y..area.bottom()).flat_map(move |y| (area.x..area.right()).map(move |x| (x, y)))
}

/// Heat of `loss` among `losses`, computed here independently of the panel.
fn t_of(losses: &[f64], loss: f64) -> f64 {
    let finite: Vec<f64> = losses
        .iter()
        .copied()
        .filter(|l| l.is_finite() && *l > 0.0)
        .collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min).log10();
    let hi = finite
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max)
        .log10();
    if !loss.is_finite() {
        1.0
    } else if loss <= 0.0 || hi <= lo {
        0.0
    } else {
        ((loss.log10() - lo) / (hi - lo)).clamp(0.0, 1.0)
    }
}

fn is_arrow_glyph(symbol: &str) -> bool {
    symbol == SHAFT.to_string() || ARROWS.iter().any(|a| symbol == a.to_string())
}

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 70,
    height: 20,
};

#[test]
fn the_title_names_both_axes() {
    let mut a = app("intro");
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let top = row_text(&buf, 0);
    assert!(top.contains(" loss landscape: w × b "), "{top}");
    assert!(top.contains("|∇| = "), "{top}");
    assert!(!top.contains("updating"), "{top}");
}

#[test]
fn without_a_slice_the_plot_says_it_is_computing() {
    let a = app("intro");
    assert!(a.landscape().is_none());
    let buf = draw(&a, &RGB, AREA);
    assert!(screen(&buf).contains("computing landscape…"));
    assert!(!screen(&buf).contains(HALF));
    // A slice for another view is not painted either.
    let mut b = app("intro");
    fill(&mut b, AREA, &RGB);
    update(&mut b, Action::ZoomIn);
    let buf = draw(&b, &RGB, AREA);
    assert!(screen(&buf).contains("computing landscape…"));
    // Nor one of the wrong size.
    let mut c = app("intro");
    fill(&mut c, Rect::new(0, 0, 60, 20), &RGB);
    assert!(screen(&draw(&c, &RGB, AREA)).contains("computing landscape…"));
}

#[test]
fn the_current_position_is_a_white_on_black_bold_dot() {
    let mut a = app("intro");
    for _ in 0..3 {
        update(&mut a, Action::Step);
    }
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let plot = plot_area(AREA);
    let cell = &buf[cell_of(&a, plot, position(&a))];
    assert_eq!(cell.symbol(), MARKER.to_string());
    assert_eq!(cell.fg, Color::White);
    assert_eq!(cell.bg, Color::Black);
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert_eq!(screen(&buf).matches(MARKER).count(), 1);
}

#[test]
fn without_colour_the_marker_is_bold_and_reversed() {
    let mut a = app("intro");
    update(&mut a, Action::Step);
    fill(&mut a, AREA, &MONO);
    let buf = draw(&a, &MONO, AREA);
    let cell = &buf[cell_of(&a, plot_area(AREA), position(&a))];
    assert_eq!(cell.symbol(), MARKER.to_string());
    assert!(cell.modifier.contains(Modifier::BOLD | Modifier::REVERSED));
    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
}

#[test]
fn the_minimiser_is_marked_where_it_is_known() {
    // On `plane` the slice through the starting b has its lowest point elsewhere than
    // the lowest point over all three parameters; on `intro` both axes are all there is.
    for (lesson, elsewhere) in [("intro", false), ("plane", true)] {
        let mut a = app(lesson);
        fill(&mut a, AREA, &RGB);
        let (i, j) = a.viewport().axes().unwrap();
        let buf = draw(&a, &RGB, AREA);
        let at = |m: &ndarray::Array1<f64>| cell_of(&a, plot_area(AREA), (m[i], m[j]));
        // ✕: the lowest point of the slice drawn.
        let slice = a
            .slice_minimizer()
            .expect("a quadratic slice has a known minimiser");
        let cell = &buf[at(slice)];
        assert_eq!(cell.symbol(), MINIMUM.to_string(), "{lesson}");
        assert_eq!(cell.fg, Color::LightGreen, "{lesson}");
        // ⊙: the lowest point training can reach, only where that is elsewhere.
        let global = a.minimizer().expect("and a known global minimiser");
        let apart = (slice[i] - global[i]).hypot(slice[j] - global[j]) > 1e-9;
        assert_eq!(apart, elsewhere, "{lesson}");
        let drawn = cells(plot_area(AREA))
            .filter(|&p| buf[p].symbol() == GLOBAL_MINIMUM.to_string())
            .count();
        assert_eq!(drawn, usize::from(apart), "{lesson}\n{}", screen(&buf));
        if apart {
            assert_eq!(buf[at(global)].symbol(), GLOBAL_MINIMUM.to_string());
        }
    }
}

#[test]
fn the_slice_says_where_it_is_taken_and_marks_its_own_lowest_point() {
    let mut a = app("plane");
    for _ in 0..3 {
        update(&mut a, Action::Step);
    }
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let b = a.last_finite().params[2];
    assert!(
        row_text(&buf, 0).contains(&format!("at b = {}", crate::fmt::short(b))),
        "{}",
        row_text(&buf, 0)
    );
    // The marked point is at least as low as every sample of the slice drawn.
    let m = a.slice_minimizer().unwrap().clone();
    assert_eq!(m[2], b, "the off-axis value is the slice's own");
    let lowest = a.trainer().objective().evaluate(m.as_slice().unwrap()).loss;
    let slice = a.landscape().unwrap();
    assert!(slice.losses.iter().all(|&l| lowest <= l + 1e-12));
    let (i, j) = a.viewport().axes().unwrap();
    let cell = cell_of(&a, plot_area(AREA), (m[i], m[j]));
    assert_eq!(buf[cell].symbol(), MINIMUM.to_string());
}

#[test]
fn ticks_label_both_axes_with_their_end_values() {
    let mut a = app("intro");
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let plot = plot_area(AREA);
    let number = |text: &str| -> f64 {
        text.trim()
            .trim_end_matches(['┤', '│'])
            .trim()
            .parse()
            .unwrap()
    };
    let near = |got: f64, want: f64, span: f64| (got - want).abs() <= 0.01 * span.abs();
    let label = |y: u16| -> String { (1..plot.x).map(|x| buf[(x, y)].symbol()).collect() };
    let (ys, xs) = (
        a.viewport().y.1 - a.viewport().y.0,
        a.viewport().x.1 - a.viewport().x.0,
    );
    assert!(near(number(&label(plot.y)), a.viewport().y.1, ys));
    assert!(near(
        number(&label(plot.bottom() - 1)),
        a.viewport().y.0,
        ys
    ));
    assert!(label(plot.y + (plot.height - 1) / 2).trim().ends_with('┤'));
    let ticks = row_text(&buf, plot.bottom());
    let words: Vec<f64> = ticks
        .trim_matches('│')
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    assert_eq!(words.len(), 3, "{ticks}");
    assert!(
        near(words[0], a.viewport().x.0, xs) && near(words[2], a.viewport().x.1, xs),
        "{ticks}"
    );
    assert!(
        near(words[1], 0.5 * (a.viewport().x.0 + a.viewport().x.1), xs),
        "{ticks}"
    );
}

#[test]
fn the_legend_lists_levels_in_their_heat() {
    let mut a = app("intro");
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let y = plot_area(AREA).bottom() + 1;
    let text = row_text(&buf, y);
    let slice = a.landscape().unwrap();
    let levels = crate::landscape::log_levels(&slice.losses, super::heatmap::LEVELS);
    assert_eq!(text.matches('■').count(), levels.len(), "{text}");
    let swatches: Vec<Color> = (0..AREA.width)
        .filter(|&x| buf[(x, y)].symbol() == "■")
        .map(|x| buf[(x, y)].fg)
        .collect();
    for (level, color) in levels.iter().zip(&swatches) {
        assert_eq!(*color, RGB.heat(t_of(&slice.losses, *level)));
    }
    // Labels are the levels, rounded.
    let numbers: Vec<f64> = text
        .split('■')
        .skip(1)
        // Each label is the first word after its swatch (a note may follow the last one).
        .map(|w| w.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    for (got, want) in numbers.iter().zip(&levels) {
        assert!((got / want - 1.0).abs() < 0.05, "{got} vs {want}");
    }
    assert!(!text.contains("rows)"), "the slice is not subsampled");
}

#[test]
fn a_subsampled_slice_says_so_at_the_end_of_the_legend() {
    let mut a = app("intro");
    fill(&mut a, AREA, &RGB);
    let mut slice = a.landscape().unwrap().clone();
    slice.rows_total = 1000;
    update(&mut a, Action::LandscapeReady(Box::new(slice)));
    let buf = draw(&a, &RGB, AREA);
    let text = row_text(&buf, plot_area(AREA).bottom() + 1);
    assert!(
        text.trim_end_matches('│')
            .trim_end()
            .ends_with("(from 12 of 1000 rows)"),
        "{text}"
    );
    assert!(text.contains('■'));
}

#[test]
fn half_blocks_carry_the_heat_of_their_two_samples() {
    for theme in [RGB, ANSI] {
        let mut a = app("intro");
        fill(&mut a, AREA, &theme);
        let buf = draw(&a, &theme, AREA);
        let plot = plot_area(AREA);
        let slice = a.landscape().unwrap();
        assert_eq!(slice.request.height, 2 * usize::from(plot.height));
        let mut checked = 0;
        for (x, y) in cells(plot) {
            let cell = &buf[(x, y)];
            let (col, row) = (usize::from(x - plot.x), usize::from(y - plot.y));
            if cell.symbol() == HALF.to_string() {
                let upper = t_of(&slice.losses, slice.at(col, 2 * row));
                let lower = t_of(&slice.losses, slice.at(col, 2 * row + 1));
                assert_eq!(cell.fg, theme.heat(upper), "({col}, {row})");
                assert_eq!(cell.bg, theme.heat(lower), "({col}, {row})");
                checked += 1;
            }
        }
        assert!(checked > usize::from(plot.width) * usize::from(plot.height) / 2);
    }
}

#[test]
fn contours_are_marked_in_a_contrasting_colour() {
    for theme in [RGB, ANSI] {
        let mut a = app("intro");
        fill(&mut a, AREA, &theme);
        let buf = draw(&a, &theme, AREA);
        let contours: Vec<_> = cells(plot_area(AREA))
            .map(|p| &buf[p])
            .filter(|c| c.symbol() == CONTOUR.to_string())
            .collect();
        assert!(contours.len() > 20, "{}", contours.len());
        for c in contours {
            assert_ne!(c.fg, c.bg);
            assert!(matches!(c.fg, Color::Black | Color::White), "{:?}", c.fg);
        }
    }
}

#[test]
fn contour_marks_sit_on_level_crossings() {
    let mut a = app("intro");
    fill(&mut a, AREA, &MONO);
    let buf = draw(&a, &MONO, AREA);
    let plot = plot_area(AREA);
    let slice = a.landscape().unwrap();
    let levels = crate::landscape::log_levels(&slice.losses, super::heatmap::LEVELS);
    let band = |c: usize, r: usize| levels.iter().filter(|&&l| slice.at(c, r) >= l).count();
    let (w, h) = (usize::from(plot.width), usize::from(plot.height));
    for (x, y) in cells(plot) {
        let (c, r) = (usize::from(x - plot.x), usize::from(y - plot.y));
        let b = band(c, r);
        let crossing = (c > 0 && band(c - 1, r) < b)
            || (c + 1 < w && band(c + 1, r) < b)
            || (r > 0 && band(c, r - 1) < b)
            || (r + 1 < h && band(c, r + 1) < b);
        let symbol = buf[(x, y)].symbol().to_owned();
        let shade = SHADES.iter().any(|s| symbol == s.to_string());
        if crossing {
            assert!(!shade, "({c}, {r}) crosses a level but shows {symbol:?}");
        } else if symbol == CONTOUR.to_string() {
            panic!("({c}, {r}) is marked as a contour but crosses no level");
        }
    }
}

#[test]
fn monochrome_shades_with_glyphs_and_no_colour_at_all() {
    let mut a = app("intro");
    for _ in 0..4 {
        update(&mut a, Action::Step);
    }
    fill(&mut a, AREA, &MONO);
    assert_eq!(
        a.landscape().unwrap().request.height,
        usize::from(plot_area(AREA).height)
    );
    let buf = draw(&a, &MONO, AREA);
    for (x, y) in cells(AREA) {
        let c = &buf[(x, y)];
        assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "({x}, {y})");
    }
    let mut allowed: Vec<char> = SHADES.to_vec();
    allowed.extend([
        CONTOUR,
        START,
        GHOST,
        MARKER,
        MINIMUM,
        GLOBAL_MINIMUM,
        SHAFT,
    ]);
    allowed.extend(ARROWS);
    let plot_text: String = cells(plot_area(AREA))
        .map(|p| buf[p].symbol().to_owned())
        .collect();
    for ch in plot_text.chars() {
        assert!(
            allowed.contains(&ch) || is_path_glyph(&ch.to_string()),
            "{ch:?} in a monochrome plot"
        );
    }
    assert!(plot_text.contains(CONTOUR));
    assert!(
        SHADES[1..].iter().all(|&s| plot_text.contains(s)),
        "{plot_text}"
    );
    assert!(!plot_text.contains(HALF));
}

#[test]
fn the_gradient_arrow_points_downhill() {
    for steps in [0, 2, 10] {
        for theme in [RGB, MONO] {
            let mut a = app("intro");
            for _ in 0..steps {
                update(&mut a, Action::Step);
            }
            fill(&mut a, AREA, &theme);
            let buf = draw(&a, &theme, AREA);
            let plot = plot_area(AREA);
            let (i, j) = a.viewport().axes().unwrap();
            let g = &a.current().grad;
            let (x, y) = position(&a);
            let (mc, mr) = a.viewport().point_to_cell(plot, x, y);
            let dc = -g[i] * f64::from(plot.width - 1) / (a.viewport().x.1 - a.viewport().x.0);
            let dr = g[j] * f64::from(plot.height - 1) / (a.viewport().y.1 - a.viewport().y.0);
            let arrow: Vec<(u16, u16)> = cells(plot)
                .filter(|&p| {
                    is_arrow_glyph(buf[p].symbol())
                        && buf[p].style() == buf[p].style().patch(theme.arrow())
                })
                .collect();
            // A shaft and a head at least: near the minimum |∇| is small and so is the arrow
            // (its length follows log |∇|), and the minimiser's ✕ may cover a cell of it.
            assert!(
                arrow.len() >= 2,
                "steps {steps}: {arrow:?}\n{}",
                screen(&buf)
            );
            for (x, y) in arrow {
                let (c, r) = (f64::from(x - plot.x) - mc, f64::from(y - plot.y) - mr);
                assert!(
                    c * dc + r * dr > 0.0,
                    "steps {steps}: ({x}, {y}) is uphill\n{}",
                    screen(&buf)
                );
            }
            let head = ARROWS.iter().filter(|a| screen(&buf).contains(**a)).count();
            assert_eq!(head, 1, "one arrowhead");
        }
    }
}

#[test]
fn a_blowup_leaves_an_arrow_on_the_edge_and_no_garbage() {
    for theme in [RGB, ANSI, MONO] {
        let mut a = app("blowup");
        // A view that follows would zoom out to the blown-up point: this one is locked.
        update(&mut a, Action::ToggleViewLock);
        update(&mut a, Action::Step);
        assert!(a.diverged());
        fill(&mut a, AREA, &theme);
        let buf = draw(&a, &theme, AREA);
        let plot = plot_area(AREA);
        let (x, y) = position(&a);
        let (c, r) = a.viewport().point_to_cell(plot, x, y);
        assert!(
            !(0.0..f64::from(plot.width)).contains(&c.round())
                || !(0.0..f64::from(plot.height)).contains(&r.round()),
            "the blown-up position is out of view"
        );
        let edge: Vec<(u16, u16)> = cells(plot)
            .filter(|&(x, y)| {
                x == plot.x || y == plot.y || x == plot.right() - 1 || y == plot.bottom() - 1
            })
            .filter(|&p| ARROWS.iter().any(|a| buf[p].symbol() == a.to_string()))
            .collect();
        assert_eq!(edge.len(), 1, "{}", screen(&buf));
        let arrow = &buf[edge[0]];
        assert_eq!(arrow.style(), arrow.style().patch(theme.arrow()));
        // It points from the centre towards the position.
        let (ec, er) = (f64::from(edge[0].0 - plot.x), f64::from(edge[0].1 - plot.y));
        let (cc, cr) = (
            f64::from(plot.width - 1) / 2.0,
            f64::from(plot.height - 1) / 2.0,
        );
        assert!((ec - cc) * (c - cc) + (er - cr) * (r - cr) > 0.0);
        assert!(!screen(&buf).contains(MARKER));
        let text = screen(&buf);
        for garbage in ["NaN", "inf", "e30"] {
            assert!(!text.contains(garbage), "{garbage} in\n{text}");
        }
    }
}

#[test]
fn marks_stay_legible_over_any_heat() {
    for theme in [RGB, ANSI] {
        for lesson in ["intro", "ravine", "blowup", "doubling"] {
            let mut a = app(lesson);
            for _ in 0..8 {
                update(&mut a, Action::Step);
            }
            fill(&mut a, AREA, &theme);
            let buf = draw(&a, &theme, AREA);
            let mut marks = 0;
            for p in cells(plot_area(AREA)) {
                let c = &buf[p];
                let symbol = c.symbol();
                if [START, MINIMUM, GLOBAL_MINIMUM, SHAFT, MARKER]
                    .iter()
                    .any(|m| symbol == m.to_string())
                    || is_arrow_glyph(symbol)
                    || is_path_glyph(symbol)
                {
                    assert!(
                        !super::heatmap::clash(c.fg, c.bg),
                        "{lesson}: {symbol} {:?} on {:?}",
                        c.fg,
                        c.bg
                    );
                    marks += 1;
                }
            }
            assert!(marks > 0, "{lesson}");
        }
    }
    // A red arrow over red heat is what the check is for.
    assert!(super::heatmap::clash(Color::LightRed, Color::Red));
    assert!(super::heatmap::clash(Color::Gray, Color::Rgb(253, 231, 37)));
    assert!(!super::heatmap::clash(
        Color::LightRed,
        Color::Rgb(68, 1, 84)
    ));
}

#[test]
fn a_slice_through_an_older_point_is_drawn_while_the_new_one_computes() {
    let mut a = app("plane");
    assert!(a.param_names().len() > 2, "plane has an off-axis parameter");
    fill(&mut a, AREA, &RGB);
    update(&mut a, Action::Step);
    let buf = draw(&a, &RGB, AREA);
    assert!(
        row_text(&buf, 0).contains("updating…"),
        "{}",
        row_text(&buf, 0)
    );
    assert!(screen(&buf).contains(HALF));
    assert!(!screen(&buf).contains("computing"));
}

#[test]
fn the_path_joins_past_positions_from_a_start_marker() {
    let mut a = app("intro");
    for _ in 0..6 {
        update(&mut a, Action::Step);
    }
    fill(&mut a, AREA, &RGB);
    let buf = draw(&a, &RGB, AREA);
    let plot = plot_area(AREA);
    let (i, j) = a.viewport().axes().unwrap();
    let at = |s: &crate::engine::State| cell_of(&a, plot, (s.params[i], s.params[j]));
    let history = a.trainer().kept();
    assert_eq!(buf[at(&history[0])].symbol(), START.to_string());
    // Every state between the start and the current one lies on the drawn line.
    for s in &history[1..history.len() - 1] {
        let p = at(s);
        assert!(
            is_path_glyph(buf[p].symbol()),
            "step {} at {p:?}\n{}",
            s.step,
            screen(&buf)
        );
    }
    // The line is connected: every path cell touches another path cell or a marker.
    let marked = |(x, y): (u16, u16)| {
        let s = buf[(x, y)].symbol();
        is_path_glyph(s) || s == START.to_string() || s == MARKER.to_string()
    };
    for p in cells(plot).filter(|&p| is_path_glyph(buf[p].symbol())) {
        let neighbours = (-1i32..=1)
            .flat_map(|dx| (-1i32..=1).map(move |dy| (dx, dy)))
            .filter(|&d| d != (0, 0))
            .filter_map(|(dx, dy)| {
                Some((
                    p.0.checked_add_signed(dx as i16)?,
                    p.1.checked_add_signed(dy as i16)?,
                ))
            })
            .filter(|&q| plot.contains(q.into()) && marked(q))
            .count();
        assert!(neighbours > 0, "{p:?} stands alone\n{}", screen(&buf));
    }
}

#[test]
fn no_path_mark_looks_like_a_position() {
    for theme in [RGB, ANSI, MONO] {
        for lesson in ["ravine", "ravine-blowup", "logistic"] {
            let mut a = app(lesson);
            for _ in 0..40 {
                update(&mut a, Action::Step);
            }
            fill(&mut a, AREA, &theme);
            let buf = draw(&a, &theme, AREA);
            let positions = cells(plot_area(AREA))
                .filter(|&p| buf[p].symbol() == MARKER.to_string())
                .count();
            assert_eq!(positions, 1, "{lesson}: one ●\n{}", screen(&buf));
            let boxed = cells(plot_area(AREA))
                .filter(|&p| is_path_glyph(buf[p].symbol()) && buf[p].bg == Color::Black)
                .count();
            assert_eq!(boxed, 0, "{lesson}: no path dot in a black box");
        }
    }
}

#[test]
fn positions_out_of_reach_of_f64_draw_only_what_makes_sense() {
    for (x, y) in [
        (1e300, -1e300),
        (f64::NAN, 0.0),
        (f64::INFINITY, 1.0),
        (0.5, 1e-300),
    ] {
        let mut a = app("intro");
        update(&mut a, Action::RestartAt(x, y));
        for theme in [RGB, MONO] {
            fill(&mut a, AREA, &theme);
            let text = screen(&draw(&a, &theme, AREA));
            assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        }
    }
}

#[test]
fn the_heading_out_of_the_finite_numbers_is_known() {
    let a = app("intro");
    let mut history = vec![a.current().clone(); 3];
    history[0].params = ndarray::array![0.0, 0.0];
    history[1].params = ndarray::array![1.0, 2.0];
    history[2].params = ndarray::array![f64::INFINITY, f64::NEG_INFINITY];
    let unit = |d: Option<(f64, f64)>| d.map(|(x, y)| (x.signum(), y.signum()));
    assert_eq!(
        unit(super::marks::heading(
            &history,
            1,
            &crate::landscape::Plane::Params(0, 1)
        )),
        Some((1.0, -1.0))
    );
    history[2].params = ndarray::array![f64::NAN, 0.0];
    assert_eq!(
        unit(super::marks::heading(
            &history,
            1,
            &crate::landscape::Plane::Params(0, 1)
        )),
        Some((1.0, 1.0))
    );
}

#[test]
fn tiny_and_empty_panels_do_not_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 2),
        (9, 3),
        (10, 5),
        (11, 4),
        (12, 5),
        (20, 6),
        (3, 40),
    ] {
        for theme in [RGB, ANSI, MONO] {
            for lesson in ["intro", "blowup"] {
                let area = Rect::new(3, 2, w, h);
                let mut a = app(lesson);
                update(&mut a, Action::Step);
                let _ = draw(&a, &theme, area);
                fill(&mut a, area, &theme);
                let buf = draw(&a, &theme, area);
                if w >= 2 && h >= 2 {
                    assert!(row_text(&buf, 2).starts_with('┌'));
                }
            }
        }
    }
    // An area larger than the buffer is clipped to it.
    let a = app("intro");
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
    LandscapePanel {
        app: &a,
        theme: &RGB,
    }
    .render(Rect::new(20, 5, 40, 20), &mut buf);
}

mod random {
    use proptest::prelude::*;

    use super::*;

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(1e300),
            Just(-1e300),
            Just(f64::MIN_POSITIVE),
            -10.0..10.0,
            any::<f64>(),
        ]
    }

    fn range() -> impl Strategy<Value = (f64, f64)> {
        (value(), value(), any::<bool>())
            .prop_map(|(a, b, flat)| if flat { (a, a) } else { (a, b) })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn any_view_and_size_renders_without_panicking(
            lesson in prop::sample::select(vec!["intro", "blowup", "plane", "sigmoid", "line"]),
            steps in 0usize..4,
            restart in prop::option::of((value(), value())),
            axes in (0usize..3, 0usize..3),
            x in range(),
            y in range(),
            (w, h) in (0u16..90, 0u16..32),
            mode in prop::sample::select(vec![ColorMode::Rgb, ColorMode::Ansi16, ColorMode::Monochrome]),
            with_slice in any::<bool>(),
            then_pan in any::<bool>(),
        ) {
            let theme = Theme { mode, light: false, };
            let mut a = app(lesson);
            if let Some((rx, ry)) = restart {
                update(&mut a, Action::RestartAt(rx, ry));
            }
            for _ in 0..steps {
                update(&mut a, Action::Step);
            }
            update(&mut a, Action::LookAt(Viewport { plane: crate::landscape::Plane::Params(axes.0, axes.1), x, y }));
            let area = Rect::new(1, 1, w, h);
            if with_slice {
                fill(&mut a, area, &theme);
            }
            if then_pan {
                update(&mut a, Action::Pan(crate::app::Direction::Left));
            }
            let mut buf = Buffer::empty(Rect::new(0, 0, 92, 34));
            LandscapePanel { app: &a, theme: &theme }.render(area, &mut buf);
            let text = screen(&buf);
            prop_assert!(!text.contains("NaN"));
        }
    }
}

#[test]
#[ignore = "prints the panel; run with --ignored --nocapture"]
fn print_intro() {
    for theme in [RGB, MONO] {
        let mut a = app("intro");
        fill(&mut a, AREA, &theme);
        println!("{}", screen(&draw(&a, &theme, AREA)));
    }
}

#[test]
fn frozen_parameters_add_nothing_to_the_arrow_or_its_label() {
    // line: b is frozen, so only ∂L/∂w = −15 counts, as in the status line's |∇|.
    let app = crate::testing::lesson("line");
    assert_eq!(super::marks::gradient_norm(&app), Some(15.0));
    assert_eq!(app.current().grad_norm, 15.0);
}

/// `lesson` racing gd, momentum and adam for `steps` updates.
fn race(lesson: &str, steps: usize) -> App {
    let mut a = app(lesson);
    update(&mut a, Action::ToggleRace);
    for _ in 0..steps {
        update(&mut a, Action::Step);
    }
    a
}

#[test]
fn each_racer_has_its_marker_in_its_colour_or_glyph() {
    use crate::ui::theme::RACER_GLYPHS;
    let area = Rect::new(0, 0, 100, 36);
    for theme in [ANSI, MONO] {
        let mut a = race("intro", 15);
        update(&mut a, Action::FitView);
        fill(&mut a, area, &theme);
        let buf = draw(&a, &theme, area);
        let plot = plot_area(area);
        let places: Vec<(u16, u16)> = a
            .racers()
            .map(|t| {
                let p = &t.current().params;
                cell_of(&a, plot, (p[0], p[1]))
            })
            .collect();
        assert!(
            places
                .iter()
                .enumerate()
                .all(|(k, p)| !places[..k].contains(p)),
            "the racers stand apart after 15 updates: {places:?}"
        );
        for (k, &cell) in places.iter().enumerate() {
            let c = &buf[cell];
            assert_eq!(c.symbol(), RACER_GLYPHS[k].to_string(), "racer {k}");
            if theme.has_color() {
                assert_eq!(c.style().fg, theme.racer_marker(k).fg, "racer {k}");
            } else {
                assert_eq!(c.style().fg, Some(Color::Reset), "no colour under NO_COLOR");
            }
        }
        if theme.has_color() {
            // Each racer's own trail and arrow, in its colour.
            for k in 1..3 {
                let color = theme.racer_path(k, true).fg;
                let own = cells(plot)
                    .filter(|&p| buf[p].style().fg == color && is_path_glyph(buf[p].symbol()))
                    .count();
                assert!(own > 0, "racer {k} has a path");
                let arrow = cells(plot)
                    .filter(|&p| buf[p].style().fg == color && is_arrow_glyph(buf[p].symbol()))
                    .count();
                assert!(arrow > 0, "racer {k} has an arrow");
            }
        }
    }
}

#[test]
fn races_that_blow_up_draw_without_panicking() {
    for lesson in ["blowup", "ravine-blowup"] {
        let mut a = race(lesson, 0);
        update(&mut a, Action::ScaleLearningRate(2.0));
        update(&mut a, Action::TogglePlay);
        for _ in 0..40 {
            update(&mut a, Action::Advance(50));
        }
        for (w, h) in [(0, 0), (1, 1), (9, 3), (20, 6), (70, 20)] {
            for theme in [RGB, ANSI, MONO] {
                let area = Rect::new(1, 1, w, h);
                let _ = draw(&a, &theme, area);
                fill(&mut a, area, &theme);
                let _ = draw(&a, &theme, area);
            }
        }
    }
}

#[test]
fn the_arrow_grows_with_the_gradient_on_a_log_scale() {
    let plot = Rect::new(0, 0, 60, 20);
    let lengths: Vec<f64> = [1e-6, 1e-3, 1e-2, 1.0, 1e2, 1e4, 1e9]
        .iter()
        .map(|&g| arrow_length(g, plot))
        .collect();
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    assert_eq!(lengths[0], lengths[1], "held at the short end");
    assert_eq!(lengths[5], lengths[6], "held at the long end");
    assert!(lengths[1] >= 2.0 && lengths[5] <= 0.4 * 40.0 + 1e-9);
    // Equal ratios of |∇| give equal steps of length.
    let step = |a: f64, b: f64| arrow_length(b, plot) - arrow_length(a, plot);
    approx::assert_relative_eq!(step(1e-2, 1.0), step(1.0, 1e2), max_relative = 1e-12);
    // On screen: a steep start has a longer arrow than the same run near its minimum.
    let shaft = |a: &App| {
        let buf = draw(a, &RGB, AREA);
        cells(plot_area(AREA))
            .filter(|&p| buf[p].symbol() == SHAFT.to_string())
            .count()
    };
    let mut a = app("intro");
    update(&mut a, Action::ToggleViewLock);
    fill(&mut a, AREA, &RGB);
    let steep = shaft(&a);
    for _ in 0..25 {
        update(&mut a, Action::Step);
    }
    fill(&mut a, AREA, &RGB);
    assert!(shaft(&a) < steep, "{} against {steep}", shaft(&a));
}

#[test]
fn a_ghost_shows_where_the_next_step_lands_and_says_when_it_overshoots() {
    // For plain gd on a quadratic, the step η·|∇L| passes the lowest point along −∇L,
    // |∇L|/κ away, exactly when η > 1/κ (κ: the curvature along −∇L).
    let start = app("intro");
    let g = start.current().grad.to_vec();
    let g_norm = crate::engine::norm(&g);
    let dir: Vec<f64> = g.iter().map(|v| v / g_norm).collect();
    let theta = start.current().params.to_vec();
    let (kappa, _) = crate::engine::curvature_along(start.trainer().objective(), &theta, &dir);
    let mut seen = Vec::new();
    for eta in [0.5 / kappa, 0.9 / kappa, 1.1 / kappa, 1.6 / kappa] {
        let lr = format!("lr {eta}");
        let overshoots = eta > 1.0 / kappa;
        seen.push(overshoots);
        let mut a = app("intro");
        crate::testing::command(&mut a, &lr);
        let landing = a.landing().expect("a next step").clone();
        assert_eq!(landing.overshoots, Some(overshoots), "{lr}");
        fill(&mut a, AREA, &RGB);
        let buf = draw(&a, &RGB, AREA);
        let ghost = cell_of(&a, plot_area(AREA), (landing.params[0], landing.params[1]));
        assert_eq!(
            buf[ghost].symbol(),
            GHOST.to_string(),
            "{lr}\n{}",
            screen(&buf)
        );
        assert_eq!(row_text(&buf, 0).contains("overshoots"), overshoots, "{lr}");
        // The ghost is where the update goes.
        update(&mut a, Action::Step);
        assert_eq!(a.current().params, landing.params);
    }
    assert!(seen.contains(&true) && seen.contains(&false));
}

#[test]
fn one_free_parameter_draws_its_curve_with_the_point_the_tangent_and_the_jumps() {
    for theme in [RGB, ANSI, MONO] {
        let mut a = app("line");
        crate::testing::command(&mut a, "lr 0.125");
        for _ in 0..4 {
            update(&mut a, Action::Step);
        }
        assert_eq!(a.curve_axis(), Some(0), "w is the one free parameter");
        fill(&mut a, AREA, &theme);
        let buf = draw(&a, &theme, AREA);
        let title = row_text(&buf, 0);
        assert!(
            title.contains("L(w)") && title.contains("at b = 0"),
            "{title}"
        );
        let plot = plot_area(AREA);
        let count = |glyph: char| {
            cells(plot)
                .filter(|&p| buf[p].symbol() == glyph.to_string())
                .count()
        };
        assert_eq!(count(MARKER), 1, "{}", screen(&buf));
        assert_eq!(count(START), 1);
        // The parabola's lowest point, L(1) = 0, is drawn near the bottom of the plot.
        let v = a.viewport();
        let col =
            plot.x + ((1.0 - v.x.0) / (v.x.1 - v.x.0) * f64::from(plot.width - 1)).round() as u16;
        let low = (plot.bottom() - 3..plot.bottom())
            .flat_map(|y| (col.saturating_sub(1)..=col + 1).map(move |x| (x, y)))
            .any(|p| is_path_glyph(buf[p].symbol()));
        assert!(low, "{}", screen(&buf));
        if theme.has_color() {
            let tangent = cells(plot)
                .filter(|&p| {
                    is_path_glyph(buf[p].symbol())
                        && buf[p].fg == crate::ui::plot::color_of(theme.arrow())
                })
                .count();
            assert!(tangent > 0, "the tangent is drawn");
        }
        let legend = row_text(&buf, plot.bottom() + 1);
        assert!(legend.contains("tangent: slope ∂L/∂w"), "{legend}");
    }
}

#[test]
fn every_colour_mode_has_a_legend_of_distinct_swatches() {
    let area = Rect::new(0, 0, 120, 30);
    for (theme, steps) in [
        (RGB, None),
        (ANSI256, None),
        (ANSI, Some(6)),
        (MONO, Some(5)),
    ] {
        let mut a = app("intro");
        fill(&mut a, area, &theme);
        let buf = draw(&a, &theme, area);
        let y = plot_area(area).bottom() + 1;
        // A swatch is the cell before a label: `■ 0.3`, or a shade glyph under NO_COLOR.
        let swatches: Vec<(String, Color)> = (1..area.width - 2)
            .filter(|&x| buf[(x - 1, y)].symbol() == " " && buf[(x + 1, y)].symbol() == " ")
            .filter(|&x| {
                buf[(x + 2, y)]
                    .symbol()
                    .starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|x| (buf[(x, y)].symbol().to_owned(), buf[(x, y)].fg))
            .collect();
        let distinct: std::collections::HashSet<_> = swatches.iter().collect();
        assert_eq!(
            distinct.len(),
            swatches.len(),
            "{:?}: {swatches:?}",
            theme.mode
        );
        if let Some(k) = steps {
            assert_eq!(swatches.len(), k, "{:?}: one per ramp colour", theme.mode);
        }
    }
}

#[test]
fn the_surface_turns_with_the_arrows_and_shows_the_path_and_the_ball() {
    let mut a = app("intro");
    for _ in 0..5 {
        update(&mut a, Action::Step);
    }
    update(&mut a, Action::ToggleSurface);
    let camera = a.surface().expect("3-D");
    assert_eq!(a.key_mode(), crate::app::KeyMode::Surface);
    // Arrows turn the surface instead of panning.
    let press = |key| crate::app::action_for(a.key_mode(), crate::app::Press { key, plain: true });
    let turn = press(crate::app::Key::Left).unwrap();
    let viewport = a.viewport().clone();
    update(&mut a, turn);
    assert_ne!(a.surface().unwrap(), camera);
    assert_eq!(a.viewport(), &viewport, "turning does not pan");
    for theme in [RGB, ANSI, MONO] {
        fill(&mut a, AREA, &theme);
        let buf = draw(&a, &theme, AREA);
        assert!(
            row_text(&buf, 0).contains("loss surface"),
            "{}",
            row_text(&buf, 0)
        );
        let plot = plot_area(AREA);
        let wire = cells(plot)
            .filter(|&p| is_path_glyph(buf[p].symbol()))
            .count();
        assert!(wire > 100, "a wireframe: {wire} cells\n{}", screen(&buf));
        let balls = cells(plot)
            .filter(|&p| buf[p].symbol() == MARKER.to_string())
            .count();
        assert_eq!(balls, 1, "{}", screen(&buf));
    }
    update(&mut a, Action::ToggleSurface);
    assert!(a.surface().is_none());
    // A curve has no surface.
    let mut line = app("line");
    update(&mut line, Action::ToggleSurface);
    assert!(line.surface().is_none() && line.notice().unwrap().contains("curve"));
}

#[test]
fn a_curve_through_huge_values_draws_at_once() {
    // Losses near 1e306 and beyond: ratatui's own mapping would overflow and loop for ever.
    for start in ["set w=1e153", "set w=-3e200"] {
        let mut a = app("line");
        crate::testing::command(&mut a, start);
        assert_eq!(a.curve_axis(), Some(0));
        fill(&mut a, AREA, &RGB);
        let buf = draw(&a, &RGB, AREA);
        assert!(row_text(&buf, 0).contains("L(w)"), "{start}");
    }
}

#[test]
fn a_plane_of_directions_says_which_and_that_the_path_is_projected() {
    let mut a = app("circle");
    for _ in 0..40 {
        update(&mut a, Action::Step);
    }
    crate::testing::command(&mut a, "plane pca");
    let wide = Rect::new(0, 0, 120, 36);
    fill(&mut a, wide, &RGB);
    let buf = draw(&a, &RGB, wide);
    let top = row_text(&buf, 0);
    assert!(
        top.contains("PCA plane of steps 0–40, ") && top.contains("% of variance"),
        "{top}"
    );
    let legend = row_text(&buf, wide.bottom() - 2);
    assert!(legend.contains("path projected"), "{legend}");
    // The point is drawn where it projects, and the start where it does.
    let plot = plot_area(wide);
    let plane = &a.viewport().plane;
    let at = |s: &crate::engine::State| {
        cell_of(
            &a,
            plot,
            plane.coords(s.params.as_slice().unwrap()).unwrap(),
        )
    };
    assert_eq!(buf[at(a.last_finite())].symbol(), MARKER.to_string());
    assert_eq!(buf[at(a.trainer().start())].symbol(), START.to_string());
    // Narrow, the title shortens by whole words and keeps the share.
    let narrow = Rect::new(0, 0, 40, 16);
    fill(&mut a, narrow, &RGB);
    let small = draw(&a, &RGB, narrow);
    let top = row_text(&small, 0);
    assert!(top.contains("PCA plane, ") && top.contains('%'), "{top}");
    // Levels give way to the note: the path is a projection at every size.
    let legend = row_text(&small, narrow.bottom() - 2);
    assert!(legend.contains("path projected"), "{legend}");
    crate::testing::command(&mut a, "plane random:2");
    fill(&mut a, AREA, &RGB);
    let top = row_text(&draw(&a, &RGB, AREA), AREA.y);
    assert!(top.contains("random directions (seed 2)"), "{top}");
}

#[test]
fn the_lock_is_said_whole_or_not_at_all_beside_a_long_plane_title() {
    let mut a = app("circle");
    for _ in 0..40 {
        update(&mut a, Action::Step);
    }
    crate::testing::command(&mut a, "plane pca");
    update(&mut a, Action::ZoomIn);
    assert!(a.view_locked());
    let mut said = 0;
    for width in (40..=160).step_by(8) {
        let area = Rect::new(0, 0, width, 12);
        fill(&mut a, area, &RGB);
        let top = row_text(&draw(&a, &RGB, area), 0);
        if top.contains("locked (v follows)") {
            said += 1;
        } else {
            assert!(
                !top.contains("lo─") && !top.contains(" lock"),
                "{width}: {top}"
            );
        }
        assert!(top.contains("PCA"), "{width}: {top}");
    }
    assert!(said > 5, "said at {said} widths");
}

#[test]
fn computing_never_hides_the_point() {
    for name in ["intro", "ravine", "sigmoid", "circle"] {
        let a = app(name);
        let buf = draw(&a, &RGB, AREA);
        let plot = plot_area(AREA);
        let label = (plot.y..plot.bottom())
            .find(|&y| row_text(&buf, y).contains("computing"))
            .unwrap_or_else(|| panic!("{name}: no label\n{}", screen(&buf)));
        let point = (plot.y..plot.bottom())
            .find(|&y| row_text(&buf, y).contains(MARKER))
            .unwrap_or_else(|| panic!("{name}: no point"));
        assert_ne!(label, point, "{name}");
        assert!(
            row_text(&buf, label).contains("computing landscape…"),
            "{name}: the label is whole\n{}",
            screen(&buf)
        );
    }
}
