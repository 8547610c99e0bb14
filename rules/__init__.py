"""The rule engine and the rule catalogue.

``rules.registry`` holds every rule (ID, title, severity, tolerance, legal
references, documentation, logic); ``rules.catalogue`` defines them, one
module per family; ``rules.engine`` runs them over an
:class:`~ledger.core.accounts.Accounts` and returns findings. Rules read the model
and never touch files; writers in ``reports/`` render what they find.
"""

#: Bumped whenever a rule is added, retired or changes what it finds.
CATALOGUE_VERSION = "2026.11.5"
