"""`python -m flows.cli`: the same as the `socle` console script."""

from flows.cli import entry

entry()
