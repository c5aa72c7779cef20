//! Output: tables, JSON and JSON lines on stdout; banner, notices and warnings on stderr.
//!
//! The only module that writes to stdout (style rule 8, uv `printer.rs`). Commands hand it views.
//! Human-readable output passes through [`escape`] on its way out: table cells, tables, notices and
//! warnings may carry outside text (issue 11).

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};

mod escape;
pub use escape::{escape, escape_lines, is_unsafe};

use comfy_table::{Cell, ContentArrangement, Table, presets};

/// `-o table|json|jsonl` (cli.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Jsonl,
}

impl Format {
    pub fn is_json(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl)
    }
}

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What a command produced, in both forms (style rule 9: JSON and table cannot disagree because
/// both come from one value).
pub trait View {
    /// The JSON document for `-o json`, compact, without a trailing newline.
    fn json(&self) -> String;
    /// The lines for `-o jsonl`; by default the same document on one line.
    fn jsonl(&self) -> Vec<String> {
        vec![self.json()]
    }
    /// The human form for `-o table`, ending in a newline (or empty).
    fn table(&self) -> String;
}

/// One row of a [`ListView`]: its JSON object and its table cells.
pub trait ListRow {
    fn json(&self) -> serde_json::Value;
    fn cells(&self) -> Vec<String>;
}

/// Rows printed as one JSON array (`-o json`), one object per line (`-o jsonl`), or a table
/// under `header` (one cell per column, in order).
pub struct ListView<R> {
    pub header: &'static [&'static str],
    pub rows: Vec<R>,
}

impl<R: ListRow> View for ListView<R> {
    fn json(&self) -> String {
        to_json(&self.rows.iter().map(R::json).collect::<Vec<_>>())
    }
    fn jsonl(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.json().to_string()).collect()
    }
    fn table(&self) -> String {
        list_table(self.header, self.rows.iter().map(R::cells).collect())
    }
}

/// A view with nothing to print (streaming commands print as they go).
pub struct Nothing;

impl View for Nothing {
    fn json(&self) -> String {
        String::new()
    }
    fn jsonl(&self) -> Vec<String> {
        Vec::new()
    }
    fn table(&self) -> String {
        String::new()
    }
}

/// Serialize a value compactly; our views only hold plain data, so this cannot fail.
pub fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("views serialise to JSON")
}

pub struct Printer {
    pub format: Format,
    pub quiet: bool,
    pub progress: bool,
    pub color: bool,
}

impl Printer {
    pub fn new(format: Format, quiet: bool, no_progress: bool, color: ColorChoice) -> Self {
        let stderr_tty = std::io::stderr().is_terminal();
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stderr_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Printer {
            format,
            quiet,
            progress: !quiet && !no_progress && stderr_tty,
            color,
        }
    }

    /// Write a view to stdout in the chosen format.
    pub fn emit(&self, view: &dyn View) -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        match self.format {
            Format::Table => {
                // Cells are escaped where tables are built; this pass catches outside text that a
                // view put into a line of its own (notification ids, summaries).
                let t = view.table();
                out.write_all(escape_lines(&t).as_bytes())?;
            }
            Format::Json => {
                let j = view.json();
                if !j.is_empty() {
                    writeln!(out, "{j}")?;
                }
            }
            Format::Jsonl => {
                for line in view.jsonl() {
                    writeln!(out, "{line}")?;
                }
            }
        }
        out.flush()
    }

    /// One streamed JSON line (for `-o jsonl` batches), flushed at once.
    pub fn emit_line(&self, line: &str) -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "{line}")?;
        out.flush()
    }

    /// Buffered stdout for output written as it is produced (bill records as JSON lines, JSON or
    /// CSV): nothing is held beyond the buffer, whatever the number of records.
    pub fn stream(&self) -> StreamOut {
        StreamOut {
            out: BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
        }
    }

    /// Raw bytes to stdout (bill contents for `--out -`).
    pub fn stdout_raw(&self) -> std::io::Stdout {
        std::io::stdout()
    }

    /// `▸ profile shop · production · mchid 1900000109` (issue 2), silenced by `-q`.
    pub fn banner(&self, profile: &str, env: &str, mchid: &str) {
        if !self.quiet {
            let (dim, reset) = if self.color {
                ("\x1b[2m", "\x1b[0m")
            } else {
                ("", "")
            };
            eprintln!("{dim}▸ profile {profile} · {env} · mchid {mchid}{reset}");
        }
    }

    /// A warning: shown even with `-q`, because it is about the user's secrets or data.
    pub fn warn(&self, msg: &str) {
        let (y, reset) = if self.color {
            ("\x1b[1;33m", "\x1b[0m")
        } else {
            ("", "")
        };
        eprintln!("{y}warning:{reset} {msg}");
    }

    /// Progress-like information for people; silenced by `-q`.
    pub fn notice(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", escape_lines(msg));
        }
    }

    /// Text the user asked for on stderr (`--explain`, `--dry-run` details): not silenced.
    pub fn info(&self, msg: &str) {
        eprintln!("{}", escape_lines(msg));
    }
}

/// Streamed stdout from [`Printer::stream`]. Call [`StreamOut::finish`] to flush and see the error.
pub struct StreamOut {
    out: BufWriter<StdoutLock<'static>>,
}

impl StreamOut {
    /// One line of text (a JSON line).
    pub fn line(&mut self, line: &str) -> std::io::Result<()> {
        self.out.write_all(line.as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// Flush everything written so far.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl Write for StreamOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A two-column key/value table. Values are escaped: most come from WeChat Pay.
pub fn kv_table(rows: &[(&str, String)]) -> String {
    let mut t = Table::new();
    *t.style_mut() = presets::NOTHING;
    t.set_content_arrangement(ContentArrangement::Disabled);
    for (k, v) in rows {
        t.add_row(vec![Cell::new(k), Cell::new(escape(v))]);
    }
    finish(t)
}

/// A table with a header row. Cells are escaped before the widths are measured, so a cell with a
/// line break stays one line and the columns stay aligned.
pub fn list_table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    *t.style_mut() = presets::NOTHING;
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(header.iter().map(Cell::new));
    for r in rows {
        t.add_row(r.iter().map(|c| Cell::new(escape(c))));
    }
    finish(t)
}

fn finish(t: Table) -> String {
    // comfy-table pads every line with a leading space in the NOTHING preset; trim trailing spaces
    // so snapshots and copy-paste stay clean.
    let mut s: String = t
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(&l).trim_end().to_string() + "\n")
        .collect();
    if s.is_empty() {
        s.push('\n');
    }
    s
}

impl Printer {
    /// A progress bar on stderr, only when stderr is a terminal and progress is wanted.
    pub fn progress_bar(&self, len: u64, what: &str) -> Option<indicatif::ProgressBar> {
        if !self.progress {
            return None;
        }
        let pb = indicatif::ProgressBar::new(len);
        pb.set_style(count_style());
        pb.set_message(what.to_string());
        Some(pb)
    }

    /// A byte-count progress bar (downloads). Without a length yet it is a spinner with the bytes
    /// and the rate; [`set_bytes_total`] turns it into a bar that fills as the bytes arrive.
    pub fn bytes_bar(&self, len: Option<u64>, what: &str) -> Option<indicatif::ProgressBar> {
        if !self.progress {
            return None;
        }
        let pb = indicatif::ProgressBar::new_spinner();
        match len {
            Some(n) => set_bytes_total(&pb, n),
            None => pb.set_style(bytes_spinner_style()),
        }
        pb.set_message(what.to_string());
        Some(pb)
    }

    /// Ask for a value on a terminal (`profile init`); `None` when stdin or stderr is not one.
    /// What is typed is echoed, so this is only ever used for names, ids and paths, never for a
    /// secret.
    pub fn ask(&self, question: &str) -> std::io::Result<Option<String>> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Ok(None);
        }
        eprint!("{question}: ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer)? == 0 {
            // End of input (Ctrl-D): no more answers, as off a terminal.
            return Ok(None);
        }
        Ok(Some(answer.trim_end_matches(['\n', '\r']).to_string()))
    }

    /// Ask a yes/no question on a terminal. Without one (scripts, cron), the answer is yes:
    /// cli.md asks for confirmation "on a terminal".
    pub fn confirm(&self, question: &str) -> std::io::Result<bool> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Ok(true);
        }
        eprint!("{question} [y/N] ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
    }
}

// ---- progress styles (issue 15, item 10) -------------------------------------------------------

/// Items per second as a person reads it: whole above 10 (`661/s`, not indicatif's
/// `661.2742/s`), one decimal below (`0.5/s`), `0/s` before there is a rate.
pub fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "0/s".to_string()
    } else if per_sec >= 10.0 {
        format!("{per_sec:.0}/s")
    } else {
        format!("{per_sec:.1}/s")
    }
}

/// Bytes per second in binary units with one decimal (`512 B/s`, `1.2 MiB/s`).
pub fn byte_rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        return "0 B/s".to_string();
    }
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if per_sec < 1024.0 {
        return format!("{per_sec:.0} B/s");
    }
    let mut v = per_sec / 1024.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    format!("{v:.1} {unit}/s")
}

fn with_rates(style: indicatif::ProgressStyle) -> indicatif::ProgressStyle {
    style
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate(s.per_sec()));
            },
        )
        .with_key(
            "byte_rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&byte_rate(s.per_sec()));
            },
        )
}

fn count_style() -> indicatif::ProgressStyle {
    with_rates(
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({rate}, eta {eta})")
            .expect("a valid template"),
    )
}

fn bytes_spinner_style() -> indicatif::ProgressStyle {
    with_rates(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {bytes} ({byte_rate})")
            .expect("a valid template"),
    )
}

/// The total size of a byte transfer, once the answer's headers declare it: from here on the bar
/// fills as the bytes arrive (issue 15, item 10: a bar without a length stayed empty until the
/// transfer was over).
pub fn set_bytes_total(pb: &indicatif::ProgressBar, len: u64) {
    pb.set_length(len);
    pb.set_style(with_rates(
        indicatif::ProgressStyle::with_template(
            "{msg} {bar:30} {bytes}/{total_bytes} ({byte_rate}, eta {eta})",
        )
        .expect("a valid template"),
    ));
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn rates_are_rounded_for_people() {
        assert_eq!(rate(661.2742), "661/s");
        assert_eq!(rate(10.0), "10/s");
        assert_eq!(rate(0.54), "0.5/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
        assert_eq!(rate(f64::INFINITY), "0/s");
        assert_eq!(byte_rate(512.4), "512 B/s");
        assert_eq!(byte_rate(1536.0), "1.5 KiB/s");
        assert_eq!(byte_rate(1.25 * 1024.0 * 1024.0), "1.2 MiB/s");
        assert_eq!(byte_rate(3.0 * 1024.0 * 1024.0 * 1024.0), "3.0 GiB/s");
    }

    #[test]
    fn a_byte_bar_gets_its_length_when_the_size_is_known() {
        let pb = indicatif::ProgressBar::hidden();
        pb.set_style(bytes_spinner_style());
        assert_eq!(pb.length(), None);
        set_bytes_total(&pb, 1000);
        pb.inc(250);
        assert_eq!(pb.length(), Some(1000));
        assert_eq!(pb.position(), 250);
    }
}
