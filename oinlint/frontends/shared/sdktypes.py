"""Names declared with an Okta SDK API class as their type, in Java and C# source.

okta-sdk-java and okta-sdk-dotnet call the management API through one class per resource
(``UserApi``, ``GroupApi``, ``IUserApi``). A call is recognised by its receiver; a receiver
named after its class (``userApi.listUsers()``) needs nothing more, but one held in a field,
a parameter or a local of another name (``private final UserApi users;`` … ``users.listUsers()``,
``IUserApi _users``) is known only by its declared type, and the declaration may come after the
use or sit in a constructor. So the file's text is read once for ``<Type>Api <name>``
declarations, in any order, before the walk decides. The caller has already checked that the
file uses the Okta SDK.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["typed_api_names"]

# ``UserApi users;`` / ``IUserApi _users,`` / ``final GroupApi groups = …`` / ``(UserApi api)``
_DECLARATION: Final = re.compile(
    r"\b(?:I?[A-Z]\w*Api)(?:<[^<>;]*>)?\??\s+(@?[A-Za-z_]\w*)\s*(?=[;=,)])")


def typed_api_names(text: str) -> frozenset[str]:
    """The names declared with a type whose name ends in ``Api``."""
    return frozenset(match.group(1).lstrip("@") for match in _DECLARATION.finditer(text))
