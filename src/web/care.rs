//! The shipped care files: `static/care/holidays.json` and `greetings.json`,
//! fetched on first use and kept for the session. The service worker precaches
//! them with the rest of the build, so they load offline after the first visit.

use std::cell::RefCell;
use std::sync::Arc;

use crate::domain::care::calendar::{CareFileProblem, HolidayTable};
use crate::domain::care::greetings::Greetings;

/// Why the care files are not available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CareFilesError {
    /// Offline before the first visit, or the host does not serve the file.
    Unavailable {
        file: String,
        detail: String,
    },
    Damaged(CareFileProblem),
}

/// Both care files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareFiles {
    pub holidays: HolidayTable,
    pub greetings: Greetings,
}

thread_local! {
    static FILES: RefCell<Option<Arc<CareFiles>>> = const { RefCell::new(None) };
}

async fn fetch_text(file: &str) -> Result<String, CareFilesError> {
    super::fetch_shipped_text(&format!("static/care/{file}"))
        .await
        .map_err(|detail| CareFilesError::Unavailable {
            file: file.to_owned(),
            detail,
        })
}

/// The holiday table and the greetings.
pub async fn care_files() -> Result<Arc<CareFiles>, CareFilesError> {
    if let Some(cached) = FILES.with(|f| f.borrow().clone()) {
        return Ok(cached);
    }
    let holidays = HolidayTable::parse(&fetch_text("holidays.json").await?, "holidays.json")
        .map_err(CareFilesError::Damaged)?;
    let greetings = Greetings::parse(&fetch_text("greetings.json").await?, "greetings.json")
        .map_err(CareFilesError::Damaged)?;
    let files = Arc::new(CareFiles {
        holidays,
        greetings,
    });
    FILES.with(|f| *f.borrow_mut() = Some(files.clone()));
    Ok(files)
}
