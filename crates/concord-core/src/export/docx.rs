//! A report as a Word document: real headings, one table per section with the stances shaded,
//! quotes set as quotations, and each source as a footnote to the row it supports. Laid out
//! to print on A4: columns as wide as their text allows (`layout.rs`) in a fixed grid that
//! fills the page, landscape when the table is wide, so no word is broken across a line.

use super::layout;
use super::report::{stance_colours, Cell, Report};
use super::ExportError;
use docx_rs::{
    BreakType, Docx, Footer, Footnote, NumPages, PageMargin, PageNum, PageOrientationType,
    Paragraph, Run, Shading, Style, StyleType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};
use quick_xml::events::{BytesEnd, BytesStart, Event};

/// A4 in twentieths of a point, and the margins (2 cm).
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: i32 = 1134;
/// The width of a character of a long word at the table's size, bold included, in
/// twentieths of a point (generous: a column a little wide costs less than a broken word).
const WORD_TWIPS_PER_CHAR: usize = 135;
/// A cell's inner margins, left and right together.
const CELL_MARGINS: usize = 260;
use std::path::Path;

fn text_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// The row's source as a footnote on its quote (or on its first cell when it has no quote).
fn footnote(source: &str) -> Footnote {
    Footnote::new().add_content(text_paragraph(source))
}

/// Text with its line breaks kept as Word line breaks.
fn lines(run: Run, text: &str) -> Run {
    let mut run = run;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end_matches('\r'));
    }
    run
}

fn cell(c: &Cell, source: Option<&str>) -> TableCell {
    let mut run = match c {
        Cell::Quote(q) if !q.trim().is_empty() => {
            lines(Run::new().italic(), &format!("“{}”", q.trim()))
        }
        Cell::Stance(Some(s)) => {
            let (_, fg) = stance_colours(*s);
            Run::new().add_text(s.label()).bold().color(fg)
        }
        other => lines(Run::new(), &other.text()),
    };
    let mut paragraph = Paragraph::new();
    if let Some(source) = source.filter(|s| !s.is_empty()) {
        paragraph = paragraph.add_run(run);
        run = Run::new().add_footnote_reference(footnote(source));
    }
    let tc = TableCell::new().add_paragraph(paragraph.add_run(run));
    match c {
        Cell::Stance(Some(s)) => tc.shading(Shading::new().fill(stance_colours(*s).0)),
        _ => tc,
    }
}

pub fn render(r: &Report, path: &Path) -> Result<(), ExportError> {
    let mut doc = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(32)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(26)
                .bold(),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(&r.title))
                .style("Heading1"),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("Page "))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" of "))
                    .add_num_pages(NumPages::new()),
            ),
        );
    for line in &r.lines {
        doc = doc.add_paragraph(text_paragraph(line));
    }
    // Word tables show sources as footnotes, not as a column.
    let source_col = r.columns.iter().position(|c| c.name == "Source");
    let quote_col = r.columns.iter().position(|c| c.name == "Quote");
    let shown: Vec<usize> = (0..r.columns.len())
        .filter(|i| Some(*i) != source_col)
        .collect();
    // The grid: each shown column's share of the page's width is its share of the text.
    let widths = layout::column_widths(r);
    let chars: Vec<usize> = shown.iter().map(|i| widths[i + 1]).collect();
    let landscape = layout::is_wide(&chars);
    let (page_w, page_h) = if landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    };
    let usable = (page_w as usize).saturating_sub(2 * MARGIN as usize);
    // Every column first gets room for its longest word (a stance set in bold, a symbol),
    // so no word is broken across lines; the rest of the width goes by each one's share of
    // the text.
    let words = layout::longest_words(r);
    let floor: Vec<usize> = shown
        .iter()
        .map(|i| words[*i] * WORD_TWIPS_PER_CHAR + CELL_MARGINS)
        .collect();
    let grid = share_width(&floor, &chars, usable);
    doc = doc
        .page_size(page_w, page_h)
        .page_orient(if landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        })
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        );
    let sized = |k: usize, c: TableCell| c.width(grid[k], WidthType::Dxa);
    for s in &r.sections {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(&s.heading))
                .style("Heading2"),
        );
        for line in s.intro.iter().filter(|l| !l.is_empty()) {
            doc = doc.add_paragraph(text_paragraph(line));
        }
        let header = TableRow::new(
            shown
                .iter()
                .enumerate()
                .map(|(k, i)| {
                    sized(
                        k,
                        TableCell::new().add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_text(&r.columns[*i].name).bold()),
                        ),
                    )
                })
                .collect(),
        );
        let mut rows = vec![header];
        for cells in &s.rows {
            let source = source_col
                .and_then(|i| cells.get(i))
                .map(|c| c.text())
                .filter(|t| !t.is_empty());
            let anchor = quote_col
                .filter(|i| cells.get(*i).is_some_and(|c| !c.text().trim().is_empty()))
                .unwrap_or(0);
            rows.push(TableRow::new(
                shown
                    .iter()
                    .enumerate()
                    .filter_map(|(k, i)| {
                        let note = if *i == anchor {
                            source.as_deref()
                        } else {
                            None
                        };
                        cells.get(*i).map(|c| sized(k, cell(c, note)))
                    })
                    .collect(),
            ));
        }
        doc = doc.add_table(
            Table::new(rows)
                .set_grid(grid.clone())
                .layout(TableLayoutType::Fixed)
                .width(usable, WidthType::Dxa),
        );
    }
    let mut parts = doc.build();
    parts.document = repeat_header_rows(&parts.document)?;
    let file = std::fs::File::create(path)?;
    parts
        .pack(file)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(())
}

/// The columns' widths on a page `usable` wide: each its `floor` (room for its longest word),
/// then the rest by its share of the text (`chars`). Floors that together pass the page (a
/// pasted URL is one long word) are scaled down to fit it: the word then breaks, the table
/// stays on the page.
fn share_width(floor: &[usize], chars: &[usize], usable: usize) -> Vec<usize> {
    let floors: usize = floor.iter().sum();
    if floors > usable {
        return floor.iter().map(|f| f * usable / floors).collect();
    }
    let spare = usable - floors;
    let total = chars.iter().sum::<usize>().max(1);
    floor
        .iter()
        .zip(chars)
        .map(|(f, c)| f + c * spare / total)
        .collect()
}

/// Marks the first row of every table as its header row (`w:tblHeader`), which Word and
/// LibreOffice repeat at the top of each page the table runs onto. docx-rs 0.4 has no such
/// row property, so it is added to the document part docx-rs wrote, read and written again
/// by quick-xml: everything else passes through as it was.
fn repeat_header_rows(document: &[u8]) -> Result<Vec<u8>, ExportError> {
    let failed = |e: &dyn std::fmt::Display| ExportError::Docx(format!("header rows: {e}"));
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 4096));
    // A table has begun whose first row is still to come; that row's properties are next.
    let (mut table_begun, mut in_first_row) = (false, false);
    loop {
        let event = reader.read_event().map_err(|e| failed(&e))?;
        let name = match &event {
            Event::Start(e) | Event::Empty(e) => e.name().as_ref().to_vec(),
            Event::Eof => break,
            _ => Vec::new(),
        };
        match (name.as_slice(), &event) {
            (b"w:tbl", Event::Start(_)) => table_begun = true,
            (b"w:tr", Event::Start(_)) if table_begun => {
                table_begun = false;
                in_first_row = true;
            }
            (b"w:trPr", Event::Empty(_)) if in_first_row => {
                in_first_row = false;
                header_properties(&mut writer).map_err(|e| failed(&e))?;
                continue;
            }
            (b"w:trPr", Event::Start(_)) if in_first_row => {
                in_first_row = false;
                writer
                    .write_event(event)
                    .and_then(|()| writer.write_event(header_mark()))
                    .map_err(|e| failed(&e))?;
                continue;
            }
            // A first row with no properties of its own: they go before its first cell.
            (b"w:tc", Event::Start(_) | Event::Empty(_)) if in_first_row => {
                in_first_row = false;
                header_properties(&mut writer).map_err(|e| failed(&e))?;
            }
            _ => {}
        }
        writer.write_event(event).map_err(|e| failed(&e))?;
    }
    Ok(writer.into_inner())
}

/// The row property that makes a row a header row.
fn header_mark() -> Event<'static> {
    Event::Empty(BytesStart::new("w:tblHeader"))
}

/// A header row's properties, where the row had none of its own.
fn header_properties(w: &mut quick_xml::Writer<Vec<u8>>) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("w:trPr")))?;
    w.write_event(header_mark())?;
    w.write_event(Event::End(BytesEnd::new("w:trPr")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_the_page_and_never_pass_it() {
        let usable = 14_570;
        let grid = share_width(&[1_000, 2_000], &[10, 30], usable);
        assert_eq!(grid[0] + grid[1], usable - 1);
        assert!(grid[1] > grid[0]);
        // A 200-character URL in one column: its floor alone passes the page.
        let url = 200 * WORD_TWIPS_PER_CHAR + CELL_MARGINS;
        let grid = share_width(&[1_000, url, 1_500], &[10, 200, 30], usable);
        assert!(grid.iter().sum::<usize>() <= usable, "{grid:?}");
        assert!(grid.iter().all(|w| *w > 0), "{grid:?}");
    }

    #[test]
    fn the_first_row_of_each_table_repeats_on_every_page() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document><w:body><w:tbl><w:tblPr/><w:tr><w:trPr /><w:tc><w:p><w:r><w:t>Stance &amp; words</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr /><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl></w:body></w:document>"#;
        let out = String::from_utf8(repeat_header_rows(xml).unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        assert!(
            out.contains("<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Stance &amp; words</w:t>"),
            "{out}"
        );
        assert!(
            out.contains("<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/>"),
            "{out}"
        );
        assert!(
            out.contains("<w:tr><w:trPr /><w:tc/></w:tr>"),
            "later rows as they were: {out}"
        );
    }
}
