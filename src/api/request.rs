//! One API call as a value (async-stripe `StripeRequest` style), built from its endpoint's entry:
//! method, canonical URL, the body bytes, and what the verified answer must be (its shape, and the
//! fields that echo what was asked). The client functions here are the only way the rest of the
//! program names an endpoint.

use super::answer::{Answer, Echo, Expected};
use super::endpoint::{EchoFrom, EndpointId, Method, RequestBody, match_route};
use super::refund::RefundRequest;
use super::vocab::{AccountType, BillType, Scene};

/// One API call: what gets signed and sent. `path` is the canonical URL of apiv3.md §1.1 (path
/// plus `?query` exactly as it goes on the wire); `body` is serialised once and never again.
/// `answer` is what its verified 2xx body must be; the transport checks it (issue 11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Vec<u8>,
    pub answer: Answer,
    /// The entry it was built from; for a verbatim [`get`](Self::get), the entry its path
    /// matches, if any.
    pub endpoint: Option<EndpointId>,
}

fn value_of<'a>(pairs: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

impl Request {
    /// A call of `id`: the path from its pattern and `params`, the `query` values in the entry's
    /// order, and the answer its entry declares, with the echoed values filled in.
    pub fn to(
        id: EndpointId,
        params: &[(&str, &str)],
        query: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Self {
        let e = id.endpoint();
        debug_assert!(
            e.body != RequestBody::Empty || body.is_empty(),
            "{id:?} has no body"
        );
        // Parsed only when an echo names a body field (the refund request, §14.2).
        let body_json: Option<serde_json::Value> = e
            .echoes
            .iter()
            .any(|x| matches!(x.from, EchoFrom::Body(_)))
            .then(|| serde_json::from_slice(&body).ok())
            .flatten();
        let mut path = e.path_for(params);
        let q = e.query_for(query);
        if !q.is_empty() {
            path.push('?');
            path.push_str(&q);
        }
        let echoes = e
            .echoes
            .iter()
            .filter_map(|echo| {
                let expected = match echo.from {
                    EchoFrom::Path(name) => Expected::Value(value_of(params, name)?.to_string()),
                    EchoFrom::Query(name) => Expected::Value(value_of(query, name)?.to_string()),
                    EchoFrom::SignerMchid => Expected::SignerMchid,
                    EchoFrom::Body(name) => {
                        Expected::Value(body_json.as_ref()?.get(name)?.as_str()?.to_string())
                    }
                };
                Some(Echo {
                    field: echo.field,
                    expected,
                    required: echo.required,
                })
            })
            .collect();
        Request {
            method: e.method,
            path,
            body,
            answer: Answer {
                shape: e.shape,
                echoes,
            },
            endpoint: Some(id),
        }
    }

    /// `POST /v3/combine-transactions/{scene}` (§6.1).
    pub fn combine_prepay(scene: Scene, body: Vec<u8>) -> Self {
        Self::to(EndpointId::CombinePrepay(scene), &[], &[], body)
    }

    /// `GET /v3/combine-transactions/out-trade-no/{combine_out_trade_no}` (§6.4). The number is
    /// validated before this is built (`[0-9A-Za-z_-|*]`), so it goes into the path as is. The
    /// answer must be about this order of this merchant (§6.4: both fields are always present).
    pub fn combine_query(combine_out_trade_no: &str) -> Self {
        Self::to(
            EndpointId::CombineQuery,
            &[("combine_out_trade_no", combine_out_trade_no)],
            &[],
            Vec::new(),
        )
    }

    /// `POST /v3/combine-transactions/out-trade-no/{no}/close` (§6.5): 204, no body.
    pub fn combine_close(combine_out_trade_no: &str, body: Vec<u8>) -> Self {
        Self::to(
            EndpointId::CombineClose,
            &[("combine_out_trade_no", combine_out_trade_no)],
            &[],
            body,
        )
    }

    /// `GET /v3/bill/tradebill?bill_date=…[&sub_mchid=…][&bill_type=…][&tar_type=GZIP]` (§8.1).
    pub fn trade_bill(
        bill_date: &str,
        sub_mchid: Option<&str>,
        bill_type: Option<BillType>,
        gzip: bool,
    ) -> Self {
        let mut q = vec![("bill_date", bill_date)];
        if let Some(s) = sub_mchid {
            q.push(("sub_mchid", s));
        }
        if let Some(t) = bill_type {
            q.push(("bill_type", t.as_str()));
        }
        if gzip {
            q.push(("tar_type", "GZIP"));
        }
        Self::to(EndpointId::TradeBill, &[], &q, Vec::new())
    }

    /// `GET /v3/bill/fundflowbill?bill_date=…[&account_type=…][&tar_type=GZIP]` (§8.2).
    pub fn fundflow_bill(bill_date: &str, account_type: Option<AccountType>, gzip: bool) -> Self {
        let mut q = vec![("bill_date", bill_date)];
        if let Some(t) = account_type {
            q.push(("account_type", t.as_str()));
        }
        if gzip {
            q.push(("tar_type", "GZIP"));
        }
        Self::to(EndpointId::FundflowBill, &[], &q, Vec::new())
    }

    /// `POST /v3/refund/domestic/refunds` (§14.2). The body is serialised here, once: a retry
    /// resends these bytes, with the same `out_refund_no` (issue 13, item 3). The answer must
    /// echo the `out_refund_no`, the order number and the `sub_mchid` that were sent.
    pub fn refund_create(body: &RefundRequest) -> Self {
        Self::to(EndpointId::RefundCreate, &[], &[], body.to_bytes())
    }

    /// `GET /v3/refund/domestic/refunds/{out_refund_no}[?sub_mchid=…]` (§14.3). The number is
    /// validated before (`[0-9A-Za-z_-|*@]`); `@` is allowed in a path segment (RFC 3986 pchar),
    /// so it goes into the path as is.
    pub fn refund_query(out_refund_no: &str, sub_mchid: Option<&str>) -> Self {
        let q: Vec<(&str, &str)> = sub_mchid.map(|s| ("sub_mchid", s)).into_iter().collect();
        Self::to(
            EndpointId::RefundQuery,
            &[("out_refund_no", out_refund_no)],
            &q,
            Vec::new(),
        )
    }

    /// `GET /v3/certificates` (§3).
    pub fn certificates() -> Self {
        Self::to(EndpointId::Certificates, &[], &[], Vec::new())
    }

    /// A `GET` of a path+query taken verbatim from a `download_url` (§8.3: "always use the URL
    /// exactly as returned"). No shape is expected; whether the answer is signed is its
    /// endpoint's (a bill download's is not).
    pub fn get(path_and_query: &str) -> Self {
        Request {
            method: Method::Get,
            path: path_and_query.to_string(),
            body: Vec::new(),
            answer: Answer::default(),
            endpoint: match_route("GET", path_and_query).ok().map(|m| m.id),
        }
    }

    /// The answer's top-level `field` must also be `value` (e.g. `out_refund_no` for refund
    /// calls, taken from the body).
    pub fn echoing(mut self, field: &'static str, value: &str) -> Self {
        self.answer.echoes.push(Echo {
            field,
            expected: Expected::Value(value.to_string()),
            required: true,
        });
        self
    }

    /// Responses to these are never signed (§2.6).
    pub fn response_is_unsigned(&self) -> bool {
        self.endpoint
            .is_some_and(|id| !id.endpoint().signed_response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoint::{ENDPOINTS, Matched};

    #[test]
    fn canonical_urls_match_the_derived_vectors() {
        assert_eq!(
            Request::trade_bill("2019-06-11", None, Some(BillType::All), true).path,
            "/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL&tar_type=GZIP"
        );
        assert_eq!(
            Request::fundflow_bill("2019-06-11", Some(AccountType::Basic), false).path,
            "/v3/bill/fundflowbill?bill_date=2019-06-11&account_type=BASIC"
        );
        assert_eq!(
            Request::combine_query("P20150806125346").path,
            "/v3/combine-transactions/out-trade-no/P20150806125346"
        );
        assert_eq!(
            Request::combine_close("P20150806125346", b"{}".to_vec()).path,
            "/v3/combine-transactions/out-trade-no/P20150806125346/close"
        );
        assert!(Request::get("/v3/billdownload/file?token=x").response_is_unsigned());
        assert!(!Request::get("/v3/bill/tradebill?bill_date=x").response_is_unsigned());
        assert!(!Request::get("/v3/nothing").response_is_unsigned());
    }

    #[test]
    fn echoes_come_from_the_entry() {
        let q = Request::combine_query("C1").answer.echoes;
        assert_eq!(
            q,
            vec![
                Echo {
                    field: "combine_out_trade_no",
                    expected: Expected::Value("C1".into()),
                    required: true
                },
                Echo {
                    field: "combine_mchid",
                    expected: Expected::SignerMchid,
                    required: true
                }
            ]
        );
        let b = Request::fundflow_bill("2026-05-01", None, false)
            .answer
            .echoes;
        assert_eq!(
            b,
            vec![Echo {
                field: "bill_date",
                expected: Expected::Value("2026-05-01".into()),
                required: false
            }]
        );
    }

    fn refund_body() -> RefundRequest {
        serde_json::from_str(
            r#"{"transaction_id":"1217752501201407033233368018","out_refund_no":"R1217752501201407033233368018-1","amount":{"refund":10,"total":100,"currency":"CNY"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn refund_answers_must_echo_what_was_sent() {
        let mut body = refund_body();
        let a = Request::refund_create(&body).answer;
        let fields: Vec<_> = a
            .echoes
            .iter()
            .map(|e| (e.field, e.expected.to_string()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (
                    "out_refund_no",
                    "R1217752501201407033233368018-1".to_string()
                ),
                ("transaction_id", "1217752501201407033233368018".to_string()),
            ]
        );
        body.sub_mchid = Some("1900000109".into());
        assert_eq!(Request::refund_create(&body).answer.echoes.len(), 3);
        let answer = r#"{"refund_id":"5","out_refund_no":"R1217752501201407033233368018-1","transaction_id":"1217752501201407033233368018","out_trade_no":"o1","status":"PROCESSING","amount":{"total":100,"refund":10}}"#;
        assert_eq!(a.check(answer.as_bytes(), "1"), Ok(()));
        assert!(
            a.check(answer.replace("-1\"", "-2\"").as_bytes(), "1")
                .is_err()
        );
        let q = Request::refund_query("R1217752501201407033233368018-1", Some("1900000109"));
        assert_eq!(
            q.path,
            "/v3/refund/domestic/refunds/R1217752501201407033233368018-1?sub_mchid=1900000109"
        );
        // 服务商: the answer must name the sub-merchant asked about.
        assert!(q.answer.check(answer.as_bytes(), "1").is_err());
        let with_sub = answer.replace(r#""status""#, r#""sub_mchid":"1900000109","status""#);
        assert_eq!(q.answer.check(with_sub.as_bytes(), "1"), Ok(()));
        assert!(
            Request::refund_query("R1217752501201407033233368018-2", None)
                .answer
                .check(answer.as_bytes(), "1")
                .is_err()
        );
    }

    /// Every request the client can make, with every optional query parameter the client sends.
    /// An exhaustive match: a new [`EndpointId`] does not compile until it is here.
    fn client_requests(id: EndpointId) -> Vec<Request> {
        match id {
            EndpointId::CombinePrepay(scene) => {
                vec![Request::combine_prepay(scene, b"{}".to_vec())]
            }
            EndpointId::CombineQuery => vec![Request::combine_query("P20150806125346")],
            EndpointId::CombineClose => {
                vec![Request::combine_close("P20150806125346", b"{}".to_vec())]
            }
            EndpointId::Certificates => vec![Request::certificates()],
            EndpointId::TradeBill => {
                let mut v = vec![Request::trade_bill(
                    "2026-04-01",
                    Some("1900000119"),
                    None,
                    true,
                )];
                v.extend(
                    BillType::ALL.map(|t| Request::trade_bill("2026-04-01", None, Some(t), false)),
                );
                v
            }
            EndpointId::FundflowBill => {
                let mut v = vec![Request::fundflow_bill("2026-04-01", None, true)];
                v.extend(
                    AccountType::ALL.map(|t| Request::fundflow_bill("2026-04-01", Some(t), false)),
                );
                v
            }
            EndpointId::RefundCreate => {
                let mut body = refund_body();
                let direct = Request::refund_create(&body);
                body.sub_mchid = Some("1900000109".into());
                vec![direct, Request::refund_create(&body)]
            }
            EndpointId::RefundQuery => vec![
                Request::refund_query("R1217752501201407033233368018-1", None),
                Request::refund_query("R1217752501201407033233368018-1", Some("1900000109")),
            ],
            // As the sandbox and WeChat Pay write download_url (§8.3).
            EndpointId::BillDownload => vec![
                Request::get("/v3/billdownload/file?token=6XIv5TUP"),
                Request::get("/v3/billdownload/file?token=6XIv5TUP&tartype=gzip"),
            ],
        }
    }

    /// Issue 12: every endpoint the client can call is routed to itself, with its parameters
    /// and a query string its entry accepts, in values the entry allows.
    #[test]
    fn every_client_request_routes_to_its_own_entry() {
        for e in ENDPOINTS {
            for req in client_requests(e.id) {
                let m: Matched = match_route(req.method.as_str(), &req.path)
                    .unwrap_or_else(|err| panic!("{} {}: {err:?}", req.method, req.path));
                assert_eq!(m.id, e.id, "{}", req.path);
                assert_eq!(req.endpoint, Some(e.id));
                assert_eq!(req.response_is_unsigned(), !e.signed_response);
                let params = m.query_params().unwrap();
                for p in e.query.iter().filter(|p| p.required) {
                    assert!(params.iter().any(|(k, _)| k == p.name), "{}", req.path);
                }
                for (k, v) in &params {
                    let p = e.query.iter().find(|p| p.name == k).unwrap();
                    assert!(
                        p.values.is_none_or(|vs| vs.contains(&v.as_str())),
                        "{k}={v}"
                    );
                }
                if let Some(no) = m.param("combine_out_trade_no") {
                    assert_eq!(no, "P20150806125346");
                }
                if let Some(no) = m.param("out_refund_no") {
                    assert_eq!(no, "R1217752501201407033233368018-1");
                }
                if e.body == RequestBody::Refund {
                    let body: RefundRequest = serde_json::from_slice(&req.body).unwrap();
                    assert_eq!(body.check(), Ok(()));
                }
            }
        }
    }
}
