//! The contact side of the client portal (API.md §10): `GET /v1/portal/me`
//! and `PUT /v1/portal/address`, for a portal token's holder only (a
//! business token is 403 `forbidden`). The account and the contact come
//! from the token, never from the request. Use cases in
//! `uome_core::contacts::{portal_me, set_portal_address}`.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use uome_core::contacts::{self, PortalAddressInput, PortalBusiness, PortalContact, PortalMe};
use uome_domain::Address;
use uome_http::{ApiError, AppContext, Json, PortalClient, Problem};
use utoipa::ToSchema;

use crate::dto::AddressSchema;

/// The client's own contact, without anything the business keeps private.
#[derive(Debug, Serialize, ToSchema)]
pub struct PortalContactResponse {
    pub id: String,
    #[schema(example = "CUS-0001")]
    pub number: String,
    /// The company name, or "first last" for a person.
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[schema(value_type = Option<AddressSchema>)]
    pub billing_address: Option<Address>,
    #[schema(value_type = Option<AddressSchema>)]
    pub shipping_address: Option<Address>,
}

impl From<PortalContact> for PortalContactResponse {
    fn from(c: PortalContact) -> Self {
        Self {
            id: c.id,
            number: c.number,
            display_name: c.display_name,
            email: c.email,
            phone: c.phone,
            billing_address: c.billing_address,
            shipping_address: c.shipping_address,
        }
    }
}

/// The business's public details.
#[derive(Debug, Serialize, ToSchema)]
pub struct PortalBusinessResponse {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    #[schema(value_type = Option<AddressSchema>)]
    pub address: Option<Address>,
    /// A signed link to the company logo, valid for a short while; absent
    /// when the business has no logo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

impl From<PortalBusiness> for PortalBusinessResponse {
    fn from(b: PortalBusiness) -> Self {
        Self {
            name: b.name,
            email: b.email,
            phone: b.phone,
            website: b.website,
            address: b.address,
            logo_url: b.logo_url,
        }
    }
}

/// What a portal client sees of itself and of the business.
#[derive(Debug, Serialize, ToSchema)]
pub struct PortalMeResponse {
    pub contact: PortalContactResponse,
    pub business: PortalBusinessResponse,
}

impl From<PortalMe> for PortalMeResponse {
    fn from(me: PortalMe) -> Self {
        Self {
            contact: me.contact.into(),
            business: me.business.into(),
        }
    }
}

/// `PUT /v1/portal/address`. Each address needs at least `line1` and
/// `country_code`; the shipping address, when absent or `null`, stays as
/// it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalAddressBody {
    // Optional here so that a missing billing address is listed in the
    // same 422 as every other bad field.
    #[schema(value_type = AddressSchema, required = true)]
    pub billing_address: Option<Address>,
    #[schema(value_type = Option<AddressSchema>)]
    pub shipping_address: Option<Address>,
}

/// The portal client's contact and the business it deals with.
#[utoipa::path(
    get,
    path = "/v1/portal/me",
    tag = "portal",
    responses(
        (status = 200, description = "The client and the business", body = PortalMeResponse),
        (status = 401, description = "No, a revoked or an expired portal token, or its contact was deleted: `invalid_token`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A business token: `forbidden`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_me(
    State(ctx): State<AppContext>,
    client: PortalClient,
) -> Result<Json<PortalMeResponse>, ApiError> {
    let me = contacts::portal_me(&ctx.ports, &client.account_id, &client.contact_id).await?;
    Ok(Json(me.into()))
}

/// Set the client's billing address (and shipping address, when given).
#[utoipa::path(
    put,
    path = "/v1/portal/address",
    tag = "portal",
    request_body = PortalAddressBody,
    responses(
        (status = 200, description = "The updated client and the business, as `GET /v1/portal/me`", body = PortalMeResponse),
        (status = 401, description = "No, a revoked or an expired portal token, or its contact was deleted: `invalid_token`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A business token: `forbidden`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_address(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Json(body): Json<PortalAddressBody>,
) -> Result<Json<PortalMeResponse>, ApiError> {
    let input = PortalAddressInput {
        billing_address: body.billing_address,
        shipping_address: body.shipping_address,
    };
    let me =
        contacts::set_portal_address(&ctx.ports, &client.account_id, &client.contact_id, input)
            .await?;
    Ok(Json(me.into()))
}
