//! Who is speaking: a text cut into turns at speaker headings ("Egypt:", "Mr. Hwang (Republic
//! of Korea):") and at the openings of a summary record ("The representative of Brazil said",
//! "Egypt, on behalf of the Arab Group, said"), and at a name alone on its line ("Australia").

use regex::Regex;
use std::sync::OnceLock;

/// One speaker's turn: who the text says it is, for whom, and what they said, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: String,
    pub behalf: Option<String>,
    /// (line number from 1, text) of what the speaker said.
    pub lines: Vec<(u32, String)>,
}

const VERBS: &str =
    "said|says|stated|states|noted|notes|stressed|stresses|emphasi[sz]ed|expressed|\
welcomed|welcomes|supported|supports|opposed|opposes|added|recalled|underlined|called|urged|\
reiterated|asked|proposed|believed|considered|highlighted|indicated|argued|observed|agreed|\
regretted|affirmed|reaffirmed|explained|pointed|wished|maintained";

struct Patterns {
    statement: Regex,
    heading: Regex,
    summary: Regex,
    behalf: Regex,
    title: Regex,
    chair: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // "Statement by the Arab Republic of Egypt", "Intervention of Brazil".
        statement: Regex::new(
            r"(?i)^\s*(?:statement|remarks|intervention|explanation of position)\s+(?:delivered\s+)?(?:by|of)\s+(?:the\s+)?(?:delegation\s+of\s+)?(?:the\s+)?(?P<who>[^,.:;]{2,80}?)\s*$",
        )
        .expect("statement"),
        // "Egypt:", "H.E. Mr. X (Brazil):", "European Union (on behalf of its member States):".
        heading: Regex::new(r"^\s*(?P<who>[^:\n]{2,90}?)\s*:\s*(?P<rest>.*)$").expect("heading"),
        // "The representative of Brazil said…", "Mr. Hwang (Republic of Korea) said…",
        // "Egypt, speaking on behalf of the Arab Group, said…".
        summary: Regex::new(&format!(
            r"(?i)^\s*(?P<who>(?:the\s+)?(?:representatives?|delegates?|delegations?|observers?)\s+(?:of|for)\s+[^,]+?|[^\s,][^,]{{0,70}}?)(?:,\s*(?:speaking\s+)?on\s+behalf\s+of\s+(?P<group>[^,]+?),)?\s+(?P<rest>(?:{VERBS})\b.*)$"
        ))
        .expect("summary"),
        behalf: Regex::new(
            r"(?i)\bon\s+behalf\s+of\s+(?:the\s+)?(?P<group>[\p{L}0-9 '’-]+?)(?:\s*[,.;:)]|\s+and\s+(?:its|their)\b|$)",
        )
        .expect("behalf"),
        // Titles and a person's name before the State in brackets.
        title: Regex::new(r"(?i)^(?:h\.?\s?e\.?\s+)?(?:(?:mr|ms|mrs|dr|sir|madam|ambassador)\.?\s+)?[^()]*\((?P<who>[^()]+)\)\s*$")
            .expect("title"),
        // Who presides, on a line of its own: "Ambassador Gafoor", "The Chair", "Chairperson".
        chair: Regex::new(r"(?i)^(?:the\s+)?(?:chair(?:person|man|woman)?|president|vice-chair|ambassador\s+[\p{L}.'’ -]{2,40})$")
            .expect("chair"),
    })
}

/// The State or group in a speaker's name as the text writes it: "Mr. Hwang (Republic of
/// Korea)" → "Republic of Korea"; "The representative of the Russian Federation" → "Russian
/// Federation".
pub fn who(raw: &str) -> String {
    let p = patterns();
    let raw = raw.trim();
    if let Some(c) = p.title.captures(raw) {
        return c["who"].trim().to_string();
    }
    let lower = raw.to_lowercase();
    for lead in [
        "the representatives of ",
        "the representative of ",
        "representative of ",
        "the delegation of ",
        "delegation of ",
        "the delegate of ",
        "the observer for ",
        "the observer of ",
    ] {
        if lower.starts_with(lead) {
            let rest = raw[lead.len()..].trim();
            let rest = ["the ", "The "]
                .iter()
                .find_map(|t| rest.strip_prefix(t))
                .unwrap_or(rest);
            return rest.to_string();
        }
    }
    raw.to_string()
}

/// Cuts `text` into turns. `is_speaker` says whether a name is a known actor (a heading that
/// names none, such as "Note:", is text). Text before the first speaker is a turn with no
/// speaker (`speaker` empty): a national statement read by its own State.
pub fn turns(text: &str, is_speaker: &dyn Fn(&str) -> bool) -> Vec<Turn> {
    let p = patterns();
    let mut out: Vec<Turn> = Vec::new();
    let mut current = Turn {
        speaker: String::new(),
        behalf: None,
        lines: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let opened = opening(p, line, is_speaker);
        if let Some((speaker, behalf, rest)) = opened {
            if !current.lines.is_empty() || !current.speaker.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Turn {
                        speaker: String::new(),
                        behalf: None,
                        lines: Vec::new(),
                    },
                ));
            }
            current.speaker = speaker;
            current.behalf = behalf;
            if !rest.trim().is_empty() {
                current.lines.push((number, rest));
            }
        } else if !line.trim().is_empty() {
            current.lines.push((number, line.trim().to_string()));
        }
    }
    if !current.lines.is_empty() || !current.speaker.is_empty() {
        out.push(current);
    }
    // "on behalf of" said in the first six lines of a turn (after a title, a date, "Thank you,
    // Chair") names the group it spoke for.
    for t in &mut out {
        if t.behalf.is_none() {
            let start: String = t.lines.iter().take(6).map(|(_, l)| l.as_str()).collect();
            if let Some(c) = p.behalf.captures(&start) {
                t.behalf = Some(c["group"].trim().to_string());
            }
        }
    }
    out
}

/// A line that opens a turn: (speaker, group, the rest of the line as said).
fn opening(
    p: &Patterns,
    line: &str,
    is_speaker: &dyn Fn(&str) -> bool,
) -> Option<(String, Option<String>, String)> {
    if let Some(c) = p.statement.captures(line) {
        let name = c["who"].trim().to_string();
        if is_speaker(&name) {
            return Some((name, None, String::new()));
        }
    }
    // The name as written first ("Iran (Islamic Republic of)"), then the State in it.
    let named = |raw: &str| -> Option<String> {
        let raw = raw.trim();
        [raw.to_string(), who(raw)]
            .into_iter()
            .find(|n| is_speaker(n))
    };
    if let Some(c) = p.heading.captures(line) {
        let raw = c["who"].trim();
        let behalf = p
            .behalf
            .captures(raw)
            .map(|b| b["group"].trim().to_string());
        let bare = p.behalf.replace(raw, "");
        if let Some(name) = named(bare.trim().trim_end_matches(['(', ',']).trim()) {
            return Some((name, behalf, c["rest"].trim().to_string()));
        }
    }
    // A line that is only a name, as unofficial transcripts set their headings ("Australia"),
    // or the one presiding ("Ambassador Gafoor"), whose words are then nobody's entry.
    let bare = line.trim();
    if bare.len() <= 90 && !bare.ends_with(['.', ',', ';', '?', '!']) {
        if let Some(name) = named(bare) {
            return Some((name, None, String::new()));
        }
        if p.chair.is_match(bare) {
            return Some((bare.to_string(), None, String::new()));
        }
    }
    if let Some(c) = p.summary.captures(line) {
        if let Some(name) = named(&c["who"]) {
            let behalf = c.name("group").map(|g| g.as_str().trim().to_string());
            // The whole sentence stays what was said: it is the verbatim quote.
            return Some((name, behalf, line.trim().to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> bool {
        [
            "Egypt",
            "Brazil",
            "Republic of Korea",
            "Russian Federation",
            "European Union",
        ]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name))
    }

    #[test]
    fn headings_and_summary_openings_start_turns() {
        let text =
            "Egypt: We support the PoA.\nNote: nothing.\n\nMr. Hwang (Republic of Korea): Fine.\n\
                    The representative of the Russian Federation said that a treaty is needed.\n\
                    Brazil, speaking on behalf of the African Group, said it agreed.";
        let t = turns(text, &known);
        let who: Vec<&str> = t.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(
            who,
            ["Egypt", "Republic of Korea", "Russian Federation", "Brazil"]
        );
        assert_eq!(t[0].lines.len(), 2, "Note: is not a speaker");
        assert!(t[2].lines[0].1.ends_with("said that a treaty is needed."));
        assert_eq!(t[3].behalf.as_deref(), Some("the African Group"));
    }

    #[test]
    fn a_name_alone_on_its_line_starts_a_turn_as_unofficial_transcripts_write_them() {
        let text = "Ambassador Gafoor\n\nI invite Egypt to speak.\n\nEgypt\n\nThank you Chair. We support it.";
        let t = turns(text, &known);
        let who: Vec<&str> = t.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(who, ["Ambassador Gafoor", "Egypt"]);
        assert_eq!(t[1].lines.len(), 1);
    }

    #[test]
    fn a_statement_without_heading_is_one_turn_with_its_group_if_it_says_so() {
        let t = turns(
            "I have the honour to speak on behalf of the European Union and its member States.\nWe support it.",
            &known,
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].speaker, "");
        assert_eq!(t[0].behalf.as_deref(), Some("European Union"));
    }
}
