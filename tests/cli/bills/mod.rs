//! `bill parse`, the bill parser and writer, and `bill fetch|download` against the sandbox.

mod download;
mod parse_cli;
mod parser;
mod reconcile;
mod sink;
mod summary;
