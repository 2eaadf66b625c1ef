"""Synthetic daily positions of permanent GNSS stations of the RGP (Réseau GNSS permanent), as IGN computes them.

Each station's east, north and up coordinates (mm, relative to a reference position) are a linear velocity
(plate motion, a few mm a year of subsidence or uplift), an annual and a semi-annual signal (hydrological loading,
thermal dilatation: larger in the up component), white noise plus flicker noise (power-law noise of spectral index
-1, the dominant coloured noise of real GNSS series and the main cause of false breaks: it wanders like steps) and a
slow random walk (monument instability), outlier days and missing days (receiver down, data not transmitted), and
steps at the breaks. Noise shrinks over the years as receivers improve (drift).

Equipment changes are written in the station's site log (IGS sitelog, sections 3 "GNSS Receiver" and 4 "GNSS
Antenna", with their "Date Installed"): `changement_sitelog` names the change on the day the log gives. As in real
logs, an antenna change nearly always moves the position, a receiver change rarely does (firmware, same antenna),
some changes are never logged (`SITELOG_MISSING`), a logged date can be a day or two off, and earthquakes and
monument movements are in no log. `rupture` is 1 on the first day of a new position (a step of at least
`STEP_MIN_MM` in one coordinate), `type_rupture` tells why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATIONS = (
    "BRST", "TLSE", "MARS", "STJ9", "NICE", "LROC", "AJAC", "BRES", "CHTL", "GRAS", "MLVL", "SMNE", "LMMF", "ARGR",
    "BSCN", "CHAM", "DOUR", "EGLT", "ENGI", "FCLZ", "GENO", "GRAC", "JOUX", "LACA", "LEBE", "MAKS", "MODA", "PUYV",
    "RABU", "SJDV", "SOPH", "TROC", "VFCH", "AXPV", "BELL", "CAEN", "DIJO", "ERCK", "LILL", "LIMO", "MANS", "NANT",
    "ORLE", "PERP", "POIT", "REIM", "RENN", "ROUE", "STRA", "TOUR", "VALE", "VANN", "BAYO", "BORD", "CLFD", "BESA",
    "AGDE", "ANGE", "AUCH", "BLOI",
)
"""Four-character codes in the style of the RGP (invented where no station of that name exists)."""
CAUSES = {"changement d'antenne": 0.4, "changement de récepteur": 0.35, "changement de radome": 0.1, "séisme": 0.1,
          "instabilité du monument": 0.05}
LOGGED = {"changement d'antenne": "antenne", "changement de récepteur": "récepteur", "changement de radome": "radome"}
"""Causes the site log records, with the section they are written in."""
MOVES = {"changement d'antenne": 0.9, "changement de récepteur": 0.2, "changement de radome": 0.6, "séisme": 1.0,
         "instabilité du monument": 1.0}
"""Share of events of each cause that move the position (a receiver change with the same antenna seldom does)."""
SITELOG_MISSING = 0.12
STEP_MIN_MM = 2.0
DAYS_PER_STATION = 1095
MIN_STATIONS = 8
START = pd.Timestamp("2012-01-01")
YEAR_DAYS = 365.25


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` station-days: at least 8 stations, three years each when there are enough rows."""
    rng = np.random.default_rng(seed)
    stations = min(max(MIN_STATIONS, rows // DAYS_PER_STATION), len(STATIONS))
    lengths = np.full(stations, rows // stations)
    lengths[: rows % stations] += 1
    names = rng.choice(STATIONS, stations, replace=False)
    frames = [_station(rng, str(name), int(length)) for name, length in zip(names, lengths, strict=True)]
    return pd.concat(frames, ignore_index=True)


def _station(rng: np.random.Generator, name: str, length: int) -> pd.DataFrame:
    domes = f"{10001 + STATIONS.index(name):05d}M{1 + STATIONS.index(name) % 3:03d}"  # IERS DOMES number (site log 1.x), one per site
    days = _observed_days(rng, length)
    date = START + pd.to_timedelta(int(rng.integers(0, 6 * 365)) + days, unit="D")
    years = (date - START).days.to_numpy() / YEAR_DAYS
    t = (days - days[0]) / YEAR_DAYS
    enu = np.column_stack([_component(rng, t, years, c) for c in ("est", "nord", "haut")])
    rupture = np.zeros(length, dtype="int64")
    cause = np.full(length, None, dtype=object)
    logged = np.full(length, None, dtype=object)
    for at in _break_positions(rng, length):
        kind = str(rng.choice(list(CAUSES), p=np.array(list(CAUSES.values())) / sum(CAUSES.values())))
        if rng.random() < MOVES[kind]:
            step = _step(rng, kind, t[at:] - t[at])
            enu[at:] += step
            if np.abs(step[0]).max() >= STEP_MIN_MM:
                rupture[at], cause[at] = 1, kind
        if kind in LOGGED and rng.random() >= SITELOG_MISSING:
            written = int(np.clip(at + (rng.integers(-2, 3) if rng.random() < 0.15 else 0), 0, length - 1))
            logged[written] = LOGGED[kind]
    outliers = rng.random(length) < 0.004
    enu[outliers] += rng.normal(0, 25, (int(outliers.sum()), 3))
    enu[rng.random(length) < 0.015] = np.nan  # a daily solution rejected by the processing
    return pd.DataFrame(
        {
            "station": name,
            "numero_domes": domes,
            "date": date,
            "est_mm": enu[:, 0].round(2),
            "nord_mm": enu[:, 1].round(2),
            "haut_mm": enu[:, 2].round(2),
            "changement_sitelog": pd.Series(logged, dtype="object").astype("str").where(pd.notna(logged)),
            "rupture": rupture,
            "type_rupture": pd.Series(cause, dtype="object").astype("str").where(rupture == 1),
        }
    )


def _observed_days(rng: np.random.Generator, length: int) -> np.ndarray:
    """Day numbers of the `length` days with a solution: the calendar with a few outages of 1 to 20 days removed."""
    missing = np.zeros(length * 2 + 100, dtype=bool)  # room for the outages, however short the series
    for start in rng.integers(0, length, rng.poisson(length / 250)):
        missing[start : start + int(rng.integers(1, 21))] = True
    return np.flatnonzero(~missing)[:length]


def _component(rng: np.random.Generator, t: np.ndarray, years: np.ndarray, component: str) -> np.ndarray:
    """Velocity, seasonal signal and noise of one coordinate, in mm; noise shrinks with the receivers' age."""
    up = component == "haut"
    velocity = rng.normal(0, 1.5) if up else rng.normal(18 if component == "est" else 15, 2)
    annual = rng.uniform(2, 7) if up else rng.uniform(0.5, 2)
    semi = rng.uniform(0.5, 2) if up else rng.uniform(0.2, 0.8)
    phase1, phase2 = rng.uniform(0, 2 * np.pi, 2)
    white = (rng.uniform(2.5, 4.5) if up else rng.uniform(1.0, 2.0)) * (1.25 - 0.04 * np.clip(years, 0, 10))
    # Flicker amplitudes of RGP-like stations: 1-3 mm/yr^0.25 horizontally, 4-10 vertically (Williams et al. 2004).
    flicker = (rng.uniform(4, 10) if up else rng.uniform(1, 3)) * (1 / YEAR_DAYS) ** 0.25
    walk = np.cumsum(rng.normal(0, 0.05 if up else 0.02, len(t)))
    seasonal = annual * np.sin(2 * np.pi * t + phase1) + semi * np.sin(4 * np.pi * t + phase2)
    noise = rng.normal(0, 1, len(t)) * white + flicker * power_law_noise(rng, len(t), 1.0)
    return velocity * t + seasonal + walk + noise


def power_law_noise(rng: np.random.Generator, n: int, index: float) -> np.ndarray:
    """Noise of power spectrum 1/f^index, unit daily innovation (Kasdin 1995): white noise filtered by
    h_0 = 1, h_k = h_{k-1} (k - 1 + index / 2) / k; index 1 is flicker noise, 2 a random walk."""
    k = np.arange(1, n)
    h = np.concatenate([[1.0], np.cumprod((k - 1 + index / 2) / k)])
    size = 1 << int(np.ceil(np.log2(2 * n)))
    return np.fft.irfft(np.fft.rfft(h, size) * np.fft.rfft(rng.normal(0, 1, n), size), size)[:n]


def _break_positions(rng: np.random.Generator, length: int) -> np.ndarray:
    """Events at least 30 days from the ends and from each other: about one every 600 days, and one more at three
    stations out of four (equipment is renewed every few years)."""
    count = rng.poisson(length / 600) + int(rng.random() < 0.75)
    candidates = np.sort(rng.choice(np.arange(30, max(31, length - 30)), min(count, max(0, length // 60)), replace=False))
    return candidates[np.diff(candidates, prepend=-30) >= 30] if candidates.size else candidates


def _step(rng: np.random.Generator, kind: str, since: np.ndarray) -> np.ndarray:
    """The offset (east, north, up) added from the break on: equipment mostly moves `up`, earthquakes move the
    ground horizontally and may relax afterwards."""
    sign = rng.choice([-1.0, 1.0], 3)
    if kind == "séisme":
        size = np.array([rng.uniform(3, 20), rng.uniform(3, 20), rng.uniform(0, 6)]) * sign
        relax = rng.uniform(0, 0.4) * size * (1 - np.exp(-since / rng.uniform(0.05, 0.3)))[:, None]
        return size + relax
    size = np.array([rng.uniform(0, 3), rng.uniform(0, 3), rng.uniform(4, 20)]) * sign
    return np.broadcast_to(size, (len(since), 3))
