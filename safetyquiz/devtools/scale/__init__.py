"""The bulk data of seed_scale: ``people`` (accounts, productions, memberships,
assignments) and ``attempts`` (their attempts, answers and certificates, made by the quiz's
own pieces and written in bulk)."""
