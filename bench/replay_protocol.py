"""Replay a year of dispatches and print, for each reception or other event marking an anniversary within a
month of its day, the highest-ranking participant on each side, then each side's highest for the year (the
figure protocol_drop compares from year to year).

    python bench/replay_protocol.py KCNA_2012.jsonl.gz [--anniversary prk-chn-treaty] [--db FILE]
                                    [--from 2012-06-01 --to 2012-08-31]

Loads the dispatches (those dated within --from/--to; all by default) into a database with `shiftwatch load`,
exactly as a user would (with --db the database is kept and reused), then reads its participants table.
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "alerts" / "browse" / "datasette" / "metadata.yml"

EVENTS_SQL = """
SELECT e.doc, d.title, e.date, e.kind, e.actors, e.location, e.id
FROM events e JOIN documents d ON d.id = e.doc JOIN anniversaries an ON an.id = e.anniversary_id
WHERE e.anniversary_id = :anniversary AND e.negated = 0
  AND EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id)
  AND abs(julianday(e.date) - julianday(substr(e.date, 1, 4) || substr(an.base_date, 5))) <= 31
ORDER BY e.date, e.doc
"""
HIGHEST_SQL = """
SELECT state, tier, person, position, role, absent FROM participants
WHERE event = :event AND tier IS NOT NULL AND state IS NOT NULL
ORDER BY state, CASE WHEN absent = 1 THEN tier + 1 ELSE tier END, absent, person IS NULL, ord
"""


def load(corpus: Path, db: Path, start: str, end: str) -> int:
    """Write the dispatches of the period to a JSON Lines file beside the database and load it."""
    source = db.with_suffix(".jsonl")
    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as handle, source.open("w", encoding="utf-8") as out:
        for line in handle:
            if line.strip() and start <= (json.loads(line).get("date") or "")[:10] <= end:
                out.write(line)
                count += 1
    subprocess.run(
        [sys.executable, "-m", "alerts.cli", "--db", str(db), "load", str(source)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return count


def who(row: sqlite3.Row) -> str:
    if row["absent"]:
        return f"no one of tier {row['tier']} or higher ({row['position']})"
    return ", ".join(part for part in (row["person"], row["position"]) if part) or "(unnamed)"


def report(db: Path, anniversary: str) -> None:
    """Print each marking event's highest participant per side, then the year's highest per side."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    for event in conn.execute(EVENTS_SQL, {"anniversary": anniversary}):
        print(
            f"{event['date']}  {event['title']}  [{event['kind']}, by {', '.join(json.loads(event['actors']))}]"
        )
        seen = set()
        for row in conn.execute(HIGHEST_SQL, {"event": event["id"]}):
            if row["state"] in seen:
                continue
            seen.add(row["state"])
            print(f"    {row['state']}  tier {row['tier']}  {row['role']:<9} {who(row)}")
    sql = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["shiftwatch"]["queries"]
    print(f"\nhighest per side and year ({anniversary}):")
    for row in conn.execute(sql["protocol_levels"]["sql"], {"anniversary": anniversary}):
        print(f"    {row['year']}  {row['side']}  tier {row['tier']}  {row['highest']}")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="kcna-2012.jsonl.gz of the development corpus")
    parser.add_argument("--anniversary", default="prk-chn-treaty", help="an id of seeds/anniversaries.toml")
    parser.add_argument("--db", type=Path, help="keep the database here (reused when it exists)")
    parser.add_argument("--from", dest="start", default="0000-00-00", help="first day loaded, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", default="9999-99-99", help="last day loaded, YYYY-MM-DD")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "replay.db"
        if not db.exists():
            print(f"loaded {load(args.corpus, db, args.start, args.end)} dispatches", file=sys.stderr)
        report(db, args.anniversary)


if __name__ == "__main__":
    main()
