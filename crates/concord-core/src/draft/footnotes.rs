//! Footnote calls as UN texts arrive: "[3]", Markdown's `[^3]`, superscript digits "³", and
//! — in text copied from a PDF — digits glued after a word or punctuation ("consensus,2 as
//! well"). Each is written "[3]" in the provision's text, so a revision read from a PDF and
//! one pasted from Word compare call for call. Footnote texts: after a line "Footnotes" or
//! "Notes", or any line that starts with a Markdown definition (`[^3] …`, `[^3]: …`).

use regex::{Captures, Regex};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

struct Patterns {
    markdown: Regex,
    superscript: Regex,
    definition: Regex,
    glued: Regex,
    glued_star: Regex,
    run_on: Regex,
}

/// `None` only if a pattern fails to compile, which the tests below would show.
fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            markdown: Regex::new(r"\[\^(\d{1,4})\]").ok()?,
            superscript: Regex::new("[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}").ok()?,
            definition: Regex::new(r"^\[\^(\d{1,4})\]:?(?:\s|$)").ok()?,
            // A word (a letter, then lower-case letters: not "CRP" or "L"), or a closing mark,
            // then the digits, then a space, a closing mark, a contents line's leader dots or
            // the end: "consensus,2 as", "States.3", "“norms”4", "Assembly1...... 15".
            glued: Regex::new(r"(\b\p{L}\p{Ll}+[,.;:]?|[)”’])(\d{1,3})([\s)\]]|\.{2,}|$)").ok()?,
            // "General Assembly*", "session,**": asterisks after a word or a closing mark.
            // "…(A/58/50/Rev.1). 1 In accordance": a sentence's end, a number, a capital.
            run_on: Regex::new(r"[.;)]\s+(\d{1,3})\s+\p{Lu}").ok()?,
            glued_star: Regex::new(r"(\p{L}{2}[,.;:]?|[)”’])(\*{1,3})([\s,.;:)\]]|$)").ok()?,
        })
    })
    .as_ref()
}

fn superscript_digit(c: char) -> Option<char> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹"
        .chars()
        .position(|s| s == c)
        .and_then(|d| char::from_digit(d as u32, 10))
}

/// `line` with `[^3]` and "³" calls written "[3]".
pub fn plain_calls(line: &str) -> Cow<'_, str> {
    let Some(p) = patterns() else {
        return Cow::Borrowed(line);
    };
    let line = p.markdown.replace_all(line, "[$1]");
    if !p.superscript.is_match(&line) {
        return line;
    }
    let out = p
        .superscript
        .replace_all(&line, |c: &Captures<'_>| {
            let digits: String = c[0].chars().filter_map(superscript_digit).collect();
            format!("[{digits}]")
        })
        .into_owned();
    Cow::Owned(out)
}

/// Whether `line` (trimmed) starts a Markdown footnote definition, `[^3] …` or `[^3]: …`.
pub fn is_definition(line: &str) -> bool {
    patterns().is_some_and(|p| p.definition.is_match(line))
}

/// A definition's colon after its number ("[3]: text" once calls are plain) is dropped.
pub fn definition_text(text: &str) -> &str {
    text.strip_prefix(':').unwrap_or(text).trim()
}

/// Words followed by a number that is no footnote call ("para.2", "Rev.2", "Add.1").
const NOT_CALLS: [&str; 12] = [
    "para", "paras", "art", "no", "rev", "add", "corr", "res", "vol", "pp", "amend", "sect",
];

/// `text` with digits glued after a word or punctuation written as calls "[n]" — only where
/// `n` is a footnote the revision has a text for and calls nowhere in brackets (`called`).
pub fn glued_calls<'t>(
    text: &'t str,
    defined: &HashSet<String>,
    called: &HashSet<String>,
) -> Cow<'t, str> {
    let Some(p) = patterns() else {
        return Cow::Borrowed(text);
    };
    let call = |c: &Captures<'_>| {
        let (before, number, after) = (&c[1], &c[2], &c[3]);
        let word = before.trim_end_matches([',', '.', ';', ':']);
        if defined.contains(number)
            && !called.contains(number)
            && !NOT_CALLS.contains(&word.to_lowercase().as_str())
        {
            format!("{before}[{number}]{after}")
        } else {
            c[0].to_string()
        }
    };
    match p.glued.replace_all(text, call) {
        Cow::Borrowed(text) => p.glued_star.replace_all(text, call),
        Cow::Owned(text) => Cow::Owned(p.glued_star.replace_all(&text, call).into_owned()),
    }
}

/// A line of footnotes as text copied flat from a PDF can hold them ("* The list was issued
/// (A/58/50). 1 In accordance with…"): split where a sentence ends and the next footnote's
/// number, `next`, then the one after it, starts a sentence.
pub fn run_together(line: &str, mut next: u32) -> Vec<&str> {
    let Some(p) = patterns() else {
        return vec![line];
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for c in p.run_on.captures_iter(line) {
        let (Some(number), Some(whole)) = (c.get(1), c.get(0)) else {
            continue;
        };
        if number.as_str().parse::<u32>().ok() != Some(next) || whole.start() < start {
            continue;
        }
        // The sentence's closing mark stays with the footnote it ends.
        pieces.push(line[start..=whole.start()].trim());
        start = number.start();
        next += 1;
    }
    pieces.push(line[start..].trim());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_pattern_compiles() {
        assert!(patterns().is_some());
    }

    #[test]
    fn markdown_and_superscript_calls_are_written_in_brackets() {
        assert_eq!(
            plain_calls("the report[^1] and others²³."),
            "the report[1] and others[23]."
        );
        assert_eq!(plain_calls("no calls [a] here"), "no calls [a] here");
        assert!(is_definition("[^1] A/75/816."));
        assert!(is_definition("[^12]: See the report."));
        assert!(!is_definition("[1] text") && !is_definition("the [^1] call"));
        assert_eq!(definition_text(": See the report."), "See the report.");
    }

    #[test]
    fn glued_digits_are_calls_only_when_the_footnote_exists() {
        let defined = set(&["2", "3"]);
        let none = HashSet::new();
        assert_eq!(
            glued_calls("by consensus,2 as well as States.3", &defined, &none),
            "by consensus,[2] as well as States.[3]"
        );
        assert_eq!(
            glued_calls("of the Assembly2...... 15", &defined, &none),
            "of the Assembly[2]...... 15"
        );
        assert_eq!(
            glued_calls("L.2 and CRP.3 ", &defined, &none),
            "L.2 and CRP.3 "
        );
        // Not a defined footnote, a symbol, a paragraph reference, one already in brackets.
        assert_eq!(
            glued_calls("consensus,7 as", &defined, &none),
            "consensus,7 as"
        );
        assert_eq!(
            glued_calls("A/75/816 and Rev.2 ", &defined, &none),
            "A/75/816 and Rev.2 "
        );
        assert_eq!(
            glued_calls("see para.2 above", &defined, &none),
            "see para.2 above"
        );
        assert_eq!(
            glued_calls("consensus,2 as", &defined, &set(&["2"])),
            "consensus,2 as"
        );
    }

    #[test]
    fn footnotes_run_together_on_one_line_are_split_at_the_next_number() {
        assert_eq!(
            run_together(
                "* Issued (A/58/50). 1 In accordance with it. 2 See 3 States.",
                1
            ),
            [
                "* Issued (A/58/50).",
                "1 In accordance with it.",
                "2 See 3 States."
            ]
        );
        // Not the next number: one footnote that mentions a number.
        assert_eq!(
            run_together("1 See para. 7 Rev.1. 4 States agreed.", 2),
            ["1 See para. 7 Rev.1. 4 States agreed."]
        );
    }

    #[test]
    fn glued_asterisks_are_calls_of_asterisk_footnotes() {
        let defined = set(&["*", "1"]);
        let none = HashSet::new();
        assert_eq!(
            glued_calls(
                "the General Assembly* and the Council1 are",
                &defined,
                &none
            ),
            "the General Assembly[*] and the Council[1] are"
        );
        assert_eq!(
            glued_calls("a * b and x*y", &defined, &none),
            "a * b and x*y"
        );
        assert_eq!(
            glued_calls("the Assembly* met", &set(&["1"]), &none),
            "the Assembly* met"
        );
    }
}
