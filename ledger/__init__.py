"""Reading and modelling an agency's annual accounts (årsregnskap) and ledger.

Everything that turns bytes from a file into typed, exact data lives here:
the money parser, the accounts model, the label dictionary and the readers.
Nothing in this package knows the rules; ``rules/`` reads the model.
"""
