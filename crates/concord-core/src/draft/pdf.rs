//! The text of a PDF, by lopdf, after a pre-scan that refuses nesting deeper than
//! [`MAX_PDF_NESTING`] (lopdf's parser recurses) and a count of objects. Running heads, page
//! numbers and job numbers are dropped; footnotes at the foot of the pages — set smaller
//! than the body, below its last line — are gathered after a "Footnotes" line at the end,
//! one a line, so the parse reads them as the revision's footnotes.

use super::page;
use super::pdf_lines::{page_lines, Line};
use std::collections::HashMap;

/// The PDF nesting (arrays and dictionaries inside each other) past which a file is refused
/// before the PDF reader sees it: its parser recurses, and real documents nest a few levels.
pub const MAX_PDF_NESTING: usize = 64;

/// The most objects a PDF may hold: a 300-page report holds a few thousand.
pub const MAX_PDF_OBJECTS: usize = 200_000;

/// How deep arrays (`[`) and dictionaries (`<<`) nest in a PDF's objects, streams and strings
/// skipped; stops counting past [`MAX_PDF_NESTING`].
fn pdf_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() && deepest <= MAX_PDF_NESTING {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b's' if bytes[i..].starts_with(b"stream") => {
                let rest = &bytes[i..];
                i += rest
                    .windows(9)
                    .position(|w| w == b"endstream")
                    .map_or(rest.len(), |at| at + 9);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}
/// The text of a PDF, line by line (see the module's comment).
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    use lopdf::Document;
    if pdf_nesting(bytes) > MAX_PDF_NESTING {
        return Err(format!(
            "its objects are nested more than {MAX_PDF_NESTING} deep, which no real document is"
        ));
    }
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.objects.len() > MAX_PDF_OBJECTS {
        return Err(format!(
            "it holds {} objects, more than the {MAX_PDF_OBJECTS} any real document needs",
            doc.objects.len()
        ));
    }
    if doc.is_encrypted() {
        return Err("it is encrypted; save an unprotected copy first".into());
    }
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        pages.push(page_lines(&doc, page_id)?);
    }
    Ok(assemble(pages))
}

/// The pages' lines as one text: the body, then the footnotes.
fn assemble(pages: Vec<Vec<Line>>) -> String {
    // Running heads: a line found on more than half of 3+ pages.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut distinct: Vec<&str> = page.iter().map(|l| l.text.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for l in distinct {
            *seen.entry(l.to_string()).or_default() += 1;
        }
    }
    let count = pages.len();
    let running = |l: &str| count >= 3 && seen.get(l).copied().unwrap_or(0) * 2 > count;
    let pages: Vec<Vec<Line>> = pages
        .into_iter()
        .map(|p| {
            p.into_iter()
                .filter(|l| !running(&l.text) && !page::furniture(&l.text))
                .collect()
        })
        .collect();
    let body = body_size(&pages);
    let mut text = String::new();
    let mut notes: Vec<String> = Vec::new();
    let mut last_note: Option<u32> = None;
    for page in &pages {
        let floor = page
            .iter()
            .filter(|l| l.size >= 0.9 * body)
            .map(|l| l.y)
            .fold(f32::INFINITY, f32::min);
        // A page with no line in the body's size has no foot to tell apart.
        let at_foot = |l: &Line| floor.is_finite() && l.y < floor && l.size < 0.9 * body;
        let mut numbers = last_note;
        let notes_here = page.iter().filter(|l| at_foot(l)).any(|l| {
            let starts = note_start(&l.text, numbers);
            if let Some(n) = starts {
                numbers = n.or(numbers);
            }
            starts.is_some()
        }) || !notes.is_empty();
        for line in page {
            if !(notes_here && at_foot(line)) {
                text.push_str(&line.text);
                text.push('\n');
            } else if let Some(n) = note_start(&line.text, last_note) {
                last_note = n.or(last_note);
                notes.push(line.text.clone());
            } else if let Some(note) = notes.last_mut() {
                note.push(' ');
                note.push_str(&line.text);
            } else {
                text.push_str(&line.text);
                text.push('\n');
            }
        }
    }
    if !notes.is_empty() {
        text.push_str("Footnotes\n");
        for note in notes {
            text.push_str(&note);
            text.push('\n');
        }
    }
    text
}

/// The size most of the text is set in (to half a point).
fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut chars: HashMap<i32, usize> = HashMap::new();
    for line in pages.iter().flatten() {
        *chars.entry((line.size * 2.0).round() as i32).or_default() += line.text.len();
    }
    chars
        .into_iter()
        .max_by_key(|(size, n)| (*n, *size))
        .map_or(0.0, |(size, _)| size as f32 / 2.0)
}

/// Whether a line at a page's foot starts a footnote: "* …", or "n …" where n follows the
/// last footnote's number (by at most 3, so a line that goes on "2021 …" is not one). Gives
/// the footnote's number, if it has one.
fn note_start(line: &str, last: Option<u32>) -> Option<Option<u32>> {
    if line.starts_with("* ") || line.starts_with("** ") {
        return Some(None);
    }
    let (number, rest) = line.split_once(' ')?;
    let n: u32 = number.parse().ok()?;
    let follows = match last {
        None => n <= 3,
        Some(last) => n > last && n <= last + 3,
    };
    (follows && !rest.is_empty()).then_some(Some(n))
}
