//! Lambda entry point of the `system` function: wires the router only; it
//! needs no AWS client.

use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    uome_http::telemetry::init_lambda();
    let document = Arc::new(uome_system::openapi_document());
    let router = uome_http::stack::base(uome_system::router::<()>(document));
    lambda_http::run(router).await
}
