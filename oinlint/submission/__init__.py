"""The OIN submission metadata file (``oin-submission.yaml``): schema, loader and model.

``load_project_submission(root, configured)`` finds and loads a project's file (None when
there is none); ``parse_submission(text)`` validates text; the :class:`Submission` model
carries typed values with their spans and the :class:`SubmissionProblem` list that rules
OIN601–OIN607 report. The JSON Schema ships as ``oinlint/submission/schema.json``.
"""

from __future__ import annotations

from oinlint.submission.loader import (
    LOGO_MAX_BYTES,
    find_submission,
    load_project_submission,
    load_schema,
    load_submission,
    parse_submission,
)
from oinlint.submission.model import (
    DEFAULT_SUBMISSION,
    DeclaredScope,
    Submission,
    SubmissionProblem,
    TenantSetting,
    TestAccount,
)

__all__ = [
    "DEFAULT_SUBMISSION",
    "LOGO_MAX_BYTES",
    "DeclaredScope",
    "Submission",
    "SubmissionProblem",
    "TenantSetting",
    "TestAccount",
    "find_submission",
    "load_project_submission",
    "load_schema",
    "load_submission",
    "parse_submission",
]
