//! Keys of the local server. One master secret (`UOME_JWT_SECRET`, or a
//! random one kept in the data directory so tokens survive a restart); the
//! blob-URL and cursor keys are derived from it with HMAC under distinct
//! labels, so no key is ever used for two purposes.

use std::path::Path;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub struct LocalSecrets {
    pub jwt: Vec<u8>,
    pub blobs: Vec<u8>,
    pub cursors: Vec<u8>,
}

impl LocalSecrets {
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        let master = match configured {
            Some(s) => s.as_bytes().to_vec(),
            None => load_or_create(&data_dir.join("secret.key"))?,
        };
        Ok(Self {
            jwt: master.clone(),
            blobs: derive(&master, b"uome/local/blob-urls"),
            cursors: derive(&master, b"uome/local/cursors"),
        })
    }
}

fn derive(master: &[u8], label: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

fn load_or_create(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let text = text.trim();
        if !text.is_empty() {
            return Ok(text.as_bytes().to_vec());
        }
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, &secret).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_survives_a_restart_and_keys_differ() {
        let dir = tempfile::tempdir().unwrap();
        let a = LocalSecrets::load(None, dir.path()).unwrap();
        let b = LocalSecrets::load(None, dir.path()).unwrap();
        assert_eq!(a.jwt, b.jwt);
        assert!(a.jwt.len() >= 32);
        assert_ne!(a.blobs, a.cursors);
        assert_ne!(a.blobs, a.jwt);
        let c = LocalSecrets::load(Some("configured-secret-of-some-length!!"), dir.path()).unwrap();
        assert_eq!(c.jwt, b"configured-secret-of-some-length!!");
    }
}
