//! Days as people type them and as the UN writes them. A date field reads "2 Dec 2024",
//! "2 December 2024", "December 2, 2024", "2024-12-02", French month names ("2 décembre
//! 2024"), or digits with slashes or dots where only one reading is possible ("25/11/2024");
//! it shows the day back as the UN writes it, "2 December 2024". Digits that read two ways
//! ("12/01/2026": 12 January or 1 December? "2.12.2024" too) are refused, saying both.

use crate::model::DayReading;
use crate::text::{fold, un_date};
use chrono::NaiveDate;

/// The years a negotiation's day can fall in.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// Month names and their short forms, English then French, folded (no accents, lower case).
const MONTHS: [[&str; 4]; 12] = [
    ["january", "jan", "janvier", "janv"],
    ["february", "feb", "fevrier", "fevr"],
    ["march", "mar", "mars", "mars"],
    ["april", "apr", "avril", "avr"],
    ["may", "may", "mai", "mai"],
    ["june", "jun", "juin", "juin"],
    ["july", "jul", "juillet", "juil"],
    ["august", "aug", "aout", "aout"],
    ["september", "sep", "septembre", "sept"],
    ["october", "oct", "octobre", "oct"],
    ["november", "nov", "novembre", "nov"],
    ["december", "dec", "decembre", "dec"],
];

fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|names| names.contains(&word) || (word.len() >= 3 && names[0].starts_with(word)))
        .map(|i| i as u32 + 1)
}

/// What a date field shows for `typed`: the day and its UN form, nothing for an empty field,
/// or what is wrong with it.
pub fn read_day(typed: &str) -> DayReading {
    let typed = typed.trim();
    if typed.is_empty() {
        return DayReading::default();
    }
    match day(typed) {
        Ok(d) => DayReading {
            iso: Some(d.format("%Y-%m-%d").to_string()),
            written: un_date(d),
            problem: None,
        },
        Err(problem) => DayReading {
            iso: None,
            written: typed.to_string(),
            problem: Some(problem),
        },
    }
}

/// The day `typed` names, or why it names none.
pub fn day(typed: &str) -> Result<NaiveDate, String> {
    let folded = fold(typed);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let example = "write it as 2 December 2024";
    if typed.chars().count() > 40 {
        return Err(format!("“{}…” is not a day: {example}", cut(typed)));
    }
    let (d, m, y) = match words.as_slice() {
        [one] if one.contains(['-', '/', '.']) => return digits(typed, one),
        [a, b, c] => match (a.parse::<u32>(), month_named(b), month_named(a)) {
            (Ok(d), Some(m), _) => (d, m, *c),
            (_, _, Some(m)) => (b.parse::<u32>().map_err(|_| not_a_day(typed))?, m, *c),
            _ => return Err(not_a_day(typed)),
        },
        _ => return Err(not_a_day(typed)),
    };
    let y: i32 = y.parse().map_err(|_| not_a_day(typed))?;
    on(d, m, y)
}

fn not_a_day(typed: &str) -> String {
    format!("“{}” is not a day: write it as 2 December 2024", cut(typed))
}

fn cut(typed: &str) -> String {
    typed.chars().take(40).collect()
}

/// The day of `d` `m` `y`, if the calendar has it and the year is a negotiation's.
fn on(d: u32, m: u32, y: i32) -> Result<NaiveDate, String> {
    if !YEARS.contains(&y) {
        return Err(format!(
            "{y} is not a year of the record: Concord keeps days from {} to {}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let month = NaiveDate::from_ymd_opt(y, m, 1)
            .map_or(String::new(), |first| first.format("%B").to_string());
        format!("there is no {d} {month} {y}")
    })
}

/// "2024-12-02"; "25/11/2024", "25.11.2024", "11/25/2024" where only one reading holds.
fn digits(typed: &str, word: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| not_a_day(typed))?;
    let [a, b, c] = numbers[..] else {
        return Err(not_a_day(typed));
    };
    if parts[0].len() == 4 {
        return on(c, b, a as i32);
    }
    let year = c as i32;
    let day_first = on(a, b, year).ok();
    let month_first = on(b, a, year).ok();
    match (day_first, month_first) {
        (Some(d), Some(m)) if d != m => Err(format!(
            "“{typed}” reads two ways, {} or {}: write the month in words",
            un_date(d),
            un_date(m)
        )),
        (Some(d), _) | (None, Some(d)) => Ok(d),
        (None, None) => on(a, b, year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(typed: &str) -> Option<String> {
        read_day(typed).iso
    }

    #[test]
    fn days_are_read_as_people_type_them() {
        for typed in [
            "2 December 2024",
            "2 Dec 2024",
            "2 dec. 2024",
            "December 2, 2024",
            "Dec 2 2024",
            "2024-12-02",
            "2 décembre 2024",
            " 2024-12-02 ",
        ] {
            let r = read_day(typed);
            assert_eq!(r.iso.as_deref(), Some("2024-12-02"), "{typed}: {r:?}");
            assert_eq!(r.written, "2 December 2024");
            assert_eq!(r.problem, None);
        }
        assert_eq!(iso("25/11/2024").as_deref(), Some("2024-11-25"));
        assert_eq!(iso("11/25/2024").as_deref(), Some("2024-11-25"));
        assert_eq!(iso("5/5/2024").as_deref(), Some("2024-05-05"));
        assert_eq!(read_day("  "), DayReading::default());
    }

    #[test]
    fn a_day_that_reads_two_ways_or_none_is_refused_with_why() {
        let r = read_day("12/01/2026");
        assert_eq!(r.iso, None);
        assert_eq!(
            r.problem.as_deref(),
            Some("“12/01/2026” reads two ways, 12 January 2026 or 1 December 2026: write the month in words")
        );
        assert_eq!(r.written, "12/01/2026");
        for two_ways in ["2/12/2024", "02.12.2024"] {
            assert!(read_day(two_ways)
                .problem
                .unwrap()
                .contains("reads two ways"));
        }
        assert_eq!(
            read_day("31 February 2024").problem.as_deref(),
            Some("there is no 31 February 2024")
        );
        assert!(read_day("soon").problem.unwrap().contains("is not a day"));
        assert!(read_day("2 December 24")
            .problem
            .unwrap()
            .contains("not a year"));
        assert!(read_day(&"9".repeat(500)).problem.unwrap().len() < 200);
    }
}
