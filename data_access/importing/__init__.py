"""Loading activity reports (CSV/XLSX) into the database: validated, atomic, idempotent.

Public API (the Data page and the ``eambasadori import``/``template`` commands use only these):
:func:`inspect_file` (dry run), :func:`import_file`, :func:`import_history`,
:func:`template_bytes`, :class:`ImportLimits`, :class:`ImportReport`, :class:`RowError`,
and the CLI functions :func:`run_import`, :func:`run_template` (in ``.cli``).
"""

from data_access.importing.api import import_file, import_history, inspect_file
from data_access.importing.formats import KINDS, ImportLimits
from data_access.importing.report import ImportReport, RowError
from data_access.importing.templates import template_bytes, template_file_name

__all__ = [
    "KINDS",
    "ImportLimits",
    "ImportReport",
    "RowError",
    "import_file",
    "import_history",
    "inspect_file",
    "template_bytes",
    "template_file_name",
]
