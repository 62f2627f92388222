//! Lambda entry point of the `recurring` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    uome_runtime::jobs::serve_queue(
        uome_recurring::consumer,
        uome_runtime::Services::TABLE.with_mail().with_blobs(),
    )
    .await
}
