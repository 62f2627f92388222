//! Hashing of bearer secrets (refresh, portal and email tokens, API-client
//! secrets). These are 256-bit random values, not passwords, so one SHA-256
//! is enough: nobody can brute-force the preimage, and lookups stay a single
//! cheap hash per request. Passwords use Argon2id instead (auth).

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of the secret: what is stored and looked up.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two hashes without leaking where they differ.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_hex() {
        let h = hash_secret("abc");
        assert_eq!(
            h,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same_hash(&h, &hash_secret("abc")));
        assert!(!same_hash(&h, &hash_secret("abd")));
        assert!(!same_hash(&h, "short"));
    }
}
