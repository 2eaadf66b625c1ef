"""What reviewers' artifacts add to a run: figures, model card, explanations (SHAP on a tree pipeline).

`PYTHONPATH=. python benchmarks/review_costs.py` prints seconds per step, measured in-process after imports.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import numpy as np
import pandas as pd

import projects
from flows import lifecycle
from flows import params as params_file
from flows.settings import Settings
from flows.steps import card, explain, fairness, plots
from flows.steps.versioning import Origin


@contextmanager
def timed(label: str):
    started = time.perf_counter()
    yield
    print(f"{label:<55} {time.perf_counter() - started:6.2f} s")


def project_costs(name: str, rows: int) -> None:
    project = projects.load(name)
    effective = params_file.resolve(project, params_file.read(Settings().root))
    frame = project.generate(rows, 0)
    rows = lifecycle.prepare(project, frame, effective)
    fitted = lifecycle.fit(project, effective, rows.train)
    model, test = fitted.model, rows.test
    bias = fairness.measure(model, project, test)
    with timed(f"{name}: global importance + 20 decisions"):
        importance = explain.global_importance(model, project, test[list(project.features)])
        explain.decisions(model, project, test.head(20))
    with timed(f"{name}: figures ({len(test)} test rows)"):
        drawn = plots.figures(model, project, test, bias.by_group, importance)
        for figure in drawn.values():
            figure.savefig(f"/tmp/{name}-bench.png")  # what log_figure does
    with timed(f"{name}: evaluation with intervals ({effective.evaluation.bootstrap} resamples)"):
        evaluation = lifecycle.evaluate(project, effective, fitted, rows)
    facts = card.Facts(project, "1", "run", "md5", Origin(), params_file.flat(effective), evaluation, 0.1)
    with timed(f"{name}: model card (Markdown + HTML)"):
        card.html(card.markdown(facts, card.read_readme(Settings().root / "projects" / name)), name)


def shap_costs(rows: int) -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    rng = np.random.default_rng(0)
    X = pd.DataFrame({f"x{i}": rng.normal(size=rows) for i in range(10)} | {"c": rng.choice(list("abcdef"), rows)})
    y = (X["x0"] + X["x1"] * X["x2"] + (X["c"] == "a") > 0).astype(int)
    prepare = ColumnTransformer([("c", OneHotEncoder(), ["c"])], remainder="passthrough")
    project = projects.load("crmana_implantation")
    with timed("import shap"):
        import shap  # noqa: F401
    for trees in (HistGradientBoostingClassifier(max_iter=200), RandomForestClassifier(n_estimators=200, max_depth=12)):
        model = Pipeline([("prepare", prepare), ("model", trees)]).fit(X, y)
        with timed(f"SHAP {type(trees).__name__} on {rows} rows"):
            explain.contributions(model, project, X)


if __name__ == "__main__":
    project_costs("crmana_implantation", 6000)
    project_costs("irsn_siseri", 12000)
    shap_costs(1000)
