//! The local server: the whole API on 127.0.0.1 over the embedded adapters
//! (SQLite, files, outbox, in-process queue), plus the local-only routes of
//! API.md §13. `cargo run --release -p uome-local`.

pub mod config;
pub mod job_loop;
pub mod local_routes;
pub mod secrets;
pub mod server;

pub use config::LocalConfig;
pub use server::{LocalApp, RunningServer, build, start};
