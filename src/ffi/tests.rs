//! The boundary itself: panics become statuses, errors reach the error
//! object, and the handle types make the thread-safety promises the header
//! states.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::boundary::{Failure, guard, guard_value};
use super::status::{
    QC_ERR_PANIC, QC_ERR_TOO_LARGE, QC_OK, qc_error_code, qc_error_free, qc_error_message,
    qc_error_new,
};

fn message(err: *const super::status::qc_error) -> String {
    let mut len = 0;
    let p = qc_error_message(err, &mut len);
    // SAFETY: qc_error_message returns a NUL-terminated string of `len` bytes.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(s.len(), len);
    s
}

#[test]
fn a_panic_becomes_a_status_and_the_error_says_so() {
    let err = qc_error_new();
    let status = guard(err, || -> Result<(), Failure> { panic!("boom {}", 42) });
    assert_eq!(status, QC_ERR_PANIC);
    assert_eq!(qc_error_code(err), QC_ERR_PANIC);
    assert!(message(err).contains("boom 42"), "{}", message(err));
    // The next success clears it.
    assert_eq!(guard(err, || Ok(())), QC_OK);
    assert_eq!(qc_error_code(err), QC_OK);
    assert_eq!(message(err), "");
    assert_eq!(guard_value(7, || -> i32 { panic!("x") }), 7);
    qc_error_free(err);
}

#[test]
fn failures_carry_their_code_and_message() {
    let err = qc_error_new();
    let status = guard(err, || {
        Err(Failure::new(QC_ERR_TOO_LARGE, "quote: 99999 bytes"))
    });
    assert_eq!(status, QC_ERR_TOO_LARGE);
    assert_eq!(message(err), "quote: 99999 bytes");
    // No error object: the status alone.
    assert_eq!(
        guard(std::ptr::null_mut(), || Err(Failure::new(
            QC_ERR_TOO_LARGE,
            "x"
        ))),
        QC_ERR_TOO_LARGE
    );
    qc_error_free(err);
    qc_error_free(std::ptr::null_mut());
}

#[test]
fn handle_types_keep_the_promises_of_the_header() {
    fn send<T: Send>() {}
    fn sync<T: Sync>() {}
    // A built store is shared by threads.
    send::<super::store::qc_store>();
    sync::<super::store::qc_store>();
    // The others move between threads, one at a time.
    send::<super::checker::qc_checker>();
    send::<super::extract::qc_extractor>();
    send::<super::store::qc_source>();
    send::<super::status::qc_error>();
}

#[test]
fn every_handle_starts_with_its_tag_in_c_layout() {
    use std::mem::{align_of, offset_of, size_of};
    // The tag check reads the first eight bytes of whatever it is given: the
    // tag must be there in every handle type, and every handle at least
    // that large and aligned.
    assert_eq!(offset_of!(super::status::qc_error, magic), 0);
    assert_eq!(offset_of!(super::store::qc_source, magic), 0);
    assert_eq!(offset_of!(super::store::qc_store, magic), 0);
    assert_eq!(offset_of!(super::checker::qc_checker, magic), 0);
    assert_eq!(offset_of!(super::extract::qc_extractor, magic), 0);
    for (size, align) in [
        (
            size_of::<super::status::qc_error>(),
            align_of::<super::status::qc_error>(),
        ),
        (
            size_of::<super::store::qc_source>(),
            align_of::<super::store::qc_source>(),
        ),
        (
            size_of::<super::store::qc_store>(),
            align_of::<super::store::qc_store>(),
        ),
        (
            size_of::<super::checker::qc_checker>(),
            align_of::<super::checker::qc_checker>(),
        ),
        (
            size_of::<super::extract::qc_extractor>(),
            align_of::<super::extract::qc_extractor>(),
        ),
    ] {
        assert!(size >= 8 && align >= 8);
    }
}
