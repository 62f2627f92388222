//! Lambda entry point of the `catalogue` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(uome_catalogue::router(), uome_runtime::Services::TABLE).await
}
