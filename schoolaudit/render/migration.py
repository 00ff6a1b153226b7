"""What `migrate` (and `audit` on a file from an older version) did, in words."""

from __future__ import annotations

from schoolaudit.migrate import Migration, aside_line

LISTED = 12  # new item ids named; the rest are counted (the next audit asks them all)


def render_migration(migration: Migration, path: str, *, in_audit: bool = False) -> str:
    """The summary a DSL reads: what moved, what was set aside, what is left to answer."""
    old, new = migration.old, migration.new
    if old.version == new.version:
        return f"{path} is already on {new.id} version {new.version}: nothing to move."
    verb = "Moved" if migration.written else "Would move (dry run, nothing written)"
    if in_audit:
        verb = f"{new.id} {new.version} is current, so this audit moved"
    lines = [f"{verb} {path} from {old.id} {old.version} to {new.version}."]
    lines.append(f"  kept: {len(migration.kept)} answers")
    if migration.renamed:
        pairs = ", ".join(f"{a} → {b}" for a, b in migration.renamed)
        lines.append(f"  renamed: {len(migration.renamed)} ({pairs})")
    if migration.set_aside:
        lines.append(
            f"  set aside: {len(migration.set_aside)}, kept as comments above answers: in the file"
        )
        lines += [f"    {aside_line(aside)}" for aside in migration.set_aside]
    changed = migration.changes.changed
    if changed:
        lines.append("  changed since, worth re-checking:")
        lines += [f"    {c.new.id}: {', '.join(c.what)}" for c in changed]
    if migration.to_answer:
        then = "asked now" if in_audit else f"run `schoolaudit audit {path}`"
        shown = ", ".join(migration.to_answer[:LISTED])
        more = len(migration.to_answer) - LISTED
        lines.append(
            f"  new items to answer: {len(migration.to_answer)} "
            f"({shown}{f', … {more} more' if more > 0 else ''}): {then}"
        )
    return "\n".join(lines)
