"""shiftwatch's Datasette plugin: the monthly contacts chart, the anniversary matrix and their queries.

Loaded from this folder by `shiftwatch serve` (or `datasette --plugins-dir`). Settings come from the
`plugins: shiftwatch:` block of the metadata, which `shiftwatch serve` fills from the configuration:
`database` (the database name, default "shiftwatch") and `contact_kinds` (the event kinds that count as
contacts: those marked `contact = true` in the configured kinds file; by default in the bundled
seeds/kinds.toml). Everything here reads; nothing writes.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from alerts.browse import DATABASE_NAME, PLUGIN_NAME
from alerts.browse.chart import contacts_svg, series_from_rows
from crawler.extract.kinds import contact_kinds

# The cells of the anniversary matrix, and the CSS class each gets (alerts/browse/datasette/static/shiftwatch.css).
MARKED, NOT_MARKED, MIXED, NO_REPORT = "✔ marked", "✘ not marked", "✔✘ mixed reports", "· no report"
MARK_CLASSES = {
    MARKED: "sw-marked",
    NOT_MARKED: "sw-not-marked",
    MIXED: "sw-mixed",
    NO_REPORT: "sw-no-report",
}


def _settings(datasette) -> dict:
    return datasette.plugin_config(PLUGIN_NAME) or {}


def _database_name(datasette) -> str:
    return _settings(datasette).get("database", DATABASE_NAME)


def _contact_kinds(datasette) -> list[str]:
    return list(_settings(datasette).get("contact_kinds") or contact_kinds())


def _literal(text: str) -> str:
    """An SQL string literal (the values come from the configuration and the database, not from requests)."""
    return "'" + str(text).replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + str(text).replace('"', '""') + '"'


def contacts_sql(kinds) -> str:
    """Monthly distinct contacts (one per cluster of reports) per pair of states; month-precise dates only."""
    return (
        "SELECT dyad, substr(date, 1, 7) AS month, COUNT(DISTINCT COALESCE(cluster, id)) AS contacts\n"
        "FROM events\n"
        f"WHERE negated = 0 AND kind IN ({', '.join(_literal(k) for k in kinds)})\n"
        "  AND dyad IS NOT NULL AND dyad != '' AND length(date) >= 7\n"
        "GROUP BY dyad, month\nORDER BY dyad, month"
    )


def matrix_sql(anniversaries: list[dict]) -> str:
    """One row per year (latest first), one column per anniversary: marked, not marked, mixed or no report.

    A year's reports are the commemoration events linked to the anniversary, counted in the anniversary's
    year (base year + ordinal) where the ordinal is known, else in the event's year. "No report" is shown
    only for years in which the anniversary is customarily marked (every `period` years from its base year).
    """
    columns = []
    for ann in anniversaries:
        base_year, period = int(ann["base_year"]), max(1, int(ann["period"] or 1))
        columns.append(
            "  COALESCE((SELECT CASE WHEN m.marked > 0 AND m.unmarked > 0 THEN "
            f"{_literal(MIXED)} WHEN m.marked > 0 THEN {_literal(MARKED)} ELSE {_literal(NOT_MARKED)} END "
            f"FROM marks m WHERE m.ann = {_literal(ann['id'])} AND m.y = years.y),\n"
            f"    CASE WHEN years.y >= {base_year} AND (years.y - {base_year}) % {period} = 0 "
            f"THEN {_literal(NO_REPORT)} ELSE '' END) AS {_identifier(ann['id'])}"
        )
    return (
        "WITH RECURSIVE marks AS (\n"
        "  SELECT anniversary_id AS ann,\n"
        "    COALESCE(CAST(substr(anniversary_base_date, 1, 4) AS INTEGER) + anniversary_ordinal,\n"
        "             CAST(substr(date, 1, 4) AS INTEGER)) AS y,\n"
        "    SUM(negated = 0) AS marked, SUM(negated = 1) AS unmarked\n"
        "  FROM events\n"
        "  WHERE kind = 'commemoration' AND COALESCE(anniversary_id, '') != ''\n"
        "  GROUP BY ann, y\n"
        "),\n"
        "seen(y) AS (SELECT y FROM marks UNION SELECT CAST(year AS INTEGER) FROM events WHERE year GLOB '[0-9]*'),\n"
        "bounds AS (SELECT MIN(y) AS lo, MAX(y) AS hi FROM seen),\n"
        "years(y) AS (SELECT lo FROM bounds WHERE lo IS NOT NULL\n"
        "  UNION ALL SELECT years.y + 1 FROM years, bounds WHERE years.y < bounds.hi)\n"
        "SELECT years.y AS year" + "".join(",\n" + column for column in columns) + "\n"
        "FROM years\nORDER BY year DESC"
    )


async def _contact_rows(datasette, dyads: list[str] | None = None) -> list[dict]:
    db = datasette.get_database(_database_name(datasette))
    result = await db.execute(contacts_sql(_contact_kinds(datasette)))
    rows = [dict(row) for row in result.rows]
    if dyads:
        rows = [row for row in rows if row["dyad"] in dyads]
    return rows


def _requested_dyads(request) -> list[str]:
    """?dyad=CHN-PRK (repeatable or comma-separated); codes in any order and case."""
    wanted = []
    for value in request.args.getlist("dyad"):
        for item in value.split(","):
            codes = [c.strip().upper() for c in item.split("-") if c.strip()]
            if len(codes) == 2:
                wanted.append("-".join(sorted(codes)))
    return wanted


@hookimpl
def register_routes():
    return [
        (r"^/-/contacts$", contacts_page),
        (r"^/-/contacts\.svg$", contacts_image),
    ]


async def contacts_image(datasette, request):
    """The chart alone, as image/svg+xml."""
    series = series_from_rows(await _contact_rows(datasette, _requested_dyads(request)))
    return Response(contacts_svg(series), content_type="image/svg+xml; charset=utf-8")


async def contacts_page(datasette, request):
    """The chart in a Datasette page, with its numbers as a table and links to the data."""
    dyads = _requested_dyads(request)
    rows = await _contact_rows(datasette, dyads)
    series = series_from_rows(rows)
    months = sorted({row["month"] for row in rows}, reverse=True)
    database = _database_name(datasette)
    return Response.html(
        await datasette.render_template(
            "shiftwatch_contacts.html",
            {
                "svg": Markup(contacts_svg(series)),
                "series": series,
                "months": months,
                "dyads": dyads,
                "kinds": _contact_kinds(datasette),
                "query_url": datasette.urls.path(f"/{database}/monthly_contacts"),
                "svg_url": datasette.urls.path("/-/contacts.svg"),
                "metadata": datasette.metadata(),  # the footer's licence and source
            },
            request=request,
        )
    )


@hookimpl
def canned_queries(datasette, database):
    if database != _database_name(datasette):
        return None

    async def inner():
        db = datasette.get_database(database)
        queries: dict[str, dict[str, Any]] = {
            "monthly_contacts": {
                "title": "Monthly contacts per pair of states",
                "description_html": (
                    "Distinct contacts (kinds: "
                    + escape(", ".join(_contact_kinds(datasette)))
                    + "; reported as happening, not negated) per month and pair of states: the data of "
                    + f'<a href="{datasette.urls.path("/-/contacts")}">the chart</a>.'
                ),
                "sql": contacts_sql(_contact_kinds(datasette)),
            }
        }
        if await db.table_exists("anniversaries"):
            result = await db.execute(
                "SELECT id, name, base_year, period FROM anniversaries ORDER BY base_date, id"
            )
            anniversaries = [dict(row) for row in result.rows]
            legend = "".join(
                f"<li><code>{escape(a['id'])}</code>: {escape(a['name'])}</li>" for a in anniversaries
            )
            queries["anniversary_matrix"] = {
                "title": "Anniversaries per year: marked or not",
                "description_html": (
                    "One row per year, one column per anniversary. <b>✔ marked</b>: a report of it being "
                    "marked; <b>✘ not marked</b>: a report that it was not; <b>✔✘</b>: both; "
                    "<b>· no report</b>: nothing found in a year it is customarily marked; blank: not due. "
                    f"<ul>{legend}</ul>"
                ),
                "sql": matrix_sql(anniversaries),
                "hide_sql": True,  # generated, one long column per anniversary: the table is what matters
            }
        return queries

    return inner


@hookimpl
def render_cell(value):
    css = MARK_CLASSES.get(value) if isinstance(value, str) else None
    if css:
        return Markup(f'<span class="sw-mark {css}">{escape(value)}</span>')
    return None


@hookimpl
def menu_links(datasette):
    database = _database_name(datasette)
    return [
        {"href": datasette.urls.path("/-/contacts"), "label": "Chart: monthly contacts"},
        {"href": datasette.urls.path(f"/{database}/anniversary_matrix"), "label": "Anniversary matrix"},
        {"href": datasette.urls.path(f"/{database}/pair_timeline?a=PRK&b=CHN"), "label": "Timeline: PRK-CHN"},
        {"href": datasette.urls.path(f"/{database}/alerts_with_evidence"), "label": "Alerts with evidence"},
        {"href": datasette.urls.path(f"/{database}/source_health"), "label": "Source health"},
    ]
