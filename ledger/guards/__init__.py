"""Pre-flight checks on raw files before any parser sees them: the xlsx zip package, CSV text."""
