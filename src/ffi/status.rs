//! Status codes, their static names, and the caller-owned error object.

use std::ffi::{CStr, CString, c_char};

use super::boundary::{Failure, Handle, free_handle, guard_value, handle_ref};
use crate::Error;

/// The result of every fallible function: `QC_OK` (0) or an error code.
/// Codes are stable: a value is never reused for another meaning.
#[allow(non_camel_case_types)]
pub type qc_status = i32;

/// Success.
pub const QC_OK: qc_status = 0;
/// A pointer argument that must not be NULL was NULL.
pub const QC_ERR_NULL_ARG: qc_status = 1;
/// A string argument is not valid UTF-8 (the `qc_error` names the byte).
pub const QC_ERR_INVALID_UTF8: qc_status = 2;
/// An argument is out of its range: an unknown enumeration value, a length
/// that does not fit.
pub const QC_ERR_INVALID_ARG: qc_status = 3;
/// Input larger than the library accepts (a quote over 16 KiB or 1,000
/// words, a source over the store's limit).
pub const QC_ERR_TOO_LARGE: qc_status = 4;
/// The quote has no words.
pub const QC_ERR_EMPTY_QUOTE: qc_status = 5;
/// A source id is empty.
pub const QC_ERR_EMPTY_ID: qc_status = 6;
/// A source with this id is already in the store.
pub const QC_ERR_DUPLICATE_ID: qc_status = 7;
/// An index is past the end of the list it indexes.
pub const QC_ERR_OUT_OF_RANGE: qc_status = 8;
/// The caller's array is too small; the required count was written.
pub const QC_ERR_BUFFER_TOO_SMALL: qc_status = 9;
/// A handle of the wrong type, or one already freed (best effort).
pub const QC_ERR_INVALID_HANDLE: qc_status = 10;
/// A result was asked for before any check or extraction.
pub const QC_ERR_NO_RESULT: qc_status = 11;
/// An internal error (a caught panic). The handle stays usable.
pub const QC_ERR_PANIC: qc_status = 12;
/// No source with this id.
pub const QC_ERR_UNKNOWN_ID: qc_status = 13;
/// Reading or writing a store file failed (the message has the system's
/// reason and the path).
pub const QC_ERR_IO: qc_status = 14;
/// The file is not a quotecheck store.
pub const QC_ERR_NOT_A_STORE: qc_status = 15;
/// The store file is damaged (truncated, altered or inconsistent).
pub const QC_ERR_CORRUPT: qc_status = 16;
/// The store file comes from a newer format version than this library.
pub const QC_ERR_VERSION: qc_status = 17;
/// Memory for the operation could not be reserved (the message says how
/// much, and for what); nothing was changed.
pub const QC_ERR_OUT_OF_MEMORY: qc_status = 18;
/// The store file was saved by someone else since the store was opened from
/// it; nothing was written (open it again and retry).
pub const QC_ERR_STORE_CHANGED: qc_status = 19;
/// A folder's `sources.json` manifest is broken or lists a missing file (the
/// message names the manifest, the entry and the field).
pub const QC_ERR_MANIFEST: qc_status = 20;

/// The static name of a status: `"QC_OK"`, `"QC_ERR_NULL_ARG"`, ... or
/// `"QC_ERR_UNKNOWN_STATUS"` for a value this version does not define.
///
/// Ownership: the string is static and NUL-terminated; never free it.
/// Thread safety: safe from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn qc_status_str(status: qc_status) -> *const c_char {
    status_name(status).as_ptr()
}

pub(crate) fn status_name(status: qc_status) -> &'static CStr {
    match status {
        QC_OK => c"QC_OK",
        QC_ERR_NULL_ARG => c"QC_ERR_NULL_ARG",
        QC_ERR_INVALID_UTF8 => c"QC_ERR_INVALID_UTF8",
        QC_ERR_INVALID_ARG => c"QC_ERR_INVALID_ARG",
        QC_ERR_TOO_LARGE => c"QC_ERR_TOO_LARGE",
        QC_ERR_EMPTY_QUOTE => c"QC_ERR_EMPTY_QUOTE",
        QC_ERR_EMPTY_ID => c"QC_ERR_EMPTY_ID",
        QC_ERR_DUPLICATE_ID => c"QC_ERR_DUPLICATE_ID",
        QC_ERR_OUT_OF_RANGE => c"QC_ERR_OUT_OF_RANGE",
        QC_ERR_BUFFER_TOO_SMALL => c"QC_ERR_BUFFER_TOO_SMALL",
        QC_ERR_INVALID_HANDLE => c"QC_ERR_INVALID_HANDLE",
        QC_ERR_NO_RESULT => c"QC_ERR_NO_RESULT",
        QC_ERR_PANIC => c"QC_ERR_PANIC",
        QC_ERR_UNKNOWN_ID => c"QC_ERR_UNKNOWN_ID",
        QC_ERR_IO => c"QC_ERR_IO",
        QC_ERR_NOT_A_STORE => c"QC_ERR_NOT_A_STORE",
        QC_ERR_CORRUPT => c"QC_ERR_CORRUPT",
        QC_ERR_VERSION => c"QC_ERR_VERSION",
        QC_ERR_OUT_OF_MEMORY => c"QC_ERR_OUT_OF_MEMORY",
        QC_ERR_STORE_CHANGED => c"QC_ERR_STORE_CHANGED",
        QC_ERR_MANIFEST => c"QC_ERR_MANIFEST",
        _ => c"QC_ERR_UNKNOWN_STATUS",
    }
}

/// The status for a library error.
pub(crate) fn status_of(e: &Error) -> qc_status {
    match e {
        Error::EmptyQuote => QC_ERR_EMPTY_QUOTE,
        Error::QuoteTooLong { .. } | Error::SourceTooLarge { .. } => QC_ERR_TOO_LARGE,
        Error::DuplicateSourceId(_) => QC_ERR_DUPLICATE_ID,
        Error::EmptySourceId => QC_ERR_EMPTY_ID,
        Error::InvalidUtf8 { .. } => QC_ERR_INVALID_UTF8,
        Error::UnknownSourceId(_) => QC_ERR_UNKNOWN_ID,
        Error::Io { .. } => QC_ERR_IO,
        Error::NotAStore => QC_ERR_NOT_A_STORE,
        Error::CorruptStore(_) => QC_ERR_CORRUPT,
        Error::UnsupportedVersion { .. } => QC_ERR_VERSION,
        Error::OutOfMemory { .. } => QC_ERR_OUT_OF_MEMORY,
        Error::StoreChanged { .. } => QC_ERR_STORE_CHANGED,
        Error::Manifest { .. } => QC_ERR_MANIFEST,
    }
}

/// Details of the last failure of a call that was given this object: the
/// status and a message naming the argument, byte or id concerned.
///
/// Create with `qc_error_new`, pass to any number of calls (each call that
/// receives it overwrites it: `QC_OK` and an empty message on success),
/// free with `qc_error_free`.
///
/// Thread safety: one thread at a time; give each thread its own.
// The tag first, in C layout: a handle of the wrong type is refused by
// reading its first eight bytes, never past the end of a smaller object.
// Written as `cfg_attr(all(), ...)` so that cbindgen, which reads plain
// `repr` attributes only, keeps the type opaque in the header.
#[cfg_attr(all(), repr(C))]
pub struct qc_error {
    pub(crate) magic: u64,
    pub(crate) code: qc_status,
    pub(crate) message: CString,
}

pub(crate) const ERROR_MAGIC: u64 = 0x7163_6572_726f_7221;

impl Handle for qc_error {
    const MAGIC: u64 = ERROR_MAGIC;
    const NAME: &'static str = "qc_error";
}

impl qc_error {
    pub(crate) fn set(&mut self, failure: &Failure) {
        self.code = failure.code;
        // Interior NULs cannot occur in our messages; replace them anyway.
        let text = failure.message.replace('\0', "\u{fffd}");
        self.message = CString::new(text).unwrap_or_default();
    }

    pub(crate) fn clear(&mut self) {
        self.code = QC_OK;
        if !self.message.is_empty() {
            self.message = CString::default();
        }
    }
}

/// A new error object, with status `QC_OK` and an empty message.
///
/// Ownership: the caller owns it and frees it with `qc_error_free`.
/// Returns NULL only if a panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn qc_error_new() -> *mut qc_error {
    guard_value(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(qc_error {
            magic: ERROR_MAGIC,
            code: QC_OK,
            message: CString::default(),
        }))
    })
}

/// Frees an error object. `NULL` is a no-op; freeing twice is undefined.
#[unsafe(no_mangle)]
pub extern "C" fn qc_error_free(err: *mut qc_error) {
    guard_value((), || {
        if err.is_null() {
            return;
        }
        // SAFETY: a non-NULL `err` came from `qc_error_new` (the contract)
        // and is not used after this call; the tag is checked before the
        // object is touched.
        unsafe { free_handle(err, |e| e.magic = 0) }
    });
}

/// The status of the last call given this error object (`QC_OK` after a
/// success), or `QC_ERR_NULL_ARG` for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_error_code(err: *const qc_error) -> qc_status {
    guard_value(QC_ERR_PANIC, || {
        // SAFETY: `err` is NULL or a live `qc_error` (the contract); the
        // tag is read before any reference to it exists.
        match unsafe { handle_ref(err, "err") } {
            Ok(e) => e.code,
            Err(f) => f.code,
        }
    })
}

/// The message of the last failure: NUL-terminated UTF-8, empty after a
/// success. Its length in bytes (without the NUL) goes to `*len` when
/// `len` is not NULL.
///
/// Lifetime: borrowed from `err`; valid until `err` is passed to another
/// call or freed. Returns a static empty string for `NULL`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_error_message(err: *const qc_error, len: *mut usize) -> *const c_char {
    guard_value(c"".as_ptr(), || {
        // SAFETY: `err` is NULL or a live `qc_error` (the contract); the
        // tag is read before any reference to it exists.
        let message: &CStr = match unsafe { handle_ref(err, "err") } {
            Ok(e) => &e.message,
            Err(_) => c"",
        };
        // SAFETY: `len` is NULL or points to writable `size_t`.
        if let Some(out) = unsafe { len.as_mut() } {
            *out = message.to_bytes().len();
        }
        message.as_ptr()
    })
}
