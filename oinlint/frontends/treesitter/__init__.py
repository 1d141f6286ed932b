"""Tree-sitter front ends: JavaScript/TypeScript/TSX, Go, Java, C#, Ruby, PHP, shell scripts
(Bash, also for Dockerfile ``RUN`` instructions) and HCL/Terraform.

:mod:`.frontend` is the front end of one language (grammar, one parse, one walk, facts);
:mod:`.grammars` loads each grammar wheel lazily, once per process. Every language shares the
walk (:mod:`.walk`, :mod:`.analyzer`, :mod:`.values`), the resolution of what it recorded
(:mod:`.candidates`) and the passes after it (:mod:`.lifecycle`, :mod:`.transport`);
:mod:`.languages` has one module per grammar. Which file is in which language, and which
front end reads it, is :mod:`oinlint.frontends.languages`.
"""
