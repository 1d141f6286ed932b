"""``oinlint verify``: prove that an org grants exactly the scopes the submission declares.

The flow, and the request budget that bounds it (N = number of declared scopes):

1. discovery: ``GET /.well-known/oauth-authorization-server`` (fallback
   ``/.well-known/openid-configuration``); the issuer must be the org authorization server and
   the token endpoint ``{org}/oauth2/v1/token`` on the org's own origin (else no credential is
   ever sent).
2. one token request with all declared scopes (client_secret_basic, or private_key_jwt with
   ``--private-key``). ``use_dpop_nonce`` / ``invalid_dpop_proof`` switch DPoP on (an ES256 key
   per run) and retry with the nonce.
3. only when that request is refused: pinpoint the refused scopes (:func:`pinpoint`): scope by
   scope until a refusal is found, then all not-yet-asked scopes together (usually granted:
   done); the last suspect needs no request. Token requests the org evaluates (a grant or a
   refusal) count against a hard budget of N + 3, one of them reserved for step 4, so the run
   never exceeds it; worst case: 1 + (N + 1) + 1. A DPoP handshake (``invalid_dpop_proof``
   for a missing proof, then ``use_dpop_nonce``) is not an evaluation: it adds at most 2
   requests per run, counted separately, because the nonce is reused afterwards.
4. one request for an undeclared scope, which must be refused.
5. with ``--probe``: one read-only GET per distinct probe of a granted scope.
6. with a :class:`~oinlint.live.verify.replay_plan.ReplayPlan` (``--emulator``, ``--replay``):
   one token request per distinct request the code makes (scopes and client authentication),
   each added to the budget; then the code's calls are compared with what it asks for
   (:mod:`~oinlint.live.verify.replay`, OIN907–OIN909).

Transport retries (429 waits, 5xx backoff) re-send the same request and are bounded by
:class:`~oinlint.live.client.Policy`, not by the budget. The outcome is ``verified`` (exit 0),
``failed`` (exit 1, OIN901–OIN909 findings) or ``unknown`` (exit 3: the org could not be asked
or answered oddly; never reported as non-compliance).

The parts: :mod:`~oinlint.live.verify.client_auth` (client secret or private key),
:mod:`~oinlint.live.verify.model` (:class:`VerifyOptions`, :class:`VerifyResult` and its JSON
document), :mod:`~oinlint.live.verify.session` (a run's state, findings and evaluated token
requests), :mod:`~oinlint.live.verify.flow` (the steps in order, :func:`run_verify`),
:mod:`~oinlint.live.verify.pinpointing` (step 3), :mod:`~oinlint.live.verify.token_response`
(OIN905), :mod:`~oinlint.live.verify.undeclared` (step 4) and :mod:`~oinlint.live.verify.probes`
(step 5).
"""

from oinlint.live.verify.client_auth import (
    Credentials,
    PrivateKey,
    PrivateKeyError,
    load_private_key,
)
from oinlint.live.verify.flow import run_verify
from oinlint.live.verify.model import ProbeResult, VerifyOptions, VerifyResult

__all__ = [
    "Credentials",
    "PrivateKey",
    "PrivateKeyError",
    "ProbeResult",
    "VerifyOptions",
    "VerifyResult",
    "load_private_key",
    "run_verify",
]
