//! The only code that touches reqwest: sign → send → verify, retries with back-off, the backup
//! host, streaming downloads, and plain HTTP for the sandbox's own calls (octocrab-style: the base
//! URL is injectable, so tests point it at an in-process sandbox).
//!
//! One pipeline (issue 12): every signed request is an [`attempt`] (sign, trace, send, refuse a
//! redirect, cap or stream the body) made under one [`RetryPolicy`]; `client` says what the
//! answer of a call means, `certificates`, `probe` and `download` what theirs mean.

mod attempt;
mod certificates;
mod client;
pub mod doctor;
mod download;
mod error;
pub mod http;
mod probe;
mod redact;
mod retry;
mod trace;
mod url;

pub use certificates::decrypt_certificates;
pub use client::{Client, ClientOptions, Preview, Response, user_agent};
pub use download::{DownloadError, DownloadInfo};
pub use error::TransportError;
pub use probe::Probe;
pub use redact::{redact_text, redact_url};
pub use retry::RetryPolicy;
pub use trace::Tracer;
pub use url::{UrlError, split_url, target_url};
