"""Syndication: is a document a copy of a wire story already stored (near-identical text)?

Each document gets a MinHash signature of its word 5-grams, cut into bands; documents sharing a band are
candidates, and a candidate is a copy when the exact Jaccard similarity of the shingles reaches the
threshold. The bands live in the database, so finding the original costs one indexed query, not a scan.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib

import numpy as np

from crawler.store import Store

SHINGLE = 5
PERMUTATIONS = 32
ROWS_PER_BAND = 4  # 8 bands of 4 rows: a pair at Jaccard 0.8 shares a band with probability > 0.999
# A text this short (a headline alone) says too little to tell a copy from another day's story with the
# same words ("Greetings to Chinese party and state leaders" on National Day, and again a week later on the
# anniversary of relations): it is a copy only of one published the same or the next day.
SHORT_WORDS = 25
SHORT_WINDOW_DAYS = 1
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20261126)
_A = _RNG.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Stable 32-bit hashes of the text's overlapping word n-grams (case and punctuation ignored)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def similarity(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(hashes: set[int]) -> np.ndarray:
    """The MinHash signature of a shingle set."""
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    # (a * x + b) mod p with 32-bit x and 61-bit p stays within uint64 when a is reduced to 32 bits.
    mixed = ((_A[:, None] & 0xFFFFFFFF) * values[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return mixed.min(axis=1)


def bands(text: str) -> list[str]:
    """The LSH band keys of a text (empty for texts too short to judge)."""
    return band_keys(shingles(text))


def band_keys(hashes: set[int]) -> list[str]:
    """The LSH band keys of a shingle set (empty for sets too small to judge)."""
    if len(hashes) < 20:
        return []
    sig = signature(hashes)
    return [
        f"{i}:{zlib.crc32(sig[i * ROWS_PER_BAND : (i + 1) * ROWS_PER_BAND].tobytes()):08x}"
        for i in range(PERMUTATIONS // ROWS_PER_BAND)
    ]


def find_original(
    store: Store, row: dict, threshold: float, mine: set[int] | None = None, window_days: int | None = None
) -> dict | None:
    """The first-stored document this one copies (same or near-identical text), or None.

    Also records this document's bands so that later copies find it. `mine` may give the text's shingles
    when they were computed elsewhere (in an extraction worker). A copy is published within `window_days`
    of its original: the same headline a year later ("Anniversary of CPV's entry into Korean front
    observed") is another year's story, not a copy; a headline alone, within a day (SHORT_WORDS).
    """
    text = row.get("text") or ""
    if window_days is not None and len(text.split()) < SHORT_WORDS:
        window_days = min(window_days, SHORT_WINDOW_DAYS)
    exact = store.find_by_text_hash(row["text_hash"], exclude=row["id"]) if row.get("text_hash") else None
    if exact is not None and _earlier(exact, row) and _near(exact, row, window_days):
        return _root(store, exact)
    if mine is None:
        mine = shingles(text)
    keys = band_keys(mine)
    store.set_bands(row["id"], keys)
    if not keys:
        return None
    for other in store.documents_sharing_bands(keys, exclude=row["id"]):
        if (
            _earlier(other, row)
            and _near(other, row, window_days)
            and similarity(mine, shingles(other.get("text") or "")) >= threshold
        ):
            return _root(store, other)
    return None


def _earlier(other: dict, row: dict) -> bool:
    """Copies point at the document loaded first (ties broken by id), so the choice is stable."""
    mine = (row.get("loaded_at") or "", row["id"])
    theirs = (other.get("loaded_at") or "", other["id"])
    return theirs < mine


def _near(other: dict, row: dict, window_days: int | None) -> bool:
    """Published within the window of each other (either date unknown: assumed near)."""
    if window_days is None:
        return True
    a, b = str(other.get("published") or "")[:10], str(row.get("published") or "")[:10]
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= window_days
    except ValueError:
        return True


def _root(store: Store, doc: dict) -> dict:
    canonical = doc.get("canonical")
    if canonical:
        original = store.get_document(canonical)
        if original is not None:
            return original
    return doc
