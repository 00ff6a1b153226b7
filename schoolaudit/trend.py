"""Progress over the years: several audits of the same schools, as series.

A trust re-audits every school every year. `trend` groups scored audits by
school (its URN; the name where no URN is given), orders each school's audits
by date, and for each trust gives one point per academic year (September to
August, as schools count years): how many schools were audited, their mean
and median score and how many were green, amber and red, counting each school's latest
audit in that year once. Pure: the trust workbook's Trend sheet renders it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean, median
from typing import Literal

from schoolaudit.scoring import RatingWord, Result

NO_TRUST = "(no trust)"
Direction = Literal["up", "down", "same"]


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """The little of one scored audit a trend needs: plain data, cheap to send between processes.

    `batch` keeps compact per-school records rather than whole Results; it
    makes these from them. `record_of` makes one from a Result.
    """

    school_key: str  # the URN, or "name:<school name>" where no URN is given
    name: str
    trust: str | None
    date: dt.date
    score: float | None
    rating: RatingWord | None
    checklist: str  # "id version"
    path: str | None = None


def record_of(result: Result) -> AuditRecord:
    answers = result.answers
    return AuditRecord(
        school_key=answers.school.get("urn") or f"name:{answers.school_name}",
        name=answers.school_name,
        trust=answers.school.get("trust"),
        date=answers.date,
        score=result.score,
        rating=result.rating,
        checklist=f"{result.checklist.id} {result.checklist.version}",
        path=answers.path,
    )


@dataclass(frozen=True, slots=True)
class Point:
    """One audit of one school."""

    date: dt.date
    score: float | None
    rating: RatingWord | None
    checklist: str  # "id version"
    path: str | None

    @property
    def year(self) -> str:
        return academic_year(self.date)


@dataclass(frozen=True, slots=True)
class SchoolTrend:
    """One school's audits, oldest first."""

    key: str  # the URN, or the name where no URN is given
    name: str
    trust: str
    points: tuple[Point, ...]

    @property
    def change(self) -> float | None:
        """Latest score − first score (None with fewer than two scored audits)."""
        scored = [p.score for p in self.points if p.score is not None]
        return scored[-1] - scored[0] if len(scored) > 1 else None

    @property
    def direction(self) -> Direction | None:
        """Since the previous audit: up, down or the same (to one decimal)."""
        scored = [p.score for p in self.points if p.score is not None]
        if len(scored) < 2:
            return None
        step = round(scored[-1], 1) - round(scored[-2], 1)
        return "up" if step > 0 else "down" if step < 0 else "same"


@dataclass(frozen=True, slots=True)
class TrustYear:
    """A trust in one academic year: each school's latest audit that year, counted once."""

    trust: str
    year: str  # "2025/26"
    schools: int
    mean_score: float | None
    median_score: float | None
    ratings: tuple[tuple[RatingWord, int], ...]  # (green, n), (amber, n), (red, n)


@dataclass(frozen=True, slots=True)
class Trend:
    schools: tuple[SchoolTrend, ...]  # by trust, then name
    trusts: tuple[TrustYear, ...]  # by trust, then year

    def trust_series(self, trust: str) -> tuple[TrustYear, ...]:
        return tuple(year for year in self.trusts if year.trust == trust)


def academic_year(date: dt.date) -> str:
    """`2025/26` for any date from 1 September 2025 to 31 August 2026."""
    start = date.year if date.month >= 9 else date.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def trend(audits: Iterable[Result | AuditRecord]) -> Trend:
    """Per-school and per-trust series from scored audits (or their records), in any order."""
    by_school: dict[str, list[AuditRecord]] = defaultdict(list)
    for audit in audits:
        record = audit if isinstance(audit, AuditRecord) else record_of(audit)
        by_school[record.school_key].append(record)
    schools = [_school(key, records) for key, records in by_school.items()]
    schools.sort(key=lambda s: (s.trust, s.name.casefold(), s.key))
    return Trend(schools=tuple(schools), trusts=_trust_years(schools))


def _school(key: str, records: list[AuditRecord]) -> SchoolTrend:
    records = sorted(records, key=lambda r: (r.date, r.path or ""))
    latest = records[-1]
    return SchoolTrend(
        key=key.removeprefix("name:"),
        name=latest.name,
        trust=latest.trust or NO_TRUST,
        points=tuple(Point(r.date, r.score, r.rating, r.checklist, r.path) for r in records),
    )


def _trust_years(schools: list[SchoolTrend]) -> tuple[TrustYear, ...]:
    latest: dict[tuple[str, str], dict[str, Point]] = defaultdict(dict)
    for school in schools:
        for point in school.points:  # oldest first: a later audit that year replaces it
            latest[(school.trust, point.year)][school.key] = point
    years = []
    for (trust, year), points in sorted(latest.items()):
        scores = [p.score for p in points.values() if p.score is not None]
        ratings = [p.rating for p in points.values()]
        years.append(
            TrustYear(
                trust=trust,
                year=year,
                schools=len(points),
                mean_score=fmean(scores) if scores else None,
                median_score=median(scores) if scores else None,
                ratings=tuple((word, ratings.count(word)) for word in ("green", "amber", "red")),
            )
        )
    return tuple(years)
