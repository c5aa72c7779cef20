//! Raw requests for the sandbox tests that send what the library's client never would: correctly
//! signed headers to tamper with, exactly these bytes over reqwest, or a request byte for byte
//! over TCP; and checks of the raw answers.

use serde_json::Value;
use wxcombine::signing::authorization::RequestSigner;
use wxcombine::signing::verify::SignedHeaders;
use wxcombine::transport::http::RawResponse;

use super::lab::{Creds, block_on};
use super::now;

/// Headers of a correctly signed request as the SDKs send them.
pub fn signed_headers(c: &Creds, method: &str, target: &str, body: &[u8]) -> Vec<(String, String)> {
    let ts = now().to_string();
    let nonce = wxcombine::rand::alphanumeric(32);
    let s = RequestSigner {
        mchid: &c.mchid,
        serial_no: &c.serial,
        key: &c.key,
    }
    .sign(method, target, &ts, &nonce, body);
    let mut h = vec![
        ("Accept".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), "wxcombine-tests/1.0".to_string()),
        ("Authorization".to_string(), s.authorization.to_header()),
    ];
    if !body.is_empty() {
        h.push(("Content-Type".into(), "application/json".into()));
    }
    h
}

/// Send exactly these headers and bytes.
pub fn send(url: &str, method: &str, headers: &[(String, String)], body: Vec<u8>) -> RawResponse {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    block_on(wxcombine::transport::http::send_raw(
        &client, method, url, &refs, body,
    ))
    .unwrap()
}

/// Replace one header's value (or remove it with `None`).
pub fn set_header(h: &mut Vec<(String, String)>, name: &str, value: Option<&str>) {
    h.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    if let Some(v) = value {
        h.push((name.to_string(), v.to_string()));
    }
}

pub fn json_of(r: &RawResponse) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}

/// The `Wechatpay-*` headers of a raw response.
pub fn wechatpay_headers(r: &RawResponse) -> SignedHeaders {
    let h = |n: &str| r.header(n).unwrap_or_default().to_string();
    SignedHeaders {
        timestamp: h("Wechatpay-Timestamp"),
        nonce: h("Wechatpay-Nonce"),
        signature: h("Wechatpay-Signature"),
        serial: h("Wechatpay-Serial"),
    }
}

/// Assert a raw error response: status, code, JSON content type, Request-ID.
pub fn assert_error(r: &RawResponse, status: u16, code: &str) -> Value {
    let v = json_of(r);
    assert_eq!(
        (r.status, v["code"].as_str().unwrap_or("")),
        (status, code),
        "{v}"
    );
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    assert!(r.header("Request-ID").is_some_and(|x| !x.is_empty()));
    v
}

/// Send a request byte for byte over TCP (reqwest would add headers such as `Accept: */*`);
/// returns the status and the body.
pub fn send_tcp(addr: std::net::SocketAddr, request: &[u8]) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(request).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&all[..split]).to_string();
    let status = head[9..12].parse().unwrap();
    (status, all[split + 4..].to_vec())
}

/// A raw HTTP/1.1 request with exactly `headers` (plus Host, Content-Length, Connection: close).
pub fn raw_request(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut r = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}
