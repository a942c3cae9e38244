//! A report as a Word document: real headings, one table per section with the stances shaded,
//! quotes set as quotations, and each source as a footnote to the row it supports. Laid out
//! to print on A4: columns as wide as their text allows (`layout.rs`) in a fixed grid that
//! fills the page, landscape when the table is wide, so no word is broken across a line.

use super::layout;
use super::report::{stance_colours, Cell, Report};
use super::ExportError;
use docx_rs::{
    BreakType, Docx, Footnote, PageMargin, PageOrientationType, Paragraph, Run, Shading, Style,
    StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// A4 in twentieths of a point, and the margins (2 cm).
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: i32 = 1134;
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
    let total = chars.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = chars.iter().map(|c| c * usable / total).collect();
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
    let file = std::fs::File::create(path)?;
    doc.pack(file)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(())
}
