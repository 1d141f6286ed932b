"""JavaScript/TypeScript URL builders of the same file, evaluated with each call's arguments:
``function apiUrl(path) { return `${ORG}/api/v1${path}` }`` then ``fetch(apiUrl('/users'))`` is
``GET /api/v1/users``; ``const base = () => `${ORG}/api/v1``` then ``fetch(`${base()}/groups`)``.
Before, both calls were unknown URLs."""

from __future__ import annotations

import pytest

from oinlint.facts import ApiCall
from oinlint.frontends import parse

HEAD = "const ORG = process.env.OKTA_ORG_URL;\n"


def calls(source: str) -> list[tuple[str | None, str | None]]:
    facts = parse("okta.ts", HEAD + source, "typescript")
    return [(c.method, c.path_template) for c in facts.of(ApiCall)]


@pytest.mark.parametrize("builder", [
    pytest.param("function apiUrl(path: string): string {\n  return `${ORG}/api/v1${path}`;\n}\n",
                 id="function-declaration"),
    pytest.param("const apiUrl = (path: string) => `${ORG}/api/v1${path}`;\n", id="arrow"),
    pytest.param("const apiUrl = function (path) {\n  const unused = 1;\n"
                 "  return ORG + '/api/v1' + path;\n};\n", id="function-expression"),
])
def test_a_builder_is_evaluated_with_the_calls_arguments(builder: str) -> None:
    source = builder + "export const users = () => fetch(apiUrl('/users'));\n"
    assert calls(source) == [("GET", "/api/v1/users")]


def test_a_builder_without_parameters() -> None:
    source = ("const base = () => `${ORG}/api/v1`;\n"
              "export const groups = () => fetch(`${base()}/groups`);\n")
    assert calls(source) == [("GET", "/api/v1/groups")]


def test_a_function_with_several_returns_is_not_guessed() -> None:
    source = ("function apiUrl(path: string, v2: boolean) {\n"
              "  if (v2) { return `${ORG}/api/v2${path}`; }\n"
              "  return `${ORG}/api/v1${path}`;\n}\n"
              "export const users = () => fetch(apiUrl('/users', false));\n")
    assert calls(source) == []


def test_a_builder_inside_a_wrapper_passes_the_path_on() -> None:
    source = ("const apiUrl = (path: string) => `${ORG}/api/v1${path}`;\n"
              "async function get(path: string) { return fetch(apiUrl(path)); }\n"
              "export const apps = () => get('/apps');\n")
    assert calls(source) == [("GET", "/api/v1/apps")]
