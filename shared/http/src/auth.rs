//! Who is calling: access tokens (JWT, HS256), API-client headers and portal
//! tokens, turned into a [`Principal`] by the extractors at the bottom.
//!
//! Access tokens are verified here. API clients and portal tokens live in the
//! table, so their check is a [`CredentialVerifier`] the auth use cases
//! provide; without one, those credentials are simply not accepted.

use async_trait::async_trait;
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use chrono::{DateTime, Utc};
use http::HeaderMap;
use http::header::AUTHORIZATION;
use http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::ContactId;
use utoipa::ToSchema;

use crate::context::AppContext;
use crate::error::ApiError;

/// Access tokens live 15 minutes (API.md §3).
pub const ACCESS_TOKEN_TTL_SECS: i64 = 15 * 60;
/// Clock skew tolerated on `exp`.
pub const LEEWAY_SECS: i64 = 10;

/// API-client credential headers, with the seed's names as aliases.
pub const CLIENT_ID_HEADERS: [&str; 2] = ["x-client-id", "api_key"];
pub const CLIENT_SECRET_HEADERS: [&str; 2] = ["x-client-secret", "api_secret"];

/// How access tokens are signed and checked.
#[derive(Clone)]
pub struct JwtConfig {
    /// HS256 key; at least 32 random bytes in production.
    pub secret: Vec<u8>,
    pub issuer: String,
    pub audience: String,
}

impl JwtConfig {
    /// The issuer every Uome access token names.
    pub const ISSUER: &'static str = "uome";
    /// The audience every Uome access token names.
    pub const AUDIENCE: &'static str = "uome-api";

    /// Uome's issuer and audience with the given key.
    pub fn uome(secret: Vec<u8>) -> Self {
        Self {
            secret,
            issuer: Self::ISSUER.to_string(),
            audience: Self::AUDIENCE.to_string(),
        }
    }
}

impl std::fmt::Debug for JwtConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtConfig")
            .field("secret", &"<redacted>")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish()
    }
}

/// What a caller may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The business's user, from `/v1/auth/login`.
    Owner,
    /// An API client of the account: the owner's rights but managing API clients.
    ApiClient,
    /// One contact of the account, through a portal token: `/v1/portal/...` only.
    Client,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::ApiClient => "api_client",
            Role::Client => "client",
        }
    }

    /// Owner or API client: may use the business routes.
    pub fn is_business(self) -> bool {
        matches!(self, Role::Owner | Role::ApiClient)
    }
}

/// The claims of an access token (API.md §3). Times are epoch seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The account id.
    pub acc: String,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    /// Unique token id.
    pub jti: String,
}

/// Signs and verifies access tokens with one HS256 key.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    pub fn new(cfg: &JwtConfig) -> Self {
        // Algorithm pinned: `alg: none` or any other algorithm is refused
        // before the signature is even looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&cfg.issuer]);
        validation.set_audience(&[&cfg.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        // `exp` is checked in `verify_at` against the injected clock, the
        // same clock that set `iat`/`exp` when the token was issued;
        // jsonwebtoken would compare with the system clock.
        validation.validate_exp = false;
        validation.leeway = LEEWAY_SECS as u64;
        Self {
            encoding: EncodingKey::from_secret(&cfg.secret),
            decoding: DecodingKey::from_secret(&cfg.secret),
            validation,
            issuer: cfg.issuer.clone(),
            audience: cfg.audience.clone(),
        }
    }

    /// Claims of a new access token valid `ACCESS_TOKEN_TTL_SECS` from `now`.
    pub fn access_claims(
        &self,
        user_id: &str,
        account_id: &AccountId,
        role: Role,
        now: DateTime<Utc>,
        jti: &str,
    ) -> Claims {
        let iat = now.timestamp();
        Claims {
            sub: user_id.to_owned(),
            acc: account_id.to_string(),
            role,
            iat,
            exp: iat + ACCESS_TOKEN_TTL_SECS,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            jti: jti.to_owned(),
        }
    }

    pub fn issue(&self, claims: &Claims) -> Result<String, ApiError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// Verifies against the system clock.
    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        self.verify_at(token, Utc::now())
    }

    /// Verifies signature, algorithm, issuer, audience and expiry at `now`.
    /// Every failure is the same 401 `invalid_token`: the client learns
    /// nothing about which check failed.
    pub fn verify_at(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, ApiError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| {
                tracing::debug!(error = %e, "access token refused");
                invalid_token()
            })?;
        let claims = data.claims;
        if claims.exp.saturating_add(LEEWAY_SECS) < now.timestamp() {
            tracing::debug!("access token expired");
            return Err(invalid_token());
        }
        Ok(claims)
    }
}

fn invalid_token() -> ApiError {
    ApiError::unauthorized("invalid_token")
}

/// An authenticated caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub account_id: AccountId,
    /// The user id (owner), the API client id (api_client) or the contact id
    /// (client).
    pub subject: String,
    pub role: Role,
}

impl Principal {
    /// The idempotency scope: the account; a portal client gets its own
    /// corner of it, so it can never be handed a response the business got.
    pub fn idempotency_scope(&self) -> String {
        match self.role {
            Role::Owner | Role::ApiClient => self.account_id.to_string(),
            Role::Client => format!("{}:contact:{}", self.account_id, self.subject),
        }
    }
}

/// Checks the credentials stored in the table. Implemented by the auth
/// use cases; `Ok(None)` means "not valid" (401), `Err` a failure (5xx).
#[async_trait]
pub trait CredentialVerifier: Send + Sync {
    /// An API client's id and secret; answers a principal with role `api_client`.
    async fn verify_api_client(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Option<Principal>, ApiError>;

    /// An opaque portal token; answers a principal with role `client` whose
    /// `subject` is the contact id.
    async fn verify_portal_token(&self, token: &str) -> Result<Option<Principal>, ApiError>;
}

/// The paths under which routes need no credentials: sign-up, login and the
/// other `/v1/auth/` flows (but `GET /v1/auth/me`), and the local server's
/// own routes. Every other route answers 401 without credentials before it
/// looks at a header or the body; the system tests hold the OpenAPI
/// document's `security` to this list.
pub const PUBLIC_PREFIXES: [&str; 3] = ["/v1/auth/", "/v1/health", "/_local/"];

/// Whether `path` is a route that needs no credentials (for a `POST`:
/// `GET /v1/auth/me` and `GET /v1/openapi.json` are not `POST`s).
pub fn is_public_path(path: &str) -> bool {
    PUBLIC_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// Whether the request carries any credentials at all.
pub fn has_credentials(headers: &HeaderMap) -> bool {
    headers.contains_key(AUTHORIZATION)
        || CLIENT_ID_HEADERS
            .iter()
            .chain(CLIENT_SECRET_HEADERS.iter())
            .any(|h| headers.contains_key(*h))
}

/// Access tokens are JWTs (three base64url segments); portal tokens are
/// opaque base64url strings without dots.
pub fn is_jwt_shaped(token: &str) -> bool {
    let mut segments = 0;
    for segment in token.split('.') {
        segments += 1;
        if segment.is_empty()
            || !segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return false;
        }
    }
    segments == 3
}

/// Resolves the caller from the headers: `Authorization: Bearer` first,
/// then the API-client header pair. No credentials: 401 `unauthorized`.
pub async fn authenticate(ctx: &AppContext, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let principal = if let Some(value) = headers.get(AUTHORIZATION) {
        let token = bearer_token(value).ok_or_else(|| ApiError::unauthorized("unauthorized"))?;
        if is_jwt_shaped(token) {
            let claims = ctx.jwt.verify_at(token, ctx.ports.clock.now())?;
            if !claims.role.is_business() {
                // Portal access is by opaque token only.
                return Err(invalid_token());
            }
            Principal {
                account_id: AccountId::new(claims.acc),
                subject: claims.sub,
                role: claims.role,
            }
        } else {
            let verifier = ctx.credentials.as_ref().ok_or_else(invalid_token)?;
            let principal = verifier
                .verify_portal_token(token)
                .await?
                .ok_or_else(invalid_token)?;
            expect_role(principal, Role::Client)?
        }
    } else {
        let id = first_header(headers, &CLIENT_ID_HEADERS);
        let secret = first_header(headers, &CLIENT_SECRET_HEADERS);
        match (id, secret) {
            (None, None) => return Err(ApiError::unauthorized("unauthorized")),
            (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => {
                let invalid = || ApiError::unauthorized("invalid_credentials");
                let verifier = ctx.credentials.as_ref().ok_or_else(invalid)?;
                let principal = verifier
                    .verify_api_client(id, secret)
                    .await?
                    .ok_or_else(invalid)?;
                expect_role(principal, Role::ApiClient)?
            }
            _ => return Err(ApiError::unauthorized("invalid_credentials")),
        }
    };
    tracing::Span::current().record("account_id", principal.account_id.as_str());
    Ok(principal)
}

fn bearer_token(value: &http::HeaderValue) -> Option<&str> {
    let value = value.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn first_header<'a>(headers: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// A verifier answering the wrong role is a defect, not a caller's fault.
fn expect_role(principal: Principal, role: Role) -> Result<Principal, ApiError> {
    if principal.role == role {
        Ok(principal)
    } else {
        Err(ApiError::internal_msg(format!(
            "credential verifier answered role {} where {} was expected",
            principal.role.as_str(),
            role.as_str()
        )))
    }
}

/// The caller, from the request extensions when a middleware (idempotency)
/// already resolved it, else from the headers.
async fn principal_of(ctx: &AppContext, parts: &mut Parts) -> Result<Principal, ApiError> {
    if let Some(principal) = parts.extensions.get::<Principal>() {
        return Ok(principal.clone());
    }
    let principal = authenticate(ctx, &parts.headers).await?;
    parts.extensions.insert(principal.clone());
    Ok(principal)
}

impl<S> FromRequestParts<S> for Principal
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        principal_of(&AppContext::from_ref(state), parts).await
    }
}

/// `Option<Principal>`: `None` without credentials, 401 for bad ones.
impl<S> OptionalFromRequestParts<S> for Principal
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        if !has_credentials(&parts.headers) && parts.extensions.get::<Principal>().is_none() {
            return Ok(None);
        }
        principal_of(&AppContext::from_ref(state), parts)
            .await
            .map(Some)
    }
}

/// The owner or an API client of an account; a portal client is 403.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Business(pub Principal);

impl<S> FromRequestParts<S> for Business
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let principal = principal_of(&AppContext::from_ref(state), parts).await?;
        if principal.role.is_business() {
            Ok(Business(principal))
        } else {
            Err(ApiError::forbidden("forbidden"))
        }
    }
}

/// The owner only (API clients may not manage API clients): others are 403.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner(pub Principal);

impl<S> FromRequestParts<S> for Owner
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let principal = principal_of(&AppContext::from_ref(state), parts).await?;
        if principal.role == Role::Owner {
            Ok(Owner(principal))
        } else {
            Err(ApiError::forbidden("forbidden"))
        }
    }
}

/// One contact of one account, through a portal token; business callers are 403.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalClient {
    pub account_id: AccountId,
    pub contact_id: ContactId,
}

impl<S> FromRequestParts<S> for PortalClient
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let principal = principal_of(&AppContext::from_ref(state), parts).await?;
        if principal.role == Role::Client {
            Ok(PortalClient {
                account_id: principal.account_id,
                contact_id: ContactId::from(principal.subject),
            })
        } else {
            Err(ApiError::forbidden("forbidden"))
        }
    }
}
