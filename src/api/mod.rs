//! WeChat Pay APIv3 endpoints as values, and their serde wire types (apiv3.md §3, §6–§10).
//!
//! Field names are WeChat Pay's, verbatim. Nothing here does I/O; `transport` sends these and the
//! sandbox serves them.

mod error;

pub use error::{ApiError, FieldError, canonical_code};
