"""Step 6: replay the code's own token requests against a client granted the declared scopes.

A customer org grants what the submission declares; what breaks an integration is the code
asking for more. Each token request the static analysis found is replayed with its scopes and
the client authentication the code uses (identical requests are asked once), and its answer
recorded. Then, from what the code asks for:

* OIN907: the org refuses a replayed request (an undeclared scope, or the code's client
  authentication), located at the scope string or the request in the code;
* OIN908: an Okta call needs a scope that none of the code's requests asks for, located at
  the call;
* OIN909: a declared scope that no request asks for and no call needs.

A request whose scopes are unresolved is listed and never guessed; while one is, OIN908 and
OIN909 stay silent (that request might ask for anything).
"""

from __future__ import annotations

from oinlint.live.server_text import server_text
from oinlint.live.verify.model import ReplayResult
from oinlint.live.verify.replay_plan import CodeCall, CodeRequest, ReplayPlan
from oinlint.live.verify.session import Answer, Failed, Granted, VerifySession
from oinlint.okta import satisfies
from oinlint.scope_analysis import covers

__all__ = ["MAX_REPLAYS", "ReplayCheck"]

MAX_REPLAYS = 20  # distinct (scopes, method) requests: a real org is asked at most this often


class ReplayCheck(VerifySession):
    """Replays the code's token requests and compares what it asks for with what it calls."""

    def replay(self) -> None:
        plan = self.options.replay
        if plan is None:
            return
        replayed: list[ReplayResult] = []
        self.result.replayed = replayed
        answers: dict[tuple[tuple[str, ...], str | None], Answer] = {}
        for request in plan.requests:
            if not request.scopes:
                replayed.append(ReplayResult(request, "unresolved",
                                             detail="its scopes are not known statically"))
                continue
            if not request.replayable:
                replayed.append(ReplayResult(request, "skipped",
                                             detail=f"grant_type {request.grant_type}"))
                continue
            method = self.replay_method(request)
            key = (request.names, method)
            if key not in answers:
                if len(answers) >= MAX_REPLAYS:
                    replayed.append(ReplayResult(request, "skipped", detail=(
                        f"more than {MAX_REPLAYS} distinct token requests")))
                    continue
                self.budget += 1  # the replay's own request, on top of the check's budget
                self.result.budget = self.budget
                answers[key] = self.ask(request.names, method, step="replay")
            replayed.append(self.record(request, method or self.creds.method, answers[key]))
        if not plan.requests:
            self.result.notes.append("replay: no token request was found in the code")
        self.check_calls(plan)
        self.check_unused(plan)

    def replay_method(self, request: CodeRequest) -> str | None:
        """The client authentication to replay with (None: the credentials' own)."""
        wanted, have = request.auth_method, self.creds.method
        if request.endpoint_kind == "custom":
            self.result.notes.append(
                f"replay: the request at {request.where} goes to a custom authorization "
                "server (OIN401); replayed against the org authorization server")
        if wanted is None or wanted == have:
            return None
        if wanted == "client_secret_post" and self.creds.private_key is None:
            return wanted
        self.result.notes.append(
            f"replay: the request at {request.where} authenticates with {wanted}; replayed "
            f"with {have}, the method verify was given")
        return None

    def record(self, request: CodeRequest, method: str, answer: Answer) -> ReplayResult:
        names = " ".join(request.names)
        if isinstance(answer, Granted):
            left_out = [r for r in request.scopes or () if r.name not in answer.scopes]
            for ref in left_out:
                self.finding("OIN907", span=ref.span, scope=ref.name, scopes=names,
                             method=method, why="the token response leaves it out")
            return ReplayResult(request, "refused" if left_out else "granted", method,
                                answer.scopes)
        if isinstance(answer, Failed):
            why = f"{answer.error}" + (f" ({answer.description})" if answer.description else "")
            self.finding("OIN907", span=request.span, kind=f"replay:{request.where}",
                         scope=names, scopes=names, method=method, why=why)
            return ReplayResult(request, "failed", method, (), answer.error, answer.description)
        declared = set(self.declared)
        undeclared = [r for r in request.scopes or () if r.name not in declared]
        for ref in undeclared:
            self.finding("OIN907", span=ref.span, scope=ref.name, scopes=names, method=method,
                         why=f"`{ref.name}` is not declared in the submission ({answer.error})")
        if not undeclared:
            self.finding("OIN907", span=request.span, kind=f"replay:{request.where}",
                         scope=names, scopes=names, method=method, why=answer.error)
        return ReplayResult(request, "refused", method, (), answer.error,
                            server_text(answer.description))

    def asked(self, plan: ReplayPlan) -> frozenset[str] | None:
        """Every scope the code's requests ask for; None while one is unresolved (or none
        was found), when nothing can be said about what the code does not ask for."""
        if not plan.requests or plan.unresolved:
            return None
        return frozenset(name for r in plan.requests for name in r.names)

    def check_calls(self, plan: ReplayPlan) -> None:
        asked = self.asked(plan)
        if asked is None:
            if plan.unresolved:
                self.result.notes.append(
                    f"replay: {len(plan.unresolved)} token request(s) with unresolved scopes: "
                    "the calls' scopes are not compared with what the code asks for")
            return
        declared = set(self.declared)
        for call in plan.calls:
            for scope in _missing(call, asked):
                state = ("declared, but" if scope in declared else "not declared, and")
                self.finding("OIN908", span=call.span, kind=f"call:{call.where}:{scope}",
                             scope=scope, call=call.label, where=call.where, state=state,
                             requests=", ".join(r.where for r in plan.requests))

    def check_unused(self, plan: ReplayPlan) -> None:
        asked = self.asked(plan)
        if asked is None:
            return
        unused = [
            scope for scope in self.declared
            if not any(covers(have, scope) or covers(scope, have) for have in asked)
            and not any(covers(scope, needed) for call in plan.calls
                        for alt in call.alternatives or () for needed in alt)
            and not any(covers(scope, needed) for call in plan.unresolved_calls
                        for needed in call.could_need)]
        self.result.unused_declared = unused
        for scope in unused:
            self.finding("OIN909", scope, scope=scope)


def _missing(call: CodeCall, asked: frozenset[str]) -> tuple[str, ...]:
    """The scopes ``call`` needs beyond ``asked`` (its closest alternative; empty: none)."""
    if not call.alternatives:
        return ()
    best = min(call.alternatives,
               key=lambda alt: (sum(not satisfies(asked, s) for s in alt),
                                sum(s.endswith(".manage") for s in alt)))
    return tuple(s for s in best if not satisfies(asked, s))
