//! `GET /portal?token=…` exchanges the emailed link's token for a cookie
//! session and redirects (303) to `/portal`, so the token leaves the
//! address bar; `GET /portal` lists the contact's quotes, invoices, credit
//! notes and orders; `POST /portal/sign-out` ends the session.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;
use http::header::SET_COOKIE;
use maud::{Markup, html};
use serde::Deserialize;
use uome_core::account::settings::load_settings;
use uome_core::credit_notes::CreditNote;
use uome_core::documents::display::{DocumentRow, portal_rows};
use uome_core::invoices::Invoice;
use uome_core::orders::Order;
use uome_core::portal_sessions;
use uome_core::quotes::Quote;
use uome_http::AppContext;

use super::Portal;
use crate::error::PageError;
use crate::form::PageForm;
use crate::layout::{plain_page, respond};
use crate::session::{self, Visitor};

/// How many of each kind the overview lists (newest first).
const LISTED: u32 = 25;

#[derive(Deserialize)]
pub struct HomeQuery {
    token: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

pub async fn home(
    State(ctx): State<AppContext>,
    Query(query): Query<HomeQuery>,
    visitor: Result<Visitor, PageError>,
) -> Result<Response, PageError> {
    if let Some(token) = query.token {
        return enter(&ctx, &token).await;
    }
    let visitor = visitor?;
    let portal = Portal::load(&ctx, &visitor).await?;
    let account = &visitor.session.account_id;
    let contact = &visitor.session.contact_id;
    let (quotes, invoices, credit_notes, settings) = tokio::try_join!(
        portal_rows::<Quote>(&ctx.ports, account, contact, LISTED),
        portal_rows::<Invoice>(&ctx.ports, account, contact, LISTED),
        portal_rows::<CreditNote>(&ctx.ports, account, contact, LISTED),
        load_settings(ctx.ports.table.as_ref(), account),
    )?;
    let ordering = settings.purchase_orders_enabled;
    let orders = if ordering {
        portal_rows::<Order>(&ctx.ports, account, contact, LISTED).await?
    } else {
        Vec::new()
    };
    let me = &portal.me;
    let main = html! {
        h1 { "Hello, " (me.contact.display_name) }
        @if let Some(notice) = query.done.as_deref().and_then(notice) {
            p.notice role="status" { (notice) }
        }
        @if me.contact.billing_address.is_none() {
            p.callout { (me.business.name) " needs your address. " a href="/portal/address" { "Give your address" } }
        }
        (rows("Quotes", "quotes", &quotes, false))
        (rows("Invoices", "invoices", &invoices, true))
        (rows("Credit notes", "credit-notes", &credit_notes, false))
        @if ordering {
            (rows("Orders", "", &orders, false))
        }
        nav.actions aria-label="More" {
            ul {
                li { a href="/portal/address" { "Your address" } }
                @if ordering { li { a href="/portal/catalogue" { "Order from the catalogue" } } }
            }
        }
    };
    Ok(respond(StatusCode::OK, portal.page("Your documents", main)))
}

/// The token exchange: a cookie and a redirect, or the expired-link page.
async fn enter(ctx: &AppContext, token: &str) -> Result<Response, PageError> {
    let Some(started) = portal_sessions::start(&ctx.ports, token).await? else {
        return Err(PageError::SignedOut);
    };
    let mut response = Redirect::to("/portal").into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, session::set_cookie(ctx, &started));
    Ok(response)
}

fn notice(done: &str) -> Option<&'static str> {
    match done {
        "approved" => Some("Thank you: the quote is approved."),
        "rejected" => Some("The quote is declined. The business has been told."),
        "address" => Some("Thank you: your address is saved."),
        "order" => Some("Thank you: your order is placed. The business will confirm it."),
        _ => None,
    }
}

/// One kind's table; `path` is empty when its documents have no page.
fn rows(heading: &str, path: &str, rows: &[DocumentRow], due: bool) -> Markup {
    html! {
        section {
            h2 { (heading) }
            @if rows.is_empty() {
                p.empty { "None yet." }
            } @else {
                div.table-wrap {
                    table {
                        thead {
                            tr {
                                th scope="col" { "Number" }
                                th scope="col" { "Date" }
                                th scope="col" { "Status" }
                                th.num scope="col" { "Total" }
                                @if due { th.num scope="col" { "Due" } }
                            }
                        }
                        tbody {
                            @for row in rows {
                                tr {
                                    th scope="row" {
                                        @let label = if row.number.is_empty() { "View" } else { row.number.as_str() };
                                        @if path.is_empty() { (label) }
                                        @else { a href={ "/portal/" (path) "/" (row.id) } { (label) } }
                                    }
                                    td { (row.issue_date) }
                                    td { (row.status) }
                                    td.num { (row.total) }
                                    @if due { td.num { (row.amount_due.as_deref().unwrap_or("")) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub async fn sign_out(
    State(ctx): State<AppContext>,
    visitor: Result<Visitor, PageError>,
    PageForm(form): PageForm<CsrfForm>,
) -> Result<Response, PageError> {
    // Signed out already (the cookie expired meanwhile): say so all the same.
    if let Ok(visitor) = visitor {
        visitor.check_csrf(&ctx, form.csrf.as_deref())?;
        visitor.end(&ctx).await?;
    }
    let mut response = plain_page(
        StatusCode::OK,
        "You are signed out",
        html! { p { "To see your documents again, open the link in the business's email." } },
    );
    response
        .headers_mut()
        .insert(SET_COOKIE, session::clear_cookie(&ctx));
    Ok(response)
}
