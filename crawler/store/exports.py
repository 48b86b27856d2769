"""JSON Lines exports of the database (the format `shiftwatch eval` reads for events)."""

from __future__ import annotations

from collections.abc import Iterator

from crawler.store import Store


def event_row(event: dict) -> dict:
    """One stored event as exported."""
    anniversary = None
    if event.get("anniversary_base_date"):
        anniversary = {
            "id": event.get("anniversary_id"),
            "base_date": event["anniversary_base_date"],
            "ordinal": event.get("anniversary_ordinal"),
        }
    return {
        "doc": event["doc"],
        "kind": event["kind"],
        "actors": event["actors"],
        "targets": event["targets"],
        "date": event["date"],
        "date_precision": event.get("date_precision"),
        "location": event.get("location"),
        "anniversary": anniversary,
        "negated": bool(event["negated"]),
        "evidence": event["evidence"],
        "url": event.get("url"),
        "source": event.get("source"),
        "sources": event.get("sources") or [],
        "cluster": event.get("cluster"),
        "plover": event.get("plover"),
        "cameo": event.get("cameo"),
        "extractor_version": event.get("extractor_version"),
        "id": event["id"],
    }


def export_rows(store: Store, what: str) -> Iterator[dict]:
    """Rows of `shiftwatch export events|documents` (`export alerts` reads alerts.store.AlertStore)."""
    if what == "events":
        for event in store.iter_events():
            yield event_row(event)
    elif what == "documents":
        for doc in store.iter_documents(
            columns="id, url, title, published, published_from, story_date, "
            "date_conflict, source, found_by, canonical"
        ):
            row = dict(doc)
            row["doc"] = row.pop("id")
            yield row
    else:
        raise ValueError(f"unknown export {what!r}")
