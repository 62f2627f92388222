//! Blobs as files under a root directory, with presigned URLs that the local
//! server checks before it moves any bytes, so the local flow (presign, PUT,
//! object-created handler, GET) is the same as the S3 one.
//!
//! Layout under the root:
//! - `objects/<key>`: the bytes;
//! - `meta/<key>.json`: the content type (a separate tree, so no key can
//!   collide with another key's metadata);
//! - `tmp/`: files being written, renamed into place when complete.
//!
//! URLs look like `{public_url}/_local/blobs/{key}?method=PUT&expires=<epoch
//! secs>&content_type=<ct>&signature=<hex HMAC-SHA256>`; the signature covers
//! method, key, expiry and (for PUT) the content type the client must send.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uome_core::ports::{BlobChunks, BlobError, BlobMeta, Blobs, Clock, PresignedRequest};
use url::Url;

type HmacSha256 = Hmac<Sha256>;

/// Why the local server refuses a blob request. It answers 403 for every
/// variant; the variants exist for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlobAccessError {
    #[error("malformed blob request: {0}")]
    Malformed(String),
    #[error("the URL has expired")]
    Expired,
    #[error("the signature is missing or does not match")]
    BadSignature,
    #[error("the URL was signed for another method")]
    MethodMismatch,
    #[error("the Content-Type is not the one the URL was signed for")]
    ContentTypeMismatch,
    #[error("the body is not the length the URL was signed for")]
    LengthMismatch,
}

pub struct FsBlobs {
    root: PathBuf,
    public_url: String,
    secret: Vec<u8>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for FsBlobs {
    // By hand so the signing secret never reaches a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FsBlobs")
            .field("root", &self.root)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
struct Meta {
    content_type: String,
}

impl FsBlobs {
    pub fn new(root: PathBuf, public_url: String, secret: Vec<u8>, clock: Arc<dyn Clock>) -> Self {
        Self {
            root,
            public_url,
            secret,
            clock,
        }
    }

    /// Checks a `PUT`/`GET /_local/blobs/{key}` request against the signed
    /// URL: `query` is the raw query string, `content_type` the request's
    /// `Content-Type` header.
    pub fn authorize(
        &self,
        method: &str,
        key: &str,
        query: Option<&str>,
        content_type: Option<&str>,
    ) -> Result<(), BlobAccessError> {
        self.authorize_sized(method, key, query, content_type, None)
    }

    /// [`Self::authorize`], and for a PUT with `body_length`, that the body
    /// is exactly the length the URL was signed for (S3 signs the
    /// Content-Length of a presigned PUT the same way).
    pub fn authorize_sized(
        &self,
        method: &str,
        key: &str,
        query: Option<&str>,
        content_type: Option<&str>,
        body_length: Option<u64>,
    ) -> Result<(), BlobAccessError> {
        validate_key(key).map_err(|e| BlobAccessError::Malformed(e.to_string()))?;
        let params = SignedParams::parse(query.unwrap_or_default())?;

        let expected = self.canonical(
            &params.method,
            key,
            params.expires,
            params.content_length,
            params.content_type.as_deref(),
        );
        let mut mac = self.mac().map_err(|_| BlobAccessError::BadSignature)?;
        mac.update(expected.as_bytes());
        // verify_slice compares in constant time.
        mac.verify_slice(&params.signature)
            .map_err(|_| BlobAccessError::BadSignature)?;

        if !method.eq_ignore_ascii_case(&params.method) {
            return Err(BlobAccessError::MethodMismatch);
        }
        if self.clock.now().timestamp() > params.expires {
            return Err(BlobAccessError::Expired);
        }
        if params.method == "PUT" {
            let signed = params
                .content_type
                .as_deref()
                .ok_or_else(|| BlobAccessError::Malformed("no content_type".into()))?;
            if content_type != Some(signed) {
                return Err(BlobAccessError::ContentTypeMismatch);
            }
            if let (Some(body), Some(signed)) = (body_length, params.content_length)
                && body != signed
            {
                return Err(BlobAccessError::LengthMismatch);
            }
        }
        Ok(())
    }

    fn mac(&self) -> Result<HmacSha256, hmac::digest::InvalidLength> {
        HmacSha256::new_from_slice(&self.secret)
    }

    /// What gets signed. Unambiguous because the method is a fixed word, the
    /// key has no control characters (validated), the expiry and the length
    /// are digits and the content type comes last.
    fn canonical(
        &self,
        method: &str,
        key: &str,
        expires: i64,
        content_length: Option<u64>,
        content_type: Option<&str>,
    ) -> String {
        format!(
            "{method}\n{key}\n{expires}\n{}\n{}",
            content_length.map(|n| n.to_string()).unwrap_or_default(),
            content_type.unwrap_or_default()
        )
    }

    fn presign(
        &self,
        method: &str,
        key: &str,
        content_type: Option<&str>,
        content_length: Option<u64>,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        validate_key(key)?;
        if let Some(ct) = content_type {
            validate_content_type(ct)?;
        }
        // Rounded up so a sub-second expiry is not already expired.
        let secs = expires_in.as_secs() + u64::from(expires_in.subsec_nanos() > 0);
        let expires = self
            .clock
            .now()
            .timestamp()
            .saturating_add(i64::try_from(secs).unwrap_or(i64::MAX));
        let expires_at = DateTime::<Utc>::from_timestamp(expires, 0).ok_or_else(|| {
            backend(
                "InvalidExpiry",
                format!("expiry out of range: {expires_in:?}"),
            )
        })?;

        let mut mac = self
            .mac()
            .map_err(|e| backend("InvalidSecret", e.to_string()))?;
        mac.update(
            self.canonical(method, key, expires, content_length, content_type)
                .as_bytes(),
        );
        let signature = hex::encode(mac.finalize().into_bytes());

        let mut url = Url::parse(&self.public_url)
            .map_err(|e| backend("InvalidPublicUrl", format!("{}: {e}", self.public_url)))?;
        url.path_segments_mut()
            .map_err(|()| backend("InvalidPublicUrl", self.public_url.clone()))?
            .pop_if_empty()
            .extend(["_local", "blobs"])
            // Each segment is percent-encoded on its own; the slashes stay.
            .extend(key.split('/'));
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("method", method);
            query.append_pair("expires", &expires.to_string());
            if let Some(ct) = content_type {
                query.append_pair("content_type", ct);
            }
            if let Some(length) = content_length {
                query.append_pair("content_length", &length.to_string());
            }
            query.append_pair("signature", &signature);
        }

        let mut headers = BTreeMap::new();
        if let Some(ct) = content_type {
            headers.insert("content-type".to_string(), ct.to_string());
        }
        if method == "PUT" {
            // As on S3: the object is written once (see `Blobs::presign_put`).
            headers.insert("if-none-match".to_string(), "*".to_string());
        }
        Ok(PresignedRequest {
            method: method.to_string(),
            url: url.into(),
            headers,
            expires_at,
        })
    }

    fn object_path(&self, key: &str) -> Result<PathBuf, BlobError> {
        validate_key(key)?;
        Ok(join_key(&self.root.join("objects"), key, ""))
    }

    fn meta_path(&self, key: &str) -> PathBuf {
        join_key(&self.root.join("meta"), key, ".json")
    }

    /// Writes to `tmp/` and renames into place, so readers never see a
    /// half-written file.
    async fn write_atomically(&self, path: &Path, bytes: &[u8]) -> Result<(), BlobError> {
        let tmp_dir = self.root.join("tmp");
        tokio::fs::create_dir_all(&tmp_dir)
            .await
            .map_err(io_error)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(io_error)?;
        }
        let tmp = tmp_dir.join(uuid::Uuid::now_v7().simple().to_string());
        tokio::fs::write(&tmp, bytes).await.map_err(io_error)?;
        if let Err(e) = tokio::fs::rename(&tmp, path).await {
            // Best effort: a leftover temp file is harmless, the error is not.
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(io_error(e));
        }
        Ok(())
    }
}

#[async_trait]
impl Blobs for FsBlobs {
    async fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        content_length: u64,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        self.presign(
            "PUT",
            key,
            Some(content_type),
            Some(content_length),
            expires_in,
        )
    }

    async fn presign_get(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<PresignedRequest, BlobError> {
        self.presign("GET", key, None, None, expires_in)
    }

    async fn head(&self, key: &str) -> Result<Option<BlobMeta>, BlobError> {
        let path = self.object_path(key)?;
        let metadata = match tokio::fs::metadata(&path).await {
            Ok(m) if m.is_file() => m,
            Ok(_) => return Ok(None),
            Err(e) if is_absent(&e) => return Ok(None),
            Err(e) => return Err(io_error(e)),
        };
        let content_type = match tokio::fs::read(self.meta_path(key)).await {
            Ok(bytes) => serde_json::from_slice::<Meta>(&bytes)
                .map(|m| m.content_type)
                .ok(),
            Err(e) if is_absent(&e) => None,
            Err(e) => return Err(io_error(e)),
        };
        Ok(Some(BlobMeta {
            size: metadata.len(),
            content_type,
        }))
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, BlobError> {
        let path = self.object_path(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if is_absent(&e) => Ok(None),
            Err(e) => Err(io_error(e)),
        }
    }

    async fn open(&self, key: &str) -> Result<Option<Box<dyn BlobChunks>>, BlobError> {
        let path = self.object_path(key)?;
        match tokio::fs::File::open(&path).await {
            Ok(file) => Ok(Some(Box::new(FileChunks(file)))),
            Err(e) if is_absent(&e) => Ok(None),
            Err(e) => Err(io_error(e)),
        }
    }

    async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), BlobError> {
        let path = self.object_path(key)?;
        validate_content_type(content_type)?;
        let meta = serde_json::to_vec(&Meta {
            content_type: content_type.to_string(),
        })
        .map_err(|e| backend("Serialize", e.to_string()))?;
        // Metadata first: once the object appears, its content type is there.
        self.write_atomically(&self.meta_path(key), &meta).await?;
        self.write_atomically(&path, &bytes).await
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let path = self.object_path(key)?;
        for file in [path, self.meta_path(key)] {
            match tokio::fs::remove_file(&file).await {
                Ok(()) => {}
                Err(e) if is_absent(&e) => {}
                Err(e) => return Err(io_error(e)),
            }
        }
        Ok(())
    }
}

/// The query parameters of a presigned URL.
struct SignedParams {
    method: String,
    expires: i64,
    content_length: Option<u64>,
    content_type: Option<String>,
    signature: Vec<u8>,
}

impl SignedParams {
    fn parse(query: &str) -> Result<Self, BlobAccessError> {
        let mut method = None;
        let mut expires = None;
        let mut content_type = None;
        let mut content_length = None;
        let mut signature = None;
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match name.as_ref() {
                "method" => &mut method,
                "expires" => &mut expires,
                "content_type" => &mut content_type,
                "content_length" => &mut content_length,
                "signature" => &mut signature,
                _ => continue,
            };
            // A repeated parameter could mean one thing to us and another to
            // a proxy: refuse rather than pick one.
            if slot.replace(value.into_owned()).is_some() {
                return Err(BlobAccessError::Malformed(format!("repeated {name}")));
            }
        }
        let method = method.ok_or_else(|| BlobAccessError::Malformed("no method".into()))?;
        if method != "PUT" && method != "GET" {
            return Err(BlobAccessError::Malformed(format!("method {method:?}")));
        }
        let expires = expires
            .ok_or_else(|| BlobAccessError::Malformed("no expires".into()))?
            .parse::<i64>()
            .map_err(|_| BlobAccessError::Malformed("expires is not a number".into()))?;
        let signature = signature
            .and_then(|s| hex::decode(s).ok())
            .ok_or(BlobAccessError::BadSignature)?;
        let content_length = content_length
            .map(|n| n.parse::<u64>())
            .transpose()
            .map_err(|_| BlobAccessError::Malformed("content_length is not a number".into()))?;
        Ok(Self {
            method,
            expires,
            content_length,
            content_type,
            signature,
        })
    }
}

/// Keys are relative, slash-separated paths that can never leave the root.
fn validate_key(key: &str) -> Result<(), BlobError> {
    let reason = if key.is_empty() {
        Some("empty")
    } else if key.starts_with('/') {
        Some("absolute")
    } else if key.contains('\\') {
        Some("backslash")
    } else if key.chars().any(char::is_control) {
        Some("control character")
    } else if key
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        Some("empty, '.' or '..' segment")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(BlobError::InvalidKey(format!("{key:?}: {reason}"))),
        None => Ok(()),
    }
}

fn validate_content_type(content_type: &str) -> Result<(), BlobError> {
    if content_type.is_empty() || content_type.chars().any(char::is_control) {
        return Err(backend(
            "InvalidContentType",
            format!("{content_type:?} is not a content type"),
        ));
    }
    Ok(())
}

/// `base/seg1/.../segN{suffix}` for a key already validated.
fn join_key(base: &Path, key: &str, suffix: &str) -> PathBuf {
    let mut path = base.to_path_buf();
    let mut segments = key.split('/').peekable();
    while let Some(segment) = segments.next() {
        if segments.peek().is_none() {
            path.push(format!("{segment}{suffix}"));
        } else {
            path.push(segment);
        }
    }
    path
}

/// "Not there" includes a key that is a directory (a prefix of other keys)
/// or runs through a file: S3 has no such objects either.
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::IsADirectory | io::ErrorKind::NotADirectory
    )
}

fn io_error(e: io::Error) -> BlobError {
    backend(&format!("{:?}", e.kind()), e.to_string())
}

fn backend(code: &str, message: impl Into<String>) -> BlobError {
    BlobError::Backend {
        code: code.to_string(),
        message: message.into(),
    }
}

/// A stored file read a piece at a time.
struct FileChunks(tokio::fs::File);

/// How much of a file one piece holds.
const FILE_CHUNK: usize = 1 << 20;

#[async_trait]
impl BlobChunks for FileChunks {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, BlobError> {
        use tokio::io::AsyncReadExt;
        let mut piece = vec![0; FILE_CHUNK];
        let read = self.0.read(&mut piece).await.map_err(io_error)?;
        if read == 0 {
            return Ok(None);
        }
        piece.truncate(read);
        Ok(Some(piece))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uome_core::ports::FixedClock;

    struct Fixture {
        dir: tempfile::TempDir,
        clock: Arc<FixedClock>,
        blobs: FsBlobs,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            DateTime::from_timestamp(1_750_000_000, 0).unwrap(),
        ));
        let blobs = FsBlobs::new(
            dir.path().to_path_buf(),
            "http://127.0.0.1:8080/".into(),
            b"test-secret".to_vec(),
            clock.clone(),
        );
        Fixture { dir, clock, blobs }
    }

    /// Splits a presigned URL the way the local server sees the request.
    fn request_parts(url: &str) -> (String, String) {
        let url = Url::parse(url).unwrap();
        let encoded = url.path().strip_prefix("/_local/blobs/").unwrap();
        let key = encoded
            .split('/')
            .map(|s| {
                url::form_urlencoded::parse(format!("k={}", s.replace('+', "%2B")).as_bytes())
                    .next()
                    .unwrap()
                    .1
                    .into_owned()
            })
            .collect::<Vec<_>>()
            .join("/");
        (key, url.query().unwrap().to_string())
    }

    #[tokio::test]
    async fn round_trip_put_head_get_delete() {
        let f = fixture();
        let key = "uploads/acc-1/invoice one.pdf";
        assert_eq!(f.blobs.head(key).await.unwrap(), None);
        assert_eq!(f.blobs.get(key).await.unwrap(), None);

        f.blobs
            .put(key, b"%PDF bytes".to_vec(), "application/pdf")
            .await
            .unwrap();
        assert_eq!(
            f.blobs.head(key).await.unwrap(),
            Some(BlobMeta {
                size: 10,
                content_type: Some("application/pdf".into())
            })
        );
        assert_eq!(f.blobs.get(key).await.unwrap().unwrap(), b"%PDF bytes");

        // Overwrite replaces bytes and content type.
        f.blobs.put(key, b"a,b".to_vec(), "text/csv").await.unwrap();
        let meta = f.blobs.head(key).await.unwrap().unwrap();
        assert_eq!(
            (meta.size, meta.content_type.as_deref()),
            (3, Some("text/csv"))
        );

        // A prefix of a key is not an object.
        assert_eq!(f.blobs.head("uploads/acc-1").await.unwrap(), None);
        assert_eq!(f.blobs.get("uploads").await.unwrap(), None);

        f.blobs.delete(key).await.unwrap();
        assert_eq!(f.blobs.head(key).await.unwrap(), None);
        f.blobs.delete(key).await.unwrap();
        assert!(
            f.dir
                .path()
                .join("tmp")
                .read_dir()
                .unwrap()
                .next()
                .is_none()
        );
    }

    #[tokio::test]
    async fn presigned_put_and_get_verify() {
        let f = fixture();
        let key = "uploads/a b/ünï+code.csv";
        let put = f
            .blobs
            .presign_put(key, "text/csv", 9, Duration::from_secs(900))
            .await
            .unwrap();
        assert_eq!(put.method, "PUT");
        assert!(
            put.url
                .starts_with("http://127.0.0.1:8080/_local/blobs/uploads/a%20b/")
        );
        assert_eq!(
            put.headers.get("content-type").map(String::as_str),
            Some("text/csv")
        );
        assert_eq!(put.expires_at.timestamp(), 1_750_000_900);

        let (url_key, query) = request_parts(&put.url);
        assert_eq!(url_key, key);
        f.blobs
            .authorize("PUT", key, Some(&query), Some("text/csv"))
            .unwrap();

        let get = f
            .blobs
            .presign_get(key, Duration::from_millis(1500))
            .await
            .unwrap();
        assert!(get.headers.is_empty());
        assert!(!get.url.contains("content_type"));
        assert_eq!(get.expires_at.timestamp(), 1_750_000_002);
        let (_, query) = request_parts(&get.url);
        f.blobs.authorize("GET", key, Some(&query), None).unwrap();
        // The last second is still valid; one past it is not.
        f.clock.advance(chrono::Duration::seconds(2));
        f.blobs.authorize("GET", key, Some(&query), None).unwrap();
    }

    #[tokio::test]
    async fn expired_urls_are_refused() {
        let f = fixture();
        let put = f
            .blobs
            .presign_put("k/x.pdf", "application/pdf", 100, Duration::from_secs(60))
            .await
            .unwrap();
        let (_, query) = request_parts(&put.url);
        f.clock.advance(chrono::Duration::seconds(61));
        assert_eq!(
            f.blobs
                .authorize("PUT", "k/x.pdf", Some(&query), Some("application/pdf")),
            Err(BlobAccessError::Expired)
        );
    }

    #[tokio::test]
    async fn tampering_is_refused() {
        let f = fixture();
        let key = "uploads/acc/x.pdf";
        let put = f
            .blobs
            .presign_put(key, "application/pdf", 100, Duration::from_secs(60))
            .await
            .unwrap();
        let (_, query) = request_parts(&put.url);
        let ok = |m: &str, k: &str, q: &str, ct: Option<&str>| f.blobs.authorize(m, k, Some(q), ct);

        // The length is signed: a body of another size is refused, and so
        // is a URL whose length was changed.
        let sized = |q: &str, n: u64| {
            f.blobs
                .authorize_sized("PUT", key, Some(q), Some("application/pdf"), Some(n))
        };
        assert_eq!(sized(&query, 100), Ok(()));
        assert_eq!(sized(&query, 101), Err(BlobAccessError::LengthMismatch));
        let longer = query.replace("content_length=100", "content_length=101");
        assert_eq!(sized(&longer, 101), Err(BlobAccessError::BadSignature));

        // Another key, another content type in the URL, a longer expiry.
        assert_eq!(
            ok("PUT", "uploads/acc/y.pdf", &query, Some("application/pdf")),
            Err(BlobAccessError::BadSignature)
        );
        let other_ct = query.replace("application%2Fpdf", "text%2Fhtml");
        assert_ne!(other_ct, query);
        assert_eq!(
            ok("PUT", key, &other_ct, Some("text/html")),
            Err(BlobAccessError::BadSignature)
        );
        let later = query.replace("expires=17500000", "expires=18500000");
        assert_ne!(later, query);
        assert_eq!(
            ok("PUT", key, &later, Some("application/pdf")),
            Err(BlobAccessError::BadSignature)
        );
        // Flipping the signed method.
        let as_get = query.replace("method=PUT", "method=GET");
        assert_eq!(
            ok("GET", key, &as_get, None),
            Err(BlobAccessError::BadSignature)
        );
        // A forged signature, a missing one, one from another secret.
        let sig_at = query.find("signature=").unwrap() + "signature=".len();
        let mut forged = query.clone();
        let flipped = if &forged[sig_at..sig_at + 1] == "0" {
            "1"
        } else {
            "0"
        };
        forged.replace_range(sig_at..sig_at + 1, flipped);
        assert_eq!(
            ok("PUT", key, &forged, Some("application/pdf")),
            Err(BlobAccessError::BadSignature)
        );
        let unsigned = &query[..sig_at - "&signature=".len()];
        assert_eq!(
            ok("PUT", key, unsigned, Some("application/pdf")),
            Err(BlobAccessError::BadSignature)
        );
        assert_eq!(
            f.blobs.authorize("PUT", key, None, Some("application/pdf")),
            Err(BlobAccessError::Malformed("no method".into()))
        );
        let stranger = FsBlobs::new(
            PathBuf::from("/nowhere"),
            "http://x".into(),
            b"other".to_vec(),
            f.clock.clone(),
        );
        assert_eq!(
            stranger.authorize("PUT", key, Some(&query), Some("application/pdf")),
            Err(BlobAccessError::BadSignature)
        );
        // Right URL, wrong request method or Content-Type.
        assert_eq!(
            ok("GET", key, &query, None),
            Err(BlobAccessError::MethodMismatch)
        );
        assert_eq!(
            ok("PUT", key, &query, Some("text/html")),
            Err(BlobAccessError::ContentTypeMismatch)
        );
        assert_eq!(
            ok("PUT", key, &query, None),
            Err(BlobAccessError::ContentTypeMismatch)
        );
        // Repeated parameters.
        let doubled = format!("{query}&method=GET");
        assert!(matches!(
            ok("PUT", key, &doubled, Some("application/pdf")),
            Err(BlobAccessError::Malformed(_))
        ));
        // And the untouched request still passes.
        ok("PUT", key, &query, Some("application/pdf")).unwrap();
    }

    #[tokio::test]
    async fn keys_cannot_escape_the_root() {
        let f = fixture();
        for key in [
            "",
            "/etc/passwd",
            "../secret",
            "a/../../secret",
            "a/./b",
            "a//b",
            "a/",
            "a\\..\\b",
            "a\0b",
            "a\nb",
            "..",
        ] {
            assert!(
                matches!(
                    f.blobs.put(key, vec![1], "text/plain").await,
                    Err(BlobError::InvalidKey(_))
                ),
                "{key:?} was accepted by put"
            );
            assert!(matches!(
                f.blobs.get(key).await,
                Err(BlobError::InvalidKey(_))
            ));
            assert!(matches!(
                f.blobs.head(key).await,
                Err(BlobError::InvalidKey(_))
            ));
            assert!(matches!(
                f.blobs.delete(key).await,
                Err(BlobError::InvalidKey(_))
            ));
            assert!(matches!(
                f.blobs
                    .presign_put(key, "text/plain", 1, Duration::from_secs(1))
                    .await,
                Err(BlobError::InvalidKey(_))
            ));
            assert!(matches!(
                f.blobs.authorize("GET", key, Some("method=GET"), None),
                Err(BlobAccessError::Malformed(_))
            ));
        }
        // Dots inside a segment are just a name.
        f.blobs
            .put("a/..b/c..", vec![1], "text/plain")
            .await
            .unwrap();
        assert!(f.blobs.get("a/..b/c..").await.unwrap().is_some());
    }
}
