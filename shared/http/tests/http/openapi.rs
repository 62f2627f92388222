use axum::Router;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use uome_http::openapi::{document, mounted_paths};
use uome_http::{AppContext, Json, Path, Problem};

#[derive(Serialize, ToSchema)]
struct Contact {
    id: String,
}

/// Get a contact.
#[utoipa::path(
    get,
    path = "/v1/contacts/{id}",
    params(("id" = String, Path, description = "Contact id")),
    responses(
        (status = 200, body = Contact),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
async fn get_contact(Path(id): Path<String>) -> Json<Contact> {
    Json(Contact { id })
}

/// Delete a contact.
#[utoipa::path(delete, path = "/v1/contacts/{id}", responses((status = 204)))]
async fn delete_contact(Path(_id): Path<String>) -> http::StatusCode {
    http::StatusCode::NO_CONTENT
}

/// Health.
#[utoipa::path(get, path = "/v1/health", responses((status = 200)))]
async fn health() -> &'static str {
    "ok"
}

#[test]
fn parts_merge_into_one_document() {
    let (contacts_router, contacts_api): (Router<AppContext>, _) = OpenApiRouter::new()
        .routes(routes!(get_contact, delete_contact))
        .split_for_parts();
    let (_system_router, system_api): (Router<AppContext>, _) = OpenApiRouter::new()
        .routes(routes!(health))
        .split_for_parts();
    drop(contacts_router);

    let doc = document([contacts_api, system_api]);
    let json = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["openapi"], "3.1.0");
    assert_eq!(json["info"]["title"], "Uome API");
    let schemes = &json["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["bearer"]["bearerFormat"], "JWT");
    assert_eq!(schemes["client_id"]["name"], "X-Client-Id");
    assert_eq!(schemes["client_secret"]["in"], "header");
    let problem = &json["components"]["schemas"]["Problem"];
    assert!(problem["properties"]["code"].is_object(), "{problem}");
    assert!(json["components"]["schemas"]["Contact"].is_object());

    assert_eq!(
        mounted_paths(&doc),
        vec![
            ("DELETE".to_owned(), "/v1/contacts/{id}".to_owned()),
            ("GET".to_owned(), "/v1/contacts/{id}".to_owned()),
            ("GET".to_owned(), "/v1/health".to_owned()),
        ]
    );
}
