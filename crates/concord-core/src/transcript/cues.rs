//! The words in the UN register that suggest a stance. Each sentence takes the first rule, in
//! this order, whose words it holds: refusals before support ("cannot support" is not "support"),
//! conditions before plain support ("could support … provided that").

use crate::model::Stance;
use regex::Regex;
use std::sync::OnceLock;

/// (stance, the words that suggest it as a regular expression over folded text).
const RULES: &[(Stance, &str)] = &[
    (
        Stance::RedLine,
        r"\b(cannot|can ?not|could not|will not|won't|shall not) (accept|agree to|go along with|live with)\b|\bred lines?\b|\bnon-?negotiable\b|\bunacceptable\b|\bnot be able to join (the )?consensus\b",
    ),
    (Stance::Disassociation, r"\b(dissociat|disassociat)"),
    (
        Stance::Reservation,
        r"\breservations?\b|\breserves? (its|our|the) (right|position)\b",
    ),
    (
        Stance::JoinedConsensus,
        r"\b(join|joined|joins|joining) (the )?consensus\b|\bnot (stand|block) in the way of consensus\b",
    ),
    (
        Stance::Opposes,
        r"\b(cannot|can ?not|could not|do not|does not|did not|will not|would not) (support|endorse|back|favour|favor)\b|\boppos(e|es|ed|ing)\b|\breject(s|ed)?\b|\bnot in favou?r\b|\bpremature\b|\bno need for\b|\bnot (convinced|ready)\b|\bagainst\b",
    ),
    (
        Stance::Conditional,
        r"\bprovided (that|it)\b|\bon (the )?condition\b|\bsubject to\b|\bas long as\b|\bonly if\b|\b(could|can|would) (support|accept|agree|go along)\b.*\bif\b|\bflexib(le|ility)\b",
    ),
    (
        Stance::ProposesAmendment,
        r"\b(propose|proposes|suggest|suggests) (to )?(amend|replac|delet|insert|add)|\bamendments?\b|\bshould read\b|\b(delete|replace|insert) the words?\b",
    ),
    (
        Stance::Concerns,
        r"\bconcern(s|ed)?\b|\bworr(y|ied|ies)\b|\bcaution(s|ed)?\b|\bhesita(nt|tion)\b|\bdoubts?\b",
    ),
    (
        Stance::Proposes,
        r"\b(we|it|they) (propose|proposed|proposes|put forward|tabled?)\b|\bour proposal\b",
    ),
    (
        Stance::Supports,
        r"\bsupport(s|ed|ing)?\b|\bwelcom(e|es|ed|ing)\b|\bendors(e|es|ed|ing)\b|\bin favou?r of\b|\bfavou?r(s|ed)?\b|\bbacks?\b|\bchampion(s|ed)?\b|\bcommitted to\b|\blook(s)? forward to\b|\bcall(s|ed)? for\b|\bstrongly believes?\b",
    ),
    (
        Stance::Neutral,
        r"\btak(e|es|ing) note\b|\bremain(s)? open\b|\bopen to\b|\bstudying\b|\bstill considering\b",
    ),
];

fn rules() -> &'static [(Stance, Regex)] {
    static COMPILED: OnceLock<Vec<(Stance, Regex)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        RULES
            .iter()
            .filter_map(|(stance, pattern)| Regex::new(pattern).ok().map(|r| (*stance, r)))
            .collect()
    })
}

/// The stance a sentence's words suggest, and those words; `folded` is the sentence folded
/// (lower case, accents off) as `text::fold` does.
pub fn stance_of(folded: &str) -> Option<(Stance, String)> {
    rules()
        .iter()
        .find_map(|(stance, r)| r.find(folded).map(|m| (*stance, m.as_str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(s: &str) -> Option<Stance> {
        stance_of(&crate::text::fold(s)).map(|(s, _)| s)
    }

    #[test]
    fn every_rule_compiles() {
        assert_eq!(rules().len(), RULES.len());
    }

    #[test]
    fn refusals_and_conditions_come_before_support() {
        assert_eq!(
            said("We cannot accept this paragraph."),
            Some(Stance::RedLine)
        );
        assert_eq!(
            said("We cannot support a new treaty."),
            Some(Stance::Opposes)
        );
        assert_eq!(
            said("We could support the text provided that it is voluntary."),
            Some(Stance::Conditional)
        );
        assert_eq!(
            said("We support the Programme of Action."),
            Some(Stance::Supports)
        );
        assert_eq!(
            said("We wish to dissociate from paragraph 5."),
            Some(Stance::Disassociation)
        );
        assert_eq!(said("We take note of the proposal."), Some(Stance::Neutral));
        assert_eq!(said("The weather in New York is fine."), None);
    }
}
