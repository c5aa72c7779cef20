//! Durable state in one redb file (`<data dir>/state.redb`). redb commits with
//! `Durability::Immediate` by default, i.e. fsynced before `commit` returns, which is what
//! "durable before the response is sent" needs (issue 3). Values are JSON: small, inspectable, and
//! tolerant of fields added later.
//!
//! Why redb rather than SQLite: it is pure Rust (no C build on a 2-core machine), ACID with
//! copy-on-write B-trees that survive `kill -9` without a recovery step we have to write, and a
//! single writer is all the sandbox needs.

use std::path::Path;

use anyhow::{Context as _, Result};
use redb::{
    Database, ReadableDatabase, ReadableTable, TableDefinition, TableHandle as _, WriteTransaction,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Settings and counters, each key owned by one service: the clock's `clock_offset_ms`, the
/// orders' ledger versions `billver/{date}`.
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

/// Creates a service's tables in the store's first transaction.
pub type CreateTables = fn(&WriteTransaction) -> Result<()>;

pub struct Store {
    db: Database,
}

pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("sandbox records serialise")
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T> {
    serde_json::from_slice(bytes).with_context(|| format!("a stored {what} record is damaged"))
}

impl Store {
    /// Open (or create) the state file; `tables` create each service's tables, all in one
    /// transaction with META.
    pub fn open(path: &Path, tables: &[CreateTables]) -> Result<Self> {
        let db = Database::create(path)
            .with_context(|| format!("opening the sandbox state {}", path.display()))?;
        let txn = db.begin_write()?;
        txn.open_table(META)?;
        for create in tables {
            create(&txn)?;
        }
        txn.commit()?;
        Ok(Store { db })
    }

    /// Every record of a table keyed by number, in key order; `what` names one in errors.
    pub fn all<T: DeserializeOwned>(
        &self,
        table: TableDefinition<u64, &[u8]>,
        what: &str,
    ) -> Result<Vec<T>> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(table)?;
        let mut out = Vec::new();
        for entry in t.iter()? {
            let (_, v) = entry?;
            out.push(decode(v.value(), what)?);
        }
        Ok(out)
    }

    /// Run `f` in a write transaction and commit (fsync) before returning.
    pub fn write<R>(&self, f: impl FnOnce(&WriteTransaction) -> Result<R>) -> Result<R> {
        let txn = self.db.begin_write()?;
        let r = f(&txn)?;
        txn.commit()?;
        Ok(r)
    }

    /// One JSON record by string key.
    pub fn get<T: DeserializeOwned>(
        &self,
        table: TableDefinition<&str, &[u8]>,
        key: &str,
    ) -> Result<Option<T>> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(table)?;
        match t.get(key)? {
            Some(v) => Ok(Some(decode(v.value(), table.name())?)),
            None => Ok(None),
        }
    }

    /// Every JSON record of a string-keyed table whose key starts with `prefix`.
    pub fn scan<T: DeserializeOwned>(
        &self,
        table: TableDefinition<&str, &[u8]>,
        prefix: &str,
    ) -> Result<Vec<(String, T)>> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(table)?;
        let mut out = Vec::new();
        for entry in t.range(prefix..)? {
            let (k, v) = entry?;
            let key = k.value().to_string();
            if !key.starts_with(prefix) {
                break;
            }
            out.push((key, decode(v.value(), table.name())?));
        }
        Ok(out)
    }

    /// Entries of a date index (PAID, REFUNDS) for one date: `(key after the date, time)`.
    pub fn index_on(
        &self,
        table: TableDefinition<&str, i64>,
        date: &str,
    ) -> Result<Vec<(String, i64)>> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(table)?;
        let prefix = format!("{date}|");
        let mut out = Vec::new();
        for entry in t.range(prefix.as_str()..)? {
            let (k, v) = entry?;
            let Some(order) = k.value().strip_prefix(&prefix).map(str::to_string) else {
                break;
            };
            out.push((order, v.value()));
        }
        Ok(out)
    }
}

/// Read a JSON record inside a write transaction.
pub fn get_in<T: DeserializeOwned>(
    txn: &WriteTransaction,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
) -> Result<Option<T>> {
    let t = txn.open_table(table)?;
    let v = t.get(key)?;
    match v {
        Some(v) => Ok(Some(decode(v.value(), table.name())?)),
        None => Ok(None),
    }
}

/// Write a JSON record inside a write transaction.
pub fn put_in<T: Serialize>(
    txn: &WriteTransaction,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
    value: &T,
) -> Result<()> {
    let mut t = txn.open_table(table)?;
    t.insert(key, encode(value).as_slice())?;
    Ok(())
}

/// Set a META value inside a write transaction.
pub fn set_meta_in<T: Serialize>(txn: &WriteTransaction, key: &str, value: &T) -> Result<()> {
    put_in(txn, META, key, value)
}

/// A numeric counter in META (ledger versions per date), incremented.
pub fn bump_in(txn: &WriteTransaction, key: &str) -> Result<u64> {
    let mut t = txn.open_table(META)?;
    let cur: u64 = match t.get(key)? {
        Some(v) => serde_json::from_slice(v.value()).unwrap_or(0),
        None => 0,
    };
    let next = cur + 1;
    t.insert(key, encode(&next).as_slice())?;
    Ok(next)
}

impl Store {
    pub fn meta_u64(&self, key: &str) -> Result<u64> {
        Ok(self.get::<u64>(META, key)?.unwrap_or(0))
    }
    pub fn meta_i64(&self, key: &str) -> Result<i64> {
        Ok(self.get::<i64>(META, key)?.unwrap_or(0))
    }
}
