"""The promotion gate, as a pure decision: a challenger takes the champion alias only when every check holds.

Each check reads the evaluation (flows/lifecycle.py) and the project's rules (params.yaml, `promotion:`) and says,
met or not, why. The checks, in order:
- **baselines**: the challenger beats the strongest of its baselines (the task kind's trivial one, the project's
  status quo) by `min_gain_over_baseline`, on the held-out groups. When the status quo wins, nothing is crowned and
  the run says so.
- **champion**: it is strictly better than the champion re-scored on the same held-out rows (a tie keeps the
  champion), or loses no more than `max_champion_loss` when the project allows it.
- **fairness**: its gap between sensitive groups is within `max_fairness_gap`, and each of the project's fairness
  criteria (selection rates, true and false positive rates) holds on each attribute, within its tolerance.
- **floors**: each metric of `min_scores` reaches its floor (a ceiling, for an error metric of the task kind).
- **leakage**: no single feature predicts the target almost perfectly by itself ("suspected leakage").
- **jump**: the gain over the champion stays below `max_jump` ("implausible jump").
- **reference**: on the champion's reference rows (flows/steps/reference_set.py), the challenger does not lose
  beyond `reference_tolerance`.
- **drift**: the challenger's data is not shifted from the champion's training data beyond `drift_block`
  (flows/steps/drift.py); the columns that moved are said either way.
A check is a function `(evaluation, rules) -> list[Check]`; the gate is the list `CHECKS`. Adding a concern adds a
function there, and nothing else changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from projects.contract import PromotionParams

if TYPE_CHECKING:
    from flows.lifecycle import Evaluation


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    reason: str

    def text(self) -> str:
        return ("ok: " if self.ok else "blocks: ") + self.reason


@dataclass(frozen=True)
class Decision:
    checks: tuple[Check, ...]

    @property
    def promote(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(check.text() for check in self.checks)

    @property
    def verdict(self) -> str:
        return "promoted" if self.promote else "kept"

    @property
    def blocked_by(self) -> tuple[str, ...]:
        return tuple(check.name for check in self.checks if not check.ok)

    @property
    def beats_status_quo(self) -> bool:
        return "baselines" not in self.blocked_by

    def text(self) -> str:
        return f"{self.verdict}: " + "; ".join(self.reasons)


def beats_baselines(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """The strongest baseline, by the required margin; every baseline's score said."""
    metric, score = evaluation.metric, evaluation.score
    strongest, floor = evaluation.strongest_baseline()
    sign = 1 if evaluation.greater_is_better else -1
    gain = sign * (score - floor)
    interval = evaluation.intervals.get("gain")
    # The gain must also be told apart from nothing: a gain whose bootstrap interval reaches 0 is luck of the draw.
    certain = interval is None or interval.low > 0
    ok = not math.isnan(score) and not math.isnan(gain) and gain >= rules.min_gain_over_baseline and certain
    others = ", ".join(
        f"{name} {scores.get(metric, math.nan):.4f}" for name, scores in evaluation.baselines.items() if name != strongest
    )
    reason = (
        f"{metric} {score:.4f} on held-out groups against the strongest baseline ({strongest} {floor:.4f}): gain "
        f"{gain:+.4f}{f' {interval.text()}' if interval else ''} {'≥' if ok else '<'} required "
        f"{rules.min_gain_over_baseline}{f'; other baselines: {others}' if others else ''}"
    )
    if not certain:
        reason += "; its interval reaches 0: not told apart from the baseline"
    if not ok and strongest != "trivial":
        reason += f"; the {strongest.replace('_', ' ')} is at least as good: nothing is crowned"
    return [Check("baselines", ok, reason)]


def holds_against_champion(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    champion, score = evaluation.champion, evaluation.score
    version = evaluation.champion_version or ""
    named = f"v{version}" if version.isdigit() else version  # a registry version, or a label (`socle check`)
    if champion is None:
        return [Check("champion", True, "no champion yet")]
    if math.isnan(champion):
        return [Check("champion", True, f"the champion {named} cannot be scored any more")]
    sign = 1 if evaluation.greater_is_better else -1
    margin = sign * (score - champion)
    ok = margin > 0 if rules.max_champion_loss == 0 else margin >= -rules.max_champion_loss
    rule = "strictly better required: a tie keeps the champion" if rules.max_champion_loss == 0 else (
        f"a loss up to {rules.max_champion_loss} allowed"
    )
    return [Check(
        "champion", ok,
        f"champion {named} re-scored on the same held-out rows: {champion:.4f}, challenger "
        f"{score:.4f} ({margin:+.4f}; {rule})",
    )]


def fair(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """The primary metric's gap between sensitive groups (`max_fairness_gap`), then each of the project's fairness
    criteria on each attribute (`fairness.<criterion>.<attribute>`), refused with the groups and their figures."""
    bias = evaluation.evidence.fairness
    checks = []
    if bias.gap is not None:
        ok = bias.gap <= rules.max_fairness_gap
        checks.append(Check("fairness", ok, f"fairness gap {bias.gap:.4f} {'≤' if ok else '>'} threshold {rules.max_fairness_gap}"))
    elif not bias.by_group.empty:  # said, so that a gap nobody could measure is not read as a gap that passed
        checks.append(Check("fairness", True, (
            f"fairness gap not measured: fewer than two groups of an attribute with at least {bias.min_group} test "
            f"rows (and as many positives where {bias.metric or 'the metric'} rests on them); every group is reported"
        )))
    for measured in bias.judged(rules):
        if measured.criterion == "metric_gap":  # the check above: the largest of these gaps
            continue
        tolerance, ok = measured.tolerance, measured.holds()
        name = f"fairness.{measured.criterion}.{measured.attribute}"
        if measured.value is None:
            said = f"{measured.criterion} on {measured.attribute} not measured: {measured.note}"
            checks.append(Check(name, ok, said + ("" if ok else " (the criterion cannot apply to these decisions)")))
            continue
        limit = ("≥" if ok else "<") if measured.is_ratio else ("≤" if ok else ">")
        checks.append(Check(name, ok, (
            f"{measured.criterion} on {measured.attribute} {measured.value:.4f} {limit} tolerance {tolerance} between "
            f"{measured.figures()} (worst pair: {measured.worst_pair()}) — {measured.reason}"
        )))
    return checks


def floors(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    checks = []
    for name, floor in rules.min_scores.items():
        value = evaluation.scores.get(name, math.nan)
        if name in evaluation.lower_is_better:
            ok = not math.isnan(value) and value <= floor
            checks.append(Check(f"floor.{name}", ok, f"{name} {value:.4f} {'≤' if ok else '>'} ceiling {floor}"))
        else:
            ok = not math.isnan(value) and value >= floor
            checks.append(Check(f"floor.{name}", ok, f"{name} {value:.4f} {'≥' if ok else '<'} floor {floor}"))
    return checks


SUSPECTED_LEAKAGE = 0.98
"""Balanced accuracy of one feature alone above which a reviewer asks which column gives the label away (the
projects' honest features: at most about 0.7 on their generated data)."""


def no_leakage(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """No single feature predicts the target almost perfectly by itself (a label copied into a column)."""
    from flows.steps import leakage

    alone = evaluation.extra.get(leakage.EXTRA)
    if alone is None:
        return []
    ok = alone.score < SUSPECTED_LEAKAGE
    said = "no suspected leakage" if ok else "suspected leakage"
    return [Check(
        "leakage", ok,
        f"{said}: the strongest single feature, {alone.column}, predicts the target alone with {alone.metric} "
        f"{alone.score:.3f} on held-out rows ({'<' if ok else '≥'} {SUSPECTED_LEAKAGE})",
    )]


def plausible_jump(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """The gain over the champion is one a delivery plausibly brings."""
    champion, score = evaluation.champion, evaluation.score
    if champion is None or math.isnan(champion) or math.isnan(score):
        return []
    sign = 1 if evaluation.greater_is_better else -1
    gain = sign * (score - champion)
    if evaluation.metric in evaluation.lower_is_better:  # an error in the target's units: the jump is relative
        gain = gain / abs(champion) if champion else math.inf
    ok = gain <= rules.max_jump
    return [Check(
        "jump", ok,
        f"{'plausible' if ok else 'implausible'} jump: {gain:+.4f} over champion v{evaluation.champion_version} "
        f"({'≤' if ok else '>'} {rules.max_jump}{'' if ok else '; a reviewer must see why before it is crowned'})",
    )]


def holds_on_reference(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """On the rows the champion was crowned on, which this delivery cannot rewrite, the challenger does not lose by
    more than `reference_tolerance`."""
    from flows.steps import reference_set

    found = evaluation.extra.get(reference_set.EXTRA)
    if found is None:
        return []
    if math.isnan(found.champion):
        return [Check("reference", True, f"the champion v{found.champion_version} cannot score its reference rows any more")]
    sign = 1 if evaluation.greater_is_better else -1
    margin = sign * (found.challenger - found.champion)
    ok = not math.isnan(margin) and margin >= -rules.reference_tolerance
    return [Check(
        "reference", ok,
        f"on the {found.rows} reference rows of champion v{found.champion_version}: champion {found.champion:.4f}, "
        f"challenger {found.challenger:.4f} ({margin:+.4f}; a loss up to {rules.reference_tolerance} allowed)",
    )]


def steady_inputs(evaluation: Evaluation, rules: PromotionParams) -> list[Check]:
    """The challenger's data is not too far from the champion's (`drift_block`): a model trained on a shifted
    delivery may be right, or the delivery wrong; a reviewer looks before it is crowned. Below it, the columns that
    moved are said, and pass."""
    from flows.steps import drift

    found = evaluation.extra.get(drift.EXTRA)
    if found is None:
        return []
    since = f"since the training data of champion v{evaluation.champion_version}"
    if found.level == drift.BLOCK:
        return [Check("drift", False, f"inputs shifted {since}: {'; '.join(found.reasons)}; a reviewer must see why")]
    said = f"inputs moved {since}: {'; '.join(found.reasons)}" if found.moved else f"inputs steady {since} ({found.reasons[0] if found.reasons else 'no column moved'})"
    return [Check("drift", True, said)]


CHECKS: tuple[Callable[[Evaluation, PromotionParams], list[Check]], ...] = (
    beats_baselines, holds_against_champion, fair, floors, no_leakage, plausible_jump, holds_on_reference,
    steady_inputs,
)


def decide(evaluation: Evaluation, rules: PromotionParams) -> Decision:
    """Every check of the gate, met or not, in order."""
    return Decision(tuple(check for rule in CHECKS for check in rule(evaluation, rules)))
