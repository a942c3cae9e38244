//! A summary as a document: a title, lines saying what it covers, and sections that share
//! one set of columns. Markdown, CSV, XLSX and DOCX all render this one shape.

use crate::model::Stance;

/// One cell. The kind tells each format how to show it: a stance is coloured, a quote is set
/// as a quotation, a source becomes a footnote in Word.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Stance(Option<Stance>),
    Quote(String),
    Source(String),
    Number(u64),
}

impl Cell {
    /// The cell as plain text (stances by their label, quotes without quotation marks).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Quote(t) | Cell::Source(t) => t.clone(),
            Cell::Stance(s) => s.map(|s| s.label().to_string()).unwrap_or_default(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    /// Width in characters, for the spreadsheet.
    pub width: u16,
}

impl Column {
    pub fn new(name: impl Into<String>, width: u16) -> Column {
        Column {
            name: name.into(),
            width,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub heading: String,
    /// Sentences shown under the heading (counts, who moved).
    pub intro: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub title: String,
    /// What the summary covers: process, sessions, date made.
    pub lines: Vec<String>,
    pub columns: Vec<Column>,
    pub sections: Vec<Section>,
}

impl Report {
    pub fn rows(&self) -> u64 {
        self.sections.iter().map(|s| s.rows.len() as u64).sum()
    }
}

/// Background and text colours of a stance in exports (the window's palette).
pub fn stance_colours(stance: Stance) -> (&'static str, &'static str) {
    match stance {
        Stance::Supports => ("D8F0DD", "1D5E2C"),
        Stance::JoinedConsensus => ("E3F3E6", "2F6B3B"),
        Stance::Proposes | Stance::ProposesAmendment => ("DDE9F8", "1F4E79"),
        Stance::Conditional => ("EEF5D6", "556B13"),
        Stance::Concerns => ("FDF0D5", "7A5200"),
        Stance::Reservation => ("FDE5CF", "8A3D00"),
        Stance::Disassociation => ("F9DCD0", "8A2B0B"),
        Stance::Opposes => ("F8D7DA", "8B1A22"),
        Stance::RedLine => ("A4262C", "FFFFFF"),
        Stance::Neutral => ("ECEFF2", "46515C"),
        Stance::Silent => ("FFFFFF", "6B7785"),
    }
}
