//! Text matching as people type it: case, accents and apostrophe styles do not matter.

/// Folds `text` for matching: lowercase, Latin accents removed ("Côte" → "cote"), typographic
/// apostrophes made plain, runs of white space made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => "'",
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            _ => {
                out.push(c);
                last_space = false;
                continue;
            }
        };
        out.push_str(mapped);
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
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("  TÜRKIYE "), "turkiye");
        assert_eq!(fold("São  Tomé"), "sao tome");
    }

    #[test]
    fn shorten_marks_a_cut() {
        assert_eq!(shorten("Côte d'Ivoire", 4), "Côte…");
        assert_eq!(shorten("Côte", 4), "Côte");
    }
}
