"""Line-shaped configuration: .env, shell scripts, Dockerfiles, properties/INI, TOML.

Each scanner runs regexes over the comment-free text (``Lexed.code``), so commented-out lines
never count, and takes values from the lexer's string literals, so a ``#`` or ``=`` inside a
quoted value is just text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from oinlint.frontends.text.common import (
    Collector,
    classify_path,
    scan_header_args,
    scan_urlencoded_secrets,
)

__all__ = ["parse_dockerfile", "parse_dotenv", "parse_properties", "parse_shell", "parse_toml"]


def _value_span(collector: Collector, start: int, stop_chars: str | None) -> tuple[int, int, bool]:
    """The value starting at ``start``: a string literal's body, or an unquoted run.

    ``stop_chars`` None takes the rest of the line (dotenv, properties); otherwise the run ends
    at whitespace or one of the characters (shell words). Returns (start, end, quoted).
    """
    lexed = collector.lexed
    token = lexed.string_at(start)
    if token is None and start < len(lexed.text) and lexed.text[start] == "$":
        token = lexed.string_at(start + 1)
    if token is not None:
        return token.body_start, token.body_end, True
    code = lexed.code
    end = lexed.lines.line_end(start)
    if stop_chars is not None:
        index = start
        while index < end and not code[index].isspace() and code[index] not in stop_chars:
            index += 1
        end = index
    while end > start and code[end - 1] in " \t":
        end -= 1
    return start, end, False


def _inside_string(collector: Collector, offset: int) -> bool:
    return collector.lexed.string_containing(offset) is not None


# -- .env ------------------------------------------------------------------------------------
_DOTENV = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*", re.MULTILINE
)


def parse_dotenv(collector: Collector) -> None:
    for match in _DOTENV.finditer(collector.lexed.code):
        if _inside_string(collector, match.start("key")):
            continue
        key = match.group("key")
        start, end, _ = _value_span(collector, match.end(), None)
        has_value = end > start
        collector.setting(match.start("key"), match.end("key"), key, "dotenv", has_value)
        if has_value:
            collector.secret(key, start, end)


# -- shell -----------------------------------------------------------------------------------
_ASSIGN = re.compile(
    r"(?:(?<=[\s;&|(){}`\"'=])|^)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\+?=(?!=)", re.MULTILINE
)
_EXPORT = re.compile(
    r"(?<![\w-])(?:export|readonly|declare[ \t]+-\w+|typeset[ \t]+-\w+)"
    r"(?P<names>(?:[ \t]+[A-Za-z_]\w*(?:=\S*)?)+)"
)
_BARE_NAME = re.compile(r"(?<=[ \t])([A-Za-z_]\w*)(?=[ \t]|$)")
_ENV_FLAG = re.compile(r"(?<![\w-])(?:-e|--env)[ \t]+[\"']?(?P<key>[A-Za-z_]\w*)(?=[\"']?(?:\s|$))")
_HELM_SET = re.compile(r"--set(?:-string|-file)?(?:[ \t]+|=)[\"']?(?P<key>[A-Za-z_][\w.\-]*)=")
_STRING_OPENERS = re.compile(r"(?:-e|--env|--build-arg|--from-literal|--set-env-vars?)[ \t=]*$")
_SHELL_STOP = ";&|)`\"'"


def scan_shell(collector: Collector, file_kind: str, start: int = 0,
               end: int | None = None) -> None:
    """Variables a shell script provisions, credentials it hard-codes, headers it sends."""
    code = collector.lexed.code
    stop = len(code) if end is None else end
    for match in _ASSIGN.finditer(code, start, stop):
        key_start = match.start("key")
        token = collector.lexed.string_containing(key_start)
        if token is not None:
            # "KEY=value" inside quotes counts only as an argument of -e/--env/--build-arg.
            before = code[max(collector.lexed.lines.line_start(token.start), token.start - 40) :
                          token.start]
            if token.body_start != key_start or not _STRING_OPENERS.search(before):
                continue
        key = match.group("key")
        value_start, value_end, _ = _value_span(collector, match.end(), _SHELL_STOP)
        has_value = value_end > value_start
        collector.setting(key_start, match.end("key"), key, file_kind, has_value)
        if has_value:
            collector.secret(key, value_start, value_end)
    for match in _EXPORT.finditer(code, start, stop):
        names = match.group("names")
        base = match.start("names")
        for name in _BARE_NAME.finditer(names):
            if _inside_string(collector, base + name.start(1)):
                continue
            collector.setting(base + name.start(1), base + name.end(1), name.group(1),
                              file_kind, False)
    for match in _ENV_FLAG.finditer(code, start, stop):
        collector.setting(match.start("key"), match.end("key"), match.group("key"), file_kind,
                          False)
    for match in _HELM_SET.finditer(code, start, stop):
        parts = tuple(match.group("key").split("."))
        kind, reported = classify_path(parts[:-1], parts[-1])
        if kind == "api-token":
            collector.setting(match.start("key"), match.end("key"), reported, file_kind, True,
                              kind=kind)
    scan_header_args(collector, start, stop, bare_strings=True)
    scan_urlencoded_secrets(collector, start, stop)


def parse_shell(collector: Collector) -> None:
    scan_shell(collector, "shell")


# -- Dockerfile ------------------------------------------------------------------------------
_DOCKER_ENV_LEGACY = re.compile(
    r"^[ \t]*ENV[ \t]+(?P<key>[A-Za-z_]\w*)[ \t]+(?P<value>[^\s=][^\r\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)
_DOCKER_ARG = re.compile(r"^[ \t]*ARG[ \t]+(?P<key>[A-Za-z_]\w*)[ \t]*$",
                         re.MULTILINE | re.IGNORECASE)


def parse_dockerfile(collector: Collector, skip: Sequence[tuple[int, int]] = ()) -> None:
    """ENV/ARG instructions, then every line as shell, except the ``skip`` ranges (the shell
    scripts of ``RUN`` instructions, when the tree-sitter front end reads those)."""
    code = collector.lexed.code
    for match in _DOCKER_ENV_LEGACY.finditer(code):
        key = match.group("key")
        collector.setting(match.start("key"), match.end("key"), key, "dockerfile", True)
        value_start, value_end, _ = _value_span(collector, match.start("value"), None)
        collector.secret(key, value_start, value_end)
    for match in _DOCKER_ARG.finditer(code):
        collector.setting(match.start("key"), match.end("key"), match.group("key"),
                          "dockerfile", False)
    position = 0
    for start, end in sorted(skip):
        if start > position:
            scan_shell(collector, "dockerfile", position, start)
        position = max(position, end)
    if position < len(code):
        scan_shell(collector, "dockerfile", position)


# -- properties / INI ------------------------------------------------------------------------
_SECTION = re.compile(r"^[ \t]*\[(?P<name>[^\]\r\n]+)\][ \t]*$", re.MULTILINE)
_PROPERTY = re.compile(
    r"^[ \t]*(?P<key>(?:[^\s=:\\\[]|\\.)(?:[^\s=:\\]|\\.)*)"
    r"(?:[ \t]*[=:][ \t]*|[ \t]+(?=\S)|[ \t]*(?=$))(?P<value>[^\r\n]*)$",
    re.MULTILINE,
)
_PROPERTY_NAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_PROXY_HEADER = re.compile(
    r"(?:proxy_set_header|add_header|more_set_headers|RequestHeader[ \t]+set)[ \t]+"
    r"[\"']?(?P<h>Authorization[\"']?[ \t:]+[\"']?(?P<scheme>[A-Za-z][\w-]*)[^\"';\r\n]*)",
    re.IGNORECASE,
)


def _continued(code: str, line_end: int) -> bool:
    """The line ending at ``line_end`` ends with a backslash (properties continuation)."""
    index = line_end
    while index > 0 and code[index - 1] in " \t":
        index -= 1
    return index > 0 and code[index - 1] == "\\"


def parse_properties(collector: Collector) -> None:
    code = collector.lexed.code
    lines = collector.lexed.lines
    sections = [(m.start(), m.group("name").strip()) for m in _SECTION.finditer(code)]
    section_index = 0
    section: tuple[str, ...] = ()
    continued_until = -1
    for match in _PROPERTY.finditer(code):
        if match.start() <= continued_until:
            continue
        value = match.group("value").rstrip()
        end = match.end()
        while _continued(code, end):  # a value continued on the next line
            following = lines.next_line_start(end)
            if following is None:
                break
            end = lines.line_end(following)
        continued_until = end
        while section_index < len(sections) and sections[section_index][0] < match.start():
            section = tuple(sections[section_index][1].split("."))
            section_index += 1
        key = match.group("key")
        if not _PROPERTY_NAME.match(key):
            continue
        value_start = match.start("value")
        value_end = value_start + len(value)
        has_value = value_end > value_start
        kind, reported = classify_path(section, key)
        if kind == "api-token":
            collector.setting(match.start("key"), match.end("key"), reported, "properties",
                              has_value, ".".join(section), kind)
        elif kind is not None and has_value:
            collector.secret(key, value_start, value_end, ".".join(section))
    for match in _PROXY_HEADER.finditer(code):
        collector.header(match.start("h"), match.end("h"), match.group("scheme"), "literal")


# -- TOML ------------------------------------------------------------------------------------
_KEY_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"\r\n]*\"|'[^'\r\n]*')"
_TOML_TABLE = re.compile(
    rf"^[ \t]*\[\[?[ \t]*(?P<name>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\]\]?",
    re.MULTILINE,
)
_TOML_KEY = re.compile(
    rf"(?:^|(?<=[{{,]))[ \t]*(?P<key>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*=[ \t]*",
    re.MULTILINE,
)
_TOML_SPLIT = re.compile(_KEY_PART)


def _toml_parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _TOML_SPLIT.findall(dotted))


def parse_toml(collector: Collector) -> None:
    lexed = collector.lexed
    code = lexed.blank  # string bodies blanked: "=" or "[" inside values never match
    tables = [(m.start(), _toml_parts(lexed.text[m.start("name") : m.end("name")]))
              for m in _TOML_TABLE.finditer(code)]
    table_index = 0
    table: tuple[str, ...] = ()
    inline: list[tuple[int, int, tuple[str, ...]]] = []  # (start, end, path) of { … } tables
    for match in _TOML_KEY.finditer(code):
        at = match.start("key")
        while table_index < len(tables) and tables[table_index][0] < at:
            table = tables[table_index][1]
            table_index += 1
        inline = [entry for entry in inline if entry[1] > at]
        prefix = inline[-1][2] if inline and inline[-1][0] <= at else table
        raw_key = lexed.text[at : match.end("key")]
        parts = _toml_parts(raw_key)
        if not parts:
            continue
        path = (*prefix, *parts[:-1])
        key_start, key_end = at, match.end("key")
        if raw_key[:1] in "\"'" and len(parts) == 1:
            key_start, key_end = key_start + 1, key_end - 1
        value_at = match.end()
        token = lexed.string_at(value_at)
        if token is not None:
            value_start, value_end = token.body_start, token.body_end
        elif code.startswith("{", value_at):
            close = code.find("}", value_at)
            close = lexed.lines.line_end(value_at) if close < 0 else close
            inline.append((value_at, close, (*path, parts[-1])))
            value_start = value_end = value_at
        else:
            value_start = value_at
            value_end = value_at
            limit = lexed.lines.line_end(value_at)
            while value_end < limit and code[value_end] not in ",}":
                value_end += 1
            while value_end > value_start and code[value_end - 1] in " \t":
                value_end -= 1
        has_value = value_end > value_start or code.startswith("{", value_at)
        kind, reported = classify_path(path, parts[-1])
        context = ".".join(prefix)
        if kind == "api-token":
            collector.setting(key_start, key_end, reported, "toml", has_value, context, kind)
        elif kind is not None and token is not None:
            collector.secret(parts[-1], value_start, value_end, context)
