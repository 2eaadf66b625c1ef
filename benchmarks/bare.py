"""The physical limit of a project run: the same data, model and scores as `socle run`, and nothing else.

`python -m benchmarks.bare NAME` reads the workspace's data file, pseudonymises it (the split of a project grouped
by a personal column depends on the tokens), then runs the science lifecycle (flows/lifecycle.py: derive, split,
fit the model and its baselines, evaluate with intervals) with no Prefect, MLflow, GX or DVC: the same scores as
the flow. It prints the seconds of each step as JSON.
`--validate` also times the project's GX suite on the data (the scaling benchmark); `--review` also gathers the
evidence a reviewer reads (bias, explanations, figures rendered to PNG), as the flow does: science, not plumbing.
`--tools` is the script an engineer would write without Socle IA: the same steps with the same libraries, each
called directly (GX validation of the suite, then MLflow: a run with params, metrics, the model logged with skops and
registered), into a throw-away MLflow store; the peer of issue 18's target.
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pandas as pd

import projects
from flows import params as params_file
from flows.settings import Settings
from flows import lifecycle
from flows.steps import data


def main(name: str, validate: bool = False, review: bool = False, tools: bool = False) -> dict[str, float]:
    settings = Settings()
    project = projects.load(name)
    params = params_file.resolve(project, params_file.read(settings.root))
    started = time.perf_counter()
    key = settings.pseudonym_key.get_secret_value().encode()
    frame = data.pseudonymise(pd.read_parquet(settings.data_file(name)), project, key)
    read = time.perf_counter() - started
    seconds: dict[str, float] = {"rows": len(frame)}
    if tools:
        from flows.steps import validation

        started = time.perf_counter()
        assert validation.validate(frame, settings.suite_file(name), name).success
        seconds["validate"] = time.perf_counter() - started
    elif validate:
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
    if tools:
        started = time.perf_counter()
        _tracked(settings.root, name, params, fitted.model, rows.test[list(project.features)].head(5), lifecycle.flat_metrics(evaluation))
        seconds["track"] = time.perf_counter() - started
    return seconds


def _tracked(root: Path, name: str, params: object, model: object, example: pd.DataFrame, metrics: dict[str, float]) -> None:
    """MLflow as its documentation shows it: a run, its params and metrics in a batch, the model logged (skops,
    requirements given) and registered, in a store of its own kept from one run to the next (as the flow's is)."""
    import mlflow
    from mlflow.models import infer_signature

    from flows.steps import tracking

    store = root / "benchmarks-bare-mlflow"
    store.mkdir(exist_ok=True)
    mlflow.set_tracking_uri(f"sqlite:///{store / 'mlflow.db'}")
    mlflow.set_experiment(name)
    with mlflow.start_run():
        mlflow.log_params(params_file.flat(params))
        mlflow.log_metrics(metrics)
        mlflow.sklearn.log_model(
            model, name="model", registered_model_name=name, signature=infer_signature(example, model.predict(example)),
            pip_requirements=["scikit-learn"], serialization_format="skops", skops_trusted_types=tracking.trusted_types(model),
        )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], "--validate" in sys.argv, "--review" in sys.argv, "--tools" in sys.argv)))
