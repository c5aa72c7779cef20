//! `--listen ADDR` of `sandbox serve` and `notify listen` (issue 15, item 8): an IP address and
//! port, or a host name and port (`localhost:9200`) resolved here. The callers keep their own
//! loopback rule, applied to the address this returns, so a name is refused exactly like the
//! non-loopback address it stands for unless their `--allow-remote` says otherwise.

use std::net::{SocketAddr, ToSocketAddrs};

/// The address to bind for `value`. A name that resolves to several addresses binds a loopback
/// one if it has one (IPv4 first: `localhost` → 127.0.0.1, the address every example shows),
/// else the first. `Err` is the problem, for the caller to put in its message.
pub fn resolve(value: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = value.parse::<SocketAddr>() {
        return Ok(a);
    }
    let Some((host, port)) = value.rsplit_once(':') else {
        return Err("has no port".into());
    };
    if host.is_empty() || port.parse::<u16>().is_err() {
        return Err("is not HOST:PORT".into());
    }
    let addrs: Vec<SocketAddr> = value
        .to_socket_addrs()
        .map_err(|e| format!("cannot be resolved: {e}"))?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4() && a.ip().is_loopback())
        .or_else(|| addrs.iter().find(|a| a.ip().is_loopback()))
        .or_else(|| addrs.first())
        .copied()
        .ok_or_else(|| "resolves to no address".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_names_resolve_to_what_is_bound() {
        assert_eq!(
            resolve("127.0.0.1:8780").unwrap().to_string(),
            "127.0.0.1:8780"
        );
        assert_eq!(resolve("[::1]:0").unwrap().to_string(), "[::1]:0");
        // localhost is in every hosts file; no DNS is asked.
        assert_eq!(
            resolve("localhost:9200").unwrap().to_string(),
            "127.0.0.1:9200"
        );
        assert!(resolve("localhost").is_err());
        assert!(resolve(":9200").is_err());
        assert!(resolve("localhost:http").is_err());
    }
}
