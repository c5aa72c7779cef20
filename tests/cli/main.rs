//! The one integration test binary (ripgrep's layout): every test runs the real binary or the
//! library against fixtures copied into `tests/fixtures/`, with a cleared environment and a temp HOME.

mod support;

mod bill_support;
mod hostile;
mod notify_support;

mod bill_cli;
mod bill_parse;
mod bill_sink;
mod bills;
mod certs;
mod config_errors;
mod crash;
mod demo;
mod edges;
mod fuzz_regressions;
mod generated;
mod help;
mod hosts;
mod mixed;
mod notify;
mod notify_listen;
mod notify_sandbox;
mod orders;
mod properties;
mod refund_fake;
mod refunds;
mod sandbox_auth;
mod sandbox_bills;
mod sandbox_cli;
mod sandbox_faults;
mod sandbox_notify;
mod sandbox_orders;
mod sandbox_support;
mod secrets;
mod service_provider;
mod sign_pay;
mod signing_vectors;
mod trust;
mod trust_data;
