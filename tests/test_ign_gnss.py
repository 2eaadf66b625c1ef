"""ign_gnss: flicker noise has the power-law spectrum of real series; the site log is read as prior knowledge."""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects.ign_gnss.data import generate, power_law_noise
from projects.ign_gnss.detector import GnssBreakDetector


def test_flicker_noise_has_a_spectral_index_of_minus_one() -> None:
    rng = np.random.default_rng(0)
    spectra = np.mean([np.abs(np.fft.rfft(power_law_noise(rng, 4096, 1.0))) ** 2 for _ in range(20)], axis=0)
    frequencies = np.fft.rfftfreq(4096)
    band = (frequencies > 1e-3) & (frequencies < 1e-1)
    slope = np.polyfit(np.log(frequencies[band]), np.log(spectra[band]), 1)[0]
    assert -1.3 < slope < -0.7


def test_a_logged_change_that_moved_nothing_is_no_break_and_a_logged_step_is() -> None:
    rng = np.random.default_rng(1)
    days = pd.date_range("2015-01-01", periods=400, freq="D")
    flat = rng.normal(0, 1.5, (400, 3))
    moved = flat.copy()
    moved[200:, 2] += 12.0
    log = pd.Series([None] * 400, dtype="object")
    log[200] = "antenne"
    frames = [
        pd.DataFrame({"station": name, "date": days, "est_mm": v[:, 0], "nord_mm": v[:, 1], "haut_mm": v[:, 2],
                      "changement_sitelog": log})
        for name, v in (("FLAT", flat), ("MOVE", moved))
    ]
    X = pd.concat(frames, ignore_index=True)
    flags = GnssBreakDetector(penalty=64.0, sitelog_penalty=16.0).fit(X).predict(X)
    assert flags[:400].sum() == 0
    assert list(np.flatnonzero(flags[400:])) == [200]


def test_site_logs_miss_some_breaks_and_log_some_changes_that_moved_nothing() -> None:
    series = generate(60 * 1095, 0)
    logged = series["changement_sitelog"].notna()
    assert (logged & (series["rupture"] == 0)).sum() > 0
    assert ((series["rupture"] == 1) & ~logged).sum() > 0
