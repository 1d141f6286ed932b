"""Checks the schema cannot express: placeholder and duplicate entries, and the logo file.

A scope declared twice or a tenant setting named twice (OIN601), a reason that only repeats the
scope or says "TODO" (OIN602), a logo file that is missing, too large or not the image its name
says (OIN606). The test account's credentials are remembered as secrets here, so no snippet or
report shows them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from oinlint import redact
from oinlint.submission.validation import CREDENTIAL_KEY, ErrorMapper, shorten
from oinlint.submission.yamltree import NodePath

__all__ = ["LOGO_MAX_BYTES", "check_beyond_schema"]

LOGO_MAX_BYTES = 1_000_000  # "less than one MB" (OIN Wizard); the decimal megabyte is the safe side

_PLACEHOLDER_START = re.compile(r"^\s*(?:todo|tbd|tba|fixme|xxx+|lorem ipsum)(?![\w-])", re.I)
_PLACEHOLDER_WHOLE = re.compile(
    r"^\s*(?:<[^>]*>|\{\{.*\}\}|\$\{.*\}|\[[^\]]*\]|n/?a|none|null|nil|-+|\?+|\.\.\.|…"
    r"|(?:the\s+)?reason|why|placeholder|required|needed|necessary|because)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9]+")


def _is_placeholder_reason(reason: str, scope: str) -> bool:
    if _PLACEHOLDER_START.match(reason) or _PLACEHOLDER_WHOLE.match(reason):
        return True
    return _WORDS.findall(reason.lower()) == _WORDS.findall(scope.lower())


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"<svg", "an SVG image"),
    (b"<?xml", "an XML (probably SVG) file"),
    (b"BM", "a BMP image"),
    (b"\x00\x00\x01\x00", "an ICO icon"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
)
_SUFFIX_KIND = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}


def _image_kind(head: bytes) -> tuple[str | None, str]:
    """(PNG/JPEG/GIF or None, description) from a file's first bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind, kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return None, "a WebP image"
    stripped = head.lstrip()
    for magic, label in _OTHER_MAGIC:
        if stripped.startswith(magic):
            return None, label
    return None, "not an image oinlint recognises"


def _inside(path: Path, folder: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _logo_problems(logo: str, base: Path | None, within: Path | None) -> Iterator[str]:
    """What is wrong with the logo file, if anything. Nothing outside ``within`` (the project
    root, else the submission's folder) is looked at: the logo path is untrusted input."""
    if base is None:
        return
    target = Path(logo) if Path(logo).is_absolute() else base / logo
    if not _inside(target, within or base):
        yield (f"logo '{logo}' lies outside the project folder; not read (ship the logo in "
               "the repository, next to the submission file)")
        return
    if not target.exists():
        yield f"logo file '{logo}' not found (the path is relative to the submission file)"
        return
    if not target.is_file():
        yield f"logo '{logo}' is not a file"
        return
    try:
        size = target.stat().st_size
        with target.open("rb") as stream:
            head = stream.read(32)
    except OSError as exc:
        yield f"cannot read logo '{logo}': {exc.strerror or exc}"
        return
    if size == 0:
        yield f"logo '{logo}' is an empty file"
        return
    if size >= LOGO_MAX_BYTES:
        yield (f"logo '{logo}' is {size:,} bytes; the OIN Wizard accepts logos under 1 MB "
               f"({LOGO_MAX_BYTES:,} bytes)")
    kind, description = _image_kind(head)
    if kind is None:
        yield (f"logo '{logo}' is {description}, not a PNG, JPG or GIF image (the OIN "
               "Wizard accepts only those)")
        return
    named = _SUFFIX_KIND.get(target.suffix.lower())
    if named is not None and named != kind:
        yield (f"logo '{logo}' is a {kind} image named like a {named}: rename it to "
               f"{target.stem}{'.jpg' if kind == 'JPEG' else '.' + kind.lower()}")


def check_beyond_schema(
    data: Any, mapper: ErrorMapper, base: Path | None, within: Path | None = None
) -> None:
    """Add the problems the schema cannot express to the mapper's tree (data: the validated
    document; base: where a relative logo path is looked up, None to skip the logo file;
    within: the folder the logo must lie in, default ``base``)."""
    if not isinstance(data, dict):
        return
    scopes = data.get("scopes")
    if isinstance(scopes, list):
        first: dict[str, int] = {}
        for index, item in enumerate(scopes):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            scope = item["name"]
            name_path: NodePath = ("scopes", index, "name")
            if scope in first:
                line = mapper.value_span(("scopes", first[scope], "name")).line
                mapper.emit("OIN601", mapper.value_span(name_path),
                            f"scope '{scope}' is declared twice (first at line {line})", name_path)
            else:
                first[scope] = index
            reason = item.get("reason")
            if isinstance(reason, str) and reason.strip() and _is_placeholder_reason(reason,
                                                                                     scope):
                reason_path: NodePath = ("scopes", index, "reason")
                mapper.emit("OIN602", mapper.value_span(reason_path),
                            f"the reason for scope '{scope}' is a placeholder "
                            f"('{shorten(reason.strip(), 60)}'): say which feature needs it",
                            reason_path)
    settings = data.get("tenant_settings")
    if isinstance(settings, list):
        seen: dict[str, int] = {}
        for index, item in enumerate(settings):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                setting_path: NodePath = ("tenant_settings", index, "name")
                if item["name"] in seen:
                    mapper.emit("OIN601", mapper.value_span(setting_path),
                                f"tenant setting '{item['name']}' is declared twice",
                                setting_path)
                seen.setdefault(item["name"], index)
    account = data.get("test_account")
    if isinstance(account, dict):
        for key, value in account.items():
            if CREDENTIAL_KEY.match(key) and isinstance(value, str):
                redact.remember_secret(value)  # keep it out of snippets and reports
    logo = data.get("logo")
    if isinstance(logo, str) and Path(logo.strip()).suffix.lower() in _SUFFIX_KIND:
        for message in _logo_problems(logo, base, within):
            mapper.emit("OIN606", mapper.value_span(("logo",)), message, ("logo",))
