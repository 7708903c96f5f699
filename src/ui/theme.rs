//! Colours, and what replaces them in 256- and 16-colour terminals and under `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// How much colour the terminal gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// 24-bit colour.
    Rgb,
    /// The xterm 256-colour palette: the heat ramp from its 6×6×6 cube and greys.
    Ansi256,
    /// The 16 ANSI colours.
    Ansi16,
    /// No colour at all (`NO_COLOR`): shading by glyphs, emphasis by bold and reverse.
    Monochrome,
}

/// The colours of every element, for one [`ColorMode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The colour depth in use.
    pub mode: ColorMode,
    /// True on a light background (a projector, a light terminal): lines and text that
    /// would be light on dark are drawn dark instead.
    pub light: bool,
}

/// Shading glyphs for monochrome heatmaps, light (low loss) to dense (high loss).
pub const SHADES: [char; 5] = [' ', '░', '▒', '▓', '█'];

/// Racers' marker glyphs, in race order: they tell racers apart without colour too
/// (no `▲`: the loss history marks a blowup with it; `■`, the contour legend's swatch, comes last).
pub const RACER_GLYPHS: [char; 6] = ['●', '◆', '▼', '★', '✚', '■'];

/// Racers' colours, in race order; none is the arrow's red or the minimiser's green.
const RACER_COLORS: [Color; 6] = [
    Color::White,
    Color::LightCyan,
    Color::LightMagenta,
    Color::LightYellow,
    Color::LightBlue,
    Color::Red,
];

/// Racers' colours on a light background, in race order: dark enough to read on white.
const RACER_COLORS_LIGHT: [Color; 6] = [
    Color::Black,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Green,
    Color::Red,
];

/// The 16-colour heat ramp, low loss first.
const ANSI_HEAT: [Color; 6] = [
    Color::Blue,
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Red,
    Color::Magenta,
];

impl Theme {
    /// `NO_COLOR` (any value) wins; `COLORTERM=truecolor|24bit` gives RGB; a `TERM` with
    /// `256color` in it (what most terminals, and SSH sessions, announce) gives 256
    /// colours; else 16.
    pub fn from_env() -> Theme {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let mode = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            ColorMode::Monochrome
        } else if matches!(var("COLORTERM").as_str(), "truecolor" | "24bit") {
            ColorMode::Rgb
        } else if var("TERM").contains("256color") {
            ColorMode::Ansi256
        } else {
            ColorMode::Ansi16
        };
        Theme { mode, light: false }
    }

    /// How many colours (or shades) the heat ramp has, when it has only a few: each
    /// then gets one swatch in the legend. `None` for the near-continuous ramps.
    pub fn ramp_steps(&self) -> Option<usize> {
        match self.mode {
            ColorMode::Ansi16 => Some(ANSI_HEAT.len()),
            ColorMode::Monochrome => Some(SHADES.len()),
            ColorMode::Rgb | ColorMode::Ansi256 => None,
        }
    }

    /// True when colours may be used at all.
    pub fn has_color(&self) -> bool {
        self.mode != ColorMode::Monochrome
    }

    /// Colour of the heatmap at `t` in [0, 1] (0 = lowest loss on screen).
    pub fn heat(&self, t: f64) -> Color {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            1.0
        };
        match self.mode {
            ColorMode::Rgb => viridis(t),
            ColorMode::Ansi256 => nearest_256(viridis(t)),
            ColorMode::Ansi16 => {
                ANSI_HEAT[((t * ANSI_HEAT.len() as f64) as usize).min(ANSI_HEAT.len() - 1)]
            }
            ColorMode::Monochrome => Color::Reset,
        }
    }

    /// The shading glyph for `t` in [0, 1], for monochrome heatmaps: the densest for the
    /// lowest loss, so that the eye goes to the valley, thinning out uphill.
    pub fn shade(&self, t: f64) -> char {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let k = ((t * SHADES.len() as f64) as usize).min(SHADES.len() - 1);
        SHADES[SHADES.len() - 1 - k]
    }

    /// The current position: the brightest thing on screen.
    pub fn marker(&self) -> Style {
        match self.mode {
            ColorMode::Monochrome => Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            _ => Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Past positions, and the loss history's line.
    pub fn trail(&self) -> Style {
        self.fg(self.pick(Color::Gray, Color::Black))
    }

    /// The gradient arrow.
    pub fn arrow(&self) -> Style {
        self.fg(self.pick(Color::LightRed, Color::Red))
            .add_modifier(Modifier::BOLD)
    }

    /// `dark` on a dark background, `light` on a light one.
    fn pick(&self, dark: Color, light: Color) -> Color {
        if self.light { light } else { dark }
    }

    /// Racer `k`'s colour in an optimizer race (racer 0 is the plain run's white).
    pub fn racer_color(&self, k: usize) -> Option<Color> {
        let colors = if self.light {
            RACER_COLORS_LIGHT
        } else {
            RACER_COLORS
        };
        self.has_color().then(|| colors[k % colors.len()])
    }

    /// Racer `k`'s marker: racer 0 keeps [`Theme::marker`]; the others are bold in their
    /// colour on black (bold alone without colour, where the glyph tells them apart).
    pub fn racer_marker(&self, k: usize) -> Style {
        match self.racer_color(k) {
            _ if k == 0 => self.marker(),
            Some(color) => Style::new()
                .fg(color)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Racer `k`'s trail: racer 0 keeps [`Theme::trail`].
    pub fn racer_trail(&self, k: usize) -> Style {
        match self.racer_color(k) {
            Some(color) if k > 0 => Style::new().fg(color),
            _ => self.trail(),
        }
    }

    /// Racer `k`'s path: its most `recent` steps bright and bold, older ones plain (racer 0
    /// white, then grey) or dimmed in the racer's colour.
    pub fn racer_path(&self, k: usize, recent: bool) -> Style {
        match (self.racer_color(k), recent) {
            (None, true) => Style::new().add_modifier(Modifier::BOLD),
            (None, false) => Style::new(),
            (Some(_), true) if k == 0 => Style::new()
                .fg(self.pick(Color::White, Color::Black))
                .add_modifier(Modifier::BOLD),
            (Some(_), false) if k == 0 => Style::new().fg(self.pick(Color::Gray, Color::DarkGray)),
            (Some(color), true) => Style::new().fg(color).add_modifier(Modifier::BOLD),
            (Some(color), false) => Style::new().fg(color).add_modifier(Modifier::DIM),
        }
    }

    /// Racer `k`'s gradient arrow: racer 0 keeps [`Theme::arrow`].
    pub fn racer_arrow(&self, k: usize) -> Style {
        match self.racer_color(k) {
            Some(color) if k > 0 => Style::new().fg(color).add_modifier(Modifier::BOLD),
            _ => self.arrow(),
        }
    }

    /// Racer `k`'s name and numbers in the legend.
    pub fn racer_text(&self, k: usize) -> Style {
        match self.racer_color(k) {
            Some(color) => Style::new().fg(color).add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The test loss: its line in the loss history, and its words.
    pub fn test_line(&self) -> Style {
        self.fg(self.pick(Color::LightMagenta, Color::Magenta))
    }

    /// The exact minimiser.
    pub fn minimum(&self) -> Style {
        self.fg(self.pick(Color::LightGreen, Color::Green))
            .add_modifier(Modifier::BOLD)
    }

    /// Data points in the fit panel.
    pub fn data(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue))
    }

    /// The rows of the next mini-batch in the fit panel.
    pub fn batch(&self) -> Style {
        self.fg(self.pick(Color::LightMagenta, Color::Green))
    }

    /// The model's curve in the fit panel.
    pub fn model(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Magenta))
    }

    /// A learning rate safely below the stability limit.
    pub fn safe(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A learning rate within 20% of the limit.
    pub fn near(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Magenta))
            .add_modifier(Modifier::BOLD)
    }

    /// A learning rate past the limit, and the divergence banner.
    pub fn danger(&self) -> Style {
        match self.mode {
            ColorMode::Monochrome => Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            _ => Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Labels and frames.
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// A cell of the 2-D fit panel's heatmap whose upper and lower halves have values
    /// `top` and `bottom` in [0, 1] (0: class 0 or the lowest target, 1: class 1 or the
    /// highest; `classes` picks the two-class ramp). With 256 colours or more it is a
    /// half block in darkened colours, so the data drawn over it stays the brightest
    /// thing; with 16 colours or none, a shading glyph for the mean of the two.
    pub fn plane_cell(&self, top: f64, bottom: f64, classes: bool) -> (char, Style) {
        // An output off the scale is at its end; only NaN is undecided.
        let unit = |t: f64| if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
        let (top, bottom) = (unit(top), unit(bottom));
        let t = 0.5 * (top + bottom);
        let ansi = |c: Color| Style::new().fg(c);
        match self.mode {
            // The cube's nearest to a darkened orange or blue is an olive or a grey, so
            // 256 colours get bands picked by hand: sure, then leaning, on each side.
            ColorMode::Ansi256 if classes && !self.light => {
                let band = |t: f64| Color::Indexed(CLASS_BANDS_256[((t * 4.0) as usize).min(3)]);
                ('▀', Style::new().fg(band(top)).bg(band(bottom)))
            }
            ColorMode::Rgb | ColorMode::Ansi256 => {
                let shade = |t| self.deep(self.background_tint(plane_ramp(t, classes), classes));
                ('▀', Style::new().fg(shade(top)).bg(shade(bottom)))
            }
            // Only the sure side of each class is shaded, so the points stand out.
            ColorMode::Ansi16 if classes => match t {
                t if t < 0.3 => ('░', ansi(Color::Red)),
                t if t > 0.7 => ('░', ansi(Color::Blue)),
                _ => (' ', Style::new()),
            },
            ColorMode::Ansi16 => ('░', ansi(self.heat(t))),
            // Class 1's side shaded, class 0's blank; the boundary between is drawn `█`.
            ColorMode::Monochrome if classes => (
                match t {
                    t if t < 0.5 => ' ',
                    t if t < 0.75 => '░',
                    _ => '▒',
                },
                Style::new(),
            ),
            ColorMode::Monochrome => (
                [' ', '░', '▒', '▓'][((t * 4.0) as usize).min(3)],
                Style::new(),
            ),
        }
    }

    /// A data point in the 2-D fit panel whose target is at `t` in [0, 1] (as for
    /// [`Theme::plane_cell`]): the ramp's full colour, bold.
    pub fn plane_point(&self, t: f64, classes: bool) -> Style {
        let t = if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
        let color = match self.mode {
            ColorMode::Ansi256 if classes && !self.light => {
                Some(Color::Indexed(if t < 0.5 { 214 } else { 75 }))
            }
            ColorMode::Rgb | ColorMode::Ansi256 => {
                let (r, g, b) = plane_ramp(t, classes);
                let (r, g, b) = if self.light {
                    (0.6 * r, 0.6 * g, 0.6 * b)
                } else {
                    (r, g, b)
                };
                Some(self.deep(Color::Rgb(r as u8, g as u8, b as u8)))
            }
            ColorMode::Ansi16 if classes => Some(if t < 0.5 {
                Color::LightRed
            } else {
                Color::LightCyan
            }),
            ColorMode::Ansi16 => Some(self.heat(t)),
            ColorMode::Monochrome => None,
        };
        let style = Style::new().add_modifier(Modifier::BOLD);
        color.map_or(style, |c| style.fg(c))
    }

    /// The decision boundary in the 2-D fit panel: a pale line across the darkened heat.
    pub fn boundary(&self) -> Style {
        let pale = match self.mode {
            ColorMode::Monochrome => return Style::new(),
            ColorMode::Ansi16 => Color::White,
            _ => self.deep(Color::Rgb(205, 205, 205)),
        };
        Style::new().fg(self.pick(pale, Color::DarkGray))
    }

    /// An RGB colour as this mode shows it: itself, or the nearest of 256.
    fn deep(&self, color: Color) -> Color {
        if self.mode == ColorMode::Ansi256 {
            nearest_256(color)
        } else {
            color
        }
    }

    /// A ramp colour toned down to sit behind data: darker on a dark background,
    /// paler on a light one.
    /// Values keep more of their colour than classes: their points are told from the
    /// heat by brightness alone, and a darker viridis is all black and grey.
    fn background_tint(&self, (r, g, b): (f64, f64, f64), classes: bool) -> Color {
        let keep = if classes { 0.32 } else { 0.5 };
        let tone = |v: f64| {
            if self.light {
                (255.0 - keep * (255.0 - v)).round() as u8
            } else {
                (keep * v).round() as u8
            }
        };
        Color::Rgb(tone(r), tone(g), tone(b))
    }

    /// A foreground colour, or plain text without colour.
    fn fg(&self, color: Color) -> Style {
        if self.has_color() {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }
}

/// The six levels of each channel in the xterm 256-colour palette's 6×6×6 cube.
pub(super) const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The nearest colour of the xterm 256-colour palette (its 6×6×6 cube and 24 greys) to
/// `color`, by distance in RGB.
fn nearest_256(color: Color) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    let near = |v: u8| {
        (0..6)
            .min_by_key(|&k| CUBE_LEVELS[k].abs_diff(v))
            .expect("six levels")
    };
    let (ri, gi, bi) = (near(r), near(g), near(b));
    let cube = (CUBE_LEVELS[ri], CUBE_LEVELS[gi], CUBE_LEVELS[bi]);
    let grey_k = ((u32::from(r) + u32::from(g) + u32::from(b)) / 3).saturating_sub(8) / 10;
    let grey_k = grey_k.min(23) as u8;
    let grey = 8 + 10 * grey_k;
    let dist = |(x, y, z): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(x, r) + d(y, g) + d(z, b)
    };
    if dist((grey, grey, grey)) < dist(cube) {
        Color::Indexed(232 + grey_k)
    } else {
        Color::Indexed(16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8)
    }
}

/// Class 0's colour in the 2-D fit panel: TensorFlow Playground's orange, brightened.
const CLASS_ZERO_RGB: (f64, f64, f64) = (255.0, 150.0, 40.0);

/// Class 1's colour in the 2-D fit panel: Playground's blue, brightened.
const CLASS_ONE_RGB: (f64, f64, f64) = (70.0, 160.0, 255.0);

/// The 256-colour heat between the classes, class 0 first: maroon and dark olive on
/// class 0's side, dark teal and navy on class 1's; dark enough that the orange and
/// blue points read on either.
const CLASS_BANDS_256: [u8; 4] = [52, 58, 23, 17];

/// Midway between the classes: a grey, so the undecided band reads as neither.
const UNDECIDED_RGB: (f64, f64, f64) = (150.0, 150.0, 150.0);

/// The 2-D fit panel's ramp at `t` in [0, 1]: orange through grey to blue between the
/// classes, or viridis over values.
fn plane_ramp(t: f64, classes: bool) -> (f64, f64, f64) {
    if !classes {
        let Color::Rgb(r, g, b) = viridis(t) else {
            unreachable!("viridis is RGB")
        };
        return (f64::from(r), f64::from(g), f64::from(b));
    }
    let (a, b, f) = if t < 0.5 {
        (CLASS_ZERO_RGB, UNDECIDED_RGB, 2.0 * t)
    } else {
        (UNDECIDED_RGB, CLASS_ONE_RGB, 2.0 * t - 1.0)
    };
    let mix = |p: f64, q: f64| p + (q - p) * f;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A viridis-like ramp: dark purple through blue and green to yellow.
fn viridis(t: f64) -> Color {
    const STOPS: [(f64, f64, f64); 5] = [
        (68.0, 1.0, 84.0),
        (59.0, 82.0, 139.0),
        (33.0, 145.0, 140.0),
        (94.0, 201.0, 98.0),
        (253.0, 231.0, 37.0),
    ];
    let pos = t * (STOPS.len() - 1) as f64;
    let i = (pos as usize).min(STOPS.len() - 2);
    let f = pos - i as f64;
    let mix = |a: f64, b: f64| (a + (b - a) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    Color::Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_runs_from_dark_to_bright_and_tolerates_garbage() {
        let rgb = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        assert_eq!(rgb.heat(0.0), Color::Rgb(68, 1, 84));
        assert_eq!(rgb.heat(1.0), Color::Rgb(253, 231, 37));
        assert_eq!(rgb.heat(f64::NAN), rgb.heat(1.0));
        let ansi = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        assert_eq!(ansi.heat(0.0), Color::Blue);
        assert_eq!(ansi.heat(1.0), Color::Magenta);
    }

    #[test]
    fn monochrome_shades_with_glyphs_and_never_colours() {
        let mono = Theme {
            mode: ColorMode::Monochrome,
            light: false,
        };
        // The valley is the densest shade, the peaks the lightest.
        assert_eq!(mono.shade(0.0), '█');
        assert_eq!(mono.shade(1.0), ' ');
        assert_eq!(mono.trail().fg, None);
        assert_eq!(mono.marker().fg, None);
        for k in 0..RACER_GLYPHS.len() {
            assert_eq!(mono.racer_marker(k).fg, None);
            assert_eq!(mono.racer_trail(k).fg, None);
            assert_eq!(mono.racer_arrow(k).fg, None);
        }
    }

    #[test]
    fn racers_keep_the_first_look_and_differ_from_each_other() {
        let ansi = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        assert_eq!(ansi.racer_marker(0), ansi.marker());
        assert_eq!(ansi.racer_trail(0), ansi.trail());
        assert_eq!(ansi.racer_arrow(0), ansi.arrow());
        let colors: Vec<_> = (0..6).map(|k| ansi.racer_color(k)).collect();
        for (k, c) in colors.iter().enumerate() {
            assert!(!colors[..k].contains(c), "racer {k} repeats a colour");
            assert_ne!(c.unwrap(), Color::LightRed);
            assert_ne!(c.unwrap(), Color::LightGreen);
        }
        let glyphs: std::collections::HashSet<_> = RACER_GLYPHS.iter().collect();
        assert_eq!(glyphs.len(), RACER_GLYPHS.len());
    }

    #[test]
    fn the_256_colour_ramp_comes_from_the_cube_and_keeps_its_order() {
        let t256 = Theme {
            mode: ColorMode::Ansi256,
            light: false,
        };
        let cells: Vec<Color> = (0..=20).map(|k| t256.heat(f64::from(k) / 20.0)).collect();
        assert!(
            cells.iter().all(|c| matches!(c, Color::Indexed(16..=255))),
            "{cells:?}"
        );
        let distinct: std::collections::HashSet<_> = cells.iter().collect();
        assert!(distinct.len() >= 8, "a ramp, not a few bands: {cells:?}");
        // Pure colours land on their own cube entries.
        assert_eq!(nearest_256(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(nearest_256(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(nearest_256(Color::Rgb(128, 128, 128)), Color::Indexed(244));
    }

    #[test]
    fn a_light_background_gets_dark_lines() {
        for mode in [ColorMode::Rgb, ColorMode::Ansi256, ColorMode::Ansi16] {
            let light = Theme { mode, light: true };
            // Nothing that draws on the terminal's own background is white, grey or yellow.
            for style in [
                light.trail(),
                light.data(),
                light.model(),
                light.near(),
                light.minimum(),
                light.racer_path(0, true),
                light.racer_path(0, false),
            ] {
                let fg = style.fg.unwrap();
                assert!(
                    !matches!(
                        fg,
                        Color::White | Color::Gray | Color::Yellow | Color::LightYellow
                    ),
                    "{fg:?}"
                );
            }
            for k in 0..6 {
                assert_ne!(light.racer_color(k), Some(Color::LightYellow));
            }
        }
    }
}
