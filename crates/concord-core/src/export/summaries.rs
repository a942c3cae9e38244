//! The four summaries analysts export, built from the core's own queries: an actor's
//! positions, a topic's or proposal's camps, what moved between sessions, and the matrix.
//! Each gives the report (for Markdown, CSV, XLSX, DOCX) and the data itself (for JSON).

use super::report::{Cell, Column, Report, Section};
use crate::citation::un_style;
use crate::model::{Matrix, SessionDiff, SubjectOverview, SummaryRequest, Timeline};
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// A summary ready to write: the document, and its data as JSON (every field).
pub struct Built {
    pub report: Report,
    pub data: serde_json::Value,
}

fn json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(value).map_err(|e| StoreError::invalid("export", e.to_string()))
}

pub fn build(store: &Store, request: &SummaryRequest) -> Result<Built, StoreError> {
    match request {
        SummaryRequest::Actor {
            actor_id,
            process_id,
            from_seq,
            to_seq,
        } => {
            let mut timeline = store.actor_timeline(*actor_id, None)?;
            let sessions: HashMap<_, _> = store
                .sessions(None)?
                .into_iter()
                .map(|s| (s.id, s))
                .collect();
            let within = |id: &uuid::Uuid| {
                sessions.get(id).is_some_and(|s| {
                    process_id.is_none_or(|p| s.process_id == p)
                        && from_seq.is_none_or(|f| s.seq >= f)
                        && to_seq.is_none_or(|t| s.seq <= t)
                })
            };
            for row in &mut timeline.rows {
                row.entries.retain(|e| within(&e.position.session_id));
            }
            timeline.rows.retain(|r| !r.entries.is_empty());
            let range = match process_id {
                Some(p) => {
                    let name = sessions
                        .values()
                        .find(|s| s.process_id == *p)
                        .map(|s| s.process_short_name.clone())
                        .unwrap_or_default();
                    let title = |seq: Option<i64>| {
                        seq.and_then(|q| {
                            sessions
                                .values()
                                .find(|s| s.process_id == *p && s.seq == q)
                                .map(|s| s.title.clone())
                        })
                    };
                    match (title(*from_seq), title(*to_seq)) {
                        (Some(a), Some(b)) if a == b => format!("{name}, {a}"),
                        (Some(a), Some(b)) => format!("{name}, {a} to {b}"),
                        (Some(a), None) => format!("{name}, from {a}"),
                        (None, Some(b)) => format!("{name}, up to {b}"),
                        (None, None) => format!("{name}, every session"),
                    }
                }
                None => "Every process and session".to_string(),
            };
            Ok(Built {
                report: actor_report(&timeline, &range),
                data: json(&timeline)?,
            })
        }
        SummaryRequest::Subject { query } => {
            let overview = store.subject_overview(query)?;
            Ok(Built {
                report: subject_report(&overview),
                data: json(&overview)?,
            })
        }
        SummaryRequest::Sessions { query } => {
            let diff = store.session_diff(query)?;
            Ok(Built {
                report: diff_report(&diff),
                data: json(&diff)?,
            })
        }
        SummaryRequest::Matrix { query } => {
            let matrix = store.matrix(query)?;
            Ok(Built {
                report: matrix_report(&matrix),
                data: json(&matrix)?,
            })
        }
    }
}

fn actor_report(t: &Timeline, range: &str) -> Report {
    let groups: Vec<String> = t
        .groups
        .iter()
        .map(|g| match (g.valid_from, g.valid_to) {
            (None, None) => g.group_name.clone(),
            (from, to) => format!(
                "{} ({} – {})",
                g.group_name,
                from.map(crate::text::un_date).unwrap_or_else(|| "…".into()),
                to.map(crate::text::un_date)
                    .unwrap_or_else(|| "today".into())
            ),
        })
        .collect();
    let mut lines = vec![range.to_string()];
    if !groups.is_empty() {
        lines.push(format!("Groups: {}", groups.join(", ")));
    }
    Report {
        title: format!(
            "Positions of {}",
            crate::reference::in_running_text(&t.actor.name, t.actor.kind)
        ),
        lines,
        columns: vec![
            Column::new("Session", 26),
            Column::new("Stance", 16),
            Column::new("Changed from", 16),
            Column::new("Summary", 40),
            Column::new("Quote", 50),
            Column::new("Source", 30),
        ],
        sections: t
            .rows
            .iter()
            .map(|row| Section {
                heading: row.label.clone(),
                intro: Vec::new(),
                rows: row
                    .entries
                    .iter()
                    .map(|e| {
                        let p = &e.position;
                        vec![
                            Cell::Text(crate::citation::session(&p.process_name, &p.session_title)),
                            Cell::Stance(Some(p.stance)),
                            Cell::Stance(e.changed_from),
                            Cell::Text(p.summary.clone()),
                            Cell::Quote(p.quote.clone()),
                            Cell::Source(un_style(&p.source, p.meeting_date)),
                        ]
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn subject_report(o: &SubjectOverview) -> Report {
    Report {
        title: format!("{}: who stands where", o.label),
        lines: vec!["Latest stance of each actor at each session, by group".to_string()],
        columns: vec![
            Column::new("Group", 22),
            Column::new("Actor", 24),
            Column::new("Camp", 14),
            Column::new("Stance", 18),
            Column::new("Since previous session", 26),
            Column::new("Previous stance", 18),
        ],
        sections: o
            .sessions
            .iter()
            .map(|s| Section {
                heading: s.title.clone(),
                intro: vec![
                    s.counts
                        .iter()
                        .map(|c| format!("{}: {}", c.label, c.count))
                        .collect::<Vec<_>>()
                        .join(" · "),
                    s.movements
                        .iter()
                        .map(|m| format!("{}: {}", m.label, m.count))
                        .collect::<Vec<_>>()
                        .join(" · "),
                ],
                rows: s
                    .blocs
                    .iter()
                    .flat_map(|b| {
                        b.actors.iter().map(|a| {
                            vec![
                                Cell::Text(b.group_name.clone()),
                                Cell::Text(a.actor_name.clone()),
                                Cell::Text(a.camp.label().to_string()),
                                Cell::Stance(Some(a.stance)),
                                Cell::Text(a.movement.label().to_string()),
                                Cell::Stance(a.previous),
                            ]
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn diff_report(d: &SessionDiff) -> Report {
    let mut sections: Vec<Section> = Vec::new();
    for c in &d.changes {
        if sections.last().map(|s| &s.heading) != Some(&c.subject_label) {
            let intro = d
                .subjects
                .iter()
                .find(|m| m.subject == c.subject)
                .map(|m| vec![m.headline.clone()])
                .unwrap_or_default();
            sections.push(Section {
                heading: c.subject_label.clone(),
                intro,
                rows: Vec::new(),
            });
        }
        let side = c.after.as_ref().or(c.before.as_ref());
        let row = vec![
            Cell::Text(c.actor_name.clone()),
            Cell::Text(c.bloc.clone().unwrap_or_default()),
            Cell::Text(c.kind.label().to_string()),
            Cell::Stance(c.from_stance),
            Cell::Stance(c.to_stance),
            Cell::Quote(side.map(|s| s.quote.clone()).unwrap_or_default()),
            Cell::Source(
                side.map(|s| un_style(&s.source, s.date))
                    .unwrap_or_default(),
            ),
        ];
        if let Some(section) = sections.last_mut() {
            section.rows.push(row);
        }
    }
    Report {
        title: format!("What moved: {} → {}", d.before_label, d.after_label),
        lines: std::iter::once(d.process_name.clone())
            .chain(d.subjects.iter().map(|m| m.headline.clone()))
            .collect(),
        columns: vec![
            Column::new("Actor", 24),
            Column::new("Regional group", 18),
            Column::new("Change", 16),
            Column::new("From", 16),
            Column::new("To", 16),
            Column::new("Quote", 50),
            Column::new("Source", 30),
        ],
        sections,
    }
}

fn matrix_report(m: &Matrix) -> Report {
    let mut grid: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .map(|r| {
            std::iter::once(Cell::Text(r.actor_name.clone()))
                .chain(m.columns.iter().map(|_| Cell::Stance(None)))
                .collect()
        })
        .collect();
    for c in &m.cells {
        if let Some(cell) = grid
            .get_mut(c.row as usize)
            .and_then(|r| r.get_mut(c.column as usize + 1))
        {
            *cell = Cell::Stance(Some(c.stance));
        }
    }
    Report {
        title: "Stance matrix".to_string(),
        lines: vec!["Latest stance of each actor in the range".to_string()],
        columns: std::iter::once(Column::new("Actor", 24))
            .chain(m.columns.iter().map(|c| Column::new(c.label.clone(), 18)))
            .collect(),
        sections: vec![Section {
            heading: "Actors".to_string(),
            intro: Vec::new(),
            rows: grid,
        }],
    }
}
