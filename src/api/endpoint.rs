//! Endpoints as values (async-stripe `StripeRequest` style): method, canonical URL, body bytes,
//! and what the verified answer must be (its shape, and the fields that echo what was asked).

use std::fmt;

use super::answer::{Answer, Echo, Expected, Shape};

/// The HTTP methods APIv3 uses here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The four combine prepay scenes (apiv3.md §6.1, §6.3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Scene {
    Jsapi,
    App,
    H5,
    Native,
}

impl Scene {
    /// The last path segment of `/v3/combine-transactions/{scene}`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scene::Jsapi => "jsapi",
            Scene::App => "app",
            Scene::H5 => "h5",
            Scene::Native => "native",
        }
    }

    /// `trade_type` in query responses and bills (§6.4): H5 is `MWEB`.
    pub fn trade_type(self) -> &'static str {
        match self {
            Scene::Jsapi => "JSAPI",
            Scene::App => "APP",
            Scene::H5 => "MWEB",
            Scene::Native => "NATIVE",
        }
    }

    pub fn from_path(s: &str) -> Option<Self> {
        match s {
            "jsapi" => Some(Scene::Jsapi),
            "app" => Some(Scene::App),
            "h5" => Some(Scene::H5),
            "native" => Some(Scene::Native),
            _ => None,
        }
    }
}

/// Trade bill types (§8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[value(rename_all = "UPPER")]
#[serde(rename_all = "UPPERCASE")]
pub enum BillType {
    All,
    Success,
    Refund,
}

impl BillType {
    pub fn as_str(self) -> &'static str {
        match self {
            BillType::All => "ALL",
            BillType::Success => "SUCCESS",
            BillType::Refund => "REFUND",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ALL" => Some(BillType::All),
            "SUCCESS" => Some(BillType::Success),
            "REFUND" => Some(BillType::Refund),
            _ => None,
        }
    }
}

/// Fund-flow account types (§8.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[value(rename_all = "UPPER")]
#[serde(rename_all = "UPPERCASE")]
pub enum AccountType {
    Basic,
    Operation,
    Fees,
}

impl AccountType {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountType::Basic => "BASIC",
            AccountType::Operation => "OPERATION",
            AccountType::Fees => "FEES",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "BASIC" => Some(AccountType::Basic),
            "OPERATION" => Some(AccountType::Operation),
            "FEES" => Some(AccountType::Fees),
            _ => None,
        }
    }
}

/// One API call: what gets signed and sent. `path` is the canonical URL of apiv3.md §1.1 (path
/// plus `?query` exactly as it goes on the wire); `body` is serialised once and never again.
/// `answer` is what its verified 2xx body must be; the transport checks it (issue 11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Vec<u8>,
    pub answer: Answer,
}

/// Characters allowed unescaped in a query value here: the values we send are dates, enum words
/// and digits, so anything else is percent-encoded (and signed as encoded, §1.4).
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

impl Request {
    /// `POST /v3/combine-transactions/{scene}` (§6.1).
    pub fn combine_prepay(scene: Scene, body: Vec<u8>) -> Self {
        Request {
            method: Method::Post,
            path: format!("/v3/combine-transactions/{}", scene.as_str()),
            body,
            answer: Answer {
                shape: Shape::Prepay(scene),
                echoes: Vec::new(),
            },
        }
    }

    /// `GET /v3/combine-transactions/out-trade-no/{combine_out_trade_no}` (§6.4). The number is
    /// validated before this is built (`[0-9A-Za-z_-|*]`), so it goes into the path as is. The
    /// answer must be about this order of this merchant (§6.4: both fields are always present).
    pub fn combine_query(combine_out_trade_no: &str) -> Self {
        Request {
            method: Method::Get,
            path: format!("/v3/combine-transactions/out-trade-no/{combine_out_trade_no}"),
            body: Vec::new(),
            answer: Answer {
                shape: Shape::CombineOrder,
                echoes: Vec::new(),
            },
        }
        .echoing("combine_out_trade_no", combine_out_trade_no)
        .echoing_signer_mchid("combine_mchid")
    }

    /// `POST /v3/combine-transactions/out-trade-no/{no}/close` (§6.5).
    pub fn combine_close(combine_out_trade_no: &str, body: Vec<u8>) -> Self {
        Request {
            method: Method::Post,
            path: format!("/v3/combine-transactions/out-trade-no/{combine_out_trade_no}/close"),
            body,
            // 204, no body (§6.5).
            answer: Answer::default(),
        }
    }

    /// `GET /v3/bill/tradebill?bill_date=…[&sub_mchid=…][&bill_type=…][&tar_type=GZIP]` (§8.1), in
    /// the parameter order of the derived vector.
    pub fn trade_bill(
        bill_date: &str,
        sub_mchid: Option<&str>,
        bill_type: Option<BillType>,
        gzip: bool,
    ) -> Self {
        let mut q = format!("bill_date={}", query_value(bill_date));
        if let Some(s) = sub_mchid {
            q.push_str(&format!("&sub_mchid={}", query_value(s)));
        }
        if let Some(t) = bill_type {
            q.push_str(&format!("&bill_type={}", t.as_str()));
        }
        if gzip {
            q.push_str("&tar_type=GZIP");
        }
        Request {
            method: Method::Get,
            path: format!("/v3/bill/tradebill?{q}"),
            body: Vec::new(),
            answer: Answer {
                shape: Shape::BillApply,
                echoes: Vec::new(),
            },
        }
        .echoing_if_present("bill_date", bill_date)
    }

    /// `GET /v3/bill/fundflowbill?bill_date=…[&account_type=…][&tar_type=GZIP]` (§8.2).
    pub fn fundflow_bill(bill_date: &str, account_type: Option<AccountType>, gzip: bool) -> Self {
        let mut q = format!("bill_date={}", query_value(bill_date));
        if let Some(t) = account_type {
            q.push_str(&format!("&account_type={}", t.as_str()));
        }
        if gzip {
            q.push_str("&tar_type=GZIP");
        }
        Request {
            method: Method::Get,
            path: format!("/v3/bill/fundflowbill?{q}"),
            body: Vec::new(),
            answer: Answer {
                shape: Shape::BillApply,
                echoes: Vec::new(),
            },
        }
        .echoing_if_present("bill_date", bill_date)
    }

    /// `GET /v3/certificates` (§3).
    pub fn certificates() -> Self {
        Request {
            method: Method::Get,
            path: "/v3/certificates".into(),
            body: Vec::new(),
            answer: Answer {
                shape: Shape::Certificates,
                echoes: Vec::new(),
            },
        }
    }

    /// A `GET` of a path+query taken verbatim from a `download_url` (§8.3: "always use the URL
    /// exactly as returned").
    pub fn get(path_and_query: &str) -> Self {
        Request {
            method: Method::Get,
            path: path_and_query.to_string(),
            body: Vec::new(),
            answer: Answer::default(),
        }
    }

    /// The answer's top-level `field` must be `value` (e.g. `out_refund_no` for refund calls).
    pub fn echoing(mut self, field: &'static str, value: &str) -> Self {
        self.answer.echoes.push(Echo {
            field,
            expected: Expected::Value(value.to_string()),
            required: true,
        });
        self
    }

    /// As [`echoing`](Self::echoing), but only where the answer carries the field at all
    /// (`bill_date` is not in the documented bill apply answer, §8.1; if it is, it must match).
    pub fn echoing_if_present(mut self, field: &'static str, value: &str) -> Self {
        self.answer.echoes.push(Echo {
            field,
            expected: Expected::Value(value.to_string()),
            required: false,
        });
        self
    }

    /// The answer's `field` must be the mchid of the merchant that signs the request.
    pub fn echoing_signer_mchid(mut self, field: &'static str) -> Self {
        self.answer.echoes.push(Echo {
            field,
            expected: Expected::SignerMchid,
            required: true,
        });
        self
    }

    /// Responses to these are never signed (§2.6).
    pub fn response_is_unsigned(&self) -> bool {
        self.path.starts_with("/v3/billdownload/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Request::combine_close("P20150806125346", vec![]).path,
            "/v3/combine-transactions/out-trade-no/P20150806125346/close"
        );
        assert!(Request::get("/v3/billdownload/file?token=x").response_is_unsigned());
    }
}
