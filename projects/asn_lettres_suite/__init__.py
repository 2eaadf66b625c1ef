"""ASN: the topics of each paragraph of the letters sent after nuclear and radiological inspections (lettres de suite).

About 2,000 inspections a year end with a public letter; tagging each paragraph with its topics (radioprotection,
incendie, confinement…) lets ASN follow points of vigilance across sites and years.
"""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import CATEGORIES, TEXT, Params, make_model


def _keywords():
    from .status_quo import KeywordTopics

    return KeywordTopics()


PROJECT = Project(
    name="asn_lettres_suite",
    title="Thèmes des lettres de suite d'inspection",
    administration="Autorité de sûreté nucléaire (ASN)",
    season=1,
    task="multilabel",
    target="THEMES",
    metric="f1_micro",  # every (paragraph, topic) decision counts alike: the frequent topics weigh as they occur
    features=(TEXT, *CATEGORIES),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    key="ID_PARAGRAPHE",
    group="NUMERO_LETTRE",  # paragraphs of one letter share their context: they stay on one side of the split
    holdout=Holdout("SITE", "the inspected site, whose letters follow their own template: sites never seen in training"),
    status_quo=StatusQuo(
        "keyword lexicon",
        "every topic of reference/lexique_themes.csv one of whose keywords the paragraph contains; else the "
        "inspection's theme",
        _keywords,
        columns=(TEXT, "THEME_INSPECTION"),
    ),
)
