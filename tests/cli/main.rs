//! The one integration test binary (ripgrep's layout): every test runs the real binary or the
//! library against fixtures copied into `tests/fixtures/`, with a cleared environment and a temp HOME.

mod support;

mod bill_support;

mod bill_cli;
mod bill_parse;
mod bill_sink;
mod config_errors;
mod demo;
mod fuzz_regressions;
mod generated;
mod help;
mod hosts;
mod notify;
mod orders;
mod properties;
mod sandbox_auth;
mod sandbox_bills;
mod sandbox_cli;
mod sandbox_faults;
mod sandbox_notify;
mod sandbox_orders;
mod sandbox_support;
mod sign_pay;
mod signing_vectors;
