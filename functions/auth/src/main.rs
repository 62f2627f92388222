//! Lambda entry point of the `auth` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    uome_runtime::serve(
        uome_auth::router(),
        uome_runtime::Services::TABLE.with_mail(),
    )
    .await
}
