//! The one integration test binary (ripgrep's layout): every test runs the real binary or the
//! library against fixtures copied into `tests/fixtures/`, with a cleared environment and a temp HOME.

mod harness;

mod bills;
mod cli;
mod fuzz;
mod notify;
mod orders;
mod refunds;
mod sandbox;
mod signing;
mod trust;
