"""Front end for configuration files, scripts, prose and Kotlin; regex-level fallback for the
tree-sitter languages when a grammar cannot be loaded.

The work is done in :mod:`oinlint.frontends.config`, one module per family of file shapes;
this module keeps the entry point that :mod:`oinlint.frontends` (and the tree-sitter fallback)
call.
"""

from __future__ import annotations

from oinlint.frontends.config import parse

__all__ = ["parse"]
