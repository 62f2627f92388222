//! Lambda entry point of the `attachments` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    uome_runtime::jobs::serve_objects(
        uome_attachments::processor,
        uome_runtime::Services::TABLE.with_blobs(),
    )
    .await
}
