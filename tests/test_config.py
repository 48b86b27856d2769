"""Strict configuration: unknown sections and keys and wrongly typed values stop the command before any work."""

from __future__ import annotations

import pytest
from helpers import ROOT, shiftwatch

from crawler.config import load_config
from crawler.errors import ConfigError


def run_with(tmp_path, text: str, *args: str):
    config = tmp_path / "shiftwatch.toml"
    config.write_text(text)
    db = tmp_path / "out" / "shiftwatch.db"
    result = shiftwatch("--config", str(config), *args, db=db, check=False)
    return result, config, db


def test_misspelled_key_is_one_error_naming_file_section_key_and_the_nearest_key(tmp_path):
    result, config, db = run_with(
        tmp_path, "[crawl]\ndowload_delay = 2\n", "load", str(ROOT / "seeds" / "articles")
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert str(config) in lines[0]
    assert "[crawl] dowload_delay: unknown key; did you mean download_delay?" in lines[0]
    assert result.stdout == ""
    assert not db.exists()  # checked at start-up: nothing was loaded


def test_wrongly_typed_value_is_one_error_naming_file_section_and_key(tmp_path):
    result, config, db = run_with(tmp_path, '[crawl]\ndownload_delay = "slow"\n', "export", "documents")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert str(config) in lines[0] and '[crawl] download_delay = "slow": expected a number' in lines[0]
    assert not db.exists()


def test_misspelled_section_names_the_nearest_section(tmp_path):
    result, config, _ = run_with(tmp_path, "[analysys]\nwindow_days = 3\n", "export", "documents")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert f"{config}: [analysys]: unknown section; did you mean [analysis]?" in result.stderr


def test_a_valid_config_still_works(tmp_path):
    result, _, db = run_with(
        tmp_path,
        '[crawl]\ndownload_delay = 2\ntimeout = 7.5\n[email]\nmail_to = "a@example.org, b@example.org"\n'
        '[notify]\nnotifiers = ["log"]\n[schedule]\ninterval_minutes = 0.5\n',
        "export",
        "documents",
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and db.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[email]\nport = true\n", "[email] port = true: expected a whole number"),
        ("[email]\nport = 25.5\n", "[email] port = 25.5: expected a whole number"),
        ("[crawl]\nautothrottle = 1\n", "[crawl] autothrottle = 1: expected true or false"),
        ('[notify]\nnotifiers = "email"\n', '[notify] notifiers = "email": expected a list of strings'),
        ("[analysis]\nmarking_kinds = [1]\n", "[analysis] marking_kinds = [1]: expected a list of strings"),
        (
            "download_delay = 2\n",
            "download_delay is outside any section; did you mean [crawl] download_delay?",
        ),
        ('[serve]\nhots = "0.0.0.0"\n', "[serve] hots: unknown key; did you mean host?"),
    ],
)
def test_each_bad_setting_is_named(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_the_bundled_defaults_pass_their_own_check(tmp_path):
    path = tmp_path / "all.toml"
    path.write_text((ROOT / "crawler" / "defaults.toml").read_text())
    assert load_config(path)["crawl"] == load_config(None)["crawl"]
