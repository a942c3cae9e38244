//! One module per family of commands: each holds its arguments and what it does.

pub mod brief;
pub mod catalog;
pub mod catalog_edit;
pub mod catalog_renames;
pub mod coalitions;
pub mod drafts;
pub mod exports;
pub mod imports;
pub mod positions;
pub mod safety;
pub mod settings;
pub mod team;
pub mod transcript;
