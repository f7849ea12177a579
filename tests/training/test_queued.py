"""A device's batch of kept answers is read strictly before anything is saved."""

from typing import Any
from uuid import UUID

import pytest

from safetyquiz.training import queued

KEY = "0b9c6c1e-2f1d-4a3e-9b5c-7d8e9f0a1b2c"


def batch(**changes: Any) -> dict[str, Any]:
    answer = {"key": KEY, "attempt": 7, "place": 0, "choices": ["1"], **changes}
    return {"learner": "12", "answers": [answer]}


def test_a_batch_is_read_in_order_with_each_answer() -> None:
    data = batch()
    data["answers"].append({"key": KEY.upper(), "attempt": 7, "place": 1, "choices": []})
    read = queued.read_batch(data)
    assert read.learner == "12"
    assert [(a.key, a.attempt, a.place, a.choices) for a in read.answers] == [
        (UUID(KEY), 7, 0, ["1"]),
        (UUID(KEY), 7, 1, []),
    ]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ([], '"learner" and "answers"'),
        ({"learner": "12"}, '"learner" and "answers"'),
        ({**batch(), "more": 1}, '"learner" and "answers"'),
        ({**batch(), "learner": 12}, '"learner" must be'),
        ({**batch(), "learner": ""}, '"learner" must be'),
        ({**batch(), "learner": "1" * 21}, '"learner" must be'),
        ({**batch(), "learner": "1\x00"}, '"learner" must be'),
        ({"learner": "12", "answers": []}, "a list of 1 to 50"),
        ({"learner": "12", "answers": {}}, "a list of 1 to 50"),
        ({"learner": "12", "answers": batch()["answers"] * 51}, "a list of 1 to 50"),
        ({"learner": "12", "answers": ["x"]}, 'Answer 1: send "key"'),
        ({"learner": "12", "answers": [{"key": KEY}]}, 'Answer 1: send "key"'),
        (batch(key=7), "the key must be a UUID"),
        (batch(key="not-a-key-" * 3 + "abcdef"), "the key must be a UUID"),
        (batch(key="{" + KEY.replace("-", "") + "}--"), "the key must be a UUID"),
        (batch(key="----" + KEY.replace("-", "")), "the key must be a UUID"),
        (batch(attempt="7"), "the attempt must be a whole number"),
        (batch(attempt=True), "the attempt must be a whole number"),
        (batch(attempt=7.0), "the attempt must be a whole number"),
        (batch(attempt=0), "the attempt must be a whole number"),
        (batch(attempt=2**31), "the attempt must be a whole number"),
        (batch(place=-1), "the place must be a whole number"),
        (batch(place=32768), "the place must be a whole number"),
        (batch(place=None), "the place must be a whole number"),
        (batch(choices="1"), "the choices must be a list"),
        (batch(choices=["1"] * 51), "the choices must be a list"),
        (batch(choices=[1]), "each choice must be a short text"),
        (batch(choices=["1" * 11]), "each choice must be a short text"),
        (batch(choices=["1\x00"]), "each choice must be a short text"),
    ],
)
def test_a_batch_the_app_cannot_read_is_refused_whole_with_the_reason(data: Any, says: str) -> None:
    with pytest.raises(queued.Unreadable, match=says.replace("(", r"\(")):
        queued.read_batch(data)


def test_an_outcome_tells_the_device_what_became_of_its_answer() -> None:
    saved = queued.Outcome(UUID(KEY), True, next_place=2)
    refused = queued.Outcome(UUID(KEY), False, queued.INVALID, "Pick one answer.")
    graded = queued.Outcome(UUID(KEY), True, finished=True)
    assert saved.as_json() == {
        "key": KEY,
        "state": "saved",
        "reason": "",
        "detail": "",
        "next": 2,
        "finished": False,
    }
    assert refused.as_json()["state"] == "refused"
    assert refused.as_json()["detail"] == "Pick one answer."
    assert (graded.as_json()["finished"], graded.as_json()["next"]) == (True, None)
