"""`load` tells stored, unchanged, skipped and failed inputs apart; only failures make it exit 1."""

from __future__ import annotations

import json
import random
import shutil

from helpers import ROOT, shiftwatch

SEEDS = sorted((ROOT / "seeds" / "articles").glob("*.txt"))
GALLERY = (
    "<!DOCTYPE html><html><head><title>Photos</title></head><body><div class='gallery'>"
    + "".join(f"<figure><a href='/p/{i}'><img src='/p/{i}.jpg' alt=''></a></figure>" for i in range(12))
    + "</div></body></html>"
)
SENTENCE = "Kim Jong Un met Chinese Premier Li Qiang in Pyongyang on Tuesday, KCNA said."


def lines(stderr: str, prefix: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith(prefix))


def test_pages_without_article_text_are_skipped_and_the_load_succeeds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "gallery.html").write_text(GALLERY)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": SENTENCE, "date": "2024-07-11"})
        + "\n"
        + json.dumps({"id": "w2", "text": "  ", "date": "2024-07-11"})
        + "\n"
    )
    db = tmp_path / "s.db"
    first = shiftwatch("load", "--no-process", str(folder), db=db, check=False)
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout.strip()
        == "loaded 6 input(s): 3 stored (3 new, 0 changed), 0 unchanged, 3 skipped, 0 failed"
    )
    assert lines(first.stderr, "Error") == []
    assert lines(first.stderr, "Skipped: ") == [
        f"Skipped: {folder / 'empty.txt'}: empty document",
        f"Skipped: {folder / 'gallery.html'}: trafilatura found no article text in the page",
        f"Skipped: {folder / 'wire.jsonl'}:2: w2: empty document",
    ]
    again = shiftwatch("load", "--no-process", str(folder), db=db, check=False)
    assert again.returncode == 0
    assert (
        again.stdout.strip()
        == "loaded 6 input(s): 0 stored (0 new, 0 changed), 3 unchanged, 3 skipped, 0 failed"
    )


def test_only_inputs_that_cannot_be_read_fail_the_load(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    (folder / "empty.txt").write_bytes(b"")
    noise = bytes(range(256)) * 4
    rng = random.Random(17)
    (folder / "scan.txt").write_bytes(bytes(rng.sample(noise, len(noise))))
    (folder / "scan.html").write_bytes(bytes(rng.sample(noise, len(noise))))
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": SENTENCE})
        + "\n{not json\n"
        + json.dumps({"id": "w3", "text": SENTENCE, "date": "2024-13-45"})
        + "\n"
        + json.dumps({"id": "w4", "title": "a headline, no text key"})
        + "\n"
    )
    missing = tmp_path / "nowhere"
    result = shiftwatch("load", "--no-process", str(folder), str(missing), db=tmp_path / "s.db", check=False)
    assert result.returncode == 1
    assert (
        result.stdout.strip()
        == "loaded 9 input(s): 2 stored (2 new, 0 changed), 0 unchanged, 1 skipped, 6 failed"
    )
    assert lines(result.stderr, "Skipped: ") == [f"Skipped: {folder / 'empty.txt'}: empty document"]
    errors = lines(result.stderr, "Error: ")
    assert len(errors) == 6
    expected = [
        f"Error: {missing}: no such file or folder",
        f"Error: {folder / 'scan.html'}: undecodable bytes",
        f"Error: {folder / 'scan.txt'}: undecodable bytes",
        f"Error: {folder / 'wire.jsonl'}:2: not valid JSON",
        f"Error: {folder / 'wire.jsonl'}:3: w3: bad date '2024-13-45'",
        f"Error: {folder / 'wire.jsonl'}:4: the line has neither 'text' nor 'html'",
    ]
    assert all(line.startswith(prefix) for line, prefix in zip(errors, sorted(expected), strict=True)), errors
