"""The physical limit of a project run: the same data, model and scores as `socle run`, and nothing else.

`python -m benchmarks.bare NAME` reads the workspace's data file, pseudonymises it (the split of a project grouped
by a personal column depends on the tokens), then runs the science lifecycle (flows/lifecycle.py: derive, split,
fit the model and its baselines, evaluate with intervals) with no Prefect, MLflow, GX or DVC: the same scores as
the flow. It prints the seconds of each step as JSON.
`--validate` also times the project's GX suite on the data (the scaling benchmark); `--review` also gathers the
evidence a reviewer reads (bias, explanations, figures rendered to PNG), as the flow does: science, not plumbing.
"""

from __future__ import annotations

import io
import json
import sys
import time

import pandas as pd

import projects
from flows import params as params_file
from flows.settings import Settings
from flows import lifecycle
from flows.steps import data


def main(name: str, validate: bool = False, review: bool = False) -> dict[str, float]:
    settings = Settings()
    project = projects.load(name)
    params = params_file.resolve(project, params_file.read(settings.root))
    started = time.perf_counter()
    key = settings.pseudonym_key.get_secret_value().encode()
    frame = data.pseudonymise(pd.read_parquet(settings.data_file(name)), project, key)
    read = time.perf_counter() - started
    seconds: dict[str, float] = {"rows": len(frame)}
    if validate:
        from flows.steps import validation

        validation.validate(frame.head(10), settings.suite_file(name), name)  # GX's import, outside the timing
        started = time.perf_counter()
        assert validation.validate(frame, settings.suite_file(name), name).success
        seconds["validate"] = time.perf_counter() - started
    started = time.perf_counter()
    rows = lifecycle.prepare(project, frame, params)
    seconds["load"] = read + time.perf_counter() - started
    started = time.perf_counter()
    fitted = lifecycle.fit(project, params, rows.train)
    seconds["fit"] = time.perf_counter() - started
    started = time.perf_counter()
    evaluation = lifecycle.evaluate(project, params, fitted, rows, with_evidence=review)
    seconds["score"] = evaluation.score
    seconds["evaluate"] = time.perf_counter() - started
    if review:
        started = time.perf_counter()
        for figure in evaluation.evidence.figures.values():
            figure.savefig(io.BytesIO(), format="png")
        seconds["review"] = time.perf_counter() - started
    return seconds


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], "--validate" in sys.argv, "--review" in sys.argv)))
