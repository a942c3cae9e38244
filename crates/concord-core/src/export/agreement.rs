//! The agreement map exported: the map as an SVG or PNG picture, or the agreement matrix as
//! CSV (actors × actors, agreement 0–1) or an Excel workbook (the matrix coloured, every
//! pair with its shared subjects, and each actor's place).

use super::cells::{to_csv, to_xlsx};
use super::{map_picture, ExportError};
use crate::coalitions::drawing::drawn_map;
use crate::model::{AgreementMap, DrawnMap, MapExportOutcome, MapFormat, MapRequest};
use crate::store::Store;
use rust_xlsxwriter::{
    Color, ConditionalFormat3ColorScale, ConditionalFormatType, Format, Workbook, Worksheet,
};
use std::path::Path;

/// Measures `request`'s map and writes it to `path` as `format`, whole or not at all.
pub fn export_map(
    store: &Store,
    request: &MapRequest,
    format: MapFormat,
    path: &Path,
) -> Result<MapExportOutcome, ExportError> {
    super::folder_must_exist(path)?;
    let DrawnMap { map, drawing } = drawn_map(store, request)?;
    let (bytes, actors) = match format {
        MapFormat::Svg => (map_picture::svg(&drawing)?.into_bytes(), drawing.dots.len()),
        MapFormat::Png => (
            map_picture::png(&map_picture::svg(&drawing)?)?,
            drawing.dots.len(),
        ),
        MapFormat::Csv => (matrix_csv(&map)?, map.actors.len()),
        MapFormat::Xlsx => (workbook(&map, &drawing.title)?, map.actors.len()),
    };
    crate::atomic::write(path, &bytes).map_err(|e| ExportError::Destination {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(MapExportOutcome {
        path: path.display().to_string(),
        format,
        actors: actors as u32,
    })
}

/// Agreement of actors `i` and `j` of the map (by their order in `map.actors`), and the
/// subjects they share: `None` when unknown; 1 for an actor with itself.
fn matrix(map: &AgreementMap) -> Vec<Vec<Option<f64>>> {
    let n = map.actors.len();
    let index: std::collections::HashMap<_, _> = map
        .actors
        .iter()
        .enumerate()
        .map(|(k, a)| (a.actor_id, k))
        .collect();
    let mut m = vec![vec![None; n]; n];
    for (k, row) in m.iter_mut().enumerate() {
        row[k] = Some(1.0);
    }
    for p in &map.pairs {
        if let (Some(&i), Some(&j)) = (index.get(&p.a), index.get(&p.b)) {
            m[i][j] = p.agreement;
            m[j][i] = p.agreement;
        }
    }
    m
}

fn matrix_csv(map: &AgreementMap) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor".to_string()];
    header.extend(map.actors.iter().map(|a| to_csv(&a.name).into_owned()));
    w.write_record(&header)?;
    for (a, row) in map.actors.iter().zip(matrix(map)) {
        let mut record = vec![to_csv(&a.name).into_owned()];
        record.extend(
            row.iter()
                .map(|v| v.map(|x| format!("{x:.4}")).unwrap_or_default()),
        );
        w.write_record(&record)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))
}

fn workbook(map: &AgreementMap, title: &str) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0%");
    let coordinate = Format::new().set_num_format("0.000");
    let lines = [
        format!(
            "Sessions {}–{}{}; {} actors, {} subjects; agreement: same camp 100 %, opposite camps \
             0 %, conditional, concerns or neutral half-way.",
            map.sessions.from,
            map.sessions.to,
            map.since
                .map(|s| format!(", earlier range {}–{}", s.from, s.to))
                .unwrap_or_default(),
            map.actors.len(),
            map.subjects
        ),
        format!(
            "A blank cell is unknown: the pair shares fewer than {} subjects.",
            map.min_shared
        ),
    ];
    let heading = |sheet: &mut Worksheet| -> Result<u32, ExportError> {
        sheet.write_string_with_format(0, 0, to_xlsx(title), &bold.clone().set_font_size(14))?;
        for (k, line) in lines.iter().enumerate() {
            sheet.write_string(1 + k as u32, 0, to_xlsx(line))?;
        }
        Ok(4)
    };

    let sheet = book.add_worksheet().set_name("Agreement")?;
    let top = heading(sheet)?;
    let n = map.actors.len() as u16;
    sheet.write_string_with_format(top, 0, "Actor", &bold)?;
    for (k, a) in map.actors.iter().enumerate() {
        let col = 1 + k as u16;
        sheet.write_string_with_format(top, col, to_xlsx(&a.name), &bold)?;
        sheet.write_string_with_format(top + 1 + k as u32, 0, to_xlsx(&a.name), &bold)?;
    }
    for (i, row) in matrix(map).iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if let Some(x) = v {
                sheet.write_number_with_format(top + 1 + i as u32, 1 + j as u16, *x, &percent)?;
            }
        }
    }
    if n > 0 {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 0)
            .set_midpoint(ConditionalFormatType::Number, 0.5)
            .set_maximum(ConditionalFormatType::Number, 1)
            .set_minimum_color(Color::RGB(0xf4c7c3))
            .set_midpoint_color(Color::RGB(0xffffff))
            .set_maximum_color(Color::RGB(0xb7e1cd));
        sheet.add_conditional_format(top + 1, 1, top + u32::from(n), n, &scale)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_freeze_panes(top + 1, 1)?;

    let sheet = book.add_worksheet().set_name("Pairs")?;
    let top = heading(sheet)?;
    for (col, h) in [
        "Actor",
        "Other",
        "Agreement",
        "Shared subjects",
        "Earlier agreement",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(top, col as u16, *h, &bold)?;
    }
    for (k, p) in map.pairs.iter().enumerate() {
        let row = top + 1 + k as u32;
        sheet.write_string(row, 0, to_xlsx(map.name_of(p.a)))?;
        sheet.write_string(row, 1, to_xlsx(map.name_of(p.b)))?;
        if let Some(x) = p.agreement {
            sheet.write_number_with_format(row, 2, x, &percent)?;
        }
        sheet.write_number(row, 3, p.shared)?;
        if let Some(x) = p.earlier {
            sheet.write_number_with_format(row, 4, x, &percent)?;
        }
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_freeze_panes(top + 1, 0)?;

    let sheet = book.add_worksheet().set_name("Places")?;
    let top = heading(sheet)?;
    for (col, h) in ["Actor", "Subjects", "x", "y", "Earlier x", "Earlier y"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(top, col as u16, *h, &bold)?;
    }
    for (k, a) in map.actors.iter().enumerate() {
        let row = top + 1 + k as u32;
        sheet.write_string(row, 0, to_xlsx(&a.name))?;
        sheet.write_number(row, 1, a.subjects)?;
        for (col, v) in [
            a.place.map(|p| p.x),
            a.place.map(|p| p.y),
            a.earlier.map(|p| p.x),
            a.earlier.map(|p| p.y),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(v) = v {
                sheet.write_number_with_format(row, 2 + col as u16, v, &coordinate)?;
            }
        }
    }
    sheet.set_column_width(0, 24)?;
    Ok(book.save_to_buffer()?)
}
