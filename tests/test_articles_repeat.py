"""A page's text does not depend on what the process has read before it.

trafilatura's `deduplicate` keeps a process-wide cache of the text segments it has seen and drops a segment (or
the whole document) from its fourth sighting on. read_html must not use it: a load or an ingester that meets
the same page again, syndicated copies, or a paragraph that outlets repeat under every story would otherwise
lose text, or the whole page, depending on the order in which pages happen to be read.
"""

from __future__ import annotations

from crawler.config import data_path, load_config
from crawler.extract.articles import cached_boilerplate, read_html

RULES = cached_boilerplate(str(data_path(load_config(None), "boilerplate")))

# over trafilatura's minimum size for a duplicate check (100 characters)
SHARED = (
    "The Korean Central News Agency said the delegation would also visit factories, farms and schools "
    "in the provinces during its stay, according to the statement released on Friday."
)


def page(number: int) -> bytes:
    body = (
        f"<p>Premier Li Qiang met the visiting delegation of the {number}th trade fair in Beijing on Tuesday, "
        "and the two sides signed an agreement on the border crossing.</p>"
        f"<p>The talks, the {number}th of their kind this year, covered trade, tourism and the new bridge "
        "over the river, officials from both sides told reporters.</p>"
        f"<p>{SHARED}</p>"
    )
    html = (
        "<html><head><meta charset='utf-8'><title>Li meets delegation</title></head><body>"
        f"<article><h1>Li meets delegation</h1>{body}</article></body></html>"
    )
    return html.encode("utf-8")


def test_the_same_page_read_again_gives_the_same_text():
    html = page(9001)
    first = read_html(html, RULES).text
    assert SHARED in first
    for _ in range(5):
        assert read_html(html, RULES).text == first


def test_a_paragraph_repeated_across_pages_is_kept_on_every_page():
    for number in range(9101, 9108):
        assert SHARED in read_html(page(number), RULES).text
