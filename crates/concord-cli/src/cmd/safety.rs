//! The safety net: check a database, back it up, list its backups, put one back.

use crate::failure::{bad_input, Failure};
use concord_core::{backup, store, Store};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct BackupArgs {
    /// List the backups of this database instead of making one.
    #[arg(long)]
    list: bool,
}

fn folder(db: &Path) -> Result<PathBuf, Failure> {
    let data = backup::data_dir()
        .ok_or_else(|| bad_input("cannot find a data folder: set HOME or XDG_DATA_HOME".into()))?;
    Ok(backup::folder_for(&data, db))
}

/// `concord check`: SQLite's full integrity check and Concord's schema check, reading only.
pub fn check(db: &Path) -> Result<(), Failure> {
    store::check_file(db)?;
    println!("{}: ok (integrity and schema checked)", db.display());
    Ok(())
}

/// `concord backup [--list]`.
pub fn backup(store: &Store, db: &Path, args: BackupArgs) -> Result<(), Failure> {
    let folder = folder(db)?;
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
