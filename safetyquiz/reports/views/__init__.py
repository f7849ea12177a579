"""The instructor pages, one module per group: ``rosters`` (the home, rosters, the
printed sheet, CSV), ``learners``, ``analysis``, ``assignments``, ``people``, ``reminders``."""
