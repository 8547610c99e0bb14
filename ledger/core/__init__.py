"""The shared core: input errors, sources of figures, the money grammar, the accounts model."""
