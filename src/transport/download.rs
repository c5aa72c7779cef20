//! Bill downloads (apiv3.md §8.3): one signed GET of a `download_url` whose answer is unsigned,
//! streamed to a sink chunk by chunk, so a 1 GB bill never sits in memory.

use super::attempt::Mode;
use super::client::Client;
use super::error::TransportError;
use super::url::split_url;
use crate::api::Request;

/// What a finished download transferred.
#[derive(Debug, Clone)]
pub struct DownloadInfo {
    pub bytes: u64,
    pub request_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Transport(TransportError),
    #[error("writing the download failed: {0}")]
    Sink(std::io::Error),
}

impl Client {
    /// One attempt of the shared pipeline, never retried here: a retry of a bill transfer needs
    /// a fresh apply (download URLs are one-time, §13.25) and a fresh sink, which only the
    /// caller can make; it bounds its retries with [`Client::retries`]. `--timeout` is an idle
    /// timeout here, not a deadline for the whole transfer (issue 11, item 4).
    pub async fn download(
        &self,
        url: &str,
        sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<DownloadInfo, DownloadError> {
        self.download_sized(url, |_| {}, sink).await
    }

    /// [`Client::download`], telling `size` the Content-Length of a successful answer (`None`
    /// when it declares none) before the first chunk, so that a progress bar can fill as the
    /// bytes arrive (issue 15, item 10).
    pub async fn download_sized(
        &self,
        url: &str,
        size: impl FnOnce(Option<u64>),
        sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<DownloadInfo, DownloadError> {
        let fail = DownloadError::Transport;
        let (origin, path) = split_url(url).map_err(|e| fail(e.into()))?;
        // Signed as given: "always use the URL exactly as returned" (§8.3).
        let req = Request::get(&path);
        let head = self
            .attempt(&req, &format!("{origin}{path}"), Mode::Download)
            .await
            .map_err(|f| fail(f.error))?;
        if !(200..300).contains(&head.status) {
            // An error answer is a few KB like any other; the cap applies (item 6).
            let a = head.read(self.tracer()).await.map_err(|f| fail(f.error))?;
            return Err(fail(self.api_error(&a)));
        }
        let request_id = head
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Request-ID"))
            .map(|(_, v)| v.clone());
        size(
            head.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
                .and_then(|(_, v)| v.trim().parse().ok()),
        );
        let bytes = head.stream(self.tracer(), sink).await?;
        Ok(DownloadInfo { bytes, request_id })
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::signing::MerchantSigner;
    use crate::signing::keys::PrivateKey;
    use crate::signing::verify::Verifier;
    use crate::transport::ClientOptions;

    /// A loopback server that answers each request with `answers[i]`, in order.
    async fn serve(answers: Vec<&'static str>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            for answer in answers {
                let (mut conn, _) = listener.accept().await.unwrap();
                let mut seen = Vec::new();
                let mut buf = [0u8; 1024];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    let n = conn.read(&mut buf).await.unwrap();
                    if n == 0 {
                        break;
                    }
                    seen.extend_from_slice(&buf[..n]);
                }
                conn.write_all(answer.as_bytes()).await.unwrap();
                conn.shutdown().await.unwrap();
            }
        });
        url
    }

    fn client(base: &str) -> Client {
        let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let signer = MerchantSigner {
            mchid: "1900000109".into(),
            serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1".into(),
            key: PrivateKey::from_key_pair(pair),
            certificate: None,
        };
        Client::new(ClientOptions::new(base), signer, Verifier::new())
    }

    #[tokio::test]
    async fn a_refused_transfer_carries_its_retry_after_into_the_policy() {
        // Issue 12: the download goes through the same attempt and the same RetryPolicy as a
        // call, so a 503's `Retry-After` decides the wait before the next transfer, not the
        // back-off (200 ms here).
        let base = serve(vec![
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 3\r\nContent-Type: application/json\r\nContent-Length: 49\r\n\r\n{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy, retry\"}\r\n",
        ])
        .await;
        let c = client(&base);
        let err = c
            .download(&format!("{base}/v3/billdownload/file?token=T0"), |_| Ok(()))
            .await
            .unwrap_err();
        let DownloadError::Transport(err) = err else {
            panic!("not a transport error: {err}");
        };
        assert!(err.is_retryable(), "{err}");
        assert_eq!(err.retry_after(), Some(3));
        let mut policy = c.retries();
        policy.begin();
        assert_eq!(
            policy.next_wait(err.retry_after()),
            Some(std::time::Duration::from_secs(3))
        );
    }

    #[tokio::test]
    async fn the_declared_size_is_told_before_the_first_chunk() {
        // Issue 15, item 10: the progress bar needs the length while the bytes arrive.
        let base = serve(vec![
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789",
        ])
        .await;
        let c = client(&base);
        let seen = std::sync::Mutex::new(Vec::new());
        let info = c
            .download_sized(
                &format!("{base}/v3/billdownload/file?token=T0"),
                |n| seen.lock().unwrap().push(format!("size {n:?}")),
                |chunk| {
                    seen.lock().unwrap().push(format!("chunk {}", chunk.len()));
                    Ok(())
                },
            )
            .await
            .unwrap();
        assert_eq!(info.bytes, 10);
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen[0], "size Some(10)");
        assert!(seen[1..].iter().all(|s| s.starts_with("chunk")), "{seen:?}");
    }
}
