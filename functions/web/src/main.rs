//! Lambda entry point of the `web` function.
#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(uome_web::router()).await
}
