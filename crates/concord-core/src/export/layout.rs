//! How a report's table is laid out on paper, for the formats that print (XLSX and DOCX):
//! column widths from their text, the lines a row wraps to, and when a table needs the page
//! turned to landscape.

use super::report::Report;

/// The narrowest a column is, in characters, whatever its text.
const MIN: usize = 8;
/// The widest the section column (a topic, a session) is before its text wraps.
const SECTION_MAX: usize = 28;
/// A4 portrait holds about this many characters of 11-point text across its table; a wider
/// table is printed landscape.
const PORTRAIT_CHARS: usize = 95;

fn longest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The width in characters of each column of the table, the section column first: as wide
/// as its widest line of text (its header included), never wider than the report allows
/// that column (its text wraps there).
pub fn column_widths(r: &Report) -> Vec<usize> {
    let section = r
        .sections
        .iter()
        .filter(|s| !s.rows.is_empty())
        .map(|s| longest_line(&s.heading))
        .max()
        .unwrap_or(0)
        .max("Section".len());
    let mut widths = vec![(section + 1).clamp(MIN, SECTION_MAX)];
    for (i, c) in r.columns.iter().enumerate() {
        let content = widest(r, i, longest_line);
        widths.push((content + 1).clamp(MIN, usize::from(c.width).max(MIN)));
    }
    widths
}

/// The largest `measure` of column `i`'s text, its header included.
fn widest(r: &Report, i: usize, measure: impl Fn(&str) -> usize) -> usize {
    r.sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter_map(|row| row.get(i))
        .map(|cell| measure(&cell.text()))
        .max()
        .unwrap_or(0)
        .max(measure(&r.columns[i].name))
}

/// The longest word of each column of the table (header included), in characters, in the
/// report's column order: a column narrower than this would break the word across lines.
pub fn longest_words(r: &Report) -> Vec<usize> {
    let longest = |text: &str| {
        text.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    (0..r.columns.len())
        .map(|i| widest(r, i, longest))
        .collect()
}

/// Whether a table of these column widths needs a landscape page.
pub fn is_wide(widths: &[usize]) -> bool {
    widths.iter().sum::<usize>() > PORTRAIT_CHARS
}

/// How many lines `text` takes in a column `width` characters wide, wrapped at spaces as a
/// spreadsheet or word processor wraps it (a word longer than the line is broken).
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    // A proportional font fits a few more characters than the column's width in digits;
    // one character of slack keeps the estimate on the side of a row too tall, never short.
    let width = width.saturating_sub(1).max(1);
    text.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split_whitespace() {
                let n = word.chars().count();
                if used > 0 && used + 1 + n <= width {
                    used += 1 + n;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                used = n;
                while used > width {
                    lines += 1;
                    used -= width;
                }
            }
            lines
        })
        .sum()
}

/// The lines the tallest cell of a table row wraps to: the section's heading, then each cell.
pub fn row_lines(heading: &str, cells: &[super::report::Cell], widths: &[usize]) -> usize {
    let mut lines = wrapped_lines(heading, widths.first().copied().unwrap_or(MIN));
    for (i, cell) in cells.iter().enumerate() {
        let width = widths.get(i + 1).copied().unwrap_or(MIN);
        lines = lines.max(wrapped_lines(&cell.text(), width));
    }
    lines.max(1)
}

/// A report's title as a spreadsheet's page header holds it: `&` doubled (a lone one starts
/// a header code), and short enough for the header's 255 characters.
pub fn header_text(title: &str) -> String {
    crate::text::shorten(title, 200).replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::report::{Cell, Column, Section};

    #[test]
    fn words_wrap_at_spaces_and_a_long_word_is_broken() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two three", 30), 1);
        assert_eq!(
            wrapped_lines("one two three four", 12),
            2,
            "one character of slack"
        );
        assert_eq!(wrapped_lines("first\nsecond", 30), 2);
        assert_eq!(wrapped_lines(&"x".repeat(25), 11), 3);
    }

    #[test]
    fn columns_are_as_wide_as_their_text_up_to_the_reports_width() {
        let r = Report {
            columns: vec![Column::new("Stance", 16), Column::new("Quote", 50)],
            sections: vec![Section {
                heading: "Programme of Action".into(),
                intro: Vec::new(),
                rows: vec![vec![
                    Cell::Text("Supports".into()),
                    Cell::Quote("a long quote ".repeat(20)),
                ]],
            }],
            ..Default::default()
        };
        let widths = column_widths(&r);
        assert_eq!(widths, vec![20, 9, 50]);
        assert!(!is_wide(&widths));
        assert_eq!(
            row_lines("Programme of Action", &r.sections[0].rows[0], &widths),
            6
        );
    }

    #[test]
    fn a_title_with_an_ampersand_is_kept_in_the_page_header() {
        assert_eq!(header_text("Norms & rules"), "Norms && rules");
    }
}
