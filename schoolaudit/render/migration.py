"""What `migrate` (and `audit` on a file from an older version, and `template --prefill`
from one) did, in words."""

from __future__ import annotations

from typing import Literal

from schoolaudit.migrate import Migration, aside_line

LISTED = 12  # new item ids named; the rest are counted (the next audit asks them all)

Doing = Literal["migrate", "audit", "template"]
"""Which command moved the answers: `migrate`, `audit` on an older file, or `template --prefill`
(which moves them into the workbook only, never into the file)."""


def render_migration(migration: Migration, path: str, *, doing: Doing = "migrate") -> str:
    """The summary a DSL reads: what moved, what was set aside, what is left to answer."""
    old, new = migration.old, migration.new
    if old.version == new.version:
        return f"{path} is already on {new.id} version {new.version}: nothing to move."
    lines = [_headline(migration, path, doing)]
    lines.append(f"  kept: {len(migration.kept)} answers")
    if migration.renamed:
        pairs = ", ".join(f"{a} → {b}" for a, b in migration.renamed)
        lines.append(f"  renamed: {len(migration.renamed)} ({pairs})")
    if migration.set_aside:
        where = (
            "left out of the template"
            if doing == "template"
            else ("kept as comments above answers: in the file")
        )
        lines.append(f"  set aside: {len(migration.set_aside)}, {where}")
        if doing == "template":  # the answers stay in the file: say why each was left out
            lines += [f"    {aside.item_id}: {aside.why}" for aside in migration.set_aside]
        else:
            lines += [f"    {aside_line(aside)}" for aside in migration.set_aside]
    changed = migration.changes.changed
    if changed:
        lines.append("  changed since, worth re-checking:")
        lines += [f"    {c.new.id}: {', '.join(c.what)}" for c in changed]
    if migration.to_answer:
        then = {
            "migrate": f"run `schoolaudit audit {path}`",
            "audit": "asked now",
            "template": "left blank in the template",
        }[doing]
        shown = ", ".join(migration.to_answer[:LISTED])
        more = len(migration.to_answer) - LISTED
        lines.append(
            f"  new items to answer: {len(migration.to_answer)} "
            f"({shown}{f', … {more} more' if more > 0 else ''}): {then}"
        )
    return "\n".join(lines)


def _headline(migration: Migration, path: str, doing: Doing) -> str:
    old, new = migration.old, migration.new
    versions = f"from {old.id} {old.version} to {new.version}"
    if doing == "template":
        return (
            f"{path} answers {old.id} {old.version}; {new.version} is current, so the template "
            f"moved its answers onto {new.version} ({path} itself is unchanged)."
        )
    verb = "Moved" if migration.written else "Would move (dry run, nothing written)"
    if doing == "audit":
        verb = f"{new.id} {new.version} is current, so this audit moved"
    return f"{verb} {path} {versions}."
