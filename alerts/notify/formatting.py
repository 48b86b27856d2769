"""The text of a notification: subject line, plain text and escaped HTML, for one alert or a digest."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence


def _states(alert: Mapping) -> str:
    return "-".join(alert.get("dyad") or []) or "-"


def subject_line(alerts: Sequence[Mapping]) -> str:
    """The subject of a mail (or the title of a notification) for one alert or a digest."""
    if len(alerts) == 1:
        return f"[shiftwatch] {alerts[0]['title']}"
    kinds = sorted({alert["kind"] for alert in alerts})
    return f"[shiftwatch] {len(alerts)} alerts ({', '.join(kinds)})"


def format_text(alerts: Sequence[Mapping]) -> str:
    """A readable plain-text body: each alert with its kind, states, due date, evidence and links."""
    blocks = []
    for alert in alerts:
        lines = [alert["title"], "", f"Kind:   {alert['kind']}", f"States: {_states(alert)}"]
        if alert.get("due"):
            lines.append(f"Due:    {alert['due']}")
        if alert.get("base_date"):
            lines.append(f"Base:   {alert['base_date']}")
        evidence = alert.get("evidence") or []
        if evidence:
            lines += ["", "Evidence:"]
            for item in evidence:
                if item.get("sentence"):
                    lines.append(f'  - "{item["sentence"]}"')
                where = [
                    part
                    for part in (item.get("url"), f"document {item['doc']}" if item.get("doc") else None)
                    if part
                ]
                if where:
                    lines.append(f"    {' | '.join(where)}")
        lines += ["", f"Alert id: {alert['id']}"]
        blocks.append("\n".join(lines))
    rule = "\n\n" + "-" * 72 + "\n\n"
    return rule.join(blocks) + "\n"


def _link(url: str | None) -> str:
    if not url:
        return ""
    shown = html.escape(url, quote=True)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{shown}">{shown}</a>'
    return shown  # never a live link for other schemes (javascript:, data:)


def format_html(alerts: Sequence[Mapping]) -> str:
    """The HTML part: the same content as the text, every value escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>',
        e(subject_line(alerts)),
        "</title></head><body>",
    ]
    for alert in alerts:
        parts.append(f"<h2>{e(alert['title'])}</h2><table>")
        rows = [
            ("Kind", alert["kind"]),
            ("States", _states(alert)),
            ("Due", alert.get("due")),
            ("Base", alert.get("base_date")),
        ]
        parts += [f'<tr><th align="left">{e(k)}</th><td>{e(str(v))}</td></tr>' for k, v in rows if v]
        parts.append("</table>")
        evidence = alert.get("evidence") or []
        if evidence:
            parts.append("<h3>Evidence</h3><ul>")
            for item in evidence:
                sentence = f"<blockquote>{e(item['sentence'])}</blockquote>" if item.get("sentence") else ""
                doc = f" (document {e(str(item['doc']))})" if item.get("doc") else ""
                parts.append(f"<li>{sentence}{_link(item.get('url'))}{doc}</li>")
            parts.append("</ul>")
        parts.append(f"<p><small>Alert id: {e(alert['id'])}</small></p><hr>")
    parts.append("</body></html>")
    return "\n".join(parts)
