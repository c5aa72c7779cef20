//! `bill parse`, the bill parser and writer, and `bill fetch|download` against the sandbox.

mod download;
mod many;
mod mode;
mod parse_cli;
mod parser;
mod profiles;
mod reconcile;
mod sink;
mod summary;
