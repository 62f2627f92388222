//! A local server on a free loopback port with its own data directory, for
//! black-box tests over real HTTP.

use uome_local::{LocalConfig, RunningServer};

pub struct TestServer {
    pub server: RunningServer,
    pub client: reqwest::Client,
    // Held so the data directory lives as long as the server.
    _data: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let server = uome_local::start(LocalConfig::for_tests(data.path().to_path_buf()))
            .await
            .expect("local server starts");
        Self {
            server,
            client: reqwest::Client::new(),
            _data: data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url)
    }
}
