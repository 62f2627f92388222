//! The build script of every Lambda function crate and of the cold-start
//! bench's `hello` (their Cargo.toml: `build =
//! "../../shared/runtime/build/non_pie.rs"`; scripts/stack/check.py holds
//! every function crate to it).
//!
//! It links the crate's binaries as position-dependent executables on
//! Linux with glibc. A Rust binary is a PIE by default, and the dynamic
//! loader applies every one of its relative relocations before `main`:
//! 50,000–100,000 of them in a function that links the AWS SDK, about a
//! fifth of its init (docs/cold-starts.md, "Fourth round"). Packed
//! relocations (DT_RELR) would shrink that, but need glibc 2.36 and
//! `provided.al2023` has 2.34. A non-PIE executable has none to apply. The
//! price is ASLR for the executable's own image (the stack, heap, shared
//! libraries and mappings stay randomised), as Go's default builds on
//! Lambda have always had. `UOME_PIE=1` at build time keeps PIE.
//!
//! Only the binaries get the flag (`rustc-link-arg-bins`): a dependency's
//! shared library (crc-fast builds a cdylib) must stay position-independent,
//! which is why this is not a `-C link-arg` in RUSTFLAGS.

fn main() {
    println!("cargo:rerun-if-env-changed=UOME_PIE");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu =
        target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && std::env::var_os("UOME_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
