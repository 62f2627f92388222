//! Lambda entry point of the `system` function: wires the router only; it
//! needs no AWS client.
//!
//! The OpenAPI document is the one committed beside this crate
//! (`openapi.json`, held equal to the one the code generates by
//! `tests/document.rs`), served as the text it is: assembling it from
//! every function's routes would link them all into this binary and cost
//! its cold start several times a bare function's (docs/cold-starts.md).

static DOCUMENT: &[u8] = include_bytes!("../openapi.json");

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    uome_http::telemetry::init_lambda();
    let json = axum::body::Bytes::from_static(DOCUMENT);
    let router = uome_http::stack::base(uome_system::router_with_json::<()>(json));
    lambda_http::run(router).await
}
