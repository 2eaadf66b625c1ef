"""The model card of a registered version: intended use, data, metrics against the baseline, fairness, explanations
and limits, in Markdown (the version's description in MLflow) and in HTML (an artifact of the run, readable anywhere).
"""

from __future__ import annotations

import html as markup
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from flows.steps.versioning import Origin
from projects.contract import Project, PromotionParams

if TYPE_CHECKING:
    from flows.lifecycle import Evaluation
    from flows.steps.history import Entry

DESCRIPTION_LIMIT = 5000
"""MLflow's SQL store keeps at most 5,000 characters of a model version's description."""
TOP = 5
EVENTS = 10
"""The champion's latest events a card lists; `socle history NAME` prints them all."""


@dataclass(frozen=True)
class Facts:
    """What a card states, gathered by the flow from the run."""

    project: Project
    version: str
    run_id: str
    data_version: str
    origin: Origin
    params: dict[str, str]
    evaluation: Evaluation
    fairness_threshold: float
    rules: PromotionParams | None = None
    """The gate's rules (None: `fairness_threshold` and the tolerances of `params`)."""
    mitigation: str = ""
    """The reduction a mitigated model was fitted under, in words (flows/steps/mitigation.py `described`)."""
    history: tuple[Entry, ...] = ()
    """The project's history as read when the card was written (flows/steps/history.py `read`): the moves before
    this run, which a card keeps once the history has grown."""

    def promotion(self) -> PromotionParams:
        if self.rules is not None:
            return self.rules
        prefix = "promotion.fairness_tolerance."
        tolerances = {k.removeprefix(prefix): float(v) for k, v in self.params.items() if k.startswith(prefix)}
        return PromotionParams(max_fairness_gap=self.fairness_threshold, fairness_tolerance=tolerances)

    @property
    def synthetic(self) -> bool:
        return not self.origin.real

    @property
    def scores(self) -> dict[str, float]:
        return self.evaluation.scores

    @property
    def champion(self) -> float | None:
        return self.evaluation.champion

    @property
    def fairness_gap(self) -> float | None:
        return self.evaluation.evidence.fairness.gap

    @property
    def by_group(self) -> pd.DataFrame:
        return self.evaluation.evidence.fairness.by_group

    @property
    def importance(self) -> pd.DataFrame | None:
        return self.evaluation.evidence.importance

    @property
    def test_rows(self) -> int:
        return self.evaluation.rows.get("test", 0)


def markdown(facts: Facts, readme: str = "") -> str:
    """The card in Markdown; `readme` is the project's own card, from which the intended use and limits are taken."""
    project = facts.project
    sections = [
        f"# {project.name} v{facts.version}: {project.title}",
        f"{project.administration}, Lab IA season {project.season}. Task: {project.task}; run `{facts.run_id}`.",
        "## Intended use\n\n" + (_first_paragraph(readme) or project.title),
        "## Data\n\n" + _data(facts),
        "## Metrics against the baselines (held-out groups)\n\n" + _metrics(facts),
        "## Fairness\n\n" + _fairness(facts),
        "## Explanations\n\n" + _explanations(facts),
        "## Limits\n\n" + _limits(facts, readme),
        "## Champion history before this run\n\n" + _champion_history(facts),
    ]
    return "\n\n".join(sections) + "\n"


def html(text: str, title: str) -> str:
    import markdown as md

    body = md.markdown(text, extensions=["tables"])
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font:14px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}</style></head>"
        f"<body>{body}</body></html>"
    )


def description(text: str, artifact: str) -> str:
    """The card as a model version description: whole when it fits, else cut with a pointer to the full card."""
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    note = f"\n\n… (cut: the full card is the run's artifact `{artifact}`)"
    return text[: DESCRIPTION_LIMIT - len(note)] + note


def read_readme(folder: Path) -> str:
    path = folder / "README.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _data(facts: Facts) -> str:
    origin = f"synthetic (seeded generator `projects/{facts.project.name}/data.py`)" if facts.synthetic else facts.origin.text()
    size = ", ".join(f"{k.removeprefix('data.')}={v}" for k, v in sorted(facts.params.items()) if k.startswith("data."))
    return (
        f"- origin: {origin}{f' ({size})' if facts.synthetic and size else ''}\n"
        f"- data version (DVC md5): `{facts.data_version}`\n- test rows: {facts.test_rows}\n"
        f"- features: {', '.join(f'`{c}`' for c in facts.project.features)}\n"
        f"- sensitive attributes (measured, never features): {', '.join(facts.project.sensitive) or 'none'}"
    )


def _metrics(facts: Facts) -> str:
    """Model, in-distribution score and every baseline side by side, the primary metric first, with intervals; the
    published score of the real prototype as a reference."""
    evaluation, project = facts.evaluation, facts.project
    primary = project.metric
    names = [primary] + sorted(k for k in evaluation.scores if k != primary and "." not in k)
    baselines = list(evaluation.baselines)
    header = ["metric", "model (held-out)", "model (seen groups)", *(name.replace("_", " ") for name in baselines)]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in names:
        cells = [f"**{name}**" if name == primary else name, _n(evaluation.scores[name]), _n(evaluation.seen.get(name))]
        cells += [_n(evaluation.baselines[b].get(name)) for b in baselines]
        if name == primary:
            cells = [cell + _interval(evaluation, part) for cell, part in zip(cells, [None, "model", None, *baselines])]
        rows.append("| " + " | ".join(cells) + " |")
    notes = [f"Held out: {evaluation.holdout}; rows: " + ", ".join(f"{n} {part}" for part, n in evaluation.rows.items()) + "."]
    strongest, floor = evaluation.strongest_baseline()
    sign = 1 if evaluation.greater_is_better else -1
    gain = sign * (evaluation.score - floor)
    notes.append(f"Gain over the strongest baseline ({strongest.replace('_', ' ')}): {gain:+.4f}{_interval(evaluation, 'gain')}.")
    if evaluation.generalisation_gap is not None:
        notes.append(f"Generalisation gap (seen groups − held-out groups): {_n(evaluation.generalisation_gap)}.")
    if project.status_quo is not None:
        notes.append(f"Status quo: {project.status_quo.what}")
    if project.reference is not None:
        ref = project.reference
        notes.append(f"Reference (published by the real prototype, other data): {ref.metric} {ref.value} ({ref.source}).")
    if facts.champion is not None:
        notes.append(f"Champion before this version, re-scored on the same held-out rows: {_n(facts.champion)}.")
    return "\n".join(rows) + "\n\n" + "\n".join(f"- {note}" for note in notes)


def _interval(evaluation: Evaluation, part: str | None) -> str:
    found = evaluation.intervals.get(part) if part else None
    return f" {found.text()}" if found else ""


def _fairness(facts: Facts) -> str:
    if facts.fairness_gap is None or facts.by_group.empty:
        return "No sensitive attribute declared: no gap measured."
    within = "within" if facts.fairness_gap <= facts.fairness_threshold else "**above**"
    columns = [c for c in ("selection_rate", "true_positive_rate", "false_positive_rate") if c in facts.by_group]
    header = ["attribute", "group", "rows", facts.project.metric, *(c.replace("_", " ") for c in columns)]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in facts.by_group.itertuples(index=False):
        values = row._asdict()
        cells = [str(row[0]), str(row[1]), str(int(row[2])), _n(row[3]), *(_n(values.get(c)) for c in columns)]
        table.append("| " + " | ".join(cells) + " |")
    return (
        f"Largest gap of {facts.project.metric} between groups: {_n(facts.fairness_gap)}, {within} the threshold "
        f"{facts.fairness_threshold} of params.yaml.\n\n" + _criteria(facts) + "\n".join(table)
    )


def _criteria(facts: Facts) -> str:
    """Each criterion the gate applies on each attribute (the metric's gap, the project's own): its value against
    its tolerance, whether it holds, the worst pair of groups, and why."""
    criteria = facts.evaluation.evidence.fairness.judged(facts.promotion())
    if not criteria:
        return ""
    rows = ["| criterion | attribute | value | tolerance | holds | worst pair | reason |", "|---|---|---|---|---|---|---|"]
    for measured in criteria:
        holds = "not measured" if measured.value is None else ("yes" if measured.holds() else "**no**")
        rows.append(
            f"| {measured.criterion} | {measured.attribute} | {_n(measured.value)} | {measured.tolerance:g} | {holds} | "
            f"{measured.worst_pair() if measured.value is not None else measured.note} | {measured.reason} |"
        )
    mitigated = f"Mitigated model: {facts.mitigation}; it decides without the sensitive attributes.\n\n" if facts.mitigation else ""
    return mitigated + "Fairness criteria of the decisions:\n\n" + "\n".join(rows) + "\n\n"


def _explanations(facts: Facts) -> str:
    if facts.importance is None or facts.importance.empty:
        return "This model gives no exact per-column explanation."
    top = facts.importance.head(TOP)
    rows = ["| column | mean absolute contribution |", "|---|---|"]
    rows += [f"| `{r.feature}` | {_n(r.mean_abs_contribution)} |" for r in top.itertuples(index=False)]
    return (
        "Every decision is explained exactly (base value + contributions = model output): "
        f"`socle explain {facts.project.name} --input FILE`. The columns that weigh most:\n\n" + "\n".join(rows)
    )


def _limits(facts: Facts, readme: str) -> str:
    items = []
    if facts.synthetic:
        items.append("Trained and evaluated on synthetic data: the scores say the pipeline works, not that the real case is solved.")
    items.append(f"Scores come from {facts.test_rows} test rows; small groups make per-group figures uncertain.")
    own = _section(readme, ("Limits", "Limites", "Ethics", "Éthique"))
    return "\n".join(f"- {item}" for item in items) + (f"\n\n{own}" if own else "")


def _champion_history(facts: Facts) -> str:
    """Which versions held the champion alias before this run, then its latest events (who, when, why, which run):
    last, so that a description cut at MLflow's limit keeps the sections above whole."""
    from flows.steps import history

    name, events = facts.project.name, history.settled(list(facts.history))
    if not events:
        return f"Empty: when this card was written, no version of {name} had held the champion alias, none had been refused."
    held = " → ".join(f"v{version}" for version in history.champions(events)) or "none"
    now = history.current(events, "champion")
    lines = [f"Versions that held the champion alias, in order: {held}; champion when this card was written: "
             f"{f'v{now}' if now else 'none'}.", "", "| when (UTC) | event | alias | version | replacing | by | why | run |",
             "|---|---|---|---|---|---|---|---|"]
    for entry in events[-EVENTS:]:
        cells = [entry.at, entry.action, entry.alias, f"v{entry.version}", f"v{entry.replaced}" if entry.replaced else "—",
                 _cell(entry.by), _cell(entry.why), f"`{entry.run_id}`" if entry.run_id else "—"]
        lines.append("| " + " | ".join(cells) + " |")
    if len(events) > EVENTS:
        lines += ["", f"{len(events) - EVENTS} earlier event(s): `socle history {name}`."]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Free text (a reviewer's reason, the gate's reasons joined by `|`) as one Markdown table cell, no markup."""
    return markup.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def _first_paragraph(readme: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", readme) if b.strip()]
    return next((b for b in blocks if not b.startswith("#")), "")


def _section(readme: str, titles: tuple[str, ...]) -> str:
    for title in titles:
        found = re.search(rf"^##\s+{title}\s*$(.*?)(?=^##\s|\Z)", readme, flags=re.MULTILINE | re.DOTALL)
        if found:
            return found.group(1).strip()
    return ""


def _n(value: float | None) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.4f}"
