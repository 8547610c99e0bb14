"""The accounts as people keep them: the YAML form, the workbook, conversion between them.

Nothing here imports pandas, pyarrow, numpy or great-expectations (a test keeps it so).
"""
