"""OIN6xx: the submission metadata file (``oin-submission.yaml``).

The loader (:mod:`oinlint.submission`) validates the file and attaches every problem, with its
rule code, to the node that is wrong; these project rules report them. OIN607 is the one rule
that looks at the code as well: a missing submission matters only in a project that talks to
Okta, so it fires only when some file produced Okta facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from oinlint.checks.interface import Hit, ProjectFacts, ProjectRule, project_rule
from oinlint.checks.transport import okta_evidence_of
from oinlint.config import DEFAULT_TEST_PATHS
from oinlint.facts import (
    ApiCall,
    AuthHeader,
    CredentialSetting,
    Fact,
    FileFacts,
    ScopeList,
    SdkClient,
    SecretLiteral,
    TokenRequest,
)
from oinlint.frontends.pathclass import is_test_file
from oinlint.submission import DEFAULT_SUBMISSION, Submission

__all__ = ["MISSING_FIX", "okta_evidence"]

MISSING_FIX = (f"Run `oinlint init` to write a commented `{DEFAULT_SUBMISSION}` at the project "
               "root, or set `submission =` in the configuration to where the file is.")


def _reported(project: ProjectFacts, code: str) -> Iterator[Hit]:
    submission = project.submission
    if not isinstance(submission, Submission):
        return
    for problem in submission.problems_for(code):
        yield Hit(problem.span, problem.field, {"problem": problem.message}, fix=problem.fix)


def _reporter(code: str) -> ProjectRule:
    """The loader already found these problems; the rule only reports them."""

    def report(project: ProjectFacts) -> Iterator[Hit]:
        yield from _reported(project, code)

    report.__name__ = report.__qualname__ = f"report_{code}"
    return report


for _code in ("OIN601", "OIN602", "OIN603", "OIN604", "OIN605", "OIN606", "OIN608"):
    project_rule(_code)(_reporter(_code))


def _evidence_of(fact: Fact) -> tuple[int, str] | None:
    """(strength, what) when a fact shows that the code talks to Okta; None otherwise."""
    if isinstance(fact, ApiCall):
        return 0, "an Okta API call"
    if isinstance(fact, TokenRequest):
        if fact.via == "okta-sdk-oauth":
            return None  # the SDK client is the evidence (an SdkClient fact)
        okta_scopes = any(s.name.startswith("okta.") for s in fact.scopes)
        if fact.endpoint_kind != "unknown" or okta_scopes:
            return 0, "an Okta token request"
        return None
    if isinstance(fact, SdkClient):
        return 1, f"an {fact.sdk} client"
    if isinstance(fact, ScopeList):
        if fact.role != "submission" and any(s.name.startswith("okta.") for s in fact.scopes):
            return 1, "Okta scopes"
        return None
    if isinstance(fact, AuthHeader):
        if fact.scheme is not None and fact.scheme.upper() == "SSWS":
            return 2, "an SSWS Authorization header"
        return None
    if isinstance(fact, SecretLiteral):
        if fact.kind == "api-token":
            return 3, "an Okta API token"
        return (3, "an Okta credential") if fact.okta_context else None
    if isinstance(fact, CredentialSetting):
        return 3, f"the {fact.name} setting"
    return None


def _okta_named(fact: Fact) -> bool:
    """Facts that are Okta's by their own shape (an SDK, an SSWS header, ``okta.*`` scopes, an
    API token's shape, an ``OKTA_…`` setting) rather than by the file they are in."""
    if isinstance(fact, CredentialSetting):
        return "okta" in fact.name.lower()
    if isinstance(fact, TokenRequest):
        return any(s.name.startswith("okta.") for s in fact.scopes)
    if isinstance(fact, ApiCall):  # an SDK's method names its operation; an HTTP call may not
        return fact.operation_id is not None and not fact.via.startswith("http")
    return True


# Folders of the default ``test-paths`` (``tests/``, ``docs/``): evidence there comes last.
_TEST_FOLDERS = frozenset(g for g in DEFAULT_TEST_PATHS if g.isidentifier())


def _test_like(path: str) -> bool:
    """A test, fixture, mock or docs file, by its name or any folder of its path: OIN607 is off
    in ``test-paths``, so its evidence is taken from them only when there is no other."""
    folders = path.replace("\\", "/").split("/")[:-1]
    return is_test_file(path) or any(folder in _TEST_FOLDERS for folder in folders)


def okta_evidence(files: Iterable[FileFacts]) -> tuple[Fact, str] | None:
    """The strongest sign that the project talks to Okta (first in path order, tests, fixtures
    and docs last), if any. An HTTP call to some ``/api/v1/``, a token request or a credential
    setting counts only in a file that names Okta: Argo CD and Kandji have ``/api/v1/`` too."""
    best: tuple[tuple[bool, int, str, int, int], Fact, str] | None = None
    for facts in files:
        in_okta_file = okta_evidence_of(facts) is not None
        test = _test_like(facts.path)
        for fact in facts.facts:
            found = _evidence_of(fact)
            if found is None or not (in_okta_file or _okta_named(fact)):
                continue
            key = (test, found[0], fact.span.path, fact.span.line, fact.span.column)
            if best is None or key < best[0]:
                best = (key, fact, found[1])
    return (best[1], best[2]) if best else None


@project_rule("OIN607")
def submission_missing_or_unreadable(project: ProjectFacts) -> Iterator[Hit]:
    if project.submission is not None:
        yield from _reported(project, "OIN607")
        return
    evidence = okta_evidence(project.files)
    if evidence is None:  # not an Okta project: nothing to submit
        return
    fact, what = evidence
    yield Hit(fact.span, fact.context, {"problem": (
        f"this project uses Okta ({what} here) but has no submission metadata: write "
        f"{DEFAULT_SUBMISSION} at the project root (`oinlint init` starts one) or point "
        "`submission =` at it")}, fix=MISSING_FIX)
