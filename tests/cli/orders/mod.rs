//! `prepay`, `query`, `close`, `sign-pay`, and the 服务商 mode, through the binary.

mod commands;
mod duplicates;
mod service_provider;
mod sign_pay;
