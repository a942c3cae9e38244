//! What the window's menu bar asks the page to do: the items the page carries out (the
//! desktop shell builds the menu from this list and sends the item chosen; the UI acts on it).

vocabulary! {
    /// A menu item the page carries out. Open Recent and Close are the shell's own.
    MenuCommand {
        New => "new", "New…";
        Open => "open", "Open…";
        SaveCopy => "save_copy", "Save a Copy…";
        ImportPositions => "import_positions", "Import Positions…";
        Export => "export", "Export…";
        Undo => "undo", "Undo Last Entry";
        Redo => "redo", "Redo Last Entry";
        Find => "find", "Find…";
        Capture => "capture", "Capture Panel";
        Positions => "positions", "Positions";
        Matrix => "matrix", "Matrix";
        Changes => "changes", "Changes";
        Coalitions => "coalitions", "Coalitions";
        Drafts => "drafts", "Drafts";
        Search => "search", "Search";
        Catalog => "catalog", "Catalog";
        Team => "team", "Team";
        Settings => "settings", "Settings of This File…";
        Backups => "backups", "Restore a Backup…";
        About => "about", "About Concord";
    }
}

impl MenuCommand {
    /// The pages of the top bar, in order (View menu, Ctrl+1 … Ctrl+8).
    pub const PAGES: &'static [MenuCommand] = &[
        MenuCommand::Positions,
        MenuCommand::Matrix,
        MenuCommand::Changes,
        MenuCommand::Coalitions,
        MenuCommand::Drafts,
        MenuCommand::Search,
        MenuCommand::Catalog,
        MenuCommand::Team,
    ];
}
