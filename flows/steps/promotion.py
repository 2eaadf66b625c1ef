"""The promotion gate, as a pure decision: a challenger takes the champion alias only when every condition holds.

Conditions (thresholds in params.yaml, `promotion:`): its data passed validation (a failed validation never gets
here), it beats the baseline by the margin, it is at least as good as the champion re-scored on the same test data,
its fairness gap is within the threshold, and each metric of `min_scores` reaches its floor (for an error, a
lower-is-better metric of the task kind, the value is a ceiling it must stay under). Every condition is written down, met or not, as the run's reasons.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from projects.contract import PromotionParams


@dataclass(frozen=True)
class Decision:
    promote: bool
    reasons: tuple[str, ...]

    @property
    def verdict(self) -> str:
        return "promoted" if self.promote else "kept"

    def text(self) -> str:
        return f"{self.verdict}: " + "; ".join(self.reasons)


def decide(
    metric: str,
    score: float,
    baseline: float,
    champion: float | None,
    fairness_gap: float | None,
    rules: PromotionParams,
    greater_is_better: bool = True,
    scores: dict[str, float] | None = None,
    lower_is_better: tuple[str, ...] = (),
) -> Decision:
    """Compare the challenger's `score` with the baseline and the champion (both on the challenger's test data)."""
    sign = 1 if greater_is_better else -1
    gain = sign * (score - baseline)
    checks = [
        (
            not math.isnan(score) and gain >= rules.min_gain_over_baseline,
            f"{metric} {score:.4f} against baseline {baseline:.4f}: gain {gain:+.4f} "
            f"{'≥' if gain >= rules.min_gain_over_baseline else '<'} required {rules.min_gain_over_baseline}",
        )
    ]
    if champion is None or math.isnan(champion):
        checks.append((True, "no champion yet" if champion is None else "the champion cannot be scored"))
    else:
        checks.append(
            (
                sign * (score - champion) >= 0,
                f"champion re-scored on the same test data: {champion:.4f}, challenger {score:.4f}",
            )
        )
    if fairness_gap is not None:
        within = fairness_gap <= rules.max_fairness_gap
        checks.append(
            (within, f"fairness gap {fairness_gap:.4f} {'≤' if within else '>'} threshold {rules.max_fairness_gap}")
        )
    for name, floor in rules.min_scores.items():
        value = (scores or {}).get(name, float("nan"))
        if name in lower_is_better:
            reached = not math.isnan(value) and value <= floor
            checks.append((reached, f"{name} {value:.4f} {'≤' if reached else '>'} ceiling {floor}"))
        else:
            reached = not math.isnan(value) and value >= floor
            checks.append((reached, f"{name} {value:.4f} {'≥' if reached else '<'} floor {floor}"))
    return Decision(all(ok for ok, _ in checks), tuple(("ok: " if ok else "blocks: ") + text for ok, text in checks))
