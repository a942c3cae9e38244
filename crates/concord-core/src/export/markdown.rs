//! A report as Markdown (CommonMark pipe tables), safe to paste into a brief: user text is
//! escaped so it can never become markup, links or HTML.

use super::report::{Cell, Report};

/// Escapes what Markdown would read as syntax; line breaks inside a cell become " / ".
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str(" / "),
            _ => out.push(c),
        }
    }
    out
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Quote(q) if !q.trim().is_empty() => format!("“{}”", escape(q.trim())),
        other => escape(&other.text()),
    }
}

pub fn render(r: &Report) -> String {
    let mut out = format!("# {}\n\n", escape(&r.title));
    for line in &r.lines {
        out.push_str(&format!("{}  \n", escape(line)));
    }
    out.push('\n');
    for s in &r.sections {
        out.push_str(&format!("## {}\n\n", escape(&s.heading)));
        for line in s.intro.iter().filter(|l| !l.is_empty()) {
            out.push_str(&format!("{}  \n", escape(line)));
        }
        if !s.intro.is_empty() {
            out.push('\n');
        }
        let header: Vec<String> = r.columns.iter().map(|c| escape(&c.name)).collect();
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        out.push_str(&format!("|{}\n", " --- |".repeat(r.columns.len())));
        for row in &s.rows {
            let cells: Vec<String> = row.iter().map(cell).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    out
}
