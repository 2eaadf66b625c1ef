"""DESCRIPTION_INCIDENT as declarants write it: a nurse, a biomedical engineer, a pharmacist or a patient.

Phrase banks and one writer, `describe`, that turns a latent report (device, malfunction, harm level,
fragility, near miss) into 1–5 French sentences, with abbreviations (IDE, PUI, DM, pt) and typos now and then.
Nurses and pharmacists sometimes name the patient ("Mme Martin, 67 ans"): the base scrubs those names.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

FEMININE_DEVICES = frozenset({
    "pompe à insuline", "endoprothèse vasculaire", "prothèse de hanche", "prothèse de genou", "seringue électrique",
    "pompe à perfusion", "lentille intraoculaire", "sonde urinaire",
})
FEMALE = frozenset({
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Sandrine", "Valérie", "Christine",
    "Céline", "Aurélie", "Julie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Fatima", "Yasmine", "Émilie",
})

# TYPE_DYSFONCTIONNEMENT in words; {le} and {du} stand for the device with its article.
MALFUNCTION_TEXT: dict[str, tuple[str, ...]] = {
    "défaut de fonctionnement": (
        "dysfonctionnement {du}", "{le} ne fonctionne plus correctement", "{le} présente un défaut de fonctionnement",
        "pb de fonctionnement {du}",
    ),
    "arrêt inopiné": (
        "arrêt brutal {du} en cours d'utilisation", "arrêt inopiné {du} pendant le traitement",
        "coupure soudaine {du}", "arrêt spontané {du} constaté par l'équipe",
    ),
    "alarme intempestive": (
        "alarmes intempestives répétées {du}", "{le} déclenche des alarmes sans motif",
        "alarme à répétition sans cause retrouvée sur {le}",
    ),
    "absence d'alarme": (
        "absence d'alarme {du} malgré l'anomalie", "{le} n'a pas alarmé lors de la panne",
        "pas d'alarme sonore {du} au moment de l'incident",
    ),
    "erreur d'affichage": (
        "écran {du} affichant des valeurs incohérentes", "erreur d'affichage sur {le}", "affichage figé {du}",
        "valeurs affichées par {le} discordantes avec le contrôle",
    ),
    "erreur de débit": (
        "débit délivré par {le} différent du débit programmé", "surdébit constaté sur {le}",
        "erreur de débit {du}, volume administré supérieur à la prescription",
        "sous-débit {du} découvert au changement de poche",
    ),
    "batterie": (
        "batterie {du} déchargée prématurément", "décharge rapide de la batterie {du}",
        "{le} s'éteint alors que la batterie est indiquée chargée", "alerte fin de vie batterie {du} très précoce",
    ),
    "problème de connexion": (
        "perte de connexion entre {le} et le lecteur", "problème de connectique {du}",
        "déconnexions répétées {du} (bluetooth)",
    ),
    "défaut logiciel": (
        "bug logiciel {du} après mise à jour", "redémarrage en boucle {du}", "message d'erreur logiciel sur {le}",
    ),
    "rupture": (
        "rupture {du}", "casse {du} lors de la manipulation", "rupture {du} constatée par l'équipe",
        "casse {du} en cours d'utilisation",
    ),
    "descellement": (
        "descellement {du}", "descellement précoce {du} visible à la radio",
        "mobilisation anormale {du} au contrôle radiologique",
    ),
    "migration": ("migration {du}", "déplacement {du} constaté à l'imagerie", "{le} a migré de sa position initiale"),
    "usure prématurée": (
        "usure anormale {du}", "usure prématurée {du} constatée lors de la reprise", "débris d'usure autour {du}",
    ),
    "défaut de stérilité": (
        "emballage stérile {du} percé", "défaut de stérilité {du} : sachet mal scellé",
        "présence de particules dans l'emballage stérile {du}",
    ),
    "défaut d'emballage": (
        "étiquetage erroné sur l'emballage {du}", "emballage {du} abîmé à réception",
        "notice manquante dans la boîte {du}",
    ),
    "fuite": ("fuite au niveau du raccord {du}", "fuite {du} constatée", "fuite importante {du} au cours du soin"),
    "obstruction": ("obstruction {du}", "{le} se bouche de façon répétée", "obstruction {du} malgré rinçage"),
}

# The outcome by harm level 0..5, generic ("") or in the words of the device's specialty.
HARM_TEXT: tuple[dict[str, tuple[str, ...]], ...] = (
    {"": (
        "Pas de conséquence pour le patient.", "Aucune conséquence clinique.", "RAS pour le pt.",
        "DM changé, sans conséquence.",
    )},
    {"": (
        "Retard de prise en charge d'environ {h} h.", "Report de l'intervention au lendemain.",
        "Traitement interrompu pendant {h} h.", "Soin retardé, gêne pour le patient.",
    )},
    {
        "": ("Blessure légère du patient.", "Prise en charge médicale nécessaire."),
        "diabete": ("Hypoglycémie ayant nécessité un resucrage.", "Hyperglycémie à 3 g/l, correction par le médecin."),
        "cardio": ("Malaise avec bradycardie, surveillance scopée.", "Choc inapproprié ressenti par le patient."),
        "ortho": ("Douleurs importantes, antalgiques renforcés.", "Boiterie douloureuse."),
        "perfusion": ("Hématome au point de ponction.", "Surdosage modéré, surveillance rapprochée."),
        "ventilation": ("Désaturation transitoire à 85 %.", "Épisode de détresse respiratoire rapidement résolu."),
        "ophtalmo": ("Baisse d'acuité visuelle.", "Inflammation oculaire traitée par collyre."),
        "consommable": ("Lésion cutanée.", "Saignement minime au retrait."),
    },
    {
        "": ("Hospitalisation prolongée de {d} jours.", "Séjour prolongé, surveillance en USC."),
        "diabete": ("Hospitalisation pour acidocétose.", "Hospitalisation de {d} jours pour déséquilibre glycémique."),
        "cardio": ("Réintervention en urgence au bloc.", "Hospitalisation de {d} jours en cardiologie."),
        "ortho": ("Reprise chirurgicale avec changement de la prothèse.", "Luxation, réintervention au bloc."),
        "perfusion": ("Infection sur cathéter, ATB IV et hospitalisation prolongée.", "Surdosage, transfert en USC."),
        "ventilation": ("Pneumopathie d'inhalation, séjour prolongé.",),
        "ophtalmo": ("Réintervention pour explantation de la lentille.", "Endophtalmie, reprise au bloc."),
    },
    {
        "": ("Transfert en réanimation.", "Pronostic vital engagé.", "Arrêt cardio-respiratoire récupéré."),
        "diabete": ("Coma hypoglycémique, transfert en réanimation.",),
        "ventilation": ("Hypoxie sévère, intubation en urgence.",),
        "cardio": ("Trouble du rythme grave, choc électrique externe.",),
    },
    {"": (
        "Décès du patient.", "Patient décédé malgré la réanimation.", "Décès survenu dans les suites de l'incident.",
    )},
)
# A patient's own words for harm levels 0..3 (patients do not file the gravest reports).
PATIENT_HARM = (
    ("Heureusement rien de grave.", "Pas de souci de santé pour l'instant."),
    ("J'ai dû attendre plusieurs heures avant d'être pris en charge.", "Mon traitement a été interrompu."),
    ("J'ai fait un gros malaise.", "J'ai eu très mal pendant plusieurs jours."),
    ("J'ai été hospitalisé plusieurs jours.", "On a dû me réopérer."),
)
NOT_EXPOSED = ("Pas de patient exposé.", "Sans conséquence, DM non posé.", "")
FRAGILE_TEXT = (
    "Patient grabataire.", "Patient sous anticoagulants.", "Patient en réanimation au moment des faits.",
    "Terrain fragile (IRC, diabète).",
)
OLD_TEXT = "Patient âgé de {a} ans, polypathologique."
DETECTED_TEXT = (
    "Défaut repéré avant la pose, DM non utilisé.", "Constaté lors du contrôle à réception.",
    "Anomalie détectée lors de la maintenance préventive.", "Aucun patient exposé.",
)
ACTION_TEXT = (
    "DM mis en quarantaine et retourné au fabricant.", "Lot bloqué à la PUI.", "Expertise demandée au fabricant {f}.",
    "Matériel remplacé.", "Correspondant local de matériovigilance prévenu.", "Lot n° {lot} concerné.",
    "Fabricant {f} informé, en attente de retour.",
)
SERVICES = {
    "diabete": "de diabétologie", "cardio": "de cardiologie", "ortho": "de chirurgie ortho", "perfusion": "de réa",
    "ventilation": "de pneumologie", "ophtalmo": "d'ophtalmologie", "consommable": "de gériatrie",
}
OPENINGS: dict[str, tuple[str, ...]] = {
    "infirmier": (
        "Chez {pat}, {malf}.", "Lors d'un soin chez {pat} : {malf}.", "En service {service}, {malf} chez {pat}.",
        "IDE de nuit : {malf}, pt concerné : {pat}.",
    ),
    "ingénieur biomédical": (
        "Retour en atelier biomédical : {malf}.", "Expertise biomédicale : {malf}, n° de série {sn}.",
        "Suite à l'appel du service {service}, {malf}.",
    ),
    "pharmacien": (
        "Signalement PUI : {malf}.", "La pharmacie signale : {malf}.", "À la dispensation pour {pat}, {malf}.",
    ),
    "patient": (
        "Bonjour, {malf} depuis {n} jours.", "Je vous signale un problème : {malf}.",
        "{malf} depuis la semaine dernière.",
    ),
}
NEAR_MISS_OPENINGS = (
    "Au déballage, {malf}.", "Avant utilisation, {malf}.", "Lors du contrôle à réception : {malf}.",
    "{malf}, constaté en stock.",
)
_UNACCENT = str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc")


# A site's correspondant writes its own shorthand: each site applies some of these, at its own rate.
SHORTHAND = (
    ("patient", "pt"), ("patiente", "pte"), ("hospitalisation", "hospit"), ("réanimation", "réa"),
    ("intervention", "interv"), ("chirurgicale", "chir"), ("dispositif", "DM"), ("fabricant", "fab"),
    ("surveillance", "surv"), ("transfert", "transf"), ("constaté", "cstaté"), ("pendant", "pdt"),
    ("traitement", "ttt"), ("urgence", "urg"), ("environ", "env"), ("heures", "h"), ("jours", "j"),
    ("avec", "av"), ("sans", "ss"), ("conséquence", "csq"), ("infirmier", "IDE"), ("médecin", "Dr"),
)
HEADERS = (
    "", "", "Fiche de signalement interne n° {n}. ", "CLMV : ", "Déclaration matériovigilance - ", "Objet : incident DM. ",
    "[{site}] ", "Signalement transmis par le correspondant local. ", "Evenement indesirable DM : ", "FEI {n} - ",
)
SIGN_OFFS = ("", "", "", " Cordialement.", " Merci de votre retour.", " Signalement fait ce jour.", " Dossier suivi par le CLMV.")


def site_style(rng: np.random.Generator, site: str) -> dict:
    """How one site writes its reports: a header, its shorthand and how often, its typing habits, a sign-off."""
    chosen = rng.random(len(SHORTHAND)) < rng.uniform(0.1, 0.9)
    return {
        "site": site, "header": _pick(rng, HEADERS), "sign_off": _pick(rng, SIGN_OFFS),
        "shorthand": tuple(pair for pair, keep in zip(SHORTHAND, chosen) if keep), "rate": float(rng.uniform(0.2, 1.0)),
        "typos": float(rng.uniform(0.0, 0.4)), "capitals": bool(rng.random() < 0.08),
    }


def describe(rng: np.random.Generator, row: Any, prenom: str, nom: str, style: dict | None = None) -> str:
    """One report's text, in the writing style of its site. `row` carries the latent report: dco, family,
    dysfonctionnement, harm, risque, detected, fragile, fabricant, role."""
    age = int(rng.integers(85, 99)) if row.fragile and rng.random() < 0.4 else int(rng.integers(20, 90))
    sentences = [_opening(rng, row, _patient(rng, prenom, nom, age))]
    if rng.random() < 0.9:  # the outcome is the sentence evaluators read first, yet some leave it out
        sentences.append(_outcome(rng, row))
    if row.fragile and rng.random() < 0.75:
        sentences.append(OLD_TEXT.format(a=age) if age >= 85 else _pick(rng, FRAGILE_TEXT))
    if row.detected and rng.random() < 0.8:
        sentences.append(_pick(rng, DETECTED_TEXT))
    if rng.random() < 0.4:
        lot = f"{rng.integers(18, 24)}{'ABCDK'[rng.integers(5)]}{rng.integers(1000, 9999)}"
        sentences.append(_pick(rng, ACTION_TEXT).format(f=row.fabricant, lot=lot))
    text = " ".join(s[0].upper() + s[1:] for s in sentences if s)
    return _styled(rng, text, style) if style else (_typo(rng, text) if rng.random() < 0.15 else text)


def _styled(rng: np.random.Generator, text: str, style: dict) -> str:
    """The site's header, shorthand, capitals, slips and sign-off over a report's sentences."""
    for word, short in style["shorthand"]:
        if rng.random() < style["rate"]:
            text = re.sub(rf"\b{word}\b", short, text)
    header = style["header"].format(n=rng.integers(1000, 99999), site=style["site"])
    text = header + text + style["sign_off"]
    while rng.random() < style["typos"]:
        text = _typo(rng, text)
    return text.upper() if style["capitals"] else text


def _opening(rng: np.random.Generator, row: Any, patient: str) -> str:
    """The malfunction, introduced as this declarant would."""
    mine = row.role == "patient"
    le, du = _articles(row.dco, mine)
    malf = _pick(rng, MALFUNCTION_TEXT[row.dysfonctionnement]).format(le=le, du=du)
    templates = NEAR_MISS_OPENINGS if row.detected and not mine else OPENINGS[row.role]
    sn = f"SN{rng.integers(100000, 999999)}"
    return _pick(rng, templates).format(
        malf=malf, pat=patient, service=SERVICES[row.family], sn=sn, n=rng.integers(2, 15),
    )


def _outcome(rng: np.random.Generator, row: Any) -> str:
    """The outcome sentence, in clinical words or in the patient's own."""
    if row.role == "patient":
        return _pick(rng, PATIENT_HARM[min(row.harm, 3)])
    if row.risque and not row.detected:
        return _pick(rng, NOT_EXPOSED)
    texts = HARM_TEXT[row.harm]
    return _pick(rng, texts.get(row.family, ()) + texts[""]).format(h=rng.integers(1, 7), d=rng.integers(2, 16))


def _patient(rng: np.random.Generator, prenom: str, nom: str, age: int) -> str:
    """How a nurse or pharmacist names the patient: often by name and age, though the form does not ask for it."""
    civ = "Mme" if prenom in FEMALE else "M."
    someone = "une patiente" if civ == "Mme" else "un patient"
    forms = (f"{civ} {nom}, {age} ans", f"{civ} {nom}", f"{civ} {nom} ({age} ans)", f"{someone} de {age} ans")
    return _pick(rng, forms)


def _articles(dco: str, mine: bool) -> tuple[str, str]:
    """The device with its article, and with "de": ("la pompe…", "de la pompe…"); a patient says "ma pompe…"."""
    vowel, feminine = dco[0] in "aeéiou", dco in FEMININE_DEVICES
    if mine:
        own = "ma" if feminine and not vowel else "mon"
        return f"{own} {dco}", f"de {own} {dco}"
    if vowel:
        return f"l'{dco}", f"de l'{dco}"
    return (f"la {dco}", f"de la {dco}") if feminine else (f"le {dco}", f"du {dco}")


def _typo(rng: np.random.Generator, text: str) -> str:
    """One slip of the keyboard: a letter dropped, two letters swapped, or accents not typed."""
    kind = rng.integers(3)
    if kind == 2:
        return text.translate(_UNACCENT)
    i = int(rng.integers(1, len(text) - 2))
    return text[:i] + text[i + 1:] if kind == 0 else text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
