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
HYGIENE = (
    "toilettes sales", "un cheveu dans {dish}", "j'ai vu un cafard près du comptoir", "malade toute la nuit après le repas",
    "odeur bizarre en cuisine", "{dish} pas frais du tout", "tables collantes", "la viande avait une drôle d'odeur",
    "intoxication alimentaire après {dish}", "verres mal lavés", "le cuisinier sans gants ni charlotte",
    "une souris dans la salle", "frigo vitré avec des produits périmés", "mal au ventre le lendemain",
    "couverts encore gras", "sol poisseux et poubelles débordantes",
)
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
        sentences.insert(rng.integers(len(sentences) + 1), _pick(rng, HYGIENE))
    elif stars >= 4 and rng.random() < 0.12:
        sentences.append(_pick(rng, CLEAN))
    if delivery:
        sentences[0] = _pick(rng, DELIVERY)
    text = ", ".join(dict.fromkeys(sentences)).format(dish=_pick(rng, DISHES[cuisine]))
    text = text[0].upper() + text[1:]
    if rng.random() < 0.15:
        text = text.translate(str.maketrans("éèêàùçâ", "eeeauca"))  # typed on a phone
    return f"{stars}/5 {text}{_pick(rng, ('.', '!', ' !!', '...', ''))}"


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
