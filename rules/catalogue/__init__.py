"""The rule catalogue, one module per family.

To add a rule, copy a neighbour in the module of its family: the decorator
registers it, the docstring documents it (four sections), and
``fixtures/seeded/<module>.yaml`` must show it passing and failing
(``tests/rules/test_catalogue.py`` insists; ``docs/adding-a-rule.md`` has
the steps).
"""
