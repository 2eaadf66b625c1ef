"""Call transcripts as the speech-to-text layer writes them: lower case, no punctuation, oral French.

Callers hesitate ("euh", "ben", "du coup"), repeat words, give their name and sometimes a phone number, name the
scheme in many ways ("chèque emploi associatif", "le CEA", "c e a", "chèque emploi asso"), and the recogniser
mishears words ("urssaf" → "ursaf"). Each intent has several paraphrases, and some share words with others
("prélèvement" is said about contributions and about late fees), so that the words alone do not settle every call.
"""

from __future__ import annotations

import numpy as np

SCHEME = (
    "chèque emploi associatif", "le chèque emploi associatif", "le cea", "c e a", "chèque emploi asso",
    "le dispositif chèque emploi", "cheque emploi associatif", "le service cea", "",
)
GREETINGS = (
    "oui bonjour", "allô bonjour", "bonjour madame", "oui allô", "bonjour monsieur", "bonjour", "allô oui bonjour",
    "oui bonjour euh", "bonsoir",
)
WHO = (
    "je suis {name} trésorière de l'association {asso}", "c'est {name} de l'association {asso}",
    "je m'appelle {name} je suis président d'une association", "{name} à l'appareil pour {asso}",
    "je vous appelle pour l'association {asso}", "je suis bénévole à l'association {asso}", "je suis secrétaire d'un club",
    "je suis salariée d'une association", "moi c'est {name}", "", "",
)
ASSOCIATIONS = (
    "les amis du patrimoine", "club de foot de saint jean", "la chorale du val", "entraide seniors",
    "le comité des fêtes", "judo club", "les jardins partagés", "théâtre en herbe", "l'école de musique",
    "ensemble solidaires", "la ludothèque", "aide aux devoirs",
)
FILLERS = ("euh", "ben", "du coup", "voilà", "en fait", "alors", "bon", "hein", "enfin", "bah", "quoi")
CLOSINGS = (
    "merci", "voilà merci beaucoup", "est-ce que vous pouvez m'aider", "voilà c'est tout", "merci d'avance",
    "je sais pas trop quoi faire", "voilà voilà", "vous pouvez me rappeler au {phone}", "", "",
)

# Per intent: what callers say (several paraphrases, from plain to roundabout).
INTENTS: dict[str, tuple[str, ...]] = {
    "adhesion": (
        "on voudrait adhérer au {s} comment on fait", "c'est pour une inscription de notre association",
        "on va embaucher un animateur et on nous a dit de passer par le {s}", "je voudrais m'inscrire au {s}",
        "comment on s'inscrit pour pouvoir déclarer nos salariés", "on a reçu le dossier d'adhésion mais on comprend pas",
        "notre association vient d'être créée on veut employer quelqu'un", "il faut quoi comme papiers pour adhérer",
        "on m'a dit qu'il fallait un numéro siret pour adhérer c'est vrai",
    ),
    "volet_social": (
        "je comprends pas comment remplir le volet social", "c'est pour déclarer les heures de notre salarié",
        "j'ai fait une erreur dans la déclaration du mois dernier", "le volet social il faut l'envoyer quand",
        "on a oublié de déclarer les heures de mars", "comment je déclare des heures complémentaires",
        "je dois déclarer un nouveau salarié c'est où sur le volet", "j'ai mis le mauvais nombre d'heures",
        "est-ce que je peux corriger une déclaration déjà envoyée",
    ),
    "attestation_employeur": (
        "il me faut une attestation employeur pour pôle emploi", "notre salariée a fini son contrat elle a besoin de l'attestation",
        "l'attestation pôle emploi on l'a pas reçue", "c'est pour le certificat de travail et l'attestation",
        "pôle emploi me réclame une attestation employeur", "fin de contrat de notre animatrice il faut quoi comme document",
        "l'attestation employeur elle est fausse les dates sont pas bonnes",
    ),
    "bulletin_salaire": (
        "le salarié a pas reçu son bulletin de salaire", "la fiche de paie est fausse", "il y a une erreur sur le bulletin de paie",
        "le bulletin de salaire du mois dernier il est pas arrivé", "le net sur la fiche de paye correspond pas",
        "on voudrait un duplicata de bulletin", "notre salarié dit que son bulletin a pas les congés payés",
    ),
    "prelevement_cotisations": (
        "on a été prélevé deux fois ce mois-ci", "je comprends pas le montant du prélèvement des cotisations",
        "le décompte de cotisations est pas clair", "il y a un prélèvement de l'ursaf qu'on comprend pas",
        "on voudrait changer de compte bancaire pour le prélèvement", "le prélèvement a été rejeté qu'est-ce qu'on fait",
        "on peut avoir un échéancier pour payer", "le montant prélevé est beaucoup plus élevé que d'habitude",
    ),
    "espace_en_ligne": (
        "j'arrive pas à me connecter à mon espace", "j'ai perdu mon mot de passe", "mon identifiant marche plus",
        "le site me dit que mon compte est bloqué", "je reçois pas le code par mail pour me connecter",
        "comment on crée l'espace en ligne", "le nouveau trésorier doit avoir accès au compte",
        "j'ai changé d'adresse mail et je peux plus me connecter",
    ),
    "calcul_cotisations": (
        "comment sont calculées les cotisations", "on a droit à la réduction générale ou pas",
        "c'est quoi le taux pour un animateur sportif", "est-ce qu'il y a une exonération pour les petites associations",
        "je voudrais savoir combien ça va nous coûter d'embaucher", "la franchise de cotisations pour les sportifs ça marche comment",
        "pourquoi les cotisations ont augmenté cette année",
    ),
    "fin_adhesion": (
        "on voudrait arrêter le {s} l'association ferme", "comment on résilie l'adhésion",
        "on a plus de salarié on veut se désinscrire", "l'association est dissoute il faut faire quoi",
        "on passe par un autre organisme on voudrait quitter le {s}",
    ),
    "majorations_retard": (
        "on a reçu une lettre de majoration de retard", "pourquoi on a des pénalités",
        "on a une mise en demeure je comprends pas", "on a reçu une relance alors qu'on a payé",
        "on voudrait une remise des majorations", "il y a des frais de retard sur le prélèvement",
    ),
    "activite_partielle": (
        "avec le confinement on peut mettre notre salarié en chômage partiel", "c'est pour l'activité partielle",
        "comment on déclare le chômage partiel sur le volet social", "l'indemnisation de l'activité partielle on la reçoit quand",
        "les cours sont arrêtés à cause du covid on fait comment pour le salarié", "le chômage partiel de notre animatrice",
    ),
    "autre_demande": (
        "je voudrais parler à un conseiller", "c'est un peu compliqué je préfère expliquer à quelqu'un",
        "je crois que je me suis trompé de numéro", "c'est pour une question sur la mutuelle",
        "je voulais savoir les horaires d'ouverture", "c'est personnel c'est pour mon impôt",
        "on m'a donné ce numéro mais je sais pas si c'est le bon",
    ),
}
# Words the recogniser mishears, as it writes them.
MISHEARD = {
    "ursaf": ("urssaf", "ursafe", "u r s s a f"), "urssaf": ("ursaf", "uresaf"), "prélèvement": ("prélevement", "prélèvements"),
    "cotisations": ("cotisation", "côtisations"), "bulletin": ("bultin", "bulletins"), "attestation": ("atestation",),
    "salarié": ("salarier", "salariés"), "adhérer": ("adhéré", "adérer"), "connecter": ("connecté",),
    "déclaration": ("déclarations", "déclarassion"), "chômage": ("chomage",), "partiel": ("partielle",),
}


def transcript(rng: np.random.Generator, intent: str, other: str | None, name: str, phone: str) -> str:
    """One call: greeting, who is calling, the request (and maybe a second one), a closing, with oral noise."""
    parts = [
        _pick(rng, GREETINGS),
        _pick(rng, WHO).format(name=name, asso=_pick(rng, ASSOCIATIONS)),
        _filler(rng) + " " + _pick(rng, INTENTS[intent]),
    ]
    if other is not None:
        parts.append(_pick(rng, ("et aussi", "et puis autre chose", "au passage", "et en même temps")) + " "
                     + _pick(rng, INTENTS[other]))
    if rng.random() < 0.3:
        parts.insert(1, "c'est bien le " + _pick(rng, SCHEME[:-1]))
    parts.append(_pick(rng, CLOSINGS).format(phone=phone))
    text = " ".join(p for p in parts if p).format(s=_pick(rng, SCHEME[:-1]))
    return _oral(rng, text)  # templates are lower case; names keep their capitals, as the recogniser writes them


def _oral(rng: np.random.Generator, text: str) -> str:
    """Hesitations, stutters and misheard words, at rates that vary from caller to caller."""
    hesitant = rng.uniform(0.02, 0.15)
    words = []
    for word in text.split():
        if rng.random() < hesitant:
            words.append(_filler(rng))
        if rng.random() < 0.04:
            words.append(word)  # "je je voudrais"
        if word in MISHEARD and rng.random() < 0.3:
            word = _pick(rng, MISHEARD[word])
        words.append(word)
    return " ".join(words)


def _filler(rng: np.random.Generator) -> str:
    return _pick(rng, FILLERS)


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
