//! File bodies: a bill download (apiv3.md §8.3, §13.25) streamed from disk in chunks, never held
//! in memory, unsigned (§13.12), and cut short on purpose by the `truncate-download` fault.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Response, StatusCode, header};

use crate::sandbox::bills::Download;

/// The answer to a download: the file (half of it with `truncate`), its type and length, and the
/// `Request-ID`; no `Wechatpay-*` headers.
pub(super) fn download_response(d: &Download, truncate: bool, request_id: &str) -> Response<Body> {
    let limit = truncate.then_some(d.len / 2);
    let mut r = Response::new(Body::new(stream_file(d, limit)));
    *r.status_mut() = StatusCode::OK;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(if d.gzip {
            "application/x-gzip"
        } else {
            "text/plain; charset=utf-8"
        }),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(d.len));
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("Request-ID", v);
    }
    r
}

/// A response body that streams a file in chunks, optionally stopping with an error after `limit`
/// bytes (the `truncate-download` fault): with the full Content-Length announced, hyper then closes
/// the connection and the client sees an incomplete transfer.
pub(super) struct FileBody {
    rx: tokio::sync::mpsc::Receiver<io::Result<Bytes>>,
    len: u64,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Ok(b))) => Poll::Ready(Some(Ok(http_body::Frame::data(b)))),
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.len)
    }
}

/// Stream the bill file of `d`, cut after `limit` bytes if given.
fn stream_file(d: &Download, limit: Option<u64>) -> FileBody {
    use tokio::io::AsyncReadExt as _;
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let path = d.path.clone();
    tokio::spawn(async move {
        let mut f = match tokio::fs::File::open(&path).await {
            Ok(f) => f,
            Err(e) => {
                let _ = tx.send(Err(e)).await;
                return;
            }
        };
        let mut sent = 0u64;
        loop {
            let mut buf = vec![0u8; 256 * 1024];
            if let Some(l) = limit {
                buf.truncate((l - sent).min(buf.len() as u64) as usize);
                if buf.is_empty() {
                    // Let hyper flush what was sent, so the client sees a head and part of the
                    // body, then the connection closing early.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let _ = tx
                        .send(Err(io::Error::other("truncate-download fault")))
                        .await;
                    return;
                }
            }
            match f.read(&mut buf).await {
                Ok(0) => return,
                Ok(n) => {
                    buf.truncate(n);
                    sent += n as u64;
                    if tx.send(Ok(Bytes::from(buf))).await.is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            }
        }
    });
    FileBody { rx, len: d.len }
}
