//! The C ABI: the only module with `unsafe`, raw pointers and exported
//! symbols. `include/quotecheck.h` is generated from it by cbindgen.
//!
//! The contract, stated once (the header repeats it at the top):
//!
//! - Every symbol starts with `qc_`; functions are `qc_<type>_<verb>` and
//!   take the handle first, then inputs, then outputs, then an optional
//!   `qc_error *`. Outputs are written only on success.
//! - Handles are opaque. Each `qc_x_new` has a `qc_x_free`; `free(NULL)` is a
//!   no-op. No function takes ownership of its arguments: inputs are copied
//!   and no caller pointer is kept after a call returns.
//! - Strings go in as `const uint8_t *` plus a `size_t` length, UTF-8 (no
//!   NUL needed, interior NUL allowed), validated at the boundary. Strings
//!   come out as `qc_str` (pointer + length, UTF-8, not NUL-terminated),
//!   borrowed as each function states. Static strings (`qc_version`,
//!   `qc_status_str`, the `qc_*_str` names) are NUL-terminated too.
//! - Every fallible function returns a `qc_status` (0 is `QC_OK`); detail
//!   (which argument, which byte) goes to the optional caller-owned
//!   `qc_error`. There is no global or thread-local error state.
//! - Offsets are half-open `[start, end)` UTF-8 byte offsets into the text
//!   the caller gave, on char boundaries; `char_start`/`char_end` give the
//!   same ranges in Unicode code points (what Python slices `str` by).
//! - Enumerations travel as `uint32_t` with named constants; an unknown
//!   value gives `QC_ERR_INVALID_ARG`, never undefined behaviour.
//! - No panic crosses the boundary: one guard on every export turns it into
//!   `QC_ERR_PANIC` (or a NULL/zero return), and the handle stays usable.
//! - Thread safety: a `qc_store` may be read by any number of threads at
//!   once once it is built (`const qc_store *`); adding needs exclusive use.
//!   A `qc_checker`, `qc_extractor`, `qc_source` or `qc_error` is used by one
//!   thread at a time (it may move between threads).

#![allow(unsafe_code)]
// C names: `qc_store`, not `QcStore`.
#![allow(non_camel_case_types)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// The exports are called from C, whose callers cannot see `unsafe` anyway;
// each states its pointer contract in its docs, and Rust code uses the
// safe Rust API instead.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

// In the order the header presents them.
mod boundary;
pub mod checker;
pub mod extract;
pub mod status;
pub mod store;
pub mod types;
pub mod version;

#[cfg(test)]
mod tests;
