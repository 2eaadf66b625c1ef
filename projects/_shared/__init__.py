"""Helpers shared by several projects (synthetic data, rankers, boosting, text classification). Not a project: its name starts with `_`."""
