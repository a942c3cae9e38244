//! Draft revisions as text: parsing a revision into provisions (headings, numbered paragraphs,
//! sub-paragraphs, footnotes) and aligning two revisions paragraph by paragraph, word by word.

pub mod align;
pub mod amend;
pub mod brackets;
pub mod brief;
pub mod compare;
pub mod docx;
pub mod extract;
pub mod footnotes;
pub mod page;
pub mod parse;
pub mod pdf;
pub mod pdf_lines;
pub mod risk;
pub mod worker;

pub use align::{align, word_runs};
pub use amend::{judge, Verdict};
pub use parse::{parse, preview, warnings, ParsedProvision};
