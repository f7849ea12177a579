"""Regrading the answers given to a question whose key an editor corrected: ``rules``
(pure: what an answer scores against the corrected key, what its attempt and certificate
come to) and ``plans`` (the dry run, and applying it)."""
