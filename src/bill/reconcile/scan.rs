//! The matching pass over a plain (not gzip) bill file (issue 14, item 4): its lines and the few
//! columns that matching compares, read straight from the file's bytes, while the full read of the
//! same file (every line's UTF-8, the six amounts, the summary line) runs on another thread. This
//! pass judges nothing about the file: a line it cannot read is left to the full read, which
//! names it, and whose error wins.

use std::fs::File;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use super::super::{BillReader, TradeField};
use super::{MCHID, NO, REFUND_NO, REFUND_STATUS, STATE, SUB_MCHID};
use crate::money::Fen;

/// The columns this pass reads, by their position in [`Layout::pos`]: the full read's (at the
/// same positions), then the amounts matching needs.
const COLUMNS: [TradeField; 9] = {
    let mut c = [TradeField::Total; 9];
    let mut i = 0;
    while i < super::COLUMNS.len() {
        c[i] = super::COLUMNS[i];
        i += 1;
    }
    c[SETTLEMENT_TOTAL] = TradeField::SettlementTotal;
    c[REFUND] = TradeField::Refund;
    c
};
const TOTAL: usize = 6;
const SETTLEMENT_TOTAL: usize = 7;
const REFUND: usize = 8;

/// Where the columns sit in a line, from the bill's header.
pub(super) struct Layout {
    pos: [Option<usize>; COLUMNS.len()],
    /// The last column needed: the rest of a line is not split.
    last: usize,
    /// The last of the columns every row needs (商户订单号, 交易状态, the merchant's two): the
    /// line up to its end is checked as UTF-8 once, instead of a check per field.
    head: usize,
}

impl Layout {
    pub(super) fn of<R: Read>(r: &BillReader<R>) -> Layout {
        let pos = COLUMNS.map(|f| r.trade_position(f));
        let last = pos.iter().flatten().copied().max().unwrap_or(0);
        let head = [NO, STATE, MCHID, SUB_MCHID]
            .iter()
            .filter_map(|&k| pos[k])
            .max()
            .unwrap_or(0);
        Layout { pos, last, head }
    }
}

/// One bill row as matching sees it.
pub(super) struct ScanRow<'a> {
    pub line: u64,
    pub out_trade_no: &'a str,
    /// Empty unless a refund row.
    pub out_refund_no: &'a str,
    pub refund: bool,
    /// 订单金额 (or 应结订单金额 where the bill lacks it), or 退款金额 of a refund row.
    pub amount: Fen,
    /// 交易状态, or 退款状态 of a refund row.
    pub state: &'a str,
    pub mchid: &'a str,
    pub sub_mchid: &'a str,
}

/// How the pass ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// Every record line up to the summary header was handed over.
    Done,
    /// A line this pass could not read (or the file could not be read): the full read names it.
    Left,
    /// `stop` was raised by the other thread.
    Stopped,
}

/// Bytes read at a time; a line longer than the full read accepts (1 MiB) does not fit, and is left
/// to it.
const BUF: usize = 2 << 20;

/// Rows handed over at a time: enough for their table lookups to overlap.
pub(super) const ROWS: usize = 32;

/// What one line is to this pass.
enum Line<'a> {
    /// The header, or a blank line.
    Skip,
    Row(ScanRow<'a>),
    /// The summary header: the records are over.
    Summary,
    /// Not readable here.
    Bad,
}

fn read_line<'a>(
    mut line: &'a [u8],
    line_no: u64,
    layout: &Layout,
    spans: &mut Vec<(usize, usize)>,
) -> Line<'a> {
    if let Some(l) = line.strip_suffix(b"\r") {
        line = l;
    }
    if line_no == 1 || line.is_empty() {
        return Line::Skip;
    }
    if line[0] != b'`' {
        return Line::Summary;
    }
    spans.clear();
    let mut from = 0;
    super::super::commas::for_each(line, |comma| {
        spans.push((from, comma));
        from = comma + 1;
        spans.len() <= layout.last
    });
    if spans.len() <= layout.last {
        spans.push((from, line.len()));
    }
    // The head of the line (through the last column every row needs) is checked once; a
    // column past it (an amount, a refund's two) on its own.
    let head = match spans.get(layout.head) {
        Some(&(_, end)) => std::str::from_utf8(&line[..end]).unwrap_or(""),
        None => "",
    };
    let get = |k: usize| -> Option<&'a str> {
        let Some(i) = layout.pos[k] else {
            return Some("");
        };
        let (a, b) = *spans.get(i)?;
        let a = if line.get(a) == Some(&b'`') { a + 1 } else { a };
        if b <= head.len() {
            // Commas and backticks are ASCII: `a` and `b` are on character boundaries.
            return head.get(a..b);
        }
        std::str::from_utf8(&line[a..b]).ok()
    };
    let Some(trade_state) = get(STATE) else {
        return Line::Bad;
    };
    let refund = trade_state == "REFUND";
    let amount = if refund {
        get(REFUND)
    } else if layout.pos[TOTAL].is_some() {
        get(TOTAL)
    } else {
        get(SETTLEMENT_TOTAL)
    };
    let amount = match amount {
        // The bill lacks the column: as with the full read, no amount is zero.
        Some("") => Fen::default(),
        Some(a) => match Fen::parse_yuan(a) {
            Ok(v) => v,
            Err(_) => return Line::Bad,
        },
        None => return Line::Bad,
    };
    let (Some(out_trade_no), Some(out_refund_no), Some(status), Some(mchid), Some(sub)) = (
        get(NO),
        if refund { get(REFUND_NO) } else { Some("") },
        if refund { get(REFUND_STATUS) } else { Some("") },
        get(MCHID),
        get(SUB_MCHID),
    ) else {
        return Line::Bad;
    };
    Line::Row(ScanRow {
        line: line_no,
        out_trade_no,
        out_refund_no,
        refund,
        amount,
        state: if refund { status } else { trade_state },
        mchid,
        sub_mchid: sub,
    })
}

/// Hand `each` every record line of the bill in `file`, in order and [`ROWS`] at a time, with
/// its line number counted as [`BillReader`] counts it (the header is line 1; blank lines count).
pub(super) fn scan<E>(
    mut file: File,
    layout: &Layout,
    stop: &AtomicBool,
    mut each: impl FnMut(&[ScanRow]) -> Result<(), E>,
) -> Result<Scan, E> {
    let mut buf = vec![0u8; BUF];
    let (mut start, mut end) = (0usize, 0usize);
    let mut eof = false;
    let mut line_no = 0u64;
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(layout.last + 1);
    loop {
        {
            // The whole lines in the buffer; at the end of the file, the last line without its
            // line ending too.
            let data = &buf[..end];
            let mut rows = Vec::with_capacity(ROWS);
            loop {
                let line = match memchr::memchr(b'\n', &data[start..]) {
                    Some(i) => {
                        let line = &data[start..start + i];
                        start += i + 1;
                        line
                    }
                    None if eof && start < end => {
                        let line = &data[start..];
                        start = end;
                        line
                    }
                    None => break,
                };
                line_no += 1;
                match read_line(line, line_no, layout, &mut spans) {
                    Line::Skip => {}
                    Line::Row(r) => {
                        rows.push(r);
                        if rows.len() == ROWS {
                            each(&rows)?;
                            rows.clear();
                            if stop.load(Ordering::Relaxed) {
                                return Ok(Scan::Stopped);
                            }
                        }
                    }
                    Line::Summary => {
                        each(&rows)?;
                        return Ok(Scan::Done);
                    }
                    Line::Bad => return Ok(Scan::Left),
                }
            }
            each(&rows)?;
        }
        if eof {
            // The end of the file before the summary header.
            return Ok(Scan::Left);
        }
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buf.len() {
            return Ok(Scan::Left);
        }
        match file.read(&mut buf[end..]) {
            Ok(0) => eof = true,
            Ok(n) => end += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(Scan::Left),
        }
    }
}
