//! Transport failures, each mapping to one exit code (cli.md §3). URLs are shown redacted: no
//! download token, no user-info (issue 11, item 15).

use crate::api::{AnswerError, ApiError};
use crate::signing::VerifyError;

use super::redact::redact_url;

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// WeChat Pay answered with an error (exit 4). Boxed: it carries the body's detail.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No answer after every attempt: connection refused, reset, timeout (exit 5).
    #[error("{}: {what} after {attempts} attempt(s)", redact_url(url))]
    Network {
        url: String,
        what: String,
        attempts: u32,
    },
    /// An answer that does not verify never reaches the user as data (exit 6).
    #[error(
        "the response to {method} {} failed verification: {err}",
        redact_url(path)
    )]
    Verification {
        method: String,
        path: String,
        err: VerifyError,
        request_id: Option<String>,
    },
    /// The URL could not be built from the base URL and the path (exit 2).
    #[error("bad URL {:?}: {why}", redact_url(url))]
    Url { url: String, why: String },
    /// A 3xx (exit 4). WeChat Pay never redirects an API call or a bill download, so it is not
    /// followed: the request (and its `Referer`) never goes to the `Location` (issue 11, item 8).
    #[error(
        "{} answered HTTP {status} redirecting to {}; WeChat Pay never redirects, so it was not followed",
        redact_url(url),
        location.as_deref().map(redact_url).unwrap_or_else(|| "(no Location header)".into())
    )]
    Redirect {
        url: String,
        status: u16,
        location: Option<String>,
        request_id: Option<String>,
    },
    /// A response body over the cap (issue 11, item 6): exit 5, or 6 when it claimed a signature
    /// (it cannot be verified without reading it all).
    #[error("{}: {what}", redact_url(url))]
    TooLarge {
        url: String,
        what: String,
        signed: bool,
        request_id: Option<String>,
    },
    /// A verified answer that is not the answer to this request: not the documented shape, or
    /// about another order (issue 11, items 9 and 14; exit 6).
    #[error(
        "the response to {method} {} failed verification: {problem}",
        redact_url(path)
    )]
    Answer {
        method: String,
        path: String,
        problem: Box<AnswerError>,
        request_id: Option<String>,
    },
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

    /// Whether another attempt with the same parameters may succeed: a network failure, or a
    /// 5xx / 429 from WeChat Pay (apiv3.md §10.3).
    pub fn is_retryable(&self) -> bool {
        match self {
            TransportError::Network { .. } => true,
            TransportError::Api(a) => a.is_retryable(),
            _ => false,
        }
    }

    /// The `Retry-After` of an API error, in seconds, where the answer gave one.
    pub fn retry_after(&self) -> Option<u64> {
        self.as_api().and_then(|a| a.retry_after)
    }

    /// The same error, counting `attempts` in all (a caller that retried it says how often).
    pub fn with_attempts(mut self, n: u32) -> Self {
        if let TransportError::Network { attempts, .. } = &mut self {
            *attempts = n;
        }
        self
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            TransportError::Network { .. } => {
                Some("check the network and base_url; raise --timeout or --retries for a slow link".into())
            }
            TransportError::Verification { err, .. } => Some(match err {
                VerifyError::UnknownSerial { serial, known } => {
                    crate::signing::verify::unknown_serial_hint(serial, known)
                }
                VerifyError::Stale { .. } => "the local clock may be wrong (timedatectl / ntpdate), or a proxy replayed an old response".into(),
                VerifyError::SignTest => "WeChat Pay sent a signature probe; it was correctly refused and nothing was used".into(),
                _ => "the response may have been altered in transit; nothing from it was used".into(),
            }),
            TransportError::Redirect { .. } => Some(
                "something between here and WeChat Pay (a proxy, a captive portal, a wrong base_url) answered instead; nothing was sent to the Location".into(),
            ),
            TransportError::TooLarge { .. } => Some(
                "WeChat Pay's answers are a few KB: check base_url, something else answered".into(),
            ),
            TransportError::Answer { problem, .. } => Some(match **problem {
                AnswerError::Mismatch { .. } => "a correctly signed answer about something else: replayed or misrouted; nothing from it was used".into(),
                AnswerError::Malformed { .. } => "the signed answer does not have the documented shape; nothing from it was used".into(),
            }),
            _ => None,
        }
    }
}
