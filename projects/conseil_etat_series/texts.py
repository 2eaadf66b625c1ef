"""Phrase banks of filings before administrative courts: contested acts, grounds (moyens) and claims (conclusions)."""

MATIERES = {
    "urbanisme": 0.24,
    "étrangers": 0.22,
    "fonction publique": 0.14,
    "fiscal": 0.12,
    "environnement": 0.1,
    "police administrative": 0.1,
    "marchés publics": 0.08,
}

ACTES = {
    "urbanisme": (
        "l'arrêté du maire de {ville} du {date} accordant un permis de construire n° PC {numero} pour {objet}",
        "la délibération du conseil municipal de {ville} du {date} approuvant la révision du plan local d'urbanisme",
        "l'arrêté du maire de {ville} du {date} refusant le permis d'aménager n° PA {numero}",
        "la décision de non-opposition à déclaration préalable n° DP {numero} du maire de {ville} du {date}",
    ),
    "étrangers": (
        "l'arrêté du préfet de {departement} du {date} portant obligation de quitter le territoire français",
        "la décision du préfet de {departement} du {date} refusant la délivrance d'un titre de séjour",
        "l'arrêté du préfet de {departement} du {date} portant assignation à résidence",
    ),
    "fonction publique": (
        "le décret n° {annee}-{numero} du {date} relatif au régime indemnitaire des {corps}",
        "l'arrêté du ministre {ministere} du {date} fixant les modalités du tableau d'avancement des {corps}",
        "la note de service du {date} relative aux mutations des {corps}",
    ),
    "fiscal": (
        "l'avis de mise en recouvrement du {date} relatif à la taxe foncière sur les propriétés bâties de {ville}",
        "la délibération du conseil communautaire du {date} fixant le taux de la taxe d'enlèvement des ordures ménagères de {ville}",
        "les rappels de taxe sur la valeur ajoutée notifiés le {date}",
    ),
    "environnement": (
        "l'arrêté du préfet de {departement} du {date} autorisant l'exploitation d'un parc éolien à {ville}",
        "l'arrêté préfectoral du {date} autorisant l'extension d'un élevage porcin à {ville}",
        "l'arrêté du préfet de {departement} du {date} autorisant la destruction d'individus d'espèces protégées",
    ),
    "police administrative": (
        "l'arrêté du maire de {ville} du {date} interdisant la circulation des véhicules sur {objet}",
        "l'arrêté du préfet de {departement} du {date} portant fermeture administrative d'un établissement",
        "le décret n° {annee}-{numero} du {date} réglementant {objet_police}",
    ),
    "marchés publics": (
        "la décision du {date} de la commune de {ville} attribuant le marché de {objet_marche}",
        "le contrat conclu le {date} par la communauté d'agglomération de {ville} pour {objet_marche}",
    ),
}

VILLES = (
    "Montreuil", "Nantes", "Rennes", "Aubervilliers", "Bordeaux", "Lyon", "Toulouse", "Nice", "Marseille", "Lille",
    "Grenoble", "Dijon", "Strasbourg", "Montpellier", "Rouen", "Caen", "Limoges", "Poitiers", "Amiens", "Besançon",
    "Saint-Nazaire", "Vannes", "Annecy", "Pau", "Bayonne", "Perpignan", "Nîmes", "Avignon", "Toulon", "Metz",
)
DEPARTEMENTS = (
    "du Val-de-Marne", "Loire-Atlantique", "l'Ille-et-Vilaine", "la Gironde", "du Rhône", "la Haute-Garonne",
    "des Alpes-Maritimes", "des Bouches-du-Rhône", "du Nord", "l'Isère", "la Côte-d'Or", "du Bas-Rhin", "l'Hérault",
    "la Seine-Maritime", "du Calvados", "la Haute-Vienne", "la Vienne", "la Somme", "du Doubs", "du Morbihan",
)
OBJETS = (
    "un immeuble de 48 logements", "une surface commerciale", "un entrepôt logistique", "une antenne relais",
    "la route départementale 12", "le quai des Chartrons", "le centre-ville", "une station-service",
    "un lotissement de 22 lots", "la promenade du front de mer",
)
OBJETS_POLICE = ("l'usage des drones de loisir", "la vente d'alcool à emporter", "les rassemblements festifs", "la chasse de nuit")
OBJETS_MARCHE = ("restauration scolaire", "collecte des déchets", "transport urbain", "entretien de l'éclairage public")
CORPS = (
    "professeurs certifiés", "attachés d'administration", "infirmiers de la fonction publique hospitalière",
    "gardiens de la paix", "ingénieurs des travaux publics de l'État", "adjoints techniques territoriaux",
)
MINISTERES = ("de l'intérieur", "de l'éducation nationale", "des armées", "de la santé", "de l'économie")

MOYENS = {
    "urbanisme": (
        "l'arrêté a été signé par une autorité incompétente faute de délégation régulièrement publiée",
        "le dossier de demande était incomplet au regard de l'article R. 431-16 du code de l'urbanisme",
        "le projet méconnaît l'article UA 10 du règlement du plan local d'urbanisme relatif à la hauteur",
        "l'avis de l'architecte des bâtiments de France n'a pas été recueilli",
        "le projet porte atteinte au caractère des lieux avoisinants en méconnaissance de l'article R. 111-27",
        "l'enquête publique a été irrégulière, le commissaire enquêteur n'ayant pas motivé ses conclusions",
        "le classement en zone naturelle est entaché d'erreur manifeste d'appréciation",
        "le projet ne respecte pas les règles de stationnement du plan local d'urbanisme",
    ),
    "étrangers": (
        "la décision est insuffisamment motivée en fait et en droit",
        "le préfet n'a pas procédé à un examen particulier de ma situation personnelle",
        "la décision méconnaît l'article 8 de la convention européenne des droits de l'homme",
        "la décision méconnaît l'intérêt supérieur de mes enfants protégé par l'article 3-1 de la convention de New York",
        "le préfet s'est cru à tort lié par l'avis du collège de médecins de l'OFII",
        "je n'ai pas été mis à même de présenter mes observations avant l'édiction de la mesure",
        "la décision fixant le pays de renvoi méconnaît l'article 3 de la convention européenne des droits de l'homme",
    ),
    "fonction publique": (
        "le décret méconnaît le principe d'égalité de traitement entre agents d'un même corps",
        "le comité social d'administration n'a pas été régulièrement consulté",
        "le texte a un effet rétroactif illégal",
        "les critères retenus sont étrangers à la valeur professionnelle des agents",
        "la mesure constitue une sanction déguisée",
        "le ministre a commis une erreur de droit dans l'application du statut particulier",
    ),
    "fiscal": (
        "la procédure de rectification est irrégulière faute de réponse aux observations du contribuable",
        "la délibération fixant le taux est entachée d'erreur manifeste, le produit excédant le coût du service",
        "la valeur locative a été déterminée par comparaison avec un local de référence inadapté",
        "la proposition de rectification est insuffisamment motivée",
        "l'administration a méconnu la doctrine administrative opposable publiée au BOFiP",
    ),
    "environnement": (
        "l'étude d'impact est insuffisante s'agissant des effets sur l'avifaune et les chiroptères",
        "l'autorité environnementale ne disposait pas d'une autonomie réelle",
        "le projet porte atteinte aux paysages et au patrimoine en méconnaissance de l'article L. 511-1 du code de l'environnement",
        "les conditions de la dérogation à l'interdiction de destruction d'espèces protégées ne sont pas remplies",
        "les capacités financières de l'exploitant ne sont pas démontrées",
        "le projet méconnaît le schéma directeur d'aménagement et de gestion des eaux",
    ),
    "police administrative": (
        "la mesure n'est pas nécessaire, adaptée et proportionnée à l'objectif de sauvegarde de l'ordre public",
        "l'interdiction est générale et absolue",
        "la mesure porte une atteinte disproportionnée à la liberté du commerce et de l'industrie",
        "la décision n'a pas été précédée d'une procédure contradictoire",
        "l'auteur de l'acte n'était pas compétent",
    ),
    "marchés publics": (
        "les critères de sélection des offres n'ont pas été portés à la connaissance des candidats",
        "l'offre de l'attributaire était anormalement basse",
        "le pouvoir adjudicateur a manqué à ses obligations de publicité et de mise en concurrence",
        "la méthode de notation a privé de portée le critère du prix",
    ),
}

CONCLUSIONS = (
    "annuler {acte}",
    "annuler pour excès de pouvoir {acte}",
    "suspendre l'exécution de {acte} sur le fondement de l'article L. 521-1 du code de justice administrative",
    "annuler {acte} et enjoindre à l'administration de réexaminer la situation dans un délai d'un mois",
    "prononcer la décharge des impositions résultant de {acte}",
    "condamner l'administration à verser une indemnité en réparation du préjudice causé par {acte}",
)
FRAIS = (
    "et de mettre à la charge de l'État la somme de 1 500 euros au titre de l'article L. 761-1 du code de justice administrative",
    "et de mettre à la charge de la commune la somme de 3 000 euros au titre de l'article L. 761-1 du code de justice administrative",
    "et de condamner la partie défenderesse aux dépens",
    "",
)
DEMANDEURS = (
    "{civilite} {nom} demande au tribunal de",
    "Par une requête enregistrée le {jour}, {civilite} {nom} demande au tribunal de",
    "{civilite} {nom}, représenté par Me {avocat}, demande au tribunal :",
    "L'association de défense du cadre de vie, représentée par {civilite} {nom}, demande au tribunal de",
    "{civilite} {nom} et autres demandent au tribunal de",
)
INTRO_MOYENS = ("Il soutient que", "Le requérant soutient que", "À l'appui de sa requête, il fait valoir que", "Il est soutenu que", "")
ABREVIATIONS = {
    "article": "art.", "tribunal administratif": "TA", "code de justice administrative": "CJA",
    "convention européenne des droits de l'homme": "CEDH", "plan local d'urbanisme": "PLU",
    "obligation de quitter le territoire français": "OQTF", "décision": "déc.", "préfet": "préfet",
}
