//! Routing: which endpoint of the `/v3/…` API a request names, by the one endpoint table
//! ([`crate::api::ENDPOINTS`], matched by [`crate::api::match_route`]; issue 12), so the sandbox
//! serves exactly the paths the client builds. Runs after the early faults and before
//! authentication, so an unknown path is a 404 whoever asks.

use crate::api::endpoint::{Matched, RouteError, match_route};
use crate::sandbox::failure::ApiFailure;

/// The endpoint `method` `path` names (path without its query, parameters still percent-encoded):
/// `404 RESOURCE_NOT_EXISTS` for a path no endpoint has, `405 METHOD_NOT_ALLOWED` for one with
/// another method.
pub(super) fn route(method: &str, path: &str) -> Result<Matched, ApiFailure> {
    match_route(method, path).map_err(|e| match e {
        RouteError::NotFound => {
            ApiFailure::new(404, "RESOURCE_NOT_EXISTS", "资源不存在，请检查请求URL")
        }
        RouteError::MethodNotAllowed { .. } => {
            ApiFailure::new(405, "METHOD_NOT_ALLOWED", "Http请求方法不支持")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoint::{ENDPOINTS, Method};

    fn filled(path: &str) -> String {
        path.split('/')
            .map(|s| if s.starts_with('{') { "P20240101A" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn every_endpoint_routes_to_its_own_entry_and_the_other_method_is_405() {
        for e in ENDPOINTS {
            let path = filled(e.path);
            let m = route(e.method.as_str(), &path)
                .unwrap_or_else(|f| panic!("{} {path}: {}", e.method, f.status));
            assert_eq!(m.id, e.id, "{} {path}", e.method);
            let other = match e.method {
                Method::Get => "POST",
                Method::Post => "GET",
            };
            assert_eq!(route(other, &path).err().map(|f| f.status), Some(405));
        }
    }

    #[test]
    fn unknown_paths_are_404_as_before() {
        for p in [
            "/v3/combine-transactions/",
            "/v3/combine-transactions/out-trade-no/",
            "/v3/combine-transactions/out-trade-no//close",
            "/v3/combine-transactions/out-trade-no/a/b",
            "/v3/combine-transactions/miniprogram",
            "/v3/certificates/",
            "/v3/bill",
            "/v3/pay/transactions/jsapi",
        ] {
            assert_eq!(route("GET", p).err().map(|f| f.status), Some(404), "{p}");
        }
    }

    /// The running sandbox, over a socket: every entry of the table gets past routing to
    /// authentication (an unsigned request is a 401, never the 404/405 of an unknown route), and
    /// the same path with the other method, or a path nobody serves, is still a 405/404.
    #[test]
    fn the_running_sandbox_serves_every_entry_of_the_table() {
        use std::io::{Read, Write};
        let sb = crate::sandbox::RunningSandbox::start(Default::default()).unwrap();
        let url = sb.base_url();
        let addr = url.trim_start_matches("http://");
        let status = |method: &str, path: &str| -> u16 {
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            write!(
                s,
                "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nContent-Type: application/json\r\nUser-Agent: wxcombine-test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut answer = String::new();
            s.read_to_string(&mut answer).unwrap();
            answer
                .get(9..12)
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("{method} {path}: {answer}"))
        };
        for e in ENDPOINTS {
            let path = filled(e.path);
            let got = status(e.method.as_str(), &path);
            assert_eq!(got, 401, "{} {path}", e.method);
            let other = match e.method {
                Method::Get => "POST",
                Method::Post => "GET",
            };
            assert_eq!(status(other, &path), 405, "{other} {path}");
        }
        assert_eq!(status("GET", "/v3/pay/transactions/jsapi"), 404);
    }
}
