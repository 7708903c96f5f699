//! A figure's file: SVG text, a PNG, or a GIF of frames; and the font bitmaps draw with.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use super::draw::{Layout, figure};
use super::frames;
use super::scene::{Scene, View};
use crate::fmt::Exact;

/// GIF quantisation effort: 1 is the best and slowest, 30 the fastest; 10 keeps the
/// heat's bands apart at a few tens of milliseconds a frame.
const GIF_SPEED: i32 = 10;
/// How long an animation rests on its last frame before looping, in hundredths of a
/// second.
const HOLD: u16 = 150;

/// DejaVu Sans with the Chinese characters of the figures' words added from WenQuanYi
/// Micro Hei, made by `assets/fonts/make-zh-font.sh`.
pub const ZH_SANS: &[u8] = include_bytes!("../../assets/fonts/downhill-zh-sans.ttf");
/// The same, over DejaVu Sans Bold (the Chinese characters are not bold).
pub const ZH_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/downhill-zh-sans-bold.ttf");

/// The regular and bold fonts of figures in `lang`.
fn faces(lang: crate::i18n::Lang) -> (&'static [u8], &'static [u8]) {
    match lang {
        crate::i18n::Lang::En => (dejavu::sans::regular(), dejavu::sans::bold()),
        crate::i18n::Lang::Zh => (ZH_SANS, ZH_SANS_BOLD),
    }
}

/// Hands plotters the embedded fonts of the language in use, so that bitmaps need no
/// installed fonts: DejaVu Sans, with the figures' Chinese characters in Chinese.
/// Registered once: a process draws its figures in one language.
fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let (regular, bold) = faces(crate::i18n::lang());
        // The bytes are font files built into the program, which ab_glyph reads; a
        // failure is a broken build, not bad input.
        register_font("sans-serif", FontStyle::Normal, regular)
            .map_err(|_| ())
            .expect("the regular figure font is valid");
        register_font("sans-serif", FontStyle::Bold, bold)
            .map_err(|_| ())
            .expect("the bold figure font is valid");
    });
}

/// The figure as SVG, with the path it draws as CSV in a `<metadata>` element.
pub fn svg(scene: &Scene, layout: Layout, size: (u32, u32)) -> anyhow::Result<Vec<u8>> {
    fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        let last = scene.descent.points.len() - 1;
        figure(
            &root,
            (scene, &scene.view(last, layout.samples())),
            layout,
            last,
        )?;
        root.present()?;
    }
    let at = text
        .find("<svg")
        .and_then(|s| text[s..].find('>').map(|e| s + e + 1))
        .ok_or_else(|| anyhow::anyhow!("plotters wrote no <svg> element"))?;
    text.insert_str(at, &metadata(scene));
    Ok(text.into_bytes())
}

/// The path as `downhill run` would print it, on the plane: `step,x,y,loss` per state.
fn metadata(scene: &Scene) -> String {
    let mut csv = format!("\nstep,{},{},loss\n", scene.axes.0, scene.axes.1);
    for (point, place) in scene.descent.points.iter().zip(&scene.path) {
        let (x, y) = place.unwrap_or((f64::NAN, f64::NAN));
        csv += &format!(
            "{},{},{},{}\n",
            point.step,
            Exact(x),
            Exact(y),
            Exact(point.loss)
        );
    }
    let escaped = csv
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("\n<metadata id=\"downhill-path\">{escaped}</metadata>")
}

/// One frame, state `upto` seen through `view`, as RGB bytes.
fn raster(
    (scene, view): (&Scene, &View),
    layout: Layout,
    (w, h): (u32, u32),
    upto: usize,
) -> anyhow::Result<Vec<u8>> {
    fonts();
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        figure(&root, (scene, view), layout, upto)?;
        root.present()?;
    }
    Ok(rgb)
}

/// The figure as a PNG.
pub fn png(scene: &Scene, layout: Layout, size: (u32, u32)) -> anyhow::Result<Vec<u8>> {
    let last = scene.descent.points.len() - 1;
    let rgb = raster(
        (scene, &scene.view(last, layout.samples())),
        layout,
        size,
        last,
    )?;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, size.0, size.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(bytes)
}

/// The descent as a looping GIF: one frame per [`frames`] pick, `fps` a second, resting
/// on the last. Each frame frames the path so far, as the view follows the point, so
/// that the first zig-zags are not lost in the window of a blowup's last.
pub fn gif(
    scene: &Scene,
    layout: Layout,
    size: (u32, u32),
    every: Option<usize>,
    fps: u32,
) -> anyhow::Result<Vec<u8>> {
    let (w, h) = (u16::try_from(size.0)?, u16::try_from(size.1)?);
    let picks = frames(scene.descent.points.len(), every, fps);
    let delay = u16::try_from((100 / fps.max(1)).max(2)).unwrap_or(2);
    let mut bytes = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut bytes, w, h, &[])?;
        encoder.set_repeat(gif::Repeat::Infinite)?;
        for (k, &upto) in picks.iter().enumerate() {
            let rgb = raster(
                (scene, &scene.view(upto, layout.samples())),
                layout,
                size,
                upto,
            )?;
            let mut frame = gif::Frame::from_rgb_speed(w, h, &rgb, GIF_SPEED);
            frame.delay = if k + 1 == picks.len() { HOLD } else { delay };
            encoder.write_frame(&frame)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::{ZH_SANS, ZH_SANS_BOLD, faces};
    use crate::i18n::Lang;
    use ab_glyph::{Font, FontRef};

    /// The text of the figures' words in `files` (a language's catalogue), comments left out.
    fn figure_words(files: &[(&str, &str)]) -> String {
        let (_, text) = files
            .iter()
            .find(|(name, _)| *name == "figure.ftl")
            .expect("a catalogue of the figures' words");
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_figure_fonts_have_every_character_of_the_figures_words() {
        let fonts = [
            ("zh regular", ZH_SANS, crate::i18n::ZH),
            ("zh bold", ZH_SANS_BOLD, crate::i18n::ZH),
            ("en regular", dejavu::sans::regular(), crate::i18n::EN),
        ];
        for (name, bytes, catalogue) in fonts {
            let font = FontRef::try_from_slice(bytes).expect("a font ab_glyph reads");
            let words = figure_words(catalogue);
            let missing: String = words
                .chars()
                .filter(|c| !c.is_whitespace() && font.glyph_id(*c).0 == 0)
                .collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
        }
        // The Chinese is there to be drawn: the catalogue has it, and figures in Chinese
        // are drawn with the fonts that have it.
        let zh = figure_words(crate::i18n::ZH);
        assert!(zh.contains("损失地形"));
        for face in [faces(Lang::Zh).0, faces(Lang::Zh).1] {
            let font = FontRef::try_from_slice(face).unwrap();
            assert_ne!(font.glyph_id('损').0, 0);
        }
        let english = FontRef::try_from_slice(faces(Lang::En).0).unwrap();
        assert_eq!(
            english.glyph_id('损').0,
            0,
            "English figures keep DejaVu as it ships"
        );
    }
}
