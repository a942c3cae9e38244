//! Lines that belong to the printed page, not to the text: page numbers, the UN job number
//! printed at the foot of a document's pages ("21-04310 (E) 120321 *2104310*", "21-04310
//! 3/19"), and a document symbol standing alone as a running head ("A/AC.292/2025/L.1").

/// "3", "3/12", "- 3 -": a line that is only a page number.
pub fn page_number(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii_digit() || c == '/' || c == '-' || c == ' ')
        && line.chars().any(|c| c.is_ascii_digit())
        && !line.ends_with('.')
}

/// A line that starts with a UN job number: two digits, a hyphen, five digits ("21-04310"),
/// then nothing, a language letter "(E)", a page "3/19", a date or a barcode.
pub fn job_number(line: &str) -> bool {
    let b = line.as_bytes();
    let shape = b.len() >= 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'-'
        && b[3..8].iter().all(u8::is_ascii_digit);
    shape && b.get(8).is_none_or(|c| *c == b' ')
}

/// A line that is only a UN document symbol: "A/58/100", "A/AC.292/2025/L.1",
/// "A/C.1/79/L.13/Rev.1" — capitals, then parts after slashes, no spaces.
pub fn bare_symbol(line: &str) -> bool {
    let mut parts = line.split('/');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.chars().all(|c| c.is_ascii_uppercase())
        && rest.len() >= 2
        && rest.iter().all(|p| {
            !p.is_empty()
                && !p.ends_with('.')
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        })
}

/// Whether a line is page furniture wherever it stands: a page number or a job number.
pub fn furniture(line: &str) -> bool {
    page_number(line) || job_number(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_is_told_from_text() {
        for line in [
            "3",
            "3/12",
            "- 3 -",
            "21-04310 3/19",
            "03-45126 (E) 190803 *0345126*",
        ] {
            assert!(furniture(line), "{line}");
        }
        for line in ["1. States agree.", "2021 was a year", "21-043 items", "12."] {
            assert!(!furniture(line), "{line}");
        }
        for line in ["A/58/100", "A/AC.292/2025/L.1", "A/C.1/79/L.13/Rev.1"] {
            assert!(bare_symbol(line), "{line}");
        }
        for line in ["A/75/816.", "see A/75/816", "A/", "and/or", "UN/DESA"] {
            assert!(!bare_symbol(line), "{line}");
        }
    }
}
