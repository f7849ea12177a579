"""Ids in URLs, bounded to what the database can hold.

Django's ``<int:...>`` takes any run of digits, and an id past the database's integer range
fails in the database (an overflow on SQLite) rather than being not found. ``<id:...>``
matches at most ten digits and refuses anything past ``MAX_ID``, so such a URL is a 404
on every database."""

from __future__ import annotations

from django.urls import register_converter

from safetyquiz.parsing import strict_int


class IdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = strict_int(value)
        if number is None:
            raise ValueError(value)  # the URL resolver treats it as no match: a 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, "id")
