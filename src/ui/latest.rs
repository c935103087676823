//! "Only the newest answer counts" for work that runs over several tasks (reading
//! a file, checking rows, reading orders, classifying): each run takes a turn, and
//! a run whose turn was overtaken by a newer one, or cancelled, drops its result
//! and its progress instead of overwriting the newer run's.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

/// One run's place in line.
#[derive(Clone, Copy)]
pub struct Turn {
    latest: StoredValue<u64>,
    number: u64,
}

impl Latest {
    pub fn new() -> Self {
        Latest(StoredValue::new(0))
    }

    /// Starts a run; every earlier run is overtaken.
    pub fn next(&self) -> Turn {
        let number = self.0.get_value().wrapping_add(1);
        self.0.set_value(number);
        Turn {
            latest: self.0,
            number,
        }
    }

    /// Overtakes every run without starting one.
    pub fn cancel(&self) {
        self.next();
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}

impl Turn {
    /// Whether no newer run has started since this one.
    pub fn is_current(&self) -> bool {
        self.latest.get_value() == self.number
    }
}
