"""Helpers shared by the tests: paths and the real command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shiftwatch(*args: str, db: Path, env: dict | None = None, check: bool = True, timeout: int = 300):
    """Run the real `shiftwatch` command line in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "alerts.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"shiftwatch {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result
