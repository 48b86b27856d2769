"""Score the participants shiftwatch reads against the annotated participant lists of the 2012 KCNA sample.

    python bench/eval_participants.py KCNA_2012.jsonl.gz [--half dev|heldout|all] [--show]

Loads the annotated documents (bench/eval/participants-dev.json) into a fresh database with `shiftwatch
load`, exactly as a user would, and compares each annotated list (a role and its participants: name, state
and tier) with the list extracted from the same document and role that overlaps it most. A list is right
when its participants, their states and their tiers are all right (a tier is compared only for the states
that seeds/ranks.toml ranks). Unnamed participants are compared by state and tier ("officials concerned").
Prints, per half, the share of annotated lists that are right, participant recall and precision, and the
extracted lists no annotation has; writes the figures to bench/results/participants.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.config import data_path, load_config  # noqa: E402
from crawler.extract.ranks import cached_ranks  # noqa: E402

Key = tuple[str, str | None, int | None]


def person_key(name: str | None) -> str:
    """A name compared without case, full stops or spacing."""
    return " ".join((name or "").replace(".", " ").lower().split())


def keys(participants: list[dict], ranked: tuple[str, ...]) -> set[Key]:
    """The participants of a list as (name, state, tier) keys; tiers only for ranked states."""
    return {
        (person_key(p.get("person")), p.get("state"), p.get("tier") if p.get("state") in ranked else None)
        for p in participants
    }


def extract(corpus: Path, docs: list[str], workdir: Path) -> dict[str, dict[int, dict]]:
    """Load the documents into a new database and return its participant lists per document and list."""
    wanted = set(docs)
    source = workdir / "sample.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as handle, source.open("w", encoding="utf-8") as out:
        for line in handle:
            if line.strip() and json.loads(line)["id"] in wanted:
                out.write(line)
    db = workdir / "participants.db"
    subprocess.run(
        [sys.executable, "-m", "alerts.cli", "--db", str(db), "load", str(source)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    lists: dict[str, dict[int, dict]] = {}
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute("SELECT * FROM participants WHERE absent = 0 ORDER BY doc, ord"):
            found = lists.setdefault(row["doc"], {}).setdefault(
                row["list"], {"role": row["role"], "participants": []}
            )
            found["participants"].append(dict(row))
    return lists


def score(
    annotated: list[dict], extracted: dict[str, dict[int, dict]], ranked: tuple[str, ...], show: bool
) -> dict:
    """Lists right, participant recall and precision, and lists extracted where none was annotated."""
    right = total = found_people = true_people = got_people = extra = 0
    for doc in annotated:
        mine = dict(extracted.get(doc["doc"], {}))
        for gold in doc["lists"]:
            total += 1
            want = keys(gold["participants"], ranked)
            true_people += len(want)
            candidates = [
                (n, keys(lst["participants"], ranked))
                for n, lst in mine.items()
                if lst["role"] == gold["role"]
            ]
            best = max(candidates, key=lambda c: (len(c[1] & want), -len(c[1] ^ want)), default=None)
            got: set[Key] = set()
            if best is not None and (best[1] & want or not want):
                got = best[1]
                del mine[best[0]]
            found_people += len(got & want)
            if got == want:
                right += 1
            elif show:
                print(
                    f"  {doc['doc']} {gold['role']}:\n    want {sorted(want, key=str)}\n    got  {sorted(got, key=str)}"
                )
        for lst in mine.values():
            extra += 1
            got_people += len(keys(lst["participants"], ranked))
            if show:
                print(
                    f"  {doc['doc']} extra {lst['role']}: {sorted(keys(lst['participants'], ranked), key=str)}"
                )
        got_people += 0
    matched_extracted = sum(
        len(keys(lst["participants"], ranked))
        for doc in annotated
        for lst in extracted.get(doc["doc"], {}).values()
    )
    return {
        "lists": total,
        "lists_right": right,
        "share_right": round(right / total, 3) if total else None,
        "participant_recall": round(found_people / true_people, 3) if true_people else None,
        "participant_precision": round(found_people / matched_extracted, 3) if matched_extracted else None,
        "extra_lists": extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="kcna-2012.jsonl.gz of the development corpus")
    parser.add_argument("--annotations", type=Path, default=ROOT / "bench" / "eval" / "participants-dev.json")
    parser.add_argument("--half", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print every list that is not right")
    parser.add_argument("--keep", type=Path, help="keep the database and the loaded documents in this folder")
    args = parser.parse_args()
    documents = json.loads(args.annotations.read_text(encoding="utf-8"))["documents"]
    ranked = cached_ranks(str(data_path(load_config(None), "ranks"))).states
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "participants.db").unlink(missing_ok=True)
        extracted = extract(args.corpus, [d["doc"] for d in documents], workdir)
    results = {}
    for half in ("dev", "heldout") if args.half == "all" else (args.half,):
        if args.show:
            print(f"== {half}")
        results[half] = score([d for d in documents if d["half"] == half], extracted, ranked, args.show)
    if args.half == "all":
        results["all"] = score(documents, extracted, ranked, False)
    print("| half | lists | right | participant recall | precision | extra lists |")
    print("|---|---|---|---|---|---|")
    for half, r in results.items():
        print(
            f"| {half} | {r['lists']} | {r['lists_right']} ({r['share_right']:.0%}) | {r['participant_recall']} | "
            f"{r['participant_precision']} | {r['extra_lists']} |"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "participants.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
