"""Ruby client wrappers: the one transport call a client class routes every request through,
with the verb handed in (``agent.call(method, "/api/v1" + path, …)`` (Sawyer),
``@http.auth("SSWS #{t}").send(action, base + url)`` (HTTP.rb / dynamic dispatch),
``conn.run_request(method, url, body, headers)`` (Faraday)).

Such a call is where the integration talks to Okta's management API, so it is the hygiene
rules' call site (``HttpApiUse``, OIN501): when its URL carries the ``/api/v1`` prefix, or when
the request is sent with an ``SSWS`` API token (only Okta's management API takes one). The
path after the prefix comes from the callers, so it is a ``{}`` hole.
"""

from __future__ import annotations

import re
from typing import Final

import tree_sitter as ts

__all__ = ["DYNAMIC_VERB_CALLS", "verb_of", "wrapped_api_path"]

# methods whose first argument is the HTTP verb and second the URL
DYNAMIC_VERB_CALLS: Final = frozenset({"send", "public_send", "__send__", "call", "run_request",
                                       "request"})
_VERBS: Final = frozenset({"get", "post", "put", "patch", "delete", "head"})
_API_PREFIX: Final = re.compile(r"/api/v1(?:/|\{\}|$)")
_SSWS: Final = re.compile(r"""["']SSWS\b""")


def verb_of(node: ts.Node, text: str) -> tuple[bool, str | None]:
    """(is a verb argument, the verb when literal): ``:get``/``'post'`` → (True, "POST");
    a plain name (``method``, ``action``) → (True, None); anything else → (False, None)."""
    if node.type == "identifier":
        return True, None
    word = text.lstrip(":").strip("'\"").lower()
    if node.type in ("simple_symbol", "string") and word in _VERBS:
        return True, word.upper()
    return False, None


def wrapped_api_path(template: str | None, receiver_text: str) -> str | None:
    """The ``/api/v1/…`` path a wrapper's transport call sends, its caller's part a hole;
    None when neither the URL nor an ``SSWS`` authorization in the receiver says Okta."""
    if template is not None:
        found = _API_PREFIX.search(template.split("?", 1)[0])
        if found is not None:
            rest = template[found.start() + len("/api/v1"):].split("?", 1)[0]
            rest = rest if rest.startswith("/") else "/" + rest
            return "/api/v1" + re.sub(r"/+", "/", rest)
    if _SSWS.search(receiver_text):
        return "/api/v1/{}"
    return None
