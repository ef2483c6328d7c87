#!/usr/bin/env python3
"""Run every hand-judged pair of shared/data/pairs.json through the CLI and
compare verdicts.

usage: python3 scripts/eval_pairs.py [--shared ../shared] [--verbose]

All transcripts of pairs.json go into one store (a temporary folder with a
sources.json manifest giving titles and speaker labels), so a quote can be
found in the wrong transcript, as in real use. Each article's quotes are
checked with the speaker the article gives. A speaker written as a role with
a definite article ("the White House spokesman") is taken to refer back to
the last person the article named, as attribution does; an indefinite one
("another defense official") is a new, unnamed person.
"""
import argparse, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SPEAKERS = {  # label as written -> person, per transcript (the manifest's `speakers`)
    "wh_2023-02-13": {"MS. JEAN-PIERRE": "Karine Jean-Pierre", "MR. KIRBY": "John Kirby"},
    "wh_2023-02-16": {"THE PRESIDENT": "Joe Biden"},
    "wh_2024-02-20": {"MR. KIRBY": "John Kirby"},
    "dod_2023-05-02_ryder-briefing_defensegov": {"BRIGADIER GENERAL PAT RYDER": "Pat Ryder"},
}
SINGLE = {"dod_2023-05-02_ryder-briefing_dvids": "Pat Ryder", "voa_": "John Kirby"}


def speaker_for(attributed, last_named):
    if attributed is None:
        return None, last_named
    s = re.sub(r"\(.*?\)", "", attributed).strip()
    if not s:
        return None, last_named
    names = [w for w in re.findall(r"[A-Z][\w’'-]+", s) if w not in ("White", "House", "Admiral", "President", "U")]
    if names:
        return s, s
    if s.lower().startswith("the "):
        # The article named the person earlier (in a paragraph pairs.json
        # does not quote; its note says who).
        named = re.search(r"([A-Z]\w+ [A-Z]\w+) named", attributed)
        if named:
            return named.group(1), named.group(1)
        if last_named:
            return last_named, last_named
    return s, last_named


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    data = os.path.join(args.shared, "data")
    pairs = json.load(open(os.path.join(data, "pairs.json")))
    exe = os.path.join(ROOT, "target", "release", "quotecheck")
    subprocess.run(["cargo", "build", "-q", "--release", "--bin", "quotecheck"], cwd=ROOT, check=True)
    agree = total = 0
    other_agree = other_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "sources")
        os.mkdir(src)
        manifest = []
        for t in pairs["transcripts"]:
            name = os.path.basename(t["file"])
            if name.endswith(".html"):
                continue  # the derived .txt of the same hearing is stored instead
            os.symlink(os.path.join(data, t["file"]), os.path.join(src, name))
            entry = {"file": name, "title": t.get("title"), "date": t.get("date")}
            for prefix, labels in SPEAKERS.items():
                if name.startswith(prefix):
                    entry["speakers"] = labels
            for prefix, who in SINGLE.items():
                if name.startswith(prefix):
                    entry["speaker"] = who
            manifest.append(entry)
        json.dump(manifest, open(os.path.join(src, "sources.json"), "w"))
        for art in pairs["articles"]:
            quotes, expected, last = [], [], None
            for q in art["quotes"]:
                sp, last = speaker_for(q["speaker_as_attributed"], last)
                # A headline's quote is credited to an institution or to
                # nobody; the hand judgement does not test the speaker there.
                if q["speaker_as_attributed"].startswith("(none") or "(headline)" in q["speaker_as_attributed"]:
                    sp = None
                quotes.append({"text": q["quote_as_printed"], "speaker": sp})
                expected.append((q["verdict"], True))
            for q in art.get("other_quotes", []):
                sp, _ = speaker_for(q.get("speaker_as_attributed"), last)
                quotes.append({"text": q["quote_as_printed"], "speaker": sp})
                expected.append((q.get("verdict", "not_found"), False))
            qfile = os.path.join(tmp, "q.json")
            json.dump(quotes, open(qfile, "w"))
            out = subprocess.run([exe, "--json", "--quotes", qfile, src], capture_output=True, text=True)
            results = json.loads(out.stdout)["quotes"]
            print(f"== {os.path.basename(art['file'])}")
            for q, r, (want, paired) in zip(quotes, results, expected):
                got = r.get("verdict") or "error"
                ok = got == want
                if paired:
                    total += 1
                    agree += ok
                else:
                    other_total += 1
                    other_agree += ok
                mark = "ok " if ok else "XX "
                tag = "" if paired else " (other)"
                print(f"  {mark} want {want:13} got {got:13} {r.get('score', 0):.3f}{tag} {q['text'][:70]!r} speaker={q['speaker']!r}")
                if args.verbose or not ok:
                    print(f"        source={r.get('source')} speaker={r.get('source_speaker')} flags={r.get('flags')} matched={str(r.get('matched_text'))[:80]!r}")
                    for e in r.get("edits", []):
                        print(f"          {e['change']:15} [-{e['source_text']}-] {{+{e['quote_text']}+}}")
    print(f"\npairs: {agree}/{total} verdicts agree; other quotes: {other_agree}/{other_total}")


if __name__ == "__main__":
    main()
