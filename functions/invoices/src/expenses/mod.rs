//! The expense routes (API.md §7): `/v1/expenses` CRUD and
//! `GET /v1/invoices/{id}/expenses`. The use cases are
//! `uome_core::expenses`; docs/expenses.md has the rules.

pub mod dto;
pub mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The expense routes, merged into the function's [`crate::api`].
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(routes::list_expenses, routes::create_expense))
        .routes(routes!(
            routes::get_expense,
            routes::replace_expense,
            routes::delete_expense
        ))
        .routes(routes!(routes::list_invoice_expenses))
}
