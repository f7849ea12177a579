from typing import Any

import pytest
from django.core.exceptions import ValidationError

from safetyquiz.content.checks import check_content
from safetyquiz.content.models import Module, Question
from tests import factories

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> str:
    return " ".join(m for messages in error.message_dict.values() for m in messages)


def rows_problems() -> str:
    """The rules that span rows (a question's choices, a module's bank) are not the model's:
    the admin's formsets and check_content apply them."""
    return " ".join(str(problem) for problem in check_content().problems)


@pytest.mark.parametrize("kind", [k for k, _ in Question.Kind.choices])
def test_question_of_each_kind_with_its_default_choices_is_valid(kind: str) -> None:
    factories.QuestionFactory(kind=kind).full_clean()


def test_single_choice_with_two_right_choices_is_invalid() -> None:
    question = factories.QuestionFactory(kind="single")
    question.choices.filter(key="b").update(is_correct=True)
    question.save()
    question.full_clean()  # the question's own fields are fine
    assert "needs exactly one right choice (has 2)" in rows_problems()


def test_multiple_select_with_no_right_choice_is_invalid() -> None:
    question = factories.QuestionFactory(kind="multiple")
    question.choices.update(is_correct=False)
    question.save()
    question.full_clean()  # the question's own fields are fine
    assert "needs at least one right choice" in rows_problems()


def test_ordering_with_a_gap_is_invalid() -> None:
    question = factories.QuestionFactory(kind="ordering")
    question.choices.filter(key="d").update(position=5)
    question.save()
    question.full_clean()  # the question's own fields are fine
    assert "positions must be 1 to 4" in rows_problems()


def test_changing_kind_against_the_stored_choices_is_invalid() -> None:
    question = factories.QuestionFactory(kind="multiple")
    question.kind = Question.Kind.SINGLE
    question.save()
    question.full_clean()  # the question's own fields are fine
    assert "needs exactly one right choice (has 2)" in rows_problems()


def test_decision_question_without_a_role_is_invalid() -> None:
    question = factories.QuestionFactory(kind="decision", role="")
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "named role" in messages_of(error.value)


def test_partial_credit_on_single_choice_is_invalid() -> None:
    question = factories.QuestionFactory(kind="single", partial_credit=True)
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "Partial credit is for multiple select and ordering only." in messages_of(error.value)


def test_published_module_without_questions_is_invalid() -> None:
    factories.ModuleFactory(status=Module.Status.PUBLISHED)
    assert "a published module needs at least one certifying question" in rows_problems()


def test_published_module_whose_slot_keeps_the_pool_rule_is_valid() -> None:
    module = factories.PublishedModuleFactory(questions=0)
    factories.PooledSlotFactory(module=module)
    module.full_clean()
    assert rows_problems() == ""


def test_published_module_with_a_lone_question_is_valid_while_the_pool_rule_is_off(
    settings: Any,
) -> None:
    settings.ASSESSMENT_RULES_ENFORCED = False
    factories.PublishedModuleFactory(questions=1).full_clean()
    assert rows_problems() == ""
    settings.ASSESSMENT_RULES_ENFORCED = True
    assert "has 1 certifying question and 0 practice questions" in rows_problems()


def test_draft_module_without_questions_is_valid() -> None:
    factories.ModuleFactory().full_clean()


def test_excerpt_with_blank_quote_is_invalid() -> None:
    excerpt = factories.ExcerptFactory.build(source=factories.SourceFactory(), quote="  ")
    with pytest.raises(ValidationError) as error:
        excerpt.full_clean()
    assert "the quote is empty" in messages_of(error.value)


def test_article_without_document_is_invalid() -> None:
    with pytest.raises(ValidationError) as error:
        factories.SourceFactory.build(document="").full_clean()
    assert "names the file" in messages_of(error.value)


def test_standard_without_document_is_valid() -> None:
    factories.StandardFactory.build().full_clean()


def test_pass_mark_over_100_is_invalid() -> None:
    module = factories.ModuleFactory.build(pass_mark=101)
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "pass_mark" in error.value.message_dict


def test_natural_keys_round_trip() -> None:
    question = factories.QuestionFactory()
    choice = question.choices.get(key="a")
    assert Question.objects.get_by_natural_key(*question.natural_key()) == question
    assert type(choice).objects.get_by_natural_key(*choice.natural_key()) == choice


def test_a_module_cannot_take_the_address_of_another_page() -> None:
    module = factories.ModuleFactory.build(slug="next")
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "/modules/next/" in messages_of(error.value)
    factories.ModuleFactory(slug="next")  # as a fixture would load it, unchecked
    assert "module next: “next” is the address of another page" in rows_problems()
