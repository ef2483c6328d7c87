"""quotecheck for Python: a ctypes wrapper over the library's C API.

    from quotecheck import Store, Checker, extract

    with Store() as store, Checker() as checker:
        store.add("briefing", text, labels={"MR. KIRBY": "John Kirby"})
        report = checker.check(store, "no indication of aliens", speaker="Kirby")
        print(report.verdict.name, report.best.source_id, report.best.speaker)
        for q in extract(article):
            print(q.kind.name, article[q.start:q.end], q.speaker)

Offsets in results are Python string offsets (code points) into the text
you passed; the byte offsets of the C API are there too (`*_byte`).

Installed with pip (`pip install .`, distribution name `quotecheck-news`),
the shared library ships inside this package. The library is looked up in
$QUOTECHECK_LIB, then inside the package, then in target/release and
target/debug of a checkout (`cargo build --release --lib`). Only the
standard library is used at run time.
"""

from __future__ import annotations

import ctypes
import threading
import enum
import os
import sys
from ctypes import (
    POINTER,
    Structure,
    c_bool,
    c_char_p,
    c_float,
    c_int32,
    c_size_t,
    c_uint8,
    c_uint32,
    c_void_p,
    byref,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

__all__ = [
    "ABI_VERSION",
    "ArticleQuote",
    "Change",
    "Checker",
    "Claim",
    "Part",
    "Edit",
    "EditOp",
    "Extractor",
    "Flag",
    "Match",
    "Quote",
    "QuoteKind",
    "QuotecheckError",
    "Report",
    "SourceKind",
    "SpeakerKind",
    "Store",
    "Verdict",
    "extract",
    "library",
    "version",
]

#: The C ABI this wrapper was written for (QC_ABI_VERSION).
ABI_VERSION = 1

Text = Union[str, bytes]


# ---- enumerations (values fixed by include/quotecheck.h) -------------------


class _Named:
    """str() of a value is its name as the JSON report spells it:
    str(Verdict.NOT_FOUND) == "not_found"."""

    def __str__(self) -> str:
        name = self.name
        if name is None:  # a combination of flags
            return "|".join(str(f) for f in self)
        return name.lower()



class Verdict(_Named, enum.IntEnum):
    VERBATIM = 0
    MINOR = 1
    ALTERED = 2
    ELLIPSIS = 3
    NOT_FOUND = 4
    MISATTRIBUTED = 5


class Flag(_Named, enum.IntFlag):
    NEGATION = 1
    NUMBER = 2
    NAME = 4
    PARTIAL = 8
    ELLIPSIS = 16
    SPEAKER_MISMATCH = 32
    SPEAKER_UNKNOWN = 64
    CROSSES_TURN = 128
    EDITORIAL = 256
    SPEAKER_UNVERIFIED = 512
    SPLICED = 1024


class EditOp(_Named, enum.IntEnum):
    REPLACE = 0
    INSERT = 1
    DELETE = 2


class Change(_Named, enum.IntEnum):
    CASE = 0
    ACCENT = 1
    TYPOGRAPHY = 2
    PUNCTUATION = 3
    HYPHENATION = 4
    CONTRACTION = 5
    NUMBER_STYLE = 6
    EDITORIAL = 7
    OMISSION = 8
    STAGE_DIRECTION = 9
    FALSE_START = 10
    WORD = 11
    SPELLING = 12
    NUMBER = 13
    NEGATION = 14
    NAME = 15
    CONJUNCTION = 16
    INFLECTION = 17
    MOVED = 18


class SpeakerKind(_Named, enum.IntEnum):
    """Who speaks at a matched span, per the source."""

    NOT_GIVEN = 0
    NAMED = 1
    UNKNOWN = 2
    ROLE = 3


class Claim(_Named, enum.IntEnum):
    """The kind of speaker an article names (`Checker.check(speaker_kind=...)`):
    only a PERSON can be contradicted (MISATTRIBUTED)."""

    INFER = 0
    PERSON = 1
    ROLE = 2
    GROUP = 3
    ORGANISATION = 4
    UNKNOWN = 5


class QuoteKind(_Named, enum.IntEnum):
    SPEECH = 0
    OTHER = 1


class SourceKind(_Named, enum.IntEnum):
    AUTO = 0
    PLAIN = 1
    TRANSCRIPT = 2


class Language(_Named, enum.IntEnum):
    AUTO = 0
    ENGLISH = 1
    GERMAN = 2


# ---- C structures (field order as in the header) ---------------------------


class _Str(Structure):
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]

    def text(self) -> str:
        if not self.len:
            return ""
        return ctypes.string_at(self.ptr, self.len).decode("utf-8")


class _Report(Structure):
    _fields_ = [
        ("verdict", c_uint32),
        ("flags", c_uint32),
        ("score", c_float),
        ("match_count", c_size_t),
    ]


class _Part(Structure):
    _fields_ = [
        ("quote_start", c_size_t),
        ("quote_end", c_size_t),
        ("source_id", _Str),
        ("source_start", c_size_t),
        ("source_end", c_size_t),
        ("text", _Str),
    ]


class _Match(Structure):
    _fields_ = [
        ("verdict", c_uint32),
        ("text_verdict", c_uint32),
        ("flags", c_uint32),
        ("score", c_float),
        ("source_index", c_size_t),
        ("source_id", _Str),
        ("start", c_size_t),
        ("end", c_size_t),
        ("char_start", c_size_t),
        ("char_end", c_size_t),
        ("text", _Str),
        ("speaker_kind", c_uint32),
        ("speaker", _Str),
        ("time", _Str),
        ("edit_count", c_size_t),
    ]


class _Edit(Structure):
    _fields_ = [
        ("op", c_uint32),
        ("change", c_uint32),
        ("quote_start", c_size_t),
        ("quote_end", c_size_t),
        ("quote_char_start", c_size_t),
        ("quote_char_end", c_size_t),
        ("source_start", c_size_t),
        ("source_end", c_size_t),
        ("source_char_start", c_size_t),
        ("source_char_end", c_size_t),
        ("quote_text", _Str),
        ("source_text", _Str),
    ]


class _Quote(Structure):
    _fields_ = [
        ("start", c_size_t),
        ("end", c_size_t),
        ("char_start", c_size_t),
        ("char_end", c_size_t),
        ("open_start", c_size_t),
        ("close_end", c_size_t),
        ("paragraph", c_uint32),
        ("kind", c_uint32),
        ("rule", c_uint32),
        ("continued", c_bool),
        ("open_end", c_bool),
        ("has_speaker", c_bool),
        ("nested_in", c_size_t),
        ("text", _Str),
        ("speaker", _Str),
        ("speaker_mention", _Str),
        ("speaker_start", c_size_t),
        ("speaker_end", c_size_t),
    ]


class _ArticleCheck(Structure):
    _fields_ = [
        ("quote", _Quote),
        ("checked", c_bool),
        ("status", c_int32),
        ("report", _Report),
        ("best", _Match),
    ]


_P = c_void_p  # opaque handles
_BYTES = POINTER(c_uint8)
_NO_INDEX = ctypes.c_size_t(-1).value

#: name -> (restype, argtypes), for every function of include/quotecheck.h.
_SIGNATURES = {
    "qc_version": (c_char_p, []),
    "qc_version_number": (c_uint32, []),
    "qc_abi_version": (c_uint32, []),
    "qc_status_str": (c_char_p, [c_int32]),
    "qc_error_new": (_P, []),
    "qc_error_free": (None, [_P]),
    "qc_error_code": (c_int32, [_P]),
    "qc_error_message": (c_char_p, [_P, POINTER(c_size_t)]),
    "qc_verdict_str": (c_char_p, [c_uint32]),
    "qc_flag_str": (c_char_p, [c_uint32]),
    "qc_claim_str": (c_char_p, [c_uint32]),
    "qc_edit_op_str": (c_char_p, [c_uint32]),
    "qc_change_str": (c_char_p, [c_uint32]),
    "qc_rule_str": (c_char_p, [c_uint32]),
    "qc_source_new": (c_int32, [_BYTES, c_size_t, _BYTES, c_size_t, POINTER(_P), _P]),
    "qc_source_free": (None, [_P]),
    "qc_source_set_speaker": (c_int32, [_P, _BYTES, c_size_t, _P]),
    "qc_source_set_title": (c_int32, [_P, _BYTES, c_size_t, _P]),
    "qc_source_set_date": (c_int32, [_P, _BYTES, c_size_t, _P]),
    "qc_source_add_label": (c_int32, [_P, _BYTES, c_size_t, _BYTES, c_size_t, _P]),
    "qc_source_set_kind": (c_int32, [_P, c_uint32, _P]),
    "qc_store_new": (_P, []),
    "qc_store_free": (None, [_P]),
    "qc_store_add": (c_int32, [_P, _P, POINTER(c_size_t), _P]),
    "qc_store_add_many": (c_int32, [_P, POINTER(_P), c_size_t, POINTER(c_size_t), _P]),
    "qc_store_freeze": (c_int32, [_P, _P]),
    "qc_store_load": (c_int32, [_P, _P]),
    "qc_store_add_folder": (c_int32, [_P, _P, c_size_t, POINTER(c_size_t), _P]),
    "qc_store_len": (c_size_t, [_P]),
    "qc_store_source_id": (c_int32, [_P, c_size_t, POINTER(_Str), _P]),
    "qc_store_find": (c_int32, [_P, _BYTES, c_size_t, POINTER(c_size_t), _P]),
    "qc_store_index_bound": (c_size_t, [_P]),
    "qc_store_remove": (c_int32, [_P, _BYTES, c_size_t, _P]),
    "qc_store_save": (c_int32, [_P, _BYTES, c_size_t, _P]),
    "qc_store_open": (c_int32, [_BYTES, c_size_t, POINTER(_P), _P]),
    "qc_store_merge_files": (
        c_int32,
        [POINTER(_Str), c_size_t, _BYTES, c_size_t, POINTER(c_size_t), _P],
    ),
    "qc_extractor_new": (_P, []),
    "qc_extractor_free": (None, [_P]),
    "qc_extractor_set_language": (c_int32, [_P, c_uint32, _P]),
    "qc_extractor_extract": (c_int32, [_P, _BYTES, c_size_t, POINTER(c_size_t), _P]),
    "qc_extractor_quote": (c_int32, [_P, c_size_t, POINTER(_Quote), _P]),
    "qc_extractor_quotes": (c_int32, [_P, POINTER(_Quote), c_size_t, POINTER(c_size_t), _P]),
    "qc_checker_new": (_P, []),
    "qc_checker_free": (None, [_P]),
    "qc_checker_set_language": (c_int32, [_P, c_uint32, _P]),
    "qc_checker_check": (
        c_int32,
        [_P, _P, _BYTES, c_size_t, _BYTES, c_size_t, POINTER(_Report), _P],
    ),
    "qc_checker_check_as": (
        c_int32,
        [_P, _P, _BYTES, c_size_t, _BYTES, c_size_t, c_uint32, POINTER(_Report), _P],
    ),
    "qc_checker_check_at": (
        c_int32,
        [_P, _P, _BYTES, c_size_t, _BYTES, c_size_t, c_uint32, _BYTES, c_size_t, c_size_t,
         POINTER(_Report), _P],
    ),
    "qc_checker_suggested_text": (c_int32, [_P, POINTER(_Str), _P]),
    "qc_checker_found_elsewhere": (c_int32, [_P, POINTER(c_int32), _P]),
    "qc_checker_article_suggested_text": (c_int32, [_P, c_size_t, POINTER(_Str), _P]),
    "qc_checker_parts": (c_int32, [_P, POINTER(_Part), c_size_t, POINTER(c_size_t), _P]),
    "qc_checker_report": (c_int32, [_P, POINTER(_Report), _P]),
    "qc_checker_match": (c_int32, [_P, c_size_t, POINTER(_Match), _P]),
    "qc_checker_matches": (c_int32, [_P, POINTER(_Match), c_size_t, POINTER(c_size_t), _P]),
    "qc_checker_edit": (c_int32, [_P, c_size_t, c_size_t, POINTER(_Edit), _P]),
    "qc_checker_check_article": (c_int32, [_P, _P, _BYTES, c_size_t, POINTER(c_size_t), _P]),
    "qc_checker_article_check": (c_int32, [_P, c_size_t, POINTER(_ArticleCheck), _P]),
    "qc_checker_article_checks": (
        c_int32,
        [_P, POINTER(_ArticleCheck), c_size_t, POINTER(c_size_t), _P],
    ),
    "qc_checker_article_edit": (c_int32, [_P, c_size_t, c_size_t, POINTER(_Edit), _P]),
}

QC_OK = 0
QC_ERR_BUFFER_TOO_SMALL = 9


# ---- loading ----------------------------------------------------------------


def _candidates() -> list[Path]:
    names = {"linux": "libquotecheck.so", "darwin": "libquotecheck.dylib"}
    name = names.get(sys.platform, "quotecheck.dll")
    here = Path(__file__).resolve().parent
    root = here.parent.parent  # a checkout: python/quotecheck/__init__.py
    found = []
    env = os.environ.get("QUOTECHECK_LIB")
    if env:
        found.append(Path(env))
    # Inside the package (a pip install): the extension file setuptools-rust
    # names `_native.<platform tag>.so`.
    found += sorted(here.glob("_native*.so")) + sorted(here.glob("_native*.dylib"))
    found += sorted(here.glob("_native*.pyd"))
    found += [root / "target" / "release" / name, root / "target" / "debug" / name]
    return found


def library_path() -> Path:
    """Where the shared library in use was loaded from."""
    library()
    return _lib_path  # type: ignore[return-value]


def _load() -> ctypes.CDLL:
    tried = _candidates()
    global _lib_path
    for path in tried:
        if path.is_file():
            lib = ctypes.CDLL(str(path))
            _lib_path = path
            break
    else:
        raise OSError(
            "quotecheck: the shared library was not found; build it with "
            "`cargo build --release --lib` or set QUOTECHECK_LIB. Tried: "
            + ", ".join(str(p) for p in tried)
        )
    for name, (restype, argtypes) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    abi = lib.qc_abi_version()
    if abi != ABI_VERSION:
        raise OSError(f"quotecheck: library ABI {abi}, this wrapper needs {ABI_VERSION}")
    return lib


_lib: Optional[ctypes.CDLL] = None
_lib_path: Optional[Path] = None


def library() -> ctypes.CDLL:
    """The loaded shared library (loaded on first use)."""
    global _lib
    if _lib is None:
        _lib = _load()
    return _lib


def version() -> str:
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return library().qc_version().decode()


# ---- errors -----------------------------------------------------------------


class QuotecheckError(Exception):
    """A call failed: `status` is the qc_status code, `name` its name
    (e.g. "QC_ERR_INVALID_UTF8"), and the message says which argument or
    byte."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.name = library().qc_status_str(status).decode()
        self.message = message
        super().__init__(f"{self.name}: {message}" if message else self.name)


class _Error:
    """A qc_error owned by one call site (not shared between threads)."""

    def __init__(self) -> None:
        self.ptr = library().qc_error_new()

    def check(self, status: int) -> None:
        if status != QC_OK:
            raise QuotecheckError(status, library().qc_error_message(self.ptr, None).decode())

    def close(self) -> None:
        if self.ptr:
            library().qc_error_free(self.ptr)
            self.ptr = None


class _PerThreadError:
    """One qc_error per thread for each object. Several threads may call one
    Store's methods at once (checks share a store; saves may fail at once),
    and a shared error object would give one thread another's message, or
    memory already freed."""

    def _init_errors(self) -> None:
        self._errs = threading.local()
        self._errs_lock = threading.Lock()
        self._all_errs: list = []

    @property
    def _err(self) -> _Error:
        e = getattr(self._errs, "e", None)
        if e is None:
            e = _Error()
            self._errs.e = e
            with self._errs_lock:
                self._all_errs.append(e)
        return e

    def _close_errors(self) -> None:
        with self._errs_lock:
            for e in self._all_errs:
                e.close()
            self._all_errs.clear()


def _bytes(value: Text, what: str, optional: bool = False):
    """(pointer, length, keep-alive) for a str or bytes argument."""
    if value is None:
        if optional:
            return None, 0, None
        raise TypeError(f"{what} must be str or bytes, not None")
    if isinstance(value, str):
        # surrogatepass lets unpaired surrogates reach the library, which
        # reports them as invalid UTF-8 with their byte offset.
        data = value.encode("utf-8", "surrogatepass")
    elif isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    else:
        raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")
    buf = (c_uint8 * max(len(data), 1)).from_buffer_copy(data or b"\0")
    return ctypes.cast(buf, _BYTES), len(data), buf


# ---- results ----------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One difference. Offsets are code points into the quote (or the
    article, for article checks) and into the source text."""

    op: EditOp
    change: Change
    quote_start: int
    quote_end: int
    source_start: int
    source_end: int
    quote_text: str
    source_text: str
    quote_start_byte: int
    quote_end_byte: int
    source_start_byte: int
    source_end_byte: int


@dataclass(frozen=True)
class Match:
    """A source span that matches. `start`/`end` are code points into the
    source text (`start_byte`/`end_byte` are UTF-8 bytes)."""

    verdict: Verdict
    text_verdict: Verdict
    flags: Flag
    score: float
    source_index: int
    source_id: str
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    speaker_kind: SpeakerKind
    speaker: Optional[str]
    time: Optional[str]
    edits: list = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """The outcome of one check: the verdict and every span, best first."""

    verdict: Verdict
    score: float
    flags: Flag
    matches: list
    #: For a SPLICED quote, its two parts (`Part`), in quote order.
    parts: list = field(default_factory=list)
    #: The correction an editor would print (None for a faithful quote,
    #: misattributed words as said, or a quote not found).
    suggested_text: Optional[str] = None
    #: For a check at a claimed place (`check(..., at=...)`): were the words
    #: found only elsewhere? None for an ordinary check.
    found_elsewhere: Optional[bool] = None

    @property
    def best(self) -> Optional[Match]:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True)
class Part:
    """One side of a spliced quote: `quote_start`/`quote_end` are code points
    into the quote; the source span is given in UTF-8 bytes and as text."""

    quote_start: int
    quote_end: int
    source_id: str
    source_start_byte: int
    source_end_byte: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A quoted span of an article; offsets are code points into it."""

    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    kind: QuoteKind
    paragraph: int
    nested_in: Optional[int]
    continued: bool
    open_end: bool
    speaker: Optional[str]
    speaker_mention: Optional[str]
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    rule: str


@dataclass(frozen=True)
class ArticleQuote:
    """A quote of an article and what checking it found (`report` is None
    for quotes that were not checked: `other` spans and nested quotes)."""

    quote: Quote
    report: Optional[Report]
    error: Optional[str]


def _edit(e: _Edit) -> Edit:
    return Edit(
        op=EditOp(e.op),
        change=Change(e.change),
        quote_start=e.quote_char_start,
        quote_end=e.quote_char_end,
        source_start=e.source_char_start,
        source_end=e.source_char_end,
        quote_text=e.quote_text.text(),
        source_text=e.source_text.text(),
        quote_start_byte=e.quote_start,
        quote_end_byte=e.quote_end,
        source_start_byte=e.source_start,
        source_end_byte=e.source_end,
    )


def _match(m: _Match, edits: list) -> Match:
    kind = SpeakerKind(m.speaker_kind)
    return Match(
        verdict=Verdict(m.verdict),
        text_verdict=Verdict(m.text_verdict),
        flags=Flag(m.flags),
        score=m.score,
        source_index=m.source_index,
        source_id=m.source_id.text(),
        start=m.char_start,
        end=m.char_end,
        start_byte=m.start,
        end_byte=m.end,
        text=m.text.text(),
        speaker_kind=kind,
        speaker=m.speaker.text() if kind in (SpeakerKind.NAMED, SpeakerKind.ROLE) else None,
        time=m.time.text() or None,
        edits=edits,
    )


class _CharMap:
    """Code-point offsets of byte offsets into one text, for every offset
    asked for in one pass over the text (sorted offsets, counted from one to
    the next): counting from the start for each quote made a 1 MB article
    take 105 s."""

    def __init__(self, article: Text, offsets: Iterable[int]) -> None:
        data = article.encode("utf-8", "surrogatepass") if isinstance(article, str) else bytes(article)
        self._map: dict = {}
        prev_byte = prev_char = 0
        for b in sorted(set(o for o in offsets if o != _NO_INDEX and 0 <= o <= len(data))):
            prev_char += len(data[prev_byte:b].decode("utf-8", "replace"))
            prev_byte = b
            self._map[b] = prev_char

    def get(self, byte_offset: int) -> Optional[int]:
        return self._map.get(byte_offset)


def _quote(q: _Quote, chars: _CharMap) -> Quote:
    def char(byte_offset: int) -> Optional[int]:
        return None if byte_offset == _NO_INDEX else chars.get(byte_offset)

    return Quote(
        start=q.char_start,
        end=q.char_end,
        start_byte=q.start,
        end_byte=q.end,
        text=q.text.text(),
        kind=QuoteKind(q.kind),
        paragraph=q.paragraph,
        nested_in=None if q.nested_in == _NO_INDEX else q.nested_in,
        continued=bool(q.continued),
        open_end=bool(q.open_end),
        speaker=q.speaker.text() if q.has_speaker else None,
        speaker_mention=q.speaker_mention.text() if q.has_speaker else None,
        speaker_start=char(q.speaker_start),
        speaker_end=char(q.speaker_end),
        rule=library().qc_rule_str(q.rule).decode(),
    )


# ---- handles ----------------------------------------------------------------


class Store(_PerThreadError):
    """Source texts, indexed. Build it on one thread; then any number of
    threads may check against it. Use as a context manager, or call
    close()."""

    def __init__(self, _ptr: Optional[int] = None) -> None:
        self._ptr = _ptr if _ptr is not None else library().qc_store_new()
        self._init_errors()

    @classmethod
    def open(cls, path: Union[str, os.PathLike]) -> "Store":
        """Opens a store file written by save(), in a few reads however large
        it is. A damaged or foreign file raises QuotecheckError
        (QC_ERR_CORRUPT, QC_ERR_NOT_A_STORE, ...). Texts and posting lists
        are read from the file (each piece checked) when a
        check first needs them; load() reads them all now."""
        err = _Error()
        try:
            p, n, keep = _bytes(os.fsdecode(path), "path")
            out = c_void_p()
            err.check(library().qc_store_open(p, n, byref(out), err.ptr))
            return cls(out.value)
        finally:
            err.close()

    @staticmethod
    def merge_files(
        parts: Sequence[Union[str, os.PathLike]], path: Union[str, os.PathLike]
    ) -> int:
        """Merges the store files `parts` (each written by save()), in order,
        into one store file at `path`: the file one store of all their
        sources saves, made without building anything. Build an archive too
        large for memory (a build takes about four times its text) in parts,
        save each, and merge them. Returns how many sources the file holds.
        A source id in two parts raises QuotecheckError (QC_ERR_DUPLICATE_ID);
        on any error `path` is left as it was."""
        encoded = [_bytes(os.fsdecode(part), "parts[]") for part in parts]
        array = (_Str * max(len(encoded), 1))()
        for i, (ptr, n, _keep) in enumerate(encoded):
            array[i].ptr = ctypes.cast(ptr, c_void_p)
            array[i].len = n
        err = _Error()
        try:
            p, n, keep = _bytes(os.fsdecode(path), "path")
            count = c_size_t()
            err.check(
                library().qc_store_merge_files(
                    array, len(encoded), p, n, byref(count), err.ptr
                )
            )
            return count.value
        finally:
            err.close()

    @classmethod
    def from_folder(cls, path: Union[str, os.PathLike]) -> "Store":
        """A store of every source in the folder tree at `path`, described by
        its `sources.json` manifests (the rules of the quotecheck command).
        A broken manifest raises QuotecheckError (QC_ERR_MANIFEST) naming
        the entry and field; an unreadable file QC_ERR_IO."""
        store = cls()
        try:
            store.add_folder(path)
        except BaseException:
            store.close()
            raise
        return store

    def add_folder(self, path: Union[str, os.PathLike]) -> int:
        """Adds every source of the folder tree at `path` (see from_folder);
        all or nothing. Returns how many were added."""
        p, n, keep = _bytes(os.fsdecode(path), "path")
        added = c_size_t()
        self._err.check(library().qc_store_add_folder(self._ptr, p, n, byref(added), self._err.ptr))
        return added.value

    def save(self, path: Union[str, os.PathLike]) -> None:
        """Writes the store to `path` atomically."""
        p, n, keep = _bytes(os.fsdecode(path), "path")
        self._err.check(library().qc_store_save(self._ptr, p, n, self._err.ptr))

    def remove(self, id: str) -> None:
        """Removes a source by id (QuotecheckError QC_ERR_UNKNOWN_ID if none)."""
        p, n, keep = _bytes(id, "id")
        self._err.check(library().qc_store_remove(self._ptr, p, n, self._err.ptr))

    def _source(
        self,
        id: str,
        text: Text,
        speaker: Optional[str] = None,
        title: Optional[str] = None,
        date: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        kind: SourceKind = SourceKind.AUTO,
    ) -> c_void_p:
        """A new qc_source (the caller frees it) from add()'s arguments."""
        lib, err = library(), self._err
        p_id, n_id, k1 = _bytes(id, "id")
        p_text, n_text, k2 = _bytes(text, "text")
        src = c_void_p()
        err.check(lib.qc_source_new(p_id, n_id, p_text, n_text, byref(src), err.ptr))
        try:
            for setter, value, what in (
                (lib.qc_source_set_speaker, speaker, "speaker"),
                (lib.qc_source_set_title, title, "title"),
                (lib.qc_source_set_date, date, "date"),
            ):
                if value is not None:
                    p, n, keep = _bytes(value, what)
                    err.check(setter(src, p, n, err.ptr))
            for label, person in (labels or {}).items():
                pl, nl, k3 = _bytes(label, "label")
                pp, np_, k4 = _bytes(person, "person")
                err.check(lib.qc_source_add_label(src, pl, nl, pp, np_, err.ptr))
            if not isinstance(kind, int):
                raise TypeError("kind must be a SourceKind")
            err.check(lib.qc_source_set_kind(src, int(kind) & 0xFFFFFFFF, err.ptr))
        except BaseException:
            lib.qc_source_free(src)
            raise
        finally:
            del k1, k2
        return src

    def add(
        self,
        id: str,
        text: Text,
        *,
        speaker: Optional[str] = None,
        title: Optional[str] = None,
        date: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        kind: SourceKind = SourceKind.AUTO,
    ) -> int:
        """Adds a source; returns its index. `labels` maps transcript labels
        as written ("MR. KIRBY") to people ("John Kirby")."""
        lib, err = library(), self._err
        src = self._source(id, text, speaker, title, date, labels, kind)
        try:
            index = c_size_t()
            err.check(lib.qc_store_add(self._ptr, src, byref(index), err.ptr))
            return index.value
        finally:
            lib.qc_source_free(src)

    def add_many(self, sources: Iterable[Mapping]) -> int:
        """Adds many sources and indexes them in one pass (about twice as
        fast as add() one by one); returns how many were added. Each is a
        mapping of add()'s arguments: "id", "text", and optionally "speaker",
        "title", "date", "labels", "kind". On a source that cannot be added
        (a duplicate id, say) the ones before it stay added and
        QuotecheckError is raised."""
        lib, err = library(), self._err
        made = []
        try:
            for source in sources:
                if not isinstance(source, Mapping):
                    raise TypeError("each source must be a mapping of add()'s arguments")
                made.append(self._source(**source))
            array = (_P * max(len(made), 1))(*[m.value for m in made])
            added = c_size_t()
            err.check(lib.qc_store_add_many(self._ptr, array, len(made), byref(added), err.ptr))
            return added.value
        finally:
            for src in made:
                lib.qc_source_free(src)

    def freeze(self) -> None:
        """Compacts the sources added since the store was made or opened
        (as save() writes them): the same results in less memory."""
        self._err.check(library().qc_store_freeze(self._ptr, self._err.ptr))

    def load(self) -> None:
        """Reads every part of an opened store still in its file into
        memory, checking each part's checksum (a full check of the file).
        Raises QuotecheckError (QC_ERR_CORRUPT) on damage; the store is
        then unchanged."""
        self._err.check(library().qc_store_load(self._ptr, self._err.ptr))

    def __len__(self) -> int:
        return library().qc_store_len(self._ptr)

    def close(self) -> None:
        if self._ptr:
            library().qc_store_free(self._ptr)
            self._ptr = None
        self._close_errors()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


class Checker(_PerThreadError):
    """Checks quotes against a Store. One per thread; reuse it (after
    warm-up a check allocates nothing on the library side)."""

    def __init__(self) -> None:
        self._ptr = library().qc_checker_new()
        self._init_errors()

    def check(
        self,
        store: Store,
        quote: Text,
        speaker: Optional[Text] = None,
        speaker_kind: "Claim | str" = Claim.INFER,
        at: Optional[tuple] = None,
    ) -> Report:
        """Checks one quote; `speaker` is who the article says said it, and
        `speaker_kind` what kind of speaker that is (a `Claim`, or its name:
        "person", "role", "group", "organisation", "unknown"); by default it
        is inferred from the name. `at=(source_id, byte_offset or None)` is
        the place the quote claims to come from (a CMS's citation): the
        answer is for that place first, and `found_elsewhere` says whether
        the words were found only somewhere else."""
        lib, err = library(), self._err
        if not isinstance(store, Store):
            raise TypeError("store must be a Store")
        if isinstance(speaker_kind, str):
            try:
                speaker_kind = Claim[speaker_kind.upper().replace("ORGANIZATION", "ORGANISATION")]
            except KeyError:
                raise ValueError(f"unknown speaker_kind {speaker_kind!r}") from None
        if not isinstance(speaker_kind, int):
            raise TypeError("speaker_kind must be a Claim or its name")
        pq, nq, k1 = _bytes(quote, "quote")
        ps, ns, k2 = _bytes(speaker, "speaker", optional=True)
        report = _Report()
        if at is None:
            err.check(
                lib.qc_checker_check_as(
                    self._ptr, store._ptr, pq, nq, ps, ns, int(speaker_kind), byref(report), err.ptr
                )
            )
        else:
            source_id, offset = at
            pi, ni, k3 = _bytes(source_id, "source_id")
            off = 2**64 - 1 if offset is None else int(offset)
            err.check(
                lib.qc_checker_check_at(
                    self._ptr, store._ptr, pq, nq, ps, ns, int(speaker_kind), pi, ni, off,
                    byref(report), err.ptr,
                )
            )
        matches = []
        for i in range(report.match_count):
            m = _Match()
            err.check(lib.qc_checker_match(self._ptr, i, byref(m), err.ptr))
            edits = []
            for j in range(m.edit_count):
                e = _Edit()
                err.check(lib.qc_checker_edit(self._ptr, i, j, byref(e), err.ptr))
                edits.append(_edit(e))
            matches.append(_match(m, edits))
        count = c_size_t()
        raw = (_Part * 2)()
        err.check(lib.qc_checker_parts(self._ptr, raw, 2, byref(count), err.ptr))
        qbytes = quote.encode() if isinstance(quote, str) else bytes(quote)
        cp = lambda b: len(qbytes[:b].decode("utf-8", "replace"))  # noqa: E731
        parts = [
            Part(
                cp(p.quote_start),
                cp(p.quote_end),
                p.source_id.text(),
                p.source_start,
                p.source_end,
                p.text.text(),
            )
            for p in raw[: count.value]
        ]
        fix = _Str()
        err.check(lib.qc_checker_suggested_text(self._ptr, byref(fix), err.ptr))
        elsewhere = c_int32()
        err.check(lib.qc_checker_found_elsewhere(self._ptr, byref(elsewhere), err.ptr))
        return Report(
            Verdict(report.verdict),
            report.score,
            Flag(report.flags),
            matches,
            parts,
            fix.text() if fix.ptr else None,
            None if elsewhere.value < 0 else bool(elsewhere.value),
        )

    def check_article(self, store: Store, article: Text) -> list:
        """Extracts every quote of `article` and checks the speech ones."""
        lib, err = library(), self._err
        pa, na, keep = _bytes(article, "article")
        count = c_size_t()
        err.check(lib.qc_checker_check_article(self._ptr, store._ptr, pa, na, byref(count), err.ptr))
        checks = (_ArticleCheck * max(count.value, 1))()
        n = c_size_t()
        err.check(lib.qc_checker_article_checks(self._ptr, checks, count.value, byref(n), err.ptr))
        chars = _CharMap(
            article,
            (o for c in checks[: n.value] for o in (c.quote.speaker_start, c.quote.speaker_end)),
        )
        out = []
        for i in range(n.value):
            c = checks[i]
            report, error = None, None
            if c.checked and c.status != QC_OK:
                error = lib.qc_status_str(c.status).decode()
            elif c.checked:
                matches = []
                if c.report.match_count:
                    edits = []
                    for j in range(c.best.edit_count):
                        e = _Edit()
                        err.check(lib.qc_checker_article_edit(self._ptr, i, j, byref(e), err.ptr))
                        edits.append(_edit(e))
                    matches.append(_match(c.best, edits))
                fix = _Str()
                err.check(lib.qc_checker_article_suggested_text(self._ptr, i, byref(fix), err.ptr))
                report = Report(
                    Verdict(c.report.verdict),
                    c.report.score,
                    Flag(c.report.flags),
                    matches,
                    suggested_text=fix.text() if fix.ptr else None,
                )
            out.append(ArticleQuote(_quote(c.quote, chars), report, error))
        return out

    def close(self) -> None:
        if self._ptr:
            library().qc_checker_free(self._ptr)
            self._ptr = None
        self._close_errors()

    def __enter__(self) -> "Checker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


class Extractor(_PerThreadError):
    """Finds the quotes of articles and who said them."""

    def __init__(self, language: Language = Language.AUTO) -> None:
        self._ptr = library().qc_extractor_new()
        self._init_errors()
        self._err.check(library().qc_extractor_set_language(self._ptr, int(language), self._err.ptr))

    def extract(self, article: Text) -> list:
        lib, err = library(), self._err
        pa, na, keep = _bytes(article, "article")
        count = c_size_t()
        err.check(lib.qc_extractor_extract(self._ptr, pa, na, byref(count), err.ptr))
        quotes = (_Quote * max(count.value, 1))()
        n = c_size_t()
        err.check(lib.qc_extractor_quotes(self._ptr, quotes, count.value, byref(n), err.ptr))
        found = quotes[: n.value]
        chars = _CharMap(article, (o for q in found for o in (q.speaker_start, q.speaker_end)))
        return [_quote(q, chars) for q in found]

    def close(self) -> None:
        if self._ptr:
            library().qc_extractor_free(self._ptr)
            self._ptr = None
        self._close_errors()

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def extract(article: Text, language: Language = Language.AUTO) -> list:
    """The quotes of `article`: every quoted span, speech or other, with
    its speaker."""
    with Extractor(language) as ex:
        return ex.extract(article)


def check_article(store: Store, article: Text) -> list:
    """Extracts every quote of `article` and checks the speech ones against
    `store` (a list of ArticleQuote, in article order)."""
    with Checker() as checker:
        return checker.check_article(store, article)


def _main(argv: Iterable[str]) -> int:
    """`python3 -m quotecheck ARTICLE SOURCES_DIR`: one verdict per speech
    quote, tab-separated (verdict, speaker, text)."""
    args = list(argv)
    if len(args) != 2:
        print("usage: python3 -m quotecheck ARTICLE SOURCES_DIR", file=sys.stderr)
        return 2
    with Store.from_folder(args[1]) as store:
        article = Path(args[0]).read_text("utf-8")
        for aq in check_article(store, article):
            if aq.quote.kind != QuoteKind.SPEECH or aq.quote.nested_in is not None:
                continue
            verdict = str(aq.report.verdict) if aq.report else "error"
            print(f"{verdict}\t{aq.quote.speaker}\t{aq.quote.text}")
    return 0
