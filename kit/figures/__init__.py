"""Figures: every figure in a corpus as a table, compared across sources and charted.

`kit.figures.table.figures_frame` makes the table (labels from `labels`, what each figure
counts from `measure_keys`); `compare` lines sources up, `charts` draws them, `scores` scores
the table against a gold file.
"""
