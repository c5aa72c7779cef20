//! The pure signing core: message strings, `Authorization`, verification, paySign and AES-GCM.
//!
//! Nothing in here reads a clock, draws a random number, touches a file or opens a socket: time,
//! nonces and key bytes are parameters (the aws-sigv4 shape). Callers above do the I/O.

pub mod aead;
pub mod authorization;
pub mod keys;
pub mod message;
pub mod paysign;
pub mod request;
pub mod secret;
pub mod verify;

pub use aead::{ApiV3Key, DecryptError};
pub use authorization::{Authorization, AuthorizationError, MerchantSigner, SCHEME};
pub use keys::{Certificate, KeyError, PrivateKey, PublicKey};
pub use secret::Secret;
pub use verify::{SignedHeaders, Verifier, VerifyError};
