"""The live checker (``oinlint verify``) and the embedded Okta test-org emulator.

``client`` is the transport (TLS on, no redirects, timeouts, bounded retries), ``verify`` the
client-credentials check and its result (``run_verify`` is the library entry point),
``emulator`` an Okta org on 127.0.0.1 that the checker, the tests and integration authors' own
tests talk to over real sockets (``pytest_plugin`` gives them the ``okta_test_org`` fixture).
``declared`` reads the submission's scopes, ``dpop`` makes and checks DPoP proofs, and
``okta_scopes`` answers both sides' questions about Okta's operations and scopes.
"""
