//! Routing: which endpoint of the `/v3/…` API a request names (apiv3.md §6, §3, §8). Runs after the
//! early faults and before authentication, so an unknown path is a 404 whoever asks.

use crate::api::Scene;
use crate::sandbox::failure::ApiFailure;

/// An endpoint of the `/v3/…` API with what its path carries (still percent-encoded).
pub(super) enum Route {
    Prepay(Scene),
    Query(String),
    Close(String),
    Certificates,
    TradeBill,
    FundflowBill,
    BillDownload,
}

/// The endpoint `method` `path` names: `404 RESOURCE_NOT_EXISTS` for a path no endpoint has,
/// `405 METHOD_NOT_ALLOWED` for one with another method.
pub(super) fn route(method: &str, path: &str) -> Result<Route, ApiFailure> {
    let wrong_method = || ApiFailure::new(405, "METHOD_NOT_ALLOWED", "Http请求方法不支持");
    let expect = |m: &str, r: Route| {
        if method == m {
            Ok(r)
        } else {
            Err(wrong_method())
        }
    };
    if let Some(rest) = path.strip_prefix("/v3/combine-transactions/") {
        if let Some(scene) = Scene::from_path(rest) {
            return expect("POST", Route::Prepay(scene));
        }
        if let Some(rest) = rest.strip_prefix("out-trade-no/") {
            if let Some(no) = rest.strip_suffix("/close")
                && !no.is_empty()
                && !no.contains('/')
            {
                return expect("POST", Route::Close(no.to_string()));
            }
            if !rest.is_empty() && !rest.contains('/') {
                return expect("GET", Route::Query(rest.to_string()));
            }
        }
    }
    match path {
        "/v3/certificates" => expect("GET", Route::Certificates),
        "/v3/bill/tradebill" => expect("GET", Route::TradeBill),
        "/v3/bill/fundflowbill" => expect("GET", Route::FundflowBill),
        "/v3/billdownload/file" => expect("GET", Route::BillDownload),
        _ => Err(ApiFailure::new(
            404,
            "RESOURCE_NOT_EXISTS",
            "资源不存在，请检查请求URL",
        )),
    }
}
