"""Draw the annotated development sample from the KCNA development corpus (ids only, never texts).

    python bench/dev_sample.py DEV_DIR [--out bench/eval/dev-sample.json]
    python bench/dev_sample.py DEV_DIR --export dev|heldout FILE.jsonl   # that half's documents, to load

DEV_DIR holds `kcna-headlines-1997-2005.jsonl.gz` and `kcna-2012.jsonl.gz`. A seeded random draw of the
documents that mention China or Russia: 100 headlines and 80 dispatches (dispatches of at most 3,500
characters, so that one annotator can read every sentence). Each is assigned to the `dev` half (read while
writing rules) or the `heldout` half (scored only) by the parity of its rank in the draw. Re-running gives
the same sample.

A second development sample (half `dev2`: 50 headlines and 50 dispatches, seed 20261130) was drawn later
from the documents outside the first sample, the dispatches also outside those already read unannotated
while checking rules, and annotated (bench/eval/kcna-dev2.json) before the extractor was run on it. Its rows
are kept in the file as drawn: re-running the first draw keeps them.

A third development sample (half `dev3`, seed 20261201, annotated in bench/eval/kcna-dev3.json before the
extractor was run on it) was drawn from what was still unread: every headline of 1997-2005 that mentions China
or Russia had been read by then, so its 24 headlines are ones whose title names another foreign state or a
diplomatic word (delegation, embassy, message, visit ...) and that do not mention China or Russia; its 44
dispatches of 2012 mention China or Russia, as before. Its rows are kept the same way.

A fourth (half `dev4`, seed 20261202, bench/eval/kcna-dev4.json) is 40 dispatches of 2012 that mention China or
Russia, of at most 3,500 characters, outside every sample and every document read unannotated before; annotated
from the text alone before the extractor was run on it. Its rows are kept the same way.

A fifth (half `dev5`, seed 20261203, bench/eval/kcna-dev5.json) was drawn the same way as the fourth, outside the
fourth too, and annotated the same way; and a sixth (half `dev6`, seed 20261204, bench/eval/kcna-dev6.json) outside
the fifth too, a seventh (half `dev7`, seed 20261205, bench/eval/kcna-dev7.json) outside the sixth too, and an
eighth (half `dev8`, seed 20261206, bench/eval/kcna-dev8.json) outside the seventh too, and a ninth (half `dev9`,
seed 20261207, bench/eval/kcna-dev9.json) outside the eighth too. A tenth (half `dev10`, seed 20261208,
bench/eval/kcna-dev10.json) is drawn the same way outside every sample (the documents read unannotated in
earlier sessions were not recorded, so a few of them may be among it) and is scored only, never read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

SEED = 20261129
MENTION = re.compile(r"\b(China|Chinese|Sino|Beijing|Russia|Russian|Moscow|Soviet|Kremlin)\b", re.I)
DRAWS = (("kcna-headlines-1997-2005.jsonl.gz", 100, None), ("kcna-2012.jsonl.gz", 80, 3500))


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def draw(dev_dir: Path) -> list[dict]:
    """The sample: one row per document, with its corpus file, id, date and half."""
    rng = random.Random(SEED)
    rows = []
    for name, count, max_chars in DRAWS:
        pool = [
            d
            for d in read(dev_dir / name)
            if MENTION.search(f"{d.get('title', '')} {d.get('text', '')}")
            and (max_chars is None or len(d.get("text") or "") <= max_chars)
        ]
        pool.sort(key=lambda d: d["id"])
        for rank, doc in enumerate(rng.sample(pool, count)):
            half = "dev" if rank % 2 == 0 else "heldout"
            rows.append({"file": name, "doc": doc["id"], "date": doc["date"], "half": half})
    return rows


def export(dev_dir: Path, sample: dict, half: str, out: Path) -> int:
    """Write the documents of one half of the sample as JSON Lines (the corpus lines, unchanged)."""
    wanted = {(r["file"], r["doc"]) for r in sample["documents"] if r["half"] == half}
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for name in sorted({f for f, _ in wanted}):
            for doc in read(dev_dir / name):
                if (name, doc["id"]) in wanted:
                    handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
                    written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "eval" / "dev-sample.json")
    parser.add_argument("--export", nargs=2, metavar=("HALF", "FILE"))
    args = parser.parse_args()
    if args.export:
        sample = json.loads(args.out.read_text(encoding="utf-8"))
        count = export(args.dev_dir, sample, args.export[0], Path(args.export[1]))
        print(f"{count} documents of the {args.export[0]} half -> {args.export[1]}")
        return
    rows = draw(args.dev_dir)
    kept: dict = {"documents": []}
    if args.out.exists():
        kept = json.loads(args.out.read_text(encoding="utf-8"))
    rows += [r for r in kept["documents"] if r["half"] not in ("dev", "heldout")]  # later samples, as drawn
    seeds = {k: v for k, v in kept.items() if k.endswith("_seed")}
    sample = {"seed": SEED, **seeds, "documents": rows}
    args.out.write_text(json.dumps(sample, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} documents -> {args.out}")


if __name__ == "__main__":
    main()
