"""``oinlint verify``: wire the flags to the live check and render its result.

The client secret is read from ``OINLINT_CLIENT_SECRET``, a file, or stdin — never from argv,
where the process list and shell history would keep it.
"""

from __future__ import annotations

import argparse
import math
import os
import ssl
import sys
from pathlib import Path
from typing import Any

import httpx
import jwt
import yaml
from cryptography.hazmat.primitives.asymmetric import ec

from oinlint.cli._common import UsageError, write_output
from oinlint.cli._inputs import load_run_settings
from oinlint.cli._overwrite import guard_output
from oinlint.engine.run import check
from oinlint.facts import Span
from oinlint.live.client import OrgUrlError, Policy, normalise_org_url
from oinlint.live.declared import DeclaredScopesError, load_declared_scopes
from oinlint.live.emulator import Emulator
from oinlint.live.emulator.org_config import EmulatorConfigError, parse_config
from oinlint.live.verify import (
    Credentials,
    PrivateKey,
    PrivateKeyError,
    VerifyOptions,
    load_private_key,
    run_verify,
)
from oinlint.live.verify.replay_plan import ReplayPlan, plan_from_facts
from oinlint.printable import printable
from oinlint.redact import remember_secret
from oinlint.report.verify import render_verify
from oinlint.rules.catalogue import load_catalogue
from oinlint.submission.loader import OutsideProject, find_submission
from oinlint.submission.model import DEFAULT_SUBMISSION

__all__ = ["emulator_config", "run"]


# --- helpers ----------------------------------------------------------------------------------

def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML ({exc})") from None


def emulator_config(path: Path | None) -> Any:
    """The emulated org from an ``org.yaml`` (or the default org), or a usage error."""
    raw = _read_yaml(path) if path else None
    try:
        return parse_config(raw or {})
    except EmulatorConfigError as exc:
        raise UsageError(f"{path}: {exc}" if path else str(exc)) from None


def _secret(args: argparse.Namespace, required: bool) -> str | None:
    source = args.client_secret_file
    value: str | None
    if source == "-":
        value = sys.stdin.read()
    elif source:
        try:
            value = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            # Never the path: someone may have passed the secret itself as the "file"; and
            # not str(exc), which repeats it. errno's text (or "not UTF-8") names no value.
            remember_secret(source)
            why = ("it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError)
                   else exc.strerror or type(exc).__name__)
            message = (f"the client secret file could not be read ({why}); pass the path of a "
                       "file that holds the secret, or '-' to read stdin")
            raise UsageError(message) from None
    else:
        value = os.environ.get("OINLINT_CLIENT_SECRET")
    value = value.strip() if value else None
    if value:
        remember_secret(value)
        return value
    if required:
        raise UsageError("no client secret: set OINLINT_CLIENT_SECRET or pass --client-secret-file "
                     "FILE (or '-' to read stdin); it is never taken from the command line")
    return None


def _submission_path(args: argparse.Namespace) -> Path:
    if args.submission:
        return Path(args.submission)
    settings = load_run_settings(load_catalogue(), config=args.config)
    if settings.submission:  # from a configuration file: untrusted, read only inside the root
        base = settings.config_file.parent if settings.config_file else settings.root
        try:
            found = find_submission(settings.root, base / settings.submission, confine=True)
        except OutsideProject as exc:
            raise UsageError(str(exc)) from None
        return found or base / settings.submission
    return Path(DEFAULT_SUBMISSION)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _public_jwk(key: Any, key_id: str | None) -> dict[str, Any]:
    algorithm: Any = (jwt.algorithms.ECAlgorithm if isinstance(key, ec.EllipticCurvePrivateKey)
                      else jwt.algorithms.RSAAlgorithm)
    jwk: dict[str, Any] = algorithm.to_jwk(key.public_key(), as_dict=True)
    if key_id:
        jwk["kid"] = key_id
    return jwk


def _trusting(ca_file: Path) -> httpx.HTTPTransport:
    """A transport that trusts ``ca_file``'s CAs; hostnames and chains are still verified."""
    try:
        context = ssl.create_default_context(cafile=str(ca_file))
    except (OSError, ssl.SSLError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or "not a PEM CA certificate"
        raise UsageError(f"--ca-file {ca_file}: cannot be used ({why})") from None
    return httpx.HTTPTransport(verify=context)


def _replay_plan(args: argparse.Namespace) -> ReplayPlan:
    """The code's token requests and Okta calls, from the static analysis of the project the
    submission belongs to (found the way ``oinlint check`` finds it)."""
    catalogue = load_catalogue()
    cwd = Path(args.submission).resolve().parent if args.submission else None
    settings = load_run_settings(catalogue, cwd=cwd, config=args.config)
    project = check([str(settings.root.resolve())], settings, catalogue=catalogue)

    def place(span: Span) -> Span:  # the engine's paths are the working directory's
        shown = _display(Path(span.path))
        return Span(shown, span.line, span.column, span.end_line, span.end_column)

    return plan_from_facts(project.files, project.scope_analysis, place)


# --- verify -----------------------------------------------------------------------------------

MAX_TIMEOUT = 600.0
MAX_RETRIES = 10
MAX_WAIT = 3600.0


def _check_limits(args: argparse.Namespace) -> None:
    """Finite, bounded waits: ``nan`` compares false to every bound and ``inf`` never ends."""
    if not (math.isfinite(args.timeout) and 0 < args.timeout <= MAX_TIMEOUT):
        raise UsageError(f"--timeout must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g}, not {args.timeout:g}")
    if not 0 <= args.retries <= MAX_RETRIES:
        raise UsageError(f"--retries must be from 0 to {MAX_RETRIES}, not {args.retries}")
    if not (math.isfinite(args.max_wait) and 0 <= args.max_wait <= MAX_WAIT):
        raise UsageError(f"--max-wait must be a number of seconds from 0 to {MAX_WAIT:g}, "
                         f"not {args.max_wait:g}")


def run(args: argparse.Namespace) -> int:
    if args.client_secret_argv is not None:
        if args.client_secret_argv:
            remember_secret(args.client_secret_argv)
        raise UsageError("--client-secret is not accepted: a secret on the command line stays in "
                     "the process list and shell history; set OINLINT_CLIENT_SECRET or use "
                     "--client-secret-file FILE (or '-' for stdin)")
    _check_limits(args)
    guard_output(args.output, args.force)
    path = _submission_path(args)
    try:
        declared = load_declared_scopes(path, _display(path))
    except DeclaredScopesError as exc:
        raise UsageError(str(exc)) from None
    key: PrivateKey | None = None
    if args.private_key:
        try:
            key = load_private_key(args.private_key, args.key_id)
        except PrivateKeyError as exc:
            raise UsageError(str(exc)) from None
    policy = Policy(timeout=args.timeout, retries=args.retries, max_wait=args.max_wait)
    transport = _trusting(args.ca_file) if args.ca_file else None
    replay = args.replay if args.replay is not None else bool(args.emulator)
    plan = _replay_plan(args) if replay else None

    emulator = None
    if args.emulator:
        config = emulator_config(args.emulator_config)
        emulator = Emulator(config)
        if config.clients:
            chosen = next((c for c in config.clients if c.client_id == args.client_id),
                          config.clients[0])
        else:
            jwks = [_public_jwk(key.key, key.key_id)] if key else []
            chosen = emulator.add_client(scopes=declared.scopes, jwks=jwks)
        if chosen.client_secret:
            remember_secret(chosen.client_secret)
        client_id = chosen.client_id
        secret = None if key else (_secret(args, required=False) or chosen.client_secret)
        emulator.start()
        org_url = emulator.url
    else:
        if not args.org:
            raise UsageError("--org is required (or OINLINT_ORG), e.g. --org https://acme.okta.com;"
                         " use --emulator to try it without an org")
        if not args.client_id:
            raise UsageError("--client-id is required (or OINLINT_CLIENT_ID)")
        try:
            org_url = normalise_org_url(args.org)
        except OrgUrlError as exc:
            raise UsageError(str(exc)) from None
        client_id = args.client_id
        secret = None if key else _secret(args, required=True)
    if key is None and not secret:
        raise UsageError("no client secret for the emulated client")
    try:
        options = VerifyOptions(
            org_url=org_url,
            credentials=Credentials(client_id=client_id, secret=secret, private_key=key),
            declared=declared, probe=args.probe, undeclared_scope=args.undeclared_scope,
            policy=policy, emulator=emulator is not None, replay=plan, transport=transport)
        result = run_verify(options)
    finally:
        if emulator is not None:
            emulator.stop()
    write_output(render_verify(args.format, result), args.output)
    if args.output and args.format != "text":
        sys.stderr.write(printable(f"oinlint verify: {result.outcome}: {result.reason}") + "\n")
    return result.exit_code
