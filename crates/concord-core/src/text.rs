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

/// The first `chars` characters of `text`, with "…" when it was cut: excerpts in lists.
pub fn shorten(text: &str, chars: usize) -> String {
    let mut short: String = text.chars().take(chars).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::{fold, shorten};

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
