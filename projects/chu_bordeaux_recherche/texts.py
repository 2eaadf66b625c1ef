"""The clinical vocabulary of the synthetic warehouse: pathologies with their abbreviations and synonyms, patient
contexts, and what each kind of document says about them.

Each pathology has its canonical name, the abbreviation clinicians write, synonyms (some of them absent from the
lexicon, as in any real lexicon), its CIM-10 code and the tests, exams and drugs that go with it.
"""

from __future__ import annotations

PATHOLOGIES: dict[str, dict] = {
    "infarctus du myocarde": {
        "abbr": "IDM", "syn": ("SCA ST+", "nécrose myocardique", "crise cardiaque"), "cim": "I21.9",
        "bio": "troponine", "imaging": "coronarographie", "drugs": ("aspirine", "ticagrélor", "bisoprolol", "atorvastatine"),
        "weight": 6,
    },
    "hypertension artérielle": {
        "abbr": "HTA", "syn": ("hypertension", "tension élevée"), "cim": "I10", "bio": "kaliémie",
        "imaging": "échographie cardiaque", "drugs": ("amlodipine", "ramipril", "hydrochlorothiazide"), "weight": 8,
    },
    "bronchopneumopathie chronique obstructive": {
        "abbr": "BPCO", "syn": ("bronchite chronique obstructive", "emphysème"), "cim": "J44.9", "bio": "gaz du sang",
        "imaging": "scanner thoracique", "drugs": ("tiotropium", "salbutamol", "formotérol"), "weight": 5,
    },
    "insuffisance cardiaque": {
        "abbr": "ICC", "syn": ("décompensation cardiaque", "défaillance cardiaque"), "cim": "I50.9", "bio": "BNP",
        "imaging": "échographie cardiaque", "drugs": ("furosémide", "bisoprolol", "sacubitril valsartan"), "weight": 5,
    },
    "fibrillation atriale": {
        "abbr": "FA", "syn": ("ACFA", "fibrillation auriculaire", "arythmie complète"), "cim": "I48.9", "bio": "TSH",
        "imaging": "holter ECG", "drugs": ("apixaban", "flécaïnide", "bisoprolol"), "weight": 5,
    },
    "accident vasculaire cérébral": {
        "abbr": "AVC", "syn": ("infarctus cérébral", "AIC", "attaque cérébrale"), "cim": "I63.9", "bio": "bilan lipidique",
        "imaging": "IRM cérébrale", "drugs": ("clopidogrel", "atorvastatine", "ramipril"), "weight": 4,
    },
    "embolie pulmonaire": {
        "abbr": "EP", "syn": ("embolie pulmonaire aiguë", "caillot pulmonaire"), "cim": "I26.9", "bio": "D-dimères",
        "imaging": "angioscanner thoracique", "drugs": ("rivaroxaban", "enoxaparine"), "weight": 3,
    },
    "diabète de type 2": {
        "abbr": "DT2", "syn": ("DNID", "diabète non insulinodépendant", "diabète sucré"), "cim": "E11.9", "bio": "HbA1c",
        "imaging": "fond d'œil", "drugs": ("metformine", "gliclazide", "dulaglutide"), "weight": 7,
    },
    "insuffisance rénale chronique": {
        "abbr": "IRC", "syn": ("MRC", "maladie rénale chronique", "néphropathie chronique"), "cim": "N18.9",
        "bio": "créatininémie", "imaging": "échographie rénale", "drugs": ("furosémide", "érythropoïétine"), "weight": 4,
    },
    "pneumopathie infectieuse": {
        "abbr": "PNP", "syn": ("pneumonie", "infection pulmonaire"), "cim": "J18.9", "bio": "CRP",
        "imaging": "radiographie thoracique", "drugs": ("amoxicilline acide clavulanique", "ceftriaxone"), "weight": 5,
    },
    "thrombose veineuse profonde": {
        "abbr": "TVP", "syn": ("phlébite", "thrombose veineuse"), "cim": "I80.2", "bio": "D-dimères",
        "imaging": "échodoppler veineux", "drugs": ("rivaroxaban", "enoxaparine", "bas de contention"), "weight": 3,
    },
    "cirrhose hépatique": {
        "abbr": "CH", "syn": ("cirrhose", "hépatopathie chronique"), "cim": "K74.6", "bio": "bilan hépatique",
        "imaging": "échographie abdominale", "drugs": ("propranolol", "spironolactone"), "weight": 2,
    },
    "syndrome d'apnées obstructives du sommeil": {
        "abbr": "SAOS", "syn": ("apnée du sommeil", "apnées nocturnes"), "cim": "G47.3", "bio": "gaz du sang",
        "imaging": "polysomnographie", "drugs": ("pression positive continue",), "weight": 2,
    },
    "polyarthrite rhumatoïde": {
        "abbr": "PR", "syn": ("polyarthrite", "rhumatisme inflammatoire"), "cim": "M06.9", "bio": "anti-CCP",
        "imaging": "radiographie des mains", "drugs": ("méthotrexate", "acide folique", "adalimumab"), "weight": 2,
    },
    "sclérose en plaques": {
        "abbr": "SEP", "syn": ("maladie démyélinisante",), "cim": "G35", "bio": "ponction lombaire",
        "imaging": "IRM médullaire", "drugs": ("ocrélizumab", "interféron bêta"), "weight": 2,
    },
    "cancer bronchique": {
        "abbr": "CBP", "syn": ("carcinome bronchique", "néoplasie pulmonaire", "tumeur du poumon"), "cim": "C34.9",
        "bio": "NFS", "imaging": "TEP scanner", "drugs": ("pembrolizumab", "carboplatine"), "weight": 3,
    },
    "cancer du sein": {
        "abbr": "K sein", "syn": ("carcinome mammaire", "néoplasie mammaire", "tumeur du sein"), "cim": "C50.9",
        "bio": "CA 15-3", "imaging": "mammographie", "drugs": ("tamoxifène", "létrozole", "trastuzumab"), "weight": 3,
    },
    "maladie d'Alzheimer": {
        "abbr": "MA", "syn": ("démence de type Alzheimer", "troubles neurocognitifs majeurs"), "cim": "G30.9",
        "bio": "bilan de démence", "imaging": "IRM cérébrale", "drugs": ("donépézil", "mémantine"), "weight": 2,
    },
    "anémie ferriprive": {
        "abbr": "AF", "syn": ("carence martiale", "anémie par carence en fer"), "cim": "D50.9", "bio": "ferritine",
        "imaging": "fibroscopie digestive", "drugs": ("fer injectable", "sulfate ferreux"), "weight": 2,
    },
    "infection urinaire": {
        "abbr": "IU", "syn": ("pyélonéphrite", "infection urinaire fébrile"), "cim": "N39.0", "bio": "ECBU",
        "imaging": "uroscanner", "drugs": ("ofloxacine", "ceftriaxone"), "weight": 4,
    },
}

# Patient context: the canonical word, then how a clinician writes it.
CONTEXTS: dict[str, tuple[str, ...]] = {
    "diabétique": ("DT1", "diabète insulinodépendant", "diabétique"),
    "tabagique": ("tabagisme actif", "fumeur", "tabagique"),
    "anticoagulé": ("AVK", "sous anticoagulant", "anticoagulé"),
    "âgé": ("plus de 80 ans", "sujet âgé", "personne âgée"),
    "obèse": ("IMC supérieur à 35", "obésité morbide", "obèse"),
    "enceinte": ("grossesse en cours", "patiente enceinte", "enceinte"),
    "immunodéprimé": ("sous immunosuppresseurs", "greffé rénal", "immunodéprimé"),
    "allergique": ("allergie à la pénicilline", "allergique aux bêta-lactamines", "allergie médicamenteuse"),
}

ASPECTS = {
    "hospitalisation": "compte rendu d'hospitalisation",
    "traitement": "ordonnance",
    "biologie": "résultat de biologie",
    "imagerie": "compte rendu d'imagerie",
    "codage": "diagnostic codé CIM-10",
}
SERVICES = {
    "infarctus du myocarde": "cardiologie", "hypertension artérielle": "cardiologie", "insuffisance cardiaque": "cardiologie",
    "fibrillation atriale": "cardiologie", "bronchopneumopathie chronique obstructive": "pneumologie",
    "embolie pulmonaire": "pneumologie", "pneumopathie infectieuse": "pneumologie", "cancer bronchique": "oncologie",
    "syndrome d'apnées obstructives du sommeil": "pneumologie", "accident vasculaire cérébral": "neurologie",
    "sclérose en plaques": "neurologie", "maladie d'Alzheimer": "gériatrie", "diabète de type 2": "endocrinologie",
    "insuffisance rénale chronique": "néphrologie", "cirrhose hépatique": "hépato-gastro-entérologie",
    "anémie ferriprive": "médecine interne", "polyarthrite rhumatoïde": "rhumatologie", "cancer du sein": "oncologie",
    "thrombose veineuse profonde": "médecine vasculaire", "infection urinaire": "urgences",
}

# Document bodies by aspect; {P} the pathology as written, {C} the context, {bio} {imaging} {drugs} its specifics.
BODIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "hospitalisation": (
        ("Patient hospitalisé pour {P}.", "Admission aux urgences pour {P}, transfert dans le service.",
         "Hospitalisation programmée dans le cadre d'une {P}.", "Motif d'hospitalisation : {P}."),
        ("Antécédents : {C}.", "ATCD : {C}, {OTHER}.", "Terrain : {C}.", "Patient {C}, suivi pour {OTHER}."),
        ("Évolution favorable sous traitement.", "Séjour marqué par une complication infectieuse résolutive.",
         "Sortie à domicile à J5.", "Retour à domicile avec passage infirmier.", "Transfert en SSR."),
    ),
    "traitement": (
        ("Ordonnance de sortie.", "Traitement à poursuivre :", "Prescription :", "ORDONNANCE"),
        ("{drugs}.", "{drugs}, à renouveler pendant 3 mois.", "{drugs} ; contrôle à un mois."),
        ("Indication : {P}, patient {C}.", "Dans le cadre de la {P} ({C}).", "Pour {P} ; terrain {C}."),
    ),
    "biologie": (
        ("Résultats de biologie.", "Bilan biologique du jour.", "Compte rendu de laboratoire."),
        ("{bio} : valeur anormale, à contrôler.", "{bio} élevé(e).", "{bio} dans les normes.", "Dosage de {bio} demandé."),
        ("Renseignements cliniques : {P}, {C}.", "Contexte : {P} chez un patient {C}.", "Suivi de {P} ; {C}."),
    ),
    "imagerie": (
        ("Compte rendu de {imaging}.", "{imaging} réalisé(e) ce jour.", "Examen : {imaging}."),
        ("Indication : bilan de {P} chez un patient {C}.", "Recherche de complication de {P} ; {C}.",
         "Bilan de {P}, terrain {C}."),
        ("Conclusion : aspect compatible.", "Pas d'anomalie surajoutée.", "Examen comparé au précédent : stable.", ""),
    ),
    "codage": (
        ("Diagnostic principal : {cim} {P}.", "DP {cim} ({P}).", "Codage du séjour : DP {cim} {P}."),
        ("Diagnostic associé : {C}.", "DAS : {C}.", "Comorbidité codée : {C}."),
        ("", "Séjour valorisé en GHM sévérité 2.", "Séjour en niveau de sévérité 3."),
    ),
}

QUESTIONS: dict[str, tuple[str, ...]] = {
    "hospitalisation": (
        "CR d'hospit pour {P} chez patient {C}", "séjour pour {P} {C}", "compte rendu d'hospitalisation {P} {C}",
        "hospitalisation {P} patient {C} évolution", "motif d'hospit {P} {C}",
    ),
    "traitement": (
        "traitement de sortie {P} {C}", "quelle ordonnance pour {P} chez un patient {C}", "TTT {P} {C}",
        "prescription après {P} {C}", "médicaments {P} patient {C}",
    ),
    "biologie": (
        "bilan bio {P} {C}", "résultats labo {bio} {P} {C}", "dernier {bio} patient {P} {C}",
        "biologie {P} chez {C}",
    ),
    "imagerie": (
        "imagerie {P} {C}", "{imaging} pour {P} {C}", "CR {imaging} {P} {C}", "examen d'imagerie {P} {C}",
    ),
    "codage": (
        "diagnostic codé {P} {C}", "séjours codés {cim} {C}", "code CIM-10 {P} {C}", "DP {P} DAS {C}",
    ),
}

HEADER = "{TYPE} – service de {SERVICE} – CHU de Bordeaux\nPatient : {NOM} {PRENOM}, né(e) le {DDN}, IPP {IPP}.\n"
SIGNATURES = ("Dr {DOCTOR}", "Pr {DOCTOR}", "Interne : Dr {DOCTOR}", "")
