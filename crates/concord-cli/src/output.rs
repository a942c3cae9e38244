//! How the CLI prints lists: an aligned table for people, JSON (the Rust types' own field
//! names) or CSV for scripts.

use crate::failure::Failure;
use clap::ValueEnum;
use concord_core::model::{
    Actor, Alignment, Clash, Cohesion, Conflict, ParagraphHit, Position, SearchHit, Session,
    TextRun,
};
use serde::Serialize;
use std::io::Write;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

fn io(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader (`head`, a closed pager) has what it wanted: stop quietly.
        std::process::exit(0);
    }
    Failure {
        bad_input: false,
        message: format!("cannot write the output: {e}"),
    }
}

pub(crate) fn json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| io(e.into()))?;
    writeln!(out).map_err(io)
}

pub(crate) fn csv_rows(header: &[&str], rows: &[Vec<String>]) -> Result<(), Failure> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    let fail = |e: csv::Error| io(std::io::Error::other(e));
    w.write_record(header).map_err(fail)?;
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    w.flush().map_err(io)
}

/// Prints rows as columns padded to their widest cell; long cells are cut with "…".
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> Result<(), Failure> {
    const MAX: usize = 48;
    let cut = |s: &str| -> String {
        let flat = s.replace(['\n', '\r'], " ");
        if flat.chars().count() > MAX {
            format!("{}…", flat.chars().take(MAX - 1).collect::<String>())
        } else {
            flat
        }
    };
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()))
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    for row in &cells {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end()).map_err(io)?;
    }
    Ok(())
}

fn emit<T: Serialize>(
    items: &[T],
    format: Format,
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) -> Result<(), Failure> {
    match format {
        Format::Json => json(&items),
        Format::Csv => csv_rows(header, &items.iter().map(row).collect::<Vec<_>>()),
        Format::Table => table(header, &items.iter().map(row).collect::<Vec<_>>()),
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub fn actors(items: &[Actor], format: Format) -> Result<(), Failure> {
    emit(
        items,
        format,
        &["name", "short_name", "kind", "iso3", "m49", "id"],
        |a| {
            vec![
                a.name.clone(),
                opt(&a.short_name),
                a.kind.as_str().into(),
                opt(&a.iso3),
                opt(&a.m49),
                a.id.to_string(),
            ]
        },
    )
}

pub fn sessions(items: &[Session], format: Format) -> Result<(), Failure> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    emit(
        items,
        format,
        &[
            "process",
            "number",
            "title",
            "start_date",
            "end_date",
            "place",
            "id",
        ],
        |s| {
            vec![
                s.process_short_name.clone(),
                s.number.map(|n| n.to_string()).unwrap_or_default(),
                s.title.clone(),
                date(s.start_date),
                date(s.end_date),
                opt(&s.place),
                s.id.to_string(),
            ]
        },
    )
}

pub fn positions(items: &[Position], format: Format) -> Result<(), Failure> {
    match format {
        Format::Json => json(&items),
        Format::Csv => {
            concord_core::export::positions_csv(std::io::stdout().lock(), items)?;
            Ok(())
        }
        Format::Table => table(
            &[
                "actor",
                "session",
                "subject",
                "stance",
                "summary",
                "source",
                "provenance",
            ],
            &items
                .iter()
                .map(|p| {
                    vec![
                        p.actor_name.clone(),
                        format!("{} · {}", p.process_name, p.session_title),
                        p.subject_label.clone(),
                        p.stance.as_str().into(),
                        p.summary.clone(),
                        p.source.clone(),
                        p.provenance.as_str().into(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// Search hits: in a table the matched words are set in [brackets].
/// An excerpt with its matching words in [brackets].
fn marked(runs: &[TextRun]) -> String {
    runs.iter()
        .map(|r| {
            if r.hit {
                format!("[{}]", r.text)
            } else {
                r.text.clone()
            }
        })
        .collect()
}

pub fn paragraph_hits(items: &[ParagraphHit], format: Format) -> Result<(), Failure> {
    emit(
        items,
        format,
        &["document", "revision", "paragraph", "match", "provision_id"],
        |h| {
            vec![
                h.symbol.clone(),
                h.revision_label.clone(),
                h.label.clone(),
                marked(&h.excerpt),
                h.provision_id.to_string(),
            ]
        },
    )
}

pub fn hits(items: &[SearchHit], format: Format) -> Result<(), Failure> {
    let excerpt = |h: &SearchHit| marked(&h.excerpt);
    emit(
        items,
        format,
        &[
            "actor",
            "session",
            "subject",
            "stance",
            "match",
            "position_id",
        ],
        |h| {
            vec![
                h.position.actor_name.clone(),
                format!("{} · {}", h.position.process_name, h.position.session_title),
                h.position.subject_label.clone(),
                h.position.stance.as_str().into(),
                excerpt(h),
                h.position.id.to_string(),
            ]
        },
    )
}

pub fn cohesion(c: &Cohesion, format: Format) -> Result<(), Failure> {
    if format == Format::Json {
        return json(c);
    }
    let header = [
        "subject",
        "group stance",
        "aligned",
        "diverged",
        "silent",
        "diverging members",
    ];
    let rows: Vec<Vec<String>> = c
        .subjects
        .iter()
        .map(|s| {
            let diverging: Vec<String> = s
                .members
                .iter()
                .filter(|m| m.alignment == Alignment::Diverged)
                .map(|m| {
                    format!(
                        "{} ({})",
                        m.actor_name,
                        m.stance.map(|x| x.label()).unwrap_or_default()
                    )
                })
                .collect();
            vec![
                s.label.clone(),
                s.group_stance.label().to_string(),
                s.aligned.to_string(),
                s.diverged.to_string(),
                s.silent.to_string(),
                diverging.join(", "),
            ]
        })
        .collect();
    match format {
        Format::Csv => csv_rows(&header, &rows),
        _ => table(&header, &rows),
    }
}

pub fn conflicts(items: &[Conflict], format: Format) -> Result<(), Failure> {
    emit(
        items,
        format,
        &[
            "id",
            "about",
            "field",
            "shown",
            "set aside",
            "made by",
            "by replica",
            "made at",
        ],
        |c| {
            vec![
                c.id.to_string(),
                c.about.clone(),
                c.field.clone().unwrap_or_else(|| "(deleted)".into()),
                c.shown.clone(),
                c.set_aside.clone(),
                c.by.clone().unwrap_or_default(),
                c.by_replica.to_string(),
                c.made_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            ]
        },
    )
}

pub fn clashes(items: &[Clash], format: Format) -> Result<(), Failure> {
    emit(
        items,
        format,
        &["kind", "key", "about", "remedy", "rows"],
        |c| {
            vec![
                c.kind.as_str().to_string(),
                c.key.clone(),
                c.about.clone(),
                c.remedy.clone(),
                c.rows
                    .iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        },
    )
}
