//! The SIGN_ERROR doctor (issue 4): when WeChat Pay refuses a signature and says what message it
//! rebuilt (`detail.sign_information`, apiv3.md §10.1), compare it with ours line by line and name
//! the likely cause.

use serde_json::Value;

const LINE_NAMES: [&str; 5] = ["HTTP method", "canonical URL", "timestamp", "nonce", "body"];

fn show(s: &str) -> String {
    let mut out: String = s.chars().take(120).collect();
    if s.chars().count() > 120 {
        out.push('…');
    }
    format!("{out:?}")
}

/// `sign_information` may sit in `detail` or in `detail.detail` (both shapes are observed, §10.1).
fn sign_information(detail: &Value) -> Option<&Value> {
    detail
        .get("sign_information")
        .or_else(|| detail.get("detail")?.get("sign_information"))
}

/// A multi-line diagnosis, or `None` when the error carries no `sign_information`.
pub fn diagnose(ours: &[u8], detail: &Value) -> Option<String> {
    let info = sign_information(detail)?;
    let theirs = info.get("truncated_sign_message")?.as_str()?;
    let their_len = info.get("sign_message_length").and_then(Value::as_u64);
    let ours_text = String::from_utf8_lossy(ours);
    let mut out =
        String::from("SIGN_ERROR doctor: our signed message vs the one WeChat Pay rebuilt\n");
    out.push_str(&format!(
        "  ours   ({} bytes): {}\n",
        ours.len(),
        show(&ours_text)
    ));
    out.push_str(&format!(
        "  theirs ({} bytes, truncated): {}\n",
        their_len
            .map(|n| n.to_string())
            .unwrap_or_else(|| "?".into()),
        show(theirs)
    ));

    let our_lines: Vec<&str> = ours_text.split('\n').collect();
    let their_lines: Vec<&str> = theirs.split('\n').collect();
    let mut first_diff = None;
    for (i, t) in their_lines.iter().enumerate().take(5) {
        let o = our_lines.get(i).copied().unwrap_or("");
        // The server truncates the body line: a prefix of ours is not a difference.
        let truncated_last = i == their_lines.len() - 1 && o.starts_with(t);
        if *t != o && !truncated_last {
            first_diff = Some((i, o, *t));
            break;
        }
    }
    let cause = match first_diff {
        Some((i, o, t)) => {
            out.push_str(&format!(
                "  first difference: line {} ({}): ours {}, theirs {}\n",
                i + 1,
                LINE_NAMES.get(i).unwrap_or(&"?"),
                show(o),
                show(t)
            ));
            match i {
                0 => "the HTTP method sent differs from the one signed".to_string(),
                1 if o.split('?').next() == t.split('?').next() => {
                    "the query string as sent differs from the one signed (percent-encoding or parameter order): sign the exact bytes of the URL".to_string()
                }
                1 => "the path as sent differs from the one signed (a proxy or base_url prefix rewrote it?)".to_string(),
                2 | 3 => "the Authorization timestamp/nonce differ from the signed ones".to_string(),
                _ if t.trim_end() == o.trim_end() => "a trailing newline differs between the signed and the sent body".to_string(),
                _ => "the body was re-serialised after signing: sign exactly the bytes you send".to_string(),
            }
        }
        None => match their_len {
            Some(n) if n as usize == ours.len() + 1 => {
                "the sent body has one byte more than the signed one: a trailing newline added after signing".to_string()
            }
            Some(n) if n as usize != ours.len() => format!(
                "the message lengths differ ({} signed, {n} received): the body was changed after signing",
                ours.len()
            ),
            _ => "the messages match, so the signature itself is wrong: private_key_file does not belong to serial_no, or the certificate was replaced (wrong serial)".to_string(),
        },
    };
    out.push_str(&format!("  likely cause: {cause}"));
    Some(out)
}

/// WeChat Pay's 401 for a skewed Authorization timestamp (§1.2).
pub fn is_clock_skew(message: &str) -> bool {
    message.contains("timestamp") && message.contains("5分钟")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detail(theirs: &str, len: usize) -> Value {
        json!({"field":"signature","issue":"sign not match","location":"authorization",
               "sign_information":{"method":"POST","url":"/v3/x","truncated_sign_message":theirs,"sign_message_length":len}})
    }

    #[test]
    fn names_a_reserialised_body() {
        let ours = b"POST\n/v3/x\n1\nN\n{\"a\":1}\n";
        let d = diagnose(ours, &detail("POST\n/v3/x\n1\nN\n{\"a\": 1\n", 26)).unwrap();
        assert!(
            d.contains("line 5 (body)") && d.contains("re-serialised"),
            "{d}"
        );
    }

    #[test]
    fn names_a_query_string_difference() {
        let ours = b"GET\n/v3/x?a=b c\n1\nN\n\n";
        let d = diagnose(ours, &detail("GET\n/v3/x?a=b%20c\n1\nN\n\n", 22)).unwrap();
        assert!(d.contains("line 2") && d.contains("query string"), "{d}");
    }

    #[test]
    fn identical_messages_point_at_the_key() {
        let ours = b"GET\n/v3/x\n1\nN\n\n";
        let d = diagnose(ours, &json!({"detail":{"issue":"sign not match"},"sign_information":{"truncated_sign_message":"GET\n/v3/x\n1\nN\n\n","sign_message_length":15}})).unwrap();
        assert!(d.contains("wrong serial"), "{d}");
        let d = diagnose(ours, &detail("GET\n/v3/x\n1\nN\n\n", 16)).unwrap();
        assert!(d.contains("trailing newline"), "{d}");
    }
}
