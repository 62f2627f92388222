//! Lambda entry point of the `scheduler` function.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    uome_runtime::jobs::serve_schedule(
        uome_scheduler::scheduler,
        uome_runtime::Services::TABLE.with_queue(),
    )
    .await
}
