"""Shared fixtures: the configuration, the data files and one spaCy pipeline for the whole session."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def config():
    from crawler.config import load_config

    return load_config(None)


@pytest.fixture(scope="session")
def resources(config):
    from crawler.process import load_resources

    return load_resources(config)


@pytest.fixture(scope="session")
def nlp(config, resources):
    from crawler.process import load_nlp

    return load_nlp(config, resources)


@pytest.fixture(scope="session")
def extract(nlp, resources):
    """extract(text, published='YYYY-MM-DD' or None) -> (events, story) for a plain-text article body."""
    from crawler.dates import parse_iso
    from crawler.events import extract_events, story_date

    def run(text: str, published: str | None = None):
        story = story_date(text, parse_iso(published), "header" if published else "none", resources.anniversaries,
                           today=dt.date(2026, 11, 26))
        return extract_events(nlp(text), story, resources, "test"), story

    return run


def shiftwatch(*args: str, db: Path, env: dict | None = None, check: bool = True, timeout: int = 300):
    """Run the real `shiftwatch` command line in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "alerts.cli", "--db", str(db), *args], capture_output=True,
                            text=True, env=full_env, cwd=ROOT, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"shiftwatch {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result
