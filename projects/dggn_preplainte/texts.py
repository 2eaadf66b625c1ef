"""RECIT as complainants write it on the pre-complaint site: first person, plain words, details given or forgotten.

Each nature of facts has its own 13–28 stories (one `MODELE_REDACTION` each, held out whole), reworded (`REWORD`), with slots for the date ({quand}), the place ({ou}), what was taken or
damaged ({objet}) and the loss ({perte}); a complainant leaves a slot out as often as they fill it. Out-of-scope
texts are what really arrives: violence, threats, a known author ("mon ex-conjoint a gardé ma voiture"), a loss
rather than a theft, a civil dispute. Some complainants introduce themselves with their name, address and phone.
"""

from __future__ import annotations

import numpy as np

STORIES: dict[str, tuple[str, ...]] = {
    "vol_simple": (
        "{quand} {ou} un individu m'a bousculé et a pris {objet}", "je constate la disparition de {objet} {quand} {ou}, on me l'a volé",
        "vol de mon sac {ou} {quand}, il contenait {objet}", "{objet} a été volé dans mon casier {ou} {quand}",
        "quelqu'un a subtilisé {objet} posé sur la table {ou} {quand}", "on m'a dérobé {objet} {quand} pendant que je dormais dans le train",
        "j'ai été victime d'un vol {ou} {quand}, {objet} n'était plus dans ma poche",
        "on m'a volé {objet} {ou} {quand}", "je me suis fait voler {objet} {quand} {ou}, je ne l'ai pas vu venir",
        "{quand} {ou} j'ai posé {objet} quelques minutes et quand je me suis retourné il avait disparu",
        "vol à l'arraché de {objet} {ou} {quand}, l'individu est parti en courant", "{objet} m'a été dérobé dans mon sac {ou} {quand}",
        "vol de {objet} {quand} {ou} pendant que je faisais mes courses", "un pickpocket m'a pris {objet} {ou} {quand}",
    ),
    "cambriolage": (
        "{quand} des cambrioleurs ont forcé la porte-fenêtre et volé {objet}", "vol par effraction à mon domicile {quand}, {objet} dérobés",
        "la serrure de ma porte a été forcée {quand}, on m'a volé {objet}", "ma maison a été fouillée {quand}, les tiroirs vidés et {objet} pris",
        "cambriolage de mon local commercial {quand}, vitrine brisée", "on est entré par effraction dans mon abri de jardin {quand} et pris {objet}",
        "des voleurs se sont introduits dans mon logement {quand} en cassant un carreau",
        "en rentrant {quand} j'ai constaté que ma maison avait été cambriolée, la porte d'entrée était forcée",
        "cambriolage de mon domicile {quand}, les voleurs sont entrés par la fenêtre et ont pris {objet}",
        "{quand} mon appartement a été visité, serrure fracturée, ils ont volé {objet}",
        "effraction de mon garage {quand}, on m'a pris {objet}", "on est entré chez moi {quand} pendant nos vacances, tout est retourné, {objet} ont disparu",
        "ma résidence secondaire a été cambriolée {quand}, volet arraché", "intrusion dans ma cave {quand}, le cadenas a été coupé et {objet} volé",
    ),
    "vol_vehicule": (
        "{quand} je n'ai plus retrouvé mon véhicule {ou}", "vol de ma voiture {ou} {quand}, j'ai encore les deux clés",
        "mon utilitaire a été dérobé {quand} {ou}", "ma motocyclette a été volée {ou} {quand}, elle était attachée",
        "on m'a volé ma trottinette électrique {ou} {quand}", "mon véhicule a disparu {ou} {quand}, il a été volé",
        "vol de mon quad {quand} {ou}",
        "ma voiture a été volée {ou} {quand}, elle était garée et fermée à clé", "vol de mon véhicule {quand} {ou}, je ne le retrouve plus",
        "mon scooter a disparu {ou} {quand}", "{quand} j'ai constaté le vol de ma moto {ou}",
        "on m'a volé mon vélo électrique {ou} {quand} malgré l'antivol", "mon camping-car a été volé {quand} {ou}",
        "ma voiture n'était plus à sa place {quand} {ou}, la fourrière dit ne pas l'avoir",
    ),
    "vol_dans_vehicule": (
        "{quand} {ou} la vitre arrière de mon véhicule a été cassée et {objet} volé", "mon coffre a été forcé {ou} {quand}, {objet} dérobé",
        "vol à la roulotte {ou} {quand}, on a pris {objet} dans ma voiture", "{quand} j'ai retrouvé ma voiture ouverte {ou}, {objet} avait disparu",
        "on a volé les roues de ma voiture {ou} {quand}", "ma voiture a été fracturée {quand} {ou} et {objet} emporté",
        "le catalyseur de mon véhicule a été volé {ou} {quand}", "vol de {objet} dans mon camion {quand} {ou}, la serrure est cassée",
        "vitre de ma voiture brisée {ou} {quand}, on m'a volé {objet} qui était sur le siège",
        "{quand} {ou} on a fouillé mon véhicule et volé {objet}", "vol dans mon véhicule {quand} {ou}, {objet} a disparu de la boîte à gants",
        "ma camionnette a été ouverte {quand} {ou} et mes outils volés", "on a forcé la portière de ma voiture {ou} {quand} pour prendre {objet}",
    ),
    "degradation": (
        "{quand} on a cassé la vitre de ma véranda", "des inconnus ont tagué ma voiture {ou} {quand}",
        "ma carrosserie a été enfoncée volontairement {quand} {ou}", "mon abri de jardin a été vandalisé {quand}",
        "{quand} quelqu'un a crevé les quatre pneus de ma voiture {ou}", "dégradation volontaire de ma porte d'entrée {quand}",
        "ma voiture a été rayée sur toute la longueur {ou} {quand}", "les pneus de mon véhicule ont été crevés {quand} {ou}",
        "tags sur la façade de ma maison {quand}", "{quand} ma boîte aux lettres a été arrachée",
        "ma clôture a été dégradée {quand}, des poteaux cassés", "mon rétroviseur a été cassé volontairement {ou} {quand}",
        "quelqu'un a mis le feu à ma poubelle {quand} {ou}, la haie a brûlé", "dégradation de mon portail {quand}",
    ),
    "escroquerie_en_ligne": (
        "j'ai payé {perte} {quand} pour une location de vacances sur internet qui n'existe pas",
        "{quand} on m'a fait payer des frais de douane par sms pour un faux colis, {perte} débités",
        "un acheteur sur le bon coin m'a envoyé un faux lien de paiement {quand}, ma carte a été débitée",
        "arnaque sur un site de rencontre, j'ai envoyé {perte} {quand}", "j'ai acheté {objet} sur un réseau social {quand}, le vendeur a disparu",
        "des achats frauduleux sur ma carte bancaire {quand} après un achat en ligne", "faux site de la banque {quand}, j'ai saisi mes identifiants et on a fait un virement de {perte}",
        "j'ai acheté {objet} sur le bon coin {quand}, j'ai payé par virement et je n'ai jamais rien reçu",
        "j'ai reçu un sms {quand} pour un colis, j'ai donné ma carte bancaire et on m'a débité {perte}",
        "un faux conseiller de ma banque m'a appelé {quand} et m'a fait valider des opérations",
        "site de vente en ligne frauduleux, commande payée {quand} jamais livrée", "arnaque au faux placement, j'ai versé {perte} {quand}",
        "un vendeur sur internet a encaissé mon paiement {quand} et a supprimé son annonce",
        "phishing : mail de l'assurance maladie {quand}, j'ai rentré mes codes et mon compte a été vidé",
    ),
    "usurpation_identite": (
        "quelqu'un se fait passer pour moi sur internet et a souscrit un contrat {quand}", "des colis commandés à mon nom arrivent chez moi {quand}",
        "on a utilisé mon identité pour immatriculer un véhicule {quand}", "un inconnu a ouvert une ligne téléphonique avec mes papiers {quand}",
        "ma banque m'informe {quand} qu'un prêt a été demandé avec mon identité", "un faux compte à mon nom demande de l'argent à mes amis {quand}",
        "j'ai reçu un avis d'impôt pour une société créée à mon nom {quand}",
        "quelqu'un a ouvert un crédit à mon nom {quand}, je ne l'ai jamais demandé",
        "j'ai reçu des factures pour un abonnement téléphonique souscrit à mon nom {quand}",
        "un faux profil avec mes photos et mon nom a été créé {quand}", "on utilise mon identité pour louer des voitures, j'ai reçu des amendes {quand}",
        "ma carte d'identité volée l'an dernier sert à ouvrir des comptes, la banque m'a prévenu {quand}",
        "un compte bancaire a été ouvert à mon nom {quand} avec une copie de mon passeport",
    ),
    "hors_perimetre": (
        "mon ex-mari refuse de me rendre mes affaires", "ma voisine m'a menacé avec un couteau {quand}",
        "je connais la personne qui a rayé ma voiture, c'est mon beau-frère", "j'ai oublié mon sac dans le train {quand}, je ne le retrouve plus",
        "le garagiste ne veut pas me rendre ma voiture tant que je n'ai pas payé", "mon locataire ne paie plus son loyer depuis des mois",
        "des jeunes font du bruit tous les soirs dans le hall", "je veux signaler un rodéo urbain {quand} {ou}",
        "mon compagnon m'a giflée {quand}", "je souhaite faire une main courante pour un différend familial",
        "mon voisin m'a frappé {quand} devant chez moi", "je reçois des menaces de mort de mon ex-conjoint depuis plusieurs semaines",
        "mon ex-compagnon a gardé ma voiture et refuse de me la rendre", "j'ai perdu mon portefeuille {ou} {quand}, je ne sais pas où",
        "mon fils a pris ma carte bancaire sans me demander, je connais l'auteur", "litige avec mon propriétaire qui ne me rend pas ma caution",
        "l'artisan n'a pas terminé les travaux et ne répond plus, je veux porter plainte", "harcèlement de la part d'un collègue au travail",
        "bruit tous les soirs chez mes voisins, tapage nocturne", "accident de la route {quand} {ou}, l'autre conducteur a refusé le constat",
        "je voudrais savoir comment récupérer mes points de permis", "ma fille ne rentre pas, elle a 16 ans, depuis {quand} sans nouvelles",
        "mon voisin a coupé ma haie sans autorisation, conflit de voisinage", "on m'insulte sur les réseaux sociaux, je connais la personne",
        "violences conjugales, mon mari me bat", "j'ai égaré mon téléphone {quand} {ou}", "mon employeur ne me paie pas mon salaire",
        "un chien m'a mordu {quand} {ou}, le propriétaire refuse de donner son assurance",
    ),
}
OBJETS: dict[str, tuple[str, ...]] = {
    "vol_simple": ("mon téléphone portable", "mon portefeuille", "mon sac à main", "ma carte bancaire", "mes lunettes de soleil", "mon ordinateur"),
    "cambriolage": ("des bijoux", "la télévision et un ordinateur", "de l'argent liquide", "des outils", "une console de jeux", "mes vélos"),
    "vol_dans_vehicule": ("mon GPS", "un sac de sport", "mon autoradio", "des papiers du véhicule", "mon ordinateur portable"),
    "escroquerie_en_ligne": ("une console", "un téléphone", "des billets de concert", "un vélo", "une machine à laver"),
}
QUAND = (
    "hier soir", "ce matin", "dans la nuit de samedi à dimanche", "le {j}/{m}/{a}", "le {j}/{m}", "lundi dernier",
    "la semaine dernière", "vers 14h", "le {j} {mois}", "le {j} {mois} {a}",
)
OU = (
    "sur le parking du supermarché de {commune}", "à la gare de {commune}", "devant mon domicile", "au marché de {commune}",
    "dans le centre de {commune}", "sur le parking de la plage", "à {commune}", "devant l'école", "dans le bus",
)
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
PERTE = ("{v} euros", "{v} €", "{v}€", "environ {v} euros")
INTRO = (
    "Bonjour, ", "Madame, Monsieur, ", "", "", "", "Je souhaite déposer plainte. ", "Bonjour je viens signaler que ",
    "Je soussigné {prenom} {nom}, demeurant {adresse}, déclare que ", "Je m'appelle {prenom} {nom}. ",
)
OUTRO = (
    "", "", "", " Merci de me recontacter au {tel}.", " Je suis joignable au {tel}.", " Le préjudice s'élève à {perte}.",
    " Je n'ai pas de témoin.", " Un voisin a peut-être vu quelque chose.", " Merci.", " Cordialement, {prenom} {nom}.",
)


REWORD = {
    "volé": ("volé", "piqué", "dérobé"), "ma voiture": ("mon véhicule", "ma voiture", "ma voiture perso"),
    "j'ai constaté": ("j'ai remarqué", "j'ai découvert", "j'ai vu"), "mon domicile": ("chez moi", "mon logement", "mon domicile"),
    "cambriolée": ("cambriolée", "visitée", "fracturée"), "carte bancaire": ("carte bleue", "CB", "carte bancaire"),
    "téléphone portable": ("portable", "smartphone", "iphone"), "je n'ai jamais rien reçu": ("rien reçu", "jamais livré"),
}
"""Ways complainants say the same thing: a story is never typed twice the same way."""


def recit(rng: np.random.Generator, nature: str, story: int, slots: dict[str, bool], who: dict[str, str]) -> str:
    """The complainant's text: story number `story` of this nature, with the date, place and loss told or not."""
    story = STORIES[nature][story]
    for expression, others in REWORD.items():
        if expression in story and rng.random() < 0.5:
            story = story.replace(expression, _pick(rng, others))
    quand = _pick(rng, QUAND).format(j=rng.integers(1, 29), m=rng.integers(1, 13), a=rng.integers(2019, 2024),
                                     mois=_pick(rng, MOIS)) if slots["date"] else ""
    ou = _pick(rng, OU).format(commune=who["commune"]) if slots["lieu"] else ""
    perte = _pick(rng, PERTE).format(v=who["montant"]) if slots["perte"] else "une somme importante"
    objet = _pick(rng, OBJETS.get(nature, OBJETS["vol_simple"]))
    body = story.format(quand=quand, ou=ou, objet=objet, perte=perte)
    if slots["perte"] and "{perte}" not in story and nature != "hors_perimetre":
        body += f", pour une valeur de {perte}"
    # Noise touches the story only: names keep their capitals, which the base's scrubbing relies on.
    body = _noise(rng, " ".join(body.split()).replace(" ,", ","))
    intro = _pick(rng, INTRO).format(**who)
    if not intro or intro.endswith(". "):  # a new sentence
        body = body[0].upper() + body[1:]
    return intro + body + "." + _pick(rng, OUTRO).format(perte=perte, **who)


def _noise(rng: np.random.Generator, text: str) -> str:
    """Typed on a phone: sometimes no accents, sometimes no capitals, sometimes SMS spelling."""
    if rng.random() < 0.15:
        text = text.translate(str.maketrans("éèêàùçô", "eeeauco"))
    if rng.random() < 0.1:
        text = text.replace("quelqu'un", "qqn").replace("rendez-vous", "rdv").replace("téléphone", "tel").replace("beaucoup", "bcp")
    if rng.random() < 0.1:
        text = text.lower()
    return text


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
