//! When the business takes orders: `GET /portal/catalogue` lists its
//! active items with a quantity field each; `POST /portal/orders` places
//! the order (`uome_core::orders::place_order`, the rules of
//! `POST /v1/portal/orders`; the business is emailed) and redirects (303)
//! to the overview. The form's `once` field makes a second submission of
//! the same form land where the first did instead of ordering again.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;
use maud::{Markup, html};
use uome_core::CoreError;
use uome_core::catalogue::Item;
use uome_core::documents::display::money;
use uome_core::orders::{OrderInput, OrderLine, PlacedBy, orderable_items, place_order};
use uome_domain::{Decimal, FieldError};
use uome_http::AppContext;

use super::Portal;
use crate::csrf;
use crate::error::PageError;
use crate::form::PageForm;
use crate::layout::respond;
use crate::once::{self, Once};
use crate::session::Visitor;

/// Items shown: a small business's catalogue; the search of the JSON
/// route is for larger ones.
const SHOWN: u32 = 200;
const QUANTITY_PREFIX: &str = "qty_";

fn catalogue_page(
    ctx: &AppContext,
    portal: &Portal,
    items: &[Item],
    values: &BTreeMap<String, String>,
    errors: &[FieldError],
) -> Markup {
    let once_value = values
        .get(once::FIELD)
        .cloned()
        .unwrap_or_else(|| once::fresh(ctx));
    html! {
        h1 { "Order from " (portal.me.business.name) }
        @if !errors.is_empty() {
            div.alert role="alert" {
                p { "The order was not placed:" }
                ul { @for e in errors { li { (e.message) } } }
            }
        }
        @if items.is_empty() {
            p.empty { "There is nothing to order at the moment." }
        } @else {
            form method="post" action="/portal/orders" {
                input type="hidden" name=(csrf::FIELD) value=(portal.csrf);
                input type="hidden" name=(once::FIELD) value=(once_value);
                div.table-wrap {
                    table {
                        caption.visually-hidden { "Items and quantities" }
                        thead {
                            tr {
                                th scope="col" { "Item" }
                                th.num scope="col" { "Price" }
                                th.num scope="col" { "Quantity" }
                            }
                        }
                        tbody {
                            @for item in items {
                                @let field = format!("{QUANTITY_PREFIX}{}", item.id);
                                tr {
                                    th scope="row" {
                                        label for=(field) { (item.name) }
                                        @if let Some(d) = &item.description { br; small { (d) } }
                                    }
                                    td.num {
                                        (money(item.sales_price, item.currency))
                                        @if let Some(unit) = &item.unit { " / " (unit) }
                                    }
                                    td.num {
                                        input.qty id=(field) name=(field) type="number" min="0" step="any"
                                            inputmode="decimal"
                                            value=(values.get(&field).map(String::as_str).unwrap_or(""));
                                    }
                                }
                            }
                        }
                    }
                }
                div.field {
                    label for="notes" { "Notes for the business " span.optional { "(optional)" } }
                    textarea #notes name="notes" rows="3" maxlength="2000" {
                        (values.get("notes").map(String::as_str).unwrap_or(""))
                    }
                }
                button type="submit" { "Place the order" }
            }
        }
        p { a href="/portal" { "Back to your documents" } }
    }
}

async fn items(ctx: &AppContext, visitor: &Visitor) -> Result<Vec<Item>, PageError> {
    Ok(
        orderable_items(&ctx.ports, &visitor.session.account_id, None, SHOWN, None)
            .await?
            .items,
    )
}

pub async fn catalogue(
    State(ctx): State<AppContext>,
    visitor: Visitor,
) -> Result<Response, PageError> {
    let (portal, items) = tokio::try_join!(Portal::load(&ctx, &visitor), items(&ctx, &visitor))?;
    let main = catalogue_page(&ctx, &portal, &items, &BTreeMap::new(), &[]);
    Ok(respond(StatusCode::OK, portal.page("Order", main)))
}

/// The form's lines: every quantity field that is filled in.
fn lines(values: &BTreeMap<String, String>) -> Result<Vec<OrderLine>, Vec<FieldError>> {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (name, raw) in values {
        let Some(item_id) = name.strip_prefix(QUANTITY_PREFIX) else {
            continue;
        };
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        match raw.parse::<Decimal>() {
            Ok(q) if q.is_zero() => {}
            Ok(quantity) => lines.push(OrderLine {
                item_id: item_id.to_string(),
                quantity,
            }),
            Err(_) => errors.push(FieldError::new(
                name.clone(),
                format!("“{raw}” is not a quantity"),
            )),
        }
    }
    if errors.is_empty() && lines.is_empty() {
        errors.push(FieldError::new(
            "lines",
            "Enter a quantity for at least one item.",
        ));
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// The catalogue again, with what was entered and why it was refused (422).
async fn refuse(
    ctx: &AppContext,
    visitor: &Visitor,
    values: &BTreeMap<String, String>,
    errors: &[FieldError],
) -> Result<Response, PageError> {
    let (portal, items) = tokio::try_join!(Portal::load(ctx, visitor), items(ctx, visitor))?;
    let main = catalogue_page(ctx, &portal, &items, values, errors);
    Ok(respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        portal.page("Order", main),
    ))
}

pub async fn place(
    State(ctx): State<AppContext>,
    visitor: Visitor,
    PageForm(values): PageForm<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    visitor.check_csrf(&ctx, values.get(csrf::FIELD).map(String::as_str))?;
    let lines = match lines(&values) {
        Ok(lines) => lines,
        Err(errors) => return refuse(&ctx, &visitor, &values, &errors).await,
    };
    let session = &visitor.session;
    let scope = format!("{}#{}", session.account_id, session.contact_id);
    let claim = match once::claim(&ctx, &scope, values.get(once::FIELD).map(String::as_str)).await?
    {
        Once::First(claim) => claim,
        Once::Repeat(Some(location)) => return Ok(Redirect::to(&location).into_response()),
        Once::Repeat(None) => {
            return Err(PageError::Conflict(
                "This order is still being placed. Wait a moment and open your documents.".into(),
            ));
        }
    };
    let input = OrderInput {
        contact_id: session.contact_id.clone(),
        currency: None,
        lines,
        notes: values
            .get("notes")
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
    };
    match place_order(
        &ctx.ports,
        &ctx.service,
        &session.account_id,
        input,
        PlacedBy::Client,
    )
    .await
    {
        Ok(_) => {
            let location = "/portal?done=order";
            once::finish(&ctx, claim, location).await?;
            Ok(Redirect::to(location).into_response())
        }
        Err(e) => {
            once::release(&ctx, &claim).await;
            match e {
                CoreError::Validation(errors) => refuse(&ctx, &visitor, &values, &errors).await,
                other => Err(other.into()),
            }
        }
    }
}
