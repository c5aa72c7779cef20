//! Bill files (账单): the streaming verified writer for downloads (gunzip + SHA-1 + row count +
//! atomic rename, apiv3.md §8.3) and the streaming parser and check of their contents (§9). Pure of
//! the network and of stdout: bytes come from the caller, records go back to it.

mod check;
mod columns;
mod commas;
mod error;
mod reader;
pub mod reconcile;
mod sink;
pub mod summary;
mod writeback;

pub use crate::money::{AmountError, Count, Fee};
pub use check::{CheckReport, TradeAmounts};
pub use columns::{
    CellError, Direction, Extra, FundFlowField, FundFlowRecord, FundFlowSummary,
    FundFlowSummaryField, TradeField, TradeRecord, TradeSummary, TradeSummaryField,
};
pub use error::{BillError, Mismatch, Origin};
pub use reader::{BillReader, Record, Summary, TradeLine};
pub use sink::{
    BillSink, Commit, DEFAULT_MODE, Destination, Encoding, Inspected, PartFile, Stream, Written,
    gzip_path, inspect_file, parse_sha1_hex, sha1_of_file,
};
