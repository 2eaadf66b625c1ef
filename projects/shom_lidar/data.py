"""Synthetic airborne bathymetric LiDAR points over the Iroise coast (SHOM), classified by hydrographers.

One row per point: its tile (dalle of 40 m × 40 m, the unit hydrographers correct), flight line, survey date,
position (Lambert-93, metres), depth below the water surface (positive down), intensity, return number and number of
returns, scan angle, and the class the hydrographer gave it: fond (seabed), surface (water surface), bruit (noise:
spray, multipath, sun glint), poisson (fish, plankton, bubbles in the water column), objet (wrecks and rocks standing
on the seabed: never to be removed). Seabeds slope with sand waves; objects are tight clusters standing metres above
it; fish are isolated mid-water echoes; noise is scattered above the surface and below the seabed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import draw, with_missing

TILE_M = 40.0
POINTS_PER_TILE = 120
CLASSES = {"fond": 0.70, "surface": 0.10, "bruit": 0.09, "poisson": 0.04, "objet": 0.07}


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` points over about `rows / 120` tiles, with CLASSE, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    tiles = max(2, rows // POINTS_PER_TILE)
    sizes = np.diff(np.round(np.linspace(0, rows, tiles + 1)).astype(int))
    frames = [_tile(rng, index, size) for index, size in enumerate(sizes)]
    frame = pd.concat(frames, ignore_index=True)
    frame.insert(0, "ID_POINT", [f"P{i:09d}" for i in rng.choice(900_000_000, len(frame), replace=False)])
    frame["ANGLE_SCAN_DEG"] = with_missing(rng, frame["ANGLE_SCAN_DEG"], 0.03)  # lost with the inertial record
    return frame


def _tile(rng: np.random.Generator, index: int, n: int) -> pd.DataFrame:
    """One tile: a sloping seabed with sand waves, a survey date and flight lines, and its points."""
    east, north = 140_000 + 40 * rng.integers(0, 150), 6_830_000 + 40 * rng.integers(0, 150)
    depth_0, slope = rng.uniform(3, 25), rng.normal(0, 0.04, 2)
    wave = (rng.uniform(0.2, 1.2), rng.uniform(0.08, 0.3), rng.uniform(0, 6))
    classe = draw(rng, CLASSES, n)
    if rng.random() < 0.25:  # many tiles hold no object at all; the others one wreck or rock
        classe = np.where(classe == "objet", "fond", classe)
    x, y = rng.uniform(0, TILE_M, n), rng.uniform(0, TILE_M, n)
    objects = classe == "objet"
    centre, radius = rng.uniform(8, 32, 2), rng.uniform(2, 5)
    x[objects] = centre[0] + rng.normal(0, radius / 2, objects.sum())
    y[objects] = centre[1] + rng.normal(0, radius / 2, objects.sum())
    seabed = depth_0 + slope[0] * x + slope[1] * y + wave[0] * np.sin(wave[1] * x + wave[2])
    depth = _depths(rng, classe, seabed, rng.uniform(2, 6))
    line = rng.integers(1, 4, n)
    frame = pd.DataFrame({
        "DALLE": f"{east // 40:05d}_{north // 40:06d}",
        "LIGNE_VOL": [f"L{index:03d}-{k}" for k in line],
        "DATE_LEVE": pd.Timestamp("2018-05-01") + pd.Timedelta(days=int(rng.integers(0, 1500))),
        "X_M": np.round(east + x, 2),
        "Y_M": np.round(north + y, 2),
        "PROFONDEUR_M": np.round(depth, 2),
        **_echo(rng, classe, depth),
        "CLASSE": classe,
    })
    return frame


def _depths(rng: np.random.Generator, classe: np.ndarray, seabed: np.ndarray, height: float) -> np.ndarray:
    """Depth of each point by class: objects stand up to `height` metres above the seabed."""
    n = len(classe)
    depth = seabed + rng.normal(0, 0.12, n)
    depth = np.where(classe == "surface", rng.normal(0, 0.2, n), depth)
    depth = np.where(classe == "objet", seabed - height * rng.uniform(0.35, 1.0, n), depth)
    depth = np.where(classe == "poisson", seabed * rng.uniform(0.15, 0.85, n), depth)
    above = rng.random(n) < 0.45
    noise = np.where(above, -rng.exponential(3, n), seabed + rng.exponential(4, n) - 0.3)
    noise = np.where(rng.random(n) < 0.2, seabed * rng.uniform(0.1, 0.95, n), noise)  # mid-water glints
    return np.where(classe == "bruit", noise, depth)


def _echo(rng: np.random.Generator, classe: np.ndarray, depth: np.ndarray) -> dict[str, np.ndarray]:
    """Intensity, return numbers and scan angle: the surface answers first and strongly, deep echoes are weak."""
    n = len(classe)
    returns = np.where(classe == "surface", rng.integers(1, 4, n), rng.integers(1, 4, n))
    number = np.where(classe == "surface", 1, np.where(classe == "fond", returns, rng.integers(1, returns + 1)))
    intensity = 900 * np.exp(-0.06 * np.clip(depth, 0, None)) * rng.lognormal(0, 0.35, n)
    intensity = np.where(classe == "surface", 1200 * rng.lognormal(0, 0.4, n), intensity)
    intensity = np.where(classe == "objet", intensity * 1.6, intensity)  # hard surfaces reflect better than sand
    intensity = np.where(np.isin(classe, ["bruit", "poisson"]), 250 * rng.lognormal(0, 0.7, n), intensity)
    return {
        "INTENSITE": np.clip(np.round(intensity), 1, 65535).astype(np.int64),
        "NUMERO_RETOUR": number.astype(np.int64),
        "NOMBRE_RETOURS": returns.astype(np.int64),
        "ANGLE_SCAN_DEG": np.round(rng.uniform(-20, 20, n), 1),
    }
