//! End-to-end: the webview can call what the capability grants and nothing else. A script in
//! the page (as injected markup would run, if the CSP ever let it) asks for the dialog
//! plugin's own file picker and for the opener's "open a URL": both are refused by Tauri,
//! while a granted command answers.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;

/// Calls `command` through Tauri's IPC from inside the page; "ok" or the refusal.
async fn call(w: &Window, command: &str, args: serde_json::Value) -> WebDriverResult<String> {
    let script = r#"
        const [command, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(command, args)
          .then(() => done('ok'), (e) => done('refused: ' + (typeof e === 'string' ? e : JSON.stringify(e))));
    "#;
    let answer = w
        .driver
        .execute_async(script, vec![serde_json::json!(command), args])
        .await?;
    Ok(answer.json().as_str().unwrap_or_default().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_webview_cannot_call_what_the_capability_does_not_grant() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cap.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;

    assert_eq!(call(&w, "app_info", serde_json::json!({})).await?, "ok");

    let picker = call(
        &w,
        "plugin:dialog|open",
        serde_json::json!({ "options": {} }),
    )
    .await?;
    assert!(
        picker.starts_with("refused"),
        "the dialog plugin answered: {picker}"
    );
    assert!(picker.contains("not allowed"), "{picker}");

    let url = call(
        &w,
        "plugin:opener|open_url",
        serde_json::json!({ "url": "https://example.org" }),
    )
    .await?;
    assert!(url.starts_with("refused"), "the opener answered: {url}");

    let unknown = call(&w, "drop_everything", serde_json::json!({})).await?;
    assert!(unknown.starts_with("refused"), "{unknown}");
    w.stop().await?;
    Ok(())
}
