//! Every endpoint, declared once (issue 12): method, path pattern, query parameters, request body,
//! whether the answer is signed, and what a 2xx answer must be. The client builds its requests from
//! an entry ([`Request`](super::Request)); the sandbox routes with [`match_route`]. Pure: no I/O.
//!
//! Adding an endpoint (e.g. the refunds of apiv3.md §14) is one [`EndpointId`] variant and one
//! [`ENDPOINTS`] entry here, one client function in `request.rs`, one sandbox handler, and tests;
//! the walk test below fails to compile until the new id has a client request.

use std::fmt;

use super::answer::Shape;
use super::vocab::Scene;

/// The HTTP methods APIv3 uses here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which endpoint. The prepay scenes are four endpoints (four rows of apiv3.md §6.1), one per
/// literal path, so no path parameter needs a closed set of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndpointId {
    CombinePrepay(Scene),
    CombineQuery,
    CombineClose,
    Certificates,
    TradeBill,
    FundflowBill,
    BillDownload,
    /// `POST /v3/refund/domestic/refunds` (§14.2).
    RefundCreate,
    /// `GET /v3/refund/domestic/refunds/{out_refund_no}` (§14.3).
    RefundQuery,
}

/// One query parameter, in the order the client writes them (the order of the derived vectors,
/// apiv3.md §12.2: the signed URL is the sent URL, so the order is part of the contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryParam {
    pub name: &'static str,
    pub required: bool,
    /// The closed set of values the spec gives, if any (§13.24: strict enums).
    pub values: Option<&'static [&'static str]>,
}

/// What the signed request body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestBody {
    /// None: a GET signs an empty body (§1.1).
    Empty,
    /// The combine prepay object (§6.2, §6.3), checked by `validate::prepay`.
    CombinePrepay,
    /// `{combine_appid, sub_orders}` (§6.5), checked by `validate::close`.
    CombineClose,
    /// The refund request (§14.2), [`RefundRequest`](super::refund::RefundRequest), checked by
    /// its `check`.
    Refund,
}

/// Where the value an answer must echo comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EchoFrom {
    /// The raw path parameter of that name.
    Path(&'static str),
    /// The query parameter of that name, as given (unencoded).
    Query(&'static str),
    /// The mchid of the merchant that signs the request (known to the transport only).
    SignerMchid,
    /// The top-level string field of that name in the request body, when the body has it.
    Body(&'static str),
}

/// One top-level field of the 2xx answer that must repeat what was asked (issue 11, item 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EchoSpec {
    pub field: &'static str,
    pub from: EchoFrom,
    /// `false`: checked only where the answer carries the field.
    pub required: bool,
}

/// One endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub id: EndpointId,
    pub method: Method,
    /// Literal segments and `{name}` parameters; a parameter matches one non-empty segment,
    /// still percent-encoded as sent.
    pub path: &'static str,
    /// The parameters it takes, in wire order; empty: a query string is an error.
    pub query: &'static [QueryParam],
    pub body: RequestBody,
    /// `false` only for bill downloads: no `Wechatpay-*` headers (§2.6, §13.12).
    pub signed_response: bool,
    /// The success status: 200 with a JSON body, or 204 with none.
    pub status: u16,
    /// The documented shape of the 2xx body.
    pub shape: Shape,
    pub echoes: &'static [EchoSpec],
    /// Where the spec describes it.
    pub spec: &'static str,
}

const BILL_DATE: QueryParam = QueryParam {
    name: "bill_date",
    required: true,
    values: None,
};
const TAR_TYPE: QueryParam = QueryParam {
    name: "tar_type",
    required: false,
    values: Some(&["GZIP"]),
};
const BILL_DATE_ECHO: &[EchoSpec] = &[EchoSpec {
    field: "bill_date",
    from: EchoFrom::Query("bill_date"),
    // Not in the documented apply answer (§8.1); if it is there, it must match.
    required: false,
}];

const fn prepay(scene: Scene, path: &'static str) -> Endpoint {
    Endpoint {
        id: EndpointId::CombinePrepay(scene),
        method: Method::Post,
        path,
        query: &[],
        body: RequestBody::CombinePrepay,
        signed_response: true,
        status: 200,
        shape: Shape::Prepay(scene),
        echoes: &[],
        spec: "apiv3.md §6.1-6.3",
    }
}

const SUB_MCHID_ECHO_QUERY: EchoSpec = EchoSpec {
    field: "sub_mchid",
    from: EchoFrom::Query("sub_mchid"),
    // Checked when it was asked (服务商): "服务商 responses add sub_mchid" (§14.2).
    required: true,
};

/// The table.
pub static ENDPOINTS: &[Endpoint] = &[
    prepay(Scene::Jsapi, "/v3/combine-transactions/jsapi"),
    prepay(Scene::App, "/v3/combine-transactions/app"),
    prepay(Scene::H5, "/v3/combine-transactions/h5"),
    prepay(Scene::Native, "/v3/combine-transactions/native"),
    Endpoint {
        id: EndpointId::CombineQuery,
        method: Method::Get,
        path: "/v3/combine-transactions/out-trade-no/{combine_out_trade_no}",
        // §6.1: no query parameters (the basic query's `?mchid=` does not exist here).
        query: &[],
        body: RequestBody::Empty,
        signed_response: true,
        status: 200,
        shape: Shape::CombineOrder,
        // §6.4: both are always present; the answer must be about this order of this merchant.
        echoes: &[
            EchoSpec {
                field: "combine_out_trade_no",
                from: EchoFrom::Path("combine_out_trade_no"),
                required: true,
            },
            EchoSpec {
                field: "combine_mchid",
                from: EchoFrom::SignerMchid,
                required: true,
            },
        ],
        spec: "apiv3.md §6.4",
    },
    Endpoint {
        id: EndpointId::CombineClose,
        method: Method::Post,
        path: "/v3/combine-transactions/out-trade-no/{combine_out_trade_no}/close",
        query: &[],
        body: RequestBody::CombineClose,
        signed_response: true,
        status: 204,
        shape: Shape::Any,
        echoes: &[],
        spec: "apiv3.md §6.5",
    },
    Endpoint {
        id: EndpointId::Certificates,
        method: Method::Get,
        path: "/v3/certificates",
        query: &[QueryParam {
            name: "algorithm_type",
            required: false,
            values: Some(&["RSA", "SM2", "ALL"]),
        }],
        body: RequestBody::Empty,
        signed_response: true,
        status: 200,
        shape: Shape::Certificates,
        echoes: &[],
        spec: "apiv3.md §3",
    },
    Endpoint {
        id: EndpointId::TradeBill,
        method: Method::Get,
        path: "/v3/bill/tradebill",
        query: &[
            BILL_DATE,
            QueryParam {
                name: "sub_mchid",
                required: false,
                values: None,
            },
            QueryParam {
                name: "bill_type",
                required: false,
                values: Some(&["ALL", "SUCCESS", "REFUND"]),
            },
            TAR_TYPE,
        ],
        body: RequestBody::Empty,
        signed_response: true,
        status: 200,
        shape: Shape::BillApply,
        echoes: BILL_DATE_ECHO,
        spec: "apiv3.md §8.1",
    },
    Endpoint {
        id: EndpointId::FundflowBill,
        method: Method::Get,
        path: "/v3/bill/fundflowbill",
        query: &[
            BILL_DATE,
            QueryParam {
                name: "account_type",
                required: false,
                values: Some(&["BASIC", "OPERATION", "FEES"]),
            },
            TAR_TYPE,
        ],
        body: RequestBody::Empty,
        signed_response: true,
        status: 200,
        shape: Shape::BillApply,
        echoes: BILL_DATE_ECHO,
        spec: "apiv3.md §8.2",
    },
    Endpoint {
        id: EndpointId::BillDownload,
        method: Method::Get,
        // The client never builds this one: it GETs `download_url` exactly as returned (§8.3).
        path: "/v3/billdownload/file",
        query: &[
            QueryParam {
                name: "token",
                required: true,
                values: None,
            },
            QueryParam {
                name: "tartype",
                required: false,
                values: None,
            },
        ],
        body: RequestBody::Empty,
        signed_response: false,
        status: 200,
        shape: Shape::Any,
        echoes: &[],
        spec: "apiv3.md §8.3",
    },
    Endpoint {
        id: EndpointId::RefundCreate,
        method: Method::Post,
        path: "/v3/refund/domestic/refunds",
        query: &[],
        body: RequestBody::Refund,
        signed_response: true,
        status: 200,
        shape: Shape::Refund,
        // The answer must be about this refund of this sub-order (issue 11, item 9): each is
        // checked when the body carries it (out_refund_no always does; one of transaction_id
        // and out_trade_no; sub_mchid for 服务商).
        echoes: &[
            EchoSpec {
                field: "out_refund_no",
                from: EchoFrom::Body("out_refund_no"),
                required: true,
            },
            EchoSpec {
                field: "out_trade_no",
                from: EchoFrom::Body("out_trade_no"),
                required: true,
            },
            EchoSpec {
                field: "transaction_id",
                from: EchoFrom::Body("transaction_id"),
                required: true,
            },
            EchoSpec {
                field: "sub_mchid",
                from: EchoFrom::Body("sub_mchid"),
                required: true,
            },
        ],
        spec: "apiv3.md §14.2",
    },
    Endpoint {
        id: EndpointId::RefundQuery,
        method: Method::Get,
        path: "/v3/refund/domestic/refunds/{out_refund_no}",
        query: &[QueryParam {
            name: "sub_mchid",
            required: false,
            values: None,
        }],
        body: RequestBody::Empty,
        signed_response: true,
        status: 200,
        shape: Shape::Refund,
        echoes: &[
            EchoSpec {
                field: "out_refund_no",
                from: EchoFrom::Path("out_refund_no"),
                required: true,
            },
            SUB_MCHID_ECHO_QUERY,
        ],
        spec: "apiv3.md §14.3",
    },
];

impl EndpointId {
    /// This endpoint's entry.
    pub fn endpoint(self) -> &'static Endpoint {
        ENDPOINTS
            .iter()
            .find(|e| e.id == self)
            .expect("every EndpointId has an entry (checked by a test)")
    }
}

/// A path pattern's segment.
enum Segment<'a> {
    Literal(&'a str),
    Param(&'a str),
}

fn segments(pattern: &str) -> impl Iterator<Item = Segment<'_>> {
    pattern.split('/').map(
        |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => Segment::Param(name),
            None => Segment::Literal(s),
        },
    )
}

impl Endpoint {
    /// The raw path parameters of `path` if it has this endpoint's pattern.
    fn match_path(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let mut params = Vec::new();
        let mut given = path.split('/');
        for seg in segments(self.path) {
            let got = given.next()?;
            match seg {
                Segment::Literal(l) if l == got => {}
                Segment::Literal(_) => return None,
                Segment::Param(_) if got.is_empty() => return None,
                Segment::Param(name) => params.push((name, got.to_string())),
            }
        }
        given.next().is_none().then_some(params)
    }

    /// The path with each `{name}` replaced by its value from `params`, as is: the values are
    /// validated before (`[0-9A-Za-z_-|*]`), so nothing needs encoding.
    pub fn path_for(&self, params: &[(&str, &str)]) -> String {
        segments(self.path)
            .map(|seg| match seg {
                Segment::Literal(l) => l,
                Segment::Param(name) => params
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| *v)
                    .unwrap_or_else(|| panic!("{}: no value for {{{name}}}", self.path)),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The query string (without `?`) for `given` values, in this endpoint's order whatever the
    /// order given; a value is percent-encoded unless it is a letter, digit or `-_.~` (and
    /// signed as encoded, §1.4).
    pub fn query_for(&self, given: &[(&str, &str)]) -> String {
        self.query
            .iter()
            .filter_map(|p| {
                let (_, v) = given.iter().find(|(k, _)| *k == p.name)?;
                Some(format!("{}={}", p.name, query_value(v)))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The names of the query parameters, in order.
    pub fn query_names(&self) -> Vec<&'static str> {
        self.query.iter().map(|p| p.name).collect()
    }
}

/// Percent-encode a query value: the values sent are dates, enum words and digits, so anything
/// else is encoded.
fn query_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decode a path segment or query value (RFC 3986; `+` stays `+`). `None` for a broken
/// escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a request target is not an endpoint: WeChat Pay's two answers, as data (§10.2, §13.27).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// No endpoint has this path: `404 RESOURCE_NOT_EXISTS`.
    NotFound,
    /// Endpoints have this path, none with this method: `405 METHOD_NOT_ALLOWED`.
    MethodNotAllowed { allowed: Vec<Method> },
}

impl RouteError {
    pub fn status(&self) -> u16 {
        match self {
            RouteError::NotFound => 404,
            RouteError::MethodNotAllowed { .. } => 405,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            RouteError::NotFound => "RESOURCE_NOT_EXISTS",
            RouteError::MethodNotAllowed { .. } => "METHOD_NOT_ALLOWED",
        }
    }

    /// WeChat Pay's message, verbatim.
    pub fn message(&self) -> &'static str {
        match self {
            RouteError::NotFound => "资源不存在，请检查请求URL",
            RouteError::MethodNotAllowed { .. } => "Http请求方法不支持",
        }
    }
}

/// A request target matched to its endpoint. Nothing is decoded or checked beyond the path's
/// shape: the caller decides when (the sandbox checks the signature first, §13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub id: EndpointId,
    /// Path parameters, raw (percent-encoded as sent).
    pub params: Vec<(&'static str, String)>,
    /// The raw query string after `?`; `Some("")` for a bare `?`.
    pub query: Option<String>,
}

/// Match a method and a raw request target (path and query, as sent and signed) to an endpoint.
/// The path decides between 404 and 405; the query string never takes part in routing.
pub fn match_route(method: &str, target: &str) -> Result<Matched, RouteError> {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (target, None),
    };
    let mut allowed = Vec::new();
    for e in ENDPOINTS {
        let Some(params) = e.match_path(path) else {
            continue;
        };
        if e.method.as_str() == method {
            return Ok(Matched {
                id: e.id,
                params,
                query,
            });
        }
        if !allowed.contains(&e.method) {
            allowed.push(e.method);
        }
    }
    if allowed.is_empty() {
        Err(RouteError::NotFound)
    } else {
        Err(RouteError::MethodNotAllowed { allowed })
    }
}

/// Why a query string does not fit its endpoint (§13.24: strict names, each once). The sandbox
/// answers each with `400 PARAM_ERROR` naming the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The endpoint takes no query parameters; `first` is the first name, as sent.
    NoneExpected { first: String },
    /// A name or value is not valid percent-encoding: `name` as sent when the name is broken,
    /// decoded when the value is.
    BadEncoding { name: String },
    /// Not a parameter of this endpoint.
    Unknown {
        name: String,
        value: String,
        allowed: Vec<&'static str>,
    },
    /// Given twice.
    Repeated { name: String },
}

impl Matched {
    pub fn endpoint(&self) -> &'static Endpoint {
        self.id.endpoint()
    }

    /// A path parameter, raw.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query parameters, decoded, in the order sent: each a parameter of this endpoint, each
    /// at most once. Whether required ones are there and values are allowed is the caller's
    /// check, in its own order.
    pub fn query_params(&self) -> Result<Vec<(String, String)>, QueryError> {
        let Some(q) = self.query.as_deref().filter(|q| !q.is_empty()) else {
            return Ok(Vec::new());
        };
        let endpoint = self.endpoint();
        if endpoint.query.is_empty() {
            return Err(QueryError::NoneExpected {
                first: q.split(['=', '&']).next().unwrap_or(q).to_string(),
            });
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for pair in q.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = percent_decode(k).ok_or_else(|| QueryError::BadEncoding { name: k.into() })?;
            let v = percent_decode(v).ok_or_else(|| QueryError::BadEncoding { name: k.clone() })?;
            if !endpoint.query.iter().any(|p| p.name == k) {
                return Err(QueryError::Unknown {
                    name: k,
                    value: v,
                    allowed: endpoint.query_names(),
                });
            }
            if out.iter().any(|(x, _)| *x == k) {
                return Err(QueryError::Repeated { name: k });
            }
            out.push((k, v));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(method: &str, target: &str) -> Result<EndpointId, RouteError> {
        match_route(method, target).map(|m| m.id)
    }

    #[test]
    fn every_id_has_exactly_one_well_formed_entry() {
        for e in ENDPOINTS {
            assert_eq!(ENDPOINTS.iter().filter(|x| x.id == e.id).count(), 1);
            assert!(e.path.starts_with("/v3/"), "{}", e.path);
            let names: Vec<&str> = segments(e.path)
                .skip(1)
                .map(|s| match s {
                    Segment::Literal(l) => {
                        assert!(!l.is_empty() && !l.contains(['{', '}', '?']), "{}", e.path);
                        ""
                    }
                    Segment::Param(n) => n,
                })
                .filter(|n| !n.is_empty())
                .collect();
            for echo in e.echoes {
                match echo.from {
                    EchoFrom::Path(p) => assert!(names.contains(&p), "{}: {p}", e.path),
                    EchoFrom::Query(q) => assert!(e.query.iter().any(|x| x.name == q)),
                    EchoFrom::SignerMchid => {}
                    EchoFrom::Body(_) => assert_ne!(e.body, RequestBody::Empty),
                }
            }
            assert_eq!(e.body == RequestBody::Empty, e.method == Method::Get);
            assert!(e.status == 200 || (e.status == 204 && e.shape == Shape::Any));
        }
    }

    #[test]
    fn paths_route_to_their_endpoint_with_raw_parameters() {
        for scene in Scene::ALL {
            let m = match_route(
                "POST",
                &format!("/v3/combine-transactions/{}", scene.as_str()),
            );
            assert_eq!(m.unwrap().id, EndpointId::CombinePrepay(scene));
        }
        let m = match_route("GET", "/v3/combine-transactions/out-trade-no/P%2D1?x=1").unwrap();
        assert_eq!(m.id, EndpointId::CombineQuery);
        assert_eq!(m.param("combine_out_trade_no"), Some("P%2D1"));
        assert_eq!(m.query.as_deref(), Some("x=1"));
        assert_eq!(
            id("POST", "/v3/combine-transactions/out-trade-no/P1/close"),
            Ok(EndpointId::CombineClose)
        );
        // `close` alone is an order number, as the hand-written router had it.
        assert_eq!(
            id("GET", "/v3/combine-transactions/out-trade-no/close"),
            Ok(EndpointId::CombineQuery)
        );
        assert_eq!(
            id("GET", "/v3/billdownload/file?token=a&tartype=gzip"),
            Ok(EndpointId::BillDownload)
        );
        assert_eq!(
            match_route("GET", "/v3/bill/tradebill?").unwrap().query,
            Some(String::new())
        );
        assert_eq!(
            id("POST", "/v3/refund/domestic/refunds"),
            Ok(EndpointId::RefundCreate)
        );
        let m = match_route(
            "GET",
            "/v3/refund/domestic/refunds/R1-1?sub_mchid=1900000109",
        )
        .unwrap();
        assert_eq!(m.id, EndpointId::RefundQuery);
        assert_eq!(m.param("out_refund_no"), Some("R1-1"));
        assert_eq!(
            m.query_params(),
            Ok(vec![("sub_mchid".into(), "1900000109".into())])
        );
        assert_eq!(
            id("GET", "/v3/refund/domestic/refunds").map_err(|e| e.status()),
            Err(405)
        );
        assert_eq!(
            id("POST", "/v3/refund/domestic/refunds/R1-1").map_err(|e| e.status()),
            Err(405)
        );
        assert_eq!(
            id("GET", "/v3/refund/domestic/refunds/R1/x"),
            Err(RouteError::NotFound)
        );
    }

    #[test]
    fn unknown_paths_are_404_and_wrong_methods_405() {
        for target in [
            "/v3/combine-transactions/JSAPI",
            "/v3/combine-transactions/out-trade-no",
            "/v3/combine-transactions/out-trade-no/",
            "/v3/combine-transactions/out-trade-no//close",
            "/v3/combine-transactions/out-trade-no/a/b",
            "/v3/certificates/",
            "/v3/certific%61tes",
            "/v3/billdownload/other",
            "/",
            "",
        ] {
            assert_eq!(id("GET", target), Err(RouteError::NotFound), "{target}");
            assert_eq!(id("POST", target), Err(RouteError::NotFound), "{target}");
        }
        let e = match_route("GET", "/v3/combine-transactions/jsapi").unwrap_err();
        assert_eq!(
            e,
            RouteError::MethodNotAllowed {
                allowed: vec![Method::Post]
            }
        );
        assert_eq!((e.status(), e.code()), (405, "METHOD_NOT_ALLOWED"));
        assert_eq!(
            id("PUT", "/v3/combine-transactions/out-trade-no/P1").map_err(|e| e.status()),
            Err(405)
        );
        assert_eq!(
            id("get", "/v3/certificates").map_err(|e| e.status()),
            Err(405)
        );
        assert_eq!(RouteError::NotFound.message(), "资源不存在，请检查请求URL");
    }

    #[test]
    fn query_strings_are_held_to_their_endpoint() {
        let q = |target: &str| match_route("GET", target).unwrap().query_params();
        assert_eq!(
            q("/v3/bill/tradebill?bill_date=2026-04-01&bill_type=ALL"),
            Ok(vec![
                ("bill_date".into(), "2026-04-01".into()),
                ("bill_type".into(), "ALL".into())
            ])
        );
        assert_eq!(q("/v3/bill/tradebill?"), Ok(vec![]));
        assert_eq!(q("/v3/combine-transactions/out-trade-no/P1?"), Ok(vec![]));
        assert_eq!(
            q("/v3/combine-transactions/out-trade-no/P1?mchid=1&x"),
            Err(QueryError::NoneExpected {
                first: "mchid".into()
            })
        );
        assert_eq!(
            q("/v3/bill/tradebill?bill_date=1&bill_date=2"),
            Err(QueryError::Repeated {
                name: "bill_date".into()
            })
        );
        assert_eq!(
            q("/v3/bill/fundflowbill?bill_date=1&sub_mchid=2"),
            Err(QueryError::Unknown {
                name: "sub_mchid".into(),
                value: "2".into(),
                allowed: vec!["bill_date", "account_type", "tar_type"]
            })
        );
        assert_eq!(
            q("/v3/bill/tradebill?b%ZZ=1"),
            Err(QueryError::BadEncoding {
                name: "b%ZZ".into()
            })
        );
        assert_eq!(
            q("/v3/bill/tradebill?bill%5Fdate=%ZZ"),
            Err(QueryError::BadEncoding {
                name: "bill_date".into()
            })
        );
        assert_eq!(percent_decode("a+b%20c").as_deref(), Some("a+b c"));
        assert_eq!(percent_decode("%FF"), None);
    }

    #[test]
    fn targets_are_built_in_table_order_and_encoded() {
        let e = EndpointId::TradeBill.endpoint();
        assert_eq!(
            e.query_for(&[
                ("tar_type", "GZIP"),
                ("bill_type", "ALL"),
                ("bill_date", "2019-06-11")
            ]),
            "bill_date=2019-06-11&bill_type=ALL&tar_type=GZIP"
        );
        assert_eq!(
            e.query_for(&[("bill_date", "a b&c")]),
            "bill_date=a%20b%26c"
        );
        assert_eq!(
            EndpointId::CombineClose
                .endpoint()
                .path_for(&[("combine_out_trade_no", "P1")]),
            "/v3/combine-transactions/out-trade-no/P1/close"
        );
    }
}
