//! Randomness for nonces and generated identifiers: the one place outside the sandbox's key
//! generation that draws random numbers (the signing core takes nonces as parameters).

const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `len` random characters from `[0-9A-Za-z]`, as the official SDKs generate nonces (apiv3.md §1.1).
pub fn alphanumeric(len: usize) -> String {
    from_alphabet(ALPHANUMERIC, len)
}

/// `len` random decimal digits.
pub fn digits(len: usize) -> String {
    from_alphabet(b"0123456789", len)
}

/// Uniform choice by rejection sampling, so no character is favoured.
fn from_alphabet(alphabet: &[u8], len: usize) -> String {
    let limit = 256 - (256 % alphabet.len());
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        aws_lc_rs::rand::fill(&mut buf).expect("the system RNG is available");
        for &b in &buf {
            if (b as usize) < limit && out.len() < len {
                out.push(alphabet[b as usize % alphabet.len()] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn nonce_shape() {
        let n = super::alphanumeric(32);
        assert_eq!(n.len(), 32);
        assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(n, super::alphanumeric(32));
        assert!(super::digits(28).bytes().all(|b| b.is_ascii_digit()));
    }
}
