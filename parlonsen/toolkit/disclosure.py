"""Receiving a disclosure: the short guide a professional reads in five minutes before a conversation."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator

from parlonsen.catalog import CONTENT_DIR, NonEmpty, Source, Strict, _load_model
from parlonsen.toolkit.signals import InternalLink, Slug

DISCLOSURE_FILE = CONTENT_DIR / "outils" / "recueil_parole.yaml"
# The six steps: a guide without one of them is incomplete, whatever its wording.
REQUIRED_STEPS: tuple[str, ...] = ("ecouter", "croire", "ne_pas_enqueter", "pas_de_secret", "noter", "la_suite")


class DisclosureStep(Strict):
    id: Slug
    title: NonEmpty
    body: NonEmpty
    say: list[NonEmpty] = []
    avoid: list[NonEmpty] = []
    sources: list[Source] = Field(min_length=1)


class DisclosureGuide(Strict):
    title: NonEmpty
    intro: NonEmpty
    reading_time: NonEmpty
    steps: list[DisclosureStep] = Field(min_length=1)
    after: list[NonEmpty] = Field(min_length=1)
    links: list[InternalLink] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_step_present(self) -> DisclosureGuide:
        ids = [s.id for s in self.steps]
        missing = [s for s in REQUIRED_STEPS if s not in ids]
        if missing:
            raise ValueError(f"'steps' misses the required steps {missing}")
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate step ids {ids}")
        return self


def load_disclosure(path: Path = DISCLOSURE_FILE) -> DisclosureGuide:
    return _load_model(DisclosureGuide, path)


@cache
def disclosure_guide() -> DisclosureGuide:
    """The app's disclosure guide, loaded once per process."""
    return load_disclosure()


def load_disclosure_guide() -> None:
    """Load and validate this tool's content; raise ContentError naming file, field and value."""
    load_disclosure()
