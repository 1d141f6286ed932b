"""What a front end reads from a file's path, besides putting it in spans.

Two byte-identical files get the same facts (moved to each path) when their path classes are
equal too: ``.github/workflows/x.yml`` is CI configuration and ``config/x.yml`` is not, and a
Makefile is read as shell where another text file is prose. Every other front end reads the
path only to name it, so its class is "".

The text front end is imported only for a YAML or text file: importing it costs ~30 ms, which a
pre-commit run over Python files alone does not pay.
"""

from __future__ import annotations

from oinlint.testfiles import TEST_FILE, is_test_file

__all__ = ["TEST_FILE", "is_test_file", "path_class"]

def path_class(path: str, language: str) -> str:
    if language == "yaml":
        from oinlint.frontends.text.yamlfile import yaml_file_kind

        return yaml_file_kind(path, "")  # "ci", "compose", or "yaml" (decided by the text)
    if language == "text":
        from oinlint.frontends.text import text_flavour

        return text_flavour(path)
    return ""
