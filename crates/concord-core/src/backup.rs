//! Automatic backups: when one is due, where they are kept, which are kept, and putting one
//! back. Copies are made by SQLite's online backup and checked in full (`store::backup`).
//!
//! Backups live in the data folder (`$XDG_DATA_HOME/concord/backups`, else
//! `~/.local/share/concord/backups`), one folder per database file, not beside the file the
//! user chose: a shared or synced folder must not fill with copies, and a lost disk or folder
//! should not take the backups with it. Kept: the newest of each of the last 7 days that have
//! one, then the newest of each of the 4 weeks before.

use crate::store::{self, Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use std::path::{Path, PathBuf};

/// How many days, then weeks, keep a backup.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

const STAMP: &str = "%Y-%m-%dT%H%M%SZ";

/// One backup of a database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The per-user data folder: `$XDG_DATA_HOME/concord` or `~/.local/share/concord`.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))
        .map(|base| base.join("concord"))
}

/// The folder that holds the backups of `db`: named after its full path, readable by a person
/// ("home%ana%oewg.concord"), so two files of the same name never share one.
pub fn folder_for(data_dir: &Path, db: &Path) -> PathBuf {
    let full = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let mut name: String = full
        .to_string_lossy()
        .trim_start_matches('/')
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':') {
                '%'
            } else {
                c
            }
        })
        .collect();
    // A file name holds 255 bytes: keep the end of a long path, where its name is.
    if name.len() > 200 {
        let mut at = name.len() - 200;
        while !name.is_char_boundary(at) {
            at += 1;
        }
        name = name.split_off(at);
    }
    data_dir.join("backups").join(name)
}

/// The backup folder of `db` in this user's data folder.
pub fn folder_of(db: &Path) -> Result<PathBuf, StoreError> {
    let data = data_dir().ok_or_else(|| StoreError::Invalid {
        field: "data folder".into(),
        message: "there is none: set HOME or XDG_DATA_HOME".into(),
    })?;
    Ok(folder_for(&data, db))
}

/// The automatic backup: backs the file at `db` up (through a connection of its own) when its
/// newest backup is a day old or there is none. Returns the new backup, if one was made.
pub fn when_due(db: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
    let folder = folder_of(db)?;
    if !due(&folder, now) {
        return Ok(None);
    }
    make_from_file(db, &folder, now).map(Some)
}

/// The backups in `folder`, newest first.
pub fn list(folder: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stamp = name.strip_suffix(".concord")?;
            let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupInfo {
                path: e.path().display().to_string(),
                taken_at: taken,
                bytes: meta.len(),
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    out
}

/// Whether the newest backup in `folder` is older than a day (or there is none).
pub fn due(folder: &Path, now: DateTime<Utc>) -> bool {
    list(folder)
        .first()
        .is_none_or(|b| now - b.taken_at >= chrono::Duration::days(1))
}

/// Backs up `store` into `folder` now, checked, then applies the rotation. Returns the new
/// backup's path.
pub fn make(store: &Store, folder: &Path, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    write_checked(folder, now, |dest| store.backup_to(dest))
}

/// Like [`make`], from the file at `db` through a connection of its own (the window backs up
/// beside its own work this way).
pub fn make_from_file(db: &Path, folder: &Path, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    write_checked(folder, now, |dest| store::backup_file(db, dest))
}

/// Writes the backup through `atomic::replace_with` (temporary file, synced, renamed, folder
/// synced), then applies the rotation.
fn write_checked(
    folder: &Path,
    now: DateTime<Utc>,
    copy: impl FnOnce(&Path) -> Result<(), StoreError>,
) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(folder)?;
    let dest = folder.join(format!("{}.concord", now.format(STAMP)));
    crate::atomic::replace_with(&dest, copy, StoreError::Io)?;
    rotate(folder);
    Ok(dest)
}

/// Deletes the backups the rotation does not keep; returns how many went.
pub fn rotate(folder: &Path) -> usize {
    let all = list(folder);
    all.iter()
        .zip(kept(&all))
        .filter(|(b, keep)| !keep && std::fs::remove_file(&b.path).is_ok())
        .count()
}

/// Which of `all` (newest first) the rotation keeps: the newest of each of the newest 7 days,
/// then the newest of each of the 4 weeks before those.
fn kept(all: &[BackupInfo]) -> Vec<bool> {
    let week = |d: chrono::NaiveDate| (d.iso_week().year(), d.iso_week().week());
    let (mut days, mut weeks) = (Vec::new(), Vec::new());
    all.iter()
        .map(|b| {
            let day = b.taken_at.date_naive();
            if days.contains(&day) {
                return false;
            }
            if days.len() < KEEP_DAILY {
                days.push(day);
                return true;
            }
            let covered = weeks.contains(&week(day)) || days.iter().any(|d| week(*d) == week(day));
            if covered || weeks.len() >= KEEP_WEEKLY {
                return false;
            }
            weeks.push(week(day));
            true
        })
        .collect()
}

/// Checks the file at `db` in full (SQLite's integrity check and Concord's schema), reading
/// only, and says so in the sentence both the window and `concord check` show.
pub fn check(db: &Path) -> Result<String, StoreError> {
    store::check_file(db)?;
    Ok(format!(
        "{}: ok (integrity and schema checked)",
        db.display()
    ))
}

/// Puts `backup` back as the database at `target`. The backup is checked first; the file that
/// was there is kept beside it as `NAME.before-restore-STAMP` (never deleted), and the copy
/// lands whole or not at all. Returns where the old file went, if there was one.
pub fn restore(
    backup: &Path,
    target: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, StoreError> {
    store::check_file(backup)?;
    let aside = if target.exists() {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "database".into());
        let aside = target.with_file_name(format!("{name}.before-restore-{}", now.format(STAMP)));
        std::fs::rename(target, &aside)?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            let _ = std::fs::rename(&side, format!("{}{suffix}", aside.display()));
        }
        Some(aside)
    } else {
        None
    };
    crate::atomic::replace_with(
        target,
        |partial| std::fs::copy(backup, partial).map(|_| ()),
        |e| e,
    )?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn info(at: DateTime<Utc>) -> BackupInfo {
        BackupInfo {
            path: at.format(STAMP).to_string(),
            taken_at: at,
            bytes: 1,
        }
    }

    #[test]
    fn rotation_keeps_seven_days_then_four_weeks() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        // Two backups a day for 60 days, newest first.
        let all: Vec<BackupInfo> = (0..120)
            .map(|i| info(start - chrono::Duration::hours(12 * i)))
            .collect();
        let kept: Vec<&BackupInfo> = all
            .iter()
            .zip(kept(&all))
            .filter(|(_, k)| *k)
            .map(|(b, _)| b)
            .collect();
        assert_eq!(kept.len(), KEEP_DAILY + KEEP_WEEKLY, "{kept:#?}");
        assert_eq!(kept[0].taken_at, start, "the newest is always kept");
        let days: Vec<_> = kept.iter().map(|b| b.taken_at.date_naive()).collect();
        let mut unique = days.clone();
        unique.dedup();
        assert_eq!(days, unique, "one a day at most");
    }

    #[test]
    fn folder_names_follow_the_full_path() {
        let a = folder_for(Path::new("/d"), Path::new("/home/ana/oewg.concord"));
        let b = folder_for(Path::new("/d"), Path::new("/home/ben/oewg.concord"));
        assert_eq!(a, Path::new("/d/backups/home%ana%oewg.concord"));
        assert_ne!(a, b);
    }
}
