"""Progress bars: `load`, `process --all` and `crawl` draw one on a terminal (a real pseudo-terminal here),
and write nothing extra when stderr is not a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
import threading

import pytest
from helpers import FIXTURES, ROOT, shiftwatch
from mockserver import SiteServer

pytestmark = pytest.mark.timeout(300)

SEEDS = sorted((ROOT / "seeds" / "articles").glob("*.txt"))[:3]
# tqdm's bar: "label: 100%|#####| 3/3 [00:01<00:00,  2.50doc/s]"
BAR = r"{label}: +100%\|[^|]*\| {n}/{n} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+{unit}/s\]"


def on_terminal(*args: str, db) -> tuple[int, str, str]:
    """Run the command line with stderr on a pseudo-terminal: (exit status, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "alerts.cli", "--db", str(db), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("SHIFTWATCH_")},
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = process.communicate(timeout=240)
    reader.join(timeout=10)
    os.close(master)
    return process.returncode, stdout.decode(), b"".join(chunks).decode("utf-8", "replace")


def assert_no_bar(stderr: str) -> None:
    assert "\r" not in stderr and "%|" not in stderr and "/s]" not in stderr


def test_load_and_process_all_show_a_bar_on_a_terminal_and_none_elsewhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS:
        shutil.copy(path, folder / path.name)
    db = tmp_path / "p.db"
    code, stdout, terminal = on_terminal("load", str(folder), db=db)
    assert code == 0, terminal
    assert (
        stdout.splitlines()[0]
        == "loaded 3 input(s): 3 stored (3 new, 0 changed), 0 unchanged, 0 skipped, 0 failed"
    )
    assert re.search(BAR.format(label="loading", n=3, unit="doc"), terminal), terminal
    assert re.search(BAR.format(label="extracting", n=3, unit="doc"), terminal), terminal

    code, stdout, terminal = on_terminal("process", "--all", db=db)
    assert code == 0 and stdout.startswith("processed 3 document(s)")
    assert re.search(BAR.format(label="extracting", n=3, unit="doc"), terminal), terminal

    piped = shiftwatch("process", "--all", db=db)
    assert piped.stdout.startswith("processed 3 document(s)")
    assert_no_bar(piped.stderr)
    piped = shiftwatch("load", str(folder), db=tmp_path / "q.db")
    assert piped.stdout.splitlines()[0].startswith("loaded 3 input(s): 3 stored")
    assert_no_bar(piped.stderr)


def test_crawl_shows_a_bar_on_a_terminal_and_none_elsewhere(tmp_path):
    with SiteServer(FIXTURES / "site") as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "wire-feed"\nurl = "{server.base_url}/feed.xml"\ntype = "feed"\n'
        )
        config = tmp_path / "fast.toml"
        config.write_text("[crawl]\ndownload_delay = 0\nautothrottle = false\nretry_times = 0\ntimeout = 5\n")
        args = ("--config", str(config), "crawl", "--sources", str(sources), "--no-process")
        code, stdout, terminal = on_terminal(*args, db=tmp_path / "c.db")
        assert code == 0, terminal
        assert "wire-feed (feed): 4 listed, 4 fetched" in stdout
        assert re.search(BAR.format(label="crawling", n=4, unit="page"), terminal), terminal
        piped = shiftwatch(*args, db=tmp_path / "d.db")
        assert "wire-feed (feed): 4 listed, 4 fetched" in piped.stdout
        assert_no_bar(piped.stderr)
