"""The YAML form of the accounts (``avstem.accounts/1``): reader, node tree with places, writer."""
