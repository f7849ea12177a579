import pytest

from safetyquiz.parsing import MAX_ID, strict_int


@pytest.mark.parametrize(
    ("value", "number"), [("0", 0), ("7", 7), ("042", 42), (str(MAX_ID), MAX_ID)]
)
def test_ascii_digits_within_bounds_are_numbers(value: str, number: int) -> None:
    assert strict_int(value) == number


@pytest.mark.parametrize(
    "value",
    [
        "",
        " 7",
        "7 ",
        "+5",
        "-1",
        "1_000",
        "1.0",
        "٣",
        "²",
        "７",
        "\x00",
        str(MAX_ID + 1),
        "9" * 40,
        None,
        3,
    ],
)
def test_anything_else_is_not_a_number(value: object) -> None:
    assert strict_int(value) is None


def test_the_limit_is_inclusive() -> None:
    assert strict_int("10", limit=10) == 10
    assert strict_int("11", limit=10) is None
