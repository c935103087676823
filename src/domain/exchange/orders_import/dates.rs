//! Reading order dates in the shapes marketplace exports use, in the mapped order
//! of day, month and year.

use super::*;
use chrono::NaiveDate;

/// Parses "1997-01-01", "19970101", "01/02/2024" and "1/2/2024" (per `order`),
/// "01.02.2024" (always day first), "2024/01/02" and "2024.01.02" (year first),
/// "2024年1月2日", optionally followed by a time (" 13:45", "T13:45:00",
/// "T13:45:00Z", " 1:45 PM") that is ignored. Wrong shapes are `BadDate`; right
/// shapes naming no real day (2023-02-29) are `DateDoesNotExist`.
pub fn parse_date(text: &str, order: DateOrder) -> Result<NaiveDate, RowProblem> {
    let text = text.trim();
    let (date, time) = match text.find([' ', 'T']) {
        Some(i) => (&text[..i], Some(text[i + 1..].trim_start())),
        None => (text, None),
    };
    if time.is_some_and(|t| !looks_like_time(t)) {
        return Err(RowProblem::BadDate);
    }
    let (year, month, day) = date_numbers(date, order).ok_or(RowProblem::BadDate)?;
    let year = i32::try_from(year).map_err(|_| RowProblem::BadDate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(RowProblem::DateDoesNotExist)
}

/// `H:MM` or `HH:MM`, then seconds, fractions, zone or AM/PM.
fn looks_like_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let hour_len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&hour_len)
        && bytes.get(hour_len) == Some(&b':')
        && bytes.get(hour_len + 1).is_some_and(u8::is_ascii_digit)
        && bytes[hour_len..].iter().all(|&b| {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b':' | b'.'
                        | b'+'
                        | b'-'
                        | b' '
                        | b'Z'
                        | b'z'
                        | b'A'
                        | b'a'
                        | b'P'
                        | b'p'
                        | b'M'
                        | b'm'
                )
        })
}

/// Digits only, with a length in `min..=max`.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    if !(min..=max).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn date_numbers(date: &str, order: DateOrder) -> Option<(u32, u32, u32)> {
    if let Some((year, rest)) = date.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日').unwrap_or(rest);
        return Some((
            number(year, 4, 4)?,
            number(month, 1, 2)?,
            number(day, 1, 2)?,
        ));
    }
    let separators = ['-', '/', '.'];
    let mut found = separators.iter().filter(|&&s| date.contains(s));
    let Some(&separator) = found.next() else {
        // 19970101
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some((
            number(&date[..4], 4, 4)?,
            number(&date[4..6], 2, 2)?,
            number(&date[6..], 2, 2)?,
        ));
    };
    if found.next().is_some() {
        return None;
    }
    let mut parts = date.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        return Some((number(a, 4, 4)?, number(b, 1, 2)?, number(c, 1, 2)?));
    }
    let (year, first, second) = (number(c, 4, 4)?, number(a, 1, 2)?, number(b, 1, 2)?);
    let month_first = separator != '.' && order == DateOrder::MonthFirst;
    Some(if month_first {
        (year, first, second)
    } else {
        (year, second, first)
    })
}
