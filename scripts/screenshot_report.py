"""Take ``docs/report-screenshot.png``: the committed example report, in headless Chromium.

    python scripts/screenshot_report.py

It renders ``docs/examples/vulnerable-integration.html`` (regenerate that first with
``scripts/generate_example_reports.py``) at 1280×1600 so the README shows what a reviewer sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import find_chromium, screenshot  # noqa: E402

PAGE = ROOT / "docs" / "examples" / "vulnerable-integration.html"
TARGET = ROOT / "docs" / "report-screenshot.png"


def main() -> int:
    browser, why = find_chromium()
    if browser is None:
        print(f"cannot take the screenshot: {why}", file=sys.stderr)
        return 1
    screenshot(browser, PAGE, TARGET, size="1280,1600")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
