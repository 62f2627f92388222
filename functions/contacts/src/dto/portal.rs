//! The client portal's own shapes (`/v1/portal/me`, `/v1/portal/address`).

use serde::Serialize;
use uome_core::contacts::{PortalBusiness, PortalContact, PortalMe};
use uome_domain::Address;
use utoipa::ToSchema;

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
    pub billing_address: Option<Address>,
    pub shipping_address: Option<Address>,
}

impl From<PortalContact> for PortalContactResponse {
    fn from(c: PortalContact) -> Self {
        Self {
            id: c.id.to_string(),
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

// The `PUT /v1/portal/address` body is core's `PortalAddressInput`.
