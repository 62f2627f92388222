//! `/v1/contacts`: create, list, read, replace, patch, delete, archive.
//! Every route needs the business (owner or API client); the account comes
//! from the credentials, never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use http::header::{HeaderValue, LOCATION};
use serde_json::{Map, Value};
use uome_core::contacts::{
    self, ContactFilter, ContactInput, ContactRole, ContactStatus, Expected,
};
use uome_domain::ContactId;
use uome_http::problem_responses::{BadListQuery, BusinessAuth, Invalid};
use uome_http::version::{IfMatch, expected_version, versioned};
use uome_http::{ApiError, AppContext, Business, Json, ListParams, Page, Path, Problem, Query};
use uuid::Uuid;

use super::{ContactConflict, ContactNotFound};
use crate::dto::{ContactResponse, CreateQuery, ListQuery, UpdateQuery};

fn contact_response(status: StatusCode, contact: contacts::Contact) -> Response {
    let version = contact.version;
    versioned(status, version, ContactResponse::from(contact))
}

/// The header's version for the use case, after checking it agrees with the
/// body's `version` when both are given (else 422 on `version`); the body's
/// own version travels inside the input.
fn expected(header: IfMatch, body: Option<u64>) -> Result<Expected, ApiError> {
    expected_version(header, body)?;
    Ok(Expected(header.0))
}

/// Create a contact (`CUS-0001` numbers unless one is given).
#[utoipa::path(
    post,
    path = "/v1/contacts",
    tag = "contacts",
    params(CreateQuery),
    request_body = ContactInput,
    responses(
        (status = 201, description = "Created; `Location` names it, `ETag` is its version", body = ContactResponse),
        (status = 400, description = "Malformed JSON or query", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`duplicate_contact` (same email, with `existing_id`) or `duplicate_number` (with `existing_id`)", body = Problem, content_type = "application/problem+json"),
        Invalid,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Query(query): Query<CreateQuery>,
    Json(body): Json<ContactInput>,
) -> Result<Response, ApiError> {
    let contact = contacts::create_contact(
        &ctx.ports,
        &caller.account_id,
        body,
        query.force.unwrap_or(false),
    )
    .await?;
    let location = format!("/v1/contacts/{}", contact.id);
    let mut response = contact_response(StatusCode::CREATED, contact);
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    Ok(response)
}

/// List contacts by name, or search them; active ones unless `archived=true`.
#[utoipa::path(
    get,
    path = "/v1/contacts",
    tag = "contacts",
    params(ListQuery),
    responses(
        (status = 200, description = "One page", body = Page<ContactResponse>),
        BadListQuery,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_contacts(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<ListQuery>,
) -> Result<Json<Page<ContactResponse>>, ApiError> {
    let filter = ContactFilter {
        search: query.search,
        tag: query.tag,
        // Exactly as the document's patterns spell them: filters take one
        // spelling, unlike body fields, which forgive case.
        role: parse_filter(
            query.role,
            "role",
            |t| ContactRole::parse(t).filter(|r| r.as_str() == t),
            ContactRole::choices,
        )?,
        status: parse_filter(
            query.status,
            "status",
            |t| ContactStatus::parse(t).filter(|s| s.as_str() == t),
            ContactStatus::choices,
        )?,
        archived: query.archived.unwrap_or(false),
    };
    let scope = filter.scope(&caller.account_id);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = contacts::list_contacts(
        ctx.ports.table.as_ref(),
        &caller.account_id,
        &filter,
        params.limit,
        start,
    )
    .await?;
    let data = page.contacts.into_iter().map(Into::into).collect();
    Ok(Json(Page::new(
        data,
        page.next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

fn parse_filter<T>(
    value: Option<String>,
    name: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<Option<T>, ApiError> {
    match uome_http::query_filter::given(value.as_deref()) {
        None => Ok(None),
        Some(text) => parse(text).map(Some).ok_or_else(|| {
            ApiError::bad_request("invalid_query", format!("{name} must be {}.", choices()))
        }),
    }
}

/// One contact.
#[utoipa::path(
    get,
    path = "/v1/contacts/{id}",
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses(
        (status = 200, description = "The contact; `ETag` is its version", body = ContactResponse),
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let contact_id = ContactId::from(id);
    let (contact, balance) = tokio::join!(
        contacts::load_contact(ctx.ports.table.as_ref(), &caller.account_id, &contact_id),
        uome_core::credit_notes::credit_balance(&ctx.ports, &caller.account_id, &contact_id)
    );
    let contact = contact?;
    let version = contact.version;
    let mut view = ContactResponse::from(contact);
    view.credit_balance = Some(
        balance?
            .into_iter()
            .map(|(currency, open)| {
                (
                    currency.code().to_string(),
                    uome_domain::format_amount(open, currency),
                )
            })
            .collect(),
    );
    Ok(versioned(StatusCode::OK, version, view))
}

/// Replace a contact: absent fields take their defaults (`number` is kept).
#[utoipa::path(
    put,
    path = "/v1/contacts/{id}",
    tag = "contacts",
    params(
        ("id" = Uuid, Path, description = "Contact id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
        UpdateQuery
    ),
    request_body = ContactInput,
    responses(
        (status = 200, description = "The replaced contact", body = ContactResponse),
        ContactConflict,
        Invalid,
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn replace_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Query(query): Query<UpdateQuery>,
    Json(body): Json<ContactInput>,
) -> Result<Response, ApiError> {
    let expected = expected(if_match, body.version)?;
    let contact = contacts::replace_contact(
        &ctx.ports,
        &caller.account_id,
        &ContactId::from(id),
        body,
        expected,
        query.force.unwrap_or(false),
    )
    .await?;
    Ok(contact_response(StatusCode::OK, contact))
}

/// Change some fields: an RFC 7386 JSON merge patch (`null` clears a
/// field; arrays are replaced whole). `{"archived": true}` archives.
#[utoipa::path(
    patch,
    path = "/v1/contacts/{id}",
    tag = "contacts",
    params(
        ("id" = Uuid, Path, description = "Contact id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
        UpdateQuery
    ),
    request_body(content = ContactInput, description = "Any subset of the fields (application/json or application/merge-patch+json)"),
    responses(
        (status = 200, description = "The patched contact", body = ContactResponse),
        ContactConflict,
        Invalid,
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn patch_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Query(query): Query<UpdateQuery>,
    // A merge patch of anything but an object would replace the whole
    // contact (RFC 7396): the body must be an object (422 `invalid_body`).
    Json(patch): Json<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let expected = expected(if_match, patch.get("version").and_then(Value::as_u64))?;
    let patch = Value::Object(patch);
    let contact = contacts::patch_contact(
        &ctx.ports,
        &caller.account_id,
        &ContactId::from(id),
        &patch,
        expected,
        query.force.unwrap_or(false),
    )
    .await?;
    Ok(contact_response(StatusCode::OK, contact))
}

/// Delete a contact that no document references (else archive it).
#[utoipa::path(
    delete,
    path = "/v1/contacts/{id}",
    tag = "contacts",
    params(
        ("id" = Uuid, Path, description = "Contact id"),
        ("If-Match" = Option<String>, Header, description = "Optional: the version read"),
    ),
    responses(
        (status = 204, description = "Deleted, with its portal token"),
        (status = 409, description = "`contact_in_use` (documents reference it), `version_conflict`, `contact_busy`", body = Problem, content_type = "application/problem+json"),
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn delete_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    contacts::delete_contact(
        &ctx.ports,
        &caller.account_id,
        &ContactId::from(id),
        contacts::Expected(if_match.0),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archive a contact (same as `PATCH {"archived": true}`); idempotent.
#[utoipa::path(
    post,
    path = "/v1/contacts/{id}/archive",
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses(
        (status = 200, description = "The archived contact", body = ContactResponse),
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn archive_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let contact =
        contacts::set_archived(&ctx.ports, &caller.account_id, &ContactId::from(id), true).await?;
    Ok(contact_response(StatusCode::OK, contact))
}

/// Bring an archived contact back; idempotent.
#[utoipa::path(
    post,
    path = "/v1/contacts/{id}/unarchive",
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses(
        (status = 200, description = "The active contact", body = ContactResponse),
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn unarchive_contact(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let contact =
        contacts::set_archived(&ctx.ports, &caller.account_id, &ContactId::from(id), false).await?;
    Ok(contact_response(StatusCode::OK, contact))
}
