//! Help → User Guide: the guide's Markdown becomes web pages a browser shows with their
//! pictures, linked to one another; HTML written in a page is shown, never run.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::guide::{render, GuideError};
use std::path::Path;

fn sources() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/guide")
}

#[test]
fn the_guide_becomes_linked_pages_with_their_pictures() {
    let out = tempfile::tempdir().unwrap();
    let first = render(&sources(), out.path()).unwrap();
    assert_eq!(first, out.path().join("README.html"));
    let home = std::fs::read_to_string(&first).unwrap();
    assert!(home.contains("<title>Concord user guide</title>"), "{home}");
    assert!(home.contains("<a href=\"capture.html\">"), "{home}");
    assert!(
        home.contains("<kbd>") || home.contains("<code>Ctrl K</code>"),
        "{home}"
    );

    let capture = std::fs::read_to_string(out.path().join("capture.html")).unwrap();
    let src = capture
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let file = url::Url::parse(src).unwrap().to_file_path().unwrap();
    assert!(file.is_file(), "{src} names no file");
    assert!(file.ends_with("img/capture-picker-open.png"), "{src}");
    for page in ["brief", "compare-drafts", "exports", "sharing"] {
        assert!(out.path().join(format!("{page}.html")).is_file(), "{page}");
    }
}

#[test]
fn html_in_a_page_is_text_and_outside_links_stay_as_they_are() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("README.md"),
        "# Guide <b>&</b>\n\n<script>alert(1)</script>\n\nSee [the site](https://example.org/x.md) \
         and [a part](capture.md#keys) <img src=x onerror=alert(2)>.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(render(src.path(), out.path()).unwrap()).unwrap();
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(
        page.contains("<title>Guide &lt;b&gt;&amp;&lt;/b&gt;</title>"),
        "{page}"
    );
    assert!(page.contains("href=\"https://example.org/x.md\""), "{page}");
    assert!(page.contains("href=\"capture.html#keys\""), "{page}");
}

#[test]
fn a_folder_without_a_first_page_is_refused_with_its_name() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join("other.md"), "# Other\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let e = render(src.path(), out.path()).unwrap_err();
    assert!(matches!(e, GuideError::NoFirstPage { .. }), "{e}");
    assert!(e.to_string().contains("README.md"), "{e}");
    let e = render(&src.path().join("missing"), out.path()).unwrap_err();
    assert!(matches!(e, GuideError::Read { .. }), "{e}");
}

#[test]
fn a_program_finds_its_guide_in_the_sources_and_a_missing_one_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    // A program installed where no guide is, and built from no sources with one: this test
    // runs from the sources, so only the installed place can be missing; it finds them.
    let program = dir.path().join("usr/bin/concord-desktop");
    let first = concord_core::guide::for_program(&program, &dir.path().join("cache")).unwrap();
    assert!(first.ends_with("cache/README.html"), "{}", first.display());
    assert_eq!(
        GuideError::NotInstalled.code(),
        concord_core::model::ErrorCode::Missing
    );
}
