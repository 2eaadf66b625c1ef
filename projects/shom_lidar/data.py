"""Synthetic airborne bathymetric LiDAR points over the Iroise coast (SHOM), classified by hydrographers.

One row per point: its tile (dalle of 15 m × 15 m, the unit hydrographers correct), flight line, survey date,
position (Lambert-93, metres), depth below the water surface (positive down), intensity, return number and number of
returns, scan angle, the class the hydrographer gave it, and `ID_OBJET`, the contact (wreck or rock) an object point
belongs to (empty for the others), as the hydrographer's list of contacts records it.

Density is that of a bathymetric survey, about 1.5 points per m² on the seabed (about 410 points per tile), so a wreck of
8 m × 3 m returns a few dozen points and a small rock only a handful. Classes: fond (seabed), surface (water
surface), bruit (noise: spray, multipath, sun glint), poisson (fish and schools, bubbles in the water column), objet
(wrecks and rocks standing on the seabed: never to be removed). Seabeds slope with sand waves; tiles hold 0 to 3
contacts; fish schools are dense mid-water clusters (hard negatives for objects), single fish and glints are alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import with_missing

TILE_M = 15.0
SEABED_POINTS_PER_M2 = 1.5
SHARES = {"surface": 0.10, "bruit": 0.08, "poisson": 0.03}
"""Points of these classes, as a share of the seabed points of a tile."""
CONTACTS_PER_TILE = (0.35, 0.35, 0.2, 0.1)
"""Share of tiles with 0, 1, 2 or 3 contacts (the Iroise is rocky; wrecks are many off Ouessant)."""


def generate(rows: int, seed: int) -> pd.DataFrame:
    """About `rows` points over tiles of 15 m, with CLASSE and ID_OBJET, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    per_tile = TILE_M**2 * SEABED_POINTS_PER_M2 * (1 + sum(SHARES.values()))
    tiles = max(6, int(np.ceil(rows / per_tile)))
    cells = rng.choice(300 * 300, tiles, replace=False)
    frame = pd.concat([_tile(rng, index, int(cell)) for index, cell in enumerate(cells)], ignore_index=True)
    # Exactly `rows` points: every tile thinned alike (a small sample keeps several tiles, sparser).
    keep = np.sort(rng.choice(len(frame), min(rows, len(frame)), replace=False))
    frame = frame.iloc[keep].reset_index(drop=True)
    frame.insert(0, "ID_POINT", [f"P{i:09d}" for i in rng.choice(900_000_000, len(frame), replace=False)])
    frame["ANGLE_SCAN_DEG"] = with_missing(rng, frame["ANGLE_SCAN_DEG"], 0.03)  # lost with the inertial record
    return frame


def _tile(rng: np.random.Generator, index: int, cell: int) -> pd.DataFrame:
    """One tile: a sloping seabed with sand waves, its contacts, the water column's echoes."""
    east, north = 140_000 + TILE_M * (cell % 300), 6_830_000 + TILE_M * (cell // 300)
    depth_0, slope = rng.uniform(3, 25), rng.normal(0, 0.05, 2)
    wave = (rng.uniform(0.2, 1.0), rng.uniform(0.15, 0.6), rng.uniform(0, 6))

    def seabed(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return depth_0 + slope[0] * x + slope[1] * y + wave[0] * np.sin(wave[1] * x + wave[2])

    n = rng.poisson(TILE_M**2 * SEABED_POINTS_PER_M2)
    x, y = rng.uniform(0, TILE_M, n), rng.uniform(0, TILE_M, n)
    depth = seabed(x, y) + rng.normal(0, 0.12, n)
    classe = np.full(n, "fond", dtype=object)
    contact = np.full(n, None, dtype=object)
    for k in range(rng.choice(len(CONTACTS_PER_TILE), p=CONTACTS_PER_TILE)):
        height = _contact_height(rng, x, y)
        on = height > 0.3  # below 30 cm the hydrographer cannot tell it from the seabed either
        classe[on], contact[on] = "objet", f"C{index:05d}-{k}"
        depth[on] = seabed(x[on], y[on]) - height[on] + rng.normal(0, 0.1, int(on.sum()))
    extra = {name: rng.poisson(share * n) for name, share in SHARES.items()}
    ex, ey = rng.uniform(0, TILE_M, sum(extra.values())), rng.uniform(0, TILE_M, sum(extra.values()))
    eclass = np.repeat(list(extra), list(extra.values()))
    ex, ey = _schools(rng, ex, ey, eclass)
    edepth = _water_column(rng, eclass, seabed(ex, ey))
    x, y = np.concatenate([x, ex]), np.concatenate([y, ey])
    depth, classe = np.concatenate([depth, edepth]), np.concatenate([classe, eclass])
    contact = np.concatenate([contact, np.full(len(ex), None, dtype=object)])
    line = rng.integers(1, 4, len(x))
    order = rng.permutation(len(x))
    x, y, depth, classe, contact, line = (a[order] for a in (x, y, depth, classe, contact, line))
    return pd.DataFrame({
        "DALLE": f"{int(east) // 15:05d}_{int(north) // 15:06d}",
        "LIGNE_VOL": [f"L{index:03d}-{k}" for k in line],
        "DATE_LEVE": pd.Timestamp("2018-05-01") + pd.Timedelta(days=int(rng.integers(0, 1500))),
        "X_M": np.round(east + x, 2),
        "Y_M": np.round(north + y, 2),
        "PROFONDEUR_M": np.round(depth, 2),
        **_echo(rng, classe, depth),
        "CLASSE": pd.Series(classe, dtype="str"),
        "ID_OBJET": pd.Series(contact, dtype="object").astype("str").where(pd.notna(contact)),
    })


def _contact_height(rng: np.random.Generator, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Height above the seabed of a wreck (a rotated hull, 5-12 m by 2-4 m, 1-5 m high) or a rock (a mound of
    1-3 m radius, 0.6-3 m high) at each point; 0 off its footprint."""
    cx, cy = rng.uniform(3, TILE_M - 3, 2)
    if rng.random() < 0.45:  # wreck
        length, width, top = rng.uniform(5, 12), rng.uniform(2, 4), rng.uniform(1, 5)
        angle = rng.uniform(0, np.pi)
        along = (x - cx) * np.cos(angle) + (y - cy) * np.sin(angle)
        across = -(x - cx) * np.sin(angle) + (y - cy) * np.cos(angle)
        inside = (np.abs(along) < length / 2) & (np.abs(across) < width / 2)
        profile = top * (1 - (2 * across / width) ** 2) * (1 - 0.5 * (2 * along / length) ** 4)
        return np.where(inside, np.clip(profile, 0, None), 0.0)
    radius, top = rng.uniform(1, 3), rng.uniform(0.6, 3)
    distance2 = (x - cx) ** 2 + (y - cy) ** 2
    return np.where(distance2 < (1.5 * radius) ** 2, top * np.exp(-distance2 / (2 * (radius / 1.5) ** 2)), 0.0)


def _schools(rng: np.random.Generator, x: np.ndarray, y: np.ndarray, classe: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half the tiles with fish hold a school: its fish gather within a few metres (dense, like a wreck's top)."""
    fish = classe == "poisson"
    if fish.any() and rng.random() < 0.5:
        centre = rng.uniform(3, TILE_M - 3, 2)
        gathered = fish & (rng.random(len(x)) < 0.7)
        x, y = x.copy(), y.copy()
        x[gathered] = centre[0] + rng.normal(0, 1.2, int(gathered.sum()))
        y[gathered] = centre[1] + rng.normal(0, 1.2, int(gathered.sum()))
    return x, y


def _water_column(rng: np.random.Generator, classe: np.ndarray, seabed: np.ndarray) -> np.ndarray:
    """Depth of surface, noise and fish echoes: fish anywhere in the column (a school at one depth), noise above the
    surface, below the seabed or as mid-water glints."""
    n = len(classe)
    school_depth = rng.uniform(0.25, 0.8)
    fish = np.where(rng.random(n) < 0.6, seabed * school_depth + rng.normal(0, 0.4, n), seabed * rng.uniform(0.1, 0.9, n))
    above = rng.random(n) < 0.45
    noise = np.where(above, -rng.exponential(2.5, n), seabed + rng.exponential(3, n) + 0.2)
    noise = np.where(rng.random(n) < 0.25, seabed * rng.uniform(0.1, 0.95, n), noise)  # mid-water glints
    surface = rng.normal(0, 0.2, n)
    return np.select([classe == "surface", classe == "poisson"], [surface, fish], noise)


def _echo(rng: np.random.Generator, classe: np.ndarray, depth: np.ndarray) -> dict[str, np.ndarray]:
    """Intensity, return numbers and scan angle: the surface answers first and strongly, deep echoes are weak."""
    n = len(classe)
    returns = rng.integers(1, 4, n)
    number = np.where(classe == "surface", 1, np.where(classe == "fond", returns, rng.integers(1, returns + 1)))
    intensity = 900 * np.exp(-0.06 * np.clip(depth, 0, None)) * rng.lognormal(0, 0.35, n)
    intensity = np.where(classe == "surface", 1200 * rng.lognormal(0, 0.4, n), intensity)
    intensity = np.where(classe == "objet", intensity * rng.uniform(1.0, 1.8), intensity)  # steel and rock reflect
    intensity = np.where(np.isin(classe, ["bruit", "poisson"]), 250 * rng.lognormal(0, 0.7, n), intensity)
    return {
        "INTENSITE": np.clip(np.round(intensity), 1, 65535).astype(np.int64),
        "NUMERO_RETOUR": number.astype(np.int64),
        "NOMBRE_RETOURS": returns.astype(np.int64),
        "ANGLE_SCAN_DEG": np.round(rng.uniform(-20, 20, n), 1),
    }
