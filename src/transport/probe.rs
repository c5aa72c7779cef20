//! `profile check`'s online probe: one signed read-only request whose answer, whatever its status,
//! is reported rather than raised.

use super::client::Client;
use super::doctor;
use super::error::TransportError;
use super::retry::RetryPolicy;
use crate::api::{ApiError, Request};
use crate::signing::verify::{KeyKind, VerifyError};

/// The outcome of `profile check`'s online probe.
#[derive(Debug)]
pub struct Probe {
    pub url: String,
    pub status: u16,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// `None` when the response carried no signature (errors may be unsigned, §2.6).
    pub verified: Option<Result<KeyKind, VerifyError>>,
    pub server_timestamp: Option<i64>,
    pub diagnosis: Option<String>,
}

impl Client {
    /// `GET /v3/certificates`, made once (no retries): 200 in certificate/mixed mode,
    /// `404 RESOURCE_NOT_EXISTS` for a public-key-only merchant. Either proves the credentials;
    /// a signed answer also exercises the verifier.
    pub async fn probe(&self) -> Result<Probe, TransportError> {
        let (a, _) = self
            .exchange(&Request::certificates(), RetryPolicy::once())
            .await?;
        let signed = a
            .header("Wechatpay-Signature")
            .is_some_and(|s| !s.is_empty());
        let verified = signed.then(|| self.verify_now(&a));
        let request_id = a.request_id();
        let (code, message, diagnosis) = if a.is_success() {
            (None, None, None)
        } else {
            let api = ApiError::from_response(a.status, &a.body, request_id.clone());
            let diagnosis = api
                .detail
                .as_ref()
                .and_then(|d| doctor::diagnose(&a.message, d));
            (Some(api.code), Some(api.message), diagnosis)
        };
        Ok(Probe {
            url: a.shown.clone(),
            status: a.status,
            code,
            message,
            request_id,
            verified,
            server_timestamp: a.server_timestamp(),
            diagnosis,
        })
    }
}
