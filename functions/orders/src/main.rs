//! Lambda entry point of the `orders` function.
#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(uome_orders::router()).await
}
