//! The user guide as web pages: Help → User Guide opens the guide's Markdown (docs/guide/,
//! installed in share/concord/guide) rendered to HTML in the user's cache folder, so the
//! system opens it in a browser with its pictures, not as Markdown in a text editor.
//!
//! Links between the guide's pages point at their HTML; pictures at the installed files. Any
//! HTML written inside the Markdown is shown as text, never run.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

/// The largest guide page read, in bytes: the pages are a few kilobytes.
const MAX_PAGE_BYTES: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    #[error("the user guide in {dir} cannot be read: {source}")]
    Read { dir: String, source: std::io::Error },
    #[error("the user guide page {page} is over 1 MB; it is not Concord's guide")]
    TooLarge { page: String },
    #[error("the user guide cannot be written to {dir}: {source}")]
    Write { dir: String, source: std::io::Error },
    #[error("the user guide in {dir} has no first page (README.md)")]
    NoFirstPage { dir: String },
    #[error("the user guide is not installed with this Concord (it is docs/guide/ in Concord's sources)")]
    NotInstalled,
}

impl GuideError {
    /// The code the window's message carries.
    pub fn code(&self) -> crate::model::ErrorCode {
        match self {
            GuideError::NotInstalled | GuideError::NoFirstPage { .. } => {
                crate::model::ErrorCode::Missing
            }
            _ => crate::model::ErrorCode::Io,
        }
    }
}

/// Help → User Guide: the guide that goes with `program` (`installation::user_guide`)
/// rendered into `cache`; returns the first page, for the system's browser.
pub fn for_program(program: &Path, cache: &Path) -> Result<PathBuf, GuideError> {
    let first = crate::installation::user_guide(program).ok_or(GuideError::NotInstalled)?;
    let source = first.parent().ok_or(GuideError::NotInstalled)?;
    render(source, cache)
}

/// Renders every `*.md` page of the guide in `source` to `out/<page>.html` (the folder made
/// if needed) and returns the first page, `out/README.html`.
pub fn render(source: &Path, out: &Path) -> Result<PathBuf, GuideError> {
    let read = |e| GuideError::Read {
        dir: source.display().to_string(),
        source: e,
    };
    let write = |e| GuideError::Write {
        dir: out.display().to_string(),
        source: e,
    };
    std::fs::create_dir_all(out).map_err(write)?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(source)
        .map_err(read)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
        .collect();
    pages.sort();
    for page in &pages {
        if std::fs::metadata(page).map_err(read)?.len() > MAX_PAGE_BYTES {
            return Err(GuideError::TooLarge {
                page: page.display().to_string(),
            });
        }
        let markdown = std::fs::read_to_string(page).map_err(read)?;
        let html = page_html(&markdown, source);
        std::fs::write(
            out.join(page.with_extension("html").file_name().unwrap_or_default()),
            html,
        )
        .map_err(write)?;
    }
    let first = out.join("README.html");
    if first.is_file() {
        Ok(first)
    } else {
        Err(GuideError::NoFirstPage {
            dir: source.display().to_string(),
        })
    }
}

/// One page: its Markdown as HTML in a page of its own, titled by its first heading.
fn page_html(markdown: &str, source: &Path) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .map(|e| rewrite(e, source))
        .collect();
    let mut title = String::new();
    let heading: Vec<Event> = events
        .iter()
        .skip_while(|e| {
            !matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        })
        .skip(1)
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter(|e| matches!(e, Event::Text(_) | Event::Code(_)))
        .map(|e| match e {
            Event::Code(c) => Event::Text(c.clone()),
            other => other.clone(),
        })
        .collect();
    html::push_html(&mut title, heading.into_iter());
    let mut body = String::new();
    html::push_html(&mut body, events.into_iter());
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src file:; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        if title.is_empty() { "Concord user guide" } else { title.trim() }
    )
}

/// Links to other pages of the guide go to their HTML; pictures to the guide's own files.
/// HTML inside the Markdown becomes text.
fn rewrite<'a>(event: Event<'a>, source: &Path) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: page_link(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: picture(dest_url, source),
            title,
            id,
        }),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }
}

fn is_relative(url: &str) -> bool {
    !url.contains(':') && !url.starts_with('/') && !url.starts_with('#')
}

fn page_link(url: CowStr<'_>) -> CowStr<'_> {
    let (path, fragment) = url
        .split_once('#')
        .map_or((&*url, None), |(p, f)| (p, Some(f)));
    match path.strip_suffix(".md") {
        Some(stem) if is_relative(path) => {
            let mut to = format!("{stem}.html");
            if let Some(f) = fragment {
                to.push('#');
                to.push_str(f);
            }
            to.into()
        }
        _ => url,
    }
}

fn picture<'a>(url: CowStr<'a>, source: &Path) -> CowStr<'a> {
    if !is_relative(&url) {
        return url;
    }
    match url::Url::from_file_path(source.join(&*url)) {
        Ok(file) => file.to_string().into(),
        Err(()) => url,
    }
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#1b2430;margin:0}\
main{max-width:52rem;margin:2rem auto;padding:0 1.5rem}\
h1,h2{color:#1f4e79}code,kbd{background:#eef2f6;border-radius:3px;padding:0 .25em}\
img{max-width:100%;border:1px solid #ccd5df;border-radius:4px}\
table{border-collapse:collapse}td,th{border:1px solid #ccd5df;padding:.25em .5em}";
