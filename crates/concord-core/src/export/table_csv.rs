//! A report as one CSV table (RFC 4180, UTF-8 with a byte-order mark so Excel reads the
//! accents): the section heading first, then the report's columns.

use super::cells::to_csv;
use super::report::Report;
use super::ExportError;
use std::io::Write;

pub fn render(r: &Report, mut out: impl Write) -> Result<(), ExportError> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    let header: Vec<&str> = std::iter::once("Section")
        .chain(r.columns.iter().map(|c| c.name.as_str()))
        .collect();
    w.write_record(&header)?;
    for s in &r.sections {
        for row in &s.rows {
            let record: Vec<String> = std::iter::once(s.heading.clone())
                .chain(row.iter().map(|c| c.text()))
                .map(|t| to_csv(&t).into_owned())
                .collect();
            w.write_record(&record)?;
        }
    }
    w.flush()?;
    Ok(())
}
