"""Front ends: one per family of languages, each turning a file's text into :class:`FileFacts`.

A front end knows a language, never a rule. ``parse`` is the single entry point: it picks the
language's front end from the table in :mod:`oinlint.frontends.languages` and guarantees that a
front end's own failure becomes a :class:`~oinlint.facts.ParseProblem` instead of an exception.
"""

from __future__ import annotations

from dataclasses import replace

from oinlint.facts import Fact, FileFacts, OktaEvidence, ParseProblem, Span, UrlHost
from oinlint.frontends.languages import Frontend, frontend_of, parse_text
from oinlint.frontends.shared.transport import okta_evidence_site, url_host_sites

__all__ = ["parse"]


def parse(path: str, text: str, language: str) -> FileFacts:
    """Facts for one file. Never raises for bad input: problems come back as ParseProblems."""
    frontend = frontend_of(language)
    try:
        return with_okta_evidence(frontend(path, text, language), text)
    except RecursionError:
        message = "file is nested too deeply to analyse"
    except Exception as exc:  # a front-end bug must not stop the run
        message = f"internal error in the {language} front end: {type(exc).__name__}: {exc}"
    problem = ParseProblem(Span(path, 1, 1, 1, 1), message)
    return with_okta_evidence(_text_instead(path, text, language, frontend, problem), text)


def with_okta_evidence(facts: FileFacts, text: str) -> FileFacts:
    """The file's facts plus where it first names Okta (the evidence the transport rules and
    OIN607 need: a file that never names Okta is some other product's code) and the hosts its
    URLs name (a configured custom Okta domain is evidence too, decided at rule time)."""
    added: list[Fact] = []
    site = okta_evidence_site(text)
    if site is not None:
        line, column, word = site
        added.append(OktaEvidence(Span(facts.path, line, column, line, column + len(word)), "",
                                  word))
    for line, column, host, secure in url_host_sites(text):
        added.append(UrlHost(Span(facts.path, line, column, line, column + len(host)), "", host,
                             secure))
    if not added:
        return facts
    return replace(facts, facts=(*facts.facts, *added))


def _text_instead(path: str, text: str, language: str, failed: Frontend,
                  problem: ParseProblem) -> FileFacts:
    """The file's problem plus what the text front end finds in it, so a file nested too deeply
    for its front end still reports the token it holds. The text front end itself (the JSON or
    YAML walker) can be what failed: then its plain scan of the text, as for a README."""
    for fallback_language in (language, "text"):
        if failed is parse_text and fallback_language == language:
            continue
        try:
            facts = parse_text(path, text, fallback_language)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException:  # the next, plainer scan, or the problem alone
            continue
        return replace(facts, language=language, problems=(problem, *facts.problems))
    return FileFacts(path=path, language=language, problems=(problem,))
