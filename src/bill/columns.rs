//! The columns of each bill table, by header name (apiv3.md §9.2, §9.3): what each header means,
//! its stable snake_case key in JSON and CSV, and how its text becomes a value. Columns are found by
//! NAME, never by position, because the column sets and orders differ between bill types (§9.4).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::money::{AmountError, Count, Fee, Fen};

/// How one field's text becomes a typed value, and back into text for CSV.
pub trait Cell: Sized {
    fn parse_cell(raw: &str) -> Result<Self, CellError>;
    fn render_cell(&self) -> String;
}

/// Why a field's text is not a value of its column's type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error("{0:?} is neither 收入 nor 支出")]
    Direction(String),
}

impl Cell for String {
    fn parse_cell(raw: &str) -> Result<Self, CellError> {
        Ok(raw.to_string())
    }
    fn render_cell(&self) -> String {
        self.clone()
    }
}

impl Cell for Fen {
    fn parse_cell(raw: &str) -> Result<Self, CellError> {
        Ok(Fen::parse_yuan(raw)?)
    }
    fn render_cell(&self) -> String {
        self.0.to_string()
    }
}

/// How a column's text becomes its value when that is not the value type's own [`Cell`] parse:
/// every `Cell` parses itself, and [`SignedYuan`] parses the one column whose [`Fen`] may be
/// negative.
pub trait ParseCell<T> {
    fn parse(raw: &str) -> Result<T, CellError>;
}

impl<T: Cell> ParseCell<T> for T {
    fn parse(raw: &str) -> Result<T, CellError> {
        T::parse_cell(raw)
    }
}

/// 账户结余 (§9.3): 元 with a sign allowed, since a balance is a state, not a movement. Every
/// other amount column refuses a minus sign.
pub struct SignedYuan;

impl ParseCell<Fen> for SignedYuan {
    fn parse(raw: &str) -> Result<Fen, CellError> {
        Ok(Fen::parse_signed_yuan(raw)?)
    }
}

/// The parser of a column: its own type, unless the table names another (`: Fen as SignedYuan`).
macro_rules! cell_parser {
    ($ty:ty) => {
        $ty
    };
    ($ty:ty, $parser:ty) => {
        $parser
    };
}

impl Cell for Fee {
    fn parse_cell(raw: &str) -> Result<Self, CellError> {
        Ok(Fee::parse_yuan(raw)?)
    }
    fn render_cell(&self) -> String {
        self.to_string()
    }
}

impl Cell for Count {
    fn parse_cell(raw: &str) -> Result<Self, CellError> {
        Ok(Count::parse(raw)?)
    }
    fn render_cell(&self) -> String {
        self.0.to_string()
    }
}

/// 收支类型 of a fund-flow record (§9.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 收入
    Income,
    /// 支出
    Expense,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Income => "income",
            Direction::Expense => "expense",
        }
    }
}

impl Cell for Direction {
    fn parse_cell(raw: &str) -> Result<Self, CellError> {
        match raw {
            "收入" => Ok(Direction::Income),
            "支出" => Ok(Direction::Expense),
            other => Err(CellError::Direction(other.to_string())),
        }
    }
    fn render_cell(&self) -> String {
        self.as_str().to_string()
    }
}

/// Columns this tool does not know, by header name, with their text as written (backtick
/// stripped), in file order. Serialised as a JSON object under `extra`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra(pub Vec<(String, String)>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One known column: its header as WeChat Pay prints it, and its key in our output.
pub struct Column<F> {
    pub header: &'static str,
    pub key: &'static str,
    pub field: F,
}

/// A row type whose fields are filled from columns by name.
pub trait Table: Default {
    type Field: Copy + PartialEq + 'static;
    const COLUMNS: &'static [Column<Self::Field>];
    fn set(&mut self, field: Self::Field, raw: &str) -> Result<(), CellError>;
    /// The value as CSV text (`None` when the bill lacks the column).
    fn render(&self, field: Self::Field) -> Option<String>;
    fn extra_mut(&mut self) -> &mut Extra;
    fn extra(&self) -> &Extra;
}

/// Declares a row type: the struct (every column optional, since a column may be missing from a
/// bill type), its column enum, and the name → key → type table.
macro_rules! bill_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $field:ident {
            $( $(#[$fmeta:meta])* $variant:ident $key:ident : $ty:ty $(as $parser:ty)? = $header:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $key: Option<$ty>,
            )+
            /// Columns not in the table above, by header name, as written.
            #[serde(skip_serializing_if = "Extra::is_empty")]
            pub extra: Extra,
        }

        #[doc = concat!("The known columns of [`", stringify!($name), "`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $field {
            $( $variant, )+
        }

        impl Table for $name {
            type Field = $field;
            const COLUMNS: &'static [Column<$field>] = &[
                $( Column { header: $header, key: stringify!($key), field: $field::$variant }, )+
            ];
            fn set(&mut self, field: $field, raw: &str) -> Result<(), CellError> {
                match field {
                    $( $field::$variant => {
                        self.$key = Some(<cell_parser!($ty $(, $parser)?) as ParseCell<$ty>>::parse(raw)?)
                    } )+
                }
                Ok(())
            }
            fn render(&self, field: $field) -> Option<String> {
                match field {
                    $( $field::$variant => self.$key.as_ref().map(Cell::render_cell), )+
                }
            }
            fn extra_mut(&mut self) -> &mut Extra {
                &mut self.extra
            }
            fn extra(&self) -> &Extra {
                &self.extra
            }
        }
    };
}

bill_table! {
    /// One record of a trade bill (交易账单, apiv3.md §9.2), for `bill_type` ALL, SUCCESS or REFUND.
    ///
    /// Header → key (`*_fen`: 元 in the bill, integer fen here; `fee`: the exact 5-decimal string):
    ///
    /// | header | key | | header | key |
    /// |---|---|---|---|---|
    /// | 交易时间 | `trade_time` | | 微信退款单号 | `refund_id` |
    /// | 公众账号ID | `appid` | | 商户退款单号 | `out_refund_no` |
    /// | 商户号 | `mchid` | | 退款金额 | `refund_fen` |
    /// | 特约商户号 | `sub_mchid` | | 充值券退款金额 | `recharge_refund_fen` |
    /// | 设备号 | `device_info` | | 退款类型 | `refund_type` |
    /// | 微信订单号 | `transaction_id` | | 退款状态 | `refund_status` |
    /// | 商户订单号 | `out_trade_no` | | 商品名称 | `description` |
    /// | 用户标识 | `openid` | | 商户数据包 | `attach` |
    /// | 交易类型 | `trade_type` | | 手续费 | `fee` |
    /// | 交易状态 | `trade_state` | | 费率 | `rate` (e.g. `"0.60%"`) |
    /// | 付款银行 | `bank_type` | | 订单金额 | `total_fen` |
    /// | 货币种类 | `currency` | | 申请退款金额 | `apply_refund_fen` |
    /// | 应结订单金额 | `settlement_total_fen` | | 费率备注 | `rate_remark` |
    /// | 代金券金额 | `coupon_fen` | | 退款申请时间 (REFUND) | `refund_apply_time` |
    /// | | | | 退款成功时间 (REFUND) | `refund_success_time` |
    ///
    /// Text is kept exactly as written, minus the leading backtick: free text keeps the bill's
    /// escapes (`\ ` for a comma, `\n` for a newline, §9.4), because the bill has no documented
    /// escape for a backslash itself, so undoing them could not be reversed. Non-refund rows of an
    /// ALL bill carry `"0"` in `refund_id`/`out_refund_no` (§9.1); that is kept too.
    pub struct TradeRecord / TradeField {
        TradeTime trade_time: String = "交易时间",
        Appid appid: String = "公众账号ID",
        Mchid mchid: String = "商户号",
        SubMchid sub_mchid: String = "特约商户号",
        DeviceInfo device_info: String = "设备号",
        TransactionId transaction_id: String = "微信订单号",
        OutTradeNo out_trade_no: String = "商户订单号",
        Openid openid: String = "用户标识",
        TradeType trade_type: String = "交易类型",
        TradeState trade_state: String = "交易状态",
        BankType bank_type: String = "付款银行",
        Currency currency: String = "货币种类",
        SettlementTotal settlement_total_fen: Fen = "应结订单金额",
        Coupon coupon_fen: Fen = "代金券金额",
        RefundApplyTime refund_apply_time: String = "退款申请时间",
        RefundSuccessTime refund_success_time: String = "退款成功时间",
        RefundId refund_id: String = "微信退款单号",
        OutRefundNo out_refund_no: String = "商户退款单号",
        Refund refund_fen: Fen = "退款金额",
        RechargeRefund recharge_refund_fen: Fen = "充值券退款金额",
        RefundType refund_type: String = "退款类型",
        RefundStatus refund_status: String = "退款状态",
        Description description: String = "商品名称",
        Attach attach: String = "商户数据包",
        Fee fee: Fee = "手续费",
        Rate rate: String = "费率",
        Total total_fen: Fen = "订单金额",
        ApplyRefund apply_refund_fen: Fen = "申请退款金额",
        RateRemark rate_remark: String = "费率备注",
    }
}

bill_table! {
    /// The summary line of a trade bill (§9.2): the totals the records must add up to.
    ///
    /// | header | key |
    /// |---|---|
    /// | 总交易单数 | `count` |
    /// | 应结订单总金额 | `settlement_total_fen` |
    /// | 退款总金额 | `refund_fen` |
    /// | 充值券退款总金额 | `recharge_refund_fen` |
    /// | 手续费总金额 | `fee` (exact 5-decimal string) |
    /// | 订单总金额 | `total_fen` |
    /// | 申请退款总金额 | `apply_refund_fen` |
    pub struct TradeSummary / TradeSummaryField {
        Count count: Count = "总交易单数",
        SettlementTotal settlement_total_fen: Fen = "应结订单总金额",
        Refund refund_fen: Fen = "退款总金额",
        RechargeRefund recharge_refund_fen: Fen = "充值券退款总金额",
        Fee fee: Fee = "手续费总金额",
        Total total_fen: Fen = "订单总金额",
        ApplyRefund apply_refund_fen: Fen = "申请退款总金额",
    }
}

bill_table! {
    /// One record of a fund-flow bill (资金账单, §9.3).
    ///
    /// | header | key |
    /// |---|---|
    /// | 记账时间 | `booked_time` |
    /// | 微信支付业务单号 | `business_no` |
    /// | 资金流水单号 | `flow_no` |
    /// | 业务名称 | `business_name` |
    /// | 业务类型 | `business_type` |
    /// | 收支类型 | `direction` (`"income"` for 收入, `"expense"` for 支出) |
    /// | 收支金额(元) | `amount_fen` |
    /// | 账户结余(元) | `balance_fen` (may be negative) |
    /// | 资金变更提交申请人 | `applicant` |
    /// | 备注 | `remark` |
    /// | 业务凭证号 | `voucher_no` |
    ///
    /// Headers with full-width parentheses (`收支金额（元）`, the APIv2 spelling) are the same columns.
    pub struct FundFlowRecord / FundFlowField {
        BookedTime booked_time: String = "记账时间",
        BusinessNo business_no: String = "微信支付业务单号",
        FlowNo flow_no: String = "资金流水单号",
        BusinessName business_name: String = "业务名称",
        BusinessType business_type: String = "业务类型",
        Direction direction: Direction = "收支类型",
        Amount amount_fen: Fen = "收支金额(元)",
        Balance balance_fen: Fen as SignedYuan = "账户结余(元)",
        Applicant applicant: String = "资金变更提交申请人",
        Remark remark: String = "备注",
        VoucherNo voucher_no: String = "业务凭证号",
    }
}

bill_table! {
    /// The summary line of a fund-flow bill (§9.3).
    ///
    /// | header | key |
    /// |---|---|
    /// | 资金流水总笔数 | `count` |
    /// | 收入笔数 | `income_count` |
    /// | 收入金额 | `income_fen` |
    /// | 支出笔数 | `expense_count` |
    /// | 支出金额 | `expense_fen` |
    pub struct FundFlowSummary / FundFlowSummaryField {
        Count count: Count = "资金流水总笔数",
        IncomeCount income_count: Count = "收入笔数",
        Income income_fen: Fen = "收入金额",
        ExpenseCount expense_count: Count = "支出笔数",
        Expense expense_fen: Fen = "支出金额",
    }
}

/// A header name as we compare it: trimmed, full-width parentheses made ASCII (§9.3: APIv2 files
/// print `收支金额（元）`, v3 files `收支金额(元)`).
pub fn normalize_header(name: &str) -> String {
    name.trim().replace('（', "(").replace('）', ")")
}

/// Where each field of a line goes, built once from a header line.
#[derive(Debug, Clone)]
pub struct Layout<T: Table> {
    /// Header names as written (normalised), one per field.
    names: Vec<String>,
    /// The known column of each field, `None` for an extra column.
    slots: Vec<Option<T::Field>>,
}

impl<T: Table> Layout<T> {
    pub fn new(names: Vec<String>) -> Self {
        let mut seen: Vec<T::Field> = Vec::new();
        let slots = names
            .iter()
            .map(|name| {
                let field = T::COLUMNS
                    .iter()
                    .find(|c| c.header == name.as_str())
                    .map(|c| c.field)
                    // A repeated known header: the first one is the column, later ones are kept
                    // as extra so nothing is silently overwritten.
                    .filter(|f| !seen.contains(f));
                if let Some(f) = field {
                    seen.push(f);
                }
                field
            })
            .collect();
        Layout { names, slots }
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The position of a known column in the line.
    pub fn position(&self, field: T::Field) -> Option<usize> {
        self.slots.iter().position(|s| *s == Some(field))
    }

    pub fn has(&self, field: T::Field) -> bool {
        self.slots.contains(&Some(field))
    }

    /// Fill a row from its fields (backticks already stripped). The error carries the header name
    /// and key of the offending column.
    pub fn fill(&self, fields: &[&str]) -> Result<T, (String, CellError)> {
        let mut row = T::default();
        for ((name, slot), raw) in self.names.iter().zip(&self.slots).zip(fields) {
            match slot {
                Some(field) => row.set(*field, raw).map_err(|e| {
                    let key = T::COLUMNS
                        .iter()
                        .find(|c| c.field == *field)
                        .map_or("?", |c| c.key);
                    (format!("{name} ({key})"), e)
                })?,
                None => row.extra_mut().0.push((name.clone(), raw.to_string())),
            }
        }
        Ok(row)
    }

    /// Output column keys: the known columns present, in our fixed order, then extras in file
    /// order under their header names (the CSV header).
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = T::COLUMNS
            .iter()
            .filter(|c| self.has(c.field))
            .map(|c| c.key.to_string())
            .collect();
        keys.extend(
            self.names
                .iter()
                .zip(&self.slots)
                .filter(|(_, s)| s.is_none())
                .map(|(n, _)| n.clone()),
        );
        keys
    }

    /// A row's values in the order of [`Layout::keys`], as CSV text.
    pub fn render(&self, row: &T) -> Vec<String> {
        let mut out: Vec<String> = T::COLUMNS
            .iter()
            .filter(|c| self.has(c.field))
            .map(|c| row.render(c.field).unwrap_or_default())
            .collect();
        out.extend(row.extra().0.iter().map(|(_, v)| v.clone()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_snake_case() {
        fn check<T: Table>() {
            let keys: Vec<_> = T::COLUMNS.iter().map(|c| c.key).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[..i].contains(k), "duplicate key {k}");
                assert!(k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            }
        }
        check::<TradeRecord>();
        check::<TradeSummary>();
        check::<FundFlowRecord>();
        check::<FundFlowSummary>();
    }

    #[test]
    fn layout_by_name_keeps_extras() {
        let names = ["商户订单号", "新列", "应结订单金额", "商户订单号"]
            .map(String::from)
            .to_vec();
        let layout = Layout::<TradeRecord>::new(names);
        let row = layout.fill(&["A1", "x", "0.10", "dup"]).unwrap();
        assert_eq!(row.out_trade_no.as_deref(), Some("A1"));
        assert_eq!(row.settlement_total_fen, Some(Fen(10)));
        assert_eq!(row.extra.get("新列"), Some("x"));
        assert_eq!(row.extra.get("商户订单号"), Some("dup"));
        assert_eq!(
            layout.keys(),
            ["out_trade_no", "settlement_total_fen", "新列", "商户订单号"]
        );
        assert_eq!(layout.render(&row), ["A1", "10", "x", "dup"]);
        let err = layout.fill(&["A1", "x", "0.101", "d"]).unwrap_err();
        assert_eq!(err.0, "应结订单金额 (settlement_total_fen)");
    }

    /// `BillReader::next_trade_line` finds a column by `field as usize`: the enum's order must be
    /// the table's.
    #[test]
    fn field_numbers_are_column_indexes() {
        for (i, c) in TradeRecord::COLUMNS.iter().enumerate() {
            assert_eq!(c.field as usize, i, "{}", c.key);
        }
    }

    #[test]
    fn fullwidth_parentheses() {
        assert_eq!(normalize_header(" 收支金额（元）"), "收支金额(元)");
    }
}
