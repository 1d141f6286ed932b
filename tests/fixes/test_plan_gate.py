"""The fix plan imports the libcst rewrite only for a run that has something for it to answer:
its gate names exactly the codes the rewrite answers."""

from __future__ import annotations

from oinlint.fixes import plan, ssws_fixes


def test_the_ssws_gate_names_the_codes_the_rewrite_answers() -> None:
    assert plan._SSWS_CODES == ssws_fixes.CODES
