"""The explanation of one decision for the person it concerns (CRPA L311-3-1 and R311-3-1-2), in French.

For the row of a delivered file whose key the person gives: the decision, the probability (or score) and the
threshold that turned it into that decision; each data item the model used, with its value as delivered, its
weight per unit (how much one unit more would move the probability) and its effect on this decision against a
stated reference person (the median, or most frequent value, of the data the model was trained on); the data not
used (the sensitive attributes, the identifiers); the model's version, date and data version.

Effects are what the decision would have been with that item at the reference value, the others unchanged: a
reading a person can check, for any model. The exact additive contributions (flows/steps/explain.py: base value +
contributions = the model's output) are kept beside them in the JSON, for audit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from flows.steps import explain, kinds
from projects.contract import Project

TEMPLATE = "citizen.html.j2"
UNITS = {
    "_EUR": "€", "_ANS": "an", "_MOIS": "mois", "_KG": "kg", "_KM": "km", "_MSV": "mSv", "_MIN": "minute",
    "_PCT": "point", "TAUX_": "point", "NB_": "unité", "NOTE_": "point", "PART_": "part",
    "DENSITE_": "habitant/km²",
}
"""The unit a column's name says it is counted in (suffix or prefix of the real sources' column names)."""


class PersonNotFound(LookupError):
    """No row of the file carries the key asked for, or the project declares no key."""


@dataclass(frozen=True)
class Provenance:
    """Which model decided: its registered version, when it was trained, on which data version."""

    project: str
    version: str
    trained_on: str
    data_version: str
    run_id: str = ""


@dataclass(frozen=True)
class Item:
    """One data item the model used, for this person."""

    column: str
    value: object
    """As delivered: a number stays a number (an integer as an integer), a code stays its text."""
    reference: object
    effect: float | None
    """What this value changed in the probability (or score), against the reference value, the rest unchanged."""
    contribution: float
    """Exact additive contribution in the model's output (audit: base value + contributions = output)."""
    weight_per_unit: float | None = None
    """How much the probability (or score) moves for `unit_step` more of this number (None: not a number)."""
    unit_step: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class Letter:
    """The explanation of one decision, ready to be printed, sent as JSON or handed over as a page."""

    title: str
    administration: str
    key_column: str
    key: str
    target: str
    decision: object
    probability: float | None
    """The probability the decision rests on (the positive class when binary; the class given otherwise)."""
    threshold: float | None
    """On the probability scale when there is a probability, else on the score's; None: the likeliest class wins."""
    score: float
    """The number the decision rests on: the probability, or the score compared with the threshold."""
    output: float
    """The model's output, the number the contributions add up to (audit)."""
    base_value: float
    items: list[Item]
    not_used: list[tuple[str, str]]
    provenance: Provenance
    reference: str
    """What the reference person is, in words."""
    on_probability: bool = True
    rule: str = ""
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["not_used"] = [{"column": column, "why": why} for column, why in self.not_used]
        data["contributions_add_up"] = math.isclose(
            self.base_value + sum(item.contribution for item in self.items), self.output, abs_tol=1e-6
        )
        return data

    def text(self) -> str:
        return "\n".join(_lines(self))

    def html(self) -> str:
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        folder = Path(__file__).resolve().parents[1] / "review"
        environment = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["j2", "html"]))
        return environment.get_template(TEMPLATE).render(
            letter=self, figure=figure, signed=signed, shown=shown, per_unit=per_unit, quantity=self.quantity
        )

    @property
    def quantity(self) -> str:
        return "la probabilité" if self.on_probability and self.probability is not None else "le score"


def find(delivered: pd.DataFrame, project: Project, key: str) -> int:
    """The position of the person's row in the delivered file (its key compared as text, as it was typed)."""
    if project.key is None:
        raise PersonNotFound(f"{project.name} declares no key: a person cannot be found by --for")
    if project.key not in delivered.columns:
        raise PersonNotFound(f"the file has no column {project.key}, the key of {project.name}")
    matches = np.flatnonzero(delivered[project.key].astype("str").str.strip().to_numpy() == str(key).strip())
    if not len(matches):
        raise PersonNotFound(f"no row of the file has {project.key} = {key}")
    return int(matches[0])


def reference_profile(frame: pd.DataFrame, project: Project) -> dict[str, object]:
    """The reference person: the median of each number (rounded when the column holds integers), the most frequent
    value of each category, no text for free text."""
    profile: dict[str, object] = {}
    for column in project.features:
        values = frame[column].dropna()
        if column in project.free_text:
            profile[column] = ""
        elif values.dtype == object and values.nunique() > len(values) / 2:
            continue  # an identifier-like text (a spectrum, a label): no typical value to compare with
        elif pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            profile[column] = values.mode().iloc[0] if len(values) else None
        else:
            median = float(values.median()) if len(values) else math.nan
            integral = len(values) and np.all(np.mod(values.to_numpy(dtype=float), 1) == 0)
            profile[column] = float(round(median)) if integral else median
    return profile


def explain_person(
    model: BaseEstimator,
    project: Project,
    rows: pd.DataFrame,
    position: int,
    provenance: Provenance,
    reference: dict[str, object] | None,
    reference_what: str,
    delivered: pd.DataFrame | None = None,
) -> Letter:
    """The letter for the row at `position` of `rows` (typed and derived as the model saw its training data);
    `delivered` is the file as it was typed (text), for values as delivered."""
    X = rows[list(project.features)].iloc[[position]]
    base, table = explain.contributions(model, project, X)
    decided = kinds.predictions(model, project, X)
    decision = _plain(decided[0] if decided is not None else model.predict(X)[0])
    number, on_probability = _scorer(model, project, decision)
    variants, steps = _variants(X, project, reference)
    answers = number(variants)
    here = float(answers[0])
    items = []
    for column in project.features:
        effect = None if (column, "reference") not in steps else here - float(answers[steps[(column, "reference")]])
        step = steps.get((column, "step"))
        per_unit = None if step is None else (float(answers[step[0]]) - here) / step[1]
        items.append(Item(
            column, _as_delivered(column, X, delivered, rows, position), _plain((reference or {}).get(column)),
            effect, float(table.iloc[0][column]), per_unit, None if step is None else step[1], unit_of(column),
        ))
    items.sort(key=lambda item: -abs(item.effect if item.effect is not None else item.contribution))
    threshold, rule = _threshold(model, project, on_probability)
    key = str(delivered.iloc[position][project.key]) if delivered is not None else str(rows.iloc[position][project.key])
    return Letter(
        project.title, project.administration, project.key or "", key, project.target, decision,
        here if on_probability else None, threshold, here, float(kinds.output(model, project, X)[0]), float(base[0]), items,
        not_used(project, rows.columns if delivered is None else delivered.columns), provenance, reference_what,
        on_probability, rule,
    )


def not_used(project: Project, columns: object) -> list[tuple[str, str]]:
    """The data the model does not read, and why: sensitive attributes first, then identifiers, then the rest."""
    found = [(c, "attribut sensible : jamais utilisé pour décider, seulement pour vérifier qu'aucun groupe n'est "
                 "défavorisé") for c in project.sensitive]
    found += [(c, "donnée d'identification, pseudonymisée dès la lecture") for c in project.personal
              if c not in project.sensitive]
    said = {c for c, _ in found} | set(project.features)
    found += [(c, "non lue par le modèle") for c in columns if c not in said and c != project.target]
    return found


def _scorer(model: BaseEstimator, project: Project, decision: object) -> tuple[Callable[[pd.DataFrame], np.ndarray], bool]:
    """The number the decision rests on, as a function of rows: the positive class's probability (binary), the
    given class's (multiclass), else the model's output (a score, for anomalies and models without probabilities)."""
    if project.task == "classification" and hasattr(model, "predict_proba"):
        classes = list(model.classes_)
        column = 1 if len(classes) == 2 else classes.index(decision)
        return (lambda X: np.asarray(model.predict_proba(X), dtype=float)[:, column]), True
    if project.task == "classification" and hasattr(model, "decision_function") and len(model.classes_) > 2:
        column = list(model.classes_).index(decision)
        own = getattr(model, "threshold_", None)

        def scores(X: pd.DataFrame) -> np.ndarray:
            table = np.asarray(model.decision_function(X), dtype=float)
            if own is not None and np.allclose(table[:, column], own):  # a reject option: the best candidate's score
                return np.delete(table, column, axis=1).max(axis=1)
            return table[:, column]

        return scores, False
    return (lambda X: kinds.output(model, project, X)), False


def _threshold(model: BaseEstimator, project: Project, on_probability: bool) -> tuple[float | None, str]:
    """The threshold and the rule that turn the number into the decision."""
    own = getattr(model, "threshold_", None)
    if project.task == "anomaly":
        offset = getattr(model, "offset_", None)
        return (None if offset is None else -float(offset)), "une alerte est levée quand le score dépasse le seuil"
    classes = getattr(model, "classes_", ())
    if len(classes) == 2:
        limit = float(own) if own is not None else (0.5 if on_probability else 0.0)
        return limit, f"au-delà du seuil, la décision est {project.target} = {_plain(classes[1])}"
    if own is not None and np.isfinite(own):
        return float(own), "la classe au meilleur score est retenue si ce score atteint le seuil, sinon aucune"
    return None, "la classe la plus probable est retenue"


def _variants(X: pd.DataFrame, project: Project, reference: dict[str, object] | None) -> tuple[pd.DataFrame, dict]:
    """The row, then for each column the row with that column at its reference value and, for a number, one unit
    more: all scored in one call. `steps` maps (column, "reference") to a position, (column, "step") to (position,
    size of the step)."""
    frames, steps = [X], {}
    row = X.iloc[0]
    for column in project.features:
        if reference is not None and column in reference:
            changed = X.copy().astype({column: object})
            changed[column] = [reference[column]]
            steps[(column, "reference")] = len(frames)
            frames.append(changed)
        value = row[column]
        if _is_number(value) and column not in project.free_text:
            size = _step(float(value), (reference or {}).get(column), unit_of(column))
            changed = X.copy()
            changed[column] = float(value) + size
            steps[(column, "step")] = (len(frames), size)
            frames.append(changed)
    return pd.concat(frames, ignore_index=True).astype(X.dtypes.to_dict()), steps


def _step(value: float, reference: object, unit: str) -> float:
    """One unit a person can picture: a tenth for a share, else the power of ten below the value's magnitude
    (1 000 € of income, 10 inhabitants per km² of density, 1 year of experience), never less than 1."""
    if unit == "part" or 0 < abs(value) < 1:
        return 0.1
    scale = max(abs(value), abs(reference) if _is_number(reference) else 0.0)
    return float(10 ** max(0, math.floor(math.log10(scale)) - 1)) if scale >= 1 else 1.0


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)) and not pd.isna(value)


def unit_of(column: str) -> str:
    for mark, unit in UNITS.items():
        if column.endswith(mark) or column.startswith(mark):
            return unit
    return "unité"


def _as_delivered(column: str, X: pd.DataFrame, delivered: pd.DataFrame | None, rows: pd.DataFrame, position: int) -> object:
    """The value as the file gave it: numbers as numbers (integers as integers), texts and codes as typed."""
    value = X.iloc[0][column]
    if delivered is not None and column in delivered.columns and not _is_number(value):
        raw = delivered.iloc[position][column]
        return None if pd.isna(raw) else str(raw)
    return _plain(value)


def _plain(value: object) -> object:
    value = explain._plain(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# ---- words ----


def figure(value: float | None, digits: int = 3) -> str:
    """A number the French way: 0,712; integers without decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def signed(value: float | None, on_probability: bool) -> str:
    """An effect: `+2,4 points` of probability, or `+0,153` of score."""
    if value is None:
        return "—"
    if on_probability:
        points = value * 100
        digits = 1 if abs(points) >= 0.1 or points == 0 else 2  # a weight per euro is small, never shown as 0,0
        return f"{points:+.{digits}f}".replace(".", ",") + " point" + ("s" if abs(points) >= 2 else "")
    return f"{value:+.3f}".replace(".", ",")


def shown(value: object) -> str:
    if value is None:
        return "non renseigné"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return figure(value)
    text = str(value)
    return "(aucun texte)" if text == "" else text if len(text) <= 80 else text[:77] + "…"


def per_unit(item: Item, on_probability: bool) -> str:
    if item.weight_per_unit is None:
        return "—"
    size = item.unit_step or 1.0
    moved = signed(item.weight_per_unit * size, on_probability)
    return f"{moved} par {'' if size == 1 else figure(size) + ' '}{_plural(item.unit, size)} de plus"


def _plural(unit: str, size: float) -> str:
    """`an` → `ans`, `habitant/km²` → `habitants/km²`; a symbol (€, mSv) never changes."""
    head, slash, tail = unit.partition("/")
    if size < 2 or head.endswith(("s", "x")) or not head.isalpha() or head in {"mSv", "kg", "km"}:
        return unit
    return head + "s" + slash + tail


def _lines(letter: Letter) -> list[str]:
    p = letter.on_probability and letter.probability is not None
    lines = [
        "Explication d'une décision prise à l'aide d'un traitement algorithmique (articles L311-3-1 et R311-3-1-2 du "
        "code des relations entre le public et l'administration)",
        f"{letter.title} — {letter.administration}",
        "",
        f"Personne ou dossier concerné : {letter.key_column} {letter.key}",
        f"Décision : {letter.target} = {shown(letter.decision)}",
    ]
    if p:
        lines.append(f"Probabilité estimée : {figure(letter.probability * 100, 1)} % ; seuil : "
                     f"{figure(letter.threshold * 100, 1) if letter.threshold is not None else '—'} % ({letter.rule}).")
    else:
        lines.append(f"Score : {figure(letter.score)} ; seuil : {figure(letter.threshold)} ({letter.rule}).")
    lines += ["", f"Données utilisées, leur valeur, leur poids et leur effet sur cette décision ({letter.quantity}) "
                  f"par rapport à {letter.reference} :"]
    for item in letter.items:
        compared = f" (référence : {shown(item.reference)})" if item.effect is not None else ""
        parts = [f"- {item.column} : {shown(item.value)}{compared}"]
        if item.weight_per_unit is not None:
            parts.append(f"poids : {per_unit(item, p)}")
        parts.append(f"effet : {signed(item.effect, p)}" if item.effect is not None else
                     f"contribution au score : {signed(item.contribution, False)} (sans référence pour cette donnée)")
        lines.append(" ; ".join(parts))
    lines += ["", "Données non utilisées par le modèle :"]
    lines += [f"- {column} : {why}" for column, why in letter.not_used] or ["- aucune"]
    origin = letter.provenance
    lines += ["", f"Modèle : {origin.project} version {origin.version}, entraîné le {origin.trained_on} sur les données "
                  f"de version {origin.data_version}."]
    return lines


def written(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path

