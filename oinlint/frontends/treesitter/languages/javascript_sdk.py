"""okta-sdk-nodejs calls that are not named like an Okta operation.

Two shapes: the v4-v6 SDK's *model* methods (``user.addToGroup(groupId)``,
``group.removeUser(userId)``, ``user.deactivate()``) on an object the SDK returned, and the
v6 client's own names for a few operations (``client.addUserToGroup``). Each maps to the
operationId it calls, so the scope analysis knows the scopes it needs.

A model method counts only with evidence that the object comes from the SDK: a type annotation
naming an SDK model (``user: okta.User``, ``User`` imported from ``@okta/okta-sdk-nodejs``), the
value of a client call (``const g = await client.getGroup(id)``), or the parameter of a callback
on one (``client.getGroup(id).then(g => g.removeUser(u))``, ``client.listUsers().each(u => ..)``).
``user.deactivate()`` on any other object is not Okta.

Across modules: a client made at the top level of a module (``export const client = new
okta.Client(…)``) or returned by a function of it (``export const makeClient = () => new
okta.Client(…)``) is a ``SdkClientExport``; an operation called on an imported name or on what an
imported function returns (``client.userApi.listUsers()``, ``makeClient().listGroups()``) in a
file that does not itself use the SDK is an ``ImportedSdkCall``, which :mod:`oinlint.crossfile`
turns into an ``ApiCall`` when the name is such a client.
"""

from __future__ import annotations

from typing import Final

import tree_sitter as ts

from oinlint.facts import ImportedSdkCall, SdkClientExport
from oinlint.frontends.treesitter.languages.javascript_project import JavaScriptProject
from oinlint.frontends.treesitter.languages.javascript_values import UNWRAP
from oinlint.frontends.treesitter.walk import descendants
from oinlint.okta import lookup

__all__ = ["CLIENT_NAMES", "MODEL_METHODS", "OKTA_MODULE", "JavaScriptSdk"]

OKTA_MODULE: Final = "@okta/okta-sdk-nodejs"

# model class → its method → the operationId it calls (okta-sdk-nodejs v4-v6 models)
MODEL_METHODS: Final[dict[str, dict[str, str]]] = {
    "User": {
        "activate": "activateUser", "deactivate": "deactivateUser", "delete": "deleteUser",
        "suspend": "suspendUser", "unsuspend": "unsuspendUser", "unlock": "unlockUser",
        "reactivate": "reactivateUser", "update": "updateUser",
        "addToGroup": "assignUserToGroup", "listGroups": "listUserGroups",
        "listAppLinks": "listAppLinks", "resetPassword": "resetPassword",
        "expirePassword": "expirePassword", "changePassword": "changePassword",
        "forgotPassword": "forgotPassword", "listFactors": "listFactors",
        "listAssignedRoles": "listAssignedRolesForUser", "assignRole": "assignRoleToUser",
        "removeRole": "unassignRoleFromUser", "clearSessions": "revokeUserSessions",
    },
    "Group": {
        "removeUser": "unassignUserFromGroup", "listUsers": "listGroupUsers",
        "delete": "deleteGroup", "update": "replaceGroup",
        "listApplications": "listAssignedApplicationsForGroup",
    },
    "Application": {
        "activate": "activateApplication", "deactivate": "deactivateApplication",
        "delete": "deleteApplication", "update": "replaceApplication",
        "listApplicationUsers": "listApplicationUsers",
        "assignUserToApplication": "assignUserToApplication",
        "createApplicationGroupAssignment": "assignGroupToApplication",
        "listGroupAssignments": "listApplicationGroupAssignments",
    },
}
# client method → the model class of what it resolves to (or of each item it lists)
_CLIENT_RETURNS: Final = {
    "getUser": "User", "createUser": "User", "listUsers": "User", "listGroupUsers": "User",
    "getGroup": "Group", "createGroup": "Group", "listGroups": "Group",
    "listUserGroups": "Group", "getApplication": "Application",
    "createApplication": "Application", "listApplications": "Application",
}
# the v6 client's names for operations whose operationId differs
CLIENT_NAMES: Final = {
    "addUserToGroup": "assignUserToGroup", "removeUserFromGroup": "unassignUserFromGroup",
    "removeGroupUser": "unassignUserFromGroup", "deactivateOrDeleteUser": "deleteUser",
    "updateGroup": "replaceGroup", "createGroup": "addGroup", "getLogs": "listLogEvents",
    "updateApplication": "replaceApplication", "deleteApplicationUser":
    "unassignUserFromApplication", "createApplicationGroupAssignment":
    "assignGroupToApplication",
}
# callbacks whose first parameter is what the receiving promise or collection yields
_CALLBACKS: Final = frozenset({"then", "each", "forEach", "map"})
_FUNCTION_TYPES: Final = frozenset({"arrow_function", "function_expression", "function",
                                    "function_declaration", "method_definition"})


class JavaScriptSdk(JavaScriptProject):
    """Which okta-sdk-nodejs model or client method a call is, with evidence of its receiver."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.okta_modules: set[str] = set()
        self.okta_classes: set[str] = set()
        self.okta_models: dict[str, str] = {}  # local name → SDK model class (``User``)
        # the file imports or requires @okta/okta-sdk-nodejs (anything from it)
        self.okta_sdk_file = False

    def sdk_receiver(self, receiver: ts.Node) -> bool:
        """Is ``receiver`` an okta-sdk-nodejs client or one of its API objects (overridden by
        the analyzer, which knows the client's names)."""
        return False

    def sdk_export(self, node: ts.Node) -> None:
        """``new okta.Client(…)`` bound to a top-level name, or returned by a top-level
        function: a client other modules may import."""
        current = node.parent
        while current is not None and current.type in UNWRAP:
            current = current.parent
        if current is None:
            return
        if current.type == "variable_declarator" and not self.context:
            name = current.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                self.facts.append(SdkClientExport(self.span(node), "", self.text_of(name),
                                                  "okta-sdk-nodejs"))
            return
        field = _kept_field(current)
        cls = _enclosing_class(node)
        if field is not None and cls is not None:
            # ``protected client = new Client(…)`` / ``this.client = new Client(…)``: the
            # client of the class's subclasses in other modules (``this.client.userApi…``)
            self.facts.append(SdkClientExport(self.span(node), "", f"{cls}.{field}",
                                              "okta-sdk-nodejs"))
            return
        returned = current.type == "return_statement" or (
            current.type == "arrow_function" and current.child_by_field_name("body") is not None
            and self._body_is(current, node))
        if returned and self.context and "." not in self.context:
            self.facts.append(SdkClientExport(self.span(node), "", self.context,
                                              "okta-sdk-nodejs"))

    @staticmethod
    def _body_is(arrow: ts.Node, node: ts.Node) -> bool:
        body = arrow.child_by_field_name("body")
        while body is not None and body.type in UNWRAP and body.named_child_count:
            if body == node:
                return True
            body = body.named_children[0]
        return body == node

    def imported_sdk_call(self, node: ts.Node, name: str, receiver: ts.Node) -> None:
        """An Okta operation on an imported name or an imported function's result, in a file
        that does not use the SDK itself (``client.userApi.listUsers()``)."""
        op = lookup(CLIENT_NAMES.get(name, name))
        if op is None:
            return
        root = receiver
        if root.type == "member_expression" and self.text_of(root).endswith("Api"):
            root = root.child_by_field_name("object") or root
        while root.type in UNWRAP and root.named_child_count:
            root = root.named_children[0]
        callee: str | None = None
        if root.type == "identifier":
            text = self.text_of(root)
            callee = self.imported(text, self.scope)
            bound = self.scope.lookup(text) if callee is None else None
            if bound is not None:
                root = bound[0]
                while root.type in UNWRAP and root.named_child_count:
                    root = root.named_children[0]
        if callee is None and root.type == "call_expression":
            function = root.child_by_field_name("function")
            if function is not None and function.type == "identifier":
                callee = self.imported(self.text_of(function), self.scope)
        if callee is None and root.type == "member_expression":
            callee = self.inherited_field(root)
        if callee is not None:
            self.facts.append(ImportedSdkCall(self.span(node), self.context, callee, name))

    def inherited_field(self, member: ts.Node) -> str | None:
        """``this.client`` in a class that extends an imported one (``class Users extends
        OktaBase``): the field as the base's module names it (``./base#OktaBase.client``)."""
        obj = member.child_by_field_name("object")
        prop = self.name_of(member.child_by_field_name("property"))
        if obj is None or obj.type != "this" or prop is None:
            return None
        current: ts.Node | None = member
        while current is not None and current.type not in _CLASSES:
            current = current.parent
        heritage = next((c for c in current.children if c.type == "class_heritage"),
                        None) if current is not None else None
        if heritage is None:
            return None
        base = next((n for n in descendants(heritage) if n.type == "identifier"), None)
        imported = self.imported(self.text_of(base), self.module_scope) if base else None
        if imported is None:
            return None
        return f"{imported}.{prop}" if not imported.endswith("#") else imported + prop

    def sdk_model_operation(self, name: str, receiver: ts.Node, call: ts.Node) -> str | None:
        """The operationId a model method or v6 client name calls, else None."""
        if not self.okta_sdk_file:
            return None
        if name in CLIENT_NAMES and self.sdk_receiver(receiver):
            return CLIENT_NAMES[name]
        methods = MODEL_METHODS.get(self.model_class(receiver, call) or "")
        return methods.get(name) if methods else None

    def model_class(self, receiver: ts.Node, call: ts.Node) -> str | None:
        """The SDK model class of ``receiver`` when the code shows it (else None)."""
        while receiver.type in UNWRAP and receiver.named_child_count:
            receiver = receiver.named_children[0]
        if receiver.type != "identifier":
            return None
        name = self.text_of(receiver)
        found = self.scope.lookup(name)
        if found is not None:
            return self.returned_model(found[0])
        return self.parameter_model(name, call)

    def returned_model(self, value: ts.Node) -> str | None:
        """``client.getUser(id)`` (awaited or not): the model it resolves to."""
        while value.type in UNWRAP and value.named_child_count:
            value = value.named_children[0]
        if value.type != "call_expression":
            return None
        method, receiver = self.callee(value)
        if method in _CLIENT_RETURNS and receiver is not None and self.sdk_receiver(receiver):
            return _CLIENT_RETURNS[method]
        return None

    def parameter_model(self, name: str, call: ts.Node) -> str | None:
        """The model of the innermost enclosing function's parameter ``name``: from its type
        annotation, or as the callback of ``.then``/``.each`` on a client call."""
        node = call.parent
        while node is not None:
            if node.type in _FUNCTION_TYPES:
                param = self.parameter(node, name)
                if param is not None:
                    return self.annotated_model(param) or self.callback_model(node)
            node = node.parent
        return None

    def parameter(self, function: ts.Node, name: str) -> ts.Node | None:
        single = function.child_by_field_name("parameter")  # ``g => ...``
        if single is not None:
            return single if self.text_of(single) == name else None
        params = function.child_by_field_name("parameters")
        for param in params.named_children if params is not None else ():
            target = param.child_by_field_name("pattern") or param
            if target.type == "identifier" and self.text_of(target) == name:
                return param
        return None

    def annotated_model(self, param: ts.Node) -> str | None:
        """``user: okta.User`` (the SDK imported as ``okta``) or ``user: User`` (imported)."""
        annotation = param.child_by_field_name("type")
        if annotation is None or not annotation.named_children:
            return None
        kind = annotation.named_children[0]
        text = self.text_of(kind)
        module, _, cls = text.rpartition(".")
        if module:
            return cls if module in self.okta_modules and cls in MODEL_METHODS else None
        return self.okta_models.get(text)

    def callback_model(self, function: ts.Node) -> str | None:
        """``client.getGroup(id).then(g => ...)``: the model the client call yields."""
        args = function.parent
        call = args.parent if args is not None and args.type == "arguments" else None
        if call is None or call.type != "call_expression" or args is None \
                or not args.named_children or args.named_children[0] != function:
            return None
        method, source = self.callee(call)
        if method not in _CALLBACKS or source is None:
            return None
        return self.returned_model(source)


_CLASSES: Final = frozenset({"class_declaration", "class", "abstract_class_declaration"})


def _kept_field(node: ts.Node) -> str | None:
    """The field a value is kept in: a class field's name, or ``X`` of ``this.X = …``."""
    if node.type in ("public_field_definition", "field_definition"):
        name = node.child_by_field_name("name") or node.child_by_field_name("property")
        return name.text.decode() if name is not None and name.text is not None else None
    if node.type == "assignment_expression":
        left = node.child_by_field_name("left")
        obj = left.child_by_field_name("object") if left is not None else None
        prop = left.child_by_field_name("property") if left is not None else None
        if obj is not None and obj.type == "this" and prop is not None and prop.text:
            return prop.text.decode()
    return None


def _enclosing_class(node: ts.Node) -> str | None:
    current: ts.Node | None = node.parent
    while current is not None and current.type not in _CLASSES:
        current = current.parent
    name = current.child_by_field_name("name") if current is not None else None
    return name.text.decode() if name is not None and name.text is not None else None
