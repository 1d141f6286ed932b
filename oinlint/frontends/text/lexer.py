"""Comments and string literals, per language, in one regex-driven pass.

Every other module of the text front end works on the result: ``code`` is the text with
comments blanked out (same length, same line breaks), so that a regex over it never matches a
commented-out line, and ``strings`` lists string literals so that a ``#`` inside a quoted value
or a URL is never taken for a comment.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from oinlint.facts import Comment, Span

__all__ = ["Lexed", "LineIndex", "StringToken", "lex"]

# The line breaks of str.splitlines(), which is how the engine numbers lines.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NOT_BREAK = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_BREAKS_TO_NEWLINE = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


class LineIndex:
    """Offsets ↔ 1-based (line, column), with the engine's idea of a line."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = [0]
        self.ends: list[int] = []
        for match in _LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def line_of(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        index = self.line_of(offset)
        return index + 1, offset - self.starts[index] + 1

    def line_start(self, offset: int) -> int:
        return self.starts[self.line_of(offset)]

    def line_end(self, offset: int) -> int:
        return self.ends[self.line_of(offset)]

    def next_line_start(self, offset: int) -> int | None:
        """Start of the line after the one holding ``offset`` (None on the last line)."""
        index = self.line_of(offset) + 1
        return self.starts[index] if index < len(self.starts) else None

    def span(self, path: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; one that ends with a line break stops before it."""
        end = max(start, end)
        index = self.line_of(end)
        if end > start and index > 0 and end == self.starts[index]:
            end = max(start, self.ends[index - 1])
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(path, line, column, end_line, end_column)


@dataclass(frozen=True, slots=True)
class StringToken:
    """A string literal: ``start``/``end`` include the delimiters, ``body_*`` do not."""

    start: int
    end: int
    body_start: int
    body_end: int
    quote: str
    prefix: str = ""


@dataclass(slots=True)
class Lexed:
    text: str
    lines: LineIndex
    comments: list[Comment]
    comment_ranges: list[tuple[int, int]]
    strings: list[StringToken]
    code: str  # comments blanked, line breaks normalised to "\n"; same offsets as text
    _blank: str | None = field(default=None, repr=False)
    _string_starts: list[int] | None = field(default=None, repr=False)
    _comment_starts: list[int] | None = field(default=None, repr=False)

    @property
    def blank(self) -> str:
        """``code`` with string bodies blanked too: for bracket matching and key scans."""
        if self._blank is None:
            parts: list[str] = []
            last = 0
            for token in self.strings:
                if token.body_start < last:
                    continue
                parts.append(self.code[last : token.body_start])
                parts.append(_NOT_BREAK.sub(" ", self.code[token.body_start : token.body_end]))
                last = token.body_end
            parts.append(self.code[last:])
            self._blank = "".join(parts)
        return self._blank

    def string_at(self, offset: int) -> StringToken | None:
        """The string literal whose opening delimiter (or prefix) starts at ``offset``."""
        if self._string_starts is None:
            self._string_starts = [t.start for t in self.strings]
        index = bisect_right(self._string_starts, offset) - 1
        if index >= 0:
            token = self.strings[index]
            if token.start == offset or token.start - len(token.prefix) == offset:
                return token
        return None

    def string_containing(self, offset: int) -> StringToken | None:
        """The string literal whose body contains ``offset``."""
        if self._string_starts is None:
            self._string_starts = [t.start for t in self.strings]
        index = bisect_right(self._string_starts, offset) - 1
        if index >= 0:
            token = self.strings[index]
            if token.body_start <= offset < token.body_end:
                return token
        return None

    def in_comment(self, offset: int) -> bool:
        if self._comment_starts is None:
            self._comment_starts = [r[0] for r in self.comment_ranges]
        index = bisect_right(self._comment_starts, offset) - 1
        if index < 0:
            return False
        start, end = self.comment_ranges[index]
        return start <= offset < end


@dataclass(frozen=True, slots=True)
class _Profile:
    """How one language writes comments and strings."""

    hash: str = "none"  # none | anywhere | word | line | line-or-word (Dockerfile)
    slashes: bool = False  # // and /* */
    line_slashes: bool = False  # // only at the start of a line (plain text)
    html: bool = False  # <!-- -->
    line_markers: str = ""  # extra markers valid at the start of a line (properties: ! ;)
    strings: str = "none"
    heredoc: str = ""  # shell | hcl | ruby | php


_PROFILES: dict[str, _Profile] = {
    "dotenv": _Profile(hash="word", strings="dotenv"),
    "yaml": _Profile(hash="word", strings="yaml"),
    "json": _Profile(slashes=True, strings="json"),
    "toml": _Profile(hash="anywhere", strings="toml"),
    "properties": _Profile(hash="line", line_markers="!;", strings="none"),
    "hcl": _Profile(hash="anywhere", slashes=True, strings="hcl", heredoc="hcl"),
    "shell": _Profile(hash="word", strings="shell", heredoc="shell"),
    "dockerfile": _Profile(hash="word", strings="shell", heredoc="shell"),
    "markdown": _Profile(html=True),
    "text": _Profile(hash="line", line_slashes=True),
    "javascript": _Profile(slashes=True, strings="js"),
    "typescript": _Profile(slashes=True, strings="js"),
    "tsx": _Profile(slashes=True, strings="js"),
    "go": _Profile(slashes=True, strings="go"),
    "java": _Profile(slashes=True, strings="java"),
    "kotlin": _Profile(slashes=True, strings="java"),
    "scala": _Profile(slashes=True, strings="java"),
    # Rust: '"' only, since 'a is a lifetime, not a string.
    "rust": _Profile(slashes=True, strings="rust"),
    "elixir": _Profile(hash="anywhere", strings="ruby"),
    # PowerShell: # and <# #> comments; the backtick escapes inside "…", '' and "" double a quote.
    "powershell": _Profile(hash="anywhere", strings="powershell"),
    "groovy": _Profile(slashes=True, strings="python"),
    "csharp": _Profile(slashes=True, strings="cs"),
    "php": _Profile(hash="anywhere", slashes=True, strings="php", heredoc="php"),
    "ruby": _Profile(hash="anywhere", strings="ruby", heredoc="ruby"),
    "python": _Profile(hash="anywhere", strings="python"),
}

# Which quote characters open a string, per string family.
_QUOTES = {
    "none": "",
    "dotenv": "\"'`",
    "yaml": "\"'",
    "json": '"',
    "toml": "\"'",
    "hcl": '"',
    "shell": "\"'",
    "js": "\"'`",
    "go": "\"'`",
    "java": "\"'",
    "cs": "\"'@",
    "php": "\"'",
    "ruby": "\"'",
    "python": "\"'",
    "rust": '"',
    "powershell": "\"'",
}

_DQ_LINE = re.compile(r'"(?:[^"\\\r\n]|\\[\s\S])*"')
_SQ_LINE = re.compile(r"'(?:[^'\\\r\n]|\\[\s\S])*'")
_SQ_RAW_LINE = re.compile(r"'[^'\r\n]*'")
_YAML_SQ = re.compile(r"'(?:[^'\r\n]|'')*'")
_DQ_MULTI = re.compile(r'"(?:[^"\\]|\\[\s\S])*"')
_SQ_MULTI = re.compile(r"'[^']*'")
_BACKTICK_RAW = re.compile(r"`[^`]*`")
_HCL_DQ = re.compile(r'"(?:[^"\\\r\n$%]|\\.|[$%](?!\{)|[$%]\{[^}\r\n]*\})*"')
_RUBY_DQ = re.compile(r'"(?:[^"\\\r\n#]|\\.|#(?!\{)|#\{[^}\r\n]*\})*"')
_CS_VERBATIM = re.compile(r'@"(?:[^"]|"")*"')
_PS_DQ = re.compile(r'"(?:[^"`]|`[\s\S]|"")*"')
_PS_SQ = re.compile(r"'(?:[^']|'')*'")
_RUBY_END = re.compile(r"^=end\b.*$", re.MULTILINE)
_TEMPLATE_STOP = re.compile(r"[\\`$]")
_EXPR_STOP = re.compile(r"[\"'`{}]")

_HEREDOC = {
    "shell": re.compile(r"<<(-?)[ \t]*([\"']?)([A-Za-z_][\w.-]*)\2"),
    "hcl": re.compile(r"<<(-?)()([A-Za-z_]\w*)"),
    "ruby": re.compile(r"<<([~-]?)([\"'`]?)([A-Za-z_]\w*)\2"),
    "php": re.compile(r"<<<(?=[ \t]*[\"']?[A-Za-z_])[ \t]*()([\"']?)([A-Za-z_]\w*)\2"),
}

_MASTER_CACHE: dict[_Profile, re.Pattern[str]] = {}


def _master(profile: _Profile) -> re.Pattern[str]:
    """One pattern that finds the next place where a comment or string might start."""
    cached = _MASTER_CACHE.get(profile)
    if cached is not None:
        return cached
    parts: list[str] = []
    if profile.heredoc == "php":
        parts.append(r"<<<")
    elif profile.heredoc:
        parts.append(r"<<")
    if profile.strings in ("toml", "python", "java", "cs"):
        parts.append(r'"""')
    if profile.strings in ("toml", "python"):
        parts.append(r"'''")
    if profile.hash != "none":
        parts.append(r"#")
    if profile.slashes or profile.line_slashes:
        parts.append(r"//")
    if profile.slashes:
        parts.append(r"/\*")
    if profile.html:
        parts.append(r"<!--")
    if profile.line_markers:
        parts.append("[" + re.escape(profile.line_markers) + "]")
    if profile.strings == "ruby":
        parts.append(r"^=begin\b")
    if profile.strings == "powershell":
        parts.append(r"<#")
    quotes = _QUOTES[profile.strings]
    if quotes:
        parts.append("[" + re.escape(quotes) + "]")
    pattern = re.compile("|".join(parts) if parts else r"(?!)", re.MULTILINE)
    _MASTER_CACHE[profile] = pattern
    return pattern


def _template_end(text: str, index: int, depth: int = 0) -> int | None:
    """End of a JS template literal starting at ``index`` (a backtick), nesting ``${…}``."""
    pos = index + 1
    while True:
        match = _TEMPLATE_STOP.search(text, pos)
        if match is None:
            return None
        char = match.group()
        pos = match.end()
        if char == "\\":
            pos += 1
        elif char == "`":
            return pos
        elif text.startswith("{", pos):
            end = _expression_end(text, pos + 1, depth + 1)
            if end is None:
                return None
            pos = end


def _expression_end(text: str, index: int, depth: int) -> int | None:
    """End (after the closing brace) of a ``${…}`` expression inside a template literal."""
    if depth > 50:
        return None
    braces = 1
    pos = index
    while True:
        match = _EXPR_STOP.search(text, pos)
        if match is None:
            return None
        char = match.group()
        start = match.start()
        if char in "\"'":
            string = (_DQ_LINE if char == '"' else _SQ_LINE).match(text, start)
            pos = string.end() if string else start + 1
        elif char == "`":
            end = _template_end(text, start, depth)
            if end is None:
                return None
            pos = end
        elif char == "{":
            braces += 1
            pos = start + 1
        else:
            braces -= 1
            pos = start + 1
            if braces == 0:
                return pos


class _Lexer:
    """The single pass: walks from one candidate position to the next."""

    def __init__(self, text: str, profile: _Profile) -> None:
        self.text = text
        self.profile = profile
        self.lines = LineIndex(text)
        self.comments: list[Comment] = []
        self.ranges: list[tuple[int, int]] = []
        self.strings: list[StringToken] = []
        self._ends_by_content: dict[bool, dict[str, list[int]]] = {}

    # -- helpers -------------------------------------------------------------------------
    def _prev_nonspace(self, index: int) -> str:
        """The last non-blank character before ``index`` on its line ("" if none).

        Walks back over blanks only, so minified one-line files stay linear.
        """
        start = self.lines.line_start(index)
        text = self.text
        while index > start and text[index - 1] in " \t":
            index -= 1
        return text[index - 1] if index > start else ""

    def _comment(self, start: int, marker: int, end: int, closer: int = 0) -> None:
        body = self.text[start + marker : end - closer]
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        text_start = start + marker + (lead if stripped else len(body))
        line, column = self.lines.position(text_start)
        standalone = self._prev_nonspace(start) == ""
        self.comments.append(Comment(line, column, stripped, standalone))
        self.ranges.append((start, end))

    def _string(self, start: int, end: int, open_len: int, close_len: int, quote: str,
                prefix: str = "") -> int:
        self.strings.append(StringToken(start, end, start + open_len, end - close_len,
                                        quote, prefix))
        return end

    # -- comments ------------------------------------------------------------------------
    def _hash_is_comment(self, index: int) -> bool:
        rule = self.profile.hash
        text = self.text
        if rule == "anywhere":
            return not (self.profile.strings == "php" and text.startswith("#[", index))
        if rule == "line":
            return self._prev_nonspace(index) == ""
        # "word": shell, YAML, dotenv: a comment starts a word
        return index == self.lines.line_start(index) or self.text[index - 1] in " \t;|&()"

    # -- strings -------------------------------------------------------------------------
    def _quote(self, index: int, char: str) -> int:
        """Lex the string starting at ``index``; return where to continue."""
        text = self.text
        family = self.profile.strings
        if family == "yaml":
            if self._prev_nonspace(index) not in ("", ":", "-", "[", "{", ",", "?"):
                return index + 1
            pattern = _YAML_SQ if char == "'" else _DQ_LINE
        elif family == "dotenv":
            if self._prev_nonspace(index) != "=":
                return index + 1
            pattern = {"'": _SQ_MULTI, '"': _DQ_MULTI}.get(char, _BACKTICK_RAW)
        elif family == "shell":
            if char == "'" and index > 0 and text[index - 1] == "$":
                pattern = _SQ_LINE
            else:
                pattern = _SQ_MULTI if char == "'" else _DQ_MULTI
            if index > 0 and text[index - 1] == "\\":
                return index + 1
        elif family == "toml":
            pattern = _SQ_RAW_LINE if char == "'" else _DQ_LINE
        elif family == "hcl":
            pattern = _HCL_DQ
        elif family == "ruby":
            pattern = _SQ_LINE if char == "'" else _RUBY_DQ
        elif family == "powershell":
            pattern = _PS_SQ if char == "'" else _PS_DQ
        elif family == "cs" and char == "@":
            if not text.startswith('@"', index):
                return index + 1
            match = _CS_VERBATIM.match(text, index)
            if match is None:
                return index + 1
            return self._string(index + 1, match.end(), 1, 1, '@"', "@")
        elif char == "`":
            if family == "js":
                end = _template_end(text, index)
                if end is None:
                    return index + 1
                return self._string(index, end, 1, 1, "`")
            pattern = _BACKTICK_RAW
        else:
            pattern = _SQ_LINE if char == "'" else _DQ_LINE
        match = pattern.match(text, index)
        if match is None:
            return index + 1
        prefix = ""
        if family == "cs" and index > 0 and text[index - 1] == "$":
            prefix = "$"
        return self._string(index, match.end(), 1, 1, char, prefix)

    def _triple(self, index: int, quote: str) -> int:
        end = self.text.find(quote, index + 3)
        if end < 0:
            return index + 1
        return self._string(index, end + 3, 3, 3, quote)

    def _heredoc(self, index: int, pending: list[tuple[int, int]]) -> int:
        """Record a here-document body; the caller skips over it at the end of the line."""
        pattern = _HEREDOC[self.profile.heredoc]
        match = pattern.match(self.text, index)
        if match is None:
            return index + 2
        indented = bool(match.group(1)) or self.profile.heredoc == "php"
        delimiter = match.group(3)
        lines = self.lines
        line = lines.line_of(pending[-1][1] if pending else index)
        body_line = line + 1
        if body_line >= len(lines.starts):
            return match.end()
        body_start = lines.starts[body_line]
        numbers = self._terminators(indented).get(delimiter, [])
        found = bisect_left(numbers, body_line)
        if found == len(numbers):
            return match.end()
        number = numbers[found]
        body_end = lines.starts[number]
        end = lines.ends[number]
        self.strings.append(StringToken(body_start, end, body_start, body_end, "heredoc"))
        pending.append((lines.line_end(index), end))
        return match.end()

    def _terminators(self, indented: bool) -> dict[str, list[int]]:
        """Line numbers by line content, built once: here-document ends are looked up, not
        searched for (many unterminated ``<<EOF`` would otherwise make the pass quadratic)."""
        cached = self._ends_by_content.get(indented)
        if cached is not None:
            return cached
        table: dict[str, list[int]] = {}
        php = self.profile.heredoc == "php"
        for number, (start, end) in enumerate(zip(self.lines.starts, self.lines.ends,
                                                  strict=True)):
            content = self.text[start:end]
            key = content.strip() if indented else content.rstrip()
            if php:
                key = key.rstrip(";,) \t")
            if key and len(key) <= 64:
                table.setdefault(key, []).append(number)
        self._ends_by_content[indented] = table
        return table

    # -- the pass ------------------------------------------------------------------------
    def run(self) -> None:
        text = self.text
        profile = self.profile
        master = _master(profile)
        pos = 0
        pending: list[tuple[int, int]] = []  # heredocs: (end of opening line, end of body)
        size = len(text)
        while pos < size:
            match = master.search(text, pos)
            if pending and (match is None or match.start() >= pending[0][0]):
                pos = max(pos, pending[-1][1])
                pending.clear()
                continue
            if match is None:
                break
            index = match.start()
            token = match.group()
            if token == "#":
                if self._hash_is_comment(index):
                    end = self.lines.line_end(index)
                    self._comment(index, 1, end)
                    pos = end
                else:
                    pos = index + 1
            elif token == "//":
                if profile.line_slashes and not profile.slashes and \
                        self._prev_nonspace(index) != "":
                    pos = index + 2
                    continue
                end = self.lines.line_end(index)
                self._comment(index, 2, end)
                pos = end
            elif token == "/*":
                close = text.find("*/", index + 2)
                end = size if close < 0 else close + 2
                self._comment(index, 2, end, 0 if close < 0 else 2)
                pos = end
            elif token == "<#":
                close = text.find("#>", index + 2)
                end = size if close < 0 else close + 2
                self._comment(index, 2, end, 0 if close < 0 else 2)
                pos = end
            elif token == "<!--":
                close = text.find("-->", index + 4)
                end = size if close < 0 else close + 3
                self._comment(index, 4, end, 0 if close < 0 else 3)
                pos = end
            elif token.startswith("=begin"):
                found = _RUBY_END.search(text, index)
                end = size if found is None else found.end()
                self._comment(index, 6, end, 0 if found is None else len(found.group()))
                pos = end
            elif token in ('"""', "'''"):
                pos = self._triple(index, token)
            elif token in ("<<", "<<<"):
                pos = self._heredoc(index, pending)
            elif token in profile.line_markers:
                if self._prev_nonspace(index) != "":
                    pos = index + 1
                else:
                    end = self.lines.line_end(index)
                    self._comment(index, 1, end)
                    pos = end
            else:
                pos = self._quote(index, token)

    def code(self) -> str:
        """Comments blanked; every line break a ``\\n`` (same length, so offsets still hold
        and ``^``, ``$`` and ``.`` in line regexes mean what the engine calls a line)."""
        return self._blanked().translate(_BREAKS_TO_NEWLINE)

    def _blanked(self) -> str:
        if not self.ranges:
            return self.text
        parts: list[str] = []
        last = 0
        for start, end in self.ranges:
            parts.append(self.text[last:start])
            parts.append(_NOT_BREAK.sub(" ", self.text[start:end]))
            last = end
        parts.append(self.text[last:])
        return "".join(parts)


def lex(text: str, language: str) -> Lexed:
    """Comments, string literals and the comment-free text of a file."""
    profile = _PROFILES.get(language, _PROFILES["text"])
    lexer = _Lexer(text, profile)
    lexer.run()
    lexer.strings.sort(key=lambda t: t.start)
    return Lexed(text, lexer.lines, lexer.comments, lexer.ranges, lexer.strings, lexer.code())
