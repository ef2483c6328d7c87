//! The boundary every export goes through: panics caught, NULLs and bad
//! UTF-8 turned into statuses, handles checked, outputs written only on
//! success.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::status::{
    QC_ERR_INVALID_HANDLE, QC_ERR_INVALID_UTF8, QC_ERR_NULL_ARG, QC_ERR_PANIC, QC_OK, qc_error,
    qc_status,
};

/// Why a call failed: its status and a message for the `qc_error`.
#[derive(Debug)]
pub(crate) struct Failure {
    pub code: qc_status,
    pub message: String,
}

impl Failure {
    pub(crate) fn new(code: qc_status, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn null(arg: &str) -> Self {
        Failure::new(
            QC_ERR_NULL_ARG,
            format!("argument `{arg}` must not be NULL"),
        )
    }
}

impl From<crate::Error> for Failure {
    fn from(e: crate::Error) -> Self {
        Failure::new(super::status::status_of(&e), e.to_string())
    }
}

/// Runs an export's body: a panic becomes `QC_ERR_PANIC`, a `Failure` its
/// status; the optional error object records either (and is cleared on
/// success).
///
/// Every `extern "C"` function that returns a `qc_status` is written as
/// `ffi_boundary!(err, { ... })`.
macro_rules! ffi_boundary {
    ($err:expr, $body:block) => {
        $crate::ffi::boundary::guard($err, || -> Result<(), $crate::ffi::boundary::Failure> {
            $body
        })
    };
}
pub(crate) use ffi_boundary;

pub(crate) fn guard(err: *mut qc_error, body: impl FnOnce() -> Result<(), Failure>) -> qc_status {
    let result = catch_unwind(AssertUnwindSafe(body));
    let outcome = match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(failure)) => Err(failure),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Err(Failure::new(
                QC_ERR_PANIC,
                format!("internal error (panic): {what}"),
            ))
        }
    };
    // SAFETY: `err` is NULL or a live `qc_error` owned by the caller, not
    // used by another thread during this call (the contract); a wrong-type
    // pointer is detected on a best-effort basis by its magic tag.
    // (NULL is common and allowed: no failure is built for it.)
    let err = if err.is_null() {
        None
    } else {
        unsafe { handle_mut(err, "err") }.ok()
    };
    match outcome {
        Ok(()) => {
            if let Some(e) = err {
                e.clear();
            }
            QC_OK
        }
        Err(failure) => {
            if let Some(e) = err {
                e.set(&failure);
            }
            failure.code
        }
    }
}

/// For exports that return a value instead of a status: a panic gives
/// `fallback`.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// A caller's string: `ptr` + `len` bytes, validated as UTF-8. `NULL` with
/// length 0 is the empty string.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes that stay unchanged for
/// the duration of the call.
pub(crate) unsafe fn str_in<'a>(ptr: *const u8, len: usize, arg: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        if len == 0 {
            return Ok("");
        }
        return Err(Failure::null(arg));
    }
    if len > isize::MAX as usize {
        return Err(Failure::new(
            super::status::QC_ERR_INVALID_ARG,
            format!("argument `{arg}`: length {len} is not a valid length"),
        ));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            QC_ERR_INVALID_UTF8,
            format!(
                "argument `{arg}`: invalid UTF-8 at byte {}",
                e.valid_up_to()
            ),
        )
    })
}

/// Like [`str_in`], but `NULL` means "not given".
///
/// # Safety
/// As for [`str_in`].
pub(crate) unsafe fn opt_str_in<'a>(
    ptr: *const u8,
    len: usize,
    arg: &str,
) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { str_in(ptr, len, arg) }.map(Some)
}

/// Handles carry a magic tag checked on entry: a freed or wrong-type
/// pointer is caught on a best-effort basis instead of corrupting memory.
pub(crate) trait Handle {
    const MAGIC: u64;
    const NAME: &'static str;
}

/// A shared reference to a caller's handle.
///
/// # Safety
/// `ptr` is NULL or points to a live handle of type `T` that no other
/// thread mutates during the call.
pub(crate) unsafe fn handle_ref<'a, T: Handle>(ptr: *const T, arg: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller's contract; `check_tag` reads only the first eight
    // bytes, which every handle type has (`#[repr(C)]`, tag first).
    unsafe { check_tag::<T>(ptr.cast(), arg) }?;
    // SAFETY: the tag says this is a live `T`.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(arg))
}

/// Is `ptr` non-NULL and does it start with `T`'s tag? Reads the tag as a
/// `u64` before any `&T` exists, so a handle of another (smaller) type is
/// refused without reading past its end.
///
/// # Safety
/// `ptr` is NULL or points to at least eight readable bytes, aligned for a
/// `u64` (every handle is: all are `#[repr(C)]` with the `u64` tag first).
unsafe fn check_tag<T: Handle>(ptr: *const u64, arg: &str) -> Result<(), Failure> {
    if ptr.is_null() {
        return Err(Failure::null(arg));
    }
    // SAFETY: the function's contract.
    let tag = unsafe { ptr.read() };
    if tag != T::MAGIC {
        return Err(Failure::new(
            QC_ERR_INVALID_HANDLE,
            format!("argument `{arg}` is not a live {}", T::NAME),
        ));
    }
    Ok(())
}

/// An exclusive reference to a caller's handle.
///
/// # Safety
/// `ptr` is NULL or points to a live handle of type `T` that nothing else
/// uses during the call.
pub(crate) unsafe fn handle_mut<'a, T: Handle>(
    ptr: *mut T,
    arg: &str,
) -> Result<&'a mut T, Failure> {
    // SAFETY: as in `handle_ref`.
    unsafe { check_tag::<T>(ptr.cast_const().cast(), arg) }?;
    // SAFETY: the tag says this is a live `T`, and the caller's contract
    // says nothing else uses it during the call.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(arg))
}

/// Writes `value` to a caller's output pointer.
///
/// # Safety
/// `ptr` is NULL or points to writable memory for a `T`.
pub(crate) unsafe fn write_out<T>(ptr: *mut T, value: T, arg: &str) -> Result<(), Failure> {
    if ptr.is_null() {
        return Err(Failure::null(arg));
    }
    // SAFETY: non-NULL and writable per the contract; `write` does not read
    // or drop the old (possibly uninitialised) contents.
    unsafe { ptr.write(value) };
    Ok(())
}

/// Boxes a new handle for the caller.
pub(crate) fn into_raw<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle made by [`into_raw`]; NULL is a no-op, a wrong tag is
/// ignored rather than freed.
///
/// # Safety
/// `ptr` is NULL or came from [`into_raw`] for this `T` and is not used
/// after this call.
pub(crate) unsafe fn free_handle<T: Handle>(ptr: *mut T, clear_magic: impl FnOnce(&mut T)) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: per the contract `ptr` is a live boxed `T` (checked by tag on
    // a best-effort basis); after clearing the tag we take the box back and
    // drop it, and the caller never uses `ptr` again.
    unsafe {
        if check_tag::<T>(ptr.cast_const().cast(), "handle").is_err() {
            return;
        }
        clear_magic(&mut *ptr);
        drop(Box::from_raw(ptr));
    }
}

/// A `QC_OK`-or-failure shorthand for checks inside exports.
pub(crate) fn ensure(
    cond: bool,
    code: qc_status,
    message: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if cond {
        Ok(())
    } else {
        Err(Failure::new(code, message()))
    }
}

/// Copies `items` into a caller's array, or reports the size it needs.
///
/// # Safety
/// `out` is NULL or has room for `capacity` elements; `count` is NULL or
/// writable.
pub(crate) unsafe fn copy_array<T: Copy>(
    items: &[T],
    out: *mut T,
    capacity: usize,
    count: *mut usize,
) -> Result<(), Failure> {
    if count.is_null() {
        return Err(Failure::null("count"));
    }
    // SAFETY: `count` is non-NULL and writable.
    unsafe { count.write(items.len()) };
    if items.is_empty() {
        return Ok(());
    }
    if capacity < items.len() || out.is_null() {
        return Err(Failure::new(
            super::status::QC_ERR_BUFFER_TOO_SMALL,
            format!("{} elements needed, room for {capacity}", items.len()),
        ));
    }
    // SAFETY: `out` has room for `capacity >= items.len()` elements and does
    // not overlap our own buffer (it is the caller's).
    unsafe { std::ptr::copy_nonoverlapping(items.as_ptr(), out, items.len()) };
    Ok(())
}

/// Copies `items[index]` to a caller's output.
///
/// # Safety
/// `out` is NULL or writable.
pub(crate) unsafe fn copy_item<T: Copy>(
    items: &[T],
    index: usize,
    what: &str,
    out: *mut T,
) -> Result<(), Failure> {
    let item = items.get(index).ok_or_else(|| {
        Failure::new(
            super::status::QC_ERR_OUT_OF_RANGE,
            format!(
                "{what} index {index} is past the end ({} {what}s)",
                items.len()
            ),
        )
    })?;
    // SAFETY: forwarded contract.
    unsafe { write_out(out, *item, "out") }
}
