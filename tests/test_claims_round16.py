"""Issue 12, sixteenth round, from the eighteenth held-out set's encyclopedic text: a share or
multiple the sentence does not state, a passive verb's doer, and a verb's slot filled with
another noun. Texts here are invented for the rules, not taken from any claim set."""

from __future__ import annotations

from .test_claims_round11 import tells_apart


def test_a_share_or_multiple_the_sentence_does_not_state_is_not_confirmed() -> None:
    text = (
        "Between 1431 and 1433 the fever killed about half of the valley's people. A dry"
        " oak beam 8 cm thick holds a load three times as great as a wet one."
    )
    tells_apart(
        text,
        "Between 1431 and 1433 the fever killed about a quarter of the valley's people.",
        "Between 1431 and 1433 the fever killed about half of the valley's people.",
    )
    tells_apart(
        text,
        "A dry oak beam 8 cm thick holds a load twice as great as a wet one.",
        "A dry oak beam 8 cm thick holds a load three times as great as a wet one.",
    )


def test_a_passive_verbs_doer_is_who_did_it() -> None:
    text = (
        "In 1871, Ivo Castell became mayor of Arden, a post to which he was appointed by Ada Brill."
    )
    tells_apart(
        text,
        "In 1871 Ivo Castell appointed Ada Brill as mayor of Arden.",
        "In 1871 Ada Brill appointed Ivo Castell as mayor of Arden.",
    )


def test_a_verbs_slot_filled_with_another_noun_is_not_confirmed() -> None:
    text = (
        "The old bridges of the valley were carved by local masons from granite blocks, and"
        " the Arden tower, now kept in the Belmar Museum, among them."
    )
    tells_apart(
        text,
        "The Arden tower now kept in the Belmar Museum was carved from marble.",
        "The Arden tower now kept in the Belmar Museum was carved from granite blocks.",
    )
