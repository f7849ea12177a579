"""Blind panels: readers answer a module's certifying pool as a persona, from an export
that holds no key, and the app scores their picks exactly.

``sheet`` writes the export, ``picks`` reads the picks back and scores them (both pure), and
``readings`` reads and stores them in the database. ``manage.py panel`` is the way in.
"""
