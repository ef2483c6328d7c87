//! Version functions. The header has the same numbers as macros
//! (`QC_VERSION_*`, `QC_ABI_VERSION`); a test ties header, runtime and
//! Cargo.toml together.

use std::ffi::c_char;

/// The ABI version: bumped on any change that breaks a compiled caller.
/// Until 1.0 the ABI only grows by adding functions and constants.
pub(crate) const QC_ABI: u32 = 1;

// Runs at compile time on Cargo's digits only.
#[allow(clippy::indexing_slicing)]
const fn parse(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0u32;
    while i < b.len() {
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    n
}

const MAJOR: u32 = parse(env!("CARGO_PKG_VERSION_MAJOR"));
const MINOR: u32 = parse(env!("CARGO_PKG_VERSION_MINOR"));
const PATCH: u32 = parse(env!("CARGO_PKG_VERSION_PATCH"));

/// The library version as `"MAJOR.MINOR.PATCH"`.
///
/// Ownership: static and NUL-terminated; never free it. Thread safety: any
/// thread.
#[unsafe(no_mangle)]
pub extern "C" fn qc_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The library version as `MAJOR * 10000 + MINOR * 100 + PATCH`; compare it
/// with `QC_VERSION_NUMBER` to check that the header and the library you
/// linked agree.
#[unsafe(no_mangle)]
pub extern "C" fn qc_version_number() -> u32 {
    MAJOR * 10000 + MINOR * 100 + PATCH
}

/// The ABI version (`QC_ABI_VERSION` in the header).
#[unsafe(no_mangle)]
pub extern "C" fn qc_abi_version() -> u32 {
    QC_ABI
}
