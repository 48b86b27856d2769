"""Draw the participants sample from the 2012 KCNA dispatches (ids only, never texts).

    python bench/participants_sample.py KCNA_2012.jsonl.gz            # print the draw (JSON)
    python bench/participants_sample.py KCNA_2012.jsonl.gz --check    # the annotations cover exactly the draw

A seeded random draw, twelve documents from each of four kinds of report that name who took part, among the
dispatches of at most 3,500 characters that mention China or Russia: receptions and banquets with someone
present or attending, meetings, messages and letters sent or received, delegations led or headed by someone. A document goes to the first kind it
matches. Each is assigned to the `dev` half (read while writing rules) or the `heldout` half (scored only)
by the parity of its rank in its kind's draw. Re-running gives the same sample; its annotations, by hand per
bench/eval/GUIDELINE.md ("Participants"), are bench/eval/participants-dev.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

SEED = 20261130
PER_KIND = 12
MAX_CHARS = 3500
MENTION = re.compile(r"\b(China|Chinese|Sino|Beijing|Russia|Russian|Moscow|Soviet|Kremlin)\b")
KINDS = (
    ("reception", re.compile(r"\b(reception|banquet)\b.*\b([Pp]resent|[Aa]ttend)", re.S)),
    ("meeting", re.compile(r"\b(met|meets)\b")),
    (
        "message",
        re.compile(r"\b(sent|sends|received|receives) (a |an |his |her )?[\w ]{0,30}(message|letter)"),
    ),
    ("delegation", re.compile(r"\bdelegation\b[^.]{0,200}\b(led|headed) by\b")),
)


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def draw(path: Path) -> list[dict]:
    """The sample: one row per document, with its kind of report, date and half."""
    pools: dict[str, list[dict]] = {name: [] for name, _ in KINDS}
    for doc in sorted(read(path), key=lambda d: d["id"]):
        text = doc.get("text") or ""
        if len(text) > MAX_CHARS or not MENTION.search(f"{doc.get('title', '')} {text}"):
            continue
        for name, pattern in KINDS:
            if pattern.search(f"{doc.get('title', '')}\n{text}"):
                pools[name].append(doc)
                break
    rng = random.Random(SEED)
    rows = []
    for name, _ in KINDS:
        for rank, doc in enumerate(rng.sample(pools[name], PER_KIND)):
            half = "dev" if rank % 2 == 0 else "heldout"
            rows.append({"doc": doc["id"], "date": doc["date"], "report": name, "half": half})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="kcna-2012.jsonl.gz of the development corpus")
    parser.add_argument("--check", action="store_true", help="compare with the annotated documents")
    parser.add_argument(
        "--annotations", type=Path, default=Path(__file__).parent / "eval" / "participants-dev.json"
    )
    args = parser.parse_args()
    rows = draw(args.corpus)
    if not args.check:
        print(json.dumps({"seed": SEED, "documents": rows}, indent=1))
        return
    annotated = json.loads(args.annotations.read_text(encoding="utf-8"))["documents"]
    same = [(r["doc"], r["half"]) for r in rows] == [(d["doc"], d["half"]) for d in annotated]
    print(f"{args.annotations}: {'the' if same else 'NOT the'} {len(rows)} documents of the draw")
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
