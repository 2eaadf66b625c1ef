"""Vocabulary of thoracic-oncology tumour-board (RCP) reports, in the style of French hospital reports.

Each entity bank lists surface forms as doctors write them (abbreviations, missing accents); `{n}` is a number
drawn when the report is written. Contexts without an entity, and mentions that are not the patient's facts (a
differential diagnosis, a pending test), are what a dictionary gets wrong and a sequence model learns to skip.
"""

from __future__ import annotations

# histology: (share of patients, surface forms)
HISTOLOGIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "adénocarcinome": (50, (
        "adénocarcinome", "adénocarcinome pulmonaire", "adénocarcinome acineux", "adénocarcinome lépidique",
        "adénocarcinome solide", "adénocarcinome papillaire", "ADK", "adenocarcinome", "adénocarcinome TTF1+",
    )),
    "épidermoïde": (25, ("carcinome épidermoïde", "carcinome épidermoïde kératinisant", "carcinome epidermoide", "CE")),
    "petites cellules": (13, ("carcinome à petites cellules", "CBPC", "carcinome neuroendocrine à petites cellules")),
    "grandes cellules": (5, ("carcinome neuroendocrine à grandes cellules", "carcinome à grandes cellules", "CNEGC")),
    "autre": (7, ("carcinome sarcomatoïde", "adénocarcinome mucineux invasif", "carcinome adénosquameux")),
}
DIFFERENTIALS = (
    "pas d'argument pour un {h}", "diagnostic différentiel avec un {h} écarté", "aspect non évocateur d'un {h}",
)
# biomarker: surface forms by status; {n} is a percentage for PD-L1
BIOMARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "EGFR": {
        "muté": ("EGFR muté (délétion de l'exon 19)", "mutation EGFR L858R", "EGFR muté", "mutation de l'EGFR exon 19",
                 "EGFR muté exon 21 L858R"),
        "sauvage": ("EGFR non muté", "EGFR sauvage", "absence de mutation EGFR", "EGFR négatif"),
    },
    "ALK": {
        "réarrangé": ("réarrangement ALK", "ALK réarrangé", "ALK positif en IHC", "fusion EML4-ALK"),
        "négatif": ("ALK négatif", "ALK non réarrangé", "absence de réarrangement ALK", "ALK nég"),
    },
    "ROS1": {
        "réarrangé": ("réarrangement ROS1", "ROS1 réarrangé"),
        "négatif": ("ROS1 négatif", "ROS1 non réarrangé", "ROS1 nég"),
    },
    "KRAS": {
        "muté": ("KRAS G12C", "mutation KRAS G12C", "KRAS muté G12V", "mutation KRAS G12D", "KRAS muté"),
        "sauvage": ("KRAS non muté", "KRAS sauvage"),
    },
    "PD-L1": {
        "mesuré": ("PD-L1 à {n} %", "PD-L1 : {n}%", "expression de PD-L1 à {n} %", "PD-L1 {n} %", "TPS à {n} %",
                   "PD-L1 exprimé à {n}% des cellules tumorales"),
    },
}
PENDING = ("recherche de mutation EGFR en cours", "biologie moléculaire en attente", "NGS en cours",
           "PD-L1 non contributif", "ALK et ROS1 à compléter")
PERFORMANCE = ("OMS {n}", "PS {n}", "ECOG {n}", "performance status à {n}", "OMS à {n}", "PS OMS {n}")
TREATMENTS = {
    "EGFR": ("osimertinib", "osimertinib 80 mg/j", "erlotinib", "afatinib"),
    "ALK": ("alectinib", "lorlatinib", "brigatinib"),
    "ROS1": ("crizotinib", "entrectinib"),
    "KRAS": ("sotorasib", "adagrasib"),
    "immuno": ("pembrolizumab", "pembrolizumab en monothérapie", "atézolizumab", "nivolumab"),
    "chimio_immuno": ("carboplatine-pémétrexed-pembrolizumab", "carboplatine-paclitaxel-pembrolizumab",
                      "chimio-immunothérapie par carboplatine pémétrexed pembrolizumab"),
    "chimio": ("carboplatine-pémétrexed", "cisplatine-vinorelbine", "carboplatine-paclitaxel", "cisplatine-pémétrexed",
               "carboplatine-gemcitabine"),
    "cbpc": ("carboplatine-étoposide-atézolizumab", "cisplatine-étoposide", "carboplatine-étoposide-durvalumab"),
    "chirurgie": ("lobectomie supérieure droite", "lobectomie inférieure gauche", "lobectomie par VATS",
                  "pneumonectomie gauche", "segmentectomie", "lobectomie avec curage ganglionnaire"),
    "radio": ("radiothérapie stéréotaxique", "radio-chimiothérapie concomitante", "radiothérapie thoracique",
              "RCT concomitante", "radiothérapie palliative"),
    "consolidation": ("durvalumab en consolidation", "durvalumab"),
    "support": ("soins de support exclusifs", "soins palliatifs exclusifs", "meilleurs soins de support"),
}
HISTORY = (
    "Tabagisme à {n} PA, sevré.", "Tabagisme actif à {n} PA.", "Non fumeur.", "Ancien fumeur ({n} PA).",
    "BPCO stade 2, HTA, diabète de type 2.", "Cardiopathie ischémique stentée.", "Exposition professionnelle à l'amiante.",
    "Pas d'antécédent notable.", "AOMI, dyslipidémie.", "Insuffisance rénale chronique modérée.",
)
DISCOVERY = (
    "Découverte d'une masse du lobe supérieur droit sur un scanner réalisé pour toux persistante.",
    "Hémoptysies de faible abondance ayant conduit à un scanner thoracique.",
    "Altération de l'état général avec amaigrissement de {n} kg en 3 mois.",
    "Nodule spiculé du LID découvert fortuitement.",
    "Dyspnée d'effort progressive et épanchement pleural droit.",
    "Douleurs osseuses rachidiennes révélant des lésions secondaires.",
)
SAMPLING = (
    "Biopsie sous scanner", "Fibroscopie bronchique avec biopsies", "EBUS-TBNA de l'adénopathie 4R",
    "Biopsie pleurale sous thoracoscopie", "Pièce opératoire", "Biopsie d'une lésion osseuse",
)
EXTENSION = (
    "TEP-TDM : hypermétabolisme de la lésion primitive", "IRM cérébrale sans lésion secondaire",
    "TEP-TDM : adénopathies médiastinales hypermétaboliques", "Scanner TAP : lésions surrénaliennes suspectes",
    "Métastases osseuses multiples au TEP", "Pas de localisation secondaire au bilan",
)
MOTIVES = (
    "Dossier présenté pour décision thérapeutique initiale.", "Dossier présenté pour validation du traitement.",
    "Présentation après bilan d'extension complet.", "Rediscussion après progression.",
)
ADDRESS_STREETS = (
    "rue Matabiau", "avenue de Grande Bretagne", "boulevard Lazare Carnot", "allée Jean Jaurès", "rue Alsace Lorraine",
    "chemin de Pouvourville", "avenue de Muret", "rue du Taur", "route de Narbonne", "impasse Larrey",
)
ADDRESS_TOWNS = (
    ("31000", "Toulouse"), ("31300", "Toulouse"), ("31700", "Blagnac"), ("31770", "Colomiers"), ("81000", "Albi"),
    ("82000", "Montauban"), ("31600", "Muret"), ("65000", "Tarbes"), ("09000", "Foix"), ("32000", "Auch"),
)

# How each section is introduced, as fiches, letters and dictated notes do: a heading (first forms) or, for authors
# who write prose, a lead-in sentence (last forms). `{age}` and `{civ}` are the patient's.
HEADINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "motif": (("Motif : ", "MOTIF DE PRÉSENTATION : ", "Question posée : ", "Objet : "), ("", "Dossier discuté ce jour. ")),
    "atcd": (("Antécédents : ", "ATCD : ", "Atcd: ", "ANTÉCÉDENTS - ", "Terrain : "),
             ("{civ}, {age} ans. ", "Il s'agit d'un(e) patient(e) de {age} ans. ", "Patient(e) de {age} ans, ")),
    "histoire": (("Histoire de la maladie : ", "HDM : ", "Histoire : ", "Circonstances de découverte : "),
                 ("", "Pour mémoire : ", "On rappelle : ")),
    "anapath": (("Anatomopathologie : ", "Anapath : ", "AP : ", "Histologie : ", "ANATOMO-PATHOLOGIE : "),
                ("Le diagnostic a été porté sur ", "La ", "Prélèvement : ")),
    "biomol": (("Biologie moléculaire : ", "Bio mol : ", "Biomol: ", "Profil moléculaire : ", "BIOLOGIE MOLECULAIRE - "),
               ("En biologie moléculaire, ", "Sur le plan moléculaire : ", "Profil : ")),
    "extension": (("Bilan d'extension : ", "Extension : ", "Bilan : ", "BILAN D'EXTENSION - ", "Imagerie : "),
                  ("Au bilan, ", "Le bilan retrouve : ", "")),
    "etat": (("État général : ", "EG : ", "Etat général: ", "Clinique : "), ("Sur le plan clinique, ", "Cliniquement ", "")),
    "proposition": (("Proposition RCP : ", "Décision : ", "Conclusion RCP : ", "Avis RCP : ", "PROPOSITION THÉRAPEUTIQUE : "),
                    ("La RCP propose ", "Au total, décision de ", "Proposition : ")),
}
# What else lands in a report: a page footer, a dictation slip, a copy-pasted separator, a members' line.
NOISE = (
    "Page 1/2\n", "---------------------------------\n", "(dictée non relue)\n", "Fiche saisie dans le DCC.\n",
    "Présents : pneumologue, oncologue, radiothérapeute, chirurgien thoracique, radiologue.\n",
    "Quorum atteint.\n", "Cf. courrier joint.\n", "RAS.\n", "*** \n",
)
# An author's shorthand for words outside the entities (entities keep the forms the banks give).
SHORTHAND = (
    ("Tabagisme", "Tabac"), ("sevré", "sevre"), ("diabète de type 2", "DT2"), ("Pas d'antécédent notable", "Pas d'ATCD"),
    ("scanner", "TDM"), ("Scanner", "TDM"), ("thoracique", "thoraciq"), ("métastases", "métas"),
    ("Métastases", "Métas"), ("lésions", "lés."), ("adénopathies", "ADP"), ("hypermétabolique", "hypermétab."),
    ("épanchement pleural", "épanch. pleural"), ("amaigrissement", "amaigr."), ("kg", "kgs"),
)
