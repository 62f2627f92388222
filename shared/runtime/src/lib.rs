//! What every Lambda function's `main` does before serving: read the
//! environment once into a typed [`CloudEnv`] (a missing variable stops the
//! cold start with one clear line), build the AWS clients once, and put them
//! behind core's ports in an [`AppContext`](uome_http::AppContext).

pub mod env;
pub mod jobs;
pub mod ports;
pub mod unwired;

pub use env::{CloudEnv, ConfigError};
pub use ports::{context, ports};

use uome_http::AppContext;

/// The whole `main` of an HTTP function: logging, configuration, clients,
/// the function's routes inside the shared stack, served by `lambda_http`.
/// A bad configuration stops the cold start with one clear error line.
/// The routes come without their OpenAPI descriptions (each function's
/// `router()`, see `uome_http::route_table!`): building those was a
/// quarter of a cold start, for a document the Lambda never serves.
pub async fn serve(router: axum::Router<AppContext>) -> Result<(), lambda_http::Error> {
    uome_http::telemetry::init_lambda();
    let env = CloudEnv::from_env().inspect_err(|e| tracing::error!(error = %e, "configuration"))?;
    let ctx = context(&env).await;
    let app = uome_http::stack(router.with_state(ctx.clone()), &ctx);
    lambda_http::run(app).await
}
