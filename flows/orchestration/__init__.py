"""The Prefect layer: the project and nightly flows, their tasks, locks and the Prefect client helpers."""
