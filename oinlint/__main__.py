"""``python -m oinlint``: the same as the ``oinlint`` command."""

from __future__ import annotations

from oinlint.cli import main

raise SystemExit(main())
