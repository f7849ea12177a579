"""The rule for a translated text's state, without the database."""

from safetyquiz.content.translating import TextState, fingerprint, text_state


def test_no_english_needs_no_translation() -> None:
    assert text_state("", "algo", None) is None
    assert text_state(None, None, None) is None


def test_no_translation_is_missing() -> None:
    assert text_state("Stop.", "", None) is TextState.MISSING
    assert text_state("Stop.", None, fingerprint("Stop.")) is TextState.MISSING


def test_a_translation_nobody_stamped_is_unchecked() -> None:
    assert text_state("Stop.", "Pare.", None) is TextState.UNCHECKED


def test_a_stamp_of_the_same_english_is_ready() -> None:
    assert text_state("Stop.", "Pare.", fingerprint("Stop.")) is TextState.READY


def test_english_changed_after_the_stamp_is_stale() -> None:
    assert text_state("Stop work.", "Pare.", fingerprint("Stop.")) is TextState.STALE


def test_the_fingerprint_is_the_md5_of_the_utf8_text() -> None:
    # The database computes the same (translations.ready_modules), accents included.
    assert fingerprint("") == "d41d8cd98f00b204e9800998ecf8427e"
    assert fingerprint("armería") != fingerprint("armeria")
