//! The only code that touches reqwest: sign → send → verify, retries with back-off, the backup
//! host, streaming downloads, and plain HTTP for the sandbox's own calls (octocrab-style: the base
//! URL is injectable, so tests point it at an in-process sandbox).

mod client;
pub mod doctor;
mod error;
pub mod http;
mod redact;
mod trace;

pub use client::{
    Client, ClientOptions, DownloadError, DownloadInfo, Response, Retries, decrypt_certificates,
    split_url, user_agent,
};
pub use error::TransportError;
pub use redact::{redact_text, redact_url};
pub use trace::Tracer;
