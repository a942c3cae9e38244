//! `concord alignment`: who stands with whom, from what they said.

use crate::failure::{bad_input, Failure};
use crate::names::Names;
use crate::output::{csv_rows, json, table, Format};
use clap::Args;
use concord_core::coalitions::agreement_map;
use concord_core::export::agreement::export_map;
use concord_core::model::{
    AgreementMap, AgreementQuery, MapFormat, MapRequest, Neighbour, SeqRange,
};
use concord_core::Store;
use std::path::PathBuf;

#[derive(Args)]
pub struct AlignmentArgs {
    /// Process (default: the OEWG 2021–2025).
    #[arg(long)]
    process: Option<String>,
    /// Sessions to measure, as "5..8" or one session (default: every session).
    #[arg(long)]
    sessions: Option<String>,
    /// A topic (with its sub-topics) to measure on; repeat for more. Default: every subject.
    #[arg(long)]
    topic: Vec<String>,
    /// A proposal to measure on; repeat for more.
    #[arg(long)]
    proposal: Vec<String>,
    /// An earlier range to measure drift from ("1..4").
    #[arg(long)]
    since: Option<String>,
    /// A group's own statements also count for its members at that session, where they
    /// said nothing of their own.
    #[arg(long)]
    members: bool,
    /// Pairs sharing fewer subjects than this are unknown.
    #[arg(long, default_value_t = 3)]
    min_shared: u32,
    /// Our delegation: list the actors closest to it, farthest from it, and moved most
    /// (default: the file's, `concord settings --our`).
    #[arg(long)]
    our: Option<String>,
    /// table: where each actor sits, and our neighbours; csv: every pair's agreement;
    /// json: all of it.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the map to FILE instead: a picture (.svg, .png) or the agreement matrix (.csv,
    /// .xlsx with every pair and each actor's place).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// In the picture, draw the members of this group in their own colour.
    #[arg(long, value_name = "GROUP")]
    colour: Option<String>,
}

pub fn alignment(store: &Store, a: AlignmentArgs) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let process_id = names.process(a.process.as_deref())?;
    let range = |text: &Option<String>| -> Result<Option<SeqRange>, Failure> {
        text.as_deref()
            .map(|t| {
                names
                    .seq_range(process_id, t)
                    .map(|(from, to)| SeqRange { from, to })
            })
            .transpose()
    };
    let q = AgreementQuery {
        process_id,
        sessions: range(&a.sessions)?,
        topic_ids: a
            .topic
            .iter()
            .map(|t| names.topic_named(t))
            .collect::<Result<_, _>>()?,
        proposal_ids: a
            .proposal
            .iter()
            .map(|p| names.proposal_named(p))
            .collect::<Result<_, _>>()?,
        since: range(&a.since)?,
        members_follow_groups: a.members,
        min_shared: a.min_shared,
        // Our delegation: the one asked for, else the file's own.
        our_id: match a.our.as_deref() {
            Some(o) => Some(names.actor_named(o)?),
            None => store.our_delegation()?,
        },
    };
    if q.min_shared == 0 {
        return Err(bad_input("--min-shared: give at least 1".into()));
    }
    if let Some(out) = &a.out {
        let format = MapFormat::of_file(out).ok_or_else(|| {
            bad_input(format!(
                "--out {}: end the name in .svg or .png (the map), or .csv or .xlsx (the matrix)",
                out.display()
            ))
        })?;
        let request = MapRequest {
            query: q,
            colour_by: a
                .colour
                .as_deref()
                .map(|g| names.actor_named(g))
                .transpose()?,
        };
        let done = export_map(store, &request, format, out)?;
        eprintln!(
            "wrote {} ({}, {} actors)",
            done.path,
            done.format.label(),
            done.actors
        );
        return Ok(());
    }
    let map = agreement_map(store, &q)?;
    match a.format {
        Format::Json => json(&map),
        Format::Csv => pairs_csv(&map),
        Format::Table => summary(&map),
    }
}

fn share(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

fn coordinate(x: Option<f64>) -> String {
    x.map(|v| format!("{v:+.3}")).unwrap_or_default()
}

fn pairs_csv(map: &AgreementMap) -> Result<(), Failure> {
    let number = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    let rows: Vec<Vec<String>> = map
        .pairs
        .iter()
        .map(|p| {
            vec![
                map.name_of(p.a).to_string(),
                map.name_of(p.b).to_string(),
                number(p.agreement),
                p.shared.to_string(),
                number(p.earlier),
            ]
        })
        .collect();
    csv_rows(
        &[
            "actor",
            "other",
            "agreement",
            "shared subjects",
            "earlier agreement",
        ],
        &rows,
    )
}

fn summary(map: &AgreementMap) -> Result<(), Failure> {
    let placed = map.actors.iter().filter(|a| a.place.is_some()).count();
    println!(
        "sessions {}–{}{}: {} actors ({} placed), {} subjects; pairs sharing fewer than {} are unknown{}",
        map.sessions.from,
        map.sessions.to,
        map.since
            .map(|s| format!(" since {}–{}", s.from, s.to))
            .unwrap_or_default(),
        map.actors.len(),
        placed,
        map.subjects,
        map.min_shared,
        map.explained
            .map(|e| format!("; the two axes hold {} of the spread", share(e)))
            .unwrap_or_default(),
    );
    let mut header = vec!["actor", "subjects", "x", "y"];
    if map.since.is_some() {
        header.extend(["earlier x", "earlier y"]);
    }
    let rows: Vec<Vec<String>> = map
        .actors
        .iter()
        .map(|a| {
            let mut row = vec![
                a.name.clone(),
                a.subjects.to_string(),
                coordinate(a.place.map(|p| p.x)),
                coordinate(a.place.map(|p| p.y)),
            ];
            if map.since.is_some() {
                row.push(coordinate(a.earlier.map(|p| p.x)));
                row.push(coordinate(a.earlier.map(|p| p.y)));
            }
            row
        })
        .collect();
    table(&header, &rows)?;
    let Some(ours) = &map.ours else {
        return Ok(());
    };
    if ours.closest.is_empty() {
        println!(
            "\n{} shares at least {} subjects with nobody in these sessions.",
            ours.our_name, map.min_shared
        );
        return Ok(());
    }
    let list = |title: &str, items: &[Neighbour]| -> Result<(), Failure> {
        println!("\n{title} {}:", ours.our_name);
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|n| {
                vec![
                    n.name.clone(),
                    share(n.agreement),
                    n.shared.to_string(),
                    n.earlier.map(share).unwrap_or_default(),
                ]
            })
            .collect();
        table(&["actor", "agreement", "shared", "earlier"], &rows)
    };
    list("closest to", &ours.closest)?;
    list("farthest from", &ours.farthest)?;
    if map.since.is_some() {
        list("moved most with", &ours.moved_most)?;
    }
    Ok(())
}
