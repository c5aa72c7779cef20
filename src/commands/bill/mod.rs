//! `bill …` (cli.md §4), one file per what it holds: `parse` reads a bill that is already here
//! (no profile, no network); `download` holds `bill fetch` and `bill download`, which share the
//! apply, the transfer and the verification.

pub mod download;
pub mod many;
pub mod parse;
pub mod profiles;
pub mod summary;
pub mod trade_bills;
