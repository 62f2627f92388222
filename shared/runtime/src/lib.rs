//! What every Lambda function's `main` does before serving: read the
//! environment once into a typed [`CloudEnv`] (a missing variable stops the
//! cold start with one clear line), build the AWS clients once, and put them
//! behind core's ports in an [`AppContext`](uome_http::AppContext).

pub mod env;
pub mod jobs;
mod no_probe;
pub mod ports;
pub mod services;
pub mod unwired;

pub use env::{CloudEnv, ConfigError};
pub use ports::{context, ports};
pub use services::Services;

use uome_http::AppContext;

/// The whole `main` of an HTTP function: logging, configuration, clients,
/// the function's routes inside the shared stack, served by `lambda_http`.
/// A bad configuration stops the cold start with one clear error line.
/// The routes come without their OpenAPI descriptions (each function's
/// `router()`, see `uome_http::route_table!`): building those was a
/// quarter of a cold start, for a document the Lambda never serves.
pub async fn serve(
    router: axum::Router<AppContext>,
    services: Services,
) -> Result<(), lambda_http::Error> {
    uome_http::telemetry::init_lambda();
    let env = configuration(services)?;
    let ctx = context(&env, services).await;
    let app = uome_http::stack(router.with_state(ctx.clone()), &ctx);
    lambda_http::run(app).await
}

/// The environment, checked against the services the function names; a
/// problem is logged as one line and stops the cold start.
fn configuration(services: Services) -> Result<CloudEnv, ConfigError> {
    CloudEnv::from_env()
        .and_then(|env| services.check(&env).map(|()| env))
        .inspect_err(|e| tracing::error!(error = %e, "configuration"))
}
