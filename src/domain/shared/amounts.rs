//! Reading amounts exactly into minor units, whatever the decimal and thousands
//! separators and currency signs around them (order files, remedies, costs).

use serde::{Deserialize, Serialize};

/// Which character separates the decimals in amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecimalStyle {
    /// Decide per value, see [`parse_amount`].
    #[default]
    Auto,
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountProblem {
    #[error("not an amount")]
    Unreadable,
    #[error("more than {allowed} decimals")]
    TooManyDecimals { allowed: u32 },
}

/// Parses a decimal amount into minor units of a currency with `digits` minor
/// digits, exactly. Accepts "1234.56", "1.234,56", "1,234.56", "1 234,56",
/// "1'234.56", "1234", "12,5"; currency symbols and codes around the number are
/// ignored ("€12,50", "12.50 USD", "US$ 3.10"); a leading '-' or parentheses mean
/// negative (the negative value is returned).
///
/// With [`DecimalStyle::Auto`]: if both '.' and ',' appear, the last one is the
/// decimal separator; if only one of them appears, once, followed by exactly three
/// digits and nothing else (and preceded by 1–3 digits not starting with 0), it
/// separates thousands ("1,234" is 1234); if it appears several times it separates
/// thousands ("1,234,567"); otherwise it is the decimal separator. Thousands groups
/// must have three digits. More fractional digits than `digits` give
/// `TooManyDecimals` unless the extra ones are zeros; anything else is `Unreadable`.
pub fn parse_amount(text: &str, style: DecimalStyle, digits: u32) -> Result<i64, AmountProblem> {
    let text = text.trim();
    let first_digit = text
        .find(|c: char| c.is_ascii_digit())
        .ok_or(AmountProblem::Unreadable)?;
    let last_digit = text
        .rfind(|c: char| c.is_ascii_digit())
        .ok_or(AmountProblem::Unreadable)?;
    let mut start = first_digit;
    if start > 0 && matches!(text.as_bytes()[start - 1], b'.' | b',') {
        start -= 1; // ".5"
    }
    let negative = sign_from_affixes(&text[..start], &text[last_digit + 1..])?;
    let magnitude = parse_magnitude(&text[start..=last_digit], style, digits)?;
    let signed = if negative {
        -i128::try_from(magnitude).map_err(|_| AmountProblem::Unreadable)?
    } else {
        i128::try_from(magnitude).map_err(|_| AmountProblem::Unreadable)?
    };
    i64::try_from(signed).map_err(|_| AmountProblem::Unreadable)
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '￥'
            | '₩'
            | '₹'
            | '₽'
            | '₺'
            | '₫'
            | '₱'
            | '₪'
            | '฿'
            | '₴'
            | '₦'
            | '¢'
            | '₡'
            | '₲'
            | '₵'
            | '₸'
            | '₼'
            | '₾'
            | '﷼'
            | '＄'
    )
}

/// Checks what surrounds the number (currency symbols or codes of up to three
/// letters, spaces, sign, parentheses) and tells whether it is negative.
fn sign_from_affixes(prefix: &str, suffix: &str) -> Result<bool, AmountProblem> {
    let (mut minus, mut plus, mut open, mut close) = (0u32, 0u32, 0u32, 0u32);
    for (part, is_prefix) in [(prefix, true), (suffix, false)] {
        let mut letters = 0;
        for c in part.chars() {
            match c {
                '-' | '\u{2212}' if is_prefix => minus += 1,
                '+' if is_prefix => plus += 1,
                '(' if is_prefix => open += 1,
                ')' if !is_prefix => close += 1,
                c if c.is_whitespace() || is_currency_symbol(c) => {}
                c if c.is_alphabetic() => {
                    letters += 1;
                    if letters > 3 {
                        return Err(AmountProblem::Unreadable);
                    }
                }
                _ => return Err(AmountProblem::Unreadable),
            }
        }
    }
    if minus + plus > 1 || open != close || open > 1 || (open == 1 && minus + plus > 0) {
        return Err(AmountProblem::Unreadable);
    }
    Ok(minus == 1 || open == 1)
}

fn is_group_only(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// The number itself (starts with a digit or a separator followed by one, ends with
/// a digit) in minor units.
fn parse_magnitude(core: &str, style: DecimalStyle, digits: u32) -> Result<u128, AmountProblem> {
    let (mut dots, mut commas) = (0usize, 0usize);
    let (mut last_dot, mut last_comma) = (0usize, 0usize);
    let mut previous_was_separator = false;
    for (i, c) in core.char_indices() {
        let separator = match c {
            '0'..='9' => false,
            '.' => {
                dots += 1;
                last_dot = i;
                true
            }
            ',' => {
                commas += 1;
                last_comma = i;
                true
            }
            c if is_group_only(c) => true,
            _ => return Err(AmountProblem::Unreadable),
        };
        if separator && previous_was_separator {
            return Err(AmountProblem::Unreadable);
        }
        previous_was_separator = separator;
    }

    // Byte position of the decimal separator, if any.
    let decimal_at = match style {
        DecimalStyle::Point => match dots {
            0 => None,
            1 => Some(last_dot),
            _ => return Err(AmountProblem::Unreadable),
        },
        DecimalStyle::Comma => match commas {
            0 => None,
            1 => Some(last_comma),
            _ => return Err(AmountProblem::Unreadable),
        },
        DecimalStyle::Auto => match (dots, commas) {
            (0, 0) => None,
            (_, _) if dots > 0 && commas > 0 => {
                let (count, at) = if last_dot > last_comma {
                    (dots, last_dot)
                } else {
                    (commas, last_comma)
                };
                if count > 1 {
                    return Err(AmountProblem::Unreadable);
                }
                Some(at)
            }
            (n, 0) | (0, n) if n > 1 => None,
            _ => {
                let at = if dots == 1 { last_dot } else { last_comma };
                (!looks_like_thousands(core, at)).then_some(at)
            }
        },
    };

    let mut integer: u128 = 0;
    let mut group_len = 0usize;
    let mut groups = 0usize;
    let mut fraction: u128 = 0;
    let mut fraction_len = 0u32;
    let mut extra_nonzero = false;
    let mut in_fraction = false;
    for (i, c) in core.char_indices() {
        if let Some(d) = c.to_digit(10) {
            if in_fraction {
                if fraction_len < digits {
                    fraction = fraction
                        .checked_mul(10)
                        .and_then(|f| f.checked_add(u128::from(d)))
                        .ok_or(AmountProblem::Unreadable)?;
                    fraction_len += 1;
                } else if d != 0 {
                    extra_nonzero = true;
                }
            } else {
                integer = integer
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u128::from(d)))
                    .ok_or(AmountProblem::Unreadable)?;
                group_len += 1;
            }
        } else if Some(i) == decimal_at {
            if groups > 0 && group_len != 3 {
                return Err(AmountProblem::Unreadable);
            }
            in_fraction = true;
        } else {
            // A thousands separator.
            let well_placed = !in_fraction
                && if groups == 0 {
                    (1..=3).contains(&group_len)
                } else {
                    group_len == 3
                };
            if !well_placed {
                return Err(AmountProblem::Unreadable);
            }
            groups += 1;
            group_len = 0;
        }
    }
    if !in_fraction && groups > 0 && group_len != 3 {
        return Err(AmountProblem::Unreadable);
    }
    if extra_nonzero {
        return Err(AmountProblem::TooManyDecimals { allowed: digits });
    }
    let scale = 10u128
        .checked_pow(digits)
        .ok_or(AmountProblem::Unreadable)?;
    let fraction_scale = 10u128
        .checked_pow(digits - fraction_len)
        .ok_or(AmountProblem::Unreadable)?;
    integer
        .checked_mul(scale)
        .and_then(|n| n.checked_add(fraction.checked_mul(fraction_scale)?))
        .ok_or(AmountProblem::Unreadable)
}

/// Auto style, a lone '.' or ',' at byte `at`: thousands when exactly three digits
/// follow and 1–3 digits not starting with 0 precede it (back to the previous
/// space/apostrophe group separator or the start).
fn looks_like_thousands(core: &str, at: usize) -> bool {
    let after = &core[at + 1..];
    if after.len() != 3 || !after.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let before = &core[..at];
    let leading = before.rsplit(is_group_only).next().unwrap_or(before);
    (1..=3).contains(&leading.len())
        && leading.bytes().all(|b| b.is_ascii_digit())
        && !core.starts_with('0')
}

#[cfg(test)]
mod tests;
