"""Rule-based names: titles split off, kinds guessed, offsets exact."""

from __future__ import annotations

import pytest

from kit.language.entities import find_names


def names(text: str) -> dict[str, str]:
    return {n.text: n.kind for n in find_names(text)}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Polish Prime Minister Donald Tusk described the attack.", "Donald Tusk", "person"),
        (
            "NATO Secretary-General Jens Stoltenberg called it a grave escalation.",
            "Jens Stoltenberg",
            "person",
        ),
        (
            "It was launched from Russia’s Kapustin Yar missile test range.",
            "Kapustin Yar missile test range",
            "place",
        ),
        ("The missile struck the Pivdenmash plant in Dnipro.", "Pivdenmash plant", "place"),
        ("Drones targeted the city of Sumy overnight.", "Sumy", "place"),
        (
            "Analysts at the Institute for the Study of War said so.",
            "Institute for the Study of War",
            "organisation",
        ),
        ("NATO allies gathered on Tuesday.", "NATO", "organisation"),
    ],
)
def test_names_and_kinds(text: str, name: str, kind: str) -> None:
    found = names(text)
    assert name in found, found
    assert found[name] == kind


def test_possessive_is_split_off_and_marked() -> None:
    (russia, *_rest) = find_names("Russia’s deployment of new weapons worried NATO.")
    assert russia.text == "Russia" and russia.possessive


def test_sentence_openers_and_weekdays_are_not_names() -> None:
    found = names("However, on Thursday the strike hit Dnipro.")
    assert "However" not in found and "Thursday" not in found
    assert "Dnipro" in found


def test_offsets_reproduce_the_text() -> None:
    text = "Czech Foreign Minister Jan Lipavský called it an “escalatory step” in Brussels."
    for name in find_names(text):
        assert text[name.start : name.end] == name.text
