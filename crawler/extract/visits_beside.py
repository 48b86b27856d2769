"""The second event a trigger word reports, with the same sides: where another state honours the outlet's own
state where it is, it is on a visit there too."""

from __future__ import annotations

import dataclasses

from crawler.extract.event_types import Candidate
from crawler.extract.kinds import Trigger
from crawler.extract.reading import Reading


def visit_beside(r: Reading, found: Candidate, trigger: Trigger) -> Candidate | None:
    """The second event of a trigger with `also_kind`, with the same sides, where other states honour the
    outlet's state where it is ("Russian business delegation visits Liberation Tower": they are on a visit
    there); not the outlet's state's own homage, which it pays at home. A visit that became a commemoration
    because it marked an anniversary ("Diplomatic envoys visited the exhibition house on the founding
    anniversary") is still their visit."""
    home = r.story.home
    second = trigger.also_kind
    if (
        second is None
        and found.kind != trigger.kind
        and r.res.kinds.kinds[trigger.kind].with_anniversary == found.kind
    ):
        second = trigger.kind
    if second is None or not home or found.targets != [home] or home in found.actors:
        return None
    return dataclasses.replace(found, kind=second, anniversary=None, extra_evidence=[])
