"""Deterministic demo data: the program's real 2016-2018 history, continued to the present.

``generate_demo_data(db)`` fills an empty database (``demo`` scale by default, ``national`` for a
country-sized benchmark); ``run_demo_data`` is the ``eambasadori demo-data`` command.
"""

from data_access.demo.cli import run_demo_data
from data_access.demo.generator import generate_demo_data
from data_access.demo.spec import DemoDataError, DemoSummary, NationalSize

__all__ = ["DemoDataError", "DemoSummary", "NationalSize", "generate_demo_data", "run_demo_data"]
