"""Pages whose charset is wrong or missing keep their characters, crawled from a real local server or loaded.

The pages (tests/fixtures/charsets/) are mostly ASCII with a few curly quotes, dashes and accented names, in
Windows-1252 and Latin-1: the text a charset detector misreads (as an MS-DOS code page, "Schoolchildren’s"
became "SchoolchildrenÆs"). After the declared charset and UTF-8, Windows-1252 is tried before any detector.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mockserver import SiteServer

from crawler.collect.crawl import crawl
from crawler.collect.loader import load_paths
from crawler.config import load_config
from crawler.extract.articles import decode_bytes
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)

FIXTURES = Path(__file__).parent / "fixtures" / "charsets"
# Each page: the charset its server announces (the bytes are in neither), and the text it must keep.
PAGES = {
    "/articles/cp1252-as-utf8.html": (
        "text/html; charset=utf-8",
        ["The Schoolchildren’s Palace", "the exchange – the first since 2019 – would"],
    ),
    "/articles/latin1-undeclared.html": ("text/html", ["The Swiss envoy Jürg Müller met", "Mr Müller, who"]),
    "/articles/cp1252-meta-utf8.html": ("text/html", ["the Khasan–Rajin line", "the delegation’s leader"]),
}
MOJIBAKE = ("Æ", "³", "ř", "Ř", "ĺ", "â€", "\ufffd")


def stored_texts(db: Path) -> dict[str, str]:
    with Store(db) as store:
        return {row["id"]: row["text"] for row in store.query("SELECT id, text FROM documents")}


def assert_kept(text: str, phrases: list[str]) -> None:
    for phrase in phrases:
        assert phrase in text
    assert not [mark for mark in MOJIBAKE if mark in text], text


def test_crawled_pages_keep_their_characters_whatever_the_header_says(tmp_path):
    content_types = {path: content_type for path, (content_type, _) in PAGES.items()}
    with SiteServer(FIXTURES, content_types=content_types) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "wire"\nurl = "{server.base_url}/sitemap.xml"\ntype = "sitemap"\n'
        )
        config = load_config(os.devnull)
        config["crawl"].update(download_delay=0, autothrottle=False, timeout=5, retry_times=0)
        report = crawl(tmp_path / "crawl.db", config, sources)
        base = server.base_url
    assert report.ok, report.summary()
    texts = stored_texts(tmp_path / "crawl.db")
    assert set(texts) == {base + path for path in PAGES}
    for path, (_, phrases) in PAGES.items():
        assert_kept(texts[base + path], phrases)


def test_loaded_files_keep_their_characters(tmp_path, config):
    db = tmp_path / "load.db"
    with Store(db) as store:
        report = load_paths(store, config, [str(FIXTURES / "articles"), str(FIXTURES / "notes")])
    assert not report.errors, report.errors
    texts = stored_texts(db)
    for path, (_, phrases) in PAGES.items():
        assert_kept(texts[Path(path).stem], phrases)
    assert_kept(texts["latin1-note"], ["The Danish trade attaché, Søren Ødegård, said"])


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Премьер-министр России посетил Пхеньян и провёл переговоры о сотрудничестве.", "koi8-r"),
        ("Премьер-министр России посетил Пхеньян и провёл переговоры о сотрудничестве.", "cp1251"),
        ("中国国家主席习近平会见朝鲜劳动党代表团，双方就两国关系交换意见。", "gb18030"),
    ],
)
def test_undeclared_non_latin_text_is_left_to_the_detector(text, encoding):
    # Windows-1252 decodes nearly any bytes: it is taken only where the result is mostly Latin letters.
    assert decode_bytes(text.encode(encoding)) == text
    assert decode_bytes(text.encode(encoding), "utf-8") == text
