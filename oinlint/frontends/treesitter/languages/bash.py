"""Shell scripts (and Dockerfile ``RUN`` instructions): facts from the tree-sitter-bash tree.

Strings: shell words (:mod:`.bash_words`, the analyzer's base: quotes, ``$NAME`` expansions,
``$'…'``, concatenations and heredoc bodies). Comments are tree nodes, so ``# curl -H
"Authorization: SSWS …"`` is never use. Headers: ``-H``/``--header`` arguments of any command
that is not a message (``echo``, ``printf``, ``grep``, ...), httpie's ``Authorization:…``
items, a header line assigned to a variable and never seen sent, and ``-H`` options of a
script nested in a string or heredoc (``bash -c "curl -H …"``). Credentials: assignments
(``export OKTA_API_TOKEN=…``), bare ``export NAME``, ``docker run -e NAME``, ``--build-arg``,
``helm --set okta.client.token=…``, ``client_secret=`` in form bodies. HTTP: ``curl``,
``wget`` and httpie requests become token requests (``/oauth2/v1/token``, ``-d
grant_type=…``) and Okta API calls.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.credentials import redact_value
from oinlint.facts import AuthHeader, CredentialSetting, FileFacts, SecretLiteral
from oinlint.frontends.shared.vocabulary import NESTED_AUTH_HEADER
from oinlint.frontends.text.common import (
    classify_path,
    header_args,
    header_scheme,
    kind_of_name,
    urlencoded_secrets,
)
from oinlint.frontends.text.common import secret_kind as config_secret_kind
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall
from oinlint.frontends.treesitter.candidates import endpoint_kind
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.bash_words import ShellWords, drop_prefix, unescape_word
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["BASH_GRAMMAR", "SHELL", "BashAnalyzer"]

# Commands whose arguments are messages or patterns, never values sent anywhere.
_MESSAGES: Final = frozenset({
    "echo", "printf", "grep", "egrep", "fgrep", "rg", "ag", "ack", "sed", "awk", "gawk", "test",
    "[", "[[", "logger", "die", "fail", "error", "warn", "info", "log", "debug", "fatal", "note",
    "abort", "err", "say", "msg", "print", "jq", "yq", "expr", "case", "tr", "cut",
})
# Commands that run the command named by their first operand.
_WRAPPERS: Final = frozenset({"sudo", "env", "exec", "command", "nohup", "time", "timeout",
                              "xargs", "builtin", "doas", "nice", "stdbuf"})
_AUTH_LINE: Final = re.compile(r"\s*authorization\s*:\s*", re.IGNORECASE)
_SSWS_VALUE: Final = re.compile(r"\s*SSWS\s+\S")
_ASSIGN_WORD: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\+?=")
_ENV_NAME: Final = re.compile(r"([A-Za-z_]\w*)(?:(=)|$)")
_ENV_FLAGS: Final = frozenset({"-e", "--env", "--build-arg", "--from-literal", "--set-env-vars",
                               "--set-env-var", "--update-env-vars"})
_HELM_SET: Final = frozenset({"--set", "--set-string", "--set-file"})
_FORM_PAIR: Final = re.compile(r"(?:^|&)([A-Za-z_]+)=")
_METHODS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})

# Options taking a value, per HTTP client (short options: the letters).
_CURL_SHORT_ARG: Final = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
_CURL_LONG_ARG: Final = frozenset({
    "--header", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii",
    "--json", "--form", "--form-string", "--request", "--user", "--url", "--output",
    "--user-agent", "--cookie", "--cookie-jar", "--cert", "--key", "--cacert", "--capath",
    "--connect-timeout", "--max-time", "--retry", "--retry-delay", "--retry-max-time",
    "--write-out", "--proxy", "--referer", "--resolve", "--connect-to", "--oauth2-bearer",
    "--config", "--dump-header", "--upload-file", "--max-redirs", "--limit-rate",
    "--interface", "--range", "--proxy-user", "--aws-sigv4", "--variable", "--trace",
    "--trace-ascii", "--stderr", "--cert-type", "--key-type", "--pass", "--ciphers",
    "--netrc-file", "--unix-socket", "--expect100-timeout", "--keepalive-time", "--proto",
    "--proto-redir", "--header-file", "--request-target", "--create-file-mode", "--url-query",
})
_CURL_DATA: Final = frozenset({"-d", "--data", "--data-raw", "--data-binary",
                               "--data-urlencode", "--data-ascii", "--form", "-F",
                               "--form-string", "--url-query"})
_WGET_SHORT_ARG: Final = frozenset("OoaPUTtewQiBlDRAXI")
_WGET_LONG_ARG: Final = frozenset({
    "--header", "--post-data", "--post-file", "--body-data", "--body-file", "--method",
    "--user", "--password", "--http-user", "--http-password", "--output-document",
    "--output-file", "--user-agent", "--timeout", "--tries", "--directory-prefix",
    "--load-cookies", "--save-cookies", "--ca-certificate", "--certificate", "--private-key",
    "--max-redirect", "--wait", "--input-file", "--base", "--execute", "--referer",
})
_HTTPIE_ARG: Final = frozenset({"--auth", "-a", "--auth-type", "-A", "--session",
                                "--session-read-only", "--output", "-o", "--print", "-p",
                                "--verify", "--cert", "--cert-key", "--timeout", "--proxy",
                                "--pretty", "--style", "-s", "--max-redirects", "--format-options",
                                "--response-charset", "--response-mime", "--boundary"})


class BashAnalyzer(ShellWords):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset(
        {"string", "raw_string", "heredoc_body", "ansi_c_string"})
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"concatenation"})
    LANGUAGE_NAME: ClassVar[str] = "Bash"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.file_kind = "dockerfile" if language == "dockerfile" else "shell"
        # (header value node, characters before the header line, context, via)
        self.header_nodes: list[tuple[ts.Node, int, str, str]] = []
        self.assigned: list[tuple[ts.Node, str]] = []
        self.nested: list[tuple[ts.Node, str]] = []
        self.header_starts: set[int] = set()

    # -- scopes and bindings ----------------------------------------------------------------

    on_function_definition = Analyzer.named_function

    def bind(self, name: str, value: ts.Node | None) -> None:
        """Shell variables are global: every binding goes to the file's scope."""
        self.module_scope.bind(name, value)

    def setting(self, node: ts.Node, name: str, has_value: bool, kind: str | None = None,
                start: int | None = None, end: int | None = None) -> None:
        kind = kind or kind_of_name(name)
        if kind != "api-token":
            return
        span = self.span(node) if start is None or end is None else self.span_bytes(start, end)
        self.facts.append(CredentialSetting(span, self.context, name, "api-token",
                                            self.file_kind, has_value))

    def has_text(self, node: ts.Node) -> bool:
        raw = self.text_of(node)
        if node.type in ("string", "raw_string"):
            return len(raw) > 2
        if node.type == "ansi_c_string":
            return len(raw) > 3
        return bool(raw.strip())

    def on_variable_assignment(self, node: ts.Node) -> None:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name_node is None or name_node.type != "variable_name":
            return
        name = self.text_of(name_node)
        appended = self.data[name_node.end_byte : name_node.end_byte + 1] == b"+"
        self.bind(name, None if appended else value)
        self.setting(name_node, name, value is not None and self.has_text(value))
        if value is None:
            return
        self.named_secret(name, value)
        if value.type == "array":
            self.option_words(list(value.named_children), "")
            return
        if not self.message_depth:
            self.assigned.append((value, self.context))
        if "scope" in name.lower():
            self.scope_list(value, "constant")

    def named_secret(self, name: str, value: ts.Node, start: int | None = None) -> None:
        """A literal credential assigned to ``name`` (the config front end's secret test)."""
        if kind_of_name(name) is None and not self.pem_file:
            return
        literal = self.literal(value)
        if literal is None:
            return
        if start is not None:
            raw = self.text_of(value)
            literal = unescape_word(raw[start:]).strip("\"'")
        kind = config_secret_kind(name, literal)
        if kind is None or not literal.strip():
            return
        if start is None:
            self.secret(value, kind, literal, name)
            return
        raw = self.text_of(value)
        stop = len(raw)
        if raw[stop - 1 : stop] in ("'", '"') and stop - 1 > start:
            stop -= 1
        self.secret_at(self.span_bytes(*self.sub_bytes(value, start, stop)), kind, literal, name)

    def on_expansion(self, node: ts.Node) -> None:
        """``${OKTA_CLIENT_SECRET:-literal}``: a literal default of a credential variable."""
        operator = node.child_by_field_name("operator")
        names = [c for c in node.named_children if c.type == "variable_name"]
        if operator is None or not names or self.text_of(operator) not in (":-", "-", ":=", "="):
            return
        name = self.text_of(names[0])
        if kind_of_name(name) not in ("client-secret", "private-key"):
            return
        close = node.children[-1]
        start = operator.end_byte
        end = close.start_byte if close.type == "}" else node.end_byte
        raw = self.data[start:end].decode("utf-8", "replace")
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
            raw, start, end = raw[1:-1], start + 1, end - 1
        if not raw.strip() or "$" in raw or "`" in raw:
            return
        kind = config_secret_kind(name, raw)
        if kind is not None:
            self.secret_at(self.span_bytes(start, end), kind, raw, name)

    def on_declaration_command(self, node: ts.Node) -> None:
        keyword = node.children[0] if node.child_count else None
        if keyword is None or self.text_of(keyword) not in ("export", "readonly", "declare",
                                                             "typeset"):
            return
        for child in node.named_children:
            if child.type == "variable_name":
                self.setting(child, self.text_of(child), False)

    def on_for_statement(self, node: ts.Node) -> None:
        variable = node.child_by_field_name("variable")
        if variable is not None:
            self.bind(self.text_of(variable), None)

    # -- strings outside values: nested scripts ---------------------------------------------

    def on_string(self, node: ts.Node) -> None:
        self.nested_script(node)

    on_raw_string = on_string

    def on_heredoc_body(self, node: ts.Node) -> None:
        """A heredoc is a nested script unless ``cat`` just prints it (``cat <<EOF`` help text);
        written to a file or piped on, it is one."""
        redirect = node.parent
        statement = redirect.parent if redirect is not None else None
        if statement is not None and statement.type == "redirected_statement":
            body = statement.child_by_field_name("body")
            name = self.command_name(body.child_by_field_name("name")) \
                if body is not None and body.type == "command" else ""
            written = b">" in self.data[statement.start_byte : node.start_byte]
            piped = statement.parent is not None and statement.parent.type == "pipeline"
            if name in ("cat", "more", "less") and not written and not piped:
                return
        self.nested_script(node)

    def nested_script(self, node: ts.Node) -> None:
        if self.message_depth:
            return
        raw = self.data[node.start_byte : node.end_byte]
        if NESTED_AUTH_HEADER.search(raw):
            self.nested.append((node, self.context))

    # -- commands ---------------------------------------------------------------------------

    def on_command(self, node: ts.Node) -> Leave | None:
        name_node = node.child_by_field_name("name")
        args = list(node.children_by_field_name("argument"))
        name = self.command_name(name_node)
        while name in _WRAPPERS and args:
            index = next((i for i, a in enumerate(args) if not self.text_of(a).startswith("-")
                          and not _ASSIGN_WORD.match(self.text_of(a))), None)
            self.option_words(args[:index] if index is not None else args, name)
            if index is None:
                return None
            name = self.command_name(args[index])
            args = args[index + 1 :]
        if name in _MESSAGES or name.startswith(("log_", "print_", "echo_")):
            return self.in_message()
        if name == "read":
            for arg in args:
                if not self.text_of(arg).startswith("-"):
                    self.bind(self.text_of(arg), None)
            return None
        self.option_words(args, name)
        if name == "curl":
            self.curl(node, args)
        elif name == "wget":
            self.wget(node, args)
        elif name in ("http", "https", "xh", "xhs"):
            self.httpie(node, args, name)
        return None

    def option_words(self, args: list[ts.Node], command: str) -> None:
        """Options any command may carry: headers, ``-e NAME``, ``--set key=…``, ``NAME=…``."""
        count = len(args)
        for index, arg in enumerate(args):
            text = self.arg_text(arg)
            following = args[index + 1] if index + 1 < count else None
            if text in ("-H", "--header", "-header") and following is not None:
                self.header_nodes.append((following, 0, self.context, "curl"))
            elif text.startswith("--header="):
                self.header_nodes.append((arg, len("--header="), self.context, "curl"))
            elif text.startswith("-H") and _AUTH_LINE.match(text, 2):
                self.header_nodes.append((arg, 2, self.context, "curl"))
            flag, _, rest = text.partition("=")
            if flag in _ENV_FLAGS:
                if rest or "=" in text:
                    self.env_argument(arg, len(flag) + 1)
                elif following is not None:
                    self.env_argument(following, 0)
            elif flag in _HELM_SET and command in ("helm", ""):
                if rest or "=" in text:
                    self.helm_set(arg, len(flag) + 1)
                elif following is not None:
                    self.helm_set(following, 0)
            elif arg.type in ("word", "concatenation"):
                match = _ASSIGN_WORD.match(self.text_of(arg))
                if match is not None and (index == 0 or self.arg_text(args[index - 1])
                                          not in _ENV_FLAGS | _HELM_SET):
                    name = match.group(1)
                    value_at = match.end()
                    raw = self.text_of(arg)
                    name_start, name_end = self.sub_bytes(arg, 0, len(name))
                    self.setting(arg, name, value_at < len(raw), start=name_start,
                                 end=name_end)
                    if value_at < len(raw):
                        self.named_secret(name, arg, value_at)

    def env_argument(self, node: ts.Node, offset: int) -> None:
        """``-e NAME``, ``-e "NAME=value"``, ``--build-arg=NAME=value``."""
        text = self.arg_text(node)[offset:]
        match = _ENV_NAME.match(text)
        raw = self.text_of(node)
        at = raw.find(match.group(1), offset) if match is not None else -1
        if match is None or at < 0:
            return
        name = match.group(1)
        start, end = self.sub_bytes(node, at, at + len(name))
        has_value = bool(match.group(2)) and len(text) > match.end()
        self.setting(node, name, has_value, start=start, end=end)
        if has_value:
            self.named_secret(name, node, at + len(name) + 1)

    def helm_set(self, node: ts.Node, offset: int) -> None:
        raw = self.text_of(node)
        position = offset
        for item in re.finditer(r"[\"']?([A-Za-z_][\w.\-]*)=", raw[offset:]):
            key = item.group(1)
            parts = tuple(key.split("."))
            kind, reported = classify_path(parts[:-1], parts[-1])
            if kind == "api-token":
                start, end = self.sub_bytes(node, position + item.start(1),
                                            position + item.end(1))
                self.setting(node, reported, True, kind, start, end)

    # -- HTTP clients -----------------------------------------------------------------------

    def request(self, node: ts.Node, url: ts.Node | None, method: str | None, via: str,
                data: list[tuple[ts.Node, int]], basic: bool, follow: bool | None,
                verify: bool | None) -> None:
        call = HttpCall(node, url, method, self.scope, self.context, via, {}, basic=basic,
                        follow_redirects=follow, verify_tls=verify)
        for value_node, offset in data:
            self.form_argument(call, value_node, offset)
        self.http(call)

    def form_argument(self, call: HttpCall, node: ts.Node, offset: int) -> None:
        value = self.value(node, self.module_scope)
        if value is None or not value.known:
            return
        template = value.template[offset:]
        if template.startswith("@"):
            return
        pairs = [m.group(1) for m in _FORM_PAIR.finditer(template)]
        if len(pairs) == 1 and template.startswith(pairs[0] + "="):
            self.form_parts[self.key(node)] = offset + len(pairs[0]) + 1
            call.form.setdefault(pairs[0], node)
        elif pairs and call.form_text is None and offset == 0:
            call.form_text = node
        else:
            for name in pairs:
                call.form.setdefault(name, None)

    def url_operand(self, operands: list[ts.Node]) -> ts.Node | None:
        for operand in operands:
            template = self.arg_text(operand)
            if "://" in template or "/api/" in template or "/oauth2/" in template:
                return operand
        return operands[0] if operands else None

    def curl(self, node: ts.Node, args: list[ts.Node]) -> None:
        found, operands = self.options(args, _CURL_SHORT_ARG, _CURL_LONG_ARG)
        method: str | None = None
        data: list[tuple[ts.Node, int]] = []
        basic = follow = False
        verify = True
        url: ts.Node | None = None
        get = False
        for flag, value, offset in found:
            if flag in ("-X", "--request") and value is not None:
                method = self.arg_text(value)[offset:].upper() or None
            elif flag in _CURL_DATA and value is not None:
                data.append((value, offset))
            elif flag in ("-u", "--user"):
                basic = True
                if value is not None:
                    self.basic_secret(value, offset, operands)
            elif flag in ("-L", "--location", "--location-trusted"):
                follow = True
            elif flag in ("-k", "--insecure"):
                verify = False
            elif flag == "--url" and value is not None:
                url = value
            elif flag in ("-G", "--get"):
                get = True
            elif flag in ("-I", "--head"):
                method = method or "HEAD"
            elif flag in ("-T", "--upload-file"):
                method = method or "PUT"
            elif flag in ("-H", "--header") and value is not None:
                text = self.arg_text(value)[offset:]
                if re.match(r"\s*authorization\s*:\s*basic\b", text, re.IGNORECASE):
                    basic = True
        if method is None:
            method = "POST" if data and not get else "GET"
        url = url or self.url_operand(operands)
        if url is None:
            return
        self.request(node, url, method, "curl", data, basic, follow, verify)

    def basic_secret(self, node: ts.Node, offset: int, operands: list[ts.Node]) -> None:
        """``curl -u client_id:secret …/v1/token``: the secret half is a client secret."""
        text = self.arg_text(node)[offset:]
        if ":" not in text or "\x00" in text.split(":", 1)[1]:
            return
        if not any(endpoint_kind(self.arg_text(o))[0] for o in operands):
            return
        raw = self.text_of(node)
        colon = raw.find(":", offset)
        if colon >= 0:
            self.named_secret("client_secret", node, colon + 1)

    def wget(self, node: ts.Node, args: list[ts.Node]) -> None:
        found, operands = self.options(args, _WGET_SHORT_ARG, _WGET_LONG_ARG)
        method: str | None = None
        data: list[tuple[ts.Node, int]] = []
        basic = False
        verify = True
        follow = True
        for flag, value, offset in found:
            if flag in ("--post-data", "--body-data") and value is not None:
                data.append((value, offset))
                method = method or "POST"
            elif flag == "--method" and value is not None:
                method = self.arg_text(value)[offset:].upper() or None
            elif flag in ("--user", "--http-user", "--password", "--http-password"):
                basic = True
            elif flag == "--no-check-certificate":
                verify = False
            elif flag == "--max-redirect" and value is not None:
                follow = self.arg_text(value)[offset:] != "0"
        url = self.url_operand(operands)
        if url is not None:
            self.request(node, url, method or "GET", "wget", data, basic, follow, verify)

    def httpie(self, node: ts.Node, args: list[ts.Node], name: str) -> None:
        operands: list[ts.Node] = []
        basic = follow = False
        verify = True
        index = 0
        while index < len(args):
            text = self.arg_text(args[index])
            index += 1
            if text.startswith("-") and not operands:
                flag, equals, rest = text.partition("=")
                if flag in ("--auth", "-a"):
                    basic = True
                if flag in ("--follow", "-F"):
                    follow = True
                if flag == "--verify":
                    value = rest if equals else (self.arg_text(args[index]) if index < len(args)
                                                 else "")
                    verify = value.lower() not in ("no", "false")
                if flag in _HTTPIE_ARG and not equals:
                    index += 1
                continue
            operands.append(args[index - 1])
        method: str | None = None
        if operands and self.arg_text(operands[0]) in _METHODS:
            method = self.arg_text(operands[0])
            operands = operands[1:]
        if not operands:
            return
        url, items = operands[0], operands[1:]
        data: list[tuple[ts.Node, int]] = []
        for item in items:
            text = self.arg_text(item)
            match = re.match(r"([^:=@\x00]*)(==|:=|=|:|@)", text)
            if match is None:
                continue
            if match.group(2) == ":" and match.group(1).strip().lower() == "authorization":
                self.header_nodes.append((item, 0, self.context, "httpie"))
            elif match.group(2) == "=":
                data.append((item, 0))
        if method is None:
            method = "POST" if data else "GET"
        self.request(node, url, method, "httpie", data, basic, follow, verify)

    # -- values -----------------------------------------------------------------------------

    # -- after the walk ---------------------------------------------------------------------

    def header_span(self, node: ts.Node, offset: int) -> tuple[int, int]:
        raw = self.text_of(node)
        at = raw.lower().find("authorization", offset)
        if at < 0:
            return node.start_byte, node.end_byte
        end = len(raw)
        if raw[-1:] in ("'", '"') and end - 1 > at:
            end -= 1
        while end > at and raw[end - 1] in " \t":
            end -= 1
        return self.sub_bytes(node, at, end)

    def finish(self) -> None:
        for node, offset, context, via in self.header_nodes:
            value = self.value(node, self.module_scope)
            if value is None:
                continue
            marked = drop_prefix(value, offset).marked()
            match = _AUTH_LINE.match(marked)
            if match is None:
                continue
            start, end = self.header_span(node, offset)
            if start in self.header_starts:
                continue
            self.header_starts.add(start)
            self.consumed.add(self.key(node))
            self.facts.append(AuthHeader(self.span_bytes(start, end), context,
                                         header_scheme(marked, match.end()), via))
        for node, context in self.nested:
            raw = self.text_of(node)
            for head, value_end, scheme in header_args(raw):
                start, end = self.sub_bytes(node, head, value_end)
                if start in self.header_starts:
                    continue
                self.header_starts.add(start)
                self.consumed.add(self.key(node))
                self.facts.append(AuthHeader(self.span_bytes(start, end), context, scheme,
                                             "curl"))
        for node, context in self.assigned:
            if self.key(node) in self.consumed:
                continue
            value = self.value(node, self.module_scope)
            if value is None:
                continue
            marked = value.marked()
            match = _AUTH_LINE.match(marked)
            if match is not None:
                scheme = header_scheme(marked, match.end())
                start, end = self.header_span(node, 0)
            elif _SSWS_VALUE.match(marked) and self.ssws_file:
                scheme = "SSWS"
                start, end = node.start_byte, node.end_byte
            else:
                continue
            if start not in self.header_starts:
                self.header_starts.add(start)
                self.facts.append(AuthHeader(self.span_bytes(start, end), context, scheme,
                                             "literal"))
        self.form_secrets()
        super().finish()

    def form_secrets(self) -> None:
        """``client_secret=…`` anywhere outside comments (a form body, a URL, a heredoc)."""
        if b"secret" not in self.data.lower():
            return
        code = bytearray(self.data)
        for comment in self.comment_ranges:
            code[comment[0] : comment[1]] = b" " * (comment[1] - comment[0])
        text = code.decode("utf-8", "replace")
        ascii_text = text.isascii()
        for name, start, end in urlencoded_secrets(text):
            value = text[start:end]
            kind = config_secret_kind(name, value)
            if kind is None:
                continue
            if not ascii_text:
                start = len(text[:start].encode("utf-8"))
                end = start + len(value.encode("utf-8"))
            span = self.span_bytes(start, end)
            self.secrets.setdefault((span, kind), SecretLiteral(
                span, "", kind, redact_value(value), name, self.okta_file))

    def result(self) -> FileFacts:
        self.facts = list(dict.fromkeys(self.facts))
        return super().result()


def _load_grammar() -> object:
    """The tree-sitter-bash grammar, imported with the first Bash file (a run without one never
    loads the wheel)."""
    import tree_sitter_bash

    return tree_sitter_bash.language()


BASH_GRAMMAR: Final = GrammarSource("bash", "tree-sitter-bash", _load_grammar)
SHELL: Final = TreeSitterLanguage(BASH_GRAMMAR, BashAnalyzer, text_on_syntax_errors=True)
