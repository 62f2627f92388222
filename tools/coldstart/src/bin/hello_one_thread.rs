//! The baseline on tokio's current-thread runtime, as every function runs
//! (docs/cold-starts.md, "Fifth round"): shows what the runtime flavour
//! alone is worth, apart from the functions' own work.

use lambda_runtime::{LambdaEvent, service_fn};
use serde_json::Value;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::run(service_fn(|event: LambdaEvent<Value>| async move {
        Ok::<Value, lambda_runtime::Error>(event.payload)
    }))
    .await
}
