//! The sandbox (apiv3.md §13) through the library client, and `wxcombine sandbox …` as a process.

mod auth;
mod bills;
mod cli;
mod faults;
mod inspect;
mod notify;
mod orders;
mod refunds;
