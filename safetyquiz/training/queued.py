"""Answers a device kept and sends in one batch: the answers it gave offline, or that
failed to send, in the order they were given.

The batch is read here, strictly and before anything is saved, so a malformed one is a
single clear refusal and never half a save. What happens to each answer is decided by
the quiz's own rules (``services.queued_answers_submit``); this module only names the
outcomes. The learner is told each one in their language by the page, which holds a
message for every reason below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from safetyquiz.parsing import MAX_ID, strict_int

MAX_ANSWERS = 50  # a form's questions, several times over
MAX_CHOICES = 50  # more than any question has choices
MAX_VALUE = 10  # a choice's number or an ordering place
MAX_PLACE = 32767  # an answer's place is a small integer column

# Why an answer was refused: the page holds a message for each.
CLOSED = "closed"  # the attempt was finished before the answer arrived
ANSWERED = "answered"  # that question already has another answer (another tab or device)
OUT_OF_TURN = "out-of-turn"  # an earlier question of the attempt has no answer
NOT_IN_FORM = "not-in-form"  # the attempt's form has no such question
NOT_FOUND = "not-found"  # no such attempt of the signed-in learner
INVALID = "invalid"  # the choices cannot be an answer to the question as shown


class Unreadable(ValueError):
    """The batch is not one the app can read; the message says why."""


@dataclass(frozen=True)
class QueuedAnswer:
    key: UUID
    attempt: int
    place: int
    choices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Batch:
    learner: str  # who the device kept the answers for: their user id, as the page gave it
    answers: list[QueuedAnswer]


@dataclass(frozen=True)
class Outcome:
    key: UUID
    saved: bool
    reason: str = ""  # for a refusal: one of the reasons above
    detail: str = ""  # for INVALID: what is wrong with the choices
    next_place: int | None = None  # the attempt's first place with no answer, if known
    finished: bool = False  # the attempt is graded (this answer was its last, or was sent again)

    def as_json(self) -> dict[str, object]:
        return {
            "key": str(self.key),
            "state": "saved" if self.saved else "refused",
            "reason": self.reason,
            "detail": self.detail,
            "next": self.next_place,
            "finished": self.finished,
        }


def read_batch(data: object) -> Batch:
    """The batch in ``data`` (decoded JSON): ``{"learner": "12", "answers": [{"key": uuid,
    "attempt": id, "place": n, "choices": ["1", ...]}, ...]}``. Raises Unreadable."""
    if not isinstance(data, dict) or set(data) != {"learner", "answers"}:
        raise Unreadable('Send an object with "learner" and "answers".')
    learner, answers = data["learner"], data["answers"]
    if not isinstance(learner, str) or strict_int(learner) is None:
        raise Unreadable('"learner" must be the text the page gave.')
    if not isinstance(answers, list) or not 0 < len(answers) <= MAX_ANSWERS:
        raise Unreadable(f'"answers" must be a list of 1 to {MAX_ANSWERS} answers.')
    return Batch(learner, [read_answer(n, item) for n, item in enumerate(answers, 1)])


def read_answer(number: int, item: object) -> QueuedAnswer:
    where = f"Answer {number}"
    if not isinstance(item, dict) or set(item) != {"key", "attempt", "place", "choices"}:
        raise Unreadable(f'{where}: send "key", "attempt", "place" and "choices".')
    key = item["key"]
    if not isinstance(key, str) or len(key) != 36:
        raise Unreadable(f"{where}: the key must be a UUID.")
    try:
        parsed = UUID(key)
    except ValueError:
        parsed = None
    if parsed is None or str(parsed) != key.lower():
        raise Unreadable(f"{where}: the key must be a UUID.")
    attempt, place, choices = item["attempt"], item["place"], item["choices"]
    if not whole(attempt, 1, MAX_ID):
        raise Unreadable(f"{where}: the attempt must be a whole number from 1 to {MAX_ID}.")
    if not whole(place, 0, MAX_PLACE):
        raise Unreadable(f"{where}: the place must be a whole number from 0 to {MAX_PLACE}.")
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        raise Unreadable(f"{where}: the choices must be a list of at most {MAX_CHOICES}.")
    for value in choices:
        if not isinstance(value, str) or len(value) > MAX_VALUE or "\x00" in value:
            raise Unreadable(f"{where}: each choice must be a short text.")
    return QueuedAnswer(parsed, attempt, place, list(choices))


def whole(value: object, low: int, high: int) -> bool:
    """A JSON whole number in [low, high]: not a bool, a float or a text."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
