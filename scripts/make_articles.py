#!/usr/bin/env python3
"""Writes N synthetic news articles quoting a corpus, for batch benchmarks.

    python3 scripts/make_articles.py CORPUS_DIR OUT_DIR N [SEED]

Each article has 3-8 paragraphs of reporting prose around 2-6 direct
quotations cut from the corpus's .txt files (12-30 words; one in four with a
word changed, one in eight made up from shuffled words), each attributed
("..., the senator said." / 'Smith said: "..."'). Fixed seed: the same
articles every run. For measuring throughput only; the verdicts are not an
answer key.
"""
import random
import sys
from pathlib import Path

NAMES = ["Ana Diaz", "John Kirby", "Pat Ryder", "Maria Lopez", "Tom Baker", "Lee Chen"]
PROSE = [
    "The remarks came as lawmakers returned to the capital after a long recess.",
    "Officials did not respond to a request for further comment on Tuesday.",
    "The figures were published in a report released earlier this week.",
    "Critics said the plan left many questions unanswered.",
    "The debate is expected to continue when the committee meets again next month.",
]


def main() -> int:
    corpus, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    texts = [p.read_text("utf-8").split() for p in sorted(corpus.rglob("*.txt"))]
    texts = [t for t in texts if len(t) > 40]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choice(texts)
            k = rng.randint(12, 30)
            at = rng.randrange(len(words) - k)
            quote = words[at : at + k]
            r = rng.random()
            if r < 0.25:
                quote[rng.randrange(k)] = rng.choice(["never", "always", "twelve", "purple"])
            elif r < 0.375:
                rng.shuffle(quote)
            q = " ".join(quote).strip("\"'“”")
            name = rng.choice(NAMES)
            if rng.random() < 0.5:
                paras.append(f"\u201c{q},\u201d {name} said.")
            else:
                paras.append(f"{name} said: \u201c{q}\u201d")
            paras.append(rng.choice(PROSE))
        (out / f"article-{i:06d}.txt").write_text("\n\n".join(paras) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
