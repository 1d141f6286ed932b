"""Front end for configuration and text files (placeholder: API-token shapes only)."""

from __future__ import annotations

from oinlint.facts import FileFacts, SecretLiteral, Span
from oinlint.secrets import api_token_spans, redact_value


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse(path: str, text: str, language: str) -> FileFacts:
    facts = []
    for start, end in api_token_spans(text):
        line, column = _position(text, start)
        end_line, end_column = _position(text, end)
        facts.append(SecretLiteral(Span(path, line, column, end_line, end_column), "",
                                   "api-token", redact_value(text[start:end])))
    return FileFacts(path, language, tuple(facts))
