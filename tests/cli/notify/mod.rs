//! `notify decrypt` and `notify listen`, on captured and sandbox-sent notifications.

mod capture;
mod decrypt;
mod from_sandbox;
mod listen;
