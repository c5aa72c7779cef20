//! AEAD_AES_256_GCM for notification resources and platform certificates (apiv3.md §4).
//!
//! The key is the 32-byte APIv3 key used as raw bytes. We insist on 32 bytes: the Go and Java SDKs
//! accept 16 and quietly run AES-128-GCM, which WeChat Pay never uses, so a short key here is a
//! configuration mistake to report, not something to work around.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::secret::Secret;

/// AES-GCM tag length: the last 16 bytes of the decoded ciphertext (§4).
const TAG_LEN: usize = 16;
/// WeChat Pay nonces are 12 ASCII characters, used as the 12-byte IV (§4).
const NONCE_LEN: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecryptError {
    #[error("the APIv3 key is {0} bytes; AEAD_AES_256_GCM needs exactly 32{note}", note = short_key_note(*.0))]
    KeyLength(usize),
    #[error("the resource nonce is {0} bytes; WeChat Pay nonces are 12")]
    NonceLength(usize),
    #[error("the ciphertext is not valid Base64")]
    Base64,
    #[error("the ciphertext is {0} bytes, shorter than the 16-byte GCM tag")]
    TooShort(usize),
    #[error(
        "decryption failed (GCM tag mismatch): wrong APIv3 key, wrong associated_data, or corrupted ciphertext"
    )]
    TagMismatch,
    #[error("the algorithm is {0:?}; only AEAD_AES_256_GCM is supported")]
    Algorithm(String),
}

/// Some SDKs would accept 16 or 24 bytes and quietly run a weaker AES; say so.
fn short_key_note(len: usize) -> String {
    match len {
        16 | 24 => format!(
            " (a {len}-byte key would silently mean AES-{}-GCM, which WeChat Pay never uses)",
            len * 8
        ),
        _ => String::new(),
    }
}

/// The merchant's 32-byte APIv3 key. Never printed.
#[derive(Clone, Debug)]
pub struct ApiV3Key(Secret<[u8; 32]>);

impl ApiV3Key {
    /// Accept exactly 32 bytes (§4; cli.md §1).
    pub fn new(bytes: &[u8]) -> Result<Self, DecryptError> {
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| DecryptError::KeyLength(bytes.len()))?;
        Ok(ApiV3Key(Secret::new(arr)))
    }

    fn key(&self) -> LessSafeKey {
        LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, self.0.expose()).expect("a 32-byte key fits AES-256"),
        )
    }

    /// Decrypt `ciphertext_b64` (Base64 of ciphertext‖tag) with the 12-character `nonce` and the
    /// `associated_data` string (§4).
    pub fn decrypt(
        &self,
        nonce: &str,
        associated_data: &str,
        ciphertext_b64: &str,
    ) -> Result<Vec<u8>, DecryptError> {
        let nonce = Nonce::try_assume_unique_for_key(nonce.as_bytes())
            .map_err(|_| DecryptError::NonceLength(nonce.len()))?;
        let mut buf = B64
            .decode(ciphertext_b64.trim())
            .map_err(|_| DecryptError::Base64)?;
        if buf.len() < TAG_LEN {
            return Err(DecryptError::TooShort(buf.len()));
        }
        let plain_len = self
            .key()
            .open_in_place(nonce, Aad::from(associated_data.as_bytes()), &mut buf)
            .map_err(|_| DecryptError::TagMismatch)?
            .len();
        buf.truncate(plain_len);
        Ok(buf)
    }

    /// Encrypt for the sandbox: returns Base64 of ciphertext‖tag. `nonce` must be 12 bytes.
    pub fn encrypt(
        &self,
        nonce: &str,
        associated_data: &str,
        plaintext: &[u8],
    ) -> Result<String, DecryptError> {
        if nonce.len() != NONCE_LEN {
            return Err(DecryptError::NonceLength(nonce.len()));
        }
        let nonce = Nonce::try_assume_unique_for_key(nonce.as_bytes())
            .map_err(|_| DecryptError::NonceLength(nonce.len()))?;
        let mut buf = plaintext.to_vec();
        self.key()
            .seal_in_place_append_tag(nonce, Aad::from(associated_data.as_bytes()), &mut buf)
            .expect("AES-GCM sealing cannot fail for in-memory data");
        Ok(B64.encode(buf))
    }
}

/// Decrypt with raw key bytes, refusing anything but a 32-byte key first.
pub fn decrypt(
    key: &[u8],
    nonce: &str,
    associated_data: &str,
    ciphertext_b64: &str,
) -> Result<Vec<u8>, DecryptError> {
    ApiV3Key::new(key)?.decrypt(nonce, associated_data, ciphertext_b64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_byte_key_is_refused_clearly() {
        let err = ApiV3Key::new(b"testAPIv3Key0000").unwrap_err();
        assert_eq!(err, DecryptError::KeyLength(16));
        assert!(err.to_string().contains("AES-128"), "{err}");
    }

    #[test]
    fn seal_then_open() {
        let key = ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
        let ct = key
            .encrypt("uluk4a9R25RW", "associatedData", b"message")
            .unwrap();
        assert_eq!(ct, "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=");
        assert_eq!(
            key.decrypt("uluk4a9R25RW", "associatedData", &ct).unwrap(),
            b"message"
        );
        assert_eq!(
            key.decrypt("uluk4a9R25RW", "other", &ct).unwrap_err(),
            DecryptError::TagMismatch
        );
    }
}
