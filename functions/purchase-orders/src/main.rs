//! Lambda entry point of the `purchase-orders` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(
        uome_purchase_orders::router(),
        uome_runtime::Services::TABLE.with_mail().with_blobs(),
    )
    .await
}
