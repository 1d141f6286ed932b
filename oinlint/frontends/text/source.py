"""Regex-level facts for source languages: Kotlin, and the fallback of the tree-sitter ones.

Kotlin has no tree-sitter front end; JavaScript/TypeScript, Go, Java, C#, Ruby and PHP come here
when their grammar cannot be loaded (:mod:`oinlint.frontends.treesitter` falls back to the text
front end). Everything runs over the comment-free text and the lexer's string literals, so a
commented-out call or an ``SSWS`` inside a comment never counts. What is found:

* ``Authorization`` header values that start with a scheme (``"SSWS " + t``, `` `SSWS ${t}` ``,
  ``"SSWS #{t}"``, ``'Authorization: SSWS ' . $t``) when the word *authorization* is in the
  same statement and the string is not an argument of a comparison, a log call or an error;
* Okta SDK clients configured with a token (Go ``okta.WithToken``, Java
  ``TokenClientCredentials``, .NET ``OktaClientConfiguration.Token``, Node ``new okta.Client``,
  Ruby ``Oktakit.new``);
* string literals assigned to client-secret / private-key names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from oinlint.frontends.text.common import Collector, scan_urlencoded_secrets
from oinlint.frontends.text.lexer import Lexed, StringToken
from oinlint.frontends.text.tree import auth_mode_of, camel_case

__all__ = ["parse_source"]

_SCHEME_START = re.compile(r"(SSWS|Bearer|Basic|DPoP)(?=$|[\s{$#%])")
_HEADER_LINE = re.compile(r"\s*authorization\s*:\s*(?P<scheme>[A-Za-z][\w-]*)?", re.IGNORECASE)
# "authorization", but not the SDK option "AuthorizationMode".
_AUTHORIZATION = re.compile(r"authorization(?![-_]?mode)", re.IGNORECASE)
_CONCAT = re.compile(r"[ \t]*(?:\+|\.(?=[ \t$'\"])|<<)[ \t]*")
_NOT_A_HEADER_CALL = re.compile(
    r"^(?:starts?_?with\??|hasprefix|has_prefix|includes?\??|contains|indexof|lastindexof"
    r"|equals\w*|equalfold|compare\w*|match\w*|test|replace\w*|trimprefix|strip_?prefix"
    r"|delete_prefix|str_starts_with|str_contains|strpos|stripos|preg_match|in_array"
    r"|assert\w*|expect|fail\w*|panic\w*|raise|log|logf|logger|info\w*|warn\w*|debug\w*"
    r"|trace\w*|fatal\w*|print\w*|puts|echo|die|\w*error\w*|\w*exception|sprintf_log)$"
)
_FORMAT_CALLS = {"sprintf", "format", "fmt", "printf_s", "string_format", "format!"}
_CHECK_BEFORE = re.compile(
    r"(?:===?|!==?|<>|\bcase|\bwhen|=~|\bthrow|\braise|\bputs|\becho|\bdie|"
    r"(?:starts?_?with|include|end_with)\?|"
    # PowerShell: comparison operators and the Write-* output commands
    r"(?i:-[ci]?(?:eq|ne|like|notlike|match|notmatch|contains|notcontains)|"
    r"\bWrite-(?:Host|Output|Verbose|Debug|Warning|Error|Information)))\s*\(?\s*$"
)
_CHECK_AFTER = re.compile(r"\s*\)?\s*(?:===?|!==?)")
_CONTINUES = re.compile(r"(?:[(\[{,:=+.]|=>|\?\?|&&|\|\|)\s*$")
_IDENTIFIER = re.compile(r"(?<![\w$.])[A-Za-z_$][\w$]*")
_KEY_BEFORE = re.compile(
    r"(?:(?P<q>[\"'`])(?P<qkey>[^\"'`\r\n]+)(?P=q)|(?P<key>[A-Za-z_$][\w$-]*))"
    r"\s*\]?\s*(?::|=>|,|=(?!=))\s*$"
)
_CONST_DEF = re.compile(
    r"(?P<name>[A-Za-z_$][\w$]*)\s*(?::\s*[A-Za-z_][\w<>\[\]?.]*\s*)?(?::=|=)\s*$"
)
_NAMES_A_CREDENTIAL = re.compile(r"secret|key", re.IGNORECASE)
_SECRET_NAME = re.compile(
    r"(?:(?P<ident>[A-Za-z_$@][\w$]*)|(?P<q>[\"'`])(?P<qname>[^\"'`\r\n]{1,80})(?P=q)|"
    r":(?P<sym>[A-Za-z_]\w*))"
    r"\s*\]?\s*(?:(?::\s*[A-Za-z_][\w<>\[\]?.]*\s*)?(?::=|=)|=>|:|,)\s*(?:[@$]{1,2})?$"
)


def _line_before(lexed: Lexed, offset: int, limit: int = 120) -> str:
    start = max(lexed.lines.line_start(offset), offset - limit)
    return lexed.code[start:offset]


def _window(lexed: Lexed, start: int, end: int) -> str:
    """The statement around ``text[start:end]`` without it: the line, plus earlier lines it
    continues (``headers.set(\n "Authorization",\n "SSWS " + t)``)."""
    code = lexed.code
    lines = lexed.lines
    line_start = max(lines.line_start(start), start - 300)
    before = code[line_start:start]
    after = code[end : min(lines.line_end(end), end + 300)]
    for _ in range(3):
        if line_start == 0 or _AUTHORIZATION.search(before):
            break
        previous_end = lines.line_end(line_start - 1)
        previous_start = max(lines.line_start(line_start - 1), previous_end - 300)
        previous = code[previous_start:previous_end]
        if not previous.strip() or not _CONTINUES.search(previous):
            break
        before = previous + "\n" + before
        line_start = previous_start
    return before + " " + after


def _enclosing_call(lexed: Lexed, offset: int) -> tuple[str, str]:
    """Name (and qualifier) of the call whose argument list holds ``offset``, on its line."""
    blank = lexed.blank
    start = max(0, offset - 400)
    depth = 0
    index = offset - 1
    while index >= start:
        char = blank[index]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth == 0:
                if char != "(":
                    return "", ""
                return _name_before(blank, index)
            depth -= 1
        elif char in ";" and depth == 0:
            break
        index -= 1
    return "", ""


def _identifier_back(text: str, end: int) -> int:
    """Start of the identifier (``[\\w$]``, Ruby ``?``/``!`` suffix) ending at ``end``."""
    start = end
    if start > 0 and text[start - 1] in "?!":
        start -= 1
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_$"):
        start -= 1
    return start


def _name_before(blank: str, paren: int) -> tuple[str, str]:
    """``(name, qualifier)`` of the call whose ``(`` is at ``paren`` (``errors.New(``)."""
    end = paren
    while end > 0 and blank[end - 1] in " \t":
        end -= 1
    start = _identifier_back(blank, end)
    name = blank[start:end]
    qualifier = ""
    dot = start
    while dot > 0 and blank[dot - 1] in " \t":
        dot -= 1
    if dot > 0 and blank[dot - 1] == ".":
        q_end = dot - 1
        qualifier = blank[_identifier_back(blank, q_end) : q_end]
    return name, qualifier


def _extent(lexed: Lexed, end: int) -> tuple[int, bool]:
    """Where a header value expression ends: through ``+ token`` / ``. $t`` concatenation."""
    blank = lexed.blank
    concat = _CONCAT.match(blank, end)
    if concat is None:
        return end, False
    limit = min(lexed.lines.line_end(end), end + 400)
    depth = 0
    index = concat.end()
    while index < limit:
        char = blank[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (char in ",;?" or (char == ":" and blank[index + 1 : index + 2] != ":"
                                               and blank[index - 1 : index] != ":")):
            break
        index += 1
    while index > end and blank[index - 1] in " \t":
        index -= 1
    return index, index > end


def _is_check(lexed: Lexed, token: StringToken) -> bool:
    """The literal is compared, logged or thrown: a mention, not a header."""
    opener = token.start - len(token.prefix)
    if _CHECK_BEFORE.search(_line_before(lexed, opener, 40)):
        return True
    if _CHECK_AFTER.match(lexed.code, token.end):
        return True
    name, _ = _enclosing_call(lexed, opener)
    return bool(name) and _NOT_A_HEADER_CALL.match(name.lower()) is not None


def _via(lexed: Lexed, token: StringToken, body: str, concatenated: bool, language: str) -> str:
    if token.quote == "`" and "${" in body:
        return "template"
    if token.prefix == "$" and "{" in body:
        return "template"
    if language in ("ruby", "elixir") and token.quote == '"' and "#{" in body:
        return "template"
    if language in ("php", "kotlin", "scala", "powershell") and token.quote == '"' and "$" in body:
        return "template"
    name, _ = _enclosing_call(lexed, token.start - len(token.prefix))
    if name.lower() in _FORMAT_CALLS and ("%" in body or (name == "format!" and "{" in body)):
        return "format"
    return "concat" if concatenated else "literal"


def _auth_headers(collector: Collector, language: str) -> None:
    lexed = collector.lexed
    text = lexed.text
    constants: dict[str, tuple[StringToken, int]] = {}
    for token in lexed.strings:
        body = text[token.body_start : token.body_end]
        opener = token.start - len(token.prefix)
        line = _HEADER_LINE.match(body)
        scheme: str | None
        if line is not None:
            scheme = line.group("scheme")
        else:
            start = _SCHEME_START.match(body)
            if start is None:
                continue
            scheme = start.group(1)
            before = _line_before(lexed, opener)
            if body.strip() == scheme:
                definition = _CONST_DEF.search(before)
                if definition is not None:
                    name_at = opener - len(before) + definition.start("name")
                    constants[definition.group("name")] = (token, name_at)
                    continue
            key = _KEY_BEFORE.search(before)
            if key is not None:
                if not _AUTHORIZATION.search(key.group("qkey") or key.group("key") or ""):
                    continue  # the value of some other key or argument
            elif not _AUTHORIZATION.search(_window(lexed, opener, token.end)):
                continue
        if _is_check(lexed, token):
            continue
        end, concatenated = _extent(lexed, token.end)
        via = _via(lexed, token, body, concatenated, language)
        collector.header(opener, end, scheme, via)
    if not constants or len(constants) > 50:  # many: generated code, not a header scheme
        return
    for use in _IDENTIFIER.finditer(lexed.blank):
        found = constants.get(use.group())
        if found is None:
            continue
        token, name_at = found
        if use.start() == name_at or lexed.string_containing(use.start()) is not None:
            continue
        if not _AUTHORIZATION.search(_window(lexed, use.start(), use.end())):
            continue
        end, _ = _extent(lexed, use.end())
        scheme = text[token.body_start : token.body_end].strip()
        collector.header(use.start(), end, scheme, "constant")


# -- SDK clients -----------------------------------------------------------------------------
def _match_close(blank: str, open_index: int) -> int:
    """Index just after the bracket that closes the one at ``open_index`` (or end of text)."""
    depth = 0
    for index in range(open_index, len(blank)):
        char = blank[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(blank)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _entries(lexed: Lexed, start: int, end: int, ops: str) -> Iterator[tuple[str, int, int,
                                                                            int, int]]:
    """Entries of an object literal / initializer / keyword list between ``start`` and ``end``:
    (key, key_start, key_end, value_start, value_end); a shorthand ``{ token }`` is its own value.
    """
    blank = lexed.blank
    text = lexed.text
    depth = 0
    segment = start
    for index in range(start, end + 1):
        char = blank[index] if index < end else ","
        if char in "([{":
            depth += 1
            continue
        if char in ")]}":
            depth -= 1
            continue
        if char != "," or depth != 0:
            continue
        seg_start, seg_end = _trim(text, segment, index)
        segment = index + 1
        if seg_start >= seg_end:
            continue
        match = _ENTRY.match(text, seg_start, seg_end)
        if match is None:
            continue
        key = match.group("key") or match.group("qkey") or match.group("sym") or ""
        key_start = match.start("key") if match.group("key") else (
            match.start("qkey") if match.group("qkey") else match.start("sym"))
        op = match.group("op")
        if op and op.strip() not in ops.split():
            continue
        if op:
            value_start, value_end = _trim(text, match.end(), seg_end)
        else:
            if match.end() != seg_end:
                continue
            value_start, value_end = key_start, key_start + len(key)
        yield key, key_start, key_start + len(key), value_start, value_end


_ENTRY = re.compile(
    r"(?:(?P<key>[A-Za-z_$][\w$]*)|(?P<q>[\"'])(?P<qkey>[^\"'\r\n]+)(?P=q)|:(?P<sym>[A-Za-z_]\w*))"
    r"(?P<op>\s*(?:=>|:(?!:)|=(?!=))\s*)?"
)


def _literal(lexed: Lexed, start: int, end: int) -> str | None:
    token = lexed.string_at(start)
    if token is not None and token.end == end:
        return lexed.text[token.body_start : token.body_end]
    return None


def _sdk_from_entries(collector: Collector, sdk: str, head: tuple[int, int],
                      entries: list[tuple[str, int, int, int, int]],
                      token_keys: tuple[str, ...]) -> None:
    lexed = collector.lexed
    options: list[str] = []
    auth_mode: str | None = None
    token: tuple[int, int] | None = None
    for key, _, _, value_start, value_end in entries:
        option = camel_case(key)
        options.append(option)
        if option == "authorizationMode":
            literal = _literal(lexed, value_start, value_end)
            raw = literal if literal is not None else lexed.text[value_start:value_end]
            auth_mode = auth_mode_of(raw)
            if literal is None and "AuthorizationMode." not in raw:
                auth_mode = "?"
        if key in token_keys and token is None:
            token = (value_start, value_end)
    if token is not None and "token" not in options:
        options.append("token")
    collector.sdk(head[0], head[1], sdk, auth_mode, tuple(options), token)


_GO_WITH_TOKEN = re.compile(r"\b(?P<q>[A-Za-z_]\w*)\s*\.\s*WithToken\s*\(")
_GO_OPTION = re.compile(r"\.\s*With(\w+)\s*\(")
_GO_MODE = re.compile(r"\.\s*WithAuthorizationMode\s*\(\s*(?:\"(?P<mode>\w+)\")?")


def _go(collector: Collector) -> None:
    lexed = collector.lexed
    text = lexed.text
    blank = lexed.blank
    sdk_file = "okta-sdk-golang" in text
    calls: list[tuple[re.Match[str], int, int]] = []
    for match in _GO_WITH_TOKEN.finditer(blank):
        if match.group("q") == "okta" or sdk_file:
            calls.append((match, *_enclosing_group(blank, match.start())))
    all_modes = [m.start() for m in _GO_MODE.finditer(blank)]
    for match, first, last in calls:
        open_paren = match.end() - 1
        close = _match_close(blank, open_paren)
        token = _trim(text, open_paren + 1, close - 1)
        modes = [m.group("mode") or "?" for m in _GO_MODE.finditer(text, first, last)]
        auth_mode: str | None
        if modes:
            auth_mode = auth_mode_of(modes[-1]) if modes[-1] != "?" else "?"
        elif any(not any(lo <= at < hi for _, lo, hi in calls) for at in all_modes):
            auth_mode = "?"  # a mode set elsewhere (an options slice?): cannot tell for which
        else:
            auth_mode = None
        options = tuple(dict.fromkeys(camel_case(m.group(1))
                                      for m in _GO_OPTION.finditer(blank, first, last)))
        collector.sdk(match.start(), close, "okta-sdk-golang", auth_mode,
                      options or ("token",), token)


def _enclosing_group(blank: str, offset: int, reach: int = 4000) -> tuple[int, int]:
    """The outermost call / composite literal around ``offset`` (stops at function bodies)."""
    depth = 0
    outer: int | None = None
    index = offset - 1
    stop = max(0, offset - reach)
    while index >= stop:
        char = blank[index]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth > 0:
                depth -= 1
            elif char == "{" and not (index > 0 and (blank[index - 1].isalnum()
                                                     or blank[index - 1] in "_]}")):
                break
            else:
                outer = index
        elif char == ";" and depth == 0:
            break
        index -= 1
    if outer is None:
        return offset, _match_close(blank, blank.find("(", offset))
    return outer, _match_close(blank, outer)


_JAVA_TOKEN = re.compile(r"\b(?:new\s+)?(?:[\w.]+\.)?TokenClientCredentials\s*\(")


def _java(collector: Collector) -> None:
    lexed = collector.lexed
    for match in _JAVA_TOKEN.finditer(lexed.blank):
        open_paren = match.end() - 1
        close = _match_close(lexed.blank, open_paren)
        token = _trim(lexed.text, open_paren + 1, close - 1)
        collector.sdk(match.start(), close, "okta-sdk-java", None, ("token",), token)


_CS_INIT = re.compile(
    r"\bnew\s+(?:Okta\.Sdk\.\w+\.)?(?P<type>OktaClientConfiguration|Configuration)"
    r"\s*(?:\(\s*\))?\s*\{"
)
_CS_ASSIGN = re.compile(r"\b(?P<var>[A-Za-z_]\w*)\s*\.\s*(?P<key>[A-Z]\w*)\s*=(?!=)\s*")


def _csharp(collector: Collector) -> None:
    lexed = collector.lexed
    text = lexed.text
    blank = lexed.blank
    okta_sdk = "Okta.Sdk" in text or "OktaClientConfiguration" in text
    if not okta_sdk:
        return
    for match in _CS_INIT.finditer(blank):
        if match.group("type") == "Configuration" and "Okta.Sdk" not in text:
            continue
        open_brace = match.end() - 1
        close = _match_close(blank, open_brace)
        entries = list(_entries(lexed, open_brace + 1, close - 1, "="))
        if entries:
            _sdk_from_entries(collector, "okta-sdk-dotnet", (match.start(), match.end("type")),
                              entries, ("Token",))
    variables = set(re.findall(
        r"(?:OktaClientConfiguration|var)\s+([A-Za-z_]\w*)\s*=\s*new\s+(?:Okta\.Sdk\.\w+\.)?"
        r"(?:OktaClientConfiguration|Configuration)\b", blank))
    variables |= set(re.findall(r"\bOktaClientConfiguration\s+([A-Za-z_]\w*)\b", blank))
    by_var: dict[str, list[tuple[str, int, int, int, int]]] = {}
    for match in _CS_ASSIGN.finditer(blank):
        var = match.group("var")
        if var not in variables:
            continue
        value_start = match.end()
        value_end = blank.find(";", value_start)
        value_end = lexed.lines.line_end(value_start) if value_end < 0 else value_end
        value_start, value_end = _trim(text, value_start, value_end)
        by_var.setdefault(var, []).append((match.group("key"), match.start("key"),
                                           match.end("key"), value_start, value_end))
    for entries in by_var.values():
        token_entries = [e for e in entries if e[0] == "Token"]
        if token_entries:
            head = (token_entries[0][1], token_entries[0][2])
            _sdk_from_entries(collector, "okta-sdk-dotnet", head, entries, ("Token",))


_NODE_NEW = re.compile(r"\bnew\s+(?:(?P<ns>[A-Za-z_$][\w$]*)\s*\.\s*)?(?P<cls>[A-Za-z_$][\w$]*)"
                       r"\s*\(\s*")
_NODE_IMPORT_NAMED = re.compile(
    r"(?:import\s*(?:type\s+)?\{(?P<a>[^}]*)\}\s*from|(?:const|let|var)\s*\{(?P<b>[^}]*)\}\s*=\s*"
    r"require\s*\()\s*[\"']@okta/okta-sdk-nodejs[\"']"
)
_NODE_IMPORT_NS = re.compile(
    r"(?:import\s+\*\s+as\s+(?P<a>[\w$]+)\s+from|import\s+(?P<b>[\w$]+)\s+from|"
    r"(?:const|let|var)\s+(?P<c>[\w$]+)\s*=\s*require\s*\()\s*[\"']@okta/okta-sdk-nodejs[\"']"
)


def _node(collector: Collector) -> None:
    lexed = collector.lexed
    text = lexed.text
    blank = lexed.blank
    classes: set[str] = set()
    namespaces = {"okta"}
    if "@okta/okta-sdk-nodejs" in text:
        for match in _NODE_IMPORT_NAMED.finditer(text):
            for part in (match.group("a") or match.group("b") or "").split(","):
                pieces = re.split(r"\s+as\s+|\s*:\s*", part.strip())
                if pieces and pieces[0] == "Client":
                    classes.add(pieces[-1])
        for match in _NODE_IMPORT_NS.finditer(text):
            namespaces.add(match.group("a") or match.group("b") or match.group("c"))
    for match in _NODE_NEW.finditer(blank):
        ns, cls = match.group("ns"), match.group("cls")
        if not ((ns in namespaces and cls == "Client") or (ns is None and cls in classes)):
            continue
        at = match.end()
        if blank.startswith("{", at):
            obj = at
        else:
            ident = re.match(r"[A-Za-z_$][\w$]*", blank[at:])
            if ident is None:
                continue
            definition = re.search(
                rf"(?:const|let|var)\s+{re.escape(ident.group())}\s*(?::\s*[\w.<>]+\s*)?=\s*\{{",
                blank)
            if definition is None:
                continue
            obj = definition.end() - 1
        close = _match_close(blank, obj)
        entries = list(_entries(lexed, obj + 1, close - 1, ":"))
        _sdk_from_entries(collector, "okta-sdk-nodejs", (match.start(), match.end("cls")),
                          entries, ("token",))


_RUBY_NEW = re.compile(r"\bOktakit(?:::Client)?\.new(?P<name_end>)\b[ \t]*(?P<paren>\()?")


def _ruby(collector: Collector) -> None:
    lexed = collector.lexed
    blank = lexed.blank
    for match in _RUBY_NEW.finditer(blank):
        if match.group("paren"):
            start = match.end()
            end = _match_close(blank, match.end() - 1) - 1
        else:
            start, end = match.end(), lexed.lines.line_end(match.end())
        entries = list(_entries(lexed, start, end, ": =>"))
        _sdk_from_entries(collector, "oktakit", (match.start(), match.end("name_end")), entries,
                          ("token",))


# -- secrets ---------------------------------------------------------------------------------
def _secrets(collector: Collector) -> None:
    lexed = collector.lexed
    text = lexed.text
    for token in lexed.strings:
        opener = token.start - len(token.prefix)
        before = _line_before(lexed, opener, 100)
        name = None
        if _NAMES_A_CREDENTIAL.search(before):
            match = _SECRET_NAME.search(before)
            if match is not None:
                name = match.group("ident") or match.group("qname") or match.group("sym")
        if name is None and "PRIVATE KEY" not in text[token.body_start : token.body_end]:
            continue
        collector.secret(name, token.body_start, token.body_end, span=(opener, token.end))
    scan_urlencoded_secrets(collector, 0, len(lexed.code))


_SDKS = {
    "go": (_go,),
    "java": (_java,),
    "kotlin": (_java,),
    "scala": (_java,),
    "csharp": (_csharp,),
    "javascript": (_node,),
    "typescript": (_node,),
    "tsx": (_node,),
    "ruby": (_ruby,),
}


def parse_source(collector: Collector) -> None:
    _auth_headers(collector, collector.language)
    for scan in _SDKS.get(collector.language, ()):
        scan(collector)
    _secrets(collector)
