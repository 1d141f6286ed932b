"""The token lifecycle (what OIN301–OIN305 read), one language-neutral tracer for every grammar.

A language opts in with a :class:`~.syntax.LifecycleSyntax` table of its node types (and a few
``lc_*`` hooks of its analyzer). :mod:`.index` reads the file's functions, calls, assignments
and loops in one query pass; :mod:`.trace` follows a token from its request to where it is
kept; :mod:`.tracer` gives each token request its verdict and finds 401 checks and refresh
tokens.
"""
