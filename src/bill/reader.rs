//! The streaming bill parser: bytes (plain or gzip) in, typed records out, one line at a time;
//! the summary line kept aside for the check (apiv3.md §9). Never holds more than one line.

use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};

use flate2::read::MultiGzDecoder;
use serde::Serialize;

use super::check::{CheckReport, Totals, TradeAmounts};
use super::columns::{
    FundFlowRecord, FundFlowSummary, Layout, Table, TradeField, TradeRecord, TradeSummary,
    normalize_header,
};
use super::error::{BillError, Origin};
use crate::api::{BillKind, BillType};
use crate::money::{Fee, Fen};

/// The longest line we accept. Real lines are a few hundred bytes; the cap keeps memory flat on a
/// file that is not a bill (one huge line without a newline).
const MAX_LINE: u64 = 1 << 20;

/// `input.take(MAX_LINE + 1).read_until(b'\n', buf)`, with the `memchr` crate's search instead of
/// the standard library's (which was most of `read_until`'s cost on a bill's ~290-byte lines):
/// the bytes up to and with the next line end, at most `MAX_LINE + 1` of them; how many.
fn read_line_capped(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let cap = usize::try_from(MAX_LINE + 1).unwrap_or(usize::MAX);
    let mut n = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(n);
        }
        let (len, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let take = len.min(cap - n);
        buf.extend_from_slice(&available[..take]);
        input.consume(take);
        n += take;
        if (end && take == len) || n == cap {
            return Ok(n);
        }
    }
}

/// The read buffer of a plain bill.
const PLAIN_BUFFER: usize = 256 * 1024;

/// The UTF-8 byte-order mark every bill starts with (§9.1).
const BOM: &str = "\u{feff}";

/// The gzip magic bytes (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// One detail line of a bill.
// The trade variant is larger, but records are made one at a time and moved once: boxing would
// only add an allocation per line.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Record {
    Trade(TradeRecord),
    FundFlow(FundFlowRecord),
}

/// The summary line of a bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Summary {
    Trade(TradeSummary),
    FundFlow(FundFlowSummary),
}

/// The column layout of the detail lines, per kind.
#[derive(Debug)]
pub(crate) enum Detail {
    Trade(Layout<TradeRecord>),
    FundFlow(Layout<FundFlowRecord>),
}

/// The bytes after the two we peeked at for the gzip magic.
type Rest<R> = Chain<Cursor<Vec<u8>>, R>;

/// Plain or gunzipped input, read by lines.
enum Input<R: Read> {
    Plain(BufReader<Rest<R>>),
    Gzip(Box<BufReader<MultiGzDecoder<Rest<R>>>>),
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::Plain(r) => r.read(buf),
            Input::Gzip(r) => r.read(buf),
        }
    }
}

impl<R: Read> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Input::Plain(r) => r.fill_buf(),
            Input::Gzip(r) => r.fill_buf(),
        }
    }
    fn consume(&mut self, n: usize) {
        match self {
            Input::Plain(r) => r.consume(n),
            Input::Gzip(r) => r.consume(n),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Records,
    Done,
    Failed,
}

/// Reads a bill record by record.
///
/// ```no_run
/// # fn main() -> Result<(), wxcombine::bill::BillError> {
/// let file = std::fs::File::open("tradebill_2024-05-01_ALL.csv").unwrap();
/// let mut bill = wxcombine::bill::BillReader::new(file)?;
/// for record in &mut bill {
///     let record = record?;
///     // …
/// }
/// let report = bill.check()?; // the records add up to the summary line
/// # Ok(()) }
/// ```
pub struct BillReader<R: Read> {
    input: Input<R>,
    gzip: bool,
    origin: Origin,
    /// The number of the last line read (1-based, counted in the decompressed text).
    line: u64,
    kind: BillKind,
    trade_type: Option<BillType>,
    detail: Detail,
    summary: Option<Summary>,
    totals: Totals,
    state: State,
    /// The line being read, reused from line to line by [`BillReader::next_trade_line`].
    buf: Vec<u8>,
    /// The record line of the fast path, checked to be UTF-8 once; its allocation goes back to
    /// `buf` for the next line.
    text: String,
    /// Where each field of that line starts and ends in `text` (backtick dropped).
    spans: Vec<(usize, usize)>,
    /// For each [`TradeField`] (by its number), its position in the line, if the bill has it.
    trade_index: Vec<Option<usize>>,
}

fn not_utf8(line: u64, e: &std::str::Utf8Error) -> BillError {
    BillError::malformed(
        line,
        format!("not UTF-8 (at byte {} of the line)", e.valid_up_to() + 1),
    )
}

/// One trade record borrowed from the line just read: the fast path of `bill reconcile` (issue
/// 14), which reads a 1 GB bill without allocating per line. Its amount columns are parsed, and
/// added to the totals the summary check compares, exactly as a [`Record`]'s are.
pub struct TradeLine<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
    index: &'a [Option<usize>],
    /// The line number in the decompressed text.
    pub line: u64,
    pub amounts: TradeAmounts,
}

impl<'a> TradeLine<'a> {
    /// A column's text as written (backtick dropped), if the bill has the column.
    pub fn get(&self, field: TradeField) -> Option<&'a str> {
        let i = self.index.get(field as usize).copied().flatten()?;
        let (a, b) = *self.spans.get(i)?;
        self.text.get(a..b)
    }
}

impl<R: Read> BillReader<R> {
    /// Start reading a bill from a local file or stream: corrupt gzip is a bad file.
    pub fn new(input: R) -> Result<Self, BillError> {
        Self::with_origin(input, Origin::File)
    }

    /// Start reading, saying where the bytes come from (how a corrupt gzip stream is classified).
    /// Reads the header line and recognises the kind of bill.
    pub fn with_origin(mut input: R, origin: Origin) -> Result<Self, BillError> {
        // Peek at two bytes for the gzip magic, then put them back in front of the rest.
        let mut head = Vec::with_capacity(2);
        (&mut input)
            .take(2)
            .read_to_end(&mut head)
            .map_err(|source| BillError::Read { source })?;
        let gzip = head == GZIP_MAGIC;
        let rest = Cursor::new(head).chain(input);
        let input = if gzip {
            Input::Gzip(Box::new(BufReader::new(MultiGzDecoder::new(rest))))
        } else {
            // One buffer, large enough that a 1 GB bill takes few reads: callers hand in the
            // file itself, not a `BufReader` of their own (that would copy every byte twice).
            Input::Plain(BufReader::with_capacity(PLAIN_BUFFER, rest))
        };
        let mut reader = BillReader {
            input,
            gzip,
            origin,
            line: 0,
            kind: BillKind::Trade,
            trade_type: None,
            detail: Detail::Trade(Layout::new(Vec::new())),
            summary: None,
            totals: Totals::Trade(Default::default()),
            state: State::Records,
            buf: Vec::new(),
            text: String::new(),
            spans: Vec::new(),
            trade_index: Vec::new(),
        };
        reader.read_header()?;
        Ok(reader)
    }

    /// Line 1: the detail header, plain text without backticks (§9.1). The kind is recognised by
    /// its column names, so any column order works (§9.4).
    fn read_header(&mut self) -> Result<(), BillError> {
        let line = match self.read_line() {
            Ok(Some(line)) => line,
            Ok(None) => {
                return Err(BillError::NotABill {
                    reason: "the file is empty".into(),
                });
            }
            // A first line that is not text at all (an image, a spreadsheet, a bill re-saved as
            // GBK) says the file is not a bill: exit 2, not the damaged-bill exit 6 (issue 14).
            Err(BillError::Malformed { message, .. }) => {
                return Err(BillError::NotABill {
                    reason: format!("line 1: {message}"),
                });
            }
            Err(e) => return Err(e),
        };
        if line.starts_with('`') {
            return Err(BillError::NotABill {
                reason: "line 1 is a record, not a header line".into(),
            });
        }
        let names: Vec<String> = line.split(',').map(normalize_header).collect();
        let has = |n: &str| names.iter().any(|h| h == n);
        if has("记账时间") && has("收支类型") {
            self.kind = BillKind::FundFlow;
            self.detail = Detail::FundFlow(Layout::new(names));
            self.totals = Totals::FundFlow(Default::default());
        } else if has("交易时间") && has("商户订单号") {
            // REFUND bills add 退款申请时间/退款成功时间; ALL has the refund columns without them;
            // SUCCESS has no refund columns at all (§9.2).
            self.trade_type = Some(if has("退款申请时间") {
                BillType::Refund
            } else if has("微信退款单号") {
                BillType::All
            } else {
                BillType::Success
            });
            let layout = Layout::<TradeRecord>::new(names);
            self.trade_index = TradeRecord::COLUMNS
                .iter()
                .map(|c| layout.position(c.field))
                .collect();
            self.detail = Detail::Trade(layout);
        } else {
            let shown: String = line.chars().take(40).collect();
            return Err(BillError::NotABill {
                reason: format!(
                    "line 1 ({shown:?}) is neither a trade bill header (交易时间,…) nor a fund-flow \
                     bill header (记账时间,…)"
                ),
            });
        }
        Ok(())
    }

    pub fn kind(&self) -> BillKind {
        self.kind
    }

    /// ALL, SUCCESS or REFUND for a trade bill; `None` for a fund-flow bill (its account type is
    /// not written in the file).
    pub fn trade_type(&self) -> Option<BillType> {
        self.trade_type
    }

    /// Whether the input was gzip.
    pub fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// The header names of the detail lines, as written (full-width parentheses made ASCII).
    pub fn header(&self) -> &[String] {
        match &self.detail {
            Detail::Trade(l) => l.names(),
            Detail::FundFlow(l) => l.names(),
        }
    }

    /// The output keys of this bill's columns: the known ones in a fixed order, then the unknown
    /// ones under their header names (the CSV header).
    pub fn keys(&self) -> Vec<String> {
        match &self.detail {
            Detail::Trade(l) => l.keys(),
            Detail::FundFlow(l) => l.keys(),
        }
    }

    /// A record's values in the order of [`BillReader::keys`], as text (CSV).
    pub fn render(&self, record: &Record) -> Vec<String> {
        match (&self.detail, record) {
            (Detail::Trade(l), Record::Trade(r)) => l.render(r),
            (Detail::FundFlow(l), Record::FundFlow(r)) => l.render(r),
            _ => Vec::new(),
        }
    }

    /// The summary line, once the records have been read to the end.
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }

    /// The number of the last line read.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The number of detail records read so far.
    pub fn records_read(&self) -> u64 {
        self.totals.records()
    }

    /// Read any remaining records, then verify that the records add up to the summary line:
    /// the record count and every total whose column the bill has. A mismatch is
    /// [`BillError::Check`], naming each total with the expected and the computed value.
    pub fn check(&mut self) -> Result<CheckReport, BillError> {
        for record in self.by_ref() {
            record?;
        }
        match (self.state, &self.summary) {
            (State::Done, Some(summary)) => self.totals.verify(summary, &self.detail),
            _ => Err(BillError::malformed(
                self.line,
                "cannot check a bill that could not be read to its end",
            )),
        }
    }

    /// One physical line without its line ending (CRLF or LF) and, on line 1, without the BOM.
    fn read_line(&mut self) -> Result<Option<String>, BillError> {
        if !self.read_line_buf(true)? {
            return Ok(None);
        }
        let bytes = std::mem::take(&mut self.buf);
        // `read_line_buf` checked the bytes; this cannot fail, but it costs no `unsafe` either.
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| BillError::malformed(self.line, "not UTF-8"))
    }

    /// Read one physical line into `self.buf`, checked to be UTF-8 if `validate` (the fast path
    /// checks it once itself), without its line ending and, on line 1, without the BOM. `false` at
    /// the end of the input.
    fn read_line_buf(&mut self, validate: bool) -> Result<bool, BillError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let n = match read_line_capped(&mut self.input, &mut buf) {
            Ok(n) => n,
            Err(e) => return Err(self.io_error(e)),
        };
        if n == 0 {
            self.buf = buf;
            return Ok(false);
        }
        self.line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
        } else if n as u64 > MAX_LINE {
            return Err(BillError::malformed(
                self.line,
                format!("longer than {MAX_LINE} bytes; this is not a bill line"),
            ));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if validate && let Err(e) = std::str::from_utf8(&buf) {
            return Err(not_utf8(self.line, &e));
        }
        if self.line == 1 && buf.starts_with(BOM.as_bytes()) {
            buf.drain(..BOM.len());
        }
        self.buf = buf;
        Ok(true)
    }

    /// The next trade record without building a [`TradeRecord`]: the columns stay text in the
    /// line buffer, except the amounts the summary line totals. `None` after the summary line,
    /// which is then available to [`BillReader::check`] as with the iterator.
    pub fn next_trade_line(&mut self) -> Result<Option<TradeLine<'_>>, BillError> {
        if self.state != State::Records {
            return Ok(None);
        }
        if self.kind != BillKind::Trade {
            return Err(BillError::NotABill {
                reason: "a fund-flow bill where a trade bill is needed".into(),
            });
        }
        match self.step_trade() {
            Ok(Some(amounts)) => Ok(Some(TradeLine {
                text: &self.text,
                spans: &self.spans,
                index: &self.trade_index,
                line: self.line,
                amounts,
            })),
            Ok(None) => {
                self.state = State::Done;
                Ok(None)
            }
            Err(e) => {
                self.state = State::Failed;
                Err(e)
            }
        }
    }

    fn step_trade(&mut self) -> Result<Option<TradeAmounts>, BillError> {
        loop {
            if self.text.capacity() > self.buf.capacity() {
                self.buf = std::mem::take(&mut self.text).into_bytes();
            }
            if !self.read_line_buf(false)? {
                return Err(BillError::malformed(
                    self.line,
                    "the bill ends without its summary line; the file may be truncated",
                ));
            }
            if self.buf.is_empty() {
                continue;
            }
            // The one UTF-8 check of the line; the allocation moves, nothing is copied.
            self.text = String::from_utf8(std::mem::take(&mut self.buf))
                .map_err(|e| not_utf8(self.line, &e.utf8_error()))?;
            if !self.text.starts_with('`') {
                let header = std::mem::take(&mut self.text);
                self.summary_block(&header)?;
                return Ok(None);
            }
            // Split as `fields` does: a plain split is exact (§9.4), backticks dropped (§9.1).
            self.spans.clear();
            let bytes = self.text.as_bytes();
            let mut start = 0;
            let spans = &mut self.spans;
            let mut field = |end: usize| {
                let a = if bytes.get(start) == Some(&b'`') {
                    start + 1
                } else {
                    start
                };
                spans.push((a, end));
                start = end + 1;
                true
            };
            super::commas::for_each(bytes, &mut field);
            field(bytes.len());
            let expected = self.header().len();
            if self.spans.len() != expected {
                return Err(BillError::malformed(
                    self.line,
                    format!(
                        "{} fields where the header has {expected} (an unescaped comma in free text?)",
                        self.spans.len()
                    ),
                ));
            }
            let amounts = TradeAmounts {
                settlement_total: self.amount(TradeField::SettlementTotal, Fen::parse_yuan)?,
                refund: self.amount(TradeField::Refund, Fen::parse_yuan)?,
                recharge_refund: self.amount(TradeField::RechargeRefund, Fen::parse_yuan)?,
                fee: self.amount(TradeField::Fee, Fee::parse_yuan)?,
                total: self.amount(TradeField::Total, Fen::parse_yuan)?,
                apply_refund: self.amount(TradeField::ApplyRefund, Fen::parse_yuan)?,
            };
            self.totals.add_trade(&amounts).map_err(|key| {
                BillError::malformed(self.line, format!("the sum of {key} overflows"))
            })?;
            return Ok(Some(amounts));
        }
    }

    /// One amount column of the line in `buf`, parsed; the error names the column as
    /// [`Layout::fill`] does.
    #[inline]
    fn amount<T>(
        &self,
        field: TradeField,
        parse: impl Fn(&str) -> Result<T, super::AmountError>,
    ) -> Result<Option<T>, BillError> {
        let Some(i) = self.trade_index.get(field as usize).copied().flatten() else {
            return Ok(None);
        };
        let (a, b) = self.spans[i];
        let raw = self.text.get(a..b).unwrap_or_default();
        parse(raw).map(Some).map_err(|e| {
            let c = &TradeRecord::COLUMNS[field as usize];
            BillError::Malformed {
                line: self.line,
                column: Some(format!("{} ({})", c.header, c.key)),
                message: e.to_string(),
            }
        })
    }

    fn io_error(&self, source: io::Error) -> BillError {
        // The decoder reports a bad or cut-off stream as one of these; a failing disk or pipe
        // shows up as anything else.
        let corrupt = matches!(
            source.kind(),
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
        );
        if self.gzip && corrupt {
            BillError::Gzip {
                origin: self.origin,
                source,
            }
        } else {
            BillError::Read { source }
        }
    }

    /// Split a data line into its fields, dropping each field's leading backtick (§9.1). A literal
    /// comma in free text is escaped as `\ ` (§9.4), so a plain split is exact.
    fn fields<'a>(&self, line: &'a str, expected: usize) -> Result<Vec<&'a str>, BillError> {
        let fields: Vec<&str> = line
            .split(',')
            .map(|f| f.strip_prefix('`').unwrap_or(f))
            .collect();
        if fields.len() != expected {
            return Err(BillError::malformed(
                self.line,
                format!(
                    "{} fields where the header has {expected} (an unescaped comma in free text?)",
                    fields.len()
                ),
            ));
        }
        Ok(fields)
    }

    fn cell_error(&self, (column, e): (String, super::columns::CellError)) -> BillError {
        BillError::Malformed {
            line: self.line,
            column: Some(column),
            message: e.to_string(),
        }
    }

    fn record(&mut self, line: &str) -> Result<Record, BillError> {
        let record = match &self.detail {
            Detail::Trade(layout) => {
                let fields = self.fields(line, layout.names().len())?;
                Record::Trade(layout.fill(&fields).map_err(|e| self.cell_error(e))?)
            }
            Detail::FundFlow(layout) => {
                let fields = self.fields(line, layout.names().len())?;
                Record::FundFlow(layout.fill(&fields).map_err(|e| self.cell_error(e))?)
            }
        };
        self.totals.add(&record).map_err(|key| {
            BillError::malformed(self.line, format!("the sum of {key} overflows"))
        })?;
        Ok(record)
    }

    /// The summary header, the summary line, then nothing but blank lines (§9.1).
    fn summary_block(&mut self, header: &str) -> Result<(), BillError> {
        let names: Vec<String> = header.split(',').map(normalize_header).collect();
        let first = match self.kind {
            BillKind::Trade => "总交易单数",
            BillKind::FundFlow => "资金流水总笔数",
        };
        if !names.iter().any(|n| n == first) {
            return Err(BillError::malformed(
                self.line,
                format!(
                    "expected a record (fields starting with `) or the summary header ({first},…)"
                ),
            ));
        }
        let data = loop {
            match self.read_line()? {
                None => {
                    return Err(BillError::malformed(
                        self.line,
                        "the summary header is not followed by the summary line; the file may be \
                         truncated",
                    ));
                }
                Some(l) if l.is_empty() => continue,
                Some(l) => break l,
            }
        };
        let fields = self.fields(&data, names.len())?;
        let summary = match self.kind {
            BillKind::Trade => Summary::Trade(
                Layout::<TradeSummary>::new(names)
                    .fill(&fields)
                    .map_err(|e| self.cell_error(e))?,
            ),
            BillKind::FundFlow => Summary::FundFlow(
                Layout::<FundFlowSummary>::new(names)
                    .fill(&fields)
                    .map_err(|e| self.cell_error(e))?,
            ),
        };
        while let Some(l) = self.read_line()? {
            if !l.is_empty() {
                return Err(BillError::malformed(
                    self.line,
                    "unexpected content after the summary line",
                ));
            }
        }
        self.summary = Some(summary);
        Ok(())
    }

    fn step(&mut self) -> Result<Option<Record>, BillError> {
        loop {
            let Some(line) = self.read_line()? else {
                return Err(BillError::malformed(
                    self.line,
                    "the bill ends without its summary line; the file may be truncated",
                ));
            };
            if line.is_empty() {
                continue;
            }
            if line.starts_with('`') {
                return self.record(&line).map(Some);
            }
            self.summary_block(&line)?;
            return Ok(None);
        }
    }
}

/// Records in file order; after the last one the summary is available. The first error ends the
/// iteration.
impl<R: Read> Iterator for BillReader<R> {
    type Item = Result<Record, BillError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.state != State::Records {
            return None;
        }
        match self.step() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.state = State::Done;
                None
            }
            Err(e) => {
                self.state = State::Failed;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines read through a 7-byte buffer: every line crosses buffer ends.
    fn lines(text: &[u8]) -> Vec<(usize, Vec<u8>)> {
        let mut input = BufReader::with_capacity(7, text);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let n = read_line_capped(&mut input, &mut buf).unwrap();
            if n == 0 {
                return out;
            }
            assert_eq!(n, buf.len());
            out.push((n, buf));
        }
    }

    #[test]
    fn lines_across_buffer_ends_with_and_without_their_end() {
        let got = lines(b"first line\r\n\nthe third, longer than the buffer\nlast");
        let want: Vec<&[u8]> = vec![
            b"first line\r\n",
            b"\n",
            b"the third, longer than the buffer\n",
            b"last",
        ];
        assert_eq!(
            got.iter().map(|(_, l)| l.as_slice()).collect::<Vec<_>>(),
            want
        );
    }

    #[test]
    fn a_line_stops_at_the_cap() {
        let cap = usize::try_from(MAX_LINE + 1).unwrap();
        let mut text = vec![b'x'; cap + 10];
        text.push(b'\n');
        let mut input = BufReader::with_capacity(4096, text.as_slice());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut input, &mut buf).unwrap(), cap);
        assert!(!buf.contains(&b'\n'));
        // A line of exactly MAX_LINE bytes and its end fits.
        let mut text = vec![b'y'; cap - 1];
        text.push(b'\n');
        let mut input = BufReader::with_capacity(4096, text.as_slice());
        buf.clear();
        assert_eq!(read_line_capped(&mut input, &mut buf).unwrap(), cap);
        assert_eq!(buf.last(), Some(&b'\n'));
    }
}
