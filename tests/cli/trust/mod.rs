//! Trust at the edges: hostile answers, bounded input, hosts, secrets, crashes.

mod crash;
mod data;
mod edges;
mod hosts;
mod secrets;
mod transport;
