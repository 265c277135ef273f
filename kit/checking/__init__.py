"""Checking: a claim against the corpus, and who agrees with whom.

`kit.checking.claims.check_claim` is the entry point: the claim split into its parts
(`claim_parts`), candidate sentences weighed with a stance each (`stance`, with `counted`,
`offices`, `exclusive`), qualified as evidence (`evidence`) and turned into one verdict
(`verdicts`); `copies` finds articles that copy each other, `agreement` which independent
sources state a value.
"""
