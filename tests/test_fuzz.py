"""Fuzzed inputs (hypothesis): random bytes, mixed encodings, huge and empty pages, malformed feeds, sitemaps,
jsonl and source files, bad dates. Nothing crashes: each bad item is a clear, named error and the rest is read.

Example counts are modest so that the suite stays fast; hypothesis keeps failing examples in its database
and replays them first.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from helpers import ROOT, shiftwatch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.collect.documents import InputError, Record, build_document, read_inputs
from crawler.collect.links import feed_links, sitemap_links
from crawler.collect.sources import load_sources
from crawler.config import data_path, load_config
from crawler.errors import DataFileError, DocumentError
from crawler.extract.articles import Article, cached_boilerplate, decode_bytes, read_html, read_text
from crawler.extract.dates import When, find_absolute_date, find_dates, parse_iso

pytestmark = pytest.mark.timeout(300)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
RULES = cached_boilerplate(str(data_path(load_config(None), "boilerplate")))

SENTENCE = (
    "North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing on Tuesday to discuss trade."
)
ENCODINGS = ("utf-8", "utf-16", "cp1252", "latin-1", "euc-kr", "gb18030", "koi8-r", "shift_jis")
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000)
# pieces of markup, text in several scripts and stray bytes, glued together
fragments = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<body>",
        "<p>",
        "</p>",
        "<article>",
        "<script>",
        "<!--",
        "-->",
        "<meta charset='koi8-r'>",
        "&amp;",
        "&#0;",
        "\x00",
        "\ufeff",
        SENTENCE,
        "평양 ",
        "北京 ",
        "Москва ",
        "2024-13-45",
        "July 27, 1953",
        "\r\n",
        "\n\n",
    ]
)
pages = st.one_of(
    st.binary(max_size=3000),
    st.lists(fragments, max_size=60).map("".join).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.tuples(st.lists(fragments, max_size=40).map("".join), st.sampled_from(ENCODINGS)).map(
        lambda pair: pair[0].encode(pair[1], "replace")
    ),
)


@FUZZ
@given(pages, st.one_of(st.none(), st.sampled_from(ENCODINGS + ("no-such-charset", ""))))
def test_any_bytes_decode_to_text(data, declared):
    assert isinstance(decode_bytes(data, declared), str)


@FUZZ
@given(pages)
def test_any_page_is_an_article_or_a_document_error(data):
    try:
        article = read_html(data, RULES, url="https://news.example/x")
    except DocumentError as exc:
        assert str(exc)
        return
    assert isinstance(article, Article) and article.text.strip()


@FUZZ
@given(
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs")), max_size=60),
    st.integers(min_value=1, max_value=5),
)
def test_every_valid_text_is_read_with_its_paragraphs(title, paragraphs):
    article = read_text(title + "\n\n" + "\n\n".join([SENTENCE] * paragraphs) + "\n", RULES)
    assert words(article.text).count(SENTENCE) == paragraphs


@FUZZ
@given(st.one_of(texts, st.lists(fragments, max_size=80).map("".join)))
def test_any_text_is_an_article_or_a_document_error(text):
    try:
        article = read_text(text, RULES)
    except DocumentError as exc:
        assert str(exc)
        return
    assert article.text.strip()


# Pages a reader would call articles, with noise around the article: each must be read, not refused.
noise = st.sampled_from(
    [
        "<script>var a = '<p>not text</p>';</script>",
        "<!-- a comment -->",
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
        "<style>p { color: red }</style>",
        "<div class='ad'>Advertisement</div>",
        "<footer>&copy; The Paper</footer>",
    ]
)
_page_numbers = itertools.count()


def valid_page(noise_before: str, noise_after: str, paragraphs: int, encoding: str) -> tuple[bytes, str]:
    """A page and its article's last paragraph, numbered so that no two pages share their text."""
    number = next(_page_numbers)
    last = f"The talks, the {number}th this year, ended with a joint statement on trade and the border."
    body = ("<p>" + SENTENCE + "</p>") * paragraphs + f"<p>{last}</p>"
    page = (
        f"<html><head><meta charset='{encoding}'><title>Kim meets Xi</title></head><body>{noise_before}"
        f"<article><h1>Kim meets Xi</h1>{body}</article>{noise_after}</body></html>"
    )
    return page.encode(encoding), last


valid_pages = st.builds(
    valid_page,
    st.lists(noise, max_size=4).map("".join),
    st.lists(noise, max_size=4).map("".join),
    st.integers(min_value=1, max_value=8),
    st.sampled_from(("utf-8", "utf-16", "cp1252", "latin-1", "koi8-r", "shift_jis")),
)


def words(text: str) -> str:
    return " ".join(text.split())


@FUZZ
@given(valid_pages)
def test_every_valid_page_is_read_with_its_article_text(page):
    data, last = page
    article = read_html(data, RULES, url="https://news.example/x")
    assert SENTENCE in words(article.text) and words(article.text).endswith(last)
    assert "not text" not in article.text and "Advertisement" not in article.text


def test_a_page_read_again_in_one_process_is_still_read():
    page, last = valid_page("", "", 1, "utf-8")
    for _ in range(4):
        assert words(read_html(page, RULES).text).endswith(last)


@pytest.mark.parametrize(
    ("html", "refusal"),
    [
        ("", "empty page"),
        (" \n\t ", "empty page"),
        ("<html></html>", "trafilatura found no article text in the page"),
    ],
)
def test_empty_pages_are_refused_clearly(html, refusal):
    with pytest.raises(DocumentError) as caught:
        read_html(html.encode(), RULES)
    assert str(caught.value) == refusal


@pytest.mark.parametrize(
    ("html", "length"),
    [
        ("<html><body><p>" + "x " * 2_000_000 + "</p>", 3_999_999),
        ("<html><body><article><p>" + (SENTENCE + " ") * 20_000 + "</p></article></body></html>", 2_099_999),
    ],
)
def test_huge_pages_are_read_whole(html, length):
    article = read_html(html.encode(), RULES)
    assert len(article.text) == length


@pytest.mark.xfail(
    strict=True,
    reason="known miss: trafilatura finds no article text in an HTML fragment without <html>/<body>, "
    "as a jsonl `html` field may hold",
)
def test_an_html_fragment_is_read():
    assert SENTENCE in words(read_html(f"<p>{SENTENCE}</p>".encode(), RULES).text)


@FUZZ
@given(
    texts,
    st.one_of(
        st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(lambda d: When(d, "day", ""))
    ),
)
def test_date_finders_never_crash(text, ref):
    assert find_absolute_date(text) is None or isinstance(find_absolute_date(text), When)
    assert all(isinstance(when, When) for when in find_dates(text, ref))
    parse_iso(text[:12])


xml_fragments = st.sampled_from(
    [
        "<rss>",
        "</rss>",
        "<channel>",
        "<item>",
        "</item>",
        "<link>",
        "</link>",
        "https://news.example/a",
        "<pubDate>",
        "Tue, 99 Foo 2024",
        "</pubDate>",
        "<feed>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<entry>",
        "<link href='/b'/>",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        "</urlset>",
        "<url>",
        "<loc>",
        "</loc>",
        "<lastmod>",
        "2024-02-30",
        "</lastmod>",
        "<sitemapindex>",
        "<sitemap>",
        "javascript:alert(1)",
        "<!DOCTYPE x [<!ENTITY a 'b'>]>",
        "&a;",
        "\x00",
    ]
)
xml_bodies = st.one_of(
    st.binary(max_size=2000), st.lists(xml_fragments, max_size=60).map(lambda x: "".join(x).encode())
)


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "<title>Wire &amp; more</title>",
                "<description>x &lt; y</description>",
                "<!-- c -->",
                "<category>Asia</category>",
            ]
        ),
        max_size=6,
    ).map("".join),
    st.integers(min_value=1, max_value=5),
)
def test_every_valid_feed_and_sitemap_gives_its_links(extra, items):
    links = [f"https://news.example/a/{n}" for n in range(items)]
    rss = "<rss><channel>" + extra + "".join(f"<item>{extra}<link>{link}</link></item>" for link in links)
    assert [
        link for link, _ in feed_links((rss + "</channel></rss>").encode(), "https://news.example/")
    ] == links
    urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
        f"<url><loc>{link}</loc><lastmod>2024-07-1{n % 10}</lastmod></url>" for n, link in enumerate(links)
    )
    found, children = sitemap_links((urlset + "</urlset>").encode(), "https://news.example/")
    assert [link for link, _ in found] == links and children == []


@FUZZ
@given(xml_bodies)
def test_malformed_feeds_and_sitemaps_are_links_or_a_document_error(body):
    for parse in (feed_links, sitemap_links):
        try:
            parse(body, "https://news.example/")
        except DocumentError as exc:
            assert str(exc)


@FUZZ
@given(st.text(max_size=400))
def test_any_sources_file_loads_or_names_the_problem(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("sources") / "sources.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_sources(path)
    except DataFileError as exc:
        assert str(exc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
lines = st.one_of(
    st.binary(max_size=200).filter(lambda b: b"\n" not in b),
    json_values.map(json.dumps).map(str.encode),
    st.fixed_dictionaries(
        {"id": st.text(min_size=1, max_size=20), "text": st.text(max_size=200)},
        optional={
            "date": st.text(max_size=20),
            "html": st.text(max_size=200),
            "url": st.text(max_size=30),
            "title": st.integers(),
        },
    )
    .map(json.dumps)
    .map(str.encode),
)


@FUZZ
@given(st.lists(lines, max_size=20))
def test_malformed_jsonl_gives_one_error_per_bad_line_and_reads_the_rest(tmp_path_factory, content):
    good = json.dumps({"id": "good", "text": SENTENCE, "date": "2024-07-11"}).encode()
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes(b"\n".join([*content, good]) + b"\n")
    items = list(read_inputs([path]))
    (good_record,) = [item for item in items if isinstance(item, Record) and item.id == "good"]
    assert (
        build_document(good_record, RULES)["text"] == SENTENCE
    )  # the valid line is read, whatever precedes it
    for item in items:
        if isinstance(item, InputError):
            assert item.where.startswith(str(path) + ":") and item.reason
            continue
        try:
            document = build_document(item, RULES)
        except DocumentError as exc:
            assert str(exc)
        else:
            assert document["id"] == item.id


@FUZZ
@given(st.text(max_size=40))
def test_a_bad_date_is_a_document_error_naming_it(date):
    record = Record("x", SENTENCE, "text", "jsonl", published=date)
    try:
        document = build_document(record, RULES)
    except DocumentError as exc:
        assert "bad date" in str(exc) and "YYYY-MM-DD" in str(exc)
    else:
        assert document["published"] is None or dt.date.fromisoformat(document["published"])


@pytest.mark.timeout(180)
def test_load_of_a_folder_of_random_files_reports_each_and_loads_the_good_ones(tmp_path):
    import random

    rng = random.Random(8)
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = (ROOT / "seeds" / "articles").glob("*.txt")
    for path in sorted(good)[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "good.jsonl").write_text(
        json.dumps({"id": "j1", "text": SENTENCE, "date": "2024-07-11"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "j2", "text": SENTENCE, "date": "2024-13-45"})
        + "\n"
        + json.dumps(["a list"])
        + "\n"
    )
    for n in range(6):
        (folder / f"noise-{n}.html").write_bytes(
            bytes(rng.randrange(256) for _ in range(rng.randrange(0, 4000)))
        )
        (folder / f"noise-{n}.txt").write_bytes(
            bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "utf16.txt").write_bytes(("North Korea and China\n\n" + SENTENCE).encode("utf-16"))
    result = shiftwatch("load", str(folder), db=tmp_path / "mixed.db", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert any("good.jsonl:2: not valid JSON" in line for line in errors)
    assert any("j2: bad date '2024-13-45'" in line for line in errors)
    assert any("good.jsonl:4: a line must be a JSON object" in line for line in errors)
    skipped = f"Skipped: {folder / 'empty.txt'}: empty document"
    assert skipped in result.stderr.splitlines()  # read, so not a failure
    noise = [line for line in errors if "undecodable bytes" in line]
    assert len(errors) == 3 + len(noise) and len(noise) >= 10, errors  # random bytes are not text
    exported = shiftwatch("export", "documents", db=tmp_path / "mixed.db").stdout
    docs = {json.loads(line)["doc"] for line in exported.splitlines()}
    assert {"j1", *(path.stem for path in sorted((ROOT / "seeds" / "articles").glob("*.txt"))[:2])} <= docs
    assert "processed" in result.stdout
