"""Shared pieces of the seeded synthetic generators: French identities, weighted draws, missing values, noise.

Every function takes a `numpy.random.Generator`, so a generator's output depends on its seed only.
The names are common French first names and surnames (INSEE frequency lists): fake people, realistic shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

PRENOMS = (
    "Marie", "Jean", "Nathalie", "Philippe", "Isabelle", "Michel", "Sylvie", "Alain", "Catherine", "Patrick",
    "Françoise", "Nicolas", "Sandrine", "Christophe", "Valérie", "Stéphane", "Christine", "Pierre", "Céline",
    "Laurent", "Aurélie", "David", "Julie", "Éric", "Camille", "Thomas", "Léa", "Julien", "Manon", "Hugo",
    "Chloé", "Lucas", "Inès", "Karim", "Fatima", "Mohamed", "Yasmine", "Kevin", "Émilie", "Sébastien",
)
NOMS = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Benali", "Nguyen", "Da Silva", "Haddad", "Lopez", "Marchand", "Duval", "Denis", "Lemaire", "Brun",
)


def people(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """`n` fake people as (first names, surnames)."""
    return rng.choice(PRENOMS, n), rng.choice(NOMS, n)


def draw(rng: np.random.Generator, weights: Mapping[str, float], n: int) -> np.ndarray:
    """`n` labels drawn with the given relative weights (class imbalance as the real data has it)."""
    labels = list(weights)
    p = np.asarray([weights[label] for label in labels], dtype=float)
    return rng.choice(labels, size=n, p=p / p.sum())


def with_missing(rng: np.random.Generator, values: Sequence | np.ndarray | pd.Series, rate: float) -> pd.Series:
    """The values with a share `rate` of them blanked, as forms left empty are."""
    series = pd.Series(values)
    return series.mask(rng.random(len(series)) < rate)


def dates(rng: np.random.Generator, start: str, end: str, n: int) -> pd.Series:
    """`n` sorted days, uniform between `start` and `end`."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    offsets = np.sort(rng.integers(0, (last - first).days + 1, n))
    return pd.Series(first + pd.to_timedelta(offsets, unit="D"))


def phrase(rng: np.random.Generator, *parts: Sequence[str]) -> str:
    """One sentence made of one random piece of each part, skipping empty pieces."""
    return " ".join(piece for piece in (part[rng.integers(len(part))] for part in parts) if piece)
