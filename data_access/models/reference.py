"""Reference tables loaded from the bundled real data by ``init-db``."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import RAION_KINDS, SERVICE_CATEGORIES, Base, in_values


class Raion(Base):
    """A first-level administrative unit (32 raions, 3 municipalities, ATU Găgăuzia, left bank)."""

    __tablename__ = "raion"
    __table_args__ = (
        CheckConstraint(in_values("kind", RAION_KINDS), name="kind"),
        CheckConstraint("population IS NULL OR population > 0", name="population_positive"),
        CheckConstraint("code LIKE 'MD-%'", name="iso_code"),
    )

    code: Mapped[str] = mapped_column(String(5), primary_key=True)  # ISO 3166-2:MD
    name_ro: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    population: Mapped[int | None] = mapped_column(Integer)  # 2024 census; NULL = not enumerated
    population_year: Mapped[int | None] = mapped_column(Integer)
    name_ascii: Mapped[str] = mapped_column(String(80))
    cuatm_code: Mapped[str] = mapped_column(String(7))
    area_km2: Mapped[float | None] = mapped_column(Float)
    aliases: Mapped[str] = mapped_column(String(400), default="")  # pipe-separated spellings


class Locality(Base):
    """A city, town or village from the CUATM classifier, with coordinates."""

    __tablename__ = "locality"
    __table_args__ = (
        CheckConstraint(in_values("kind", ("city", "town", "village")), name="kind"),
        CheckConstraint("lat BETWEEN 45 AND 49 AND lon BETWEEN 26 AND 31", name="in_moldova"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cuatm_code: Mapped[str] = mapped_column(String(7), index=True)
    name_ro: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    raion_code: Mapped[str] = mapped_column(ForeignKey("raion.code"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    is_admin_seat: Mapped[bool] = mapped_column(Boolean)
    is_raion_center: Mapped[bool] = mapped_column(Boolean)
    coord_source: Mapped[str] = mapped_column(String(30))


class ServiceType(Base):
    """A public e-service a citizen can be helped with (names in the three UI languages)."""

    __tablename__ = "service_type"
    __table_args__ = (
        CheckConstraint(in_values("category", SERVICE_CATEGORIES), name="category"),
        CheckConstraint("mask_bit BETWEEN 0 AND 62", name="mask_bit_range"),
    )

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_ro: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(30))
    # Bit of this type in a session's service mask, so that "sessions covering any of these
    # services" is one bitwise test on a rollup row (no double counting across types).
    mask_bit: Mapped[int] = mapped_column(Integer, unique=True)
