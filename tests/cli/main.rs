//! The one integration test binary (ripgrep's layout): every test runs the real binary or the
//! library against fixtures copied into `tests/fixtures/`, with a cleared environment and a temp HOME.

mod support;

mod bill_support;

mod bill_cli;
mod bill_parse;
mod bill_sink;
mod config_errors;
mod generated;
mod help;
mod hosts;
mod notify;
mod sign_pay;
mod signing_vectors;
