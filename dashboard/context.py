"""What every callback needs, owned by one app: settings, database, cache, vocabulary."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from dashboard.cache import ResultCache
from dashboard.filter_options import FilterOptions, RaionOption, ServiceOption
from dashboard.filters import Filters, Notice, Vocabulary
from dashboard.i18n import normalize_language
from dashboard.settings import Settings
from dashboard.status import DataStatus, current_status
from dashboard.url_state import parse_filters as parse_params
from dashboard.url_state import query_params
from data_access.database import Database
from data_access.models import ServiceType
from data_access.queries.warm import StoreWarmer
from data_access.reference import raion_codes, raion_infos, service_types_frame

log = logging.getLogger(__name__)
T = TypeVar("T")


class AppContext:
    """Created by the factory; passed to every ``register(app, ctx)``."""

    def __init__(self, settings: Settings, db: Database, cache: ResultCache) -> None:
        self.settings = settings
        self.db = db
        self.cache = cache
        self.warmer = StoreWarmer(db)

    def today(self) -> dt.date:
        return self.settings.today or dt.date.today()

    @cached_property
    def _service_rows(self) -> list[tuple[str, str, str, str, str]]:
        """Service types from the database (falls back to the bundled catalog if unreachable)."""
        try:
            with self.db.session() as s:
                rows = s.execute(
                    select(ServiceType.code, ServiceType.name_ro, ServiceType.name_en,
                           ServiceType.name_ru, ServiceType.category)
                ).all()  # fmt: skip
            return [tuple(r) for r in rows]  # type: ignore[misc]
        except SQLAlchemyError:
            log.warning("service types read from the bundled catalog (database unreachable)")
            frame = service_types_frame()
            return list(
                frame[["code", "name_ro", "name_en", "name_ru", "category"]].itertuples(
                    index=False, name=None
                )
            )

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(
            raions=raion_codes(), services=frozenset(r[0] for r in self._service_rows)
        )

    @cached_property
    def filter_options(self) -> FilterOptions:
        return FilterOptions(
            raions=tuple(RaionOption(r.code, r.name_ro, r.kind) for r in raion_infos()),
            services=tuple(
                ServiceOption(code, {"ro": ro, "en": en, "ru": ru}, category)
                for code, ro, en, ru, category in self._service_rows
            ),
        )

    def scope(self) -> frozenset[str] | None:
        """Raions the current viewer may see (every viewer sees all until sign-in exists)."""
        return None

    def parse(self, search: str | None) -> tuple[Filters, list[Notice], str]:
        """URL query string -> (validated filters, notices, language). Never raises."""
        params = query_params(search if isinstance(search, str) else None)
        lang = normalize_language(params.get("limba"))
        filters, notices = parse_params(params, self.vocabulary, self.today(), self.scope())
        if search is not None and not isinstance(search, str):
            notices.append(Notice("bad_request"))
        return filters, notices, lang

    def status(self) -> DataStatus:
        """The data version (the live-refresh check): a new one warms the in-memory store."""
        status = current_status(self.db)
        self.warmer.ensure(status.version)
        return status

    def memo(
        self,
        name: str,
        parts: tuple[object, ...],
        compute: Callable[[], T],
        *,
        on_reuse: bool = False,
    ) -> T:
        return self.cache.get_or_compute(name, parts, compute, on_reuse=on_reuse)
