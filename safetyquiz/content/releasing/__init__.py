"""Content releases: loading the fixtures into the content as edited here, keeping the
edits, reporting and recording each conflict (``manage.py loaddata``)."""
