"""Crews' pages, one module per group: ``modules`` (the learner's modules and briefings),
``certificates``, ``join``, and ``accounts`` (signing in and password help)."""
