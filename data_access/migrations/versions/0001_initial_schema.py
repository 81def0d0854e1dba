"""Initial schema: reference, program, fact and operational tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def month_key_sql(column: str) -> str:
    """``yyyymm`` of a date column, as a generated-column expression of the current dialect."""
    if op.get_bind().dialect.name == "sqlite":
        return f"CAST(strftime('%Y%m', {column}) AS INTEGER)"
    return (
        f"(CAST(EXTRACT(YEAR FROM {column}) AS INTEGER) * 100"
        f" + CAST(EXTRACT(MONTH FROM {column}) AS INTEGER))"
    )


def upgrade() -> None:
    op.create_table(
        "data_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_state")),
    )
    op.create_table(
        "dataset_info",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_dataset_info")),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sessions', 'requests', 'demo')", name=op.f("ck_import_batch_kind")
        ),
        sa.CheckConstraint(
            "status IN ('imported', 'rejected', 'duplicate', 'failed')",
            name=op.f("ck_import_batch_status"),
        ),
        sa.CheckConstraint("rows >= 0", name=op.f("ck_import_batch_rows_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_sha256"), ["sha256"], unique=False)

    op.create_table(
        "raion",
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("name_ro", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("population_year", sa.Integer(), nullable=True),
        sa.Column("name_ascii", sa.String(length=80), nullable=False),
        sa.Column("cuatm_code", sa.String(length=7), nullable=False),
        sa.Column("area_km2", sa.Float(), nullable=True),
        sa.Column("aliases", sa.String(length=400), nullable=False),
        sa.CheckConstraint("code LIKE 'MD-%'", name=op.f("ck_raion_iso_code")),
        sa.CheckConstraint(
            "kind IN ('raion', 'municipality', 'atu', 'territorial_unit')",
            name=op.f("ck_raion_kind"),
        ),
        sa.CheckConstraint(
            "population IS NULL OR population > 0", name=op.f("ck_raion_population_positive")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_raion")),
    )
    op.create_table(
        "rollup_dirty",
        sa.Column("fact", sa.String(length=10), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.CheckConstraint("fact IN ('sessions', 'requests')", name=op.f("ck_rollup_dirty_fact")),
        sa.PrimaryKeyConstraint("fact", "month_key", name=op.f("pk_rollup_dirty")),
    )
    op.create_table(
        "service_type",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_ro", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_ru", sa.String(length=120), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("mask_bit", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('civil_status', 'justice', 'payments', 'social_insurance', 'tax', 'identity_signature', 'business')",
            name=op.f("ck_service_type_category"),
        ),
        sa.CheckConstraint(
            "mask_bit BETWEEN 0 AND 62", name=op.f("ck_service_type_mask_bit_range")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_type")),
        sa.UniqueConstraint("mask_bit", name=op.f("uq_service_type_mask_bit")),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("scope_kind", sa.String(length=12), nullable=False),
        sa.Column("scope_value", sa.String(length=20), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "(scope_kind = 'national' AND scope_value IS NULL) OR (scope_kind <> 'national' AND scope_value IS NOT NULL)",
            name=op.f("ck_target_scope_value"),
        ),
        sa.CheckConstraint(
            "metric IN ('sessions', 'participants', 'requests', 'citizens_served', 'active_ambassadors', 'access_points')",
            name=op.f("ck_target_metric"),
        ),
        sa.CheckConstraint(
            "scope_kind IN ('national', 'raion', 'ambassador')", name=op.f("ck_target_scope_kind")
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_target_period_order")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_target_value_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint(
            "metric",
            "scope_kind",
            "scope_value",
            "period_start",
            "period_end",
            name="uq_target_scope_period",
        ),
    )
    op.create_table(
        "library",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("accredited_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('municipal', 'raion', 'town', 'village')", name=op.f("ck_library_kind")
        ),
        sa.CheckConstraint(
            "lat BETWEEN 45 AND 49 AND lon BETWEEN 26 AND 31", name=op.f("ck_library_in_moldova")
        ),
        sa.ForeignKeyConstraint(
            ["raion_code"], ["raion.code"], name=op.f("fk_library_raion_code_raion")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library")),
        sa.UniqueConstraint("code", name=op.f("uq_library_code")),
        sa.UniqueConstraint("id", "raion_code", name="uq_library_id_raion"),
    )
    with op.batch_alter_table("library", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_library_raion_code"), ["raion_code"], unique=False)

    op.create_table(
        "locality",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cuatm_code", sa.String(length=7), nullable=False),
        sa.Column("name_ro", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("is_admin_seat", sa.Boolean(), nullable=False),
        sa.Column("is_raion_center", sa.Boolean(), nullable=False),
        sa.Column("coord_source", sa.String(length=30), nullable=False),
        sa.CheckConstraint("kind IN ('city', 'town', 'village')", name=op.f("ck_locality_kind")),
        sa.CheckConstraint(
            "lat BETWEEN 45 AND 49 AND lon BETWEEN 26 AND 31", name=op.f("ck_locality_in_moldova")
        ),
        sa.ForeignKeyConstraint(
            ["raion_code"], ["raion.code"], name=op.f("fk_locality_raion_code_raion")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locality")),
    )
    with op.batch_alter_table("locality", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_locality_cuatm_code"), ["cuatm_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_locality_raion_code"), ["raion_code"], unique=False)

    op.create_table(
        "ambassador",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=10), nullable=False),
        sa.Column("trained_by_id", sa.Integer(), nullable=True),
        sa.Column("certified_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.CheckConstraint("tier IN ('national', 'local')", name=op.f("ck_ambassador_tier")),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= certified_on",
            name=op.f("ck_ambassador_left_after_certified"),
        ),
        sa.CheckConstraint(
            "trained_by_id IS NULL OR trained_by_id <> id",
            name=op.f("ck_ambassador_not_self_trained"),
        ),
        sa.ForeignKeyConstraint(
            ["library_id"], ["library.id"], name=op.f("fk_ambassador_library_id_library")
        ),
        sa.ForeignKeyConstraint(
            ["trained_by_id"],
            ["ambassador.id"],
            name=op.f("fk_ambassador_trained_by_id_ambassador"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador")),
        sa.UniqueConstraint("code", name=op.f("uq_ambassador_code")),
    )
    with op.batch_alter_table("ambassador", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambassador_library_id"), ["library_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ambassador_trained_by_id"), ["trained_by_id"], unique=False
        )

    op.create_table(
        "info_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "month_key",
            sa.Integer(),
            sa.Computed(sa.text(month_key_sql("held_on")), persisted=True),
            nullable=False,
        ),
        sa.Column("ambassador_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("source_ref", sa.String(length=120), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "audience IN ('citizens', 'librarians', 'local_administration', 'business', 'youth', 'elderly', 'emigrant_families')",
            name=op.f("ck_info_session_audience"),
        ),
        sa.CheckConstraint(
            "format IN ('in_person', 'online')", name=op.f("ck_info_session_format")
        ),
        sa.CheckConstraint(
            "participants >= 0", name=op.f("ck_info_session_participants_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["ambassador_id"],
            ["ambassador.id"],
            name=op.f("fk_info_session_ambassador_id_ambassador"),
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_info_session_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["library_id", "raion_code"],
            ["library.id", "library.raion_code"],
            name="fk_info_session_library_raion",
        ),
        sa.ForeignKeyConstraint(
            ["raion_code"], ["raion.code"], name=op.f("fk_info_session_raion_code_raion")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_info_session")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_info_session_source_ref")),
    )
    with op.batch_alter_table("info_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_info_session_ambassador_id"), ["ambassador_id"], unique=False
        )
        batch_op.create_index(
            "ix_info_session_day_cover",
            [
                "held_on",
                "raion_code",
                "library_id",
                "ambassador_id",
                "format",
                "audience",
                "participants",
            ],
            unique=False,
        )
        batch_op.create_index("ix_info_session_month_key", ["month_key"], unique=False)
        batch_op.create_index(
            "ix_info_session_raion_day_cover",
            [
                "raion_code",
                "held_on",
                "library_id",
                "ambassador_id",
                "format",
                "audience",
                "participants",
            ],
            unique=False,
        )

    op.create_table(
        "service_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column(
            "month_key",
            sa.Integer(),
            sa.Computed(sa.text(month_key_sql("requested_on")), persisted=True),
            nullable=False,
        ),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("ambassador_id", sa.Integer(), nullable=True),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("on_behalf_of", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("source_ref", sa.String(length=120), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "on_behalf_of IN ('self', 'relative_abroad', 'other')",
            name=op.f("ck_service_request_on_behalf_of"),
        ),
        sa.CheckConstraint(
            "outcome IN ('submitted', 'completed', 'failed')",
            name=op.f("ck_service_request_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["ambassador_id"],
            ["ambassador.id"],
            name=op.f("fk_service_request_ambassador_id_ambassador"),
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_service_request_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["library_id", "raion_code"],
            ["library.id", "library.raion_code"],
            name="fk_service_request_library_raion",
        ),
        sa.ForeignKeyConstraint(
            ["raion_code"], ["raion.code"], name=op.f("fk_service_request_raion_code_raion")
        ),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_service_request_service_type_code_service_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_service_request_source_ref")),
    )
    with op.batch_alter_table("service_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_request_ambassador_id"), ["ambassador_id"], unique=False
        )
        batch_op.create_index(
            "ix_service_request_day_cover",
            [
                "requested_on",
                "raion_code",
                "service_type_code",
                "library_id",
                "ambassador_id",
                "on_behalf_of",
                "outcome",
            ],
            unique=False,
        )
        batch_op.create_index("ix_service_request_month_key", ["month_key"], unique=False)
        batch_op.create_index(
            "ix_service_request_raion_day_cover",
            [
                "raion_code",
                "requested_on",
                "service_type_code",
                "library_id",
                "ambassador_id",
                "on_behalf_of",
                "outcome",
            ],
            unique=False,
        )

    op.create_table(
        "info_session_service_type",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_type_code"],
            ["service_type.code"],
            name=op.f("fk_info_session_service_type_service_type_code_service_type"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["info_session.id"],
            name=op.f("fk_info_session_service_type_session_id_info_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "session_id", "service_type_code", name=op.f("pk_info_session_service_type")
        ),
    )
    with op.batch_alter_table("info_session_service_type", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_info_session_service_type_service_type_code"),
            ["service_type_code"],
            unique=False,
        )


def downgrade() -> None:
    op.drop_table("info_session_service_type")
    op.drop_table("service_request")
    op.drop_table("info_session")
    op.drop_table("ambassador")
    op.drop_table("locality")
    op.drop_table("library")
    op.drop_table("target")
    op.drop_table("service_type")
    op.drop_table("rollup_dirty")
    op.drop_table("raion")
    op.drop_table("import_batch")
    op.drop_table("dataset_info")
    op.drop_table("data_state")
