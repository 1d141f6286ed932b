"""PHP settings files: a config file that returns an array (Laravel's ``config/*.php``) and
fills an entry from the environment (``'api_token' => env('OKTA_API_TOKEN')``) provisions that
variable just as a ``.env`` line does, so it is an OIN104 ``CredentialSetting``.

Only arrays under the file's own top-level ``return`` count: ``env()`` read inside a function
builds a client at run time (OIN101/OIN102 judge that use, not the settings).
"""

from __future__ import annotations

import re
from typing import Final

import tree_sitter as ts

from oinlint.credentials import credential_kind_for_name

__all__ = ["FILE_KIND", "is_settings_array_value", "provisioned_api_token"]

FILE_KIND: Final = "PHP"
_ENV_READERS: Final = frozenset({"env", "getenv"})
# per-deployment variants of one variable: OKTA_PROD_API_TOKEN, OKTA_API_TOKEN_DEV
_STAGE: Final = (r"(?:prod|production|preview|dev|develop|development|staging|stage|test|qa|uat"
          r"|sandbox|live)")
_STAGE_INFIX: Final = re.compile(rf"^(okta[-_.]){_STAGE}[-_.]", re.IGNORECASE)
_STAGE_SUFFIX: Final = re.compile(rf"[-_.]{_STAGE}$", re.IGNORECASE)


def _api_token_name(name: str) -> bool:
    """True for an Okta API-token variable name, also with a deployment stage in it."""
    bare = _STAGE_SUFFIX.sub("", _STAGE_INFIX.sub(r"\1", name.strip()))
    return credential_kind_for_name(bare) == "api-token"


def is_settings_array_value(node: ts.Node) -> bool:
    """The node sits in an array the file returns at its top level (nested arrays too)."""
    parent = node.parent
    while parent is not None and parent.type in ("array_element_initializer",
                                                 "array_creation_expression"):
        parent = parent.parent
    return (parent is not None and parent.type == "return_statement"
            and parent.parent is not None and parent.parent.type == "program")


def provisioned_api_token(value: ts.Node) -> tuple[str, ts.Node] | None:
    """(variable name, the ``env(…)`` call) when an array entry's value reads an Okta
    API-token variable from the environment."""
    if value.type != "function_call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or function.text is None:
        return None
    if function.text.decode("utf-8", "replace").lstrip("\\").lower() not in _ENV_READERS:
        return None
    arguments = value.child_by_field_name("arguments")
    first = next((a for a in arguments.named_children if a.type == "argument"), None) \
        if arguments is not None else None
    string = first.named_children[-1] if first is not None and first.named_child_count else None
    if string is None or string.type != "string":
        return None
    content = "".join(c.text.decode("utf-8", "replace") for c in string.named_children
                      if c.type == "string_content" and c.text is not None)
    if not content or not _api_token_name(content):
        return None
    return content, value
