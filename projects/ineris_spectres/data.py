"""Synthetic suspect screening of water samples by LC-HRMS (liquid chromatography, high-resolution mass spectrometry).

Each row is one chromatographic feature of a sample, identified by an analyst as one molecule of the library
(`molecule`, the label): its precursor m/z and retention time, the MS1 isotope pattern and the MS/MS fragments,
both as compact peak lists "m/z:intensity" separated by spaces. Mass errors of a few ppm with a calibration drift
over the months, retention times that drift as the column ages, missing fragments, noise and co-eluting peaks,
and frequent molecules far more common than rare ones (class imbalance).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects.synthetic import dates, draw, with_missing

from .library import LIBRARY

SITES = ("Seine à Poses", "Rhône à Arles", "Loire à Montjean", "Garonne à Tonneins", "Meuse à Ham", "Moselle à Metz",
         "STEU de Seine-Aval", "STEU de Pierre-Bénite", "Nappe de Beauce (F12)", "Nappe d'Alsace (P7)")
MATRICES = {"eau de surface": 0.55, "eau usée traitée": 0.25, "eau souterraine": 0.2}
FREQUENCY = {name: 1 / (rank + 1) ** 0.8 for rank, name in enumerate(LIBRARY)}


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    when = dates(rng, "2020-01-01", "2024-12-31", rows)
    months = ((when - when.min()).dt.days / 30.44).to_numpy()
    names = draw(rng, dict(zip(rng.permutation(list(LIBRARY)), FREQUENCY.values(), strict=True)), rows)
    retention = _retention_times()
    ppm_drift = 0.06 * months  # the mass calibration slips until the next one
    spectra = [_spectrum(rng, str(name), drift) for name, drift in zip(names, ppm_drift, strict=True)]
    rt = np.array([retention[n] for n in names]) + 0.004 * months + rng.normal(0, 0.08, rows)
    return pd.DataFrame(
        {
            "id_caracteristique": [f"F{seed % 100:02d}-{i:06d}" for i in range(1, rows + 1)],
            "date_prelevement": when,
            "site": rng.choice(SITES, rows),
            "matrice": draw(rng, MATRICES, rows),
            "mz_precurseur": [s[0] for s in spectra],
            "temps_retention_min": with_missing(rng, rt.round(3), 0.05).to_numpy(),
            "pics_ms1": [s[1] for s in spectra],
            "pics_ms2": with_missing(rng, [s[2] for s in spectra], 0.04).to_numpy(),
            "molecule": names,
        }
    )


def _retention_times() -> dict[str, float]:
    """The lab's retention time of each molecule on its C18 column (not in the library: learned from confirmations).
    Heavier, less polar molecules elute later; the two triazine isomers 0.3 min apart."""
    rng = np.random.default_rng(1234)
    times = {name: 2 + mz / 45 + rng.uniform(-1.5, 1.5) for name, (mz, *_) in LIBRARY.items()}
    times["propazine"] = times["terbuthylazine"] - 0.3
    return times


def _spectrum(rng: np.random.Generator, name: str, drift_ppm: float) -> tuple[float, str, str]:
    mz, carbons, chlorines, sulphurs, fragments = LIBRARY[name]
    shift = lambda m: m * (1 + (drift_ppm + rng.normal(0, 2.0)) * 1e-6)  # noqa: E731
    ms1 = {mz: 100.0, mz + 1.00336: 1.1 * carbons, mz + 1.99705: 32.0 * chlorines + 4.4 * sulphurs}
    if chlorines >= 2:
        ms1[mz + 3.9941] = 10.2 * (chlorines - 1)
    peaks1 = {shift(m): i * rng.lognormal(0, 0.12) for m, i in ms1.items() if i > 0}
    for _ in range(rng.poisson(1.0)):  # a co-eluting ion in the MS1 window
        peaks1[mz + rng.uniform(-3, 4)] = rng.uniform(2, 60)
    weak = rng.random() < 0.1  # a low-abundance feature: few fragments, noisy MS/MS
    peaks2 = {shift(m): i * rng.lognormal(0, 0.3) for m, i in fragments.items() if rng.random() < (0.5 if weak else 0.85)}
    for _ in range(rng.poisson(3 if weak else 1)):
        peaks2[rng.uniform(50, mz)] = rng.uniform(5, 80)
    return round(shift(mz), 4), _peaks(peaks1), _peaks(peaks2)


def _peaks(peaks: dict[float, float]) -> str:
    top = max(peaks.values(), default=1.0)
    return " ".join(f"{m:.4f}:{100 * i / top:.1f}" for m, i in sorted(peaks.items()))
