//! `GET /portal/address` shows the contact's billing address as a form;
//! `POST /portal/address` saves it (`uome_core::contacts::
//! set_portal_address`, the rules of `PUT /v1/portal/address`), errors
//! beside their fields, then redirects (303) to the overview.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;
use uome_core::CoreError;
use uome_core::contacts::{PortalAddressInput, set_portal_address};
use uome_domain::{Address, FieldError};
use uome_http::AppContext;

use super::Portal;
use crate::csrf;
use crate::error::PageError;
use crate::form::PageForm;
use crate::layout::{Input, errors_for, respond};
use crate::session::Visitor;

#[derive(Deserialize, Default)]
pub struct AddressForm {
    csrf: Option<String>,
    line1: Option<String>,
    line2: Option<String>,
    city: Option<String>,
    postal_code: Option<String>,
    region: Option<String>,
    country_code: Option<String>,
}

impl AddressForm {
    fn of(address: Option<&Address>) -> Self {
        let Some(a) = address else {
            return Self::default();
        };
        Self {
            csrf: None,
            line1: a.line1.clone(),
            line2: a.line2.clone(),
            city: a.city.clone(),
            postal_code: a.postal_code.clone(),
            region: a.region.clone(),
            country_code: a.country_code.clone(),
        }
    }

    fn address(&self) -> Address {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Address {
            line1: given(&self.line1),
            line2: given(&self.line2),
            line3: None,
            city: given(&self.city),
            postal_code: given(&self.postal_code),
            region: given(&self.region),
            country_code: given(&self.country_code).map(|c| c.to_ascii_uppercase()),
        }
    }
}

/// The form's fields: name, label, autocomplete token, required.
const FIELDS: [(&str, &str, &str, bool); 6] = [
    ("line1", "Street and number", "address-line1", true),
    ("line2", "Address line 2", "address-line2", false),
    ("postal_code", "Postal code", "postal-code", false),
    ("city", "Town or city", "address-level2", false),
    ("region", "Region or state", "address-level1", false),
    (
        "country_code",
        "Country (two-letter code, e.g. CH, DE, GB)",
        "country",
        true,
    ),
];

fn form(portal: &Portal, values: &AddressForm, errors: &[FieldError]) -> Markup {
    let value = |name: &str| -> String {
        match name {
            "line1" => values.line1.clone(),
            "line2" => values.line2.clone(),
            "postal_code" => values.postal_code.clone(),
            "city" => values.city.clone(),
            "region" => values.region.clone(),
            _ => values.country_code.clone(),
        }
        .unwrap_or_default()
    };
    html! {
        h1 { "Your address" }
        p { (portal.me.business.name) " puts this address on your quotes and invoices." }
        @if !errors.is_empty() {
            div.alert role="alert" { p { "Please correct the fields marked below." } }
        }
        form method="post" action="/portal/address" novalidate {
            input type="hidden" name=(csrf::FIELD) value=(portal.csrf);
            fieldset {
                legend { "Billing address" }
                @for (name, label, autocomplete, required) in FIELDS {
                    (Input { name, label, kind: "text", value: &value(name), autocomplete, required,
                             hint: None, error: errors_for(errors, &format!("billing_address.{name}")) }.render())
                }
            }
            button type="submit" { "Save the address" }
        }
        p { a href="/portal" { "Back to your documents" } }
    }
}

pub async fn address_form(
    State(ctx): State<AppContext>,
    visitor: Visitor,
) -> Result<Response, PageError> {
    let portal = Portal::load(&ctx, &visitor).await?;
    let values = AddressForm::of(portal.me.contact.billing_address.as_ref());
    let main = form(&portal, &values, &[]);
    Ok(respond(StatusCode::OK, portal.page("Your address", main)))
}

pub async fn address_submit(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    PageForm(values): PageForm<AddressForm>,
) -> Result<Response, PageError> {
    visitor.check_csrf(&ctx, values.csrf.as_deref())?;
    let input = PortalAddressInput {
        billing_address: Some(values.address()),
        shipping_address: None,
    };
    let session = &visitor.session;
    match set_portal_address(&ctx.ports, &session.account_id, &session.contact_id, input).await {
        Ok(_) => Ok(Redirect::to("/portal?done=address").into_response()),
        Err(CoreError::Validation(errors)) => {
            let portal = Portal::load(&ctx, &visitor).await?;
            let main = form(&portal, &values, &errors);
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                portal.page("Your address", main),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
