//! WeChat Pay APIv3 endpoints as values, and their serde wire types (apiv3.md §3, §6–§10, §14).
//!
//! Field names are WeChat Pay's, verbatim. Nothing here does I/O: `transport` sends these requests,
//! the sandbox serves them, and both validate bodies with [`validate`]. Each endpoint is declared
//! once, in [`endpoint::ENDPOINTS`].

pub mod answer;
pub mod endpoint;
mod error;
pub mod notification;
pub mod refund;
mod request;
pub mod types;
pub mod validate;
mod vocab;

pub use answer::{Answer, AnswerError, Echo, Expected, Shape};
pub use endpoint::{
    ENDPOINTS, EndpointId, Matched, Method, QueryError, RouteError, match_route, percent_decode,
};
pub use error::{ApiError, ErrorBody, FieldError, canonical_code};
pub use request::Request;
pub use vocab::{AccountType, Bill, BillKind, BillType, Scene};
