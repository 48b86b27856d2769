"""The countries of seeds/actors.toml: names and adjectives of states world-wide resolve to their ISO code,
and words shared by two states resolve to none."""

from __future__ import annotations

import pytest
from helpers import ROOT

from crawler.extract.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(ROOT / "seeds" / "actors.toml")


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Norway", "NOR"),
        ("Norwegian", "NOR"),
        ("Lao PDR", "LAO"),
        ("Lao", "LAO"),
        ("Uzbekistan", "UZB"),
        ("Jordan", "JOR"),
        ("Sri Lanka", "LKA"),
        ("Nepali", "NPL"),
        ("Nepalese", "NPL"),
        ("Malaysian", "MYS"),
        ("Czechoslovak", "CZE"),
        ("Czechoslovakia", "CZE"),
        ("Yugoslavia", "SRB"),
        ("Democratic Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Guinea-Bissau", "GNB"),
        ("the Netherlands", "NLD"),
        ("Palestine", "PSE"),
        ("Viet Nam", "VNM"),
    ],
)
def test_country_forms_resolve_to_their_code(gazetteer, form, code):
    actor = gazetteer.lookup(form)
    assert actor is not None, form
    assert actor.code == code


@pytest.mark.parametrize("form", ["Korea", "Korean", "Congo", "Congolese", "Dominican"])
def test_forms_shared_by_two_states_name_none(gazetteer, form):
    assert gazetteer.lookup(form) is None
