"""Lock files beside the database, so that two shiftwatch processes never do the same job at once.

`shiftwatch.db.lock` is held by a whole `run` pass, `shiftwatch.db.notify.lock` while alerts are delivered
(by `notify`, or by the notify step of a `run`). A process that finds a lock taken does not wait: it does
nothing, and the command line exits with status 75 (EX_TEMPFAIL, try again later).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from crawler.errors import ShiftwatchError

LOCKED_EXIT = 75  # EX_TEMPFAIL: try again later


class LockTakenError(ShiftwatchError):
    """Another shiftwatch process holds the lock file of this job; this one did nothing."""


def lock_path(db_path: str | Path, job: str = "") -> Path:
    """The lock file of a job on a database: `DB.lock` for a run, `DB.JOB.lock` for another job."""
    return Path(f"{db_path}.{job}.lock" if job else f"{db_path}.lock")


@contextmanager
def holding(path: Path, what: str) -> Iterator[None]:
    """Hold the lock file `path` for the block; raise LockTakenError at once if another process has it."""
    lock = FileLock(str(path), blocking=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise LockTakenError(f"another shiftwatch {what} holds {path}") from exc
    try:
        yield
    finally:
        lock.release()
