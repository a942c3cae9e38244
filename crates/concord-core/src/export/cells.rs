//! What a spreadsheet does to a cell that Concord must not let it do: run text as a formula
//! (CSV), or refuse a text longer than a cell holds (XLSX).

use std::borrow::Cow;

/// The characters that make a spreadsheet read a CSV cell as a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading
/// apostrophe. The positions import takes it off again ([`from_csv`]).
pub fn to_csv(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') && is_neutralised(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of a CSV cell written by [`to_csv`].
pub fn from_csv(text: &str) -> &str {
    if is_neutralised(text) {
        &text[1..]
    } else {
        text
    }
}

fn is_neutralised(text: &str) -> bool {
    text.strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(FORMULA_STARTS) || rest.starts_with('\''))
}

/// The most characters an Excel cell holds.
pub const XLSX_CELL_CHARS: usize = 32_767;

/// A text that fits an Excel cell: a longer one is cut, with a visible note of how much was
/// left out and where the whole text is.
pub fn to_xlsx(text: &str) -> Cow<'_, str> {
    // Excel counts UTF-16 units; a byte count at or under the limit is always safe.
    if text.len() <= XLSX_CELL_CHARS || text.encode_utf16().count() <= XLSX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let note = |left: usize| {
        format!(" […] (cut here: {left} more characters are in Concord and in the DOCX, Markdown and JSON exports)")
    };
    let room = XLSX_CELL_CHARS - note(usize::MAX).encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    let left = text[end..].chars().count();
    Cow::Owned(format!("{}{}", &text[..end], note(left)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "'=x",
            "''",
        ] {
            let written = to_csv(cell);
            assert!(written.starts_with('\''), "{cell:?} → {written:?}");
            assert_eq!(from_csv(&written), cell);
        }
        for cell in ["Brazil", "", "it's", "'quoted'"] {
            assert_eq!(to_csv(cell), cell);
            assert_eq!(from_csv(cell), cell);
        }
    }

    #[test]
    fn a_long_text_fits_a_cell_with_a_note() {
        let long = "é".repeat(100_000);
        let cut = to_xlsx(&long);
        assert!(cut.encode_utf16().count() <= XLSX_CELL_CHARS);
        assert!(
            cut.contains("more characters are in Concord"),
            "{}",
            &cut[cut.len() - 200..]
        );
        assert_eq!(to_xlsx("short"), "short");
    }
}
