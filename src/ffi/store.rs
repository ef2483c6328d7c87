//! Sources and the store: `qc_source` describes one source text before it
//! is added; `qc_store` holds the added sources and their index.

use super::boundary::{
    Failure, Handle, ensure, ffi_boundary, free_handle, guard_value, handle_mut, handle_ref,
    into_raw, opt_str_in, str_in, write_out,
};
use super::status::{QC_ERR_INVALID_ARG, QC_ERR_OUT_OF_RANGE, qc_error, qc_status};
use super::types::{QC_SOURCE_AUTO, QC_SOURCE_PLAIN, QC_SOURCE_TRANSCRIPT, qc_str};
use crate::{SourceDoc, SourceKind, Store};

/// A source text and its metadata, ready to be added to a store.
///
/// Made by `qc_source_new`, filled by the `qc_source_set_*` and
/// `qc_source_add_label` functions, added with `qc_store_add` (which copies
/// it; the same `qc_source` may be added to several stores), freed with
/// `qc_source_free`.
///
/// Thread safety: one thread at a time.
// The tag first, in C layout: a handle of the wrong type is refused by
// reading its first eight bytes, never past the end of a smaller object.
// Written as `cfg_attr(all(), ...)` so that cbindgen, which reads plain
// `repr` attributes only, keeps the type opaque in the header.
#[cfg_attr(all(), repr(C))]
pub struct qc_source {
    pub(crate) magic: u64,
    doc: SourceDoc,
}

impl Handle for qc_source {
    const MAGIC: u64 = 0x7163_736f_7572_6365;
    const NAME: &'static str = "qc_source";
}

/// The source texts, indexed for search.
///
/// Made by `qc_store_new`, filled by `qc_store_add`, freed by
/// `qc_store_free`. Strings the library returns from checks point into the
/// store: they stay valid until the store is freed.
///
/// Thread safety: once built, any number of threads may check against the
/// same `const qc_store *` at once; `qc_store_add` needs exclusive use (no
/// check may run on the store meanwhile).
// The tag first, in C layout: a handle of the wrong type is refused by
// reading its first eight bytes, never past the end of a smaller object.
// Written as `cfg_attr(all(), ...)` so that cbindgen, which reads plain
// `repr` attributes only, keeps the type opaque in the header.
#[cfg_attr(all(), repr(C))]
pub struct qc_store {
    pub(crate) magic: u64,
    pub(crate) store: Store,
}

impl Handle for qc_store {
    const MAGIC: u64 = 0x7163_7374_6f72_6521;
    const NAME: &'static str = "qc_store";
}

/// Makes a source from its id and text (both UTF-8, copied). `*out`
/// receives the new source on success.
///
/// Ownership: the caller owns `*out` and frees it with `qc_source_free`.
/// Errors: `QC_ERR_NULL_ARG` (`id`, `text` NULL with a nonzero length, or
/// `out` NULL), `QC_ERR_INVALID_UTF8`, `QC_ERR_EMPTY_ID`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_new(
    id: *const u8,
    id_len: usize,
    text: *const u8,
    text_len: usize,
    out: *mut *mut qc_source,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `id`/`text` point to `id_len`/`text_len` readable bytes
        // (the contract); they are copied before returning.
        let id = unsafe { str_in(id, id_len, "id") }?;
        // SAFETY: as above.
        let text = unsafe { str_in(text, text_len, "text") }?;
        ensure(!id.is_empty(), super::status::QC_ERR_EMPTY_ID, || {
            "argument `id` must not be empty".into()
        })?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let source = into_raw(qc_source {
            magic: qc_source::MAGIC,
            doc: SourceDoc::new(id, text),
        });
        // SAFETY: `out` is non-NULL and writable (the contract).
        unsafe { write_out(out, source, "out") }
    })
}

/// Frees a source. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_free(source: *mut qc_source) {
    guard_value((), || {
        // SAFETY: `source` is NULL or came from `qc_source_new` and is not
        // used again (the contract).
        unsafe { free_handle(source, |s| s.magic = 0) }
    });
}

/// Who speaks in a single-speaker source (a speech, a statement): every
/// match in it is attributed to this person. `NULL` clears it. Copied.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_set_speaker(
    source: *mut qc_source,
    speaker: *const u8,
    speaker_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `source` is a live `qc_source` used by this thread only.
        let s = unsafe { handle_mut(source, "source") }?;
        // SAFETY: `speaker` is NULL or `speaker_len` readable bytes.
        s.doc.speaker = unsafe { opt_str_in(speaker, speaker_len, "speaker") }?.map(str::to_string);
        Ok(())
    })
}

/// The source's title (`NULL` clears it). Copied.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_set_title(
    source: *mut qc_source,
    title: *const u8,
    title_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `source` is a live `qc_source` used by this thread only.
        let s = unsafe { handle_mut(source, "source") }?;
        // SAFETY: `title` is NULL or `title_len` readable bytes.
        s.doc.title = unsafe { opt_str_in(title, title_len, "title") }?.map(str::to_string);
        Ok(())
    })
}

/// The source's date, as text (`NULL` clears it). Copied.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_set_date(
    source: *mut qc_source,
    date: *const u8,
    date_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `source` is a live `qc_source` used by this thread only.
        let s = unsafe { handle_mut(source, "source") }?;
        // SAFETY: `date` is NULL or `date_len` readable bytes.
        s.doc.date = unsafe { opt_str_in(date, date_len, "date") }?.map(str::to_string);
        Ok(())
    })
}

/// Maps a transcript's speaker label as written (`"MR. KIRBY"`) to the
/// person (`"John Kirby"`). Both copied; call once per label.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`,
/// `QC_ERR_INVALID_ARG` (an empty label or person).
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_add_label(
    source: *mut qc_source,
    label: *const u8,
    label_len: usize,
    person: *const u8,
    person_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `source` is a live `qc_source` used by this thread only.
        let s = unsafe { handle_mut(source, "source") }?;
        // SAFETY: `label`/`person` point to their lengths' readable bytes.
        let label = unsafe { str_in(label, label_len, "label") }?;
        // SAFETY: as above.
        let person = unsafe { str_in(person, person_len, "person") }?;
        ensure(
            !label.trim().is_empty() && !person.trim().is_empty(),
            QC_ERR_INVALID_ARG,
            || "a label and its person must not be empty".into(),
        )?;
        s.doc.speakers.push((label.to_string(), person.to_string()));
        Ok(())
    })
}

/// Whether the source is read as a transcript: `QC_SOURCE_AUTO` (the
/// default: decided from the text), `QC_SOURCE_PLAIN` or
/// `QC_SOURCE_TRANSCRIPT`.
///
/// Errors: `QC_ERR_INVALID_ARG` for any other value, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_source_set_kind(
    source: *mut qc_source,
    kind: u32,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `source` is a live `qc_source` used by this thread only.
        let s = unsafe { handle_mut(source, "source") }?;
        s.doc.kind = match kind {
            QC_SOURCE_AUTO => SourceKind::Auto,
            QC_SOURCE_PLAIN => SourceKind::Plain,
            QC_SOURCE_TRANSCRIPT => SourceKind::Transcript,
            other => {
                return Err(Failure::new(
                    QC_ERR_INVALID_ARG,
                    format!("argument `kind`: {other} is not a QC_SOURCE_* value"),
                ));
            }
        };
        Ok(())
    })
}

/// A new, empty store.
///
/// Ownership: the caller owns it and frees it with `qc_store_free`.
/// Returns NULL only if a panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_new() -> *mut qc_store {
    guard_value(std::ptr::null_mut(), || {
        into_raw(qc_store {
            magic: qc_store::MAGIC,
            store: Store::new(),
        })
    })
}

/// Frees a store. `NULL` is a no-op. No checker may be using it, and
/// strings borrowed from it become invalid.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_free(store: *mut qc_store) {
    guard_value((), || {
        // SAFETY: `store` is NULL or came from `qc_store_new` and is not
        // used again (the contract).
        unsafe { free_handle(store, |s| s.magic = 0) }
    });
}

/// Adds (a copy of) `source` to the store and indexes it. Its index (0, 1,
/// 2, ... in the order of adding) goes to `*index` when `index` is not
/// NULL. The store is unchanged on error.
///
/// Errors: `QC_ERR_DUPLICATE_ID`, `QC_ERR_TOO_LARGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_add(
    store: *mut qc_store,
    source: *const qc_source,
    index: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        // SAFETY: `source` is a live `qc_source`.
        let src = unsafe { handle_ref(source, "source") }?;
        let at = st.store.add(src.doc.clone())?;
        if !index.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(index, at, "index") }?;
        }
        Ok(())
    })
}

/// Adds every source of the file or folder at `path` (UTF-8 bytes, no NUL
/// needed), read as the `quotecheck` command reads it: folders recursively,
/// each folder's `sources.json` manifest giving ids, titles, dates, speakers
/// and transcript labels; a source's id is its manifest id, else its file
/// stem, else (two files with one stem) its path in the folder. The number
/// added goes to `*added` when `added` is not NULL.
///
/// All or nothing: on any error nothing is added.
///
/// Errors: `QC_ERR_IO` (a file or folder that cannot be read, or a file that
/// is not UTF-8; the message names it), `QC_ERR_MANIFEST` (a broken
/// `sources.json`, or one listing a missing file: the message names the
/// entry and the field), `QC_ERR_DUPLICATE_ID`, `QC_ERR_TOO_LARGE`,
/// `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_add_folder(
    store: *mut qc_store,
    path: *const u8,
    path_len: usize,
    added: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        // SAFETY: `path` points to `path_len` readable bytes.
        let path = unsafe { str_in(path, path_len, "path") }?;
        let n = st.store.add_folder(path)?;
        if !added.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(added, n, "added") }?;
        }
        Ok(())
    })
}

/// Adds (copies of) the `count` sources of the array `sources` and indexes
/// them in one pass: about twice as fast as `qc_store_add` one by one, and
/// less than half the memory while building. The number added goes to `*added`
/// when `added` is not NULL.
///
/// Every handle in the array is checked before anything is added (a NULL or
/// bad handle leaves the store unchanged). On a source that cannot be added
/// (`QC_ERR_DUPLICATE_ID`, `QC_ERR_TOO_LARGE`), the ones before it stay
/// added and indexed and the rest are not added; `qc_store_index_bound`
/// before and after says how many were.
///
/// Ownership: the array and the sources stay the caller's.
/// Errors: `QC_ERR_DUPLICATE_ID`, `QC_ERR_TOO_LARGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_add_many(
    store: *mut qc_store,
    sources: *const *const qc_source,
    count: usize,
    added: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        let array: &[*const qc_source] = if count == 0 {
            &[]
        } else if sources.is_null() {
            return Err(Failure::null("sources"));
        } else {
            // SAFETY: non-NULL, and points to `count` readable pointers
            // (the contract); nothing writes to them during the call.
            unsafe { std::slice::from_raw_parts(sources, count) }
        };
        let mut docs = Vec::with_capacity(array.len());
        for &ptr in array {
            // SAFETY: each element is NULL or a live `qc_source`.
            let src = unsafe { handle_ref(ptr, "sources[]") }?;
            docs.push(&src.doc);
        }
        let n = st.store.add_many(docs.into_iter().cloned())?;
        if !added.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(added, n, "added") }?;
        }
        Ok(())
    })
}

/// Folds the sources added since the store was made or opened into the
/// compact index (what `qc_store_save` writes): checks find the same
/// spans, in a quarter of the memory or less. Worth calling after adding
/// many sources one by one that will be checked without being saved.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_freeze(store: *mut qc_store, err: *mut qc_error) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        st.store.freeze();
        Ok(())
    })
}

/// Reads every part of an opened store still in its file into memory,
/// checking each part's checksum (a full check of the file: after it, the
/// store no longer reads its file). A no-op for a store built in memory;
/// on an error the store is unchanged and still usable.
///
/// Errors: `QC_ERR_CORRUPT`, `QC_ERR_IO`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_load(store: *mut qc_store, err: *mut qc_error) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        st.store.load()?;
        Ok(())
    })
}

/// The number of sources in the store, removed ones not counted (0 for
/// NULL or a bad handle). Indexes run up to `qc_store_index_bound`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_len(store: *const qc_store) -> usize {
    guard_value(0, || {
        // SAFETY: `store` is NULL or a live `qc_store`.
        unsafe { handle_ref(store, "store") }.map_or(0, |s| s.store.len())
    })
}

/// One past the largest source index (removed sources keep their index
/// until the store is saved and reopened).
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_index_bound(store: *const qc_store) -> usize {
    guard_value(0, || {
        // SAFETY: `store` is NULL or a live `qc_store`.
        unsafe { handle_ref(store, "store") }.map_or(0, |s| s.store.index_bound())
    })
}

/// The id of the source at `index`, into `*out` (`QC_ERR_OUT_OF_RANGE` for
/// a removed source).
///
/// Lifetime: borrowed from the store; valid until the store is freed.
/// Errors: `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_source_id(
    store: *const qc_store,
    index: usize,
    out: *mut qc_str,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store`.
        let st = unsafe { handle_ref(store, "store") }?;
        let source = st.store.get(index).ok_or_else(|| {
            Failure::new(
                QC_ERR_OUT_OF_RANGE,
                format!("index {index} is past the {} sources", st.store.len()),
            )
        })?;
        // SAFETY: `out` is writable (the contract).
        unsafe { write_out(out, qc_str::of(source.id()), "out") }
    })
}

/// Finds a source by id; its index goes to `*index`.
///
/// Errors: `QC_ERR_UNKNOWN_ID`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_find(
    store: *const qc_store,
    id: *const u8,
    id_len: usize,
    index: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `store` is a live `qc_store`.
        let st = unsafe { handle_ref(store, "store") }?;
        // SAFETY: `id` points to `id_len` readable bytes.
        let id = unsafe { str_in(id, id_len, "id") }?;
        let at = st
            .store
            .find(id)
            .ok_or_else(|| Failure::from(crate::Error::UnknownSourceId(id.to_string())))?;
        // SAFETY: `index` is writable (the contract).
        unsafe { write_out(index, at, "index") }
    })
}

/// Removes the source with this id (UTF-8). Its index is not reused; its
/// words are skipped by checks from now on and left out of the next save.
///
/// Errors: `QC_ERR_UNKNOWN_ID`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`,
/// `QC_ERR_INVALID_HANDLE`.
/// Thread safety: exclusive use of `store`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_remove(
    store: *mut qc_store,
    id: *const u8,
    id_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_store` no other thread uses now.
        let st = unsafe { handle_mut(store, "store") }?;
        // SAFETY: `id` points to `id_len` readable bytes.
        let id = unsafe { str_in(id, id_len, "id") }?;
        st.store.remove(id)?;
        Ok(())
    })
}

/// Writes the store to the file at `path` (UTF-8 bytes, no NUL needed)
/// atomically: a temporary file beside it is written, synced and renamed
/// over it, so the previous file survives a failed save.
///
/// Errors: `QC_ERR_IO` (with the path and the system's reason),
/// `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
/// Thread safety: reads `store`; no `qc_store_add` may run meanwhile.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_save(
    store: *const qc_store,
    path: *const u8,
    path_len: usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_store`.
        let st = unsafe { handle_ref(store, "store") }?;
        // SAFETY: `path` points to `path_len` readable bytes.
        let path = unsafe { str_in(path, path_len, "path") }?;
        st.store.save(path)?;
        Ok(())
    })
}

/// Merges the `count` store files named in `parts` (each a UTF-8 path, no
/// NUL needed), in order, into one store file at `path`: the file one build
/// of all their sources writes, byte for byte, made without building
/// anything (texts are copied a compressed block at a time, the indexes'
/// lists renumbered and joined). An archive too large to build in memory
/// (a build takes about four times its text) is built in parts, each saved
/// with `qc_store_save`, then merged; the merge holds the parts' posting
/// lists in memory (about 0.45 bytes a byte of text). Written atomically,
/// as `qc_store_save` writes; the number of sources in it goes to
/// `*sources` when `sources` is not NULL.
///
/// Ownership: the array and the strings stay the caller's.
/// Errors: `QC_ERR_DUPLICATE_ID` (two parts hold one id), `QC_ERR_TOO_LARGE`
/// (more words together than a store's 32-bit positions address),
/// `QC_ERR_IO`, `QC_ERR_NOT_A_STORE`, `QC_ERR_CORRUPT`, `QC_ERR_VERSION`
/// (a part; the message names it when it is damaged), `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_UTF8`. On an error the file at `path` is untouched.
/// Thread safety: none needed (no handle is used).
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_merge_files(
    parts: *const qc_str,
    count: usize,
    path: *const u8,
    path_len: usize,
    sources: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        let array: &[qc_str] = if count == 0 {
            &[]
        } else if parts.is_null() {
            return Err(Failure::null("parts"));
        } else {
            // SAFETY: non-NULL, and points to `count` readable `qc_str`s
            // (the contract); nothing writes to them during the call.
            unsafe { std::slice::from_raw_parts(parts, count) }
        };
        let mut inputs = Vec::with_capacity(array.len());
        for part in array {
            // SAFETY: each element's `ptr` points to `len` readable bytes.
            inputs.push(unsafe { str_in(part.ptr.cast(), part.len, "parts[]") }?);
        }
        // SAFETY: `path` points to `path_len` readable bytes.
        let path = unsafe { str_in(path, path_len, "path") }?;
        let n = Store::merge_files(&inputs, path)?;
        if !sources.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(sources, n, "sources") }?;
        }
        Ok(())
    })
}

/// Opens a store file written by `qc_store_save`; `*out` receives the new
/// store on success. Opening reads and checks the file's small parts (the
/// vocabulary, the source records, the index rows: a few reads however
/// large the file); the texts and posting lists are read, each piece
/// checked against its own checksum, when a check first needs them (a
/// source's words are made again from its text then, not stored),
/// so damage there is reported by that check (`QC_ERR_CORRUPT`), or by
/// `qc_store_load`. The file stays open until the store is freed.
///
/// Ownership: the caller owns `*out` and frees it with `qc_store_free`.
/// Errors: `QC_ERR_IO`, `QC_ERR_NOT_A_STORE`, `QC_ERR_CORRUPT`,
/// `QC_ERR_VERSION` (a newer format), `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_store_open(
    path: *const u8,
    path_len: usize,
    out: *mut *mut qc_store,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: `path` points to `path_len` readable bytes.
        let path = unsafe { str_in(path, path_len, "path") }?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let store = Store::open(path)?;
        let handle = into_raw(qc_store {
            magic: qc_store::MAGIC,
            store,
        });
        // SAFETY: `out` is non-NULL and writable (the contract).
        unsafe { write_out(out, handle, "out") }
    })
}
