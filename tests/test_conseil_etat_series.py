"""Conseil d'État: a series is a legal question, not an act; the registry's former key cannot find it."""

import numpy as np

from flows.steps.kinds.clustering import partition_scores
from projects.conseil_etat_series.data import QUESTION_ISOLEE, generate
from projects.conseil_etat_series.status_quo import ActKey, act_key


def test_most_series_contest_many_different_acts() -> None:
    frame = generate(1500, 0)
    serial = frame[frame.question_droit != QUESTION_ISOLEE]
    sizes = serial.groupby("serie").size()
    big = sizes[sizes >= 5].index
    acts_per_series = serial[serial.serie.isin(big)].groupby("serie").acte_conteste.nunique()
    assert (acts_per_series > 1).mean() > 0.7  # only the mass litigations against one collective act share theirs


def test_the_former_key_act_date_number_matiere_no_longer_identifies_a_series() -> None:
    frame = generate(1500, 0)
    truth = frame.serie.to_numpy()
    former = partition_scores(truth, ActKey(keep_identity=True).fit(frame).predict(frame))["v_measure"]
    alone = partition_scores(truth, np.arange(len(frame)))["v_measure"]
    assert former < alone + 0.03  # about as good as handling every filing alone (it was 0.986 before)


def test_the_key_drops_the_act_date_and_number_and_spells_out_abbreviations() -> None:
    first = act_key("étrangers", "l'arrêté n° 004512 du préfet du Rhône du 3 mars 2021 portant OQTF")
    second = act_key("étrangers", "l'arrêté n° 118 du préfet du Rhône du 12 avril 2022 portant obligation de quitter le territoire français")
    assert first == second
    assert act_key("fiscal", "l'avis n° 12", keep_identity=True) != act_key("fiscal", "l'avis n° 13", keep_identity=True)
