"""Helpers shared by several projects (synthetic data, rankers, boosting). Not a project: its name starts with `_`."""
