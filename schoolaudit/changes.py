"""What changed between two versions of a checklist.

Guidance moves on every September, so a checklist gains items, retires
others, renames some (an item declares the ids it had before with
`replaces:`) and re-weighs a few. `compare_checklists` pairs the items of two
versions and says, item by item, what changed; `report`, `audit`, `migrate`
and `diff` all read it, so they agree on which item is which.
"""

from __future__ import annotations

from dataclasses import dataclass

from schoolaudit.model import Checklist, Item
from schoolaudit.problems import Location, Problem


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item present in both versions whose question or scoring changed."""

    old: Item
    new: Item
    what: tuple[str, ...]  # in words: "weight 1 → 3", "renamed from gov-03"


@dataclass(frozen=True, slots=True)
class ChecklistChanges:
    """Two versions of one checklist, item by item."""

    old: Checklist
    new: Checklist
    pairs: tuple[tuple[str, str], ...]  # (id in old, id in new) for every item in both
    added: tuple[Item, ...]  # in new only
    retired: tuple[Item, ...]  # in old only
    changed: tuple[ItemChange, ...]

    @property
    def new_id(self) -> dict[str, str]:
        """Each old id that survives, to its id in the new version."""
        return dict(self.pairs)

    @property
    def renamed(self) -> tuple[tuple[str, str], ...]:
        return tuple((old, new) for old, new in self.pairs if old != new)

    @property
    def any(self) -> bool:
        return bool(self.added or self.retired or self.changed)


def compare_checklists(old: Checklist, new: Checklist) -> ChecklistChanges:
    """Pair the items of `old` and `new` by id, following `replaces:` either way.

    Going forward, a new item names the old ids it replaces; going back (a
    migration onto an older version), an old item's `replaces:` names new ids.
    """
    pairs: list[tuple[str, str]] = []
    taken: set[str] = set()
    for item in new.items:
        match = _match(item, old)
        if match is not None and match not in taken:
            pairs.append((match, item.id))
            taken.add(match)
    paired_new = {new_id for _, new_id in pairs}
    for item in old.items:  # backwards: an old item that says it replaces a new one
        if item.id in taken:
            continue
        for new_id in item.replaces:
            if new_id in new.item_by_id and new_id not in paired_new:
                pairs.append((item.id, new_id))
                taken.add(item.id)
                paired_new.add(new_id)
                break
    pairs.sort(key=lambda pair: new.position[pair[1]])
    changed = []
    for old_id, new_id in pairs:
        what = item_differences(old.item_by_id[old_id], new.item_by_id[new_id])
        if what:
            changed.append(ItemChange(old.item_by_id[old_id], new.item_by_id[new_id], what))
    return ChecklistChanges(
        old=old,
        new=new,
        pairs=tuple(pairs),
        added=tuple(item for item in new.items if item.id not in paired_new),
        retired=tuple(item for item in old.items if item.id not in taken),
        changed=tuple(changed),
    )


def _match(item: Item, old: Checklist) -> str | None:
    if item.id in old.item_by_id:
        return item.id
    return next((old_id for old_id in item.replaces if old_id in old.item_by_id), None)


def item_differences(old: Item, new: Item) -> tuple[str, ...]:
    """What changed about one item, in words; empty if nothing that matters did."""
    what = []
    if old.id != new.id:
        what.append(f"renamed from {old.id}")
    if old.section_id != new.section_id:
        what.append(f"moved from section {old.section_id} to {new.section_id}")
    if old.text != new.text:
        what.append("question reworded")
    if old.type != new.type:
        what.append(f"answer type {old.type} → {new.type}")
    if old.weight != new.weight:
        what.append(f"weight {old.weight:g} → {new.weight:g}")
    if old.severity != new.severity:
        what.append(f"{old.severity} → {new.severity}")
    if old.conditions != new.conditions:
        what.append("when it applies changed")
    if old.options != new.options or old.allow_na != new.allow_na:
        what.append("allowed answers changed")
    if (old.min, old.target, old.max_age_days) != (new.min, new.target, new.max_age_days):
        what.append("what earns full credit changed")
    return tuple(what)


def changes_summary(changes: ChecklistChanges, *, limit: int = 6) -> str:
    """One short paragraph: `2 new (gov-04, flt-03); 2 changed (…); 1 retired (gov-02)`."""
    parts = []
    for label, ids in (
        ("new", [item.id for item in changes.added]),
        ("changed", [f"{c.new.id}: {', '.join(c.what)}" for c in changes.changed]),
        ("retired", [item.id for item in changes.retired]),
    ):
        if ids:
            shown = "; ".join(ids[:limit]) if label == "changed" else ", ".join(ids[:limit])
            more = f", … {len(ids) - limit} more" if len(ids) > limit else ""
            parts.append(f"{len(ids)} {label} ({shown}{more})")
    return "; ".join(parts) or "no item changed"


def onto_view(path: str, view: Checklist) -> Problem:
    """A view is scored from answers to its base checklist; nobody answers it itself."""
    return Problem(
        "migrate/onto-view",
        f"version {view.version} of {view.id} is a view of {view.view_of}: it is scored from "
        f"answers to {view.view_of}, not answered itself",
        Location(path),
        f"this file still reports as it did on its own version; to follow {view.version}, "
        f"answer {view.view_of} (`schoolaudit audit`) and report it with --checklist {view.id}",
    )
