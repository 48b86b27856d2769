"""The walking skeleton: loading files of every format, idempotence, broken input, the schema, exports and
the command line, all through the real `shiftwatch` command."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest
from helpers import EVAL, FIXTURES, ROOT, shiftwatch

from crawler.errors import DatabaseError
from crawler.store import MIGRATIONS, Store, migrate

SEEDS = ROOT / "seeds" / "articles"


def lines(result) -> list[str]:
    """The lines a command printed: compared whole, so that "0 new" cannot match "10 new"."""
    return result.stdout.splitlines()


def test_loads_text_html_and_jsonl_with_their_ids(tmp_path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "line-1",
                "title": "Kim meets Putin",
                "date": "2024-06-20",
                "source": "Wire",
                "text": "Kim Jong Un met Russian President Vladimir Putin in Pyongyang on Wednesday, "
                "and the two leaders signed a partnership treaty.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "url": "https://example.org/news/1",
                "html": (FIXTURES / "articles" / "visit_page.html").read_text(),
            }
        )
        + "\n"
    )
    db = tmp_path / "f.db"
    result = shiftwatch(
        "load",
        str(SEEDS / "000_99f503da20989f5c.txt"),
        str(FIXTURES / "articles" / "visit_page.html"),
        str(jsonl),
        db=db,
    )
    assert "loaded 4 input(s): 4 stored (4 new, 0 changed), 0 unchanged, 0 skipped, 0 failed" in lines(result)
    with Store(db) as store:
        ids = {row["id"] for row in store.iter_documents(columns="id")}
        assert ids == {"000_99f503da20989f5c", "visit_page", "line-1", "https://example.org/news/1"}
        line = store.get_document("line-1")
        assert (line["title"], line["published"], line["source"], line["found_by"]) == (
            "Kim meets Putin",
            "2024-06-20",
            "Wire",
            "jsonl",
        )
        page = store.get_document("https://example.org/news/1")
        assert (
            page["raw_type"] == "html" and "Lavrov" in page["text"] and "Related stories" not in page["text"]
        )
        assert store.raw_page("visit_page").startswith(b"<!DOCTYPE html>")


def test_folders_load_recursively_and_a_second_load_adds_nothing(tmp_path):
    db = tmp_path / "i.db"
    first = shiftwatch("load", str(SEEDS), db=db)
    assert "loaded 5 input(s): 5 stored (5 new, 0 changed), 0 unchanged, 0 skipped, 0 failed" in lines(first)
    with Store(db) as store:
        counts = store.table_counts()
    second = shiftwatch("load", str(SEEDS), db=db)
    assert "loaded 5 input(s): 0 stored (0 new, 0 changed), 5 unchanged, 0 skipped, 0 failed" in lines(second)
    assert "processed 0 document(s): 0 event(s), 0 syndicated copies, 0 error(s)" in lines(second)
    with Store(db) as store:
        assert store.table_counts() == counts


def test_changed_file_replaces_its_document_and_events(tmp_path):
    db = tmp_path / "c.db"
    article = tmp_path / "story.txt"
    article.write_text(
        "June 20, 2024\n\nRussian President Vladimir Putin arrived in Pyongyang on Wednesday for a "
        "state visit to North Korea.\n"
    )
    shiftwatch("load", str(article), db=db)
    article.write_text(
        "June 20, 2024\n\nNorth Korea fired two ballistic missiles off its east coast on Wednesday, "
        "South Korea's military said.\n"
    )
    result = shiftwatch("load", str(article), db=db)
    assert "loaded 1 input(s): 1 stored (0 new, 1 changed), 0 unchanged, 0 skipped, 0 failed" in lines(result)
    with Store(db) as store:
        assert [e["kind"] for e in store.iter_events()] == ["weapons_test"]


def test_broken_files_are_reported_and_the_rest_still_load(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "002_b9e6d0f8bdbff186.txt").read_text())
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes(
        "July 1, 2024\n\nKim Jong Un met Xi Jinping in Beijing on Monday, caf\xe9 reports said.\n".encode(
            "latin-1"
        )
    )
    (folder / "bad.jsonl").write_text(
        '{"id": "ok", "text": "North Korea fired a missile on Monday, officials said '
        'in Seoul."}\n{not json\n{"id": "no-text"}\n'
    )
    db = tmp_path / "b.db"
    result = shiftwatch("load", str(folder), str(tmp_path / "missing.txt"), db=db, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    skipped = f"Skipped: {folder / 'empty.txt'}: empty document"
    assert skipped in result.stderr.splitlines()  # read, so not a failure
    assert any("bad.jsonl:2" in e and "not valid JSON" in e for e in errors), errors
    assert any("bad.jsonl:3" in e and "neither 'text' nor 'html'" in e for e in errors), errors
    assert any("missing.txt" in e and "no such file" in e for e in errors), errors
    with Store(db) as store:
        ids = {row["id"] for row in store.iter_documents(columns="id")}
        assert {"good", "latin1", "ok"} <= ids
        assert "café" in store.get_document("latin1")["text"]


def test_bad_date_in_jsonl_is_a_clear_per_line_error(tmp_path):
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "x",
                "date": "yesterday-ish",
                "text": "Kim Jong Un met Putin on Monday in Pyongyang, state media reported.",
            }
        )
        + "\n"
    )
    result = shiftwatch("load", str(jsonl), db=tmp_path / "d.db", check=False)
    assert result.returncode == 1
    assert f"Error: {jsonl}:1: x: bad date 'yesterday-ish'" in result.stderr


def test_schema_has_tables_fts_wal_and_migrations_run_once(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        names = set(store.db.table_names())
        assert {"documents", "events", "alerts", "runs", "documents_fts", "events_fts", "migrations"} <= names
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert migrate(store.db) == []
        applied = [row[0] for row in store.db.execute("SELECT name FROM migrations ORDER BY name")]
        assert applied == sorted(name for name, _ in MIGRATIONS)


def test_full_text_search_finds_documents_and_evidence(seed_db):
    with Store(seed_db) as store:
        docs = list(store.db["documents"].search("Belousov"))
        events = list(store.db["events"].search("tribute"))
    assert [d["id"] for d in docs] == ["002_b9e6d0f8bdbff186"]
    assert events and all("tribute" in e["evidence"] for e in events)


def test_unopenable_database_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="cannot open database"):
        Store(tmp_path / "no-such-folder" / "x.db")


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    result = shiftwatch("export", "documents", db=path, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error:")
    assert "not a shiftwatch database" in result.stderr or "file is not a database" in result.stderr


EVENT_FIELDS = {
    "doc", "kind", "actors", "targets", "date", "date_precision", "location", "anniversary", "negated",
    "evidence", "url", "source", "sources", "cluster", "plover", "cameo", "extractor_version", "id",
}  # fmt: skip
DOCUMENT_FIELDS = {
    "doc", "url", "title", "published", "published_from", "story_date", "date_conflict", "source", "found_by",
    "canonical",
}  # fmt: skip
ALERT_FIELDS = {
    "id", "kind", "dyad", "title", "due", "base_date", "evidence", "details", "as_of", "created_at",
    "delivered_at", "attempts", "last_error", "delivery",
}  # fmt: skip
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION_LENGTH = {"year": 4, "month": 7, "week": 10, "day": 10}  # a week is dated by a day of it


def words(text: str) -> str:
    return " ".join(text.split()).lower()


def test_exports_carry_the_contract_fields(seed_db, tmp_path):
    """Every field of the README's export contract, with its type and, for one event, document and alert,
    its value."""
    from crawler.extract.events import EXTRACTOR_VERSION
    from crawler.extract.kinds import load_kinds

    kinds = load_kinds(ROOT / "seeds" / "kinds.toml").kinds
    events = [json.loads(x) for x in shiftwatch("export", "events", db=seed_db).stdout.splitlines()]
    documents = [json.loads(x) for x in shiftwatch("export", "documents", db=seed_db).stdout.splitlines()]
    texts = {path.stem: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    assert sorted(d["doc"] for d in documents) == sorted(texts)
    assert len(events) >= 18  # the seeds' 18 core reference events (scored exactly below)
    for e in events:
        assert set(e) == EVENT_FIELDS, e
        assert e["doc"] in texts and e["kind"] in kinds, e
        for states in (e["actors"], e["targets"]):
            assert isinstance(states, list) and states == sorted(states), e
            assert all(isinstance(c, str) and re.fullmatch("[A-Z]{3}", c) for c in states), e
        assert e["actors"], e
        assert DATE.match(e["date"]), e
        assert len(e["date"]) == PRECISION_LENGTH[e["date_precision"].rstrip("?")], e
        assert e["location"] is None or isinstance(e["location"], str) and e["location"], e
        if e["anniversary"] is not None:
            assert set(e["anniversary"]) == {"id", "base_date", "ordinal"}, e
            assert DATE.match(e["anniversary"]["base_date"]), e
            assert e["anniversary"]["ordinal"] is None or type(e["anniversary"]["ordinal"]) is int, e
        assert type(e["negated"]) is bool, e
        # the sentence is the document's own (a headline is read lower-cased, with a full stop)
        assert isinstance(e["evidence"], str) and words(e["evidence"]).rstrip(".") in words(
            texts[e["doc"]]
        ), e
        assert (e["url"], e["source"], e["sources"]) == (None, None, [e["doc"]]), e  # files: no URL
        assert isinstance(e["cluster"], str) and e["cluster"], e
        assert (e["plover"], e["cameo"]) == (kinds[e["kind"]].plover, kinds[e["kind"]].cameo), e
        assert e["extractor_version"] == EXTRACTOR_VERSION, e
        assert isinstance(e["id"], str) and e["id"], e
    assert len({e["id"] for e in events}) == len(events)
    absence = [e for e in events if e["negated"]]
    assert [
        {k: e[k] for k in ("doc", "kind", "actors", "targets", "date", "date_precision")} for e in absence
    ] == [
        {
            "doc": "000_99f503da20989f5c",
            "kind": "commemoration",
            "actors": ["PRK"],
            "targets": ["CHN"],
            "date": "2024-07-11",
            "date_precision": "day",
        }
    ]
    assert absence[0]["anniversary"] == {"id": "prk-chn-treaty", "base_date": "1961-07-11", "ordinal": 63}

    for d in documents:
        assert set(d) == DOCUMENT_FIELDS, d
        assert (d["url"], d["source"], d["found_by"], d["canonical"]) == (None, None, "file", None), d
        assert DATE.match(d["published"]) and DATE.match(d["story_date"]), d
        assert d["title"] is None or isinstance(d["title"], str) and d["title"], d
    by_doc = {d["doc"]: d for d in documents}
    assert {k: v for k, v in by_doc["001_8ab288d2fb2e4d13"].items() if k != "date_conflict"} == {
        "doc": "001_8ab288d2fb2e4d13",
        "url": None,
        "title": None,
        "published": "2022-04-20",
        "published_from": "header",
        "story_date": "2020-10",  # the ordinals put the story in 2020: the conflict is kept
        "source": None,
        "found_by": "file",
        "canonical": None,
    }
    assert by_doc["001_8ab288d2fb2e4d13"]["date_conflict"].startswith("printed date 2022-04-20 conflicts")
    assert [d["date_conflict"] for name, d in sorted(by_doc.items()) if name != "001_8ab288d2fb2e4d13"] == [
        None
    ] * 4

    db = tmp_path / "alerts.db"
    db.write_bytes(seed_db.read_bytes())  # analysing writes: a copy, not the shared seed database
    shiftwatch("analyze", "--as-of", "2024-08-01", db=db)
    (alert,) = [json.loads(x) for x in shiftwatch("export", "alerts", db=db).stdout.splitlines()]
    assert set(alert) == ALERT_FIELDS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", alert["created_at"]), alert
    assert {k: v for k, v in alert.items() if k != "created_at"} == {
        "id": "reported_absence:CHN-PRK:prk-chn-treaty:2024",
        "kind": "reported_absence",
        "dyad": ["CHN", "PRK"],
        "title": "Reported not marked: the 63rd anniversary of the Sino-North Korean Treaty of Friendship, "
        "Cooperation and Mutual Assistance (CHN-PRK), due 2024-07-11",
        "due": "2024-07-11",
        "base_date": "1961-07-11",
        "evidence": [
            {"doc": "000_99f503da20989f5c", "url": None, "sentence": absence[0]["evidence"]},
        ],
        "details": {
            "event_kind": "commemoration",
            "anniversary": "prk-chn-treaty",
            "reports": 1,
            "sources": [],
        },
        "as_of": "2024-08-01",
        "delivered_at": None,
        "attempts": 0,
        "last_error": None,
        "delivery": "pending",
    }


def test_seed_events_score_at_the_bar_with_shiftwatch_eval(seed_db):
    """The seeds against the project's own reference: every figure 1.00, no trap hit."""
    result = shiftwatch(
        "eval",
        str(EVAL / "seeds-gold.json"),
        "--json",
        "--min-recall",
        "1",
        "--min-precision",
        "1",
        "--min-date",
        "1",
        db=seed_db,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    for name in (
        "core_recall",
        "precision",
        "f1",
        "date_accuracy",
        "direction_accuracy",
        "anniversary_accuracy",
        "negation_accuracy",
        "published_accuracy",
    ):
        assert figures[name] == 1.0, (name, figures)
    assert figures["traps_hit"] == 0
    assert figures["core"] == 18 and figures["core_found"] == 18


def test_eval_exits_1_below_a_threshold_and_names_it(seed_db, tmp_path):
    gold = json.loads((EVAL / "seeds-gold.json").read_text())
    gold["docs"][0]["events"].append(
        {"id": "extra", "core": True, "kind": "rally", "actors": ["CUB"], "targets": [], "date": "2024-07-01"}
    )
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    result = shiftwatch("eval", str(path), "--quiet", "--min-recall", "1", db=seed_db, check=False)
    assert result.returncode == 1
    assert "below threshold: recall 0.947 < 1.0" in result.stderr
    assert "core_recall            0.95" in result.stdout.splitlines()


def test_eval_of_a_malformed_reference_is_one_error_line(seed_db, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"docs": [{"doc": "x", "events": [{"id": "x-1", "kind": "visit"}]}]}))
    result = shiftwatch("eval", str(path), db=seed_db, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: cannot score against {path}: x: event x-1 lacks actors, core"
    )


def test_cli_without_a_command_prints_usage():
    result = subprocess.run([sys.executable, "-m", "alerts.cli"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "load" in result.stderr and "analyze" in result.stderr


def test_every_command_is_documented_in_the_readme():
    from alerts.cli import build_parser

    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse keeps them here
    for name in commands:
        assert f"  {name}" in readme or f"`{name}`" in readme, f"command {name} is not in README.md"


def test_bad_config_file_is_one_clear_error(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[analysis\nwindow_days = 3\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "alerts.cli",
            "--config",
            str(config),
            "--db",
            str(tmp_path / "x.db"),
            "export",
            "alerts",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error:") and "not valid TOML" in result.stderr


def test_database_is_usable_by_plain_sqlite(seed_db):
    conn = sqlite3.connect(seed_db)
    try:
        kinds = {row[0] for row in conn.execute("SELECT DISTINCT kind FROM events")}
    finally:
        conn.close()
    assert {"commemoration", "agreement", "meeting"} <= kinds


def test_load_copies_the_anniversaries_into_the_database(seed_db):
    from crawler.extract.anniversaries import load_anniversaries

    with Store(seed_db) as store:
        stored = {row["id"] for row in store.query("SELECT id FROM anniversaries")}
    assert stored == {a.id for a in load_anniversaries(ROOT / "seeds" / "anniversaries.toml")}
