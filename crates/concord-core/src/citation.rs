//! Reading a citation as analysts write it: "A/79/214, para. 27", a URL, or a title.

/// The parts of a citation. At least one of symbol, url and title is set for a non-empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    /// A UN document symbol such as "A/79/214" or "A/AC.292/2024/CRP.1".
    pub symbol: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Where in the source: "para. 27", "p. 4".
    pub locator: Option<String>,
}

impl Citation {
    pub fn parse(text: &str) -> Citation {
        let text = text.trim();
        if text.is_empty() {
            return Citation::default();
        }
        if text.starts_with("http://") || text.starts_with("https://") {
            return Citation {
                url: Some(text.to_string()),
                ..Citation::default()
            };
        }
        let (head, locator) = match text.split_once(',') {
            Some((head, rest)) if is_locator(rest.trim()) => {
                (head.trim(), Some(rest.trim().to_string()))
            }
            _ => (text, None),
        };
        if is_un_symbol(head) {
            Citation {
                symbol: Some(head.to_string()),
                locator,
                ..Citation::default()
            }
        } else {
            Citation {
                title: Some(text.to_string()),
                ..Citation::default()
            }
        }
    }
}

/// A citation the way UN documents cite: a document as "A/79/214, para. 27"; anything else
/// (a URL, a title) followed by the date of the statement when it is known.
pub fn un_style(text: &str, date: Option<chrono::NaiveDate>) -> String {
    let text = text.trim();
    let c = Citation::parse(text);
    match (c.symbol, date) {
        (Some(symbol), _) => match c.locator {
            Some(locator) => format!("{symbol}, {locator}"),
            None => symbol,
        },
        (None, _) if text.is_empty() => String::new(),
        (None, Some(d)) => format!("{text}, {}", d.format("%-d %B %Y")),
        (None, None) => text.to_string(),
    }
}

/// A paragraph of a revision as analysts cite it: "A/AC.292/2025/L.1 Rev.2, para. 3" (the
/// document's symbol, or its title when it has none). Every label of a paragraph in the
/// record, in the store's queries too (`paragraph_citation()` in SQL), is built here.
pub fn paragraph(document: &str, revision: Option<&str>, label: &str) -> String {
    match revision.filter(|r| !r.is_empty()) {
        Some(rev) => format!("{document} {rev}, para. {label}"),
        None => format!("{document}, para. {label}"),
    }
}

/// A session with its process, as lists and exports show it:
/// "OEWG 2021–2025 · 7th substantive session" (`session_label()` in SQL).
pub fn session(process: &str, title: &str) -> String {
    format!("{process} · {title}")
}

/// A paragraph within one document's chain of revisions: "Rev.2 para. 3"
/// (`paragraph_in_revision()` in SQL).
pub fn paragraph_in_revision(revision: &str, label: &str) -> String {
    format!("{revision} para. {label}")
}

/// "A/79/214", "A/RES/75/240", "A/AC.292/2024/CRP.1", "S/2024/1": a series letter, then
/// slash-separated parts of letters, digits and dots, with no spaces.
fn is_un_symbol(text: &str) -> bool {
    let mut parts = text.split('/');
    let series_ok = matches!(parts.next(), Some(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase()));
    let rest: Vec<&str> = parts.collect();
    series_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
}

fn is_locator(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "para", "paras", "p.", "pp.", "page", "footnote", "fn", "annex", "sect",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_symbol_with_paragraph() {
        let c = Citation::parse("A/79/214, para. 27");
        assert_eq!(c.symbol.as_deref(), Some("A/79/214"));
        assert_eq!(c.locator.as_deref(), Some("para. 27"));
        let c = Citation::parse("A/AC.292/2024/CRP.1");
        assert_eq!(c.symbol.as_deref(), Some("A/AC.292/2024/CRP.1"));
        assert_eq!(c.locator, None);
    }

    #[test]
    fn un_style_cites_documents_by_paragraph_and_others_with_a_date() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 4);
        assert_eq!(un_style("A/79/214,   para. 27", d), "A/79/214, para. 27");
        assert_eq!(
            un_style("https://example.org/s", d),
            "https://example.org/s, 4 March 2024"
        );
        assert_eq!(un_style("Statement by Kenya", None), "Statement by Kenya");
        assert_eq!(un_style("  ", d), "");
    }

    #[test]
    fn paragraphs_are_cited_one_way() {
        assert_eq!(
            paragraph("A/AC.292/2025/L.1", Some("Rev.2"), "3"),
            "A/AC.292/2025/L.1 Rev.2, para. 3"
        );
        assert_eq!(
            paragraph("Chair's summary", None, "4 bis"),
            "Chair's summary, para. 4 bis"
        );
        assert_eq!(paragraph_in_revision("Rev.1", "12"), "Rev.1 para. 12");
        assert_eq!(session("OEWG", "8th session"), "OEWG · 8th session");
    }

    #[test]
    fn url_and_title() {
        let c = Citation::parse("https://example.org/statement");
        assert_eq!(c.url.as_deref(), Some("https://example.org/statement"));
        let c = Citation::parse("Statement by France, 4 March 2024");
        assert_eq!(
            c.title.as_deref(),
            Some("Statement by France, 4 March 2024")
        );
        assert_eq!(c.symbol, None);
    }
}
