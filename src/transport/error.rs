//! Transport failures, each mapping to one exit code (cli.md §3).

use crate::api::ApiError;
use crate::signing::VerifyError;

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// WeChat Pay answered with an error (exit 4). Boxed: it carries the body's detail.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No answer after every attempt: connection refused, reset, timeout (exit 5).
    #[error("{url}: {what} after {attempts} attempt(s)")]
    Network {
        url: String,
        what: String,
        attempts: u32,
    },
    /// An answer that does not verify never reaches the user as data (exit 6).
    #[error("the response to {method} {path} failed verification: {err}")]
    Verification {
        method: String,
        path: String,
        err: VerifyError,
        request_id: Option<String>,
    },
    /// The URL could not be built from the base URL and the path (exit 2).
    #[error("bad URL {url:?}: {why}")]
    Url { url: String, why: String },
}

impl TransportError {
    pub fn api(e: ApiError) -> Self {
        TransportError::Api(Box::new(e))
    }

    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            TransportError::Api(e) => Some(e),
            _ => None,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            TransportError::Network { .. } => {
                Some("check the network and base_url; raise --timeout or --retries for a slow link".into())
            }
            TransportError::Verification { err, .. } => Some(match err {
                VerifyError::UnknownSerial { .. } => {
                    "the response was signed with a key this profile does not trust: check wechatpay_public_key_id/file, or run `wxcombine certs download`".into()
                }
                VerifyError::Stale { .. } => "the local clock may be wrong (timedatectl / ntpdate), or a proxy replayed an old response".into(),
                VerifyError::SignTest => "WeChat Pay sent a signature probe; it was correctly refused and nothing was used".into(),
                _ => "the response may have been altered in transit; nothing from it was used".into(),
            }),
            _ => None,
        }
    }
}
