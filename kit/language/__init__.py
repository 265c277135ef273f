"""Language, the shared grammar: what a sentence says, read the same way by the reader, the
claim checker and the figures table.

Words and stems (`kit.language.text`), numbers and units (`numbers`), dates (`dates`), figures
(`quantities`), what a figure measures (`measures`, with `lemmas`) and the period it covers
(`time_frames`), names (`entities`), who says it (`attribution`), and a sentence read into
facts (`facts`, with the dates, times and places compared in `relations`).
"""
