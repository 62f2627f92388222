//! Password hashing: Argon2id with the RustCrypto/OWASP default parameters
//! (19 MiB, t=2, p=1), stored as a PHC string (`$argon2id$v=19$m=19456,...`).
//!
//! A hash takes tens of milliseconds of pure CPU, so it runs on tokio's
//! blocking pool, never on the threads that drive requests. A login for an
//! unknown email verifies against a fixed dummy hash, so both paths cost one
//! Argon2 run and answer in the same time.

use std::sync::OnceLock;

use argon2::password_hash::Error as HashError;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use rand::RngCore;

use crate::error::{CoreError, CoreResult};

/// 128-bit salts, as the PHC string format recommends.
const SALT_BYTES: usize = 16;
/// What the dummy hash is a hash of; never a real user's hash.
const DUMMY_PASSWORD: &str = "uome: no account has this password";

/// Hashes a new password on the blocking pool.
pub async fn hash_password(password: String) -> CoreResult<String> {
    blocking(move || hash_blocking(&password)).await
}

/// Whether `password` matches `stored` (a PHC string). With `None` (no such
/// user) the dummy hash is verified instead and the answer is `false`.
pub async fn verify_password(password: String, stored: Option<String>) -> CoreResult<bool> {
    blocking(move || match stored {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            verify_blocking(&password, dummy_hash()?)?;
            Ok(false)
        }
    })
    .await
}

/// Hashes on the current thread: for benchmarks and for callers already on
/// a blocking thread.
pub fn hash_blocking(password: &str) -> CoreResult<String> {
    let mut salt = [0u8; SALT_BYTES];
    rand::rng().fill_bytes(&mut salt);
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| CoreError::internal(format!("password hashing failed: {e}")))
}

/// Verifies on the current thread. The parameters come from the stored
/// string, so hashes made with older parameters keep verifying.
pub fn verify_blocking(password: &str, stored: &str) -> CoreResult<bool> {
    match Argon2::default().verify_password(password.as_bytes(), stored) {
        Ok(()) => Ok(true),
        Err(HashError::PasswordInvalid) => Ok(false),
        Err(e) => Err(CoreError::internal(format!(
            "stored password hash is unusable: {e}"
        ))),
    }
}

/// The dummy hash, computed once per process with the same parameters as
/// real hashes (so verifying it costs the same).
fn dummy_hash() -> CoreResult<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    // Two first callers may both compute it; one value wins, both are valid.
    let hash = hash_blocking(DUMMY_PASSWORD)?;
    Ok(DUMMY.get_or_init(|| hash))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> CoreResult<T> + Send + 'static,
) -> CoreResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| CoreError::internal(format!("password task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_with_default_parameters() {
        let hash = hash_blocking("correct-horse-42").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct-horse-42", &hash).unwrap());
        assert!(!verify_blocking("correct-horse-43", &hash).unwrap());
        // Salted: the same password never hashes the same twice.
        assert_ne!(hash, hash_blocking("correct-horse-42").unwrap());
    }

    #[test]
    fn a_corrupt_stored_hash_is_an_error_not_a_mismatch() {
        assert!(verify_blocking("x", "not a phc string").is_err());
    }

    #[tokio::test]
    async fn unknown_users_verify_against_the_dummy_and_fail() {
        assert!(!verify_password(DUMMY_PASSWORD.into(), None).await.unwrap());
        let hash = hash_password("correct-horse-42".into()).await.unwrap();
        assert!(
            verify_password("correct-horse-42".into(), Some(hash))
                .await
                .unwrap()
        );
    }
}
