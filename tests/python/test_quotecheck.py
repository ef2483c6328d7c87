"""Tests of the Python package (python/quotecheck) against the library.

From a checkout: PYTHONPATH=python python3 -m unittest discover -s tests/python
(.ci/run builds the library first and sets QUOTECHECK_LIB). Against an
installed package (`pip install .` into a fresh virtual environment):
QUOTECHECK_TEST_INSTALLED=1 VENV/bin/python -m unittest discover -s tests/python
-- the checkout's python/ folder is then not on the path, and the tests check
that the library inside the package is the one in use."""

import json
import os
import re
import struct
import subprocess
import sys
import threading
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
INSTALLED = os.environ.get("QUOTECHECK_TEST_INSTALLED") == "1"
if not INSTALLED:
    sys.path.insert(0, str(ROOT / "python"))

import quotecheck as qc  # noqa: E402

DATA = ROOT / "examples" / "data"


def demo_store() -> qc.Store:
    """The demo store, its sources added one by one from the manifest (the
    folder reader is tested against it)."""
    store = qc.Store()
    for e in json.loads((DATA / "sources" / "sources.json").read_text("utf-8")):
        store.add(
            e["id"],
            (DATA / "sources" / e["file"]).read_text("utf-8"),
            speaker=e.get("speaker"),
            labels=e.get("speakers") or {},
        )
    return store


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class Bindings(unittest.TestCase):
    def test_every_header_function_is_declared(self):
        header = (ROOT / "include" / "quotecheck.h").read_text()
        in_header = set(re.findall(r"\b(qc_[a-z_]+)\(", header))
        self.assertTrue(in_header)
        self.assertEqual(in_header, set(qc._SIGNATURES))
        lib = qc.library()
        for name in in_header:
            self.assertIsNotNone(getattr(lib, name).argtypes, name)

    def test_the_readme_snippet_works(self):
        readme = (ROOT / "README.md").read_text("utf-8")
        snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
        cwd = os.getcwd()
        try:
            os.chdir(ROOT)
            exec(compile(snippet, "README.md", "exec"), {})
        finally:
            os.chdir(cwd)

    def test_versions(self):
        self.assertEqual(qc.library().qc_abi_version(), qc.ABI_VERSION)
        cargo = (ROOT / "Cargo.toml").read_text()
        want = re.search(r'^version = "([^"]+)"', cargo, re.M).group(1)
        self.assertEqual(qc.version(), want)

    def test_installed_package_uses_its_own_library(self):
        if not INSTALLED:
            self.skipTest("runs against a pip-installed package")
        package = Path(qc.__file__).resolve().parent
        self.assertNotEqual(package, (ROOT / "python" / "quotecheck").resolve())
        self.assertEqual(qc.library_path().parent, package)
        self.assertTrue((package / "py.typed").is_file())

    def test_missing_library_is_a_clear_error(self):
        code = (
            "import sys; sys.path.insert(0, %r)\n"
            "import quotecheck\n"
            "try:\n"
            "    quotecheck.library()\n"
            "except OSError as e:\n"
            "    print(e)\n" % "WRAPPER"
        )
        env = dict(os.environ, QUOTECHECK_LIB="/nonexistent/libquotecheck.so")
        # Hide the build directories by copying the wrapper elsewhere.
        import shutil
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            deep = Path(tmp) / "a" / "b"
            (deep / "quotecheck").mkdir(parents=True)
            shutil.copy(Path(qc.__file__), deep / "quotecheck" / "__init__.py")
            out = subprocess.run(
                [sys.executable, "-c", code.replace("WRAPPER", str(deep))],
                env=env,
                capture_output=True,
                text=True,
            )
        self.assertIn("shared library was not found", out.stdout)
        self.assertIn("cargo build --release --lib", out.stdout)


class Checking(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.store = demo_store()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def test_readable_enums(self):
        self.assertEqual(str(qc.Verdict.MINOR), "minor")
        self.assertEqual(str(qc.Verdict.NOT_FOUND), "not_found")
        self.assertEqual(f"{qc.Verdict.MISATTRIBUTED}", "misattributed")
        self.assertEqual(str(qc.Change.NUMBER_STYLE), "number_style")
        self.assertEqual(str(qc.Flag.NEGATION | qc.Flag.NUMBER), "negation|number")
        self.assertEqual(qc.Verdict.MINOR, 1)  # still the header's value

    def test_from_folder_reads_the_manifest_as_the_cli_does(self):
        with qc.Store.from_folder(DATA / "sources") as store:
            self.assertEqual(len(store), len(self.store))
            article = (DATA / "article-dodnews-2023-05-02.txt").read_text("utf-8")
            got = [(str(a.report.verdict), a.quote.speaker) for a in qc.check_article(store, article) if a.report]
            want = [(str(a.report.verdict), a.quote.speaker) for a in qc.check_article(self.store, article) if a.report]
            self.assertEqual(got, want)
            report = qc.Checker().check(store, "We have no indication of aliens", speaker="Karine Jean-Pierre")
            self.assertIsNotNone(report.best)
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "a.txt").write_text("We will not raise taxes.", "utf-8")
            (Path(tmp) / "sources.json").write_text('[{"file": "a.txt", "title": 3}]', "utf-8")
            with self.assertRaises(qc.QuotecheckError) as caught:
                qc.Store.from_folder(tmp)
            self.assertEqual(caught.exception.name, "QC_ERR_MANIFEST")
            self.assertIn("field `title`", str(caught.exception))

    def test_suggested_text_and_a_check_at_a_claimed_place(self):
        with qc.Store() as store, qc.Checker() as checker:
            store.add("speech", "We will not raise taxes this year.", speaker="Ana Diaz")
            store.add("interview", "Well, we will not raise the taxes this year.", speaker="Ana Diaz")
            store.add("other", "Nothing about taxes here at all.")
            r = checker.check(store, "We will raise taxes this year.", speaker="Ana Diaz")
            self.assertEqual(str(r.verdict), "altered")
            self.assertEqual(r.suggested_text, "We will not raise taxes this year.")
            self.assertIsNone(r.found_elsewhere)
            r = checker.check(store, "we will not raise taxes this year", speaker="Ana Diaz")
            self.assertIsNone(r.suggested_text)
            r = checker.check(store, "we will not raise taxes this year", speaker="Ana Diaz", at=("interview", None))
            self.assertEqual((r.best.source_id, r.found_elsewhere), ("interview", False))
            r = checker.check(store, "we will not raise taxes this year", speaker="Ana Diaz", at=("other", 0))
            self.assertEqual((r.best.source_id, r.found_elsewhere), ("speech", True))
            article = "Ana Diaz said: “We will raise taxes this year.” She smiled."
            (aq,) = [a for a in checker.check_article(store, article) if a.report]
            self.assertEqual(aq.report.suggested_text, "We will not raise taxes this year.")
            with self.assertRaises(qc.QuotecheckError) as caught:
                checker.check(store, "we will", at=("nope", None))
            self.assertEqual(caught.exception.name, "QC_ERR_UNKNOWN_ID")

    def test_demo_gives_the_cli_verdicts(self):
        cli = ROOT / "target" / "debug" / "quotecheck"
        if not cli.exists():
            subprocess.run(["cargo", "build", "--bin", "quotecheck"], cwd=ROOT, check=True)
        out = subprocess.run([str(cli), "--json"], capture_output=True, text=True, check=True)
        want = [q["verdict"] for q in json.loads(out.stdout)["quotes"]]
        article = (DATA / "article-dodnews-2023-05-02.txt").read_text("utf-8")
        with qc.Checker() as checker:
            got = [
                a.report.verdict.name.lower()
                for a in checker.check_article(self.store, article)
                if a.quote.kind == qc.QuoteKind.SPEECH and a.quote.nested_in is None
            ]
            for a in checker.check_article(self.store, article):
                # Python slices by code point: the offsets are code points.
                self.assertEqual(article[a.quote.start : a.quote.end], a.quote.text)
        self.assertEqual(got, want)

    def test_check_one_quote(self):
        with qc.Checker() as checker:
            r = checker.check(self.store, "Military personnel will directly participate in law enforcement activities.", "Ryder")
            self.assertEqual(r.verdict, qc.Verdict.ALTERED)
            self.assertIn(qc.Flag.NEGATION, r.flags)
            best = r.best
            self.assertEqual(best.speaker, "Pat Ryder")
            self.assertTrue(any(e.change == qc.Change.NEGATION for e in best.edits))
            r = checker.check(
                self.store,
                "Military personnel will not directly participate in law enforcement activities.",
                "Karine Jean-Pierre",
            )
            self.assertEqual(r.verdict, qc.Verdict.MISATTRIBUTED)
            self.assertIn(qc.Flag.SPEAKER_MISMATCH, r.flags)
            self.assertEqual(r.best.speaker, "Pat Ryder")

    def test_speaker_kinds_and_splices(self):
        quote = "no indication of aliens or extraterrestrial activity with these recent takedowns"
        with qc.Checker() as checker:
            # A person the transcript contradicts; the same words credited to
            # an organisation or a role are flagged to confirm, not accused.
            self.assertEqual(checker.check(self.store, quote, "John Kirby").verdict, qc.Verdict.MISATTRIBUTED)
            for speaker, kind in [("the White House", qc.Claim.INFER), ("Kirby", "organisation"), ("a spokesman", qc.Claim.ROLE)]:
                r = checker.check(self.store, quote, speaker, speaker_kind=kind)
                self.assertNotEqual(r.verdict, qc.Verdict.MISATTRIBUTED, speaker)
            r = checker.check(self.store, quote, "the Pentagon")
            self.assertIn(qc.Flag.SPEAKER_UNVERIFIED, r.flags)
            with self.assertRaises(ValueError):
                checker.check(self.store, quote, "x", speaker_kind="alien")
            spliced = ("no indication of aliens or extraterrestrial activity, "
                       "to collect debris in the remote locations where they have fallen")
            r = checker.check(self.store, spliced, "Karine Jean-Pierre")
            self.assertEqual(r.verdict, qc.Verdict.ALTERED)
            self.assertIn(qc.Flag.SPLICED, r.flags)
            self.assertEqual(len(r.parts), 2)
            self.assertEqual(spliced[r.parts[1].quote_start : r.parts[1].quote_end],
                             "to collect debris in the remote locations where they have fallen")
            self.assertEqual(r.parts[1].source_id, "wh-2023-02-13-briefing")
            # A reporter's question: the voice is a role.
            q = "If the objects don't pose a military threat and they don't pose a threat to anybody on the ground, why shoot them down?"
            best = checker.check(self.store, q, "Colleen Long").best
            self.assertEqual(best.speaker_kind, qc.SpeakerKind.ROLE)
            self.assertEqual(best.speaker, "Reporter")

    def test_threads_sharing_a_store_get_their_own_errors(self):
        import threading
        errors = []
        def fail(i):
            try:
                self.store.save(f"/nonexistent-dir-{i}/store.qcs")
            except qc.QuotecheckError as e:
                errors.append((i, e.name, e.message))
        threads = [threading.Thread(target=fail, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(errors), 16)
        for i, name, message in errors:
            self.assertEqual(name, "QC_ERR_IO")
            self.assertIn(f"nonexistent-dir-{i}", message)

    def test_a_large_article_is_extracted_in_linear_time(self):
        # Every quote's code-point offsets used to be counted from the
        # start (a 1 MB article: 105 s); a generous guard against a hang.
        import time
        article = "“Señor, we will win,” the mayor said. " * 26000
        started = time.monotonic()
        quotes = qc.extract(article)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(len(quotes), 26000)
        last = quotes[-1]
        self.assertEqual(article[last.start : last.end], last.text)

    def test_code_point_offsets_with_non_ascii_text(self):
        text = "MAYOR DÍAZ: Señoras y señores — we will not raise taxes this year. ¡Gracias!"
        with qc.Store() as store, qc.Checker() as checker:
            store.add("speech", text, labels={"MAYOR DÍAZ": "Ana Díaz"})
            r = checker.check(store, "we will not raise taxes this year", "Díaz")
            self.assertEqual(r.verdict, qc.Verdict.VERBATIM)
            m = r.best
            self.assertEqual(text[m.start : m.end], m.text)
            self.assertEqual(text.encode()[m.start_byte : m.end_byte].decode(), m.text)
            self.assertNotEqual(m.start, m.start_byte)
            r = checker.check(store, "Señoras y señores — we will raise taxes", "Díaz")
            for e in r.best.edits:
                if e.quote_text:
                    self.assertEqual("Señoras y señores — we will raise taxes"[e.quote_start : e.quote_end], e.quote_text)
                if e.source_text:
                    self.assertEqual(text[e.source_start : e.source_end], e.source_text)

    def test_extract(self):
        article = "“We will win,” said Sen. Jane Doe.\n\nThe so-called “plan” failed. Er sagte: „Nein.“"
        quotes = qc.extract(article)
        self.assertEqual([article[q.start : q.end] for q in quotes], [q.text for q in quotes])
        self.assertEqual(quotes[0].speaker, "Jane Doe")
        self.assertEqual(article[quotes[0].speaker_start : quotes[0].speaker_end], "Sen. Jane Doe")
        self.assertEqual(quotes[0].rule, "said_x")
        self.assertEqual(quotes[1].kind, qc.QuoteKind.OTHER)
        self.assertIsNone(quotes[1].speaker)

    def test_threads_share_a_store(self):
        quotes = [
            ("until CPB can address these needs through contracted support,", "Ryder"),
            ("We will go to the moon tomorrow.", None),
        ]
        with qc.Checker() as c:
            want = [c.check(self.store, q, s).verdict for q, s in quotes]
        results = []

        def work():
            with qc.Checker() as c:
                for _ in range(30):
                    results.append([c.check(self.store, q, s).verdict for q, s in quotes])

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 120)
        self.assertTrue(all(r == want for r in results))


class StoreFiles(unittest.TestCase):
    def test_stores_saved_in_parts_merge_into_one(self):
        import tempfile

        entries = json.loads((DATA / "sources" / "sources.json").read_text("utf-8"))

        def save(path, part):
            with qc.Store() as store:
                for e in part:
                    store.add(
                        e["id"],
                        (DATA / "sources" / e["file"]).read_text("utf-8"),
                        speaker=e.get("speaker"),
                        labels=e.get("speakers") or {},
                    )
                store.save(path)

        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            save(tmp / "whole.qcs", entries)
            save(tmp / "a.qcs", entries[:2])
            save(tmp / "b.qcs", entries[2:])
            n = qc.Store.merge_files([tmp / "a.qcs", str(tmp / "b.qcs")], tmp / "merged.qcs")
            self.assertEqual(n, len(entries))
            self.assertEqual((tmp / "merged.qcs").read_bytes(), (tmp / "whole.qcs").read_bytes())
            with self.assertRaises(qc.QuotecheckError) as cm:
                qc.Store.merge_files([tmp / "a.qcs", tmp / "a.qcs"], tmp / "merged.qcs")
            self.assertEqual(cm.exception.name, "QC_ERR_DUPLICATE_ID")
            self.assertEqual((tmp / "merged.qcs").read_bytes(), (tmp / "whole.qcs").read_bytes())
            self.assertEqual(qc.Store.merge_files([], tmp / "empty.qcs"), 0)

    def test_save_open_remove(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "archive.qcs"
            with demo_store() as store:
                store.save(path)
            with qc.Store.open(path) as store, qc.Checker() as checker:
                self.assertEqual(len(store), 5)
                quote = "until CPB can address these needs through contracted support,"
                self.assertEqual(checker.check(store, quote, "Ryder").verdict, qc.Verdict.VERBATIM)
                store.remove("dod-2023-05-02-ryder-briefing")
                self.assertEqual(len(store), 4)
                with self.assertRaises(qc.QuotecheckError) as cm:
                    store.remove("dod-2023-05-02-ryder-briefing")
                self.assertEqual(cm.exception.name, "QC_ERR_UNKNOWN_ID")
                store.save(path)
            with qc.Store.open(path) as store:
                self.assertEqual(len(store), 4)
                store.load()
                self.assertEqual(len(store), 4)
            # A damaged text is found when it is read: by a check that needs
            # it, or by load().
            # The texts are compressed: damage the texts section (tag 24,
            # found through the file's section table) every 1 KiB, so that
            # every source's text is damaged.
            data = bytearray(path.read_bytes())
            (table,) = struct.unpack_from("<Q", data, len(data) - 24)
            (count,) = struct.unpack_from("<I", data, table)
            sections = [struct.unpack_from("<IIQQ", data, table + 8 + 24 * i) for i in range(count)]
            (texts,) = [(off, length) for tag, _, off, length in sections if tag == 24]
            for at in range(texts[0], texts[0] + texts[1], 1024):
                data[at] ^= 0x20
            path.write_bytes(bytes(data))
            with qc.Store.open(path) as store, qc.Checker() as checker:
                for call in (lambda: checker.check(store, quote, "Ryder"), store.load):
                    with self.assertRaises(qc.QuotecheckError) as cm:
                        call()
                    self.assertEqual(cm.exception.name, "QC_ERR_CORRUPT")
            path.write_bytes(b"QCSTORE\0" + b"\0" * 40)
            with self.assertRaises(qc.QuotecheckError) as cm:
                qc.Store.open(path)
            self.assertEqual(cm.exception.name, "QC_ERR_CORRUPT")
            with self.assertRaises(qc.QuotecheckError) as cm:
                qc.Store.open(Path(tmp) / "missing.qcs")
            self.assertEqual(cm.exception.name, "QC_ERR_IO")


    def test_add_many_and_freeze(self):
        sources = [
            {"id": f"speech-{i}", "text": f"In speech {i} the mayor said we will not raise taxes.",
             "speaker": "Ana Diaz", "kind": qc.SourceKind.PLAIN}
            for i in range(3)
        ]
        with qc.Store() as store, qc.Checker() as checker:
            self.assertEqual(store.add_many(sources), 3)
            self.assertEqual(store.add_many([]), 0)
            report = checker.check(store, "In speech 2 the mayor said", "Diaz")
            self.assertEqual(report.verdict, qc.Verdict.VERBATIM)
            self.assertEqual(report.best.source_id, "speech-2")
            # A duplicate stops the batch there; the ones before it stay.
            more = [{"id": "new", "text": "A new source."}, {"id": "speech-0", "text": "again"},
                    {"id": "never", "text": "not added"}]
            with self.assertRaises(qc.QuotecheckError) as cm:
                store.add_many(more)
            self.assertEqual(cm.exception.name, "QC_ERR_DUPLICATE_ID")
            self.assertEqual(len(store), 4)
            store.add("one", "One more source, added alone.")
            store.freeze()
            self.assertEqual(checker.check(store, "added alone", None).verdict, qc.Verdict.VERBATIM)
            with self.assertRaises(TypeError):
                store.add_many(["not a mapping"])


class BadInput(unittest.TestCase):
    def setUp(self):
        self.store = qc.Store()
        self.store.add("s", "MR. KIRBY: We have no indication of aliens.\n\nQ  Really?\n")
        self.checker = qc.Checker()

    def tearDown(self):
        self.checker.close()
        self.store.close()

    def test_non_str_and_none(self):
        for bad in (42, 3.5, ["a"], object()):
            with self.assertRaises(TypeError):
                self.checker.check(self.store, bad)
            with self.assertRaises(TypeError):
                qc.extract(bad)
        with self.assertRaises(TypeError):
            self.checker.check(self.store, None)
        with self.assertRaises(TypeError):
            self.store.add("x", None)
        with self.assertRaises(TypeError):
            self.checker.check("not a store", "quote")

    def test_invalid_utf8_names_the_byte(self):
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.checker.check(self.store, b"no indication \xff\xfe of aliens")
        self.assertEqual(cm.exception.name, "QC_ERR_INVALID_UTF8")
        self.assertIn("byte 14", cm.exception.message)
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.checker.check(self.store, "lone \udc80 surrogate")
        self.assertEqual(cm.exception.name, "QC_ERR_INVALID_UTF8")
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.store.add("bad", b"\xc3\x28")
        self.assertEqual(cm.exception.name, "QC_ERR_INVALID_UTF8")

    def test_empty_too_long_duplicate_and_bad_enum(self):
        for quote, name in (("", "QC_ERR_EMPTY_QUOTE"), (" ... ", "QC_ERR_EMPTY_QUOTE"), ("word " * 5000, "QC_ERR_TOO_LARGE")):
            with self.assertRaises(qc.QuotecheckError) as cm:
                self.checker.check(self.store, quote)
            self.assertEqual(cm.exception.name, name)
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.store.add("s", "again")
        self.assertEqual(cm.exception.name, "QC_ERR_DUPLICATE_ID")
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.store.add("", "text")
        self.assertEqual(cm.exception.name, "QC_ERR_EMPTY_ID")
        with self.assertRaises(qc.QuotecheckError) as cm:
            self.store.add("k", "text", kind=7)
        self.assertEqual(cm.exception.name, "QC_ERR_INVALID_ARG")
        self.assertEqual(len(self.store), 1)
        # The checker is still usable after errors.
        self.assertEqual(self.checker.check(self.store, "no indication of aliens").verdict, qc.Verdict.VERBATIM)

    def test_memory_is_stable_over_ten_thousand_calls(self):
        quote = "We have no indication of aliens."
        for _ in range(500):
            self.checker.check(self.store, quote, "Kirby")
        before = rss_kib()
        errors = 0
        for i in range(10_000):
            # Every fifth call fails (invalid UTF-8): error paths must not
            # leak either.
            try:
                self.checker.check(self.store, quote if i % 5 else b"bad \xff", "Kirby")
            except qc.QuotecheckError:
                errors += 1
        self.assertEqual(errors, 2000)
        after = rss_kib()
        self.assertLess(after - before, 2048, f"RSS grew from {before} KiB to {after} KiB")


if __name__ == "__main__":
    unittest.main()
