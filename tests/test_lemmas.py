"""The rule lemmatizer (`kit.language.lemmas`) shares the parser's pipeline."""

from __future__ import annotations

import pytest

from kit.index.annotate import spacy_nlp
from kit.language import lemmas

pytestmark = pytest.mark.skipif(spacy_nlp() is None, reason="the lemmas come from spaCy")


def test_the_lemmatizer_is_built_on_the_parser_s_vocabulary_not_a_second_model() -> None:
    """Loading the model a second time for its lemmatizer cost ~0.6 s of a cold `kit check`."""
    lemmatizer = lemmas._lemmatizer()
    assert lemmatizer is not None
    assert lemmatizer.vocab is spacy_nlp().vocab
    words = [("geese", "NOUN"), ("were", "AUX"), ("ran", "VERB"), ("better", "ADJ")]
    assert [lemmas.lemma(w, pos) for w, pos in words] == ["goose", "be", "run", "well"]
