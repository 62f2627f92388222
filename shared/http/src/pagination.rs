//! Lists: `?limit=&cursor=` in, `{"data":[...],"next_cursor":...}` out.
//!
//! A cursor is the table's `LastKey` sealed with HMAC-SHA256 over a scope
//! (`"<account id>:<list>"`), so a client can neither forge one nor replay
//! one from another account or another list: the key inside could otherwise
//! point anywhere in the table.

use axum::extract::FromRequestParts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use http::request::Parts;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uome_core::ports::LastKey;
use utoipa::ToSchema;

use crate::error::ApiError;

type HmacSha256 = Hmac<Sha256>;

const MAC_LEN: usize = 32;
/// Format version, first byte of the payload, so the format can change
/// without old cursors being misread.
const CURSOR_V1: u8 = 1;

/// `?limit=` (1–200, default 50) and `?cursor=`; anything else in the query
/// is left to the route's own `Query<Filters>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListParams {
    pub limit: u32,
    /// The opaque cursor as sent; open it with [`CursorCodec::open`] or
    /// [`ListParams::start_after`].
    pub cursor: Option<String>,
}

impl ListParams {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;

    /// Parses the two parameters out of a raw query string.
    pub fn from_query(query: Option<&str>) -> Result<Self, ApiError> {
        #[derive(Deserialize)]
        struct Raw {
            limit: Option<String>,
            cursor: Option<String>,
        }
        let uri: http::Uri = match query {
            Some(q) => format!("/?{q}").parse().map_err(|_| {
                ApiError::bad_request("invalid_query", "The query string is not valid.")
            })?,
            None => http::Uri::from_static("/"),
        };
        let axum::extract::Query(raw) = axum::extract::Query::<Raw>::try_from_uri(&uri)?;
        let limit = match raw.limit.as_deref() {
            None | Some("") => Self::DEFAULT_LIMIT,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=Self::MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "invalid_query",
                        format!("limit must be an integer from 1 to {}.", Self::MAX_LIMIT),
                    )
                })?,
        };
        let cursor = raw.cursor.filter(|c| !c.is_empty());
        Ok(Self { limit, cursor })
    }

    /// The key to start after, checked against `scope`; `None` on page one.
    pub fn start_after(
        &self,
        codec: &CursorCodec,
        scope: &str,
    ) -> Result<Option<LastKey>, ApiError> {
        self.cursor
            .as_deref()
            .map(|cursor| codec.open(scope, cursor))
            .transpose()
    }
}

impl Default for ListParams {
    fn default() -> Self {
        Self {
            limit: Self::DEFAULT_LIMIT,
            cursor: None,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ListParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::from_query(parts.uri.query())
    }
}

/// Seals and opens cursors with one HMAC key (from configuration).
#[derive(Clone)]
pub struct CursorCodec {
    /// Keyed once; cloned per use (HMAC state is a few hundred bytes).
    keyed: HmacSha256,
}

impl std::fmt::Debug for CursorCodec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorCodec { key: <redacted> }")
    }
}

impl CursorCodec {
    pub fn new(secret: &[u8]) -> Self {
        // HMAC takes keys of any length, so the fallback is unreachable; it
        // only keeps construction free of panics.
        let keyed = <HmacSha256 as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()));
        Self { keyed }
    }

    /// URL-safe base64 of `version | JSON(last) | HMAC(scope, version | JSON)`.
    pub fn seal(&self, scope: &str, last: &LastKey) -> String {
        let mut payload = vec![CURSOR_V1];
        // A LastKey is strings only: serializing it cannot fail, and an
        // empty payload would only fail to open, never open wrongly.
        if let Ok(json) = serde_json::to_vec(last) {
            payload.extend_from_slice(&json);
        }
        let mac = self.mac(scope, &payload);
        payload.extend_from_slice(&mac);
        URL_SAFE_NO_PAD.encode(payload)
    }

    /// The key inside a cursor sealed for `scope`; anything forged, cut,
    /// or sealed for another scope is 400 `invalid_cursor`.
    pub fn open(&self, scope: &str, cursor: &str) -> Result<LastKey, ApiError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(cursor.as_bytes())
            .map_err(|_| invalid_cursor())?;
        if bytes.len() <= MAC_LEN + 1 {
            return Err(invalid_cursor());
        }
        let (payload, tag) = bytes.split_at(bytes.len() - MAC_LEN);
        let mut mac = self.keyed();
        mac.update(&scope_prefix(scope));
        mac.update(payload);
        mac.verify_slice(tag).map_err(|_| invalid_cursor())?;
        match payload.split_first() {
            Some((&CURSOR_V1, json)) => serde_json::from_slice(json).map_err(|_| invalid_cursor()),
            _ => Err(invalid_cursor()),
        }
    }

    fn keyed(&self) -> HmacSha256 {
        self.keyed.clone()
    }

    fn mac(&self, scope: &str, payload: &[u8]) -> Vec<u8> {
        let mut mac = self.keyed();
        mac.update(&scope_prefix(scope));
        mac.update(payload);
        mac.finalize().into_bytes().to_vec()
    }
}

/// Length-prefixed scope, so `("a", "b:c")` and `("a:b", "c")` never collide.
fn scope_prefix(scope: &str) -> Vec<u8> {
    let mut out = (scope.len() as u64).to_be_bytes().to_vec();
    out.extend_from_slice(scope.as_bytes());
    out
}

fn invalid_cursor() -> ApiError {
    ApiError::bad_request("invalid_cursor", "The cursor is not valid for this list.")
}

/// The most a list page of documents answers, in bytes: far below Lambda's
/// 6 MB response limit, whatever the documents hold.
pub const MAX_PAGE_BYTES: usize = 1 << 20;

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub data: Vec<T>,
    /// Pass back as `?cursor=` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page whose next cursor (if any) is sealed for `scope`.
    pub fn new(data: Vec<T>, next: Option<&LastKey>, codec: &CursorCodec, scope: &str) -> Self {
        Self {
            data,
            next_cursor: next.map(|last| codec.seal(scope, last)),
        }
    }

    /// [`Page::new`], ended early where the answer would pass
    /// [`MAX_PAGE_BYTES`]: it keeps at least one item, and its cursor then
    /// starts right after the last one it keeps (`after[i]` follows
    /// `data[i]`), so nothing is skipped or repeated.
    pub fn within_bytes(
        data: Vec<T>,
        after: &[LastKey],
        next: Option<&LastKey>,
        codec: &CursorCodec,
        scope: &str,
    ) -> Self
    where
        T: Serialize,
    {
        // Room for the envelope and the cursor.
        let budget = MAX_PAGE_BYTES - 1024;
        let mut used = 0;
        let mut kept = Vec::with_capacity(data.len());
        for (i, item) in data.into_iter().enumerate() {
            let size = serde_json::to_vec(&item).map_or(0, |bytes| bytes.len() + 1);
            if !kept.is_empty() && used + size > budget {
                return Self::new(kept, after.get(i - 1), codec, scope);
            }
            used += size;
            kept.push(item);
        }
        Self::new(kept, next, codec, scope)
    }

    /// A page that is the whole list.
    pub fn last(data: Vec<T>) -> Self {
        Self {
            data,
            next_cursor: None,
        }
    }
}
