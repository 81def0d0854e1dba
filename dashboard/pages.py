"""The pages of the app and their Romanian URL slugs (all URLs are built from here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str
    path: str
    title_key: str
    has_filters: bool = True
    in_nav: bool = True


PAGES: tuple[Page, ...] = (
    Page("overview", "/", "nav.overview"),
    Page("map", "/harta", "nav.map"),
    Page("targets", "/tinte", "nav.targets"),
    Page("coverage", "/acoperire", "nav.coverage"),
    Page("directory", "/director", "nav.directory"),
    Page("data", "/date", "nav.data", has_filters=False),
    Page("presentation", "/prezentare", "nav.presentation", has_filters=False),
)
PAGES_BY_PATH = {page.path: page for page in PAGES}
PAGES_BY_KEY = {page.key: page for page in PAGES}


def page_for_path(path: str | None) -> Page | None:
    """The page at ``path`` (trailing slashes ignored), or None for an unknown path."""
    clean = "/" + (path or "/").strip("/")
    return PAGES_BY_PATH.get(clean)
