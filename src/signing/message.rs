//! The exact byte strings that get signed (apiv3.md §1.1, §2.2).

/// Step 1 (apiv3.md §1.1): `METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n`.
///
/// `canonical_url` is the path plus `?query` exactly as sent on the wire; `body` is the exact body
/// bytes (empty for GET). Nothing is normalised here: sign exactly the bytes you send.
pub fn request_message(
    method: &str,
    canonical_url: &str,
    timestamp: &str,
    nonce: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut m = Vec::with_capacity(
        method.len() + canonical_url.len() + timestamp.len() + nonce.len() + body.len() + 5,
    );
    for part in [
        method.as_bytes(),
        canonical_url.as_bytes(),
        timestamp.as_bytes(),
        nonce.as_bytes(),
        body,
    ] {
        m.extend_from_slice(part);
        m.push(b'\n');
    }
    m
}

/// apiv3.md §2.2: `Wechatpay-Timestamp\nWechatpay-Nonce\nBODY\n`, over the raw body bytes as received.
/// An empty body (204) gives `ts\nnonce\n\n`.
pub fn response_message(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(timestamp.len() + nonce.len() + body.len() + 3);
    for part in [timestamp.as_bytes(), nonce.as_bytes(), body] {
        m.extend_from_slice(part);
        m.push(b'\n');
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_message_ends_with_an_empty_body_line() {
        let m = request_message(
            "GET",
            "/v3/certificates",
            "1624523846",
            "A1B2C3D4E5F6G7",
            b"",
        );
        assert_eq!(m, b"GET\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\n\n");
    }

    #[test]
    fn a_go_style_body_keeps_its_own_newline() {
        let m = request_message(
            "POST",
            "/v3/certificates",
            "1624523846",
            "A1B2C3D4E5F6G7",
            b"Hello World!\n",
        );
        assert_eq!(
            m,
            b"POST\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\nHello World!\n\n"
        );
    }

    #[test]
    fn response_message_for_204() {
        assert_eq!(
            response_message("1554209980", "abc", b""),
            b"1554209980\nabc\n\n"
        );
    }
}
