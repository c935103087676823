//! The bytes of the stored facts: LEB128 varints, zig-zag for signed values,
//! length-prefixed UTF-8, a tag and the format as the first two bytes; every read
//! bounds-checked, so damaged bytes are an error and never a panic.

use chrono::NaiveDate;

use super::{StoredFactsError, FORMAT};
use crate::domain::orders::OrderStatus;

/// Order dates are stored as days from this day (2 varint bytes until 2044).
const EPOCH_DAYS_FROM_CE: i64 = 730_120; // 2000-01-01

pub(super) fn status_code(status: OrderStatus) -> u8 {
    match status {
        OrderStatus::Paid => 0,
        OrderStatus::Shipped => 1,
        OrderStatus::Delivered => 2,
        OrderStatus::Refunded => 3,
        OrderStatus::Cancelled => 4,
    }
}

pub(super) fn status_of(code: u8) -> Option<OrderStatus> {
    Some(match code {
        0 => OrderStatus::Paid,
        1 => OrderStatus::Shipped,
        2 => OrderStatus::Delivered,
        3 => OrderStatus::Refunded,
        4 => OrderStatus::Cancelled,
        _ => return None,
    })
}

pub(super) fn days_of(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date)) - EPOCH_DAYS_FROM_CE
}

pub(super) fn date_of(days: i64) -> Option<NaiveDate> {
    let from_ce = i32::try_from(days.checked_add(EPOCH_DAYS_FROM_CE)?).ok()?;
    NaiveDate::from_num_days_from_ce_opt(from_ce)
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(super) fn put_signed(out: &mut Vec<u8>, value: i64) {
    put_varint(out, ((value << 1) ^ (value >> 63)) as u64);
}

pub(super) fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Reads a value written by this module; every read is bounds-checked.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8], tag: u8) -> Result<Self, StoredFactsError> {
        match bytes {
            [t, format, ..] if *t == tag && *format == FORMAT => Ok(Self { bytes, at: 2 }),
            [t, format, ..] if *t == tag => Err(StoredFactsError::Format { found: *format }),
            [_, _, ..] => Err(StoredFactsError::Damaged("not this kind of value")),
            _ => Err(StoredFactsError::Truncated),
        }
    }

    pub(super) fn byte(&mut self) -> Result<u8, StoredFactsError> {
        let byte = *self.bytes.get(self.at).ok_or(StoredFactsError::Truncated)?;
        self.at += 1;
        Ok(byte)
    }

    pub(super) fn bytes(&mut self, n: usize) -> Result<&'a [u8], StoredFactsError> {
        let end = self.at.checked_add(n).ok_or(StoredFactsError::Truncated)?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(StoredFactsError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    pub(super) fn varint(&mut self) -> Result<u64, StoredFactsError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(StoredFactsError::Damaged("a number is too long"))
    }

    pub(super) fn signed(&mut self) -> Result<i64, StoredFactsError> {
        let zigzag = self.varint()?;
        Ok(((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64))
    }

    /// A count of items that each take at least one byte, so a damaged count cannot
    /// ask for more memory than the value has bytes.
    pub(super) fn count(&mut self) -> Result<usize, StoredFactsError> {
        let count = self.varint()?;
        if count > (self.bytes.len() - self.at) as u64 {
            return Err(StoredFactsError::Truncated);
        }
        Ok(count as usize)
    }

    pub(super) fn string(&mut self) -> Result<String, StoredFactsError> {
        let len = self.count()?;
        let bytes = self.bytes(len)?;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| StoredFactsError::Damaged("text is not UTF-8"))
    }

    pub(super) fn end(&self) -> Result<(), StoredFactsError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(StoredFactsError::Damaged("bytes after the end"))
        }
    }
}
