//! The Python test tools (API.md §14's checks): the EN 16931 schematron
//! (`tests/validators/validate.py` with `saxonche`), the `factur-x`
//! package's XSD check, `qrbill` and `zxing-cpp` for the Swiss QR-bill.
//!
//! `scripts/test` installs them into its virtualenv and sets
//! `UOME_TEST_PYTHON` to its interpreter and `UOME_TEST_PYTHON_REQUIRED=1`,
//! so a missing tool fails the run there. A plain `cargo test` uses
//! `python3` when it has the tools and otherwise skips these checks with a
//! line on stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PYTHON_VAR: &str = "UOME_TEST_PYTHON";
pub const REQUIRED_VAR: &str = "UOME_TEST_PYTHON_REQUIRED";
const MODULES: &str = "import saxonche, facturx, qrbill, zxingcpp, PIL";

/// The workspace's `tests/validators/`.
pub fn validators_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/validators")
}

/// An interpreter with every tool, or `None` when there is none and none
/// is required (the check is skipped).
pub fn python() -> Option<PathBuf> {
    let required = std::env::var(REQUIRED_VAR).is_ok_and(|v| v == "1");
    let candidate = std::env::var_os(PYTHON_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let usable = Command::new(&candidate)
        .args(["-c", MODULES])
        .output()
        .is_ok_and(|o| o.status.success());
    match (usable, required) {
        (true, _) => Some(candidate),
        (false, true) => panic!(
            "{REQUIRED_VAR}=1 but {} cannot import the test tools ({MODULES})",
            candidate.display()
        ),
        (false, false) => {
            eprintln!("skipped: no Python with the test tools ({MODULES}); set {PYTHON_VAR}");
            None
        }
    }
}

/// Runs `python args…`; its exit status and everything it printed.
pub fn run(python: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(python)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{} cannot run: {e}", python.display()));
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// The EN 16931 schematron on `files`: passes only with zero fatal
/// errors; the validator's report is returned for the test to show.
pub fn validate_einvoices(python: &Path, files: &[PathBuf]) -> String {
    let script = validators_dir().join("validate.py");
    let mut args = vec![script.to_str().expect("a UTF-8 path")];
    args.extend(files.iter().map(|f| f.to_str().expect("a UTF-8 path")));
    let (ok, report) = run(python, &args);
    assert!(ok, "EN 16931 validation failed:\n{report}");
    report
}
