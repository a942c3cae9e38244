//! A bare Tauri 2 window: the default builder, one window, a static page.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-window: {e}");
        std::process::exit(1);
    }
}
