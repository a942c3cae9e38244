//! Concord's core: the record of who said what at UN negotiations, kept in a local SQLite file.
//!
//! No Tauri here: the desktop shell and the `concord` CLI are thin doors onto this crate.
//! See docs/ARCHITECTURE.md for where a new feature goes.

pub mod atomic;
pub mod backup;
pub mod catalog;
pub mod changes;
pub mod citation;
pub mod clock;
pub mod coalitions;
pub mod days;
pub mod demo;
pub mod draft;
pub mod export;
pub mod files;
mod fixtures;
pub mod generate;
pub mod guide;
pub mod import;
pub mod installation;
pub mod merge;
pub mod model;
pub mod prefs;
pub mod reference;
pub mod replica;
pub mod resolve;
pub mod search;
pub mod sets;
pub mod settings;
pub mod store;
pub mod suggest;
pub mod team;
pub mod text;
pub mod transcript;

pub use clock::{Clock, FixedClock, SystemClock};
pub use store::{Store, StoreError};
