//! The paragraphs a sentence cites by number — "paragraph 14", "para. 14 (b)", "paragraphs 3
//! and 4", "OP 5", "footnote 2" — as the labels the draft reader gives them ("14", "14 (b)",
//! "fn 2"), in the order the sentence cites them.

use regex::Regex;
use std::sync::OnceLock;

/// What a citation is read with.
struct Patterns {
    /// "paragraph(s) …", "para. …", "OP …", with a list after the first number.
    paragraphs: Regex,
    /// "footnote(s) …", with a list.
    footnotes: Regex,
    /// One number of a list, with its letter.
    item: Regex,
}

/// `None` only if a pattern fails to compile, which the tests below would show.
fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        // A list after the first number ("paragraphs 3, 4 and 7") is read too.
        let number = r"(\d{1,3})(?:\s*\(([a-z])\))?";
        let list = format!(r"{number}((?:\s*(?:,|and|or|&)\s*\d{{1,3}}(?:\s*\([a-z]\))?)*)");
        Some(Patterns {
            paragraphs: Regex::new(&format!(
                r"(?i)\b(?:(?:operative\s+)?paragraphs?|paras?\.?|op)\s*{list}"
            ))
            .ok()?,
            footnotes: Regex::new(&format!(r"(?i)\bfootnotes?\s*{list}")).ok()?,
            item: Regex::new(number).ok()?,
        })
    })
    .as_ref()
}

/// Labels cited in `sentence`, first cited first, each once.
pub fn cited(sentence: &str) -> Vec<String> {
    let Some(p) = patterns() else {
        return Vec::new();
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (re, footnotes) in [(&p.paragraphs, false), (&p.footnotes, true)] {
        for m in re.find_iter(sentence) {
            for c in p.item.captures_iter(m.as_str()) {
                let number = &c[1];
                let label = match (footnotes, c.get(2)) {
                    (true, _) => format!("fn {number}"),
                    (false, Some(letter)) => {
                        format!("{number} ({})", letter.as_str().to_lowercase())
                    }
                    (false, None) => number.to_string(),
                };
                found.push((m.start() + c.get(0).map_or(0, |g| g.start()), label));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<String> = Vec::new();
    for (_, label) in found {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cited;

    #[test]
    fn paragraphs_are_read_as_the_draft_labels_them() {
        assert!(super::patterns().is_some(), "every pattern compiles");
        assert_eq!(cited("We cannot accept paragraph 14."), ["14"]);
        assert_eq!(cited("On para. 14 (b) we propose"), ["14 (b)"]);
        assert_eq!(cited("paragraphs 3, 4 and 7 (a)"), ["3", "4", "7 (a)"]);
        assert_eq!(cited("OP 5 and footnote 2"), ["5", "fn 2"]);
        assert_eq!(cited("Operative paragraph 12"), ["12"]);
        assert!(cited("We support the 2021 report of 25 pages.").is_empty());
        assert!(cited("the paragraph above").is_empty());
    }
}
