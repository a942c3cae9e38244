//! A report as an Excel workbook: the title and what it covers on top, then one real table
//! (header row, filter buttons) with stances coloured as in the window, laid out to print:
//! columns as wide as their text (up to the report's width for each), rows as tall as their
//! wrapped text, landscape when the table is wide, one page wide, the header row on every
//! page, and page numbers in the footer.

use super::cells::to_xlsx;
use super::layout;
use super::report::{stance_colours, Cell, Report};
use super::ExportError;
use rust_xlsxwriter::{Color, Format, Table, TableColumn, Workbook};
use std::path::Path;

fn colour(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0))
}

/// Points per line of wrapped text in the sheet's default font (Calibri 11), and the padding
/// a row keeps above and below.
const LINE_POINTS: f64 = 15.0;
const PAPER_A4: u8 = 9;

pub fn render(r: &Report, path: &Path) -> Result<(), ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Summary")?;
    sheet.write_string_with_format(0, 0, &r.title, &Format::new().set_bold().set_font_size(14))?;
    let mut row: u32 = 1;
    for line in &r.lines {
        sheet.write_string(row, 0, to_xlsx(line))?;
        row += 1;
    }
    row += 1;
    let header_row = row;
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let italic = wrap.clone().set_italic();
    let widths = layout::column_widths(r);
    let mut columns = vec![TableColumn::new().set_header("Section")];
    for c in &r.columns {
        columns.push(TableColumn::new().set_header(c.name.as_str()));
    }
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(i as u16, *w as f64)?;
    }
    for s in &r.sections {
        for cells in &s.rows {
            row += 1;
            sheet.write_string_with_format(row, 0, to_xlsx(&s.heading), &wrap)?;
            for (i, cell) in cells.iter().enumerate() {
                let col = i as u16 + 1;
                match cell {
                    Cell::Stance(Some(stance)) => {
                        let (bg, fg) = stance_colours(*stance);
                        let f = wrap
                            .clone()
                            .set_background_color(colour(bg))
                            .set_font_color(colour(fg))
                            .set_bold();
                        sheet.write_string_with_format(row, col, stance.label(), &f)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number_with_format(row, col, *n as f64, &wrap)?;
                    }
                    Cell::Quote(q) => {
                        sheet.write_string_with_format(row, col, to_xlsx(q), &italic)?;
                    }
                    other => {
                        sheet.write_string_with_format(row, col, to_xlsx(&other.text()), &wrap)?;
                    }
                }
            }
            let lines = layout::row_lines(&s.heading, cells, &widths);
            sheet.set_row_height(row, lines as f64 * LINE_POINTS + 3.0)?;
        }
    }
    // A table needs a data row; an empty summary gets one empty row under its header.
    let last_row = row.max(header_row + 1);
    let table = Table::new().set_columns(&columns).set_autofilter(true);
    sheet.add_table(header_row, 0, last_row, r.columns.len() as u16, &table)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    // Printed: A4, landscape when wide, one page wide however long, the header row on each
    // page, the title and page numbers in the margins.
    sheet.set_paper_size(PAPER_A4);
    if layout::is_wide(&widths) {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    sheet.set_header(format!("&L{}", layout::header_text(&r.title)));
    sheet.set_footer("&RPage &P of &N");
    book.save(path)?;
    Ok(())
}
