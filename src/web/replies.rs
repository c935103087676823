//! The shipped reply texts: `static/replies/*.json`, fetched on first use and kept
//! for the rest of the session. The service worker precaches them, so after the
//! first visit they load offline too.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use thiserror::Error;

use crate::domain::replies::{Catalog, LanguagePack, ShippedFileProblem};

/// Why a shipped file is not available.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShippedFileError {
    /// Offline before the first visit, or the host does not serve the file.
    #[error("{file} could not be fetched: {detail}")]
    Unavailable { file: String, detail: String },
    /// The file arrived but is not what this build expects.
    #[error(transparent)]
    Damaged(#[from] ShippedFileProblem),
}

impl ShippedFileError {
    pub fn file(&self) -> &str {
        match self {
            Self::Unavailable { file, .. } => file,
            Self::Damaged(ShippedFileProblem::Shape { file, .. })
            | Self::Damaged(ShippedFileProblem::Template { file, .. }) => file,
        }
    }
}

thread_local! {
    static CATALOG: RefCell<Option<Arc<Catalog>>> = const { RefCell::new(None) };
    static PACKS: RefCell<HashMap<String, Arc<LanguagePack>>> = RefCell::new(HashMap::new());
}

/// Relative to the page, so the app works under any sub-path.
fn url(file: &str) -> String {
    format!("static/replies/{file}")
}

async fn fetch_text(file: &str) -> Result<String, ShippedFileError> {
    super::fetch_shipped_text(&url(file))
        .await
        .map_err(|detail| ShippedFileError::Unavailable {
            file: file.to_owned(),
            detail,
        })
}

/// The scenario catalog.
pub async fn catalog() -> Result<Arc<Catalog>, ShippedFileError> {
    if let Some(cached) = CATALOG.with(|c| c.borrow().clone()) {
        return Ok(cached);
    }
    let catalog = Arc::new(Catalog::parse(&fetch_text("catalog.json").await?)?);
    CATALOG.with(|c| *c.borrow_mut() = Some(catalog.clone()));
    Ok(catalog)
}

/// The shipped texts of `language`, or `None` when the app ships none for it (a
/// language only the team writes in).
pub async fn pack(language: &str) -> Result<Option<Arc<LanguagePack>>, ShippedFileError> {
    if let Some(cached) = PACKS.with(|p| p.borrow().get(language).cloned()) {
        return Ok(Some(cached));
    }
    if !catalog().await?.languages.iter().any(|l| l == language) {
        return Ok(None);
    }
    let file = format!("{language}.json");
    let pack = Arc::new(LanguagePack::parse(&fetch_text(&file).await?, &file)?);
    PACKS.with(|p| p.borrow_mut().insert(language.to_owned(), pack.clone()));
    Ok(Some(pack))
}

/// Every shipped language (for the translators' export).
pub async fn all_packs() -> Result<Vec<LanguagePack>, ShippedFileError> {
    let mut packs = Vec::new();
    for language in catalog().await?.languages.iter() {
        if let Some(pack) = pack(language).await? {
            packs.push((*pack).clone());
        }
    }
    Ok(packs)
}
