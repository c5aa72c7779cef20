//! The words of the API shared by every layer: prepay scenes, bill types and fund-flow accounts,
//! spelled as WeChat Pay spells them on the wire (apiv3.md §6.1, §8.1, §8.2). Wire types only: the
//! command line maps its flags onto them in `cli::vocab`.

/// The four combine prepay scenes (apiv3.md §6.1, §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scene {
    Jsapi,
    App,
    H5,
    Native,
}

impl Scene {
    /// Every scene, in the order of apiv3.md §6.1.
    pub const ALL: [Scene; 4] = [Scene::Jsapi, Scene::App, Scene::H5, Scene::Native];

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

/// Trade bill or fund-flow bill (§8.1, §8.2; cli.md `--kind trade|fundflow`): the one bill-kind
/// word of the CLI, the bill reader and the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BillKind {
    Trade,
    FundFlow,
}

impl BillKind {
    pub const ALL: [BillKind; 2] = [BillKind::Trade, BillKind::FundFlow];

    /// As in file names (`tradebill_…`, `fundflowbill_…`) and `--kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            BillKind::Trade => "trade",
            BillKind::FundFlow => "fundflow",
        }
    }
}

/// One bill of a day: a trade bill of a type, or a fund-flow bill of an account (§8.1, §8.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bill {
    Trade(BillType),
    FundFlow(AccountType),
}

impl Bill {
    pub fn kind(self) -> BillKind {
        match self {
            Bill::Trade(_) => BillKind::Trade,
            Bill::FundFlow(_) => BillKind::FundFlow,
        }
    }

    /// `bill_type` of a trade bill, `account_type` of a fund-flow bill, as on the wire.
    pub fn type_str(self) -> &'static str {
        match self {
            Bill::Trade(t) => t.as_str(),
            Bill::FundFlow(a) => a.as_str(),
        }
    }
}

/// Trade bill types (§8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum BillType {
    All,
    Success,
    Refund,
}

impl BillType {
    pub const ALL: [BillType; 3] = [BillType::All, BillType::Success, BillType::Refund];

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AccountType {
    Basic,
    Operation,
    Fees,
}

impl AccountType {
    pub const ALL: [AccountType; 3] = [
        AccountType::Basic,
        AccountType::Operation,
        AccountType::Fees,
    ];

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
