"""Helpers shared by the tests: paths and the real command line in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shiftwatch(
    *args: str,
    db: Path,
    env: dict | None = None,
    check: bool = True,
    timeout: int = 300,
    as_unprivileged: bool = False,
):
    """Run the real `shiftwatch` command line in a subprocess (`as_unprivileged`: see `unprivileged`)."""
    full_env = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "alerts.cli", "--db", str(db), *args]
    result = subprocess.run(
        unprivileged(command) if as_unprivileged else command,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"shiftwatch {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def under_ci() -> bool:
    """True where the tests run in CI (`CI` set to anything but empty, 0 or false; `.ci/run` sets CI=1)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_dependency(reason: str) -> None:
    """Skip a test that cannot run here; in CI fail instead, so a check that matters is never silently left out."""
    if under_ci():
        pytest.fail(f"CI=1: {reason}", pytrace=False)
    pytest.skip(reason)


def system_binary(*names: str, install: str) -> str:
    """The path of the first of `names` on PATH, else skip (fail under CI) with how to install it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    missing_dependency(f"{names[0]} is not installed: run `make sysdeps` as root ({install})")
    raise AssertionError("unreachable")  # missing_dependency always raises


def unprivileged(command: list[str]) -> list[str]:
    """`command` run without the privilege to ignore file permissions, so that a permission test means something
    when the tests run as root (as in a container).

    A non-root user is already unprivileged. Root keeps its uid (the interpreter may live under /root, which
    another user cannot enter) but loses every capability, CAP_DAC_OVERRIDE included, through util-linux's
    setpriv: a mode 0444 file is then read-only to it as to anyone.
    """
    if os.geteuid() != 0:
        return command
    setpriv = system_binary("setpriv", install="apt-get install util-linux")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs", "--", *command]
