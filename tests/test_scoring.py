"""The scorer of `shiftwatch eval`: pairing, figures and date spans, from table-driven cases."""

from __future__ import annotations

import pytest

from crawler.extract.scoring import ReferenceError, date_ok, date_span, score


def ref(id_, kind, actors, targets, date, core=True, **extra):
    return {
        "id": id_,
        "core": core,
        "kind": kind,
        "actors": actors,
        "targets": targets,
        "date": date,
        **extra,
    }


def pred(kind, actors, targets, date, doc="d", **extra):
    return {"doc": doc, "kind": kind, "actors": actors, "targets": targets, "date": date, **extra}


def gold(*events, traps=(), published=None):
    return {"docs": [{"doc": "d", "published": published, "events": list(events), "traps": list(traps)}]}


def test_two_messages_of_one_pair_and_month_pair_by_direction_and_date_not_crosswise():
    reference = gold(
        ref("a", "message", ["PRK"], ["CHN"], "2012-07-10"),
        ref("b", "message", ["CHN"], ["PRK"], "2012-07-11"),
    )
    extracted = [
        pred("message", ["CHN"], ["PRK"], "2012-07-11"),
        pred("message", ["PRK"], ["CHN"], "2012-07-10"),
    ]
    result = score(reference, extracted)
    assert result.figures["direction_accuracy"] == 1.0
    assert result.figures["date_accuracy"] == 1.0
    assert result.wrong == []


def test_an_absence_and_a_marking_of_one_day_pair_by_negation_not_crosswise():
    reference = gold(
        ref("a", "commemoration", ["PRK"], ["CHN"], "2022-10-25", negated=True),
        ref("b", "commemoration", ["PRK"], ["CHN"], "2022-10-25", negated=False),
    )
    extracted = [
        pred("commemoration", ["PRK"], ["CHN"], "2022-10-25", negated=False),
        pred("commemoration", ["PRK"], ["CHN"], "2022-10-25", negated=True),
    ]
    result = score(reference, extracted)
    assert result.figures["negation_accuracy"] == 1.0
    assert result.wrong == []


def test_core_events_are_paired_before_optional_ones():
    reference = gold(
        ref("opt", "visit", ["CHN"], ["PRK"], "2012-07-10", core=False),
        ref("core", "visit", ["CHN"], ["PRK"], "2012-08-01"),
    )
    result = score(reference, [pred("visit", ["CHN"], ["PRK"], "2012-07-10")])
    assert result.figures["core_recall"] == 1.0
    assert result.wrong == ["core: date 2012-07-10 != 2012-08-01"]


def test_figures_count_misses_false_alarms_traps_and_wrong_fields():
    reference = gold(
        ref("v", "visit", ["CHN"], ["PRK"], "2012-07-10"),
        ref(
            "c",
            "commemoration",
            ["PRK"],
            ["CHN"],
            "2012-07-11",
            anniversary={"base_date": "1961-07-11", "ordinal": 51},
        ),
        ref("m", "meeting", ["PRK", "RUS"], [], "2012-08"),
        traps=[{"kind": "visit", "actors": ["IND"], "targets": ["UKR"]}],
        published="2012-07-12",
    )
    extracted = [
        pred("visit", ["PRK"], ["CHN"], "2012-07-10"),
        pred(
            "commemoration",
            ["PRK"],
            ["CHN"],
            "2012-07-11",
            anniversary={"base_date": "1961-07-11", "ordinal": 50},
            negated=True,
        ),
        pred("visit", ["IND"], ["UKR"], "2012-07-01"),
    ]
    result = score(reference, extracted, published={"d": "2012-07-12"})
    f = result.figures
    assert (f["core"], f["core_found"], f["predicted"]) == (3, 2, 3)
    assert f["core_recall"] == 0.667 and f["precision"] == 0.667 and f["f1"] == 0.667
    assert f["direction_accuracy"] == 0.5
    assert f["anniversary_accuracy"] == 0.0
    assert f["negation_accuracy"] == 0.5
    assert f["published_accuracy"] == 1.0
    assert f["traps_hit"] == 1
    assert result.misses == ["m meeting ['PRK', 'RUS'] 2012-08: None"]
    assert result.false_alarms[0].startswith("TRAP d visit ['IND', 'UKR'] 2012-07-01")


def test_a_trap_is_hit_only_by_an_event_read_from_its_words():
    # the furniture line and the story both name an Indian visit to Ukraine: only the one read from the line
    # is the trap's; the other is a plain false alarm
    line = "MOST READ 1. Indian premier visits Kyiv"
    reference = gold(traps=[{"kind": "visit", "actors": ["IND"], "targets": ["UKR"], "evidence": line}])
    from_story = pred(
        "visit", ["IND"], ["UKR"], "2024-08-23", evidence="Modi went to Kyiv by train in August."
    )
    from_line = pred("visit", ["IND"], ["UKR"], "2024-08-23", evidence=line)
    assert score(reference, [from_story]).figures["traps_hit"] == 0
    assert score(reference, [from_line]).figures["traps_hit"] == 1
    assert score(reference, [from_story]).false_alarms[0].startswith("d visit")


def test_an_empty_reference_document_makes_every_event_there_a_false_alarm():
    result = score(gold(), [pred("visit", ["CHN"], ["PRK"], "2012-07-10")])
    assert result.figures["precision"] == 0.0 and result.figures["core_recall"] is None


@pytest.mark.parametrize(
    "predicted, reference, tolerance, ok",
    [
        ("2024-07-26", "2024-07-26", 0, True),
        ("2024-07-27", "2024-07-26", 0, False),
        ("2024-07-27", "2024-07-26", 1, True),
        ("2024-06-30", "2024-06", 0, True),
        ("2024-07-01", "2024-06", 0, False),
        ("2024-06", "2024-06-15", 0, False),
        ("2024", "2024", 0, True),
        (None, "2024-06", 0, False),
        ("2024-06-01", None, 0, True),
    ],
)
def test_date_ok_is_span_inclusion_with_tolerance(predicted, reference, tolerance, ok):
    assert date_ok(predicted, reference, tolerance) is ok


def test_date_span_of_month_and_year():
    assert [str(d) for d in date_span("2024-12")] == ["2024-12-01", "2024-12-31"]
    assert [str(d) for d in date_span("2024")] == ["2024-01-01", "2024-12-31"]
    assert date_span("July") is None


def test_a_reference_without_kinds_is_refused():
    with pytest.raises(ReferenceError, match="d: event e lacks kind"):
        score({"docs": [{"doc": "d", "events": [{"id": "e", "actors": [], "core": True}]}]}, [])
