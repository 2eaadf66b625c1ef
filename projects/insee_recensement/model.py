"""Fuzzy matching of census answers against SIRENE (`matcher.EstablishmentMatcher`, imported only in `make_model`)."""

from __future__ import annotations

from pydantic import Field

from projects.contract import Strict

# What the matcher reads: the answer's words on census rows, SIRENE's fields on register rows (empty on the other kind).
FEATURES = (
    "NOM_EMPLOYEUR", "ADRESSE_EMPLOYEUR", "CODE_POSTAL_EMPLOYEUR", "COMMUNE_EMPLOYEUR", "ACTIVITE_DECLAREE",
    "denominationUniteLegale", "nomUniteLegale", "prenom1UniteLegale", "enseigne1Etablissement",
    "numeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement",
    "libelleCommuneEtablissement", "activitePrincipaleEtablissement", "etatAdministratifEtablissement",
)


class Params(Strict):
    ngram_min: int = Field(2, ge=1, le=5, description="shortest character n-gram compared")
    ngram_max: int = Field(4, ge=1, le=8, description="longest character n-gram compared")
    negatives: int = Field(10, ge=1, le=200, description="closest wrong establishments per answer to learn the weights")
    C: float = Field(1.0, gt=0, le=1000, description="inverse regularisation of the field weights")


def make_model(params: Params):
    from projects.insee_recensement.matcher import EstablishmentMatcher

    return EstablishmentMatcher(ngram_min=params.ngram_min, ngram_max=params.ngram_max, negatives=params.negatives, C=params.C)
