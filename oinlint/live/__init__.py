"""The live checker (``oinlint verify``) and the embedded Okta test-org emulator.

``client`` is the transport (TLS on, no redirects, timeouts, bounded retries), ``verify`` the
client-credentials check and its result, ``emulator`` an Okta org on 127.0.0.1 that the checker,
the tests and integration authors' own tests talk to over real sockets.
"""
