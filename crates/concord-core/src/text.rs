//! Text matching as people type it: case, accents and apostrophe styles do not matter.

/// What each folded character becomes (after lowercasing): Latin accents dropped, ligatures
/// spelled out, typographic apostrophes made plain. The UI folds with this same table
/// (`make bindings` writes it to `ui/src/lib/bindings/core.ts`), so the picker and the
/// resolver agree; `testdata/fold-cases.json` holds the cases both sides test against.
pub const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćč", "c"),
    ("ďđ", "d"),
    ("èéêëēėęě", "e"),
    ("ğ", "g"),
    ("ìíîïīįı", "i"),
    ("łľ", "l"),
    ("ñńň", "n"),
    ("òóôõöøōő", "o"),
    ("œ", "oe"),
    ("ř", "r"),
    ("śšşș", "s"),
    ("ß", "ss"),
    ("ťţț", "t"),
    ("ùúûüūůűų", "u"),
    ("ýÿ", "y"),
    ("źżž", "z"),
    ("\u{2018}\u{2019}\u{02bc}`", "'"),
];

fn folded(c: char) -> Option<&'static str> {
    // Most text is ASCII, and the only ASCII entry is the backtick: search folds every word of
    // hundreds of candidates per query, so skip the table for the rest.
    if c.is_ascii() && c != '`' {
        return None;
    }
    FOLDS
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

/// Folds `text` for matching: lowercase, then [`FOLDS`], runs of white space made one space,
/// none at the ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        match folded(c) {
            Some(to) => out.push_str(to),
            None => out.push(c),
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Longest name accepted (an actor, topic, proposal, process, session, set), in characters.
pub const MAX_NAME_CHARS: usize = 300;

/// Deepest a topic may sit in the tree ("International law/…/…"), counting the root.
pub const MAX_TOPIC_DEPTH: usize = 8;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("is empty")]
    Empty,
    #[error("is {0} characters long; the limit is {MAX_NAME_CHARS}")]
    TooLong(usize),
    #[error(
        "holds a control character (U+{0:04X}) at character {1}; names are one line of plain text"
    )]
    Control(u32, usize),
}

/// A name as it is stored: trimmed, not empty, not over [`MAX_NAME_CHARS`], and free of NUL,
/// line breaks and every other control character (they hide in pasted text and break CSV
/// exports and pickers).
pub fn name(text: &str) -> Result<&str, NameError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NameError::Empty);
    }
    if let Some((at, c)) = text.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(NameError::Control(c as u32, at + 1));
    }
    let chars = text.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(NameError::TooLong(chars));
    }
    Ok(text)
}

/// Drops a UTF-8 byte order mark at the start of a text, as Windows tools write it.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The first `chars` characters of `text`, with "…" when it was cut: excerpts in lists.
pub fn shorten(text: &str, chars: usize) -> String {
    let mut short: String = text.chars().take(chars).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// A day as the UN writes it: "2 December 2024" (never 12/02/2024, which reads two ways).
pub fn un_date(day: chrono::NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::{fold, name, shorten, strip_bom, un_date, NameError};

    #[test]
    fn days_read_as_the_un_writes_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 12, 2).unwrap();
        assert_eq!(un_date(day), "2 December 2024");
    }

    #[test]
    fn names_refuse_control_characters_and_runaway_length() {
        assert_eq!(name("  Brazil "), Ok("Brazil"));
        assert_eq!(name("Bra\0zil"), Err(NameError::Control(0, 4)));
        assert_eq!(name("Two\nlines"), Err(NameError::Control(10, 4)));
        assert_eq!(name(" "), Err(NameError::Empty));
        assert!(matches!(
            name(&"x".repeat(301)),
            Err(NameError::TooLong(301))
        ));
        assert_eq!(strip_bom("\u{feff}actor_iso3"), "actor_iso3");
    }

    #[test]
    fn folds_as_the_shared_cases_say() {
        let cases: Vec<(String, String)> =
            serde_json::from_str(include_str!("../../../testdata/fold-cases.json")).unwrap();
        assert!(cases.len() > 10);
        for (text, want) in cases {
            assert_eq!(fold(&text), want, "{text:?}");
        }
    }

    #[test]
    fn shorten_marks_a_cut() {
        assert_eq!(shorten("Côte d'Ivoire", 4), "Côte…");
        assert_eq!(shorten("Côte", 4), "Côte");
    }
}
