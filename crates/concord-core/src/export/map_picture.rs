//! The agreement map as a picture: the laid-out drawing (`coalitions::drawing`) drawn as SVG
//! by plotters, and that SVG rasterised to PNG by resvg with the system's fonts.

use super::ExportError;
use crate::coalitions::drawing::colour;
use crate::model::{Drawing, MapPoint, Tone};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const INK: RGBColor = RGBColor(0x1b, 0x1f, 0x24);
const DIM: RGBColor = RGBColor(0x5c, 0x66, 0x70);
const LINE: RGBColor = RGBColor(0xd0, 0xd6, 0xdc);
const DRIFT: RGBColor = RGBColor(0x8a, 0x94, 0xa0);
/// plotters writes a font size as given ÷ 1.24; these give 11, 12 and 16 pixels.
const SMALL: f64 = 11.0 * 1.24;
const TEXT: f64 = 12.0 * 1.24;
const TITLE: f64 = 16.0 * 1.24;
/// Sans-serif faces to draw text in, the first this machine has (else any face it has).
const SANS_SERIF: &[&str] = &[
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Nimbus Sans",
    "Arial",
    "Helvetica",
];
/// Characters a caption line holds across the picture (11-pixel text).
const CAPTION_CHARS: usize = 100;
/// PNG pixels per SVG pixel: sharp enough to print or paste into a slide.
const PNG_SCALE: f32 = 2.0;

fn picture_error(e: impl std::fmt::Display) -> ExportError {
    ExportError::Picture(e.to_string())
}

fn tone_colour(t: Tone) -> RGBColor {
    let (r, g, b) = colour(t);
    RGBColor(r, g, b)
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// The drawing as an SVG document.
pub fn svg(d: &Drawing) -> Result<String, ExportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (d.width as u32, d.height as u32))
            .into_drawing_area();
        draw(&root, d).map_err(picture_error)?;
        root.present().map_err(picture_error)?;
    }
    Ok(out)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    d: &Drawing,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let left = Pos::new(HPos::Left, VPos::Center);
    let styled = |size: f64, style: FontStyle, colour: RGBColor, pos: Pos| {
        ("sans-serif", size, style)
            .into_font()
            .color(&colour)
            .pos(pos)
    };
    let font = |size: f64, colour: RGBColor, pos: Pos| styled(size, FontStyle::Normal, colour, pos);
    root.fill(&WHITE)?;
    root.draw(&Text::new(
        d.title.clone(),
        (16, 18),
        styled(TITLE, FontStyle::Bold, INK, left),
    ))?;
    let caption = [&d.counts, &d.reading]
        .into_iter()
        .flat_map(|c| wrap(c, CAPTION_CHARS));
    for (k, line) in caption.enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (16, 38 + 15 * k as i32),
            font(SMALL, DIM, left),
        ))?;
    }
    root.draw(&Rectangle::new(
        [
            (0, px(d.map_top)),
            (px(d.map_size) - 1, px(d.map_top + d.map_size)),
        ],
        LINE.stroke_width(1),
    ))?;
    if let Some(empty) = &d.empty {
        root.draw(&Text::new(
            empty.clone(),
            (px(d.map_size / 2.0), px(d.map_top + d.map_size / 2.0)),
            font(TEXT, DIM, Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    for a in &d.arrows {
        let (from, to) = ((px(a.from.x), px(a.from.y)), (px(a.to.x), px(a.to.y)));
        root.draw(&PathElement::new(vec![from, to], DRIFT.stroke_width(1)))?;
        root.draw(&Polygon::new(arrow_head(a.from, a.to), DRIFT.filled()))?;
    }
    for dot in &d.dots {
        let centre = (px(dot.x), px(dot.y));
        let r = px(dot.radius);
        root.draw(&Circle::new(centre, r, tone_colour(dot.tone).filled()))?;
        root.draw(&Circle::new(centre, r, WHITE.stroke_width(1)))?;
    }
    // Labels after every dot, so no dot hides a name.
    for dot in &d.dots {
        let Some(label) = dot.label else { continue };
        let h = if label.ends_here {
            HPos::Right
        } else {
            HPos::Left
        };
        root.draw(&Text::new(
            dot.name.clone(),
            (px(label.x), px(label.y - 4.0)),
            font(SMALL, INK, Pos::new(h, VPos::Center)),
        ))?;
    }
    let mut x = 16;
    // The legend in the middle of the band under the map.
    let y = px((d.map_top + d.map_size + d.height) / 2.0);
    for entry in &d.legend {
        root.draw(&Circle::new(
            (x + 5, y),
            5,
            tone_colour(entry.tone).filled(),
        ))?;
        root.draw(&Text::new(
            entry.meaning.clone(),
            (x + 15, y),
            font(TEXT, INK, left),
        ))?;
        // About 7 pixels a character at 12 pixels, and a gap.
        x += 15 + 7 * entry.meaning.chars().count() as i32 + 24;
    }
    Ok(())
}

/// A small triangle at `to`, pointing away from `from`.
fn arrow_head(from: MapPoint, to: MapPoint) -> Vec<(i32, i32)> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    // The tip stops short of the dot's centre; the base is 7 back, 3.5 either side.
    let tip = (to.x - ux * 5.0, to.y - uy * 5.0);
    let base = (tip.0 - ux * 7.0, tip.1 - uy * 7.0);
    vec![
        (px(tip.0), px(tip.1)),
        (px(base.0 - uy * 3.5), px(base.1 + ux * 3.5)),
        (px(base.0 + uy * 3.5), px(base.1 - ux * 3.5)),
    ]
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// An SVG document rasterised as PNG, on white, at twice its size.
pub fn png(svg: &str) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // "sans-serif" means Arial to resvg unless told; name a sans-serif face this machine has.
    let families: Vec<String> = fonts
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .collect();
    let sans = SANS_SERIF
        .iter()
        .find(|want| families.iter().any(|f| f == *want))
        .map(|s| s.to_string())
        .or_else(|| families.first().cloned());
    if let Some(sans) = sans {
        fonts.set_sans_serif_family(sans);
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(picture_error)?;
    let size = tree.size().to_int_size();
    let (w, h) = (
        (size.width() as f32 * PNG_SCALE) as u32,
        (size.height() as f32 * PNG_SCALE) as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| picture_error(format!("a picture of {w}×{h} pixels cannot be made")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(picture_error)
}
