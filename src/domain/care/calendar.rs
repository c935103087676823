//! The shipped holiday table (`static/care/holidays.json`): the main holidays of the
//! buyers' countries for the covered years, movable feasts included, with the days
//! a parcel usually takes to each country.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The `format` value of the holiday file.
pub const HOLIDAYS_FORMAT: &str = "crm-care-holidays";
/// The `format` value of the greetings file.
pub const GREETINGS_FORMAT: &str = "crm-care-greetings";
/// The file versions this build reads.
pub const CARE_FILE_VERSION: u32 = 1;

coded_enum! {
    /// Which greeting text fits an occasion.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum GreetingKind {
        Birthday = "birthday",
        FamilyDate = "family_date",
        CompanyAnniversary = "company_anniversary",
        /// Any holiday without a text of its own: the text names the holiday.
        Holiday = "holiday",
        NewYear = "new_year",
        Christmas = "christmas",
        Easter = "easter",
        Eid = "eid",
        LunarNewYear = "lunar_new_year",
        Diwali = "diwali",
        Thanksgiving = "thanksgiving",
        MothersDay = "mothers_day",
        NationalDay = "national_day",
    }
}

/// A shipped care file that is not what this build expects, with the place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CareFileProblem {
    /// Not JSON of the expected shape; `place` is "line L, column C".
    #[error("{file}: {detail} at {place}")]
    Shape {
        file: String,
        place: String,
        detail: String,
    },
    /// Another file, or a version this build does not read.
    #[error(
        "{file}: format {found} version {version}, expected {expected} version {CARE_FILE_VERSION}"
    )]
    Format {
        file: String,
        found: String,
        version: u32,
        expected: String,
    },
    /// A value that parses but cannot be right; `place` is a path such as
    /// `countries.US.holidays[3]`.
    #[error("{file}: {detail} at {place}")]
    Content {
        file: String,
        place: String,
        detail: String,
    },
}

impl CareFileProblem {
    pub fn file(&self) -> &str {
        match self {
            Self::Shape { file, .. } | Self::Format { file, .. } | Self::Content { file, .. } => {
                file
            }
        }
    }

    pub(super) fn shape(file: &str, e: &serde_json::Error) -> Self {
        Self::Shape {
            file: file.to_owned(),
            place: format!("line {}, column {}", e.line(), e.column()),
            detail: e.to_string(),
        }
    }

    pub(super) fn content(file: &str, place: String, detail: impl Into<String>) -> Self {
        Self::Content {
            file: file.to_owned(),
            place,
            detail: detail.into(),
        }
    }
}

fn one() -> u32 {
    1
}

/// One holiday in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The first day.
    pub date: NaiveDate,
    /// How many days it lasts (1 unless the file says more).
    #[serde(default = "one")]
    pub days: u32,
    /// Stable across years ("christmas", "eid_al_fitr"): part of occasion keys.
    pub key: String,
    /// English name.
    pub name: String,
    /// The name in the country's language.
    pub local_name: String,
    pub greeting: GreetingKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryHolidays {
    /// The country's main language (BCP 47), the language of `local_name`.
    pub language: String,
    /// Days a parcel usually takes to arrive (the default of the cut-off reminder).
    pub shipping_days: u32,
    pub holidays: Vec<Holiday>,
}

/// The parsed holiday file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayTable {
    pub format: String,
    pub version: u32,
    /// The years every country has dates for.
    pub years: Vec<i32>,
    /// By ISO 3166-1 alpha-2 code.
    pub countries: BTreeMap<String, CountryHolidays>,
}

impl HolidayTable {
    /// Reads and checks the shipped file.
    pub fn parse(json: &str, file: &str) -> Result<Self, CareFileProblem> {
        let table: Self =
            serde_json::from_str(json).map_err(|e| CareFileProblem::shape(file, &e))?;
        if table.format != HOLIDAYS_FORMAT || table.version != CARE_FILE_VERSION {
            return Err(CareFileProblem::Format {
                file: file.to_owned(),
                found: table.format,
                version: table.version,
                expected: HOLIDAYS_FORMAT.to_owned(),
            });
        }
        if table.years.is_empty() {
            return Err(CareFileProblem::content(
                file,
                "years".into(),
                "no year covered",
            ));
        }
        for (code, country) in &table.countries {
            let place = format!("countries.{code}");
            if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(CareFileProblem::content(
                    file,
                    place,
                    "a country code is two capital letters",
                ));
            }
            if country.shipping_days > 120 {
                return Err(CareFileProblem::content(
                    file,
                    format!("{place}.shipping_days"),
                    "more than 120 shipping days",
                ));
            }
            for (i, h) in country.holidays.iter().enumerate() {
                let place = format!("{place}.holidays[{i}]");
                use chrono::Datelike;
                if !table.years.contains(&h.date.year()) {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        format!("{} is outside the covered years", h.date),
                    ));
                }
                if h.days == 0 || h.days > 31 {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        "days must be 1 to 31",
                    ));
                }
                if h.key.trim().is_empty()
                    || h.name.trim().is_empty()
                    || h.local_name.trim().is_empty()
                {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        "key, name and local_name must not be empty",
                    ));
                }
                if h.key.contains(':') {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        "a key must not contain ':'",
                    ));
                }
            }
        }
        Ok(table)
    }

    /// The holidays of `country` (any case), none for a country the table lacks.
    pub fn of(&self, country: &str) -> &[Holiday] {
        self.countries
            .get(&country.trim().to_ascii_uppercase())
            .map(|c| c.holidays.as_slice())
            .unwrap_or(&[])
    }

    /// The file's shipping days to `country`, if it has the country.
    pub fn shipping_days(&self, country: &str) -> Option<u32> {
        self.countries
            .get(&country.trim().to_ascii_uppercase())
            .map(|c| c.shipping_days)
    }
}
