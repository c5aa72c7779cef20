//! The accept loop: hyper HTTP/1.1 connections serving one axum router. We run connections
//! ourselves rather than through `axum::serve` so that a handler can drop its TCP connection
//! without any HTTP response (the `drop-connection` fault) and so shutdown is graceful.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use axum::Router;
use axum::body::Body;
use axum::routing::{get, post};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Notify, watch};
use tower::ServiceExt as _;

use super::{control, handle};
use crate::sandbox::Services;

/// Put into every request's extensions: notifying it closes the connection at once.
#[derive(Clone)]
pub struct ConnKill(pub Arc<Notify>);

pub fn router(sb: Arc<Services>) -> Router {
    Router::new()
        .route("/sandbox/v1/info", get(control::info))
        .route("/sandbox/v1/orders", get(control::orders))
        .route("/sandbox/v1/orders/{no}", get(control::order))
        .route("/sandbox/v1/orders/{no}/pay", post(control::pay))
        .route("/sandbox/v1/orders/{no}/expire", post(control::expire))
        .route("/sandbox/v1/orders/{no}/refund", post(control::refund))
        .route("/sandbox/v1/notifications", get(control::notifications))
        .route("/sandbox/v1/seed", post(control::seed))
        .route(
            "/sandbox/v1/platform-certificates/rotate",
            post(control::rotate_cert),
        )
        .route(
            "/sandbox/v1/faults",
            get(control::faults_list)
                .post(control::faults_add)
                .delete(control::faults_clear),
        )
        .route(
            "/sandbox/v1/clock",
            get(control::clock_get).post(control::clock_set),
        )
        .route(
            "/sandbox/v1/requests",
            get(control::requests).delete(control::requests_clear),
        )
        .route("/sandbox/v1/{*rest}", axum::routing::any(control::unknown))
        .fallback(handle)
        .with_state(sb)
}

pub async fn serve(
    sb: Arc<Services>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let app = router(sb);
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut conns = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // EMFILE and friends: back off briefly rather than spin.
                        eprintln!("sandbox: accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                let mut stop_rx = stop_rx.clone();
                conns.spawn(async move {
                    let kill = Arc::new(Notify::new());
                    let k = kill.clone();
                    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                        req.extensions_mut().insert(ConnKill(k.clone()));
                        let app = app.clone();
                        async move {
                            let resp = app.oneshot(req.map(Body::new)).await;
                            Ok::<_, Infallible>(match resp {
                                Ok(r) => r,
                                Err(never) => match never {},
                            })
                        }
                    });
                    let conn = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), svc);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = kill.notified() => {}
                        _ = stop_rx.changed() => {
                            conn.as_mut().graceful_shutdown();
                            let _ = tokio::time::timeout(Duration::from_secs(2), conn.as_mut()).await;
                        }
                    }
                });
                // Reap finished connection tasks so the set does not grow.
                while conns.try_join_next().is_some() {}
            }
            _ = &mut shutdown => break,
        }
    }
    let _ = stop_tx.send(true);
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(3), async {
        while conns.join_next().await.is_some() {}
    })
    .await;
    conns.abort_all();
    Ok(())
}
