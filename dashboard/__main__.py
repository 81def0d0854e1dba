"""``python -m dashboard`` is the ``eambasadori`` command."""

from dashboard.cli import main

raise SystemExit(main())
