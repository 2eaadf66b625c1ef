"""CHU de Toulouse: medical concepts of lung-cancer tumour-board (RCP) reports, and a structured summary per patient.

A CRF finds histology, TNM stage, biomarkers, treatments and performance status in each report; `summary.py` turns
them into the board's standard summary, so that doctors prepare the board from a page instead of a file.
"""

from projects.contract import Holdout, Project, StatusQuo, lazy

from .data import generate
from .model import TEXT, Params, make_model

PROJECT = Project(
    name="chu_toulouse_rcp",
    title="Extraction de concepts médicaux des fiches RCP d'oncologie thoracique",
    administration="CHU de Toulouse",
    season=1,
    task="entities",
    target="ENTITES",
    metric="entity_f1",
    features=(TEXT,),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_PATIENT", "PRENOM_PATIENT", "DATE_NAISSANCE", "ADRESSE", "RPPS_REDACTEUR"),
    free_text=(TEXT,),
    key="NUMERO_FICHE",
    # Whole authors held out: each doctor has their own headings, order, shorthand and slips.
    holdout=Holdout("RPPS_REDACTEUR", "the doctor (RPPS number, pseudonymised) who wrote the report"),
    status_quo=StatusQuo(
        "terminology patterns",
        "the patterns of reference/motifs_rcp.csv (WHO histologies, TNM 8th edition, targetable alterations and "
        "PD-L1, OMS/ECOG status, drug INNs, surgery and radiotherapy), longest match kept, nothing learned",
        lazy("projects.chu_toulouse_rcp.status_quo:TerminologyPatterns"),
    ),
)
