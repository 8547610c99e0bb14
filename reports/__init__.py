"""Writers: console text, JSON, JUnit XML and the Excel audit report.

Writers know nothing of the rules' logic; they render findings and the
accounts as read, in the language asked for, from the one message catalogue
in :mod:`reports.i18n`.
"""
