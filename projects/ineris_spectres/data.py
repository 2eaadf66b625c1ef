"""Synthetic suspect screening of water samples by LC-HRMS (liquid chromatography, high-resolution mass spectrometry).

Each row is one chromatographic feature of a sample, identified by an analyst as one molecule of the library
(`molecule`, the label) or as `inconnu` when the molecule is not in the library: its precursor m/z, retention time
and peak area, the MS1 isotope pattern and the MS/MS fragments, both as compact peak lists "m/z:intensity" separated
by spaces. Mass errors of a few ppm with a calibration drift over the months, retention times that drift as the
column ages, low-abundance features with a worse mass accuracy, fragments lost under the detection limit, noise
and co-eluting peaks, MS/MS sometimes not triggered, frequent molecules far more common than rare ones.
About one feature in five is a molecule outside the library: an isomer of a library molecule (a transformation
product with the same formula, part of the same fragments), a near-isobaric one (C3 ↔ SH4, 3.4 mDa apart) or an
unrelated one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, with_missing

from .library import FAMILY, LIBRARY, UNKNOWN, elements, isotope_pattern, precursor_mz

SITES = ("Seine à Poses", "Rhône à Arles", "Loire à Montjean", "Garonne à Tonneins", "Meuse à Ham", "Moselle à Metz",
         "STEU de Seine-Aval", "STEU de Pierre-Bénite", "Nappe de Beauce (F12)", "Nappe d'Alsace (P7)")
MATRICES = {"eau de surface": 0.55, "eau usée traitée": 0.25, "eau souterraine": 0.2}
UNKNOWN_SHARE = 0.2
WEAK_SHARE = 0.3
COMMON_FRAGMENTS = (58.0651, 72.0444, 104.0010, 116.1070, 80.9642, 68.0243, 146.0228)
Compound = tuple[str, dict[float, float], float, str]  # formula, fragments, retention time on the lab's column, family
OUTSIDE_FAMILY = "hors bibliothèque"


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    when = dates(rng, "2020-01-01", "2024-12-31", rows)
    months = ((when - when.min()).dt.days / 30.44).to_numpy()
    library, outsiders = _library_compounds(), _outside_compounds()
    names = _labels(rng, rows)
    weak = rng.random(rows) < WEAK_SHARE  # low-abundance features: few fragments, worse mass accuracy
    ppm_drift = 0.05 * months  # the mass calibration slips until the next one
    compounds = [library[n] if n != UNKNOWN else outsiders[rng.integers(len(outsiders))] for n in names]
    spectra = [_spectrum(rng, c, d, w) for c, d, w in zip(compounds, ppm_drift, weak, strict=True)]
    rt = np.array([c[2] for c in compounds]) + 0.004 * months + rng.normal(0, np.where(weak, 0.15, 0.1))
    area = 10 ** np.where(weak, rng.normal(4.3, 0.35, rows), rng.normal(6.0, 0.6, rows))
    return pd.DataFrame(
        {
            "id_caracteristique": [f"F{seed % 100:02d}-{i:06d}" for i in range(1, rows + 1)],
            "date_prelevement": when,
            "site": rng.choice(SITES, rows),
            "matrice": draw(rng, MATRICES, rows),
            "mz_precurseur": [s[0] for s in spectra],
            "temps_retention_min": with_missing(rng, rt.round(3), 0.05).to_numpy(),
            "aire_pic": area.round(0),
            "pics_ms1": [s[1] for s in spectra],
            "pics_ms2": [s[2] for s in spectra],
            "famille": [c[3] for c in compounds],
            "molecule": names,
        }
    )


def _labels(rng: np.random.Generator, rows: int) -> np.ndarray:
    """A few molecules make most detections (Zipf), which ones depends on the seed; `inconnu` about one in five."""
    order = rng.permutation(list(LIBRARY))
    weights = {str(name): (1 - UNKNOWN_SHARE) / (rank + 1) ** 0.8 for rank, name in enumerate(order)}
    total = sum(weights.values()) / (1 - UNKNOWN_SHARE)
    weights = {name: w / total for name, w in weights.items()} | {UNKNOWN: UNKNOWN_SHARE}
    labels = draw(rng, weights, rows)
    return _confirmed_twice(rng, labels)


def _confirmed_twice(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """A molecule is confirmed on the duplicate injection of its sample too: no label appears only once (its second
    detection takes the place of a row of the most frequent label)."""
    labels = labels.copy()
    values, counts = np.unique(labels, return_counts=True)
    most_frequent = values[counts.argmax()]
    for single in values[counts == 1]:
        labels[rng.choice(np.flatnonzero(labels == most_frequent))] = single
    return labels


def _library_compounds() -> dict[str, Compound]:
    """The lab's retention time of each molecule on its C18 column (not in the library: learned from confirmations).
    Heavier molecules elute later; isomers elute close together, often within 0.2 min, some co-elute."""
    rng = np.random.default_rng(1234)
    by_formula: dict[str, float] = {}
    compounds = {}
    for name, (formula, fragments) in LIBRARY.items():
        centre = by_formula.setdefault(formula, 2 + precursor_mz(formula) / 45 + rng.uniform(-1.5, 1.5))
        compounds[name] = (formula, fragments, centre + rng.uniform(-0.25, 0.25), FAMILY[name])
    return compounds


def _outside_compounds(count: int = 40) -> list[Compound]:
    """Molecules the analysts met that the library lacks: half isomers of a library molecule, a quarter
    near-isobaric (C3 ↔ SH4), a quarter unrelated. They share some fragments with the library, as relatives do."""
    rng = np.random.default_rng(4321)
    library = list(LIBRARY.items())
    compounds = []
    for index in range(count):
        relative, (formula, fragments) = library[rng.integers(len(library))]
        family = FAMILY[relative]  # an isomer or a near-isobar belongs to its relative's family
        if index % 4 == 2 and elements(formula).get("C", 0) >= 6 and "S" not in elements(formula):
            formula = _swap_c3_for_sh4(formula)
        elif index % 4 == 3:
            formula = _random_formula(rng)
            fragments, family = {}, OUTSIDE_FAMILY
        mz = precursor_mz(formula)
        shared = [m for m in fragments if rng.random() < 0.6 and m < mz]
        own = list(rng.uniform(50, mz - 15, rng.integers(2, 5)).round(4))
        if rng.random() < 0.5:
            own.append(float(rng.choice(COMMON_FRAGMENTS)))
        peaks = {m: float(rng.uniform(20, 100)) for m in shared + own}
        peaks[max(peaks, key=peaks.get)] = 100.0
        compounds.append((formula, peaks, 2 + mz / 45 + rng.uniform(-1.8, 1.8), family))
    return compounds


def _swap_c3_for_sh4(formula: str) -> str:
    counts = elements(formula)
    counts["C"] -= 3
    counts["H"] = counts.get("H", 0) + 4
    counts["S"] = 1
    return "".join(f"{symbol}{n if n > 1 else ''}" for symbol, n in counts.items() if n > 0)


def _random_formula(rng: np.random.Generator) -> str:
    carbons = int(rng.integers(6, 22))
    counts = {"C": carbons, "H": carbons + int(rng.integers(0, carbons)), "N": int(rng.integers(0, 5)),
              "O": int(rng.integers(0, 5)), "Cl": int(rng.choice([0, 0, 0, 1, 2]))}
    return "".join(f"{symbol}{n if n > 1 else ''}" for symbol, n in counts.items() if n > 0)


def _spectrum(
    rng: np.random.Generator, compound: Compound, drift_ppm: float, weak: bool
) -> tuple[float, str, str | None]:
    formula, fragments, _, _ = compound
    mz = precursor_mz(formula)
    error_ppm = 4.0 if weak else 1.5  # fewer ions, worse centroids
    shift = lambda m: m * (1 + (drift_ppm + rng.normal(0, error_ppm)) * 1e-6)
    spread, floor = (0.35, 4.0) if weak else (0.12, 0.5)  # a weak feature's small isotopes fall under the noise
    peaks1 = {shift(m): i * rng.lognormal(0, spread) for m, i in isotope_pattern(formula).items()}
    peaks1 = {m: i for m, i in peaks1.items() if i >= floor}
    for _ in range(rng.poisson(1.0)):  # a co-eluting ion in the MS1 isolation window
        peaks1[mz + rng.uniform(-3, 4)] = rng.uniform(2, 60)
    if rng.random() < (0.15 if weak else 0.03):  # no MS/MS triggered on this feature
        return round(shift(mz), 4), _peaks(peaks1), None
    kept = 0.4 if weak else 0.8
    peaks2 = {shift(m): i * rng.lognormal(0, 0.4) for m, i in fragments.items() if rng.random() < kept}
    for _ in range(rng.poisson(4 if weak else 1.5)):  # chemical noise, fragments of a co-isolated ion
        peaks2[rng.uniform(50, mz)] = rng.uniform(5, 90 if weak else 50)
    return round(shift(mz), 4), _peaks(peaks1), _peaks(peaks2) or None  # no peak above the noise: nothing recorded


def _peaks(peaks: dict[float, float]) -> str:
    top = max(peaks.values(), default=1.0)
    return " ".join(f"{m:.4f}:{100 * i / top:.1f}" for m, i in sorted(peaks.items()))

