"""The 27 clause types (``conf/clause_types.tsv``; the ids are a public contract)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

MISSION_FAMILIES: dict[str, tuple[str, ...]] = {
    "ip": ("ip_ownership", "ip_license"),
    "revenue_sharing": ("revenue_sharing",),
    "disputes": ("arbitration", "dispute_resolution", "governing_law", "jurisdiction"),
    "antitrust": ("antitrust_compliance", "non_compete", "exclusivity", "non_solicit", "price_restriction"),
}

COMPETITION_RESTRAINTS = ("non_compete", "exclusivity", "price_restriction", "non_solicit")


@dataclass(frozen=True, slots=True)
class ClauseType:
    id: str
    group: str
    definition: str

    @property
    def label(self) -> str:
        """A human name for reports: ``ip_ownership`` → ``IP ownership``."""
        return _LABELS.get(self.id, self.id.replace("_", " ").capitalize())


_LABELS = {
    "ip_ownership": "IP ownership",
    "ip_license": "IP licence",
    "non_compete": "Non-compete",
    "non_solicit": "Non-solicitation",
    "antitrust_compliance": "Antitrust compliance",
    "reporting_audit": "Reporting and audit",
    "term_renewal": "Term and renewal",
    "liability_cap": "Limitation of liability",
}


def conf_text(name: str) -> str:
    """A file under ``coaltext/conf`` as text."""
    return resources.files("coaltext").joinpath("conf", name).read_text(encoding="utf-8")


def conf_yaml(name: str):
    return yaml.safe_load(conf_text(name))


@lru_cache(maxsize=1)
def clause_types() -> tuple[ClauseType, ...]:
    rows = csv.DictReader(conf_text("clause_types.tsv").splitlines(), delimiter="\t")
    return tuple(ClauseType(r["id"], r["group"], r["definition"]) for r in rows)


@lru_cache(maxsize=1)
def type_ids() -> tuple[str, ...]:
    return tuple(t.id for t in clause_types())


def clause_type(type_id: str) -> ClauseType:
    for t in clause_types():
        if t.id == type_id:
            return t
    raise KeyError(type_id)
