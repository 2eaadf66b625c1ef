"""Synthetic census answers (bulletins individuels) describing the employer, and the SIRENE extract they are matched
against, in one frame.

SIRENE rows follow the public stock file of establishments (`StockEtablissement`, joined on `siren` with
`denominationUniteLegale`, `nomUniteLegale` and `prenom1UniteLegale` of `StockUniteLegale`), with its real column
names and code lists: Luhn-valid SIREN and SIRET, NAF rév. 2 sub-classes, SIRENE's street types, COG commune codes,
headcount bands, active and closed establishments (a move leaves the old address closed under the same name).
A census row is what a respondent wrote about their employer: a name as they say it ("chu", "mairie de pessac",
"boul. martin"), an address often partial or missing, the commune, a free-text activity. Its target is the SIRET of
the establishment they work in, bigger ones more often. Internet answers grow from 40 % to 75 % over 2019–2024
(drift) and are cleaner than paper ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import NOMS, PRENOMS, dates, people

from .texts import ACTIVITY_AFTER, ACTIVITY_BEFORE, COMMUNES, EMPLOYERS, FANCY, MORE_EMPLOYERS, SMALL, STREET_TYPES_SAID, STREETS, WEIGHTS_COMMUNES

SIRENE_SHARE = 0.6
MOVED = 0.08
"""Share of establishments that moved: their former address stays in the register, closed (`F`), same names."""
KINDS: dict[str, dict] = {**EMPLOYERS, **{k: {"weight": 1.5, **facts} for k, facts in MORE_EMPLOYERS.items()}}
REGISTER = [
    "siren", "nic", "siret", "dateCreationEtablissement", "trancheEffectifsEtablissement", "caractereEmployeurEtablissement",
    "etablissementSiege", "etatAdministratifEtablissement", "denominationUniteLegale", "nomUniteLegale",
    "prenom1UniteLegale", "enseigne1Etablissement", "numeroVoieEtablissement", "typeVoieEtablissement",
    "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement", "codeCommuneEtablissement",
    "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement",
]
CENSUS = [
    "NOM_EMPLOYEUR", "ADRESSE_EMPLOYEUR", "CODE_POSTAL_EMPLOYEUR", "COMMUNE_EMPLOYEUR", "ACTIVITE_DECLAREE",
    "NOM_REPONDANT", "PRENOM_REPONDANT", "MODE_COLLECTE", "DATE_COLLECTE", "ETABLISSEMENT",
]
COLUMNS = ["IDENTIFIANT", "SOURCE", *REGISTER, *CENSUS]
# trancheEffectifsEtablissement → a typical headcount (the band's middle; NN: no employee, the owner works there).
PUBLIC = frozenset({"commune", "departement", "police", "universite", "college_lycee", "ecole", "hopital"})
HEADCOUNT = {"NN": 1, "00": 1, "01": 1.5, "02": 4, "03": 7.5, "11": 15, "12": 35, "21": 75, "22": 150, "31": 225,
             "32": 375, "41": 750, "42": 1500, "51": 3500}


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_sirene = max(int(round(rows * SIRENE_SHARE)), 2)
    sirene = _sirene(rng, n_sirene)
    census = _census(rng, rows - len(sirene), sirene[sirene["etatAdministratifEtablissement"] == "A"])
    register = sirene.drop(columns=["kind", "nom", "x"]).assign(IDENTIFIANT=sirene["siret"], SOURCE="sirene")
    return pd.concat([register, census], ignore_index=True).reindex(columns=COLUMNS)


def luhn_completed(digits: str) -> str:
    """`digits` followed by the check digit that makes the whole a valid Luhn number (SIREN and SIRET are)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def _sirene(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """`n` register rows: establishments, some of them with the closed row of their former address."""
    kinds = list(KINDS)
    weights = np.array([KINDS[k]["weight"] for k in kinds], dtype=float)
    companies: dict[str, str] = {}  # a chain (or a commune) is one unité légale with several establishments
    nics: dict[str, int] = {}
    records: list[dict] = []
    while len(records) < n:
        kind = kinds[rng.choice(len(kinds), p=weights / weights.sum())]
        record = _establishment(rng, kind, companies, nics)
        records.append(record)
        if rng.random() < MOVED and len(records) < n:  # the same establishment at its former address, closed
            records.append(_moved(rng, record, nics))
    frame = pd.DataFrame(records).drop_duplicates("siret").reset_index(drop=True)
    frame["dateCreationEtablissement"] = dates(rng, "1960-01-01", "2023-12-31", len(frame)).sample(
        frac=1, random_state=int(rng.integers(1 << 31))).to_numpy()
    return frame


def _establishment(rng: np.random.Generator, kind: str, companies: dict[str, str], nics: dict[str, int]) -> dict:
    facts = KINDS[kind]
    commune = _commune(rng, kind)
    first, last = PRENOMS[rng.integers(len(PRENOMS))], NOMS[rng.integers(len(NOMS))].upper()
    fancy = FANCY[rng.integers(len(FANCY))]
    fill = {"NOM": last, "PRENOM": first.upper(), "X": fancy, "COMMUNE": commune}
    pattern = facts["rs"][rng.integers(len(facts["rs"]))]
    # A name without a person's or a fancy word in it ("LA POSTE", "COMMUNE DE PESSAC") is one unité légale with
    # several establishments, which only the address tells apart.
    company = pattern.format(**fill) if not any(f"{{{p}}}" in pattern for p in ("NOM", "PRENOM", "X")) else None
    siren = companies.get(company) if company else None
    if siren is None:
        # The State's and collectivities' SIREN start with 1 or 2; companies' with 3 to 9.
        first_digits = int(rng.integers(21, 29)) if kind in PUBLIC else int(rng.integers(30, 99))
        siren = luhn_completed(f"{first_digits:02d}{rng.integers(0, 10**6):06d}")
        if company:
            companies[company] = siren
    enseigne = facts["enseigne"][rng.integers(len(facts["enseigne"]))]
    street_type, street = STREETS[rng.integers(len(STREETS))]
    sole_trader = pattern == "{NOM} {PRENOM}"  # an entrepreneur individuel: a person's name, no denomination
    tranche = str(rng.choice(facts.get("tranches", SMALL)))
    return {
        **_numbers(rng, siren, nics), "trancheEffectifsEtablissement": tranche,
        "caractereEmployeurEtablissement": "N" if tranche in ("NN", "00") else "O",
        "etablissementSiege": "true" if nics[siren] == 1 else "false", "etatAdministratifEtablissement": "A",
        "denominationUniteLegale": None if sole_trader else pattern.format(**fill),
        "nomUniteLegale": last if sole_trader else None, "prenom1UniteLegale": first.upper() if sole_trader else None,
        "enseigne1Etablissement": enseigne.format(**fill) if enseigne else None,
        "numeroVoieEtablissement": str(rng.integers(1, 180)), "typeVoieEtablissement": street_type,
        "libelleVoieEtablissement": street, "codePostalEtablissement": COMMUNES[commune][1],
        "libelleCommuneEtablissement": commune, "codeCommuneEtablissement": COMMUNES[commune][0],
        "activitePrincipaleEtablissement": facts["naf"], "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
        "kind": kind, "nom": last, "x": fancy,
    }


def _commune(rng: np.random.Generator, kind: str) -> str:
    if kind in ("hopital", "universite"):
        return ("BORDEAUX", "PESSAC", "TALENCE")[rng.integers(2 if kind == "hopital" else 3)]
    communes = list(COMMUNES)
    return communes[rng.choice(len(communes), p=np.array(WEIGHTS_COMMUNES, dtype=float) / sum(WEIGHTS_COMMUNES))]


def _numbers(rng: np.random.Generator, siren: str, nics: dict[str, int]) -> dict[str, str]:
    """The next NIC of the unité légale (its first is the siège), with the check digit that makes the SIRET valid."""
    nics[siren] = nics.get(siren, 0) + 1
    nic = luhn_completed(siren + f"{nics[siren] * 10 + int(rng.integers(0, 10)):04d}")[-5:]
    return {"siren": siren, "nic": nic, "siret": siren + nic}


def _moved(rng: np.random.Generator, record: dict, nics: dict[str, int]) -> dict:
    street_type, street = STREETS[rng.integers(len(STREETS))]
    return {**record, **_numbers(rng, record["siren"], nics), "etatAdministratifEtablissement": "F",
            "etablissementSiege": "false", "numeroVoieEtablissement": str(rng.integers(1, 180)),
            "typeVoieEtablissement": street_type, "libelleVoieEtablissement": street}


def _census(rng: np.random.Generator, n: int, sirene: pd.DataFrame) -> pd.DataFrame:
    """Each respondent works in one active establishment (bigger ones more often) and describes it in their words."""
    size = 1 + np.log2(1 + sirene["trancheEffectifsEtablissement"].map(HEADCOUNT).to_numpy(dtype=float))
    chosen = sirene.iloc[rng.choice(len(sirene), size=n, p=size / size.sum())].reset_index(drop=True)
    when = dates(rng, "2019-01-01", "2024-12-31", n)
    internet = rng.random(n) < 0.4 + 0.35 * (when - when.min()).dt.days.to_numpy() / max((when.max() - when.min()).days, 1)
    first, last = people(rng, n)
    said = [_answer(rng, row, 0.15 if web else 0.4) for row, web in zip(chosen.itertuples(index=False), internet)]
    return pd.DataFrame(said, columns=CENSUS[:5]).assign(
        IDENTIFIANT=[f"BI{i:010d}" for i in range(n)], SOURCE="recensement", NOM_REPONDANT=last, PRENOM_REPONDANT=first,
        MODE_COLLECTE=np.where(internet, "internet", "papier"), DATE_COLLECTE=when, ETABLISSEMENT=chosen["siret"].to_numpy(),
    )


def _answer(rng: np.random.Generator, row, typo: float) -> tuple:
    """(name, address, postcode, commune, activity) as a respondent writes them about the establishment `row`."""
    facts = KINDS[row.kind]
    pattern = facts["said"][rng.integers(len(facts["said"]))]
    sign = next(v for v in (row.enseigne1Etablissement, row.denominationUniteLegale, row.nom) if isinstance(v, str))
    name = _typo(rng, pattern.format(nom=row.nom.lower(), x=row.x.lower(), enseigne=sign.lower(),
                                     commune=row.libelleCommuneEtablissement.lower()), typo)
    postcode = row.codePostalEtablissement if rng.random() < 0.7 else None
    town = _typo(rng, row.libelleCommuneEtablissement.lower(), typo / 2) if rng.random() < 0.93 else None
    activity = facts["activity"][rng.integers(len(facts["activity"]))]
    if rng.random() < 0.4:
        activity = ACTIVITY_BEFORE[rng.integers(len(ACTIVITY_BEFORE))] + activity
    if rng.random() < 0.3:
        activity += ACTIVITY_AFTER[rng.integers(len(ACTIVITY_AFTER))]
    activity = _typo(rng, activity, typo) if rng.random() < 0.85 else None
    return name, _address(rng, row, typo), postcode, town, activity


def _address(rng: np.random.Generator, row, typo: float) -> str | None:
    """The employer's address as remembered: often without number, the street type abbreviated, or not at all."""
    draw = rng.random()
    if draw < 0.25:
        return None
    spoken = STREET_TYPES_SAID[row.typeVoieEtablissement]
    street = f"{spoken[rng.integers(len(spoken))]} {row.libelleVoieEtablissement.lower()}"
    text = street if draw < 0.45 else f"{row.numeroVoieEtablissement} {street}"
    return _typo(rng, text, typo)


def _typo(rng: np.random.Generator, text: str, rate: float) -> str:
    """Each word of 4+ letters has, with probability `rate`, a letter dropped, doubled or swapped with the next."""
    words = text.split(" ")
    for k, word in enumerate(words):
        if len(word) >= 4 and rng.random() < rate:
            i, how = int(rng.integers(1, len(word) - 1)), rng.integers(3)
            words[k] = (word[:i] + word[i + 1:], word[:i] + word[i] + word[i:], word[:i] + word[i + 1] + word[i] + word[i + 2:])[how]
    return " ".join(words)
