"""Syndication: is a document a copy of a wire story already stored (near-identical text)?"""

from __future__ import annotations

import re

from .store import Store

SHINGLE = 5


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the text's overlapping word n-grams (case and punctuation ignored)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i:i + size])) for i in range(len(words) - size + 1)}


def similarity(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_original(store: Store, row: dict, threshold: float) -> dict | None:
    """The first-stored document this one copies (same or near-identical text), or None."""
    exact = store.find_by_text_hash(row["text_hash"], exclude=row["id"]) if row.get("text_hash") else None
    if exact is not None and _earlier(exact, row):
        return _root(store, exact)
    mine = shingles(row.get("text") or "")
    if len(mine) < 20:
        return None
    for other in store.documents_near(row.get("published"), exclude=row["id"]):
        if not _earlier(other, row):
            continue
        if similarity(mine, shingles(other.get("text") or "")) >= threshold:
            return _root(store, other)
    return None


def _earlier(other: dict, row: dict) -> bool:
    """Copies point at the document loaded first (ties broken by id), so the choice is stable."""
    mine = (row.get("loaded_at") or "", row["id"])
    theirs = (other.get("loaded_at") or "", other["id"])
    return theirs < mine


def _root(store: Store, doc: dict) -> dict:
    canonical = doc.get("canonical")
    if canonical:
        original = store.get_document(canonical)
        if original is not None:
            return original
    return doc
