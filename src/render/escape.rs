//! Outside text made safe for a terminal (issue 11): WeChat Pay's `message`, an HTML error page
//! from a proxy, bill cells, notification fields. Error bodies are unsigned, so anyone on the path
//! writes them; printed raw, `ESC ] 0 ; … BEL` retitles the terminal, `ESC [ 2 J` clears it, and a
//! right-to-left override (U+202E) makes `…exe.txt` read as `…txt.exe`.
//!
//! Escaped: every C0 control (none excepted), DEL, the C1 controls U+0080–U+009F, the bidi
//! embedding/override/isolate marks and the line/paragraph separators. Everything else passes,
//! Chinese text included. The notation is JSON's (`\n`, `\t`, `\r`, `\u001b`), the same the
//! `-o json` error line already uses, so one value reads alike in both.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as is.
pub fn is_unsafe(c: char) -> bool {
    // `is_control` is exactly C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F).
    c.is_control()
        || matches!(
            c,
            '\u{061C}'              // ARABIC LETTER MARK
            | '\u{200E}' | '\u{200F}' // LRM, RLM
            | '\u{202A}'..='\u{202E}' // LRE, RLE, PDF, LRO, RLO
            | '\u{2066}'..='\u{2069}' // LRI, RLI, FSI, PDI
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
        )
}

/// `s` with every unsafe character escaped, line breaks included: for one line of outside text
/// (a table cell, a server's `message`, a header value).
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

/// Like [`escape`], but `\n` is kept: for text of several lines that we composed ourselves and
/// that may carry outside text within a line (a rendered table, a multi-line report).
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c != '\n' && is_unsafe(c))
}

fn escape_where(s: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !unsafe_char(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_escaped_and_chinese_text_is_kept() {
        assert_eq!(
            escape("\u{1b}]0;pwned\u{7}参数错误\u{1b}[2J"),
            "\\u001b]0;pwned\\u0007参数错误\\u001b[2J"
        );
        assert_eq!(escape("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(
            escape("\u{7f}\u{80}\u{9b}\u{9f}"),
            "\\u007f\\u0080\\u009b\\u009f"
        );
        assert_eq!(escape("gpj.\u{202e}exe"), "gpj.\\u202eexe");
        assert_eq!(
            escape("\u{2066}x\u{2069}\u{2028}"),
            "\\u2066x\\u2069\\u2028"
        );
        // Ordinary text, full-width punctuation and U+00A0 onwards pass untouched, unallocated.
        let plain = "订单不存在（ORDER_NOT_EXIST）：请检查 — ok\u{a0}é";
        assert!(matches!(escape(plain), Cow::Borrowed(_)));
        assert_eq!(escape(plain), plain);
    }

    #[test]
    fn escape_lines_keeps_only_the_line_breaks() {
        assert_eq!(
            escape_lines("one\ntwo\u{1b}[31m\r\n"),
            "one\ntwo\\u001b[31m\\r\n"
        );
    }

    #[test]
    fn the_notation_is_the_json_error_lines() {
        for s in ["\u{1b}", "\u{0}", "\u{1f}", "\n", "\t", "\r"] {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(format!("\"{}\"", escape(s)), json, "{s:?}");
        }
    }
}
