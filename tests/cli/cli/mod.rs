//! The command line itself: help, generated completions and man pages, config errors, demo.

mod completion;
mod config_errors;
mod dates_listen;
mod demo;
mod generated;
mod help;
mod man;
mod polish;
mod profile_init;
mod readme;
