//! The text of a Word (.docx) file: a zip of XML parts, each read no further than
//! [`MAX_PART_BYTES`]. Paragraphs numbered by Word's lists get their numbers typed in;
//! footnote calls become "[n]" and the footnotes follow a line "Footnotes".

use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// The most one part of a Word file may inflate to: a long report's document.xml is a few
/// MB; a part that grows past this is a zip bomb.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
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

#[cfg(test)]
mod tests {
    use super::*;

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
