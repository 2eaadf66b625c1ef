"""The census's goal, scored: the activity (NAF code) of the establishment each answer is coded to.

INSEE codes the employer's establishment to give each worker an activity and a place of work: a wrong
establishment of the right activity still codes the NAF right, a right name in the wrong sector does not.
`naf_accuracy` is the share of answers whose top-ranked establishment has the NAF code of the true one, read from
the register rows of the same frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

METRICS = ("naf_accuracy",)
NAF = "CODE_NAF"


def score(model: Any, project: Any, rows: pd.DataFrame) -> dict[str, float]:
    register = rows[rows[project.target].isna()]
    answers = rows[rows[project.target].notna()]
    if answers.empty or register.empty:
        return {"naf_accuracy": float("nan")}
    naf = register.set_index(register[project.key].astype(str))[NAF]
    chosen = naf.reindex(np.asarray(model.predict(answers[list(project.features)])).astype(str)).to_numpy()
    truth = naf.reindex(answers[project.target].astype(str).str.split(";").str[0]).to_numpy()
    return {"naf_accuracy": float(np.mean(chosen == truth))}
