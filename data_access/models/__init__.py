"""SQLAlchemy models of the central database. The table and column names are a contract
(documented in docs/schema.md): other tools read this database too."""

from data_access.models.base import Base
from data_access.models.facts import InfoSession, InfoSessionServiceType, ServiceRequest
from data_access.models.ops import DatasetInfo, DataState, ImportBatch, RollupDirty
from data_access.models.program import Ambassador, Library, Target
from data_access.models.reference import Locality, Raion, ServiceType
from data_access.models.rollup_activity import RollupAmbassadorServiceMonth, RollupRequestTierDay
from data_access.models.rollup_person_day import RollupRequestPersonDay
from data_access.models.rollup_twins import QUARTER_TWINS, TWINS, YEAR_TWINS
from data_access.models.rollups import (
    RollupAmbassadorMonth,
    RollupLibraryMonth,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupRequestRaionMonth,
    RollupRequestServiceDay,
    RollupRequestServiceMonth,
    RollupRequestTierMonth,
    RollupSessionLibraryMonth,
    RollupSessionMaskMonth,
    RollupSessionMonth,
    RollupSessionRaionMonth,
    RollupSessionServiceMonth,
    RollupSessionServiceTierMonth,
    RollupSessionTierMonth,
)

__all__ = [
    "QUARTER_TWINS",
    "TWINS",
    "YEAR_TWINS",
    "Ambassador",
    "Base",
    "DataState",
    "DatasetInfo",
    "ImportBatch",
    "InfoSession",
    "InfoSessionServiceType",
    "Library",
    "Locality",
    "Raion",
    "RollupAmbassadorMonth",
    "RollupAmbassadorServiceMonth",
    "RollupDirty",
    "RollupLibraryMonth",
    "RollupRequestLibraryMonth",
    "RollupRequestMonth",
    "RollupRequestPersonDay",
    "RollupRequestRaionMonth",
    "RollupRequestServiceDay",
    "RollupRequestServiceMonth",
    "RollupRequestTierDay",
    "RollupRequestTierMonth",
    "RollupSessionLibraryMonth",
    "RollupSessionMaskMonth",
    "RollupSessionMonth",
    "RollupSessionRaionMonth",
    "RollupSessionServiceMonth",
    "RollupSessionServiceTierMonth",
    "RollupSessionTierMonth",
    "ServiceRequest",
    "ServiceType",
    "Target",
]
