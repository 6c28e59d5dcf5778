//! Reading the API's dates and date-times closely enough to say what is wrong with one.
//!
//! The form DS documents is RFC 3339's `date-time` as the spec writes it,
//! `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, with a capital `T` and `Z`. [`read`]
//! accepts that form exactly and recognises the usual near misses, so that rules can name
//! the slip and, when the intended instant is certain, write the fix: lowercase `t`/`z`
//! (RFC 3339 allows them, ISO 8601 and the spec's pattern do not), a space for `T`, missing
//! seconds, `+0200`/`+02` offsets, a comma before the fraction, spaces around the value;
//! a date alone; a date-time without offset; local formats such as `31/12/2025`.
//!
//! jiff's own parsers are not the judge here on purpose: `jiff::Timestamp`'s `FromStr`
//! (Temporal/RFC 9557) takes all of those near misses silently (`2025-06-01t10:00z`,
//! `2025-06-01 10:00Z`, `2025-06-01T10Z`, `+0200`, `[Europe/Paris]` annotations), which is
//! right for a library and wrong for a linter. jiff decides what the parts mean: calendar
//! validity (`civil::Date::new`), clock validity (`civil::Time::new`), offsets and instants.

use crate::diagnostic::Applicability;
use crate::rules::checker::NewFinding;
use crate::text::payload;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::Timestamp;

/// A UTC offset as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// `Z` (or `z`).
    Z,
    /// `±hh:mm` (or a near miss of it), in seconds east of UTC. `-00:00` is RFC 3339's
    /// "UTC, local offset unknown" and keeps its sign in `negative`.
    Numeric {
        /// Seconds east of UTC.
        seconds: i32,
        /// Whether the sign was `-`.
        negative: bool,
    },
}

impl Zone {
    /// `Z` or `+00:00`: UTC as the spec's search bounds want it (`-00:00` is not).
    pub(crate) fn is_utc(self) -> bool {
        matches!(
            self,
            Zone::Z
                | Zone::Numeric {
                    seconds: 0,
                    negative: false
                }
        )
    }

    /// `Z`, `+02:00`, `-00:00`.
    pub(crate) fn show(self) -> String {
        match self {
            Zone::Z => "Z".to_owned(),
            Zone::Numeric { seconds, negative } => {
                let abs = seconds.unsigned_abs();
                let sign = if negative { '-' } else { '+' };
                format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
            }
        }
    }
}

/// A date-time with an offset: an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// The instant.
    pub instant: Timestamp,
    /// The offset as written.
    pub zone: Zone,
    /// The date-time in the documented spelling, same offset:
    /// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`.
    pub canonical: String,
    /// The same instant in UTC with `Z`, keeping the fraction as written.
    pub utc: String,
}

/// What a date string is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// `""` or only spaces.
    Empty,
    /// A calendar date alone, `YYYY-MM-DD`; `slips` is empty when written exactly so.
    Date {
        /// The date.
        date: Date,
        /// How the spelling departs from `YYYY-MM-DD` (only "spaces around the value").
        slips: Vec<&'static str>,
    },
    /// A date-time with an offset; `slips` is empty when written in the documented form.
    DateTime {
        /// The instant and its spellings.
        stamp: Stamp,
        /// How the spelling departs from the documented form, e.g. "a space instead of `T`".
        slips: Vec<&'static str>,
    },
    /// A valid date and time without an offset; `written` is it in the documented spelling
    /// (without offset), e.g. `2025-12-31T10:00:00`.
    NoOffset {
        /// The date-time, documented spelling, no offset.
        written: String,
    },
    /// A local date format whose day and month are certain (`31/12/2025`, `2025/12/31`).
    LocalDate {
        /// The date.
        date: Date,
        /// How it was ordered: "day/month/year", "month/day/year", "year/month/day".
        order: &'static str,
    },
    /// A local date format that reads as two dates (`05/06/2025`).
    Ambiguous {
        /// Read day first.
        day_first: Date,
        /// Read month first.
        month_first: Date,
    },
    /// Date-shaped, but no such day: `2025-02-30`, `2025-13-01`, `2025-02-29`.
    NotCalendarDate {
        /// Year as written.
        year: i16,
        /// Month as written.
        month: i8,
        /// Day as written.
        day: i8,
    },
    /// A valid date with an impossible time (`25:00`, `10:60`, leap second `23:59:60`).
    NotClockTime {
        /// The time as written.
        time: String,
    },
    /// A date-time whose instant, in UTC, falls after RFC 3339's last four-digit year
    /// (`9999-12-31T23:00:00-05:00` is in year 10000).
    AfterYear9999,
    /// An offset beyond ±23:59.
    BadOffset {
        /// The offset as written.
        offset: String,
    },
    /// Nothing recognisable as a date.
    Unreadable,
}

/// A date string's reading, cheap on the valid path: one pass over the bytes, no
/// allocation besides the two spellings of a date-time.
pub(crate) fn read(text: &str) -> Reading {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Reading::Empty;
    }
    let padded = trimmed.len() != text.len();
    match parse_iso(trimmed.as_bytes()) {
        Some(raw) => interpret(trimmed, &raw, padded),
        None => read_local(trimmed),
    }
}

/// Whether `text` is exactly the documented form in UTC, `YYYY-MM-DDThh:mm:ss[.f{1,9}]Z`,
/// with a real calendar date and clock time: then [`read`] gives a [`Reading::DateTime`]
/// without slips, and no rule has anything to say about the form. Decided without allocating
/// (reading builds the canonical and UTC spellings for the help texts): this is the fast path
/// for the dates of valid payloads.
pub(crate) fn is_documented_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let number = |from: usize, len: usize| {
        b[from..from + len]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let shape = b.len() >= 20
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .into_iter()
            .all(digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return false;
    }
    let fraction = match &b[19..] {
        [b'Z'] => true,
        [b'.', digits @ .., b'Z'] => {
            (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    };
    // Years up to 9998: jiff's instants end late on 9999-12-30.
    let year = number(0, 4);
    fraction
        && year <= 9998
        && Date::new(year as i16, number(5, 2) as i8, number(8, 2) as i8).is_ok()
        && Time::new(
            number(11, 2) as i8,
            number(14, 2) as i8,
            number(17, 2) as i8,
            0,
        )
        .is_ok()
}

/// What a reading means for a rule: text for the diagnostic's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Follows the field's name in the message: "is not a calendar date".
    pub what: String,
    /// Under the span.
    pub label: String,
    /// What to write instead.
    pub help: String,
    /// The date to write instead (unquoted), when there is one.
    pub suggestion: Option<String>,
    /// How sure the suggestion is: safe when it writes the same instant in the documented
    /// form, unsafe when it supplies what the text does not say (a time for a date alone).
    pub applicability: Applicability,
}

impl Problem {
    /// Writes the problem into a finding about the date: message, label, help and the
    /// replacement when there is one.
    pub(crate) fn describe<'c, 'a>(self, finding: NewFinding<'c, 'a>) -> NewFinding<'c, 'a> {
        let finding = finding
            .field_message(self.what)
            .label(self.label)
            .help(self.help);
        match (self.suggestion, self.applicability) {
            (Some(date), Applicability::Safe) => finding.suggest_string(date).safe_fix(),
            (Some(date), Applicability::Unsafe) => finding.suggest_string(date).unsafe_fix(),
            (Some(date), Applicability::DisplayOnly) => finding.suggest_string(date),
            (None, _) => finding,
        }
    }
}

/// The documented form, for help texts.
pub(crate) const FORM: &str = "YYYY-MM-DDThh:mm:ss.sssZ";

/// Describes what is wrong with a date string against the documented date-time form, or
/// `None` when it is in that form. A date alone gets `date` + `midnight` as the suggestion
/// (e.g. `T00:00:00.000Z`), and so does an unambiguous local date. Rules adjust the parts
/// their context changes (empty values, missing offsets, UTC-only bounds).
pub(crate) fn problem(reading: &Reading, midnight: &str) -> Option<Problem> {
    Some(match reading {
        Reading::DateTime { slips, .. } if slips.is_empty() => return None,
        Reading::DateTime { stamp, slips } => Problem {
            what: "is not written in the ISO 8601 form DS documents".to_owned(),
            label: slips.join(", "),
            help: format!("write `{}` ({FORM})", payload(&stamp.canonical)),
            suggestion: Some(payload(&stamp.canonical)),
            // The same instant, spelled as DS documents it.
            applicability: Applicability::Safe,
        },
        Reading::Date { date, .. } => {
            let fixed = payload(format!("{}{midnight}", show_date(*date)));
            Problem {
                what: "is a date without a time: DS wants an ISO 8601 date-time".to_owned(),
                label: "date only".to_owned(),
                help: format!("midnight UTC of that day is `{fixed}`"),
                suggestion: Some(fixed),
                // The time is supplied, not read: the author's day may start elsewhere.
                applicability: Applicability::Unsafe,
            }
        }
        Reading::NoOffset { written } => Problem {
            what: "has no UTC offset".to_owned(),
            label: "no offset".to_owned(),
            help: format!(
                "add the offset: `Z` if the time is UTC (`{}`), else the local one \
                 (e.g. `{}`)",
                payload(format!("{written}Z")),
                payload(format!("{written}+02:00")),
            ),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::Empty => Problem {
            what: "is empty".to_owned(),
            label: "empty, not a date".to_owned(),
            help: format!("write an ISO 8601 date-time ({FORM})"),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::LocalDate { date, order } => {
            let fixed = payload(format!("{}{midnight}", show_date(*date)));
            Problem {
                what: "is a local date format, not ISO 8601".to_owned(),
                label: format!("{order}, not ISO 8601"),
                help: format!("as an ISO 8601 date-time at midnight UTC: `{fixed}`"),
                suggestion: Some(fixed),
                // A local format read, and a time supplied.
                applicability: Applicability::Unsafe,
            }
        }
        Reading::Ambiguous {
            day_first,
            month_first,
        } => Problem {
            what: "is a local date format, not ISO 8601".to_owned(),
            label: "ambiguous local date".to_owned(),
            help: format!(
                "day and month could be either way round: write `{}` for {} (day first) or \
                 `{}` for {} (month first)",
                payload(format!("{}{midnight}", show_date(*day_first))),
                payload(spell_date(*day_first)),
                payload(format!("{}{midnight}", show_date(*month_first))),
                payload(spell_date(*month_first)),
            ),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::NotCalendarDate { year, month, day } => Problem {
            what: format!(
                "is not a calendar date: {} does not exist",
                payload(format!("{year:04}-{month:02}-{day:02}"))
            ),
            label: "not a calendar date".to_owned(),
            help: why_not_a_date(*year, *month, *day),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::NotClockTime { time } if is_leap_second(time) => Problem {
            what: format!(
                "has a leap second `{}`: RFC 3339 allows one, but DS is not known to read it, \
                 and common date-time parsers (java.time's `OffsetDateTime`, JavaScript's \
                 `Date`) refuse it",
                payload(time)
            ),
            label: "leap second".to_owned(),
            help: "write the second before it, `:59`: seconds go from 00 to 59".to_owned(),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::NotClockTime { time } => Problem {
            what: format!("has an impossible time `{}`", payload(time)),
            label: "not a clock time".to_owned(),
            help: "hours go from 00 to 23, minutes and seconds from 00 to 59".to_owned(),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::AfterYear9999 => Problem {
            what: "is an ISO 8601 date-time, but its instant falls in year 10000 in UTC, which \
                   RFC 3339's four-digit years cannot write"
                .to_owned(),
            label: "after 9999 in UTC".to_owned(),
            help: "write an instant no later than `9999-12-31T23:59:59Z`".to_owned(),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::BadOffset { offset } => Problem {
            what: format!("has an impossible UTC offset `{}`", payload(offset)),
            label: "offset out of range".to_owned(),
            help: "offsets go from -23:59 to +23:59; write `Z` for UTC".to_owned(),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        Reading::Unreadable => Problem {
            what: "is not an ISO 8601 date-time".to_owned(),
            label: "not a date-time".to_owned(),
            help: format!("write a date-time such as `2025-12-31T00:00:00.000Z` ({FORM})"),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
    })
}

/// `23:59:60`, `23:59:60.5`: a clock time but for its leap second.
fn is_leap_second(time: &str) -> bool {
    let b = time.as_bytes();
    let two = |at: usize| digits(b, at, 2);
    b.len() >= 8
        && two(0).is_some_and(|h| h < 24)
        && two(3).is_some_and(|m| m < 60)
        && two(6) == Some(60)
}

/// `2025-12-31`.
pub(crate) fn show_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// An instant in UTC, `2025-08-11T08:00:00Z`, with the fraction of a second when there is
/// one (as many digits as needed, at least 3).
pub(crate) fn show_utc(instant: Timestamp) -> String {
    let dt = Offset::UTC.to_datetime(instant);
    let nanos = dt.subsec_nanosecond();
    let fraction = if nanos == 0 {
        String::new()
    } else {
        let digits = format!("{nanos:09}");
        let kept = digits.trim_end_matches('0');
        format!(".{}", &digits[..kept.len().max(3)])
    };
    format!(
        "{}T{:02}:{:02}:{:02}{fraction}Z",
        show_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

/// `5 June 2025`.
fn spell_date(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

fn why_not_a_date(year: i16, month: i8, day: i8) -> String {
    if !(1..=12).contains(&month) {
        return format!(
            "there is no month {}: months go from 01 to 12",
            payload(format!("{month:02}"))
        );
    }
    let days = Date::new(year, month, 1).map_or(31, Date::days_in_month);
    if day < 1 {
        return "days start at 01".to_owned();
    }
    format!(
        "{} has {} days{}",
        payload(format!("{} {year}", month_name(month))),
        payload(days),
        if month == 2 && days == 28 {
            " (not a leap year)"
        } else {
            ""
        }
    )
}

/// The parts of an ISO 8601-like date-time, as written.
struct Raw<'a> {
    year: u32,
    month: u32,
    day: u32,
    time: Option<RawTime<'a>>,
}

struct RawTime<'a> {
    separator: u8,
    hour: u32,
    minute: u32,
    second: Option<u32>,
    /// The fraction's digits and whether a comma introduced them.
    fraction: Option<(&'a str, bool)>,
    /// Where the time ends (the offset starts) in the text.
    end: usize,
    offset: Option<RawOffset>,
}

enum RawOffset {
    Z {
        lowercase: bool,
    },
    Numeric {
        negative: bool,
        hours: u32,
        minutes: Option<u32>,
        colon: bool,
    },
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)f+]][Z|z|±hh[[:]mm]]]`, nothing else.
fn parse_iso(b: &[u8]) -> Option<Raw<'_>> {
    let year = digits(b, 0, 4)?;
    (b.get(4) == Some(&b'-')).then_some(())?;
    let month = digits(b, 5, 2)?;
    (b.get(7) == Some(&b'-')).then_some(())?;
    let day = digits(b, 8, 2)?;
    let mut raw = Raw {
        year,
        month,
        day,
        time: None,
    };
    if b.len() == 10 {
        return Some(raw);
    }
    let separator = *b.get(10).filter(|c| matches!(c, b'T' | b't' | b' '))?;
    let hour = digits(b, 11, 2)?;
    (b.get(13) == Some(&b':')).then_some(())?;
    let minute = digits(b, 14, 2)?;
    let mut i = 16;
    let mut second = None;
    let mut fraction = None;
    if b.get(i) == Some(&b':') {
        second = Some(digits(b, i + 1, 2)?);
        i += 3;
        if let Some(&mark) = b.get(i).filter(|c| matches!(c, b'.' | b',')) {
            let start = i + 1;
            let len = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
            if len == 0 {
                return None;
            }
            // The bytes are ASCII digits, so this cannot fail.
            let text = std::str::from_utf8(&b[start..start + len]).ok()?;
            fraction = Some((text, mark == b','));
            i = start + len;
        }
    }
    let end = i;
    let offset = match b.get(i) {
        None => None,
        Some(&c @ (b'Z' | b'z')) => {
            i += 1;
            Some(RawOffset::Z {
                lowercase: c == b'z',
            })
        }
        Some(&c @ (b'+' | b'-')) => {
            let hours = digits(b, i + 1, 2)?;
            i += 3;
            let colon = b.get(i) == Some(&b':');
            if colon {
                i += 1;
            }
            let minutes = digits(b, i, 2);
            if minutes.is_some() {
                i += 2;
            } else if colon {
                return None;
            }
            Some(RawOffset::Numeric {
                negative: c == b'-',
                hours,
                minutes,
                colon,
            })
        }
        Some(_) => return None,
    };
    if i != b.len() {
        return None;
    }
    raw.time = Some(RawTime {
        separator,
        hour,
        minute,
        second,
        fraction,
        end,
        offset,
    });
    Some(raw)
}

fn small(n: u32) -> i8 {
    i8::try_from(n).unwrap_or(i8::MAX)
}

fn interpret(text: &str, raw: &Raw<'_>, padded: bool) -> Reading {
    let (year, month, day) = (
        i16::try_from(raw.year).unwrap_or(i16::MAX),
        small(raw.month),
        small(raw.day),
    );
    let Ok(date) = Date::new(year, month, day) else {
        return Reading::NotCalendarDate { year, month, day };
    };
    let mut slips = Vec::new();
    if padded {
        slips.push("spaces around the value");
    }
    let Some(t) = &raw.time else {
        return Reading::Date { date, slips };
    };
    let nanos = t.fraction.map_or(0, |(f, _)| {
        let kept = &f[..f.len().min(9)];
        let n: i32 = kept.parse().unwrap_or(0);
        n * 10i32.pow(9 - kept.len() as u32)
    });
    let Ok(time) = Time::new(
        small(t.hour),
        small(t.minute),
        small(t.second.unwrap_or(0)),
        nanos,
    ) else {
        return Reading::NotClockTime {
            time: text[11..t.end].to_owned(),
        };
    };
    let fraction = t
        .fraction
        .map_or_else(String::new, |(f, _)| format!(".{f}"));
    let local = format!(
        "{}T{:02}:{:02}:{:02}{fraction}",
        show_date(date),
        t.hour,
        t.minute,
        t.second.unwrap_or(0)
    );
    match t.separator {
        b't' => slips.push("lowercase `t`"),
        b' ' => slips.push("a space instead of `T`"),
        _ => {}
    }
    if t.second.is_none() {
        slips.push("no seconds");
    }
    if t.fraction.is_some_and(|(_, comma)| comma) {
        slips.push("a comma before the fraction of a second");
    }
    let zone = match &t.offset {
        None => return Reading::NoOffset { written: local },
        Some(RawOffset::Z { lowercase }) => {
            if *lowercase {
                slips.push("lowercase `z`");
            }
            Zone::Z
        }
        Some(RawOffset::Numeric {
            negative,
            hours,
            minutes,
            colon,
        }) => {
            if *hours > 23 || minutes.is_some_and(|m| m > 59) {
                return Reading::BadOffset {
                    offset: text[t.end..].to_owned(),
                };
            }
            if minutes.is_none() {
                slips.push("an offset without minutes");
            } else if !colon {
                slips.push("no colon in the offset");
            }
            let magnitude = (hours * 3600 + minutes.unwrap_or(0) * 60) as i32;
            Zone::Numeric {
                seconds: if *negative { -magnitude } else { magnitude },
                negative: *negative,
            }
        }
    };
    let seconds = match zone {
        Zone::Z => 0,
        Zone::Numeric { seconds, .. } => seconds,
    };
    let civil = DateTime::from_parts(date, time);
    let instant = Offset::from_seconds(seconds).and_then(|offset| offset.to_timestamp(civil));
    let (instant, utc_time) = match instant {
        Ok(instant) => (instant, Offset::UTC.to_datetime(instant)),
        // The end of 9999 (from 9999-12-30T22:00Z) lies beyond jiff's instants, yet is ISO
        // 8601 (`9999-12-31T23:59:59Z` is a common "no end"): its UTC reading is civil
        // arithmetic, its instant jiff's last, which compares the same with every other
        // date-time. (Four-digit years start at 0000, far above jiff's first instant.)
        Err(_) => match civil.checked_sub(jiff::SignedDuration::from_secs(i64::from(seconds))) {
            Ok(utc) => (Timestamp::MAX, utc),
            // Past the civil calendar's end in UTC (9999-12-31T23:00:00-05:00).
            Err(_) => return Reading::AfterYear9999,
        },
    };
    let utc = format!(
        "{}T{:02}:{:02}:{:02}{fraction}Z",
        show_date(utc_time.date()),
        utc_time.hour(),
        utc_time.minute(),
        utc_time.second()
    );
    let stamp = Stamp {
        instant,
        zone,
        canonical: format!("{local}{}", zone.show()),
        utc,
    };
    Reading::DateTime { stamp, slips }
}

/// `31/12/2025`, `12/31/2025`, `31.12.2025`, `31-12-2025`, `2025/12/31`, `2025.12.31`,
/// `2025-1-5`.
fn read_local(text: &str) -> Reading {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Reading::Unreadable;
    };
    // One separator throughout.
    let separators: Vec<char> = text
        .chars()
        .filter(|c| matches!(c, '/' | '.' | '-'))
        .collect();
    if separators.len() != 2 || separators[0] != separators[1] {
        return Reading::Unreadable;
    }
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let at = |year: u32, month: u32, day: u32, order| {
        let (year, month, day) = (
            i16::try_from(year).unwrap_or(i16::MAX),
            small(month),
            small(day),
        );
        match Date::new(year, month, day) {
            Ok(date) => Reading::LocalDate { date, order },
            Err(_) => Reading::NotCalendarDate { year, month, day },
        }
    };
    if a.len() == 4 {
        return match (number(a, 4), number(b, 2), number(c, 2)) {
            (Some(y), Some(m), Some(d)) => at(y, m, d, "year/month/day"),
            _ => Reading::Unreadable,
        };
    }
    let (Some(x), Some(y), Some(year)) = (number(a, 2), number(b, 2), number(c, 4)) else {
        return Reading::Unreadable;
    };
    if c.len() != 4 {
        return Reading::Unreadable;
    }
    match (x > 12, y > 12) {
        (true, true) => Reading::Unreadable,
        (true, false) => at(year, y, x, "day/month/year"),
        (false, true) => at(year, x, y, "month/day/year"),
        (false, false) if x == y => at(year, x, y, "day/month/year"),
        (false, false) => {
            match (
                Date::new(year as i16, small(y), small(x)),
                Date::new(year as i16, small(x), small(y)),
            ) {
                (Ok(day_first), Ok(month_first)) => Reading::Ambiguous {
                    day_first,
                    month_first,
                },
                // A zero day or month.
                _ => Reading::NotCalendarDate {
                    year: year as i16,
                    month: small(y),
                    day: small(x),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_utc_form_is_recognised_without_reading() {
        let documented = [
            "2025-06-01T18:46:51.326Z",
            "2025-06-01T18:46:51Z",
            "2024-02-29T00:00:00.0Z",
            "0001-01-01T00:00:00.123456789Z",
            "9998-12-31T23:59:59.999Z",
        ];
        for text in documented {
            assert!(is_documented_utc(text), "{text}");
            assert!(
                matches!(read(text), Reading::DateTime { ref slips, .. } if slips.is_empty()),
                "{text}"
            );
        }
        let near_misses = [
            "",
            "2025-06-01",
            "2025-06-01T18:46Z",
            "2025-06-01t18:46:51Z",
            "2025-06-01T18:46:51z",
            "2025-06-01 18:46:51Z",
            "2025-06-01T18:46:51,326Z",
            "2025-06-01T18:46:51.Z",
            "2025-06-01T18:46:51.1234567890Z",
            "2025-06-01T18:46:51+02:00",
            "2025-06-01T18:46:51",
            " 2025-06-01T18:46:51Z",
            "2025-06-01T18:46:51Z ",
            "2025-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-06-01T24:00:00Z",
            "2025-06-01T23:60:00Z",
            "2025-06-01T23:59:60Z",
            "9999-12-31T23:59:59Z",
            "2025-06-01T18:46:51.32a6Z",
            "2025-06-01T18:46:51.326ZZ",
            "+025-06-01T18:46:51Z",
            "2025-6-01T18:46:51.326Z",
            "2025-06-01T18:46:51.326Zé",
        ];
        for text in near_misses {
            assert!(!is_documented_utc(text), "{text}");
        }
    }

    #[test]
    fn the_end_of_year_9999_is_a_date_time_beyond_jiffs_instants() {
        for (text, utc) in [
            ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
            ("9999-12-31T23:59:59.999+01:00", "9999-12-31T22:59:59.999Z"),
        ] {
            let Reading::DateTime { stamp, slips } = read(text) else {
                panic!("{text}: {:?}", read(text))
            };
            assert!(slips.is_empty(), "{text}");
            assert_eq!(stamp.utc, utc);
            assert_eq!(stamp.instant, Timestamp::MAX);
        }
        // Past the calendar's end in UTC: an ISO 8601 date-time still, said so.
        assert_eq!(read("9999-12-31T23:00:00-05:00"), Reading::AfterYear9999);
        let problem = problem_of("9999-12-31T23:00:00-05:00");
        assert!(
            problem.what.starts_with("is an ISO 8601 date-time, but"),
            "{}",
            problem.what
        );
    }

    #[test]
    fn a_leap_second_is_named_as_such() {
        let reading = read("2016-12-31T23:59:60Z");
        assert!(
            matches!(reading, Reading::NotClockTime { .. }),
            "{reading:?}"
        );
        let problem = problem(&reading, "T00:00:00Z").unwrap();
        assert!(
            problem.what.starts_with("has a leap second"),
            "{}",
            problem.what
        );
        assert_eq!(problem.label, "leap second");
        let problem = problem_of("2016-12-31T23:60:00Z");
        assert!(
            problem.what.starts_with("has an impossible time"),
            "{}",
            problem.what
        );
    }

    fn problem_of(text: &str) -> Problem {
        problem(&read(text), "T00:00:00Z").unwrap()
    }

    /// Why the reader is hand-written: jiff's `Timestamp` parser accepts spellings the spec's
    /// form does not have. If jiff ever tightens, nothing here breaks; this only records it.
    #[test]
    fn jiff_timestamp_parsing_is_lenient() {
        for text in [
            "2025-06-01t10:00:00z",
            "2025-06-01 10:00:00Z",
            "2025-06-01T10:00Z",
            "2025-06-01T10:00:00+0200",
            "2025-06-01T10:00:00+02",
        ] {
            assert!(text.parse::<Timestamp>().is_ok(), "{text}");
            assert!(
                matches!(read(text), Reading::DateTime { ref slips, .. } if !slips.is_empty()),
                "{text}"
            );
        }
        assert!("2025-06-01T10:00:00".parse::<Timestamp>().is_err());
    }

    #[test]
    fn reads_the_documented_form_and_its_near_misses() {
        let Reading::DateTime { stamp, slips } = read("2025-06-01T18:46:51.326Z") else {
            panic!()
        };
        assert!(slips.is_empty());
        assert_eq!(stamp.canonical, "2025-06-01T18:46:51.326Z");
        let Reading::DateTime { stamp, slips } = read("2025-08-04 10:00+0200") else {
            panic!()
        };
        assert_eq!(
            slips,
            [
                "a space instead of `T`",
                "no seconds",
                "no colon in the offset"
            ]
        );
        assert_eq!(stamp.canonical, "2025-08-04T10:00:00+02:00");
        assert_eq!(stamp.utc, "2025-08-04T08:00:00Z");
        assert!(!stamp.zone.is_utc());
        assert_eq!(
            read("2025-02-29"),
            Reading::NotCalendarDate {
                year: 2025,
                month: 2,
                day: 29
            }
        );
        assert!(matches!(read("2024-02-29"), Reading::Date { ref slips, .. } if slips.is_empty()));
        assert!(matches!(
            read("2025-06-01T23:59:60Z"),
            Reading::NotClockTime { .. }
        ));
        assert!(matches!(
            read("2025-06-01T10:00:00+24:00"),
            Reading::BadOffset { .. }
        ));
        assert!(matches!(read("05/06/2025"), Reading::Ambiguous { .. }));
        assert!(matches!(
            read("2025/12/31"),
            Reading::LocalDate {
                order: "year/month/day",
                ..
            }
        ));
        assert_eq!(read("  "), Reading::Empty);
        assert_eq!(read("tomorrow"), Reading::Unreadable);
        assert_eq!(read("2025-06-01T10:00:00Zjunk"), Reading::Unreadable);
        assert_eq!(read("31/12/25"), Reading::Unreadable);
        assert_eq!(
            show_utc("2025-08-11T08:00:00.5Z".parse().unwrap()),
            "2025-08-11T08:00:00.500Z"
        );
    }
}
