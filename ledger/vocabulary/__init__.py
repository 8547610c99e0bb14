"""The vocabulary of the statements: labels (nb, nn, en), the statements' layout, stikkord."""
