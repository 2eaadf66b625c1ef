"""Call transcripts as the speech-to-text layer writes them: lower case, no punctuation, oral French.

Callers hesitate ("euh", "ben", "du coup"), repeat words, give their name and sometimes a phone number, name the
scheme in many ways ("chèque emploi associatif", "le CEA", "c e a", "chèque emploi asso"), and the recogniser
mishears words ("urssaf" → "ursaf"). Each intent has 14–20 phrasings, each said in several ways (`PHRASING_NOISE`:
"fiche de paie", "bulletin de paie"; "mot de passe", "mdp"), and some share words with others
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

# Per intent: what callers say, from plain to roundabout. Each entry is one phrasing (a MODELE_REDACTION); entries
# of one intent share the domain's words in different sentences, so that an unseen phrasing stays recognisable.
INTENTS: dict[str, tuple[str, ...]] = {
    "adhesion": (
        "on voudrait adhérer au {s} comment on fait", "c'est pour une inscription de notre association",
        "on va embaucher un animateur et on nous a dit de passer par le {s}", "je voudrais m'inscrire au {s}",
        "comment on s'inscrit pour pouvoir déclarer nos salariés", "on a reçu le dossier d'adhésion mais on comprend pas",
        "notre association vient d'être créée on veut employer quelqu'un", "il faut quoi comme papiers pour adhérer",
        "on m'a dit qu'il fallait un numéro siret pour adhérer c'est vrai", "le formulaire d'adhésion il est où",
        "on a envoyé la demande d'adhésion il y a un mois et toujours rien", "est-ce qu'une petite asso peut adhérer",
        "on n'a jamais eu de salarié c'est notre première embauche", "je veux savoir si notre club peut utiliser le {s}",
        "l'adhésion c'est payant ou pas", "on a besoin du numéro d'adhérent pour commencer",
        "c'est pour ouvrir un compte employeur pour l'association", "on voudrait s'affilier pour payer un entraîneur",
        "la demande d'inscription a été refusée je sais pas pourquoi", "on doit adhérer avant ou après l'embauche",
    ),
    "volet_social": (
        "je comprends pas comment remplir le volet social", "c'est pour déclarer les heures de notre salarié",
        "j'ai fait une erreur dans la déclaration du mois dernier", "le volet social il faut l'envoyer quand",
        "on a oublié de déclarer les heures de mars", "comment je déclare des heures complémentaires",
        "je dois déclarer un nouveau salarié c'est où sur le volet", "j'ai mis le mauvais nombre d'heures",
        "est-ce que je peux corriger une déclaration déjà envoyée", "la date limite pour le volet c'est le combien",
        "le volet social a été refusé il manque une information", "je déclare comment les congés payés de l'animatrice",
        "on a deux salariés je remplis deux volets", "comment on déclare une prime sur le volet social",
        "j'ai déclaré les heures en double", "je sais pas quoi mettre dans la case salaire net",
        "le salarié a travaillé moins ce mois-ci comment je le déclare", "on a déclaré en retard le volet de février",
        "je veux modifier le taux horaire sur la déclaration", "la déclaration mensuelle je la fais où",
    ),
    "attestation_employeur": (
        "il me faut une attestation employeur pour pôle emploi", "notre salariée a fini son contrat elle a besoin de l'attestation",
        "l'attestation pôle emploi on l'a pas reçue", "c'est pour le certificat de travail et l'attestation",
        "pôle emploi me réclame une attestation employeur", "fin de contrat de notre animatrice il faut quoi comme document",
        "l'attestation employeur elle est fausse les dates sont pas bonnes", "je suis salarié et pôle emploi attend mon attestation",
        "comment on fait l'attestation quand le contrat s'arrête", "l'attestation de fin de contrat c'est vous qui l'envoyez",
        "il faut refaire l'attestation le motif de rupture est faux", "on a licencié notre salarié il lui faut ses papiers pour le chômage",
        "la démission du salarié quels documents on doit lui donner", "l'attestation destinée à pôle emploi a pas le bon salaire",
        "je voudrais un duplicata de l'attestation employeur", "le salarié s'inscrit au chômage il lui faut l'attestation",
    ),
    "bulletin_salaire": (
        "le salarié a pas reçu son bulletin de salaire", "la fiche de paie est fausse", "il y a une erreur sur le bulletin de paie",
        "le bulletin de salaire du mois dernier il est pas arrivé", "le net sur la fiche de paye correspond pas",
        "on voudrait un duplicata de bulletin", "notre salarié dit que son bulletin a pas les congés payés",
        "le bulletin indique pas le bon nombre d'heures", "je suis salariée je voudrais mes fiches de paie de l'an dernier",
        "le salaire net sur le bulletin est plus bas que prévu", "les bulletins on les trouve où maintenant",
        "la mutuelle apparaît pas sur la fiche de paie", "le prélèvement à la source sur le bulletin est pas juste",
        "le taux d'impôt sur la fiche de paye est faux", "le bulletin de paie a le mauvais nom du salarié",
        "mon employeur dit que vous envoyez les bulletins mais j'ai rien",
    ),
    "prelevement_cotisations": (
        "on a été prélevé deux fois ce mois-ci", "je comprends pas le montant du prélèvement des cotisations",
        "le décompte de cotisations est pas clair", "il y a un prélèvement de l'ursaf qu'on comprend pas",
        "on voudrait changer de compte bancaire pour le prélèvement", "le prélèvement a été rejeté qu'est-ce qu'on fait",
        "on peut avoir un échéancier pour payer", "le montant prélevé est beaucoup plus élevé que d'habitude",
        "on a changé de banque il faut un nouveau mandat de prélèvement", "le décompte dit qu'on doit de l'argent",
        "on a pas assez sur le compte pour le prélèvement de ce mois", "est-ce qu'on peut payer par virement plutôt",
        "le prélèvement a pas eu lieu ce mois-ci", "on a un remboursement de cotisations qu'on attend",
        "à quelle date vous prélevez les cotisations", "le relevé de compte montre un débit de l'urssaf inconnu",
        "le mandat sepa il faut le renvoyer signé", "on voudrait un délai de paiement pour les cotisations",
    ),
    "espace_en_ligne": (
        "j'arrive pas à me connecter à mon espace", "j'ai perdu mon mot de passe", "mon identifiant marche plus",
        "le site me dit que mon compte est bloqué", "je reçois pas le code par mail pour me connecter",
        "comment on crée l'espace en ligne", "le nouveau trésorier doit avoir accès au compte",
        "j'ai changé d'adresse mail et je peux plus me connecter", "le site internet affiche une erreur",
        "je trouve pas où télécharger les documents sur le site", "le code de connexion est expiré",
        "on a oublié l'identifiant de l'association", "la page de connexion charge pas",
        "je veux changer le mot de passe du compte", "l'ancien président avait les codes d'accès",
        "le compte en ligne est verrouillé après trois essais", "l'application sur le téléphone marche pas",
        "je voudrais ajouter un deuxième utilisateur sur l'espace",
    ),
    "calcul_cotisations": (
        "comment sont calculées les cotisations", "on a droit à la réduction générale ou pas",
        "c'est quoi le taux pour un animateur sportif", "est-ce qu'il y a une exonération pour les petites associations",
        "je voudrais savoir combien ça va nous coûter d'embaucher", "la franchise de cotisations pour les sportifs ça marche comment",
        "pourquoi les cotisations ont augmenté cette année", "quel est le coût total employeur pour dix heures par mois",
        "le taux de cotisation patronale il est de combien", "il y a un simulateur pour calculer les charges",
        "est-ce que l'assiette forfaitaire s'applique à nous", "les charges sociales sont calculées sur le brut ou le net",
        "on paie combien de charges pour un emploi aidé", "la réduction de cotisations elle est appliquée automatiquement",
        "je comprends pas le taux appliqué sur les cotisations retraite", "combien coûte un salarié au smic pour l'association",
    ),
    "fin_adhesion": (
        "on voudrait arrêter le {s} l'association ferme", "comment on résilie l'adhésion",
        "on a plus de salarié on veut se désinscrire", "l'association est dissoute il faut faire quoi",
        "on passe par un autre organisme on voudrait quitter le {s}", "je veux mettre fin à notre adhésion",
        "on arrête d'employer quelqu'un on veut clôturer le compte", "la dissolution a été votée en assemblée générale",
        "comment on radie l'association du {s}", "on veut résilier on embauche plus personne",
        "le club cesse son activité il faut prévenir qui", "on souhaite sortir du dispositif à la fin de l'année",
        "on voudrait fermer notre compte employeur", "la cessation d'activité de l'association c'est quelle démarche",
    ),
    "majorations_retard": (
        "on a reçu une lettre de majoration de retard", "pourquoi on a des pénalités",
        "on a une mise en demeure je comprends pas", "on a reçu une relance alors qu'on a payé",
        "on voudrait une remise des majorations", "il y a des frais de retard sur le prélèvement",
        "un huissier nous a contactés pour des cotisations", "la contrainte qu'on a reçue c'est quoi",
        "on a payé en retard d'une semaine et on a une pénalité", "je conteste les majorations c'est une erreur",
        "on a un courrier recommandé de l'urssaf pour retard", "la majoration est plus chère que la cotisation",
        "on demande l'annulation des pénalités de retard", "j'ai une mise en demeure pour le volet de janvier",
        "comment on fait une demande de remise gracieuse", "on a une sanction pour déclaration tardive",
    ),
    "activite_partielle": (
        "avec le confinement on peut mettre notre salarié en chômage partiel", "c'est pour l'activité partielle",
        "comment on déclare le chômage partiel sur le volet social", "l'indemnisation de l'activité partielle on la reçoit quand",
        "les cours sont arrêtés à cause du covid on fait comment pour le salarié", "le chômage partiel de notre animatrice",
        "la salle est fermée par la préfecture le salarié travaille plus", "on a fait la demande d'activité partielle sur le site du ministère",
        "l'indemnité d'activité partielle se déclare où", "le salarié est au chômage technique depuis le confinement",
        "les heures chômées à cause de la crise sanitaire comment on les met", "on a droit à l'aide exceptionnelle covid",
        "le club est fermé pendant la crise on continue à payer l'entraîneur", "c'est pour le remboursement de l'activité partielle",
    ),
    "autre_demande": (
        "je voudrais parler à un conseiller", "c'est un peu compliqué je préfère expliquer à quelqu'un",
        "je crois que je me suis trompé de numéro", "c'est pour une question sur la mutuelle",
        "je voulais savoir les horaires d'ouverture", "c'est personnel c'est pour mon impôt",
        "on m'a donné ce numéro mais je sais pas si c'est le bon", "je rappelle suite à un message sur mon répondeur",
        "je cherche l'adresse pour envoyer un courrier", "c'est pour une réclamation je veux un responsable",
        "je voulais juste une information générale", "je suis auto-entrepreneur c'est pour ma situation",
        "j'ai une question sur ma retraite personnelle", "vous pouvez me passer le service juridique",
        "c'est pour prendre un rendez-vous à l'accueil", "je voudrais savoir si vous recevez le public",
    ),
}
PHRASING_NOISE = {
    "je voudrais": ("j'aimerais", "je voulais", "il me faudrait"), "on voudrait": ("on aimerait", "on souhaiterait", "on voulait"),
    "comment on fait": ("on fait comment", "c'est quoi la démarche", "comment ça se passe"),
    "bulletin de salaire": ("bulletin de paie", "fiche de paie", "bulletin"), "fiche de paie": ("fiche de paye", "bulletin de paie"),
    "mot de passe": ("code", "mdp", "code secret"), "pôle emploi": ("pole emploi", "le pôle emploi", "france travail"),
    "association": ("asso", "structure", "association"), "salarié": ("employé", "salarié", "intervenant"),
    "cotisations": ("charges", "cotisations sociales", "cotis"), "chômage partiel": ("chômage technique", "chômage partiel"),
}
"""Ways callers say the same thing: a phrasing is never said twice the same way."""
# Words the recogniser mishears, as it writes them.
MISHEARD = {
    "ursaf": ("urssaf", "ursafe", "u r s s a f"), "urssaf": ("ursaf", "uresaf"), "prélèvement": ("prélevement", "prélèvements"),
    "cotisations": ("cotisation", "côtisations"), "bulletin": ("bultin", "bulletins"), "attestation": ("atestation",),
    "salarié": ("salarier", "salariés"), "adhérer": ("adhéré", "adérer"), "connecter": ("connecté",),
    "déclaration": ("déclarations", "déclarassion"), "chômage": ("chomage",), "partiel": ("partielle",),
}


def transcript(rng: np.random.Generator, intent: str, phrasing: int, other: str | None, name: str, phone: str) -> str:
    """One call: greeting, who is calling, the request (phrasing number `phrasing` of the intent, maybe a second
    request), a closing, with oral noise."""
    parts = [
        _pick(rng, GREETINGS),
        _pick(rng, WHO).format(name=name, asso=_pick(rng, ASSOCIATIONS)),
        _filler(rng) + " " + _reword(rng, INTENTS[intent][phrasing]),
    ]
    if other is not None:
        parts.append(_pick(rng, ("et aussi", "et puis autre chose", "au passage", "et en même temps")) + " "
                     + _reword(rng, _pick(rng, INTENTS[other])))
    if rng.random() < 0.3:
        parts.insert(1, "c'est bien le " + _pick(rng, SCHEME[:-1]))
    parts.append(_pick(rng, CLOSINGS).format(phone=phone))
    text = " ".join(p for p in parts if p).format(s=_pick(rng, SCHEME[:-1]))
    return _oral(rng, text)  # templates are lower case; names keep their capitals, as the recogniser writes them


def _reword(rng: np.random.Generator, sentence: str) -> str:
    """The phrasing as this caller says it: each common expression half the time in another of its ways."""
    for expression, others in PHRASING_NOISE.items():
        if expression in sentence and rng.random() < 0.5:
            sentence = sentence.replace(expression, _pick(rng, others))
    return sentence


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
