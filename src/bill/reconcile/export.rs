//! The merchant's own records for `bill reconcile` (cli.md, issue 14 item 1): CSV with a header
//! or JSON lines (recognised by the first byte), columns found by name with `--map` renaming them,
//! amounts in fen (digits) or in 元 (with a decimal point). Read one record at a time; knows no
//! exit codes (the command makes every [`ExportError`] a usage error, exit 2).

use std::fmt;
use std::io::{BufRead, BufReader, Read};

use serde_json::Value;

use crate::money::Fen;

/// A field of a local record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    OutTradeNo,
    Amount,
    State,
    Mchid,
    SubMchid,
    OutRefundNo,
    RefundAmount,
    Time,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::OutTradeNo,
        Field::Amount,
        Field::State,
        Field::Mchid,
        Field::SubMchid,
        Field::OutRefundNo,
        Field::RefundAmount,
        Field::Time,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::OutTradeNo => "out_trade_no",
            Field::Amount => "amount",
            Field::State => "state",
            Field::Mchid => "mchid",
            Field::SubMchid => "sub_mchid",
            Field::OutRefundNo => "out_refund_no",
            Field::RefundAmount => "refund_amount",
            Field::Time => "time",
        }
    }

    pub fn from_name(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == s)
    }

    fn required(self) -> bool {
        matches!(self, Field::OutTradeNo | Field::Amount | Field::State)
    }
}

/// `--map FIELD=COLUMN,…`: the export's column (or JSON key) for each field; a field not named
/// is looked for under its own name.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap(Vec<(Field, String)>);

impl ColumnMap {
    /// Parse `--map` pairs. The contract's example is `out_trade_no=order_id` (our field on the
    /// left, the export's column on the right); the usage line reads `COLUMN=FIELD`, so a pair
    /// whose left side is not one of our fields but whose right side is, is read that way round.
    pub fn parse(pairs: &[String]) -> Result<ColumnMap, String> {
        let mut map = Vec::new();
        for pair in pairs.iter().flat_map(|p| p.split(',')) {
            let pair = pair.trim();
            if pair.is_empty() {
                continue;
            }
            let Some((a, b)) = pair.split_once('=') else {
                return Err(format!("--map {pair:?} is not FIELD=COLUMN"));
            };
            let (a, b) = (a.trim(), b.trim());
            let (field, column) = match (Field::from_name(a), Field::from_name(b)) {
                (Some(f), _) => (f, b),
                (None, Some(f)) => (f, a),
                (None, None) => {
                    return Err(format!(
                        "--map {pair:?}: neither side is a field of the export ({})",
                        Field::ALL.map(Field::name).join(", ")
                    ));
                }
            };
            if column.is_empty() {
                return Err(format!("--map {pair:?}: the column name is empty"));
            }
            if map.iter().any(|(f, _)| *f == field) {
                return Err(format!("--map names {} twice", field.name()));
            }
            map.push((field, column.to_string()));
        }
        Ok(ColumnMap(map))
    }

    fn column(&self, f: Field) -> &str {
        self.0
            .iter()
            .find(|(g, _)| *g == f)
            .map_or(f.name(), |(_, c)| c.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot read the orders export: {0}")]
    Read(#[source] std::io::Error),
    #[error("the orders export is empty; it needs a header line (CSV) or JSON lines")]
    Empty,
    #[error(
        "the orders export has no column {column:?} for {field}{}",
        mapped(field, column)
    )]
    MissingColumn { field: &'static str, column: String },
    #[error("row {row} (line {line}), column {column}: {message}")]
    Value {
        row: u64,
        line: u64,
        column: String,
        message: String,
    },
    #[error("row {row} (line {line}): {message}")]
    Row {
        row: u64,
        line: u64,
        message: String,
    },
}

fn mapped(field: &str, column: &str) -> String {
    if field == column {
        format!(" (rename a column with --map {field}=COLUMN)")
    } else {
        String::new()
    }
}

/// How the export writes an amount column: fixed by its first value, so that a later value in
/// the other notation is refused as ambiguous instead of being read 100 times too large or small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Fen,
    Yuan,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Fen => "fen (whole digits)",
            Unit::Yuan => "元 (with a decimal point)",
        })
    }
}

/// One local record, borrowed from the reader.
#[derive(Debug, Clone, Copy)]
pub struct Local<'a> {
    /// The data row (1-based, header not counted).
    pub row: u64,
    pub out_trade_no: &'a str,
    pub amount: Option<Fen>,
    pub state: &'a str,
    pub mchid: &'a str,
    pub sub_mchid: &'a str,
    /// Empty for a payment record.
    pub out_refund_no: &'a str,
    pub refund_amount: Option<Fen>,
}

impl<'a> Local<'a> {
    pub fn is_refund(&self) -> bool {
        !self.out_refund_no.is_empty() && self.out_refund_no != "0"
    }

    /// What the record is matched by and with: `(key, other number, amount)`, that is
    /// `(out_refund_no, out_trade_no, refund_amount)` for a refund and `(out_trade_no, "",
    /// amount)` for an order.
    pub fn keyed(&self) -> (&'a str, &'a str, Option<Fen>) {
        if self.is_refund() {
            (self.out_refund_no, self.out_trade_no, self.refund_amount)
        } else {
            (self.out_trade_no, "", self.amount)
        }
    }
}

enum Source {
    Csv {
        reader: Box<csv::Reader<Box<dyn Read>>>,
        record: csv::StringRecord,
        /// Position of each field (by `Field::ALL` order).
        pos: [Option<usize>; 8],
    },
    Jsonl {
        input: Box<dyn BufRead>,
        buf: String,
        value: Value,
        line: u64,
    },
}

/// The longest JSON line the export may hold: a record is a few hundred bytes.
const LINE_CAP: u64 = crate::input::MIB;

pub struct ExportReader {
    source: Source,
    /// The export's size in bytes, when it is a file.
    len: Option<u64>,
    map: ColumnMap,
    row: u64,
    units: [Option<(Unit, u64)>; 2],
}

impl ExportReader {
    /// Start reading; the first byte that is not whitespace says JSON lines (`{`) or CSV.
    pub fn new(input: Box<dyn Read>, map: ColumnMap) -> Result<ExportReader, ExportError> {
        let mut input = BufReader::with_capacity(256 * 1024, input);
        let first = loop {
            let buf = input.fill_buf().map_err(ExportError::Read)?;
            if buf.is_empty() {
                return Err(ExportError::Empty);
            }
            // A UTF-8 BOM (spreadsheets write one) and blank space before the first line.
            let skip = buf
                .iter()
                .take_while(|b| b.is_ascii_whitespace() || [0xef, 0xbb, 0xbf].contains(b))
                .count();
            if skip == 0 {
                break buf[0];
            }
            input.consume(skip);
        };
        let source = if first == b'{' {
            Source::Jsonl {
                input: Box::new(input),
                buf: String::new(),
                value: Value::Null,
                line: 0,
            }
        } else {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .from_reader(Box::new(input) as Box<dyn Read>);
            let headers = reader
                .headers()
                .map_err(|e| ExportError::Read(std::io::Error::other(e.to_string())))?
                .clone();
            let mut pos = [None; 8];
            for (i, f) in Field::ALL.into_iter().enumerate() {
                let want = map.column(f);
                pos[i] = headers
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(want));
                if pos[i].is_none() && f.required() {
                    return Err(ExportError::MissingColumn {
                        field: f.name(),
                        column: want.to_string(),
                    });
                }
            }
            Source::Csv {
                reader: Box::new(reader),
                record: csv::StringRecord::new(),
                pos,
            }
        };
        Ok(ExportReader {
            source,
            len: None,
            map,
            row: 0,
            units: [None, None],
        })
    }

    /// Say how many bytes the export has (a file's size), for [`ExportReader::records_hint`].
    pub fn with_len(mut self, len: Option<u64>) -> Self {
        self.len = len;
        self
    }

    /// How many records the whole export probably has, from its size and the records read so far
    /// (CSV only): a hint to size the table that holds them.
    pub fn records_hint(&self) -> Option<u64> {
        let Source::Csv { record, .. } = &self.source else {
            return None;
        };
        let at = record.position()?.byte();
        if self.row == 0 || at == 0 {
            return None;
        }
        let left = self.len?.saturating_sub(at);
        Some(self.row + left.saturating_mul(self.row) / at + 1)
    }

    /// The next record, `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<Local<'_>>, ExportError> {
        let row = self.row + 1;
        let line = match &mut self.source {
            Source::Csv { reader, record, .. } => {
                let more = reader.read_record(record).map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => ExportError::Row {
                            row,
                            line,
                            message: "not UTF-8".into(),
                        },
                        _ => ExportError::Read(std::io::Error::other(e.to_string())),
                    }
                })?;
                if !more {
                    return Ok(None);
                }
                record.position().map_or(0, |p| p.line())
            }
            Source::Jsonl {
                input,
                buf,
                value,
                line,
            } => loop {
                buf.clear();
                // One record per line: a line is read with a bound, so an endless line on stdin
                // stops at the cap instead of growing without end (issue 11's bounded inputs).
                let n = std::io::Read::take(&mut *input, LINE_CAP + 1)
                    .read_line(buf)
                    .map_err(|e| {
                        if e.kind() == std::io::ErrorKind::InvalidData {
                            ExportError::Row {
                                row,
                                line: *line + 1,
                                message: "not UTF-8".into(),
                            }
                        } else {
                            ExportError::Read(e)
                        }
                    })?;
                if n == 0 {
                    return Ok(None);
                }
                *line += 1;
                if n as u64 > LINE_CAP {
                    return Err(ExportError::Row {
                        row,
                        line: *line,
                        message: format!(
                            "longer than {} MiB; one record per line",
                            LINE_CAP / crate::input::MIB
                        ),
                    });
                }
                if buf.trim().is_empty() {
                    continue;
                }
                *value = serde_json::from_str(buf).map_err(|e| ExportError::Row {
                    row,
                    line: *line,
                    message: format!("not a JSON object ({e})"),
                })?;
                let Some(object) = value.as_object_mut() else {
                    return Err(ExportError::Row {
                        row,
                        line: *line,
                        message: "not a JSON object".into(),
                    });
                };
                // A number is read from its text, as in a CSV: `1250` is fen, `12.5` is 元.
                for v in object.values_mut() {
                    if let Value::Number(n) = v {
                        *v = Value::String(n.to_string());
                    }
                }
                break *line;
            },
        };
        self.row = row;
        let is_refund = self
            .text(Field::OutRefundNo, row, line)?
            .is_some_and(|s| !s.is_empty() && s != "0");
        let amount = match self.text(Field::Amount, row, line)? {
            None | Some("") if is_refund => None,
            raw => Some(self.amount(Field::Amount, raw.unwrap_or(""), row, line)?),
        };
        // The first value of each amount column sets its unit (fen or 元) for the rest.
        let amount = amount
            .map(|(v, unit)| {
                self.same_unit(Field::Amount, 0, unit, row, line)
                    .map(|()| v)
            })
            .transpose()?;
        let refund_amount = match self.text(Field::RefundAmount, row, line)? {
            None | Some("") if !is_refund => None,
            None | Some("") => {
                return Err(self.value_error(
                    Field::RefundAmount,
                    row,
                    line,
                    "empty; a refund record (with out_refund_no) needs its refund amount".into(),
                ));
            }
            Some(raw) => Some(self.amount(Field::RefundAmount, raw, row, line)?),
        };
        let refund_amount = refund_amount
            .map(|(v, unit)| {
                self.same_unit(Field::RefundAmount, 1, unit, row, line)
                    .map(|()| v)
            })
            .transpose()?;
        for f in [Field::OutTradeNo, Field::State] {
            if self.text(f, row, line)?.is_none_or(str::is_empty) {
                return Err(self.value_error(f, row, line, "empty".into()));
            }
        }
        let me = &*self;
        let get = |f: Field| me.text(f, row, line).map(Option::unwrap_or_default);
        Ok(Some(Local {
            row,
            out_trade_no: get(Field::OutTradeNo)?,
            amount,
            state: get(Field::State)?,
            mchid: get(Field::Mchid)?,
            sub_mchid: get(Field::SubMchid)?,
            out_refund_no: get(Field::OutRefundNo)?,
            refund_amount,
        }))
    }

    fn column_name(&self, f: Field) -> String {
        let c = self.map.column(f);
        if c == f.name() {
            c.to_string()
        } else {
            format!("{c} ({})", f.name())
        }
    }

    fn value_error(&self, f: Field, row: u64, line: u64, message: String) -> ExportError {
        ExportError::Value {
            row,
            line,
            column: self.column_name(f),
            message,
        }
    }

    /// A field's text, trimmed. JSON numbers were turned into their text when the line was read;
    /// other JSON types are refused.
    fn text(&self, f: Field, row: u64, line: u64) -> Result<Option<&str>, ExportError> {
        let i = Field::ALL.iter().position(|g| *g == f).unwrap_or(0);
        match &self.source {
            Source::Csv { record, pos, .. } => Ok(pos[i].and_then(|p| record.get(p)).map(trim)),
            Source::Jsonl { value, .. } => match value.get(self.map.column(f)) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(trim(s))),
                Some(other) => {
                    let kind = match other {
                        Value::Bool(_) => "true/false",
                        Value::Array(_) => "an array",
                        _ => "an object",
                    };
                    Err(self.value_error(f, row, line, format!("{kind} where text is expected")))
                }
            },
        }
    }

    /// Fen as digits, or 元 with a decimal point and at most two decimals. Anything else — a
    /// sign, a thousands separator, a currency sign, three decimals — or a notation other than
    /// the column's first value's, is refused as ambiguous, naming the row and column.
    fn amount(&self, f: Field, raw: &str, row: u64, line: u64) -> Result<(Fen, Unit), ExportError> {
        let fail = |me: &Self, m: String| Err(me.value_error(f, row, line, m));
        if raw.is_empty() {
            return fail(self, "empty where an amount is expected".into());
        }
        let unit = if raw.as_bytes().contains(&b'.') {
            Unit::Yuan
        } else {
            Unit::Fen
        };
        let value = match unit {
            Unit::Fen if raw.bytes().all(|b| b.is_ascii_digit()) => raw.parse::<i64>().ok(),
            Unit::Fen => None,
            Unit::Yuan => match Fen::parse_yuan(raw) {
                Ok(v) => Some(v.0),
                Err(crate::bill::AmountError::TooManyDecimals { .. }) => {
                    return fail(
                        self,
                        format!(
                            "{raw:?} has more than 2 decimals; amounts are fen (digits) or 元 with at most 2 decimals"
                        ),
                    );
                }
                Err(_) => None,
            },
        };
        let Some(value) = value else {
            return fail(
                self,
                format!(
                    "{raw:?} is ambiguous; write fen as digits (1250) or 元 with a decimal point (12.50), without sign, separators or currency"
                ),
            );
        };
        Ok((Fen(value), unit))
    }

    /// An amount column's values keep the unit of its first value; `slot` is the column's.
    fn same_unit(
        &mut self,
        f: Field,
        slot: usize,
        unit: Unit,
        row: u64,
        line: u64,
    ) -> Result<(), ExportError> {
        match self.units[slot] {
            None => self.units[slot] = Some((unit, row)),
            Some((first, first_row)) if first != unit => {
                let raw = self.text(f, row, line)?.unwrap_or_default();
                return Err(self.value_error(
                    f,
                    row,
                    line,
                    format!(
                        "{raw:?} is in {unit} but row {first_row} gave {first}; the unit is ambiguous"
                    ),
                ));
            }
            Some(_) => {}
        }
        Ok(())
    }
}

/// `str::trim`, without its search for Unicode white space when both ends are visible ASCII, as
/// in nearly every field (issue 14 item 4: the search was 3 % of a reconciliation).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_json_line_stops_at_its_cap_naming_the_line() {
        let mut text = String::from(
            "{\"out_trade_no\":\"A1\",\"amount\":100,\"state\":\"SUCCESS\"}\n{\"x\":\"",
        );
        text.push_str(&"a".repeat((2 * crate::input::MIB) as usize));
        let mut r =
            ExportReader::new(Box::new(std::io::Cursor::new(text)), ColumnMap::default()).unwrap();
        assert!(r.next_record().unwrap().is_some());
        let err = match r.next_record() {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a 2 MiB line was read"),
        };
        assert!(
            err.contains("line 2") && err.contains("longer than 1 MiB"),
            "{err}"
        );
    }
}
