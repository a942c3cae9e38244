//! Typed values of options: each core vocabulary (`--kind`, `--stance`, `--grouping`,
//! `--columns`, `--format`) is parsed by clap from the vocabulary itself, so `--help` lists the
//! values and a wrong one is refused by clap with the list; formats only the CLI knows are
//! `ValueEnum`s.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::ValueEnum;
use concord_core::model::{ExportFormat, Vocabulary};
use std::ffi::OsStr;
use std::marker::PhantomData;

/// Parses any core vocabulary: its stored form, or a loose spelling ("Red line").
#[derive(Clone)]
pub struct Vocab<T>(PhantomData<T>);

pub fn vocab<T: Vocabulary>() -> Vocab<T> {
    Vocab(PhantomData)
}

impl<T: Vocabulary> TypedValueParser for Vocab<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        if let Some(v) = value.to_str().and_then(T::parse) {
            return Ok(v);
        }
        // Not one of them: clap's own parser says so, with the list.
        let names: Vec<&str> = T::ALL.iter().map(|v| v.as_str()).collect();
        let text = PossibleValuesParser::new(names).parse_ref(cmd, arg, value)?;
        T::parse(&text).ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            T::ALL
                .iter()
                .map(|v| PossibleValue::new(v.as_str()).help(v.label())),
        ))
    }
}

/// What `diff sessions` prints (Word and Excel go through `export summary --sessions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Md,
    Json,
    Csv,
}

impl From<TextFormat> for ExportFormat {
    fn from(f: TextFormat) -> Self {
        match f {
            TextFormat::Md => ExportFormat::Md,
            TextFormat::Json => ExportFormat::Json,
            TextFormat::Csv => ExportFormat::Csv,
        }
    }
}

/// What `diff revisions` prints, or writes (docx: Word with tracked changes, to --out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RevisionFormat {
    Md,
    Json,
    Html,
    Docx,
}

/// What `export all` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    Json,
}
