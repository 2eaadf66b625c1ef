"""Customer reviews as they are posted on rating sites: short, spontaneous, about the food, the service, the price,
and now and then the cleanliness. Hygiene signals are what inspectors care about ("cafard", "toilettes sales",
"malade après le repas"), but they are rare, and reviewers also write "sale" about places that are not.
"""

from __future__ import annotations

import numpy as np

DISHES: dict[str, tuple[str, ...]] = {
    "française traditionnelle": ("le bœuf bourguignon", "la blanquette", "le confit de canard", "l'entrecôte", "le plat du jour"),
    "italienne": ("la pizza", "les pâtes carbonara", "les lasagnes", "le tiramisu", "la pizza quatre fromages"),
    "asiatique": ("les nems", "le bo bun", "le riz cantonais", "le canard laqué", "les raviolis vapeur"),
    "japonaise": ("les sushis", "les makis", "le ramen", "les california", "le plateau sashimi"),
    "kebab et grillades": ("le kebab", "l'assiette grec", "les frites", "le tacos", "le sandwich américain"),
    "orientale": ("le couscous", "le tajine", "les brochettes", "la pastilla", "le thé à la menthe"),
    "africaine": ("le mafé", "le poulet yassa", "l'attiéké", "les alocos", "le thiéboudienne"),
    "indienne": ("le cheese naan", "le poulet tikka", "le butter chicken", "le biryani", "le lassi"),
    "restauration rapide": ("le burger", "les frites maison", "le menu enfant", "les nuggets", "le milkshake"),
    "crêperie": ("la galette complète", "la crêpe au caramel beurre salé", "la bolée de cidre", "la galette saucisse"),
}
GOOD = (
    "{dish} était excellent", "très bon repas, {dish} à tomber", "service rapide et souriant", "rapport qualité prix imbattable",
    "on reviendra sans hésiter", "accueil chaleureux", "portions généreuses", "{dish} délicieux, produits frais",
    "super adresse", "personnel aux petits soins", "cadre agréable et calme", "{dish} fait maison, ça se sent",
)
MEDIUM = (
    "{dish} correct sans plus", "un peu d'attente mais ça va", "prix un peu élevés", "rien d'exceptionnel",
    "service débordé le samedi soir", "bruyant mais bon", "{dish} un peu fade", "décor vieillot", "ok pour dépanner",
)
BAD = (
    "{dish} immangeable", "service désagréable", "trop cher pour ce que c'est", "attente interminable",
    "le serveur nous a ignorés", "{dish} froid", "plus jamais", "très déçu", "portions ridicules", "commande oubliée",
)
# Hygiene complaints are composed (what × how, who saw what where), so that no fixed list of sentences is learnt:
# a held-out period brings combinations never seen, written with slang, abbreviations and typos.
SURFACES = ("toilettes", "tables", "sol", "verres", "couverts", "assiettes", "comptoir", "banquettes", "vitrine",
            "plateaux", "wc", "cuisine", "frigo", "carafes", "sets de table", "lavabo")
ETATS = ("sales", "crasseux", "poisseux", "collants", "dégoûtants", "pas nettoyés", "douteux", "gras", "répugnants",
         "degueu", "crades", "pas très nets", "limite limite", "cra-cra", "immondes")
NUISIBLES = ("un cafard", "une souris", "des mouches partout", "un rat", "des blattes", "des moucherons", "un cafar")
VU = ("j'ai vu", "on a aperçu", "il y avait", "ma femme a vu", "mon fils a repéré", "on a vu passer", "vu")
OU = ("près du comptoir", "dans la salle", "sous la table", "en cuisine", "vers les toilettes", "sur le mur",
      "derrière le bar", "au plafond")
MALADES = ("malade", "intoxication alimentaire", "mal au ventre", "gastro", "vomi toute la nuit", "nausées",
           "toute la famille malade", "indigestion carabinée", "intox")
QUAND = ("après le repas", "le lendemain", "après {dish}", "toute la nuit", "deux heures après", "dans la soirée")
PAS_FRAIS = ("{dish} pas frais du tout", "la viande avait une drôle d'odeur", "le poisson sentait fort",
             "produits périmés dans le frigo vitré", "sauce tournée", "{dish} avarié", "crudités flétries",
             "{dish} réchauffé plusieurs fois", "date dépassée sur les yaourts", "chaîne du froid ? aucune")
PERSONNEL = ("le cuisinier sans gants ni charlotte", "le serveur se gratte le nez puis sert", "mains pas lavées",
             "le personnel fume devant la cuisine", "le cuistot touche l'argent puis le pain", "tablier crasseux",
             "le chien du patron en cuisine")
CORPS = ("un cheveu dans {dish}", "un bout de plastique dans {dish}", "une mouche dans la soupe",
         "un poil dans l'assiette", "un pansement dans {dish}", "un morceau de verre dans {dish}")
ODEURS = ("odeur d'égout dans la salle", "odeur bizarre en cuisine", "ça sent le graillon rance",
          "poubelles débordantes à l'entrée", "odeur de friture usée")
DECOYS = ("un peu trop salé", "la salle était pleine", "addition salée", "plat bien salé comme j'aime",
          "salle bondée le midi", "le chef a un sale caractère")
"""Words that look like hygiene ("sale", "salle") and are not: the model must not learn the letters."""
CLEAN = ("très propre", "cuisine ouverte et impeccable", "salle et toilettes nickel", "hygiène irréprochable")
DELIVERY = (
    "commandé en livraison, arrivé froid", "livraison rapide via l'appli", "commande uber eats incomplète",
    "emballage de la livraison déchiré", "livré en 20 minutes, parfait",
)


def review(rng: np.random.Generator, cuisine: str, stars: int, hygiene_issue: bool, delivery: bool) -> str:
    """One review: one to three sentences matching its stars, maybe a hygiene complaint or praise, maybe delivery."""
    bank = GOOD if stars >= 4 else MEDIUM if stars == 3 else BAD
    sentences = [_pick(rng, bank) for _ in range(rng.integers(1, 4))]
    if hygiene_issue:
        sentences.insert(rng.integers(len(sentences) + 1), complaint(rng))
    elif rng.random() < 0.06:
        sentences.append(_pick(rng, DECOYS))
    elif stars >= 4 and rng.random() < 0.12:
        sentences.append(_pick(rng, CLEAN))
    if delivery:
        sentences[0] = _pick(rng, DELIVERY)
    text = ", ".join(dict.fromkeys(sentences)).format(dish=_pick(rng, DISHES[cuisine]))
    text = text[0].upper() + text[1:]
    if rng.random() < 0.15:
        text = text.translate(str.maketrans("éèêàùçâ", "eeeauca"))  # typed on a phone
    if rng.random() < 0.08:
        text = _typo(rng, text)
    if rng.random() < 0.04:
        text = text.upper()
    return f"{stars}/5 {text}{_pick(rng, ('.', '!', ' !!', '...', ''))}"


def complaint(rng: np.random.Generator) -> str:
    """One hygiene complaint, composed from its parts."""
    kind = rng.integers(7)
    if kind == 0:
        return f"{_pick(rng, SURFACES)} {_pick(rng, ETATS)}"
    if kind == 1:
        return f"{_pick(rng, VU)} {_pick(rng, NUISIBLES)} {_pick(rng, OU)}"
    if kind == 2:
        return f"{_pick(rng, MALADES)} {_pick(rng, QUAND)}"
    return _pick(rng, (PAS_FRAIS, PERSONNEL, CORPS, ODEURS)[kind - 3])


def _typo(rng: np.random.Generator, text: str) -> str:
    """Two neighbouring letters swapped, as a thumb does."""
    if len(text) < 4:
        return text
    i = int(rng.integers(1, len(text) - 2))
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
