"""Dockerfiles: ``RUN`` instructions through the Bash analyzer, the rest through the text front end.

Each shell-form ``RUN`` (its continuation lines and heredocs included) is a shell script. The
Bash grammar parses one copy of the file in which everything else is blanked out byte for byte
(line breaks kept), so every node's offsets, lines and columns are the Dockerfile's own; a
comment line inside a continued ``RUN`` (which Docker drops) becomes blanks ending in a
backslash, so the command still continues. ``ENV``/``ARG``/``LABEL``/``CMD``… keep the text
front end's handling (:func:`oinlint.frontends.text.keyvalue.parse_dockerfile`), and the two
sets of facts are merged.
"""

from __future__ import annotations

import re
from typing import Final

from oinlint.facts import Comment, Fact, FileFacts
from oinlint.frontends.budget import tree_over_budget
from oinlint.frontends.text.common import Collector
from oinlint.frontends.text.keyvalue import parse_dockerfile
from oinlint.frontends.text.lexer import lex
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage, fallback, text_instead
from oinlint.frontends.treesitter.grammars import Grammar
from oinlint.frontends.treesitter.languages.bash import BASH_GRAMMAR, SHELL, BashAnalyzer
from oinlint.frontends.treesitter.walk import Positions

__all__ = ["DOCKERFILE", "parse", "shell_ranges"]

_RUN: Final = re.compile(r"[ \t]*RUN(?=[ \t\\]|$)[ \t]*", re.IGNORECASE)
_FLAG: Final = re.compile(r"--[A-Za-z][\w-]*(?:=\S*)?[ \t]+")
_HEREDOC: Final = re.compile(r"<<(-?)[ \t]*([\"']?)([A-Za-z_][\w.-]*)\2")
_ESCAPE_DIRECTIVE: Final = re.compile(r"#[ \t]*escape[ \t]*=[ \t]*`", re.IGNORECASE)
_SHELLS: Final = frozenset({"", "sh", "bash", "/bin/sh", "/bin/bash", "ash", "dash", "zsh",
                            "set", "sh -e", "bash -e", "sh -ex", "bash -ex", "bash -eux"})


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end without the line break) of each line."""
    out: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\r?\n", text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return out


def shell_ranges(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(shell script ranges, comment lines inside them) as character offsets.

    A range runs from the first character of a ``RUN`` instruction's command to the end of its
    last line; the exec form (``RUN ["…"]``) is not a script. With a backtick escape directive
    (Windows images) there are no shell scripts.
    """
    head = text[:400]
    if any(_ESCAPE_DIRECTIVE.match(line.strip()) for line in head.splitlines()[:5]):
        return [], []
    lines = _lines(text)
    ranges: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        start, end = lines[index]
        run = _RUN.match(text, start, end)
        index += 1
        if run is None:
            continue
        body = run.end()
        while (flag := _FLAG.match(text, body, end)) is not None:
            body = flag.end()
        if text.startswith("[", body):
            continue
        last = end
        first_line = text[body:end]
        while text[start:last].rstrip().endswith("\\"):
            # the next line that is not a comment (Docker drops those) continues the command
            while index < len(lines) and text[lines[index][0] : lines[index][1]].lstrip(
            ).startswith("#"):
                comments.append(lines[index])
                index += 1
            if index >= len(lines):
                break
            start, last = lines[index]
            index += 1
            first_line += text[start:last]
        heredocs = [(m.group(1) == "-", m.group(3)) for m in _HEREDOC.finditer(first_line)]
        script_start = body
        if heredocs and first_line.lstrip().startswith("<<"):
            # RUN <<EOF … EOF: the heredoc's body is the script (when it is for a shell).
            marker = _HEREDOC.match(first_line.lstrip())
            after = first_line.lstrip()[marker.end() :].strip() if marker else ""
            if after not in _SHELLS:
                heredocs_only = True
            else:
                heredocs_only = False
                script_start = lines[index][0] if index < len(lines) else len(text)
        else:
            heredocs_only = False
        for _, delimiter in heredocs:
            while index < len(lines):
                start, last = lines[index]
                index += 1
                if text[start:last].strip() == delimiter:
                    break
        if heredocs_only:
            continue
        if script_start != body:
            # the script is the heredoc body: stop before the delimiter line
            end_at = lines[index - 1][0] if index - 1 < len(lines) else len(text)
            if end_at > script_start:
                ranges.append((script_start, end_at))
            continue
        ranges.append((body, last))
    return ranges, comments


def _byte_offsets(text: str) -> list[int] | None:
    """Character offset -> byte offset table (None when the text is ASCII)."""
    if text.isascii():
        return None
    table = [0]
    total = 0
    for char in text:
        total += len(char.encode("utf-8", "surrogatepass"))
        table.append(total)
    return table


def _masked(text: str, data: bytes, ranges: list[tuple[int, int]],
            comments: list[tuple[int, int]]) -> bytes:
    table = _byte_offsets(text)

    def at(offset: int) -> int:
        return offset if table is None else table[offset]

    masked = bytearray(b" " * len(data))
    for start, end in ranges:
        masked[at(start) : at(end)] = data[at(start) : at(end)]
    for start, end in comments:
        first, last = at(start), at(end)
        masked[first:last] = b" " * (last - first)
        if last > first:
            masked[last - 1 : last] = b"\\"
    for index, byte in enumerate(data):
        if byte in (10, 13):
            masked[index] = byte
    return bytes(masked)


def parse(path: str, text: str, loaded: Grammar) -> FileFacts:
    """Facts for one Dockerfile."""
    ranges, comment_lines = shell_ranges(text)
    collector = Collector(path, lex(text, "dockerfile"), "dockerfile")
    parse_dockerfile(collector, skip=ranges)
    data = text.encode("utf-8", "surrogatepass")
    masked = _masked(text, data, ranges, comment_lines)
    analyzer = BashAnalyzer(path, text, "dockerfile", masked)
    analyzer.positions = Positions(data)
    root = loaded.parse(masked).root_node
    over = tree_over_budget(root, "Dockerfile")
    if over is not None:  # RUN scripts too large or too deep to walk
        return fallback(path, text, "dockerfile", over)
    try:
        SHELL.analyse(analyzer, root, loaded)
    except RecursionError:
        return fallback(path, text, "dockerfile", "file is nested too deeply to analyse")
    analyzer.token_facts()
    analyzer.syntax_problem(root)
    if analyzer.problems:
        return text_instead(path, text, "dockerfile", analyzer.problems[0])
    shell = analyzer.result()
    rest = collector.result()
    facts: list[Fact] = list(dict.fromkeys((*rest.facts, *shell.facts)))
    facts.sort(key=lambda f: (f.span, type(f).__name__))
    comments: dict[tuple[int, int], Comment] = {}
    for comment in (*rest.comments, *shell.comments):
        comments.setdefault((comment.line, comment.column), comment)
    ordered = tuple(sorted(comments.values(), key=lambda c: (c.line, c.column)))
    return FileFacts(path, "dockerfile", tuple(facts), ordered, rest.problems)


# Dockerfiles share the Bash grammar (one parser) and parse themselves: only RUN is a script.
DOCKERFILE: Final = TreeSitterLanguage(BASH_GRAMMAR, BashAnalyzer, parse_with=parse)
