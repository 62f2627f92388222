//! Identifiers and secrets-grade random tokens, injected for tests.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use uuid::Uuid;

pub trait Ids: Send + Sync {
    /// A new UUID v7 (time-ordered) for a resource.
    fn new_id(&self) -> Uuid;
    /// 32 random bytes from the OS generator, URL-safe base64 without padding:
    /// for tokens that go in links and headers.
    fn token(&self) -> String;
}

#[derive(Clone, Copy, Debug, Default)]
pub struct RandomIds;

impl Ids for RandomIds {
    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }

    fn token(&self) -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_and_distinct() {
        let ids = RandomIds;
        let a = ids.token();
        let b = ids.token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn ids_are_v7() {
        assert_eq!(RandomIds.new_id().get_version_num(), 7);
    }
}
