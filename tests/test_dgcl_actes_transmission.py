"""dgcl_actes: the transmission duty (rules.py) decided with the model's proposed matière must agree with the one
decided with the prefecture's reviewed matière, on acts whose title wordings the model never saw: a wrong matière
that flips "transmissible" sends an act to the wrong pile (or none)."""

import numpy as np
import pytest

from flows import lifecycle
from projects.dgcl_actes import PROJECT, rules

MIN_AGREEMENT = 0.95
"""At most one act in twenty may change pile because of the model."""


@pytest.fixture(scope="module")
def held_out():
    params = PROJECT.params_model()(data={"rows": 1200, "seed": 4})
    split = lifecycle.prepare(PROJECT, PROJECT.generate(1200, 4), params)
    model = PROJECT.make_model(params.model).fit(split.train[list(PROJECT.features)], split.train[PROJECT.target])
    return split.test, model.predict(split.test[list(PROJECT.features)])


def test_the_model_matiere_keeps_the_transmission_decision(held_out):
    acts, proposed = held_out
    reviewed = rules.transmissibility(acts)["TRANSMISSIBLE"].to_numpy(dtype=bool)
    with_model = rules.transmissibility(acts, proposed)["TRANSMISSIBLE"].to_numpy(dtype=bool)
    agreement = float(np.mean(reviewed == with_model))
    assert agreement >= MIN_AGREEMENT, f"transmission decided with the model's matière agrees on {agreement:.3f} of acts"


def test_transmissible_acts_come_first(held_out):
    acts, proposed = held_out
    ranks = rules.check_order(acts, proposed)
    transmissible = rules.transmissibility(acts, proposed)["TRANSMISSIBLE"].to_numpy(dtype=bool)
    assert transmissible.any() and (~transmissible).any()
    assert ranks[transmissible].max() < ranks[~transmissible].min()
