//! What every Lambda function's `main` does before serving: read the
//! environment once into a typed [`CloudEnv`] (a missing variable stops the
//! cold start with one clear line), build the AWS clients once, and put them
//! behind core's ports in an [`AppContext`](uome_http::AppContext).

pub mod env;
pub mod ports;
pub mod unwired;

pub use env::{CloudEnv, ConfigError};
pub use ports::context;
