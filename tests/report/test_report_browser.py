"""The HTML audit report in a real browser (headless Chromium).

One test renders the report of ``examples/vulnerable-integration`` (with the emulator's live
check) and checks that the verdict and the scope matrix are there and that the screenshot is
a rendered page, not a blank one. The other feeds markup through every field that comes from
the scanned code or the org and checks that nothing ran: the title is unchanged and no
injected element exists in the DOM.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import dump_dom, find_chromium, png_pixels, required, screenshot
from fakes import run_oinlint
from report_payloads import (
    IMG_PAYLOAD,
    INJECTED_TAGS,
    TITLE_PAYLOAD,
    hostile_result,
    hostile_verify,
)
from trees import write_tree

from oinlint.report.audit import render_audit
from oinlint.rules.catalogue import load_catalogue

REPO = Path(__file__).resolve().parents[2]
VERIFY = REPO / "docs" / "examples" / "vulnerable-integration.verify.json"


@pytest.fixture(scope="module")
def chromium() -> str:
    browser, why = find_chromium()
    if browser is None:
        if required():
            pytest.fail(f"{why} (CI is set: the browser tests must run)")
        pytest.skip(why)
    return browser


def _title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert match, "no <title> in the DOM"
    return match.group(1)


def _injected(dom: str) -> list[str]:
    return [tag for tag in INJECTED_TAGS if re.search(rf"<{tag}[\s>/]", dom, re.IGNORECASE)]


def test_report_renders_verdict_and_scope_matrix(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    run = run_oinlint(["report", "--no-cache", "--format", "html", "-o", str(page),
                       "--verify-result", str(VERIFY), "."],
                      REPO / "examples" / "vulnerable-integration")
    assert run.returncode == 0, run.stderr
    dom = dump_dom(chromium, page)
    assert _title(dom) == "OIN readiness: Acme Access Review"
    assert re.search(r'<section id="verdict" class="verdict not-ready">', dom)
    assert "Verdict: Not ready" in dom
    matrix = re.search(r'<section id="scope-matrix">(.*?)</section>', dom, re.DOTALL)
    assert matrix and "<table>" in matrix.group(1)
    for scope in ("okta.users.manage", "okta.groups.manage", "okta.logs.read"):
        assert scope in matrix.group(1)
    assert 'href="#ev-' in matrix.group(1)  # cells link to their evidence
    assert 'id="live-check"' in dom and "127.0.0.1" in dom
    assert _injected(dom) == []

    png = tmp_path / "report.png"
    screenshot(chromium, page, png)
    width, height, raw = png_pixels(png)
    assert (width, height) == (1280, 2400)
    assert png.stat().st_size > 20_000
    assert len(set(raw)) > 64, "the screenshot is blank"


def test_nothing_from_code_or_org_executes(chromium: str, tmp_path: Path) -> None:
    # Synthetic run: markup in the path, message, source lines, waiver reason, org answers.
    page = tmp_path / "hostile.html"
    page.write_text(render_audit("html", hostile_result(tmp_path), load_catalogue(),
                                 hostile_verify()), encoding="utf-8")
    dom = dump_dom(chromium, page)
    assert _title(dom) == "OIN readiness report"
    assert "pwned" not in _title(dom)
    assert _injected(dom) == []
    assert not re.search(r'<[a-z]+[^<>]*\bid="injected"', dom)  # as text, fine; as a tag, not
    assert "document.title='pwned'" in dom  # shown as text, not run

    # A real scan: the payload in a file path, the source around a finding and a
    # suppression reason.
    project = write_tree(tmp_path / "project", {
        f"{TITLE_PAYLOAD}.py": (
            f"# {TITLE_PAYLOAD}\n"
            "import os\n"
            'headers = {"Authorization": "SSWS " + os.environ["T"]}  '
            f"# oinlint: ignore[OIN101] -- {IMG_PAYLOAD}\n"
            'other = {"Authorization": "SSWS " + os.environ["T"]}\n'
            f"# {IMG_PAYLOAD}\n"
        ),
    })
    real = tmp_path / "real.html"
    run = run_oinlint(["report", "--isolated", "--no-cache", "-o", str(real), "."], project)
    assert run.returncode == 0, run.stderr
    text = real.read_text(encoding="utf-8")
    assert "OIN101" in text and "Waived (inline)" in text
    dom = dump_dom(chromium, real)
    assert _title(dom) == "OIN readiness report"
    assert _injected(dom) == []
