"""Synthetic pairs of aerial tiles of sensitive zones of the Hérault coast, at two dates (DDTM de l'Hérault).

One row per tile pair: the ortho-photo sheet it is cut from (`DALLE_ORTHO`, the 1 km × 1 km sheet of the BD ORTHO
grid in Lambert-93 kilometres: its tiles share a commune, a zone and a ground), the commune, the zone (agricultural, natural, near the shore), the dates of both shots, the
cloud cover the provider announces for the second one, and both tiles as 16 × 16 RGB pixels (768 bytes each,
base64 text so that the Parquet file and the data contract stay plain). Between the two dates, either nothing
appeared or one object the agents annotate: caravane, mobile home, construction en dur, construction légère,
piscine, décharge, déchets industriels, navire. Seasons change the vegetation's colour, clouds and their shadows
hide or fake changes, the second shot may be shifted by a pixel; mobile homes and light constructions grow more
common over the years (drift). Most pairs show nothing new (about 80 %: the agents' campaigns look at zones under
pressure, where an irregular occupation is still the exception), and a quarter of those show a change that is no
object (a field ploughed or mown, scrub grown or cleared): the hard negatives of change detection.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw

TILES_PER_SHEET = 25
SIZE = 16
"""Pixels per side of a tile (about 1.5 m per pixel: a caravan is 2 × 4 pixels)."""
COMMUNES = {
    "Agde": 1.4, "Vias": 1.0, "Sérignan": 0.8, "Valras-Plage": 0.6, "Portiragnes": 0.7, "Marseillan": 0.9,
    "Frontignan": 0.8, "Mauguio": 0.9, "Lattes": 0.7, "Villeneuve-lès-Maguelone": 0.6,
}
ZONES = {"zone agricole": 0.45, "zone naturelle": 0.30, "espace proche du rivage": 0.25}
OBJETS = {
    "aucun": 400.0, "caravane": 11.0, "mobile home": 8.0, "construction en dur": 7.0, "construction légère": 8.0,
    "piscine": 8.0, "décharge": 4.0, "déchets industriels": 4.0, "navire": 12.0,
}
# Ground colour (RGB) of each zone in spring; other seasons tint it.
SOL = {"zone agricole": (110, 140, 70), "zone naturelle": (105, 120, 85), "espace proche du rivage": (200, 190, 150)}
EAU = (40, 90, 130)
SAISONS = {12: "hiver", 1: "hiver", 2: "hiver", 3: "printemps", 4: "printemps", 5: "printemps",
           6: "été", 7: "été", 8: "été", 9: "automne", 10: "automne", 11: "automne"}
TEINTE = {"printemps": (1.0, 1.0, 1.0), "été": (1.25, 1.05, 0.8), "automne": (1.2, 0.9, 0.75), "hiver": (0.95, 0.85, 0.85)}


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` tile pairs with OBJET_APPARU ("aucun" when nothing appeared), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    second = dates(rng, "2016-01-01", "2023-12-31", rows)
    first = second - pd.to_timedelta(rng.integers(180, 1100, rows), unit="D")
    sheets = max(8, rows // TILES_PER_SHEET)
    sheet = rng.integers(0, sheets, rows)
    sheet_zone, sheet_commune = draw(rng, ZONES, sheets), draw(rng, COMMUNES, sheets)
    sheet_names = np.array([f"{700 + int(k) % 60:04d}_{6250 + int(k) // 60:04d}" for k in rng.choice(3600, sheets, replace=False)])
    zone = sheet_zone[sheet]
    objet = _objects(rng, zone, second.dt.year.to_numpy())
    cloud_cover = np.round(np.where(rng.random(rows) < 0.3, rng.uniform(5, 60, rows), rng.uniform(0, 4, rows)), 1)
    tiles = [
        _pair(rng, z, o, SAISONS[d1.month], SAISONS[d2.month], c)
        for z, o, d1, d2, c in zip(zone, objet, first, second, cloud_cover, strict=True)
    ]
    return pd.DataFrame({
        "ID_TUILE": [f"HER-{i:07d}" for i in rng.choice(9_000_000, rows, replace=False) + 1_000_000],
        "DALLE_ORTHO": pd.Series(sheet_names[sheet], dtype="str"),
        "COMMUNE": pd.Series(sheet_commune[sheet], dtype="str"),
        "TYPE_ZONE": zone,
        "DATE_PRISE_VUE_1": first.astype("datetime64[ns]"),
        "DATE_PRISE_VUE_2": second.astype("datetime64[ns]"),
        "COUVERTURE_NUAGEUSE_PCT": cloud_cover,
        "TUILE_1": [encode(t1) for t1, _ in tiles],
        "TUILE_2": [encode(t2) for _, t2 in tiles],
        "OBJET_APPARU": objet,
    })


def encode(tile: np.ndarray) -> str:
    """A tile (SIZE × SIZE × 3, uint8) as base64 text: 1,024 characters."""
    return base64.b64encode(np.ascontiguousarray(tile, dtype=np.uint8).tobytes()).decode("ascii")


def decode(text: str) -> np.ndarray:
    """The tile back as a SIZE × SIZE × 3 uint8 array."""
    return np.frombuffer(base64.b64decode(text), dtype=np.uint8).reshape(SIZE, SIZE, 3)


def _objects(rng: np.random.Generator, zone: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Ships only near the shore; mobile homes and light constructions spread over the years."""
    objet = draw(rng, OBJETS, len(zone))
    growth = (year - 2016) / 7
    spread = (objet == "aucun") & (rng.random(len(zone)) < 0.12 * growth)
    objet = np.where(spread, np.where(rng.random(len(zone)) < 0.5, "mobile home", "construction légère"), objet)
    inland_ship = (objet == "navire") & (zone != "espace proche du rivage")
    return np.where(inland_ship, "aucun", objet)


def _pair(rng: np.random.Generator, zone: str, objet: str, season_1: str, season_2: str, cloud: float) -> tuple:
    """Both shots of one place: same ground, own season and clouds; the object drawn on the second only."""
    ground = _ground(rng, zone)
    tile_1 = ground * np.array(TEINTE[season_1])
    tile_2 = ground * np.array(TEINTE[season_2]) * rng.uniform(0.9, 1.1)  # another sensor, another sun
    if objet != "aucun":
        _draw_object(rng, tile_2, objet, water=ground[..., 2] > ground[..., 0])
    elif rng.random() < 0.25:
        _natural_change(rng, tile_2)
    if rng.random() < 0.15:
        tile_2 = np.roll(tile_2, rng.choice([-1, 1]), axis=int(rng.integers(2)))  # misregistration
    for tile, cover in ((tile_1, rng.uniform(0, 10)), (tile_2, cloud)):
        _clouds(rng, tile, cover)
    noise = lambda: rng.normal(0, 6, (SIZE, SIZE, 3))  # noqa: E731 (sensor noise, drawn per shot)
    return (np.clip(tile_1 + noise(), 0, 255).astype(np.uint8), np.clip(tile_2 + noise(), 0, 255).astype(np.uint8))


def _ground(rng: np.random.Generator, zone: str) -> np.ndarray:
    """Textured ground of the zone: furrows in fields, patchy scrub, a shoreline (sand and water) near the sea."""
    base = np.array(SOL[zone], dtype=float) * rng.uniform(0.85, 1.15, 3)
    tile = np.broadcast_to(base, (SIZE, SIZE, 3)).copy()
    rows, cols = np.mgrid[:SIZE, :SIZE]
    if zone == "zone agricole":
        tile *= 1 + 0.08 * np.sin(cols * rng.uniform(0.8, 1.6) + rng.uniform(0, 6))[..., None]
    elif zone == "zone naturelle":
        tile *= rng.uniform(0.8, 1.2, (SIZE // 4, SIZE // 4, 1)).repeat(4, 0).repeat(4, 1)
    else:
        shore = rng.integers(4, 12) + (rows * rng.uniform(-0.4, 0.4)).astype(int)
        tile[cols >= shore] = np.array(EAU) * rng.uniform(0.85, 1.15, 3)
    return tile


def _draw_object(rng: np.random.Generator, tile: np.ndarray, objet: str, water: np.ndarray) -> None:
    """Paint the object (and its shadow) on the tile, in place."""
    if objet in ("décharge", "déchets industriels"):
        _scatter(rng, tile, objet)
        return
    sizes = {"caravane": (2, 4), "mobile home": (3, 6), "construction en dur": (5, 6), "construction légère": (3, 5),
             "piscine": (3, 5), "navire": (2, 6)}
    h, w = sizes[objet]
    h, w = h + int(rng.integers(0, 2)), w + int(rng.integers(-1, 2))
    if rng.random() < 0.5:
        h, w = w, h
    top, left = _place(rng, h, w, water if objet == "navire" else ~water)
    colours = {"caravane": (235, 235, 228), "mobile home": (222, 212, 190), "construction en dur": (178, 88, 62),
               "construction légère": (150, 160, 172), "piscine": (70, 190, 212), "navire": (240, 240, 240)}
    colour = np.array(colours[objet], dtype=float)
    if objet == "construction en dur" and rng.random() < 0.35:
        colour = np.array((128, 128, 132), dtype=float)  # flat concrete roof instead of tiles
    tile[top + 1:top + h + 1, left + 1:left + w + 1] *= 0.55  # shadow, sun from the north-west
    tile[top:top + h, left:left + w] = colour * rng.uniform(0.92, 1.05) * rng.uniform(0.85, 1.12, (h, w, 1))  # not flat
    if objet == "construction légère":
        tile[top:top + h, left:left + w:2] *= 0.85  # corrugated sheet
    if objet == "piscine":
        tile[top, left:left + w] = (225, 225, 215)  # coping stones


def _natural_change(rng: np.random.Generator, tile: np.ndarray) -> None:
    """A change that is no object: a strip ploughed or mown (browner or paler), or scrub grown (darker green)."""
    h, w = rng.integers(4, 13, 2)
    top, left = rng.integers(0, SIZE - h + 1), rng.integers(0, SIZE - w + 1)
    tint = [(1.15, 0.9, 0.75), (1.2, 1.15, 0.95), (0.7, 0.9, 0.65)][rng.integers(3)]
    tile[top:top + h, left:left + w] *= np.array(tint) * rng.uniform(0.85, 1.15, (h, w, 1))


def _scatter(rng: np.random.Generator, tile: np.ndarray, objet: str) -> None:
    """A dump: one wide mottled heap. Industrial waste: a few small dark or rusty clusters."""
    if objet == "décharge":
        top, left = rng.integers(1, 7, 2)
        h, w = rng.integers(5, 9, 2)
        heap = rng.uniform(60, 200, (h, w, 3)) * (rng.random((h, w, 1)) < 0.8)
        block = tile[top:top + h, left:left + w]
        tile[top:top + h, left:left + w] = np.where(heap > 0, heap, block)[: block.shape[0], : block.shape[1]]
        return
    for _ in range(int(rng.integers(3, 6))):
        r, c = rng.integers(0, SIZE - 2, 2)
        tile[r:r + 2, c:c + 2] = rng.choice([(95, 60, 40), (45, 45, 50), (120, 70, 30)]) * rng.uniform(0.8, 1.2)


def _place(rng: np.random.Generator, h: int, w: int, allowed: np.ndarray) -> tuple[int, int]:
    """A top-left corner whose block lies mostly on allowed ground (on water for a ship, on land otherwise)."""
    for _ in range(12):
        top, left = int(rng.integers(0, SIZE - h)), int(rng.integers(0, SIZE - w))
        if allowed[top:top + h, left:left + w].mean() > 0.7:
            return top, left
    return top, left


def _clouds(rng: np.random.Generator, tile: np.ndarray, cover: float) -> None:
    """A soft white cloud and its shadow, covering about `cover` % of the tile, in place."""
    if cover < 5:
        return
    rows, cols = np.mgrid[:SIZE, :SIZE]
    r, c = rng.uniform(0, SIZE, 2)
    radius = SIZE * np.sqrt(cover / 100 / np.pi)
    veil = np.exp(-((rows - r) ** 2 + (cols - c) ** 2) / (2 * radius**2))[..., None] * rng.uniform(0.6, 0.95)
    shadow = np.roll(veil, (3, 3), axis=(0, 1)) * 0.5
    tile *= 1 - shadow
    tile[:] = tile * (1 - veil) + 245 * veil
