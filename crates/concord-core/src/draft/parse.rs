//! A revision's text → provisions. Recognised, one per line start:
//! - headings: "I. Introduction", "A. Norms", or a line in capitals;
//! - numbered paragraphs: "12. …", "12 bis. …";
//! - sub-paragraphs: "(a) …" under the last paragraph, "(i) …" under the last lettered one;
//! - footnotes: after a line "Footnotes" or "Notes" (or a rule of underscores), "1 …",
//!   "[1] …" or "¹ …" gives footnote 1's text ("* …" footnote *'s), as does a Markdown
//!   `[^1] …` on any line; in the body "[1]", `[^1]`, "¹" or (from a PDF) a "1" or "*" glued
//!   to a word mark where that footnote is called, each written "[1]" (`footnotes`).
//!
//! Text copied from a UN PDF carries each page's footnotes under a rule of underscores and
//! the page's job number ("21-04310 (E) 120321") after them: the job number ends those
//! footnotes and is dropped, as is the document's symbol where it repeats as a running head.
//!
//! Lines that start with none of these continue the provision above.

use super::{footnotes, page};
use crate::model::{DraftPreview, DraftProvision, FootnoteCalls, ProvisionKind};
use std::borrow::Cow;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedProvision {
    pub kind: ProvisionKind,
    /// "12", "12 bis", "12 (a)", "II", "fn 3".
    pub label: String,
    /// The label of the paragraph a sub-paragraph belongs to.
    pub parent: Option<String>,
    pub text: String,
    /// Footnotes called from this provision, by number.
    pub footnotes: Vec<String>,
}

fn roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXLC".contains(c))
}

fn lower_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "ivxl".contains(c))
}

/// "12. text" → ("12", "text"); "12 bis. text" → ("12 bis", "text").
fn paragraph_number(line: &str) -> Option<(String, &str)> {
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let rest = &line[digits.len()..];
    for suffix in [" bis", " ter", " quater", " quinquies"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            if let Some(text) = after.strip_prefix('.') {
                return Some((format!("{digits}{suffix}"), text.trim()));
            }
        }
    }
    let text = rest.strip_prefix('.')?;
    (text.starts_with(' ') || text.is_empty()).then(|| (digits, text.trim()))
}

/// "(a) text" → ("a", "text").
fn sub_marker(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('(')?;
    let (marker, text) = rest.split_once(')')?;
    let ok =
        !marker.is_empty() && marker.len() <= 4 && marker.chars().all(|c| c.is_ascii_lowercase());
    ok.then(|| (marker, text.trim()))
}

/// "II. Title" or "B. Title" → ("II", "Title").
fn heading_marker(line: &str) -> Option<(&str, &str)> {
    let (marker, text) = line.split_once(". ")?;
    let ok = roman(marker) || (marker.len() == 1 && marker.chars().all(|c| c.is_ascii_uppercase()));
    (ok && !text.trim().is_empty() && !text.trim_end().ends_with('.'))
        .then(|| (marker, text.trim()))
}

fn capitals(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// The footnotes called in a text: "[12]", "[*]". One pass: a call is a "[" followed by
/// digits (or asterisks) only, then "]" (so "[[[[…" or a long bracketed passage costs no more
/// than its length).
fn footnote_calls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => open = Some(i + 1),
            ']' => {
                if let Some(start) = open.take() {
                    if i > start {
                        out.push(text[start..i].to_string());
                    }
                }
            }
            c if c.is_ascii_digit() || c == '*' => {}
            _ => open = None,
        }
    }
    out
}

pub fn parse(text: &str) -> Vec<ParsedProvision> {
    let mut out: Vec<ParsedProvision> = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut lettered: Option<String> = None;
    let mut in_footnotes = false;
    let mut headings = 0;
    // The document's symbol, when the text starts with it, and whether the line before was
    // page furniture (after which the next page's running head stands).
    let mut symbol: Option<&str> = None;
    let mut after_furniture = false;
    for raw in text.lines() {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        if page::job_number(raw) {
            in_footnotes = false;
            after_furniture = true;
            continue;
        }
        if page::bare_symbol(raw) {
            if out.is_empty() && symbol.is_none() {
                symbol = Some(raw);
            } else if after_furniture || symbol == Some(raw) {
                continue;
            }
        }
        after_furniture = false;
        // A rule of underscores, alone or with the first footnote after it on its line.
        let rule = raw.trim_start_matches('_');
        let raw = if raw.len() - rule.len() >= 5 {
            in_footnotes = true;
            match rule.trim() {
                "" => continue,
                rest => rest,
            }
        } else {
            raw
        };
        let definition = footnotes::is_definition(raw);
        let plain = footnotes::plain_calls(raw);
        let line = plain.as_ref();
        if line.eq_ignore_ascii_case("footnotes") || line.eq_ignore_ascii_case("notes") {
            in_footnotes = true;
            continue;
        }
        in_footnotes |= definition;
        if in_footnotes {
            // Text copied flat from a PDF can run a page's footnotes on one line.
            for piece in footnotes::run_together(line, next_footnote(&out)) {
                footnote_line(&mut out, piece);
            }
            continue;
        }
        let provision = if let Some((label, text)) = paragraph_number(line) {
            paragraph = Some(label.clone());
            lettered = None;
            Some((ProvisionKind::Paragraph, label, None, text.to_string()))
        } else if let (Some((marker, text)), Some(parent)) = (sub_marker(line), paragraph.clone()) {
            // (i), (ii) under a lettered item; single letters other than i, v, x are letters.
            let is_roman = lower_roman(marker) && (marker.len() > 1 || lettered.is_some());
            if is_roman && lettered.is_some() {
                let under = lettered.clone().unwrap_or_default();
                Some((
                    ProvisionKind::Subparagraph,
                    format!("{under} ({marker})"),
                    Some(under),
                    text.to_string(),
                ))
            } else {
                let label = format!("{parent} ({marker})");
                lettered = Some(label.clone());
                Some((
                    ProvisionKind::Subparagraph,
                    label,
                    Some(parent),
                    text.to_string(),
                ))
            }
        } else if let Some((marker, text)) = heading_marker(line) {
            Some((
                ProvisionKind::Heading,
                marker.to_string(),
                None,
                text.to_string(),
            ))
        } else if capitals(line) {
            headings += 1;
            Some((
                ProvisionKind::Heading,
                format!("h{headings}"),
                None,
                line.to_string(),
            ))
        } else {
            None
        };
        match provision {
            Some((kind, label, parent, text)) => out.push(ParsedProvision {
                kind,
                label,
                parent,
                footnotes: footnote_calls(&text),
                text,
            }),
            None => match out.last_mut() {
                Some(last) => {
                    // The calls of the added line only: rescanning the whole paragraph for
                    // each line would be quadratic in a paragraph of many short lines.
                    last.text.push(' ');
                    last.text.push_str(line);
                    last.footnotes.extend(footnote_calls(line));
                }
                None => out.push(ParsedProvision {
                    kind: ProvisionKind::Paragraph,
                    label: String::new(),
                    parent: None,
                    footnotes: footnote_calls(line),
                    text: line.to_string(),
                }),
            },
        }
    }
    read_glued_calls(&mut out);
    out
}

/// A line of footnotes: "3 text", "[3] text", "* text" starts footnote 3 (or *); any other
/// line goes on with the provision before.
fn footnote_line(out: &mut Vec<ParsedProvision>, line: &str) {
    let body = line
        .strip_prefix('[')
        .map(|l| l.replacen(']', "", 1))
        .unwrap_or_else(|| line.to_string());
    let marker: String = if body.starts_with('*') {
        body.chars().take_while(|c| *c == '*').take(3).collect()
    } else {
        body.chars().take_while(|c| c.is_ascii_digit()).collect()
    };
    if !marker.is_empty() && body[marker.len()..].starts_with([' ', '.', ':']) {
        out.push(ParsedProvision {
            kind: ProvisionKind::Footnote,
            label: format!("fn {marker}"),
            parent: None,
            text: footnotes::definition_text(body[marker.len()..].trim_start_matches('.').trim())
                .to_string(),
            footnotes: Vec::new(),
        });
    } else if let Some(last) = out.last_mut() {
        last.text.push(' ');
        last.text.push_str(line);
    }
}

/// The number the next footnote would have: one past the last numbered one, else 1.
fn next_footnote(out: &[ParsedProvision]) -> u32 {
    out.iter()
        .rev()
        .filter(|p| p.kind == ProvisionKind::Footnote)
        .find_map(|p| p.label.trim_start_matches("fn ").parse::<u32>().ok())
        .map_or(1, |n| n + 1)
}

/// Digits glued after a word ("consensus,2 as"), as text copied from a PDF has them, are
/// calls of the footnotes the revision has texts for and calls nowhere in brackets.
fn read_glued_calls(provisions: &mut [ParsedProvision]) {
    let defined: HashSet<String> = provisions
        .iter()
        .filter(|p| p.kind == ProvisionKind::Footnote)
        .map(|p| p.label.trim_start_matches("fn ").to_string())
        .collect();
    if defined.is_empty() {
        return;
    }
    let called: HashSet<String> = provisions
        .iter()
        .filter(|p| p.kind != ProvisionKind::Footnote)
        .flat_map(|p| p.footnotes.iter().cloned())
        .collect();
    for p in provisions
        .iter_mut()
        .filter(|p| p.kind != ProvisionKind::Footnote)
    {
        if let Cow::Owned(text) = footnotes::glued_calls(&p.text, &defined, &called) {
            p.footnotes = footnote_calls(&text);
            p.text = text;
        }
    }
}

impl From<&ParsedProvision> for DraftProvision {
    fn from(p: &ParsedProvision) -> Self {
        DraftProvision {
            kind: p.kind,
            label: p.label.clone(),
            parent: p.parent.clone(),
            text: p.text.clone(),
        }
    }
}

impl From<&DraftProvision> for ParsedProvision {
    fn from(p: &DraftProvision) -> Self {
        ParsedProvision {
            kind: p.kind,
            label: p.label.trim().to_string(),
            parent: p.parent.clone().filter(|l| !l.trim().is_empty()),
            footnotes: footnote_calls(&p.text),
            text: p.text.trim().to_string(),
        }
    }
}

/// What in a parse a person should look at before saving it.
pub fn warnings(provisions: &[DraftProvision]) -> Vec<String> {
    let mut out = Vec::new();
    let mut labels = HashSet::new();
    let mut called = HashSet::new();
    for p in provisions {
        if p.kind != ProvisionKind::Footnote {
            called.extend(footnote_calls(&p.text));
        }
        if p.label.is_empty() && p.kind != ProvisionKind::Heading {
            let start: String = p.text.chars().take(40).collect();
            out.push(format!(
                "text before the first numbered paragraph: “{start}…”"
            ));
        } else if !p.label.is_empty() && !labels.insert(p.label.as_str()) {
            out.push(format!("{} appears more than once", p.label));
        }
    }
    let texts: HashSet<String> = provisions
        .iter()
        .filter(|p| p.kind == ProvisionKind::Footnote)
        .map(|p| p.label.trim_start_matches("fn ").to_string())
        .collect();
    let mut missing: Vec<&String> = called.iter().filter(|n| !texts.contains(*n)).collect();
    missing.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
    for n in missing {
        out.push(format!(
            "footnote {n} is called in the text but has no footnote text"
        ));
    }
    let mut unused: Vec<&String> = texts.iter().filter(|n| !called.contains(*n)).collect();
    unused.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
    for n in unused {
        out.push(format!("footnote {n} has a text but is never called"));
    }
    out
}

/// The parse of a text, for the analyst to check (and fix) before it is saved.
pub fn preview(text: &str, file: Option<String>) -> DraftPreview {
    let parsed = parse(text);
    let footnotes = parsed
        .iter()
        .filter(|p| p.kind == ProvisionKind::Footnote)
        .map(|f| {
            let number = f.label.trim_start_matches("fn ");
            FootnoteCalls {
                label: f.label.clone(),
                called_in: parsed
                    .iter()
                    .filter(|p| p.kind != ProvisionKind::Footnote)
                    .filter(|p| p.footnotes.iter().any(|n| n == number))
                    .map(|p| p.label.clone())
                    .collect(),
            }
        })
        .collect();
    let provisions: Vec<DraftProvision> = parsed.iter().map(DraftProvision::from).collect();
    DraftPreview {
        file,
        warnings: warnings(&provisions),
        provisions,
        footnotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_calls_are_bracketed_digits_only() {
        assert_eq!(footnote_calls("met[12] and [3]."), ["12", "3"]);
        assert_eq!(footnote_calls("[a1] [] [1 2] [[[["), Vec::<String>::new());
        assert_eq!(footnote_calls("[1[2]"), ["2"]);
        let p = parse("1. States met[1]\nin New York [2]\nand Geneva.");
        assert_eq!(p[0].footnotes, ["1", "2"]);
    }

    #[test]
    fn reads_headings_paragraphs_subparagraphs_and_footnotes() {
        let text = "\
I. Introduction
1. The Group met [1] in New York.
2. It agreed that:
(a) States should cooperate;
(b) capacity-building should be
demand-driven;
(i) gender-sensitive;
12 bis. [States shall][States should] report.
Footnotes
1 A/AC.292/2024/CRP.1.
";
        let p = parse(text);
        let got: Vec<(&str, ProvisionKind, Option<&str>)> = p
            .iter()
            .map(|x| (x.label.as_str(), x.kind, x.parent.as_deref()))
            .collect();
        use ProvisionKind::*;
        assert_eq!(
            got,
            [
                ("I", Heading, None),
                ("1", Paragraph, None),
                ("2", Paragraph, None),
                ("2 (a)", Subparagraph, Some("2")),
                ("2 (b)", Subparagraph, Some("2")),
                ("2 (b) (i)", Subparagraph, Some("2 (b)")),
                ("12 bis", Paragraph, None),
                ("fn 1", Footnote, None),
            ]
        );
        assert_eq!(p[1].footnotes, ["1"]);
        assert_eq!(p[4].text, "capacity-building should be demand-driven;");
        assert_eq!(p[6].text, "[States shall][States should] report.");
        assert_eq!(p[7].text, "A/AC.292/2024/CRP.1.");
    }

    #[test]
    fn footnotes_are_read_as_they_arrive_markdown_superscript_and_glued() {
        // Markdown: calls in the body, definitions at the end with no "Footnotes" line.
        let p = parse("1. As in A/75/816[^1] and A/76/135.[^2]\n[^1] A/75/816.\n[^2]: A/76/135.\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[0].text, "As in A/75/816[1] and A/76/135.[2]");
        assert_eq!(p[0].footnotes, ["1", "2"]);
        assert_eq!(
            (p[1].label.as_str(), p[1].text.as_str()),
            ("fn 1", "A/75/816.")
        );
        assert_eq!(
            (p[2].label.as_str(), p[2].text.as_str()),
            ("fn 2", "A/76/135.")
        );
        // Superscript calls and texts after "Notes".
        let p = parse("1. Adopted by consensus¹ in July.\nNotes\n¹ A/78/265.\n");
        assert_eq!(p[0].footnotes, ["1"]);
        assert_eq!(p[1].text, "A/78/265.");
        // Copied from a PDF: the call is a digit glued after the comma.
        let p = parse(
            "1. Adopted by consensus,2 as well as Rev.2 of the text.\nFootnotes\n2 A/78/265.\n",
        );
        assert_eq!(
            p[0].text,
            "Adopted by consensus,[2] as well as Rev.2 of the text."
        );
        assert_eq!(p[0].footnotes, ["2"]);
    }

    #[test]
    fn preview_warns_of_unmatched_footnotes_and_repeated_numbers() {
        let p = preview(
            "Draft\n1. One [1] and [2].\n1. Again.\nFootnotes\n1 First.\n3 Third.\n",
            None,
        );
        assert_eq!(
            p.warnings,
            [
                "text before the first numbered paragraph: “Draft…”",
                "1 appears more than once",
                "footnote 2 is called in the text but has no footnote text",
                "footnote 3 has a text but is never called",
            ]
        );
        assert_eq!(p.footnotes[0].label, "fn 1");
        assert_eq!(p.footnotes[0].called_in, ["1"]);
        assert!(p.footnotes[1].called_in.is_empty());
        let back: Vec<ParsedProvision> = p.provisions.iter().map(ParsedProvision::from).collect();
        assert_eq!(back[1].footnotes, ["1", "2"]);
    }
}
