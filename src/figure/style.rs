//! The look of a figure: type sizes that grow with the figure, and the heat colours of
//! log L in bands.

use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

use crate::landscape::{any_negative, signed_exp10, signed_log10};

/// Colour of axes, text and outlines.
pub const INK: RGBColor = RGBColor(20, 20, 20);

/// Viridis (van der Walt & Smith, matplotlib), ten stops from low to high: dark where
/// the loss is low, bright where it is high, readable in grey and by colour-blind eyes.
const VIRIDIS: [(u8, u8, u8); 10] = [
    (68, 1, 84),
    (72, 40, 120),
    (62, 73, 137),
    (49, 104, 142),
    (38, 130, 142),
    (31, 158, 137),
    (53, 183, 121),
    (110, 206, 88),
    (181, 222, 43),
    (253, 231, 37),
];

/// Type sizes for a figure of a given size, from one unit: 1/32 of its smaller
/// side, so that a slide-sized figure reads from the back of a room.
#[derive(Debug, Clone, Copy)]
pub struct Fonts {
    unit: f64,
}

impl Fonts {
    /// The sizes for a figure `w` × `h` pixels.
    pub fn for_size(w: u32, h: u32) -> Fonts {
        Fonts {
            unit: f64::from(w.min(h)) / 32.0,
        }
    }

    /// `k` units, in whole pixels.
    pub fn size(&self, k: f64) -> u32 {
        (self.unit * k).round().max(1.0) as u32
    }

    fn style(&self, k: f64, bold: bool) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from(FontDesc::new(FontFamily::SansSerif, self.unit * k, style))
    }

    /// The figure's title.
    pub fn title(&self) -> TextStyle<'static> {
        self.style(1.25, true)
    }

    /// A panel's caption.
    pub fn caption(&self) -> TextStyle<'static> {
        self.style(1.0, false)
    }

    /// Axis names and notes.
    pub fn label(&self) -> TextStyle<'static> {
        self.style(0.9, false)
    }

    /// Tick values and legends.
    pub fn tick(&self) -> TextStyle<'static> {
        self.style(0.8, false)
    }
}

/// A tick's value for people: three digits, powers of ten from 10⁵ up and below 10⁻³.
pub fn tick(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-3..1e5).contains(&v.abs()) {
        crate::fmt::scientific(v, 2)
    } else {
        crate::fmt::human(crate::fmt::round_significant(v, 3))
    }
}

/// Bands of log₁₀ L (signed log when a loss is below 0) evenly between a slice's finite
/// extremes.
#[derive(Debug, Clone, Copy)]
pub struct Ramp {
    /// The lowest value, in log.
    pub low: f64,
    /// The highest value, in log.
    pub high: f64,
    /// How many bands.
    pub bands: usize,
    signed: bool,
}

impl Ramp {
    /// The ramp over `losses`, in `bands` bands.
    pub fn of(losses: &[f64], bands: usize) -> Ramp {
        let signed = any_negative(losses);
        let to = |l: f64| if signed { signed_log10(l) } else { l.log10() };
        let (low, high) = losses
            .iter()
            .map(|&l| to(l))
            .filter(|t| t.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
                (a.min(t), b.max(t))
            });
        let (low, high) = match (low.is_finite(), high - low > 1e-12) {
            (true, true) => (low, high),
            (true, false) => (low - 0.5, low + 0.5),
            (false, _) => (0.0, 1.0),
        };
        Ramp {
            low,
            high,
            bands: bands.max(1),
            signed,
        }
    }

    /// L at `t` on the ramp's log scale.
    pub fn value(&self, t: f64) -> f64 {
        if self.signed {
            signed_exp10(t)
        } else {
            10f64.powf(t)
        }
    }

    fn log(&self, l: f64) -> f64 {
        if self.signed {
            signed_log10(l)
        } else {
            l.log10()
        }
    }
}

/// The band of loss `l`: 0 for the lowest; an overflowed or NaN loss in the highest.
pub fn band_of(ramp: &Ramp, l: f64) -> usize {
    let t = ramp.log(l);
    if !t.is_finite() {
        // log₁₀ 0 = −∞ is the lowest band; an overflow the highest.
        return if t == f64::NEG_INFINITY {
            0
        } else {
            ramp.bands - 1
        };
    }
    let share = (t - ramp.low) / (ramp.high - ramp.low);
    ((share * ramp.bands as f64).floor().max(0.0) as usize).min(ramp.bands - 1)
}

/// The colour of `band`, along viridis.
pub fn heat_color(ramp: &Ramp, band: usize) -> RGBColor {
    let share = if ramp.bands > 1 {
        band as f64 / (ramp.bands - 1) as f64
    } else {
        0.5
    };
    let at = share * (VIRIDIS.len() - 1) as f64;
    let (i, f) = (at.floor() as usize, at.fract());
    let (a, b) = (VIRIDIS[i], VIRIDIS[(i + 1).min(VIRIDIS.len() - 1)]);
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_split_log_l_evenly_and_keep_extremes_inside() {
        let ramp = Ramp::of(&[1.0, 10.0, 100.0, f64::INFINITY], 4);
        assert_eq!((ramp.low, ramp.high), (0.0, 2.0));
        assert_eq!(band_of(&ramp, 1.0), 0);
        assert_eq!(band_of(&ramp, 3.0), 0); // log 0.477 < 0.5
        assert_eq!(band_of(&ramp, 4.0), 1);
        assert_eq!(band_of(&ramp, 100.0), 3);
        assert_eq!(band_of(&ramp, f64::INFINITY), 3);
        assert_eq!(band_of(&ramp, 0.0), 0);
        assert!((ramp.value(1.0) - 10.0).abs() < 1e-12);
    }

    #[test]
    fn the_ramp_runs_from_viridis_dark_to_bright() {
        let ramp = Ramp::of(&[1.0, 10.0], 5);
        assert_eq!(heat_color(&ramp, 0), RGBColor(68, 1, 84));
        assert_eq!(heat_color(&ramp, 4), RGBColor(253, 231, 37));
    }

    #[test]
    fn losses_below_zero_take_the_signed_log() {
        let ramp = Ramp::of(&[-99.0, 0.0, 99.0], 2);
        assert_eq!((ramp.low, ramp.high), (-2.0, 2.0));
        assert_eq!(band_of(&ramp, -50.0), 0);
        assert_eq!(band_of(&ramp, 50.0), 1);
    }
}
