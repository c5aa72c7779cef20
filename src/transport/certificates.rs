//! `GET /v3/certificates` and the bootstrap rule of apiv3.md §3: decrypt every certificate, verify
//! the answer with the one its `Wechatpay-Serial` names, only then trust them.

use super::client::{Client, signed_headers};
use super::error::TransportError;
use super::retry::RetryPolicy;
use crate::api::Request;
use crate::api::types::CertificatesResponse;
use crate::signing::ApiV3Key;
use crate::signing::keys::Certificate;
use crate::signing::verify::Verifier;

impl Client {
    /// The platform certificates, trusted by the bootstrap rule. One attempt: it runs when a
    /// verification met an unknown serial, or for `certs download`, which a user repeats.
    pub async fn fetch_certificates(&self) -> Result<Vec<Certificate>, anyhow::Error> {
        let key = self
            .refresh_key()
            .ok_or_else(|| anyhow::anyhow!("no APIv3 key to decrypt certificates with"))?;
        let req = Request::certificates();
        let (a, _) = self.exchange(&req, RetryPolicy::once()).await?;
        if !a.is_success() {
            return Err(self.api_error(&a).into());
        }
        let request_id = a.request_id();
        // The shape first: a body that is not the documented list cannot be verified by the
        // bootstrap rule at all, and is a failed verification (exit 6), not an internal error.
        req.answer
            .check(&a.body, &self.signer().mchid)
            .map_err(|problem| TransportError::Answer {
                method: "GET".into(),
                path: req.path.clone(),
                problem: Box::new(problem),
                request_id: request_id.clone(),
            })?;
        let certs = decrypt_certificates(key, &a.body)?;
        let mut bootstrap = Verifier::new();
        for c in &certs {
            bootstrap.add_certificate(c.clone());
        }
        bootstrap
            .verify(&signed_headers(&a), &a.body, self.now())
            .map_err(|err| TransportError::Verification {
                method: "GET".into(),
                path: req.path.clone(),
                err,
                request_id,
            })?;
        Ok(certs)
    }
}

/// Decrypt every entry of a `/v3/certificates` body (§3) and check each serial matches its cert.
pub fn decrypt_certificates(
    key: &ApiV3Key,
    body: &[u8],
) -> Result<Vec<Certificate>, anyhow::Error> {
    let resp: CertificatesResponse = serde_json::from_slice(body).map_err(|e| {
        anyhow::anyhow!("the /v3/certificates response is not the documented JSON: {e}")
    })?;
    let mut out = Vec::new();
    for (i, entry) in resp.data.iter().enumerate() {
        let e = &entry.encrypt_certificate;
        if e.algorithm != "AEAD_AES_256_GCM" {
            return Err(crate::signing::DecryptError::Algorithm(e.algorithm.clone()).into());
        }
        let pem = key.decrypt(&e.nonce, &e.associated_data, &e.ciphertext)?;
        let cert = Certificate::from_pem(
            &pem,
            &format!("certificate {} (data[{i}])", entry.serial_no),
        )?;
        if !cert.serial.eq_ignore_ascii_case(&entry.serial_no) {
            anyhow::bail!(
                "data[{i}]: serial_no {} does not match the decrypted certificate's serial {}",
                entry.serial_no,
                cert.serial
            );
        }
        out.push(cert);
    }
    Ok(out)
}
