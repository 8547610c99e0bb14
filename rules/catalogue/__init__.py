"""The rule catalogue, one module per family.

To add a rule, copy a neighbour in the module of its family: the decorator
registers it, the docstring documents it (four sections), and
``tests/rules/test_<family>.py`` must show it passing and failing.
"""
