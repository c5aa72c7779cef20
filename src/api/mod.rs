//! WeChat Pay APIv3 endpoints as values, and their serde wire types (apiv3.md §3, §6–§10).
//!
//! Field names are WeChat Pay's, verbatim. Nothing here does I/O: `transport` sends these requests,
//! the sandbox serves them, and both validate bodies with [`validate`].

pub mod answer;
mod endpoint;
mod error;
pub mod notification;
pub mod types;
pub mod validate;

pub use answer::{Answer, AnswerError, Echo, Expected, Shape};
pub use endpoint::{AccountType, BillType, Method, Request, Scene};
pub use error::{ApiError, ErrorBody, FieldError, canonical_code};
