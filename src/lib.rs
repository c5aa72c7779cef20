//! wxcombine: a command-line tool for WeChat Pay APIv3 combine payments (合单支付).
// `deny`, not `forbid`. Three places allow it, each with its SAFETY comments: `bill::writeback`
// (two libc calls on Linux, issue 16), `bill::commas` (AVX2 loads) and the reconcile table's
// huge-page advice (one `madvise`, issue 14).
#![deny(unsafe_code)]

/// WeChat Pay endpoints as values, and their wire types.
pub mod api;
/// Bill files: the streaming verified writer, the parser and the check of their totals.
pub mod bill;
/// Clap definitions only: what was typed.
pub mod cli;
/// One file per subcommand: resolve arguments, call the layers, return a view.
pub mod commands;
/// Profiles: locate, read, resolve; never writes.
pub mod config;
/// Error kinds → exit codes; the one place that prints errors and hints.
pub mod error;
/// Bounded reads of the files and stdin the tool takes in (config, keys, bodies, notifications).
pub mod input;
/// Money as exact integers: fen, fees, counts (one vocabulary for the API, bills and sandbox).
pub mod money;
/// Nonces and generated identifiers.
pub mod rand;
/// Tables, JSON and JSON lines: the only writer of stdout.
pub mod render;
/// The strict, signing, stateful local emulator of WeChat Pay APIv3 (`wxcombine sandbox`).
pub mod sandbox;
/// The pure signing core: messages, Authorization, verification, paySign, AES-GCM.
pub mod signing;
/// Sign → send → verify over reqwest: retries, backup host, downloads. The only reqwest user.
pub mod transport;
