"""Shared fixtures: the configuration, the data files and one spaCy pipeline for the whole session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import ROOT, shiftwatch


@pytest.fixture(scope="session")
def config():
    from crawler.config import load_config

    return load_config(None)


@pytest.fixture(scope="session")
def resources(config):
    from crawler.extract.process import load_resources

    return load_resources(config)


@pytest.fixture(scope="session")
def nlp(config, resources):
    from crawler.extract.process import load_nlp

    return load_nlp(config, resources)


@pytest.fixture(scope="session")
def extract(nlp, resources):
    """extract(text, published='YYYY-MM-DD' or None) -> (events, story) for a plain-text article body."""
    from crawler.extract.dates import parse_iso
    from crawler.extract.events import extract_events, story_date

    def run(text: str, published: str | None = None):
        story = story_date(
            text,
            parse_iso(published),
            "header" if published else "none",
            resources.anniversaries,
            today=dt.date(2026, 11, 26),
        )
        return extract_events(nlp(text), story, resources, "test"), story

    return run


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """A database built from the bundled seed articles with the real command line."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    shiftwatch("load", str(ROOT / "seeds" / "articles"), db=db)
    return db


@pytest.fixture(scope="session")
def seed_events(seed_db) -> list[dict]:
    """`shiftwatch export events` of the seed database."""
    import json

    out = shiftwatch("export", "events", db=seed_db).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def report(nlp, resources):
    """report(body, published, title=None, source='KCNA') -> sorted whole events, as `process` reads them."""
    import dataclasses

    from crawler.extract.dates import parse_iso
    from crawler.extract.events import extract_events, story_date
    from crawler.extract.headlines import headline_reader
    from crawler.extract.process import home_state, text_to_read

    headline = headline_reader(nlp, resources.gazetteer.forms)

    def run(body: str, published: str, title: str | None = None, source: str | None = "KCNA"):
        text, headline_end = text_to_read(title, body, headline)
        story = story_date(text, parse_iso(published), "given", resources.anniversaries)
        story = dataclasses.replace(
            story, headline_end=headline_end, home=home_state(resources, source), outlet=source
        )
        events = extract_events(nlp(text), story, resources, "t")
        return sorted(
            (
                e["kind"],
                tuple(e["actors"]),
                tuple(e["targets"]),
                e["date"],
                e["anniversary_base_date"],
                e["anniversary_ordinal"],
                e["negated"],
            )
            for e in events
        )

    return run
