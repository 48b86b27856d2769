"""Extraction in worker processes (a load past `parallel_threshold` documents) stores the same events as
extraction in one process: the workers are forked from a process that set up and warmed the pipeline and the
rules once, and each batch travels back as small results only."""

from __future__ import annotations

import json

from helpers import ROOT, shiftwatch

ARTICLES = ROOT / "seeds" / "articles"


def _events(tmp_path, name: str, extraction: str) -> list[tuple]:
    config = tmp_path / f"{name}.toml"
    config.write_text(f"[extraction]\n{extraction}\n")
    db = tmp_path / f"{name}.db"
    shiftwatch("--config", str(config), "load", str(ARTICLES), db=db)
    exported = shiftwatch("--config", str(config), "export", "events", db=db).stdout
    rows = [json.loads(line) for line in exported.splitlines() if line.strip()]
    return sorted(
        (r["doc"], r["kind"], tuple(r["actors"]), tuple(r["targets"]), r["date"], r["negated"], r["evidence"])
        for r in rows
    )


def test_worker_processes_store_the_events_one_process_stores(tmp_path):
    one = _events(tmp_path, "one", "n_process = 1\nparallel_threshold = 1000")
    # two workers, a batch of two documents each: every seed article is read in a forked worker
    two = _events(tmp_path, "two", "n_process = 2\nparallel_threshold = 1\nbatch_size = 2")
    assert len(one) >= 10
    assert two == one
