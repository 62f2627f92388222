//! The local server's configuration: flags and environment, every value
//! defaulted so `cargo run -p uome-local` needs nothing set up.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use uome_core::ports::FixedClock;

pub const DEFAULT_PORT: u16 = 3000;

#[derive(Clone, Debug)]
pub struct LocalConfig {
    /// Always loopback: the local server is for one machine.
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    /// Base of links in emails and of presigned blob URLs.
    pub public_url: String,
    /// `UOME_JWT_SECRET`; when unset a random one is kept in the data dir.
    pub jwt_secret: Option<String>,
    pub mail_from: String,
    /// How often the job loop drains the queue by itself (0 = never).
    pub job_interval_ms: u64,
    /// Tests only: a clock the test moves (a sale at 23:59:59 in Zurich);
    /// `None`, the system clock, is what the binary always runs on.
    pub clock: Option<Arc<FixedClock>>,
}

impl LocalConfig {
    /// Reads `--port`/`UOME_PORT`, `--data-dir`/`UOME_DATA_DIR`,
    /// `UOME_PUBLIC_URL`, `UOME_JWT_SECRET`, `UOME_MAIL_FROM`,
    /// `UOME_JOB_INTERVAL_MS`.
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let mut port: Option<u16> = None;
        let mut data_dir: Option<PathBuf> = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (arg.clone(), None),
            };
            let mut value = || -> anyhow::Result<String> {
                match inline.clone() {
                    Some(v) => Ok(v),
                    None => args.next().with_context(|| format!("{flag} needs a value")),
                }
            };
            match flag.as_str() {
                "--port" => port = Some(parse_port(&value()?)?),
                "--data-dir" => data_dir = Some(PathBuf::from(value()?)),
                "-h" | "--help" => bail!(
                    "usage: uome-local [--port N] [--data-dir DIR]\n\
                     environment: UOME_PORT, UOME_DATA_DIR, UOME_PUBLIC_URL, \
                     UOME_JWT_SECRET, UOME_MAIL_FROM, UOME_JOB_INTERVAL_MS"
                ),
                other => bail!("unknown argument {other:?} (try --help)"),
            }
        }
        let port = match port {
            Some(p) => p,
            None => match env("UOME_PORT") {
                Some(p) => parse_port(&p)?,
                None => DEFAULT_PORT,
            },
        };
        let data_dir = data_dir
            .or_else(|| env("UOME_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("./.uome"));
        let public_url = env("UOME_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://127.0.0.1:{port}"))
            .trim_end_matches('/')
            .to_string();
        let job_interval_ms = match env("UOME_JOB_INTERVAL_MS") {
            Some(v) => v
                .parse()
                .with_context(|| format!("UOME_JOB_INTERVAL_MS={v:?} is not a number"))?,
            None => 1000,
        };
        Ok(Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            data_dir,
            public_url,
            jwt_secret: env("UOME_JWT_SECRET").filter(|s| !s.is_empty()),
            mail_from: env("UOME_MAIL_FROM").unwrap_or_else(|| "Uome <no-reply@uome.local>".into()),
            job_interval_ms,
            clock: None,
        })
    }

    /// A configuration for tests: a free port chosen by the OS, the given
    /// data directory, no background job loop (tests drive jobs explicitly).
    pub fn for_tests(data_dir: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            data_dir,
            public_url: String::new(),
            jwt_secret: None,
            mail_from: "Uome <no-reply@uome.local>".into(),
            job_interval_ms: 0,
            clock: None,
        }
    }
}

fn parse_port(s: &str) -> anyhow::Result<u16> {
    s.parse()
        .with_context(|| format!("port {s:?} is not a number between 0 and 65535"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_need_nothing() {
        let c = LocalConfig::from_args_and_env(Vec::new(), no_env).unwrap();
        assert_eq!(c.addr.port(), 3000);
        assert!(c.addr.ip().is_loopback());
        assert_eq!(c.data_dir, PathBuf::from("./.uome"));
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
    }

    #[test]
    fn flag_beats_env() {
        let env = |k: &str| (k == "UOME_PORT").then(|| "4000".to_string());
        let c = LocalConfig::from_args_and_env(vec!["--port".into(), "5000".into()], env).unwrap();
        assert_eq!(c.addr.port(), 5000);
        let c = LocalConfig::from_args_and_env(Vec::new(), env).unwrap();
        assert_eq!(c.addr.port(), 4000);
        assert_eq!(c.public_url, "http://127.0.0.1:4000");
        let c = LocalConfig::from_args_and_env(vec!["--port=4100".into()], env).unwrap();
        assert_eq!(c.addr.port(), 4100);
    }

    #[test]
    fn bad_values_are_clear_errors() {
        assert!(LocalConfig::from_args_and_env(vec!["--port".into(), "x".into()], no_env).is_err());
        assert!(LocalConfig::from_args_and_env(vec!["--port".into()], no_env).is_err());
        assert!(LocalConfig::from_args_and_env(vec!["--nope".into()], no_env).is_err());
    }
}
