//! A draft's text from a file: plain text, Word (.docx) or PDF. The text comes out as the
//! parser reads it: one paragraph per line, footnote calls as "[n]", footnote texts after a
//! line "Footnotes". A file the readers cannot make sense of is an error that names the file,
//! never a crash: the PDF and DOCX readers run so that a panic inside them becomes an error.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger than any draft report; a file this big is the wrong file.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; a draft is far smaller — check the file")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: Concord reads drafts from .txt, .docx and .pdf files")]
    UnknownKind { path: PathBuf },
    #[error("{path} is not a text file in UTF-8 (byte {at} is not); save it as UTF-8 text")]
    NotUtf8 { path: PathBuf, at: usize },
    #[error("{path} is not a readable Word file: {reason}")]
    Docx { path: PathBuf, reason: String },
    #[error("{path} is not a readable PDF: {reason}")]
    Pdf { path: PathBuf, reason: String },
    #[error("{path} holds no text Concord can read (a scanned PDF needs OCR first)")]
    NoText { path: PathBuf },
    #[error("the pasted text is {chars} characters; a draft report is far smaller — check what was pasted")]
    PasteTooLong { chars: usize },
}

impl ExtractError {
    /// Every failure to read a draft is about the file or the paste, not the machine.
    pub fn code(&self) -> crate::model::ErrorCode {
        crate::model::ErrorCode::InvalidInput
    }
}

/// Longest pasted text previewed, in characters (a long report is about 200 000).
pub const MAX_PASTE_CHARS: usize = 5_000_000;

/// The parse of a pasted text, for the analyst to check before saving.
pub fn preview_text(text: &str) -> Result<crate::model::DraftPreview, ExtractError> {
    let text = crate::text::strip_bom(text);
    let chars = text.chars().count();
    if chars > MAX_PASTE_CHARS {
        return Err(ExtractError::PasteTooLong { chars });
    }
    Ok(super::preview(text, None))
}

/// The parse of a .txt, .docx or .pdf file, for the analyst to check before saving.
pub fn preview_file(path: &Path) -> Result<crate::model::DraftPreview, ExtractError> {
    let text = read_file(path)?;
    Ok(super::preview(&text, Some(path.display().to_string())))
}

/// Runs a third-party reader so that a panic inside it comes back as an error message.
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(format!("the reader failed inside ({what})"))
        }
    }
}

/// The text of a .txt, .docx or .pdf file.
pub fn read_file(path: &Path) -> Result<String, ExtractError> {
    let io = |source| ExtractError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = match crate::files::found(path).map_err(io)? {
        crate::files::Found::File(bytes) => bytes,
        crate::files::Found::Nothing => {
            return Err(io(std::io::ErrorKind::NotFound.into()));
        }
        crate::files::Found::NotAFile => {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a folder, a pipe or a device)",
            )));
        }
    };
    if size > MAX_FILE_BYTES {
        return Err(ExtractError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let text = match ext.as_str() {
        "txt" | "text" | "md" => {
            let text = String::from_utf8(bytes).map_err(|e| ExtractError::NotUtf8 {
                path: path.to_path_buf(),
                at: e.utf8_error().valid_up_to(),
            })?;
            crate::text::strip_bom(&text).to_string()
        }
        "docx" => guarded(|| docx_text(&bytes)).map_err(|reason| ExtractError::Docx {
            path: path.to_path_buf(),
            reason,
        })?,
        "pdf" => guarded(|| pdf_text(&bytes)).map_err(|reason| ExtractError::Pdf {
            path: path.to_path_buf(),
            reason,
        })?,
        _ => {
            return Err(ExtractError::UnknownKind {
                path: path.to_path_buf(),
            })
        }
    };
    if text.trim().is_empty() {
        return Err(ExtractError::NoText {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// The most one part of a Word file may inflate to: a long report's document.xml is a few
/// MB; a part that grows past this is a zip bomb.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The PDF nesting (arrays and dictionaries inside each other) past which a file is refused
/// before the PDF reader sees it: its parser recurses, and real documents nest a few levels.
pub const MAX_PDF_NESTING: usize = 64;

/// A part of the zip as text, read no further than [`MAX_PART_BYTES`]; `Ok(None)` when the
/// part is not there.
fn zip_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let Ok(file) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("its part {name} cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "its part {name} inflates past {} MB, far beyond any real document (a zip bomb?)",
            MAX_PART_BYTES >> 20
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("its part {name} is not UTF-8 XML"))
}

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

/// One paragraph of a Word part: its text with footnote calls as ids, and its list level.
struct WordParagraph {
    text: String,
    /// (list id, level) for a paragraph numbered by Word rather than by typed "12.".
    list: Option<(String, u32)>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Reads the `<w:p>` paragraphs of a Word XML part: those of the body in order, and those
/// inside `<w:footnote w:id>` elements joined into each footnote's text, by id. Footnote
/// calls in the body become "[n]", numbered in the order of `footnote_calls`.
fn word_paragraphs(
    xml: &str,
    footnote_calls: &mut Vec<String>,
) -> Result<(Vec<WordParagraph>, HashMap<String, String>), String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut notes: HashMap<String, String> = HashMap::new();
    let mut current: Option<WordParagraph> = None;
    let mut in_text = false;
    let mut note: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: u32 = 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("broken XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"footnote" => note = attr(&e, "w:id"),
                b"p" => {
                    current = Some(WordParagraph {
                        text: String::new(),
                        list: None,
                    });
                    num_id = None;
                    level = 0;
                }
                b"t" => in_text = true,
                b"tab" => {
                    if let Some(p) = current.as_mut() {
                        p.text.push(' ');
                    }
                }
                b"br" => {
                    if let Some(p) = current.as_mut() {
                        p.text.push(' ');
                    }
                }
                b"ilvl" => level = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                b"numId" => num_id = attr(&e, "w:val").filter(|v| v != "0"),
                b"footnoteReference" => {
                    if let (Some(p), Some(id)) = (current.as_mut(), attr(&e, "w:id")) {
                        let n = match footnote_calls.iter().position(|c| *c == id) {
                            Some(i) => i + 1,
                            None => {
                                footnote_calls.push(id);
                                footnote_calls.len()
                            }
                        };
                        p.text.push_str(&format!("[{n}]"));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.text
                        .push_str(&t.decode().map_err(|e| format!("bad text encoding: {e}"))?);
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => p.text.push(c),
                        None => p.text.push_str(match r.decode().as_deref() {
                            Ok("amp") => "&",
                            Ok("lt") => "<",
                            Ok("gt") => ">",
                            Ok("quot") => "\"",
                            Ok("apos") => "'",
                            _ => "",
                        }),
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some(mut p) = current.take() {
                        p.list = num_id.take().map(|id| (id, level));
                        match &note {
                            Some(id) => {
                                let text = notes.entry(id.clone()).or_default();
                                if !text.is_empty() {
                                    text.push(' ');
                                }
                                text.push_str(p.text.trim());
                            }
                            None => out.push(p),
                        }
                    }
                }
                b"footnote" => note = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, notes))
}

fn letter(n: usize) -> String {
    let n = n.saturating_sub(1) % 26;
    char::from(b'a' + n as u8).to_string()
}

/// The text of a Word file. Paragraphs numbered by Word's lists get their number typed in
/// ("12.", "(a)"), counted per list; footnotes are numbered in the order they are called.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is not a Word (zip) package: {e}"))?;
    let document = zip_part(&mut archive, "word/document.xml")?
        .ok_or("it has no word/document.xml part, so it is not a Word document")?;
    let mut calls = Vec::new();
    let (paragraphs, _) = word_paragraphs(&document, &mut calls)?;
    let notes = match zip_part(&mut archive, "word/footnotes.xml")? {
        Some(xml) => word_paragraphs(&xml, &mut Vec::new())?.1,
        None => HashMap::new(),
    };
    let mut counters: HashMap<(String, u32), usize> = HashMap::new();
    let mut text = String::new();
    for p in paragraphs {
        let body = p.text.trim();
        if body.is_empty() {
            continue;
        }
        if let Some((list, level)) = p.list {
            // A new item at a level restarts the levels below it.
            counters.retain(|(l, lv), _| !(l == &list && *lv > level));
            let n = counters.entry((list, level)).or_insert(0);
            *n += 1;
            match level {
                0 => text.push_str(&format!("{n}. ")),
                1 => text.push_str(&format!("({}) ", letter(*n))),
                _ => {}
            }
        }
        text.push_str(body);
        text.push('\n');
    }
    if !calls.is_empty() {
        text.push_str("Footnotes\n");
        for (i, id) in calls.iter().enumerate() {
            if let Some(note) = notes.get(id) {
                text.push_str(&format!("{} {}\n", i + 1, note.trim()));
            }
        }
    }
    Ok(text)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_reader_becomes_an_error() {
        let got: Result<(), String> = guarded(|| panic!("index out of bounds"));
        assert_eq!(
            got.unwrap_err(),
            "the reader failed inside (index out of bounds)"
        );
    }

    #[test]
    fn unknown_extension_and_non_utf8_text_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let odt = dir.path().join("draft.odt");
        std::fs::write(&odt, b"x").unwrap();
        let err = read_file(&odt).unwrap_err().to_string();
        assert!(err.contains("draft.odt") && err.contains(".docx"), "{err}");
        let latin1 = dir.path().join("draft.txt");
        std::fs::write(&latin1, b"1. C\xf4te").unwrap();
        let err = read_file(&latin1).unwrap_err().to_string();
        assert!(err.contains("byte 4") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn word_lists_get_their_numbers_typed_in() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>States met.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>first &amp; only;</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Second</w:t><w:footnoteReference w:id="7"/></w:r></w:p>
</w:body></w:document>"#;
        let mut calls = Vec::new();
        let (paras, _) = word_paragraphs(xml, &mut calls).unwrap();
        assert_eq!(paras.len(), 3);
        assert_eq!(paras[1].text, "first & only;");
        assert_eq!(paras[2].text, "Second[1]");
        assert_eq!(calls, ["7"]);
    }
}
