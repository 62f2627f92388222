//! Lambda entry point of the `account` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(
        uome_account::router(),
        uome_runtime::Services::TABLE.with_blobs(),
    )
    .await
}
