//! The text of a PDF, by lopdf, after a pre-scan that refuses nesting deeper than
//! [`MAX_PDF_NESTING`] (lopdf's parser recurses) and a count of objects.

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
/// The text of a PDF, line by line: a new line wherever the text moves down the page.
/// Lines repeated at the top or bottom of most pages (the symbol, page numbers) are dropped.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    use lopdf::{Document, Object};
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
    let mut pages: Vec<Vec<String>> = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page_id).map_err(|e| e.to_string())?;
        let encodings: HashMap<Vec<u8>, lopdf::Encoding<'_>> = fonts
            .into_iter()
            .filter_map(|(name, font)| font.get_font_encoding(&doc).ok().map(|e| (name, e)))
            .collect();
        let content = doc
            .get_and_decode_page_content(page_id)
            .map_err(|e| e.to_string())?;
        let mut lines: Vec<String> = vec![String::new()];
        let mut encoding = None;
        let (mut y, mut line_y) = (0.0_f32, f32::NAN);
        let number = |o: &Object| {
            o.as_float()
                .ok()
                .or_else(|| o.as_i64().ok().map(|i| i as f32))
        };
        for op in &content.operations {
            let mut show: Vec<&Object> = Vec::new();
            match op.operator.as_str() {
                "Tf" => {
                    encoding = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| encodings.get(n));
                }
                "Tm" => y = op.operands.get(5).and_then(number).unwrap_or(y),
                "Td" | "TD" => y += op.operands.get(1).and_then(number).unwrap_or(0.0),
                "T*" => y -= 1.0,
                "Tj" | "'" | "\"" => show.extend(op.operands.last()),
                "TJ" => show.extend(op.operands.first()),
                _ => {}
            }
            if show.is_empty() {
                continue;
            }
            if !line_y.is_nan() && (y - line_y).abs() > 0.5 {
                lines.push(String::new());
            }
            line_y = y;
            let Some(enc) = encoding else { continue };
            let line = lines.last_mut().ok_or("no line")?;
            for operand in show {
                let parts: Vec<&Object> = match operand {
                    Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for part in parts {
                    match part {
                        Object::String(s, _) => line
                            .push_str(&Document::decode_text(enc, s).map_err(|e| e.to_string())?),
                        other => {
                            if number(other).is_some_and(|k| k < -200.0) {
                                line.push(' ');
                            }
                        }
                    }
                }
            }
        }
        pages.push(
            lines
                .into_iter()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect(),
        );
    }
    // Running heads and page numbers: a line found on more than half of 3+ pages, or a line
    // that is only a page number ("3", "3/12", "- 3 -").
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for page in &pages {
        let mut distinct: Vec<&str> = page.iter().map(String::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for l in distinct {
            *seen.entry(l).or_default() += 1;
        }
    }
    let running = |l: &str| pages.len() >= 3 && seen.get(l).copied().unwrap_or(0) * 2 > pages.len();
    let page_number = |l: &str| {
        l.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '-' || c == ' ')
            && l.chars().any(|c| c.is_ascii_digit())
            && !l.ends_with('.')
    };
    let mut text = String::new();
    for page in &pages {
        for l in page {
            if !running(l) && !page_number(l) {
                text.push_str(l);
                text.push('\n');
            }
        }
    }
    Ok(text)
}
