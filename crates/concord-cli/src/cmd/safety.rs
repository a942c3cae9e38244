//! The safety net: check a database, back it up, list its backups, put one back.

use crate::failure::Failure;
use concord_core::{backup, Store};
use std::path::Path;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// List the backups of this database instead of making one.
    #[arg(long)]
    list: bool,
}

/// `concord check`: SQLite's full integrity check and Concord's schema check, reading only.
pub fn check(db: &Path) -> Result<(), Failure> {
    println!("{}", backup::check(db)?);
    Ok(())
}

/// `concord backup [--list]`.
pub fn backup(store: &Store, db: &Path, args: BackupArgs) -> Result<(), Failure> {
    let folder = backup::folder_of(db)?;
    if args.list {
        let all = backup::list(&folder);
        if all.is_empty() {
            println!(
                "no backups of {} yet (in {})",
                db.display(),
                folder.display()
            );
        }
        for b in all {
            println!("{}\t{} bytes\t{}", b.taken_at.to_rfc3339(), b.bytes, b.path);
        }
        return Ok(());
    }
    let made = backup::make(store, &folder, chrono::Utc::now())?;
    println!("backed up to {} (checked)", made.display());
    Ok(())
}

/// `concord restore FILE`: puts a backup back as the database, keeping the old file aside.
pub fn restore(db: &Path, from: &Path) -> Result<(), Failure> {
    let aside = backup::restore(from, db, chrono::Utc::now())?;
    println!("restored {} from {}", db.display(), from.display());
    if let Some(aside) = aside {
        println!("the file that was there is kept as {}", aside.display());
    }
    Ok(())
}
