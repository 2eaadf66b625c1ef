"""Fairness that looks at decisions: fairlearn's criteria per sensitive group, banded numeric attributes, a gate that
refuses with the criterion, the groups and their rates, and mitigation with its cost. No server."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import demographic_parity_difference, demographic_parity_ratio, equalized_odds_difference

import projects
from flows import lifecycle
from flows.steps import card, fairness, mitigation, promotion, tracking
from flows.steps.record import Metric, Tag
from flows.steps.versioning import Origin
from projects.contract import Bands, FairnessCriterion, ProjectParams, PromotionParams
from tests.gate import measured

RULES = PromotionParams(min_gain_over_baseline=0.1, max_fairness_gap=0.1)


@pytest.fixture(scope="module")
def crmana() -> tuple:
    project = projects.load("crmana_implantation")
    params = project.params_model()(evaluation={"bootstrap": 0}, promotion=RULES)
    result = lifecycle.run(project, project.generate(2000, 0), params)
    return project, params, result


def test_criteria_are_fairlearns_own(crmana: tuple) -> None:
    project, _, result = crmana
    test, model = result.split.test, result.fitted.model
    found = fairness.measure(model, project, test, min_group=1)
    decided, truth = model.predict(test[list(project.features)]), test[project.target]
    for attribute in project.sensitive:
        groups = test[attribute]
        expected = {
            "selection_rate_difference": demographic_parity_difference(truth, decided, sensitive_features=groups),
            "equalized_odds_difference": equalized_odds_difference(truth, decided, sensitive_features=groups),
        }
        for criterion, value in expected.items():
            assert found.gaps[f"{criterion}.{attribute}"] == pytest.approx(value, abs=1e-12), (criterion, attribute)
    ratio = replace(project, fairness=(FairnessCriterion("selection_rate_ratio", 0.8, "four fifths"),))
    by_ratio = fairness.measure(model, ratio, test, min_group=1)
    assert by_ratio.gaps["selection_rate_ratio.SEXE_DIRIGEANT"] == pytest.approx(
        demographic_parity_ratio(truth, decided, sensitive_features=test["SEXE_DIRIGEANT"]), abs=1e-12
    )


def test_every_criterion_is_on_the_run_and_in_the_card(crmana: tuple) -> None:
    project, params, result = crmana
    metrics = lifecycle.flat_metrics(result.evaluation)
    for criterion in project.fairness_criteria():
        for attribute in project.sensitive:
            assert f"{Metric.FAIRNESS}{criterion.criterion}.{attribute}" in metrics
    names = {check.name for check in result.decision.checks}
    assert {f"fairness.{c.criterion}.{a}" for c in project.fairness_criteria() for a in project.sensitive} <= names
    facts = card.Facts(project, "1", "run", "md5", Origin(), {}, result.evaluation, params.promotion.max_fairness_gap)
    text = card.markdown(facts)
    assert "| selection_rate_difference | SEXE_DIRIGEANT |" in text and "true positive rate" in text
    assert project.fairness_criteria()[0].reason in text


def test_a_numeric_attribute_is_measured_by_bands(crmana: tuple) -> None:
    bands = Bands("AGE_DIRIGEANT", (25, 55))
    assert [bands.label(v) for v in (19, 24.9, 25, 54, 54.5, 55, 70, math.nan)] == [
        "< 25", "< 25", "25–54", "25–54", "25–54", "≥ 55", "≥ 55", "non renseigné"
    ]
    project, _, result = crmana
    test = result.split.test.copy()
    test["AGE_DIRIGEANT"] = np.random.default_rng(0).integers(19, 70, len(test))
    aged = replace(project, sensitive=("AGE_DIRIGEANT",), bands=(bands,))
    found = fairness.measure(result.fitted.model, aged, test, min_group=1)
    assert set(found.by_group["group"]) == {"< 25", "25–54", "≥ 55"}
    assert "selection_rate_difference.AGE_DIRIGEANT" in found.gaps
    sizes = found.by_group.set_index("group")["size"]
    assert sizes["< 25"] == int((test["AGE_DIRIGEANT"] < 25).sum())


def _groups(attribute: str, rows: dict[str, tuple[int, float, float, float, float]], metric: str) -> pd.DataFrame:
    """A per-group table as `fairness.measure` writes it: size, metric, selection rate, TPR, FPR."""
    return pd.DataFrame(
        [(attribute, group, *values) for group, values in rows.items()],
        columns=["attribute", "group", "size", metric, *fairness.RATES],
    )


CASES = {
    # name: (attribute, groups with (size, metric, selection rate, TPR, FPR), the group rates the reason must give)
    "crmana_implantation": ("SEXE_DIRIGEANT", {"F": (500, 0.76, 0.468, 0.82, 0.40), "M": (1000, 0.77, 0.650, 0.86, 0.45)},
                            ["F selection rate 0.468 (500 rows)", "M selection rate 0.650 (1000 rows)", "0.1820 > tolerance 0.1"]),
    "dgal_restaurants": ("TYPE_CUISINE", {"italienne": (80, 0.50, 0.10, 0.5, 0.05), "japonaise": (60, 0.55, 0.25, 0.6, 0.2),
                                          "kebab et grillades": (70, 0.52, 0.30, 0.6, 0.2)},
                         ["italienne selection rate 0.100 (80 rows)", "kebab et grillades selection rate 0.300 (70 rows)",
                          "0.2000 > tolerance 0.1"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_challenger_fair_on_the_metric_but_not_on_selection_rates_is_refused(name: str) -> None:
    project = projects.load(name)
    attribute, groups, said = CASES[name]
    table = _groups(attribute, groups, project.metric)
    evaluation = measured(project.metric, 0.8, 0.5, by_group=table)
    evaluation.evidence.fairness = fairness.summarise(project, table, min_group=30)
    decision = promotion.decide(evaluation, RULES)
    refused = f"fairness.selection_rate_difference.{attribute}"
    assert not decision.promote and refused in decision.blocked_by
    assert "fairness" not in decision.blocked_by, "the metric's gap is within its tolerance"
    reason = next(check.reason for check in decision.checks if check.name == refused)
    for text in said:
        assert text in reason, reason
    assert next(c for c in project.fairness_criteria() if c.criterion == "selection_rate_difference").reason in reason
    # The same gap passes where params.yaml allows it, and even rates pass as declared: the check can say yes.
    looser = RULES.model_copy(update={"fairness_tolerance": {"selection_rate_difference": 0.25}})
    assert refused not in promotion.decide(evaluation, looser).blocked_by
    even = table.assign(selection_rate=0.3, true_positive_rate=0.6, false_positive_rate=0.2)
    evaluation.evidence.fairness = fairness.summarise(project, even, min_group=30)
    assert promotion.decide(evaluation, RULES).promote


def test_person_level_decisions_get_selection_rates_and_equalised_odds_by_default() -> None:
    project = replace(projects.load("crmana_implantation"), fairness=None)
    assert {c.criterion for c in project.fairness_criteria()} == {"selection_rate_difference", "equalized_odds_difference"}
    assert replace(project, persons=False).fairness_criteria() == ()
    table = _groups("SEXE_DIRIGEANT", {"F": (50, 0.7, 0.5, 0.9, 0.2), "M": (50, 0.7, 0.5, 0.6, 0.2)}, project.metric)
    found = fairness.summarise(project, table, min_group=30)
    odds = next(m for m in found.criteria if m.criterion == "equalized_odds_difference")
    assert odds.value == pytest.approx(0.3) and not odds.holds()


def test_a_criterion_the_decisions_cannot_have_blocks() -> None:
    project = projects.load("crmana_implantation")
    table = _groups("SEXE_DIRIGEANT", {"F": (50, 0.7, 0.5, 0.9, 0.2), "M": (50, 0.7, 0.5, 0.9, 0.2)}, project.metric)
    ranking = table.assign(**{column: np.nan for column in fairness.RATES})  # no binary decisions
    evaluation = measured(project.metric, 0.8, 0.5, by_group=ranking)
    evaluation.evidence.fairness = fairness.summarise(project, ranking, min_group=30)
    decision = promotion.decide(evaluation, RULES)
    assert "fairness.selection_rate_difference.SEXE_DIRIGEANT" in decision.blocked_by
    small = fairness.summarise(project, table.assign(size=10), min_group=30)
    assert all(m.value is None and m.holds() for m in small.criteria), "too few rows: reported, not blocking"


def test_a_mitigated_challenger_shows_its_cost_beside_its_gain(crmana: tuple) -> None:
    project, params, result = crmana
    trade, evaluation = mitigation.challenge(project, params, result)
    shift = trade.shift("selection_rate_difference.SEXE_DIRIGEANT")
    assert shift.plain.value == result.evaluation.evidence.fairness.gaps["selection_rate_difference.SEXE_DIRIGEANT"]
    assert shift.mitigated.value == evaluation.evidence.fairness.gaps["selection_rate_difference.SEXE_DIRIGEANT"]
    assert shift.gain > 0 and shift.mitigated.value < shift.plain.value, shift
    assert trade.cost == pytest.approx(result.evaluation.score - evaluation.score)
    text = "\n".join(trade.lines())
    assert f"{trade.score:.4f} → {trade.mitigated_score:.4f}: cost {trade.cost:+.4f}" in text
    assert {s.name for s in trade.shifts} >= {f"{c.criterion}.{a}" for c in project.fairness_criteria() for a in project.sensitive}
    decided = lifecycle.decide(project, params, evaluation)
    assert "fairness.selection_rate_difference.SEXE_DIRIGEANT" not in decided.blocked_by
    # The registry gives the mixture back as it decided: skops, our reviewed types, no fairlearn state.
    X = result.split.test[list(project.features)]
    model = mitigation.fit(project, _mitigated(params), result.split.train)
    back = tracking.round_trip(model)
    assert np.array_equal(back.predict_proba(X), model.predict_proba(X))
    assert set(tracking.trusted_types(model)) <= set(tracking.TRUSTED_TYPES)


def _mitigated(params: ProjectParams) -> ProjectParams:
    return params.model_copy(update={"mitigation": params.mitigation.model_copy(update={"method": "exponentiated_gradient"})})


def test_mitigation_constrains_a_criterion_a_reduction_can() -> None:
    project = projects.load("crmana_implantation")
    assert mitigation.constrained(project, None) == project.fairness_criteria()[0].criterion
    assert mitigation.constrained(project, "equalized_odds_difference") == "equalized_odds_difference"
    with pytest.raises(ValueError, match="cannot constrain metric_gap"):
        mitigation.constrained(project, "metric_gap")
    rows = pd.DataFrame({"SEXE_DIRIGEANT": ["F", "M", None], "TRANCHE_AGE_DIRIGEANT": ["<30", "50+", "30-39"]})
    assert list(mitigation.joint_groups(project, rows)) == ["F × <30", "M × 50+", "non renseigné × 30-39"]
    described = mitigation.described(project, _mitigated(project.params_model()()))
    assert "DemographicParity" in described and "SEXE_DIRIGEANT × TRANCHE_AGE_DIRIGEANT" in described


def test_a_trade_off_reads_gains_the_way_each_criterion_points() -> None:
    plain = {"selection_rate_difference.SEXE": mitigation.Criterion(0.18, 0.1, False),
             "selection_rate_ratio.SEXE": mitigation.Criterion(0.70, 0.8, False), "metric_gap.SEXE": mitigation.Criterion(None, 0.1, True)}
    after = {"selection_rate_difference.SEXE": mitigation.Criterion(0.05, 0.1, True),
             "selection_rate_ratio.SEXE": mitigation.Criterion(0.90, 0.8, True), "metric_gap.SEXE": mitigation.Criterion(0.02, 0.1, True)}
    trade = mitigation.trade_off("roc_auc", True, (0.77, plain), (0.74, after))
    assert trade.cost == pytest.approx(0.03)
    assert trade.shift("selection_rate_difference.SEXE").gain == pytest.approx(0.13)
    assert trade.shift("selection_rate_ratio.SEXE").gain == pytest.approx(0.20), "a ratio is fairer when it rises"
    assert math.isnan(trade.shift("metric_gap.SEXE").gain)
    assert "0.1800 (fails) → 0.0500 (holds), tolerance 0.1: gain +0.1300" in "\n".join(trade.lines())
    error = mitigation.trade_off("mae", False, (2.0, {}), (2.5, {}))
    assert error.cost == pytest.approx(0.5) and error.shifts == ()


def test_reductions_refuse_more_than_two_classes() -> None:
    from sklearn.linear_model import LogisticRegression

    X = pd.DataFrame({"x": np.arange(9.0)})
    with pytest.raises(ValueError, match="two classes"):
        mitigation.Reduced(LogisticRegression()).fit(X, np.arange(9) % 3, sensitive_features=np.arange(9) % 2)


def test_params_accept_fairness_tolerances() -> None:
    params = ProjectParams.model_fields["promotion"].annotation(fairness_tolerance={"selection_rate_difference": 0.05})
    assert params.fairness_tolerance == {"selection_rate_difference": 0.05}


def test_a_criterion_must_be_able_to_refuse_and_say_why() -> None:
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        FairnessCriterion("selection_rate_difference", 1.0, "anything passes")
    with pytest.raises(ValueError, match="reason"):
        FairnessCriterion("equalized_odds_difference", 0.1, " ")


def test_params_refuse_an_unknown_criterion_or_a_void_tolerance() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        PromotionParams(fairness_tolerance={"selection_rate": 0.1})
    with pytest.raises(ValidationError):
        PromotionParams(fairness_tolerance={"selection_rate_difference": 1.0})


def test_a_rate_counts_only_groups_with_enough_rows_in_its_denominator() -> None:
    project = projects.load("crmana_implantation")
    table = _groups("SEXE_DIRIGEANT", {"F": (100, 0.7, 0.5, 0.9, 0.1), "M": (100, 0.7, 0.5, 0.5, 0.1)}, project.metric)
    few = table.assign(positives=[10, 60], negatives=[90, 40])  # F's true positive rate rests on 10 positives
    odds = next(m for m in fairness.summarise(project, few, 30).criteria if m.criterion == "equalized_odds_difference"
                and m.attribute == "SEXE_DIRIGEANT")
    assert odds.value is None and odds.holds() and "true_positive_rate" in odds.note
    enough = table.assign(positives=[40, 60], negatives=[60, 40])
    odds = next(m for m in fairness.summarise(project, enough, 30).criteria if m.criterion == "equalized_odds_difference"
                and m.attribute == "SEXE_DIRIGEANT")
    assert odds.value == pytest.approx(0.4) and not odds.holds()


def test_every_criterion_names_its_worst_pair_and_the_tolerance_the_gate_applies() -> None:
    project = projects.load("crmana_implantation")
    table = _groups("TRANCHE_AGE_DIRIGEANT", {"<30": (100, 0.70, 0.72, 0.85, 0.55), "30-39": (100, 0.66, 0.84, 0.92, 0.71),
                                              "50+": (100, 0.72, 0.78, 0.89, 0.58)}, project.metric)
    found = fairness.summarise(project, table, min_group=30)
    rules = RULES.model_copy(update={"fairness_tolerance": {"equalized_odds_difference": 0.2}})
    judged = {(m.criterion, m.attribute): m for m in found.judged(rules)}
    gap = judged["metric_gap", "TRANCHE_AGE_DIRIGEANT"]
    assert gap.value == pytest.approx(0.06) and gap.tolerance == RULES.max_fairness_gap and gap.holds()
    assert gap.worst_pair() == "30-39 roc_auc 0.660 vs 50+ roc_auc 0.720"
    rates = judged["selection_rate_difference", "TRANCHE_AGE_DIRIGEANT"]
    assert rates.worst_pair() == "<30 selection rate 0.720 vs 30-39 selection rate 0.840" and not rates.holds()
    odds = judged["equalized_odds_difference", "TRANCHE_AGE_DIRIGEANT"]  # FPR spread 0.16 is wider than TPR's 0.07
    assert odds.pair == ("false_positive_rate", "<30", "30-39") and odds.tolerance == 0.2 and odds.holds()
    evaluation = measured(project.metric, 0.8, 0.5, by_group=table)
    evaluation.evidence.fairness = found
    reason = next(c.reason for c in promotion.decide(evaluation, rules).checks
                  if c.name == "fairness.selection_rate_difference.TRANCHE_AGE_DIRIGEANT")
    assert "worst pair: <30 selection rate 0.720 vs 30-39 selection rate 0.840" in reason
    declared = replace(project, fairness=(FairnessCriterion("metric_gap", 0.3, "every age band told as well"),))
    (gap,) = fairness.summarise(declared, table, min_group=30).judged(rules)
    assert (gap.criterion, gap.tolerance, gap.reason) == ("metric_gap", RULES.max_fairness_gap, "every age band told as well")


def test_the_run_records_each_criterion_and_reviewers_read_it_back(crmana: tuple) -> None:
    from flows import review

    project, params, result = crmana
    metrics, tags = lifecycle.fairness_record(result.evaluation, params.promotion)
    judged = result.evaluation.evidence.fairness.judged(params.promotion)
    read = review.recorded_criteria(lifecycle.flat_metrics(result.evaluation) | metrics)
    assert set(read) == {f"{m.criterion}.{m.attribute}" for m in judged}
    for m in judged:
        said = read[f"{m.criterion}.{m.attribute}"]
        assert (said.value, said.tolerance, said.holds) == (m.value, m.tolerance, m.holds())
        assert tags[Tag.criterion(m.criterion, m.attribute)] == m.worst_pair()
        assert metrics[Metric.criterion(m.criterion, m.attribute, "holds")] == float(m.holds())


def test_a_metric_resting_on_positives_counts_only_groups_with_enough_of_them() -> None:
    """dge_sisse: a country with 5 risky files out of 46 made the average-precision gap by itself."""
    project = projects.load("dge_sisse")
    table = pd.DataFrame({
        "attribute": "PAYS_INVESTISSEUR", "group": ["Canada", "Royaume-Uni", "États-Unis"], "size": [46, 205, 636],
        "average_precision": [0.11, 0.74, 0.24], "positives": [5, 49, 78], "negatives": [41, 156, 558],
    })
    found = fairness.summarise(project, table, min_group=30)
    assert found.gap == pytest.approx(0.50), "Canada's 5 positives do not make the gap"
    (gap,) = found.judged(PromotionParams(max_fairness_gap=0.2))
    assert gap.worst_pair() == "États-Unis average_precision 0.240 vs Royaume-Uni average_precision 0.740"
    assert "Canada" not in gap.groups
    unknown = fairness.summarise(project, table.drop(columns=["positives", "negatives"]), min_group=30)
    assert unknown.gap == pytest.approx(0.63), "without the counts, every group of 30 rows counts"
    few = fairness.summarise(project, table.assign(positives=[5, 20, 25]), min_group=30)
    assert few.gap is None
    evaluation = measured(project.metric, 0.8, 0.5, by_group=table)
    evaluation.evidence.fairness = few
    (said,) = [check for check in promotion.decide(evaluation, RULES).checks if check.name == "fairness"]
    assert said.ok and "fairness gap not measured" in said.reason and "30 test rows" in said.reason
