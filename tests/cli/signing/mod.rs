//! Signing vectors from the docs and SDKs, platform certificates, and mixed (migration) mode.

mod certs;
mod mixed;
mod vectors;
