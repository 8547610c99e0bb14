"""avstem — checks the annual accounts of Norwegian state agencies.

This package is the front door: the command line (:mod:`avstem.cli`) and the
pipeline that wires ``ledger`` (read) → ``rules`` (find) → ``reports`` (write).
"""

__version__ = "0.1.0"
