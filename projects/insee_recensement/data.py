"""Synthetic census answers (bulletins individuels) describing the employer, and the SIRENE extract they are matched
against, in one frame.

SIRENE rows are establishments of Gironde: SIRET, raison sociale, enseigne, address, commune, real NAF code.
A census row is what a respondent wrote about their employer: a name as they say it ("chu", "mairie de pessac",
"boul. martin"), an address often partial or missing, the commune, a free-text activity. Its target is the SIRET of
the establishment they work in. Internet answers grow from 40 % to 75 % over 2019–2024 (drift) and are cleaner
than paper ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import NOMS, PRENOMS, dates, people

from .texts import COMMUNES, EMPLOYERS, FANCY, STREET_ABBREVIATIONS, STREETS, WEIGHTS_COMMUNES

SIRENE_SHARE = 0.6
COLUMNS = [
    "IDENTIFIANT", "SOURCE", "RAISON_SOCIALE", "ENSEIGNE", "ADRESSE", "CODE_POSTAL", "COMMUNE", "CODE_NAF",
    "DATE_CREATION", "ACTIVITE", "NOM_REPONDANT", "PRENOM_REPONDANT", "MODE_COLLECTE", "DATE_COLLECTE",
    "ETABLISSEMENT",
]


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_sirene = max(int(round(rows * SIRENE_SHARE)), 2)
    sirene = _sirene(rng, n_sirene)
    census = _census(rng, rows - n_sirene, sirene)
    return pd.concat([sirene.drop(columns=["kind", "nom", "x"]), census], ignore_index=True)[COLUMNS]


def _sirene(rng: np.random.Generator, n: int) -> pd.DataFrame:
    kinds = list(EMPLOYERS)
    weights = np.array([EMPLOYERS[k]["weight"] for k in kinds], dtype=float)
    communes = list(COMMUNES)
    p_communes = np.array(WEIGHTS_COMMUNES, dtype=float) / sum(WEIGHTS_COMMUNES)
    sirens = 300_000_000 + rng.choice(699_999_999, size=n, replace=False)
    chain_siren = {kind: int(sirens[i]) for i, kind in enumerate(kinds)}  # one company for each chain
    nic: dict[int, int] = {}
    records = []
    for i in range(n):
        kind = kinds[rng.choice(len(kinds), p=weights / weights.sum())]
        facts = EMPLOYERS[kind]
        commune = communes[rng.choice(len(communes), p=p_communes)]
        if kind == "hopital":
            commune = ("BORDEAUX", "PESSAC")[rng.integers(2)]
        first, last = PRENOMS[rng.integers(len(PRENOMS))], NOMS[rng.integers(len(NOMS))].upper()
        fancy = FANCY[rng.integers(len(FANCY))]
        fill = {"NOM": last, "PRENOM": first.upper(), "X": fancy, "COMMUNE": commune}
        siren = chain_siren[kind] if facts.get("chain") else int(sirens[n - 1 - i])
        if kind == "commune":
            siren = 200_000_000 + communes.index(commune)  # collectivities' SIREN start with 2
        nic[siren] = nic.get(siren, 0) + 1 + int(rng.integers(0, 30))
        enseigne = facts["enseigne"][rng.integers(len(facts["enseigne"]))]
        records.append({
            "IDENTIFIANT": f"{siren:09d}{nic[siren]:05d}", "SOURCE": "sirene",
            "RAISON_SOCIALE": facts["rs"][rng.integers(len(facts["rs"]))].format(**fill),
            "ENSEIGNE": enseigne.format(**fill) if enseigne else None,
            "ADRESSE": f"{rng.integers(1, 180)} {STREETS[rng.integers(len(STREETS))]}", "CODE_POSTAL": COMMUNES[commune],
            "COMMUNE": commune, "CODE_NAF": facts["naf"], "kind": kind, "nom": last, "x": fancy,
        })
    frame = pd.DataFrame(records).drop_duplicates("IDENTIFIANT").reset_index(drop=True)
    frame["DATE_CREATION"] = dates(rng, "1960-01-01", "2023-12-31", len(frame)).sample(frac=1, random_state=int(rng.integers(1 << 31))).to_numpy()
    return frame


def _census(rng: np.random.Generator, n: int, sirene: pd.DataFrame) -> pd.DataFrame:
    """Each respondent works in one establishment (bigger employers more often) and describes it in their words."""
    size = np.where(sirene["kind"].isin(["hopital", "la_poste", "banque", "supermarche", "commune"]), 4.0, 1.0)
    chosen = sirene.iloc[rng.choice(len(sirene), size=n, p=size / size.sum())].reset_index(drop=True)
    when = dates(rng, "2019-01-01", "2024-12-31", n)
    internet = rng.random(n) < 0.4 + 0.35 * (when - when.min()).dt.days.to_numpy() / max((when.max() - when.min()).days, 1)
    first, last = people(rng, n)
    names, addresses, postcodes, towns, activities = [], [], [], [], []
    for row, web in zip(chosen.itertuples(index=False), internet):
        facts, typo = EMPLOYERS[row.kind], 0.15 if web else 0.4
        said = facts["said"][rng.integers(len(facts["said"]))]
        names.append(_typo(rng, said.format(nom=row.nom.lower(), x=row.x.lower(), commune=row.COMMUNE.lower(),
                                            enseigne=(row.ENSEIGNE if isinstance(row.ENSEIGNE, str) else row.RAISON_SOCIALE).lower()), typo))
        addresses.append(_address(rng, row.ADRESSE, typo))
        postcodes.append(row.CODE_POSTAL if rng.random() < 0.7 else None)
        towns.append(_typo(rng, row.COMMUNE.lower(), typo / 2) if rng.random() < 0.93 else None)
        activity = facts["activity"][rng.integers(len(facts["activity"]))]
        activities.append(_typo(rng, activity, typo) if rng.random() < 0.85 else None)
    return pd.DataFrame({
        "IDENTIFIANT": [f"BI{i:010d}" for i in range(n)], "SOURCE": "recensement", "RAISON_SOCIALE": names,
        "ENSEIGNE": None, "ADRESSE": addresses, "CODE_POSTAL": postcodes, "COMMUNE": towns, "CODE_NAF": None,
        "DATE_CREATION": pd.NaT, "ACTIVITE": activities, "NOM_REPONDANT": last, "PRENOM_REPONDANT": first,
        "MODE_COLLECTE": np.where(internet, "internet", "papier"), "DATE_COLLECTE": when,
        "ETABLISSEMENT": chosen["IDENTIFIANT"].to_numpy(),
    })


def _address(rng: np.random.Generator, address: str, typo: float) -> str | None:
    """The employer's address as remembered: often without number, abbreviated, or not given at all."""
    draw = rng.random()
    if draw < 0.25:
        return None
    number, street = address.split(" ", 1)
    for word, short in STREET_ABBREVIATIONS.items():
        if rng.random() < 0.5:
            street = street.replace(word, short)
    text = street if draw < 0.45 else f"{number} {street}"
    return _typo(rng, text.lower(), typo)


def _typo(rng: np.random.Generator, text: str, rate: float) -> str:
    """Each word of 4+ letters has, with probability `rate`, a letter dropped, doubled or swapped with the next."""
    words = text.split(" ")
    for k, word in enumerate(words):
        if len(word) >= 4 and rng.random() < rate:
            i, how = int(rng.integers(1, len(word) - 1)), rng.integers(3)
            words[k] = (word[:i] + word[i + 1:], word[:i] + word[i] + word[i:], word[:i] + word[i + 1] + word[i] + word[i + 2:])[how]
    return " ".join(words)
