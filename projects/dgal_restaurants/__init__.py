"""DGAL (Agriculture): rank restaurants by the risk that their next official hygiene inspection is bad, from reviews.

A bad inspection is an Alim'confiance level "à améliorer" or "à corriger de manière urgente". One row is one
inspection, with the establishment's reviews of the year before; the split keeps an establishment's inspections
together. The cuisine type is measured for bias, never used: inspections must not target by cuisine.
"""

from projects.contract import FairnessCriterion, Holdout, Project, StatusQuo

from .data import generate
from .model import COUNTS, HISTORY, NUMBERS, TEXT, Params, derive, make_model
from .status_quo import COLUMNS, LastResult

PROJECT = Project(
    name="dgal_restaurants",
    title="Ciblage des contrôles sanitaires des restaurants à partir des avis clients",
    administration="Direction générale de l'alimentation (DGAL, ministère de l'Agriculture)",
    season=1,
    task="classification",
    target="INSPECTION_DEFAVORABLE",
    metric="average_precision",  # a ranking for the inspection plan, with bad inspections in the minority
    features=(TEXT, *NUMBERS, *COUNTS, *HISTORY),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    sensitive=("TYPE_CUISINE",),
    free_text=(TEXT,),
    key="Numero_inspection",
    group="SIRET",
    # The next delivery is the next months' inspections: the latest are held out, as they will come.
    holdout=Holdout("Date_inspection", "the latest inspections by date: the next months' plan", ordered=True),
    status_quo=StatusQuo(
        "dernier résultat",
        "inspectors go back first where the last Alim'confiance result was bad: the share of bad inspections after "
        "the same previous level (first inspections: their own share)",
        LastResult,
        COLUMNS,
    ),
    fairness=(
        FairnessCriterion("selection_rate_difference", 0.1, "inspections must not target by cuisine: the share of "
                          "restaurants sent an inspector differs by at most 10 points between cuisine types"),
    ),
)
