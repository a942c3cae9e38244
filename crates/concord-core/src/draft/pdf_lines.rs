//! A PDF page's content stream → its lines of text, each with where it stands (the baseline's
//! height on the page) and how large it is set, so footnotes at the foot of a page can be told
//! from the body by position and font size (`pdf`).
//!
//! A run set smaller and raised above the line it joins is a superscript: digits there are a
//! footnote call, written `[^n]`; a small number that starts a line set lower and larger
//! (a footnote's own number, as Word sets it) is that line's first word. A run positioned
//! anew on the same line is a new word unless it starts with a closing mark.

use lopdf::{Document, Encoding, Object};
use std::collections::HashMap;

/// One line of a page: its baseline (points from the page's foot), the size of its largest
/// run (points) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub size: f32,
    pub text: String,
    /// The line so far is one small run of digits (a footnote number set raised).
    raised_number: bool,
}

/// The text state the reader follows: the baseline, the text matrix's vertical scale, the
/// font size, the rise and the leading.
#[derive(Debug, Clone, Copy)]
struct State {
    y: f32,
    scale: f32,
    size: f32,
    rise: f32,
    leading: f32,
    /// The text was positioned anew since the last run shown.
    moved: bool,
}

fn number(o: &Object) -> Option<f32> {
    o.as_float()
        .ok()
        .or_else(|| o.as_i64().ok().map(|i| i as f32))
}

fn digits(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

/// The lines of one page, top to bottom as the content stream draws them.
pub fn page_lines(doc: &Document, page_id: (u32, u16)) -> Result<Vec<Line>, String> {
    let fonts = doc.get_page_fonts(page_id).map_err(|e| e.to_string())?;
    let encodings: HashMap<Vec<u8>, Encoding<'_>> = fonts
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding(doc).ok().map(|e| (name, e)))
        .collect();
    let content = doc
        .get_and_decode_page_content(page_id)
        .map_err(|e| e.to_string())?;
    let mut lines: Vec<Line> = Vec::new();
    let mut encoding = None;
    let mut s = State {
        y: 0.0,
        scale: 1.0,
        size: 1.0,
        rise: 0.0,
        leading: 0.0,
        moved: false,
    };
    for op in &content.operations {
        let arg = |i: usize| op.operands.get(i).and_then(number);
        let mut show: Vec<&Object> = Vec::new();
        match op.operator.as_str() {
            // BT starts from the identity matrix: the baseline at the page's origin.
            "BT" => {
                s.y = 0.0;
                s.scale = 1.0;
                s.moved = true;
            }
            "Tf" => {
                encoding = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| encodings.get(n));
                s.size = arg(1).unwrap_or(s.size);
            }
            "Tm" => {
                s.y = arg(5).unwrap_or(s.y);
                s.scale = arg(3).map(f32::abs).filter(|d| *d > 0.0).unwrap_or(1.0);
                s.moved = true;
            }
            "Td" | "TD" => {
                let ty = arg(1).unwrap_or(0.0);
                if op.operator == "TD" {
                    s.leading = -ty;
                }
                s.y += ty * s.scale;
                s.moved = true;
            }
            "TL" => s.leading = arg(0).unwrap_or(s.leading),
            "Ts" => s.rise = arg(0).unwrap_or(0.0),
            "T*" => {
                s.y -= s.leading.max(1.0) * s.scale;
                s.moved = true;
            }
            "Tj" => show.extend(op.operands.last()),
            "'" | "\"" => {
                s.y -= s.leading.max(1.0) * s.scale;
                s.moved = true;
                show.extend(op.operands.last());
            }
            "TJ" => show.extend(op.operands.first()),
            _ => {}
        }
        if show.is_empty() {
            continue;
        }
        let Some(enc) = encoding else { continue };
        let text = decode(enc, &show)?;
        if text.is_empty() {
            continue;
        }
        place(&mut lines, &s, &text);
        s.moved = false;
    }
    for line in &mut lines {
        line.text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    lines.retain(|l| !l.text.is_empty());
    Ok(lines)
}

/// The text of the strings of one show operator; a gap wider than a fifth of an em inside a
/// `TJ` array is a space.
fn decode(enc: &Encoding<'_>, show: &[&Object]) -> Result<String, String> {
    let mut text = String::new();
    for operand in show {
        let parts: Vec<&Object> = match operand {
            Object::Array(items) => items.iter().collect(),
            other => vec![*other],
        };
        for part in parts {
            match part {
                Object::String(bytes, _) => {
                    text.push_str(&Document::decode_text(enc, bytes).map_err(|e| e.to_string())?)
                }
                other => {
                    if number(other).is_some_and(|k| k < -200.0) {
                        text.push(' ');
                    }
                }
            }
        }
    }
    Ok(text)
}

/// Adds a run of `text` set in state `s` to the page's lines: onto the last line, as a
/// superscript on it, as the line a raised number began, or as a new line.
fn place(lines: &mut Vec<Line>, s: &State, text: &str) {
    let (y, size) = (s.y + s.rise * s.scale, s.size * s.scale);
    let Some(line) = lines.last_mut() else {
        lines.push(new_line(y, size, text));
        return;
    };
    let dy = y - line.y;
    if dy.abs() <= 0.5 {
        if s.moved && !line.text.ends_with(char::is_whitespace) && !closing(text) {
            line.text.push(' ');
        }
        line.text.push_str(text);
        line.size = line.size.max(size);
        line.raised_number = false;
    } else if dy > 0.5 && dy < line.size && size < 0.8 * line.size {
        // Raised and smaller: a superscript on this line.
        match digits(text) {
            Some(n) => line.text.push_str(&format!("[^{n}]")),
            None => line.text.push_str(text),
        }
    } else if line.raised_number && dy < 0.0 && -dy < size && line.size < 0.8 * size {
        // The raised number was this lower, larger line's first word.
        line.text.push(' ');
        line.text.push_str(text);
        line.y = y;
        line.size = size;
        line.raised_number = false;
    } else {
        lines.push(new_line(y, size, text));
    }
}

fn new_line(y: f32, size: f32, text: &str) -> Line {
    Line {
        y,
        size,
        text: text.to_string(),
        raised_number: digits(text).is_some(),
    }
}

/// A run that attaches to the word before it: ", as well", ".", ")".
fn closing(text: &str) -> bool {
    text.starts_with(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | ']' | '”' | '’' | '?' | '!')
    })
}
