"""The general-ledger export: read, data quality (great-expectations), kontoplan, derivation."""
