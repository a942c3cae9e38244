//! A report as an Excel workbook: the title and what it covers on top, then one real table
//! (header row, filter buttons, column widths) with stances coloured as in the window.

use super::cells::to_xlsx;
use super::report::{stance_colours, Cell, Report};
use super::ExportError;
use rust_xlsxwriter::{Color, Format, Table, TableColumn, Workbook};
use std::path::Path;

fn colour(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0))
}

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
    let wrap = Format::new().set_text_wrap();
    let italic = Format::new().set_text_wrap().set_italic();
    let mut columns = vec![TableColumn::new().set_header("Section")];
    sheet.set_column_width(0, 24)?;
    for (i, c) in r.columns.iter().enumerate() {
        columns.push(TableColumn::new().set_header(c.name.as_str()));
        sheet.set_column_width(i as u16 + 1, c.width)?;
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
                        let f = Format::new()
                            .set_background_color(colour(bg))
                            .set_font_color(colour(fg))
                            .set_bold();
                        sheet.write_string_with_format(row, col, stance.label(), &f)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Quote(q) => {
                        sheet.write_string_with_format(row, col, to_xlsx(q), &italic)?;
                    }
                    other => {
                        sheet.write_string_with_format(row, col, to_xlsx(&other.text()), &wrap)?;
                    }
                }
            }
        }
    }
    // A table needs a data row; an empty summary gets one empty row under its header.
    let last_row = row.max(header_row + 1);
    let table = Table::new().set_columns(&columns).set_autofilter(true);
    sheet.add_table(header_row, 0, last_row, r.columns.len() as u16, &table)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    book.save(path)?;
    Ok(())
}
