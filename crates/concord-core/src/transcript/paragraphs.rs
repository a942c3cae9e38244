//! The paragraphs a sentence cites by number — "paragraph 14", "para. 14 (b)", "paragraphs 3
//! and 4", "OP 5", "footnote 2" — as the labels the draft reader gives them ("14", "14 (b)",
//! "fn 2"), in the order the sentence cites them.

use regex::Regex;
use std::sync::OnceLock;

/// (pattern, whether it cites footnotes). A pattern that fails to compile is left out, and
/// the tests below would fail.
fn patterns() -> &'static [(Regex, bool)] {
    static P: OnceLock<Vec<(Regex, bool)>> = OnceLock::new();
    P.get_or_init(|| {
        // A list after the first number ("paragraphs 3, 4 and 7") is read too.
        let number = r"(\d{1,3})(?:\s*\(([a-z])\))?";
        let list = format!(r"{number}((?:\s*(?:,|and|or|&)\s*\d{{1,3}}(?:\s*\([a-z]\))?)*)");
        [
            (
                format!(r"(?i)\b(?:(?:operative\s+)?paragraphs?|paras?\.?|op)\s*{list}"),
                false,
            ),
            (format!(r"(?i)\bfootnotes?\s*{list}"), true),
            // One number of a list, with its letter.
            (number.to_string(), false),
        ]
        .into_iter()
        .filter_map(|(p, f)| Regex::new(&p).ok().map(|r| (r, f)))
        .collect()
    })
}

/// Labels cited in `sentence`, first cited first, each once.
pub fn cited(sentence: &str) -> Vec<String> {
    let compiled = patterns();
    let Some((item, _)) = compiled.last() else {
        return Vec::new();
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (re, footnotes) in &compiled[..compiled.len() - 1] {
        for m in re.find_iter(sentence) {
            for c in item.captures_iter(m.as_str()) {
                let number = &c[1];
                let label = match (*footnotes, c.get(2)) {
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
        assert_eq!(cited("We cannot accept paragraph 14."), ["14"]);
        assert_eq!(cited("On para. 14 (b) we propose"), ["14 (b)"]);
        assert_eq!(cited("paragraphs 3, 4 and 7 (a)"), ["3", "4", "7 (a)"]);
        assert_eq!(cited("OP 5 and footnote 2"), ["5", "fn 2"]);
        assert_eq!(cited("Operative paragraph 12"), ["12"]);
        assert!(cited("We support the 2021 report of 25 pages.").is_empty());
        assert!(cited("the paragraph above").is_empty());
    }
}
