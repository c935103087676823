//! The reply library page (to be written).
