"""The census's goal, scored: the activity (NAF rév. 2 code) each answer ends up coded to.

INSEE codes the employer's establishment to give each worker a place of work and an activity: the answer takes the
`activitePrincipaleEtablissement` of the establishment it is coded to. A wrong establishment of the right activity
still codes the NAF right, a right name in the wrong sector does not. Scored at the two levels the tables use:
- `naf_subclass_accuracy`: the top-ranked establishment has the true one's sub-class ("56.10A", 732 of them);
- `naf_division_accuracy`: the same two first digits, the division ("56", 88 of them), what most tables publish.
The true code is read from the register rows of the same frame; answers whose true establishment is missing from
the register are not counted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

METRICS = ("naf_subclass_accuracy", "naf_division_accuracy")
NAF = "activitePrincipaleEtablissement"


def score(model: Any, project: Any, rows: pd.DataFrame) -> dict[str, float]:
    register = rows[rows[project.target].isna()]
    answers = rows[rows[project.target].notna()]
    if answers.empty or register.empty:
        return dict.fromkeys(METRICS, float("nan"))
    naf = register.set_index(register[project.key].astype(str))[NAF]
    truth = naf.reindex(answers[project.target].astype(str).str.split(";").str[0]).to_numpy()
    chosen = naf.reindex(np.asarray(model.predict(answers[list(project.features)])).astype(str)).to_numpy()
    known = pd.notna(truth)
    if not known.any():
        return dict.fromkeys(METRICS, float("nan"))
    truth, chosen = truth[known].astype(str), chosen[known].astype(str)
    return {"naf_subclass_accuracy": float(np.mean(chosen == truth)),
            "naf_division_accuracy": float(np.mean([c[:2] == t[:2] for c, t in zip(chosen, truth)]))}
