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

# Legal questions that give rise to series. A series is one question raised by many claimants, most often against
# their own individual act (each OQTF, each tax notice has its own date and number): what the filings share is the
# ground, worded by each lawyer from a few model petitions, and the collective instrument it attacks (a delegation
# of signature, a deliberation fixing a rate, a plan), named with its place and date. A few questions are the
# classic mass litigation against one collective act (`collective`: every filing contests the same act).
# Slots: {departement} {ville} the series' place; {date_i} {annee} {numero_i} the instrument; {date} {numero} the
# filing's own act; {corps} {objet_marche} drawn per series. Several questions are raised against the same kinds of
# act (an OQTF may be attacked for its signatory, the medical opinion or the resources required): the act's kind
# does not tell the question.
QUESTIONS = {
    "etrangers.delegation_signature": {
        "matiere": "étrangers",
        "acte": ("l'arrêté n° {numero} du préfet de {departement} du {date} portant obligation de quitter le territoire français sans délai", "l'arrêté du préfet de {departement} du {date} refusant un titre de séjour et portant obligation de quitter le territoire français", "l'arrêté du préfet de {departement} du {date} portant assignation à résidence pour une durée de quarante-cinq jours"),
        "moyens": (
            "le signataire de l'arrêté ne justifie d'aucune délégation régulière, l'arrêté du {date_i} portant délégation de signature n'ayant pas été publié au recueil des actes administratifs de la préfecture de {departement}",
            "l'arrêté a été signé par une autorité incompétente : la délégation consentie le {date_i} par le préfet de {departement} ne vise pas les mesures d'éloignement",
            "incompétence du signataire, la délégation de signature du {date_i} (préfecture de {departement}) n'ayant jamais été publiée",
        ),
    },
    "etrangers.avis_ofii": {
        "matiere": "étrangers",
        "acte": ("la décision du préfet de {departement} du {date} refusant la délivrance d'un titre de séjour pour raison de santé", "l'arrêté du préfet de {departement} du {date} refusant un titre de séjour et portant obligation de quitter le territoire français"),
        "moyens": (
            "l'avis du collège de médecins de l'OFII de {ville} n'a pas été rendu au terme d'une délibération collégiale, les trois médecins ayant signé à des dates différentes",
            "le collège des médecins de l'Office français de l'immigration et de l'intégration siégeant à {ville} n'a pas délibéré collégialement, en méconnaissance de l'article R. 425-13 du CESEDA",
            "irrégularité de l'avis médical émis à {ville} : aucune délibération collégiale du collège de l'OFII, signatures électroniques apposées séparément",
        ),
    },
    "etrangers.assignation_pointage": {
        "matiere": "étrangers",
        "acte": ("l'arrêté du préfet de {departement} du {date} portant assignation à résidence pour une durée de quarante-cinq jours", "l'arrêté n° {numero} du préfet de {departement} du {date} portant obligation de quitter le territoire français sans délai"),
        "moyens": (
            "l'obligation de se présenter chaque jour à l'hôtel de police de {ville}, distant de plus de trente kilomètres, est disproportionnée",
            "les modalités de pointage quotidien au commissariat de {ville} sont excessives au regard de l'absence de transport en commun",
            "l'obligation de présentation quotidienne à {ville} porte une atteinte disproportionnée à la liberté d'aller et venir",
        ),
    },
    "etrangers.ressources_etudiant": {
        "matiere": "étrangers",
        "acte": ("la décision du préfet de {departement} du {date} refusant le renouvellement d'un titre de séjour portant la mention étudiant", "l'arrêté du préfet de {departement} du {date} refusant un titre de séjour et portant obligation de quitter le territoire français"),
        "moyens": (
            "l'instruction du {date_i} exigeant des ressources mensuelles de 615 euros ajoute illégalement une condition à l'article L. 422-1 du CESEDA",
            "le préfet a fait application de la circulaire du {date_i} relative au niveau de ressources des étudiants, dépourvue de base légale",
            "la condition de ressources fixée par l'instruction ministérielle du {date_i} est illégale et ne pouvait fonder le refus",
        ),
    },
    "fiscal.taux_teom": {
        "matiere": "fiscal",
        "acte": ("l'avis d'imposition n° {numero} de taxe foncière {annee} comprenant la taxe d'enlèvement des ordures ménagères pour un bien situé à {ville}", "l'avis d'imposition n° {numero} de taxe foncière {annee} pour un bien situé à {ville}"),
        "moyens": (
            "la délibération du {date_i} fixant le taux de la taxe d'enlèvement des ordures ménagères de {ville} est illégale, le produit de la taxe excédant manifestement le coût du service",
            "le taux de TEOM voté le {date_i} par {ville} est disproportionné, les recettes couvrant bien plus que les dépenses de collecte et de traitement des déchets",
            "exception d'illégalité de la délibération du {date_i} (TEOM, {ville}) : un produit sans rapport avec le coût du service rendu",
        ),
    },
    "fiscal.base_minimum_cfe": {
        "matiere": "fiscal",
        "acte": "l'avis de cotisation foncière des entreprises {annee} n° {numero} émis pour un établissement situé à {ville}",
        "moyens": (
            "la délibération du {date_i} fixant la base minimum de cotisation foncière des entreprises à {ville} a été adoptée après le 1er octobre et ne pouvait s'appliquer dès l'année suivante",
            "la base minimum de CFE retenue à {ville} résulte d'une délibération du {date_i} tardive au regard de l'article 1639 A bis du code général des impôts",
            "la délibération du conseil de {ville} du {date_i} relative à la base minimum est entachée d'illégalité faute d'avoir été prise avant le 1er octobre",
        ),
    },
    "fiscal.majoration_residence_secondaire": {
        "matiere": "fiscal",
        "acte": "l'avis de taxe d'habitation sur les résidences secondaires {annee} n° {numero} pour un logement situé à {ville}",
        "moyens": (
            "la majoration de 60 % votée le {date_i} par le conseil municipal de {ville} est illégale, la commune n'étant pas située en zone tendue au sens du décret",
            "la délibération du {date_i} instituant à {ville} la majoration de la cotisation de taxe d'habitation des résidences secondaires méconnaît l'article 1407 ter du code général des impôts",
            "exception d'illégalité de la majoration de taxe d'habitation décidée par {ville} le {date_i} : commune hors zone d'urbanisation continue",
        ),
    },
    "fiscal.local_reference": {
        "matiere": "fiscal",
        "acte": ("l'avis de taxe foncière {annee} n° {numero} relatif à un local commercial situé à {ville}", "l'avis d'imposition n° {numero} de taxe foncière {annee} pour un bien situé à {ville}"),
        "moyens": (
            "le local-type n° {numero_i} du procès-verbal des opérations de révision de {ville} ayant été détruit, il ne pouvait servir de terme de comparaison pour la valeur locative",
            "la valeur locative a été fixée par comparaison avec le local de référence n° {numero_i} de {ville}, qui n'existait plus au 1er janvier 1970",
            "le terme de comparaison retenu, le local n° {numero_i} inscrit au procès-verbal de {ville}, est inadapté et a disparu",
        ),
    },
    "urbanisme.exception_plu": {
        "matiere": "urbanisme",
        "acte": ("l'arrêté du maire de {ville} du {date} refusant le permis de construire n° PC {numero}", "l'arrêté du maire de {ville} du {date} refusant le permis d'aménager n° PA {numero}"),
        "moyens": (
            "le refus se fonde sur le plan local d'urbanisme de {ville} approuvé le {date_i}, lui-même illégal faute d'évaluation environnementale",
            "par la voie de l'exception, le PLU de {ville} adopté le {date_i} est illégal, l'évaluation environnementale requise n'ayant pas été réalisée",
            "illégalité du plan local d'urbanisme approuvé par {ville} le {date_i} : absence d'évaluation environnementale, le refus est dépourvu de base légale",
        ),
    },
    "urbanisme.abords_abf": {
        "matiere": "urbanisme",
        "acte": "l'arrêté du maire de {ville} du {date} s'opposant à la déclaration préalable n° DP {numero} pour la pose de panneaux photovoltaïques",
        "moyens": (
            "l'avis conforme de l'architecte des bâtiments de France repose sur le périmètre délimité des abords de {ville} créé le {date_i}, jamais soumis à enquête publique",
            "le périmètre des abords des monuments historiques de {ville} arrêté le {date_i} est irrégulier, de sorte que l'avis de l'ABF ne liait pas le maire",
            "l'opposition est fondée sur un avis de l'architecte des bâtiments de France rendu au titre d'un périmètre délimité des abords ({ville}, {date_i}) illégalement créé",
        ),
    },
    "urbanisme.ppri": {
        "matiere": "urbanisme",
        "acte": ("l'arrêté du maire de {ville} du {date} refusant le permis d'aménager n° PA {numero}", "l'arrêté du maire de {ville} du {date} refusant le permis de construire n° PC {numero}"),
        "moyens": (
            "le classement en zone rouge par le plan de prévention des risques d'inondation de {ville} approuvé le {date_i} repose sur une cartographie erronée des hauteurs d'eau",
            "le PPRI de {ville} du {date_i} est entaché d'erreur manifeste d'appréciation, la crue de référence ayant été surestimée",
            "illégalité du plan de prévention des risques naturels d'inondation approuvé le {date_i} pour {ville} : modélisation hydraulique erronée",
        ),
    },
    "fonction_publique.rifseep": {
        "matiere": "fonction publique",
        "acte": "la décision n° {numero} du {date} du recteur de l'académie de {ville} fixant le montant de l'indemnité de fonctions, de sujétions et d'expertise de l'agent",
        "moyens": (
            "l'arrêté du {date_i} portant application du RIFSEEP aux {corps} méconnaît le principe d'égalité de traitement en réservant les groupes de fonctions supérieurs aux agents de l'administration centrale",
            "la répartition en groupes de fonctions fixée le {date_i} pour les {corps} crée une différence de traitement sans rapport avec les fonctions exercées",
            "exception d'illégalité de l'arrêté du {date_i} relatif au régime indemnitaire des {corps} : rupture d'égalité entre agents d'un même corps",
        ),
    },
    "fonction_publique.bareme_mutation": {
        "matiere": "fonction publique",
        "acte": "la décision du {date} rejetant la demande de mutation n° {numero} présentée au titre du mouvement {annee}",
        "moyens": (
            "la note de service du {date_i} relative aux mutations des {corps} fixe un barème de points qui n'a pas été soumis au comité social d'administration",
            "les lignes directrices de gestion du {date_i} applicables aux {corps} ont été adoptées sans consultation régulière du comité social d'administration",
            "le barème fixé le {date_i} pour le mouvement des {corps} est irrégulier faute d'avis préalable du comité social d'administration",
        ),
    },
    "fonction_publique.suspension_hopital": {
        "matiere": "fonction publique",
        "acte": "la décision du directeur du centre hospitalier de {ville} du {date} portant suspension de fonctions sans rémunération",
        "moyens": (
            "la note du directeur du centre hospitalier de {ville} du {date_i} étend la suspension sans traitement à des agents qui n'exercent aucune activité de soins",
            "la suspension se fonde sur la note de service de l'hôpital de {ville} du {date_i}, qui ajoute illégalement à la loi en visant les personnels administratifs",
            "exception d'illégalité de la note du {date_i} du centre hospitalier de {ville} : le champ de l'obligation a été étendu sans base légale",
        ),
    },
    "police.forfait_post_stationnement": {
        "matiere": "police administrative",
        "acte": "l'avis de paiement du forfait post-stationnement n° {numero} du {date} émis par la ville de {ville}",
        "moyens": (
            "la délibération du {date_i} du conseil municipal de {ville} fixant le barème du forfait post-stationnement n'a pas été régulièrement publiée",
            "le montant du FPS résulte d'une délibération de {ville} du {date_i} jamais rendue exécutoire faute de publication",
            "le barème tarifaire du stationnement payant voté le {date_i} par {ville} n'était pas opposable, n'ayant pas été affiché",
        ),
    },
    "police.fermeture_decret": {
        "matiere": "police administrative",
        "acte": "l'arrêté du préfet de {departement} du {date} portant fermeture administrative de l'établissement n° {numero}",
        "moyens": (
            "le décret n° {annee}-{numero_i} du {date_i} sur lequel se fonde la fermeture porte une atteinte disproportionnée à la liberté du commerce et de l'industrie",
            "la fermeture applique le décret du {date_i} n° {annee}-{numero_i}, dont les interdictions générales et absolues ne sont pas proportionnées",
            "exception d'illégalité du décret n° {annee}-{numero_i} du {date_i} : mesure ni nécessaire ni adaptée à la sauvegarde de l'ordre public",
        ),
    },
    "environnement.eolien": {
        "matiere": "environnement",
        "collective": True,
        "acte": "l'arrêté du préfet de {departement} du {date_i} autorisant l'exploitation d'un parc éolien de six aérogénérateurs à {ville}",
        "moyens": (
            "l'étude d'impact du parc éolien de {ville} sous-estime les effets sur l'avifaune et les chiroptères",
            "l'insuffisance de l'étude d'impact du projet éolien de {ville}, s'agissant des oiseaux migrateurs, a nui à l'information du public",
            "le projet de {ville} méconnaît l'article L. 511-1 du code de l'environnement, les effets sur les chauves-souris ayant été minorés",
        ),
    },
    "environnement.loup": {
        "matiere": "environnement",
        "collective": True,
        "acte": "l'arrêté du préfet de {departement} du {date_i} autorisant des tirs de défense renforcée contre le loup",
        "moyens": (
            "les conditions de la dérogation à l'interdiction de destruction d'une espèce protégée ne sont pas remplies en {departement}, faute de dommages importants",
            "l'arrêté du {date_i} méconnaît l'article L. 411-2 du code de l'environnement, l'absence d'autre solution satisfaisante n'étant pas établie",
            "le préfet de {departement} n'a pas démontré que les tirs ne nuiraient pas à l'état de conservation favorable de la population de loups",
        ),
    },
    "marches.notation_prix": {
        "matiere": "marchés publics",
        "collective": True,
        "acte": "la décision du {date_i} de la commune de {ville} attribuant le marché de {objet_marche}",
        "moyens": (
            "la méthode de notation du marché de {objet_marche} de {ville} a privé de portée le critère du prix",
            "la formule de notation retenue par {ville} neutralise l'écart entre les prix des offres pour le marché de {objet_marche}",
            "le critère du prix, pondéré à 40 %, a été vidé de sa portée par la méthode de notation de {ville}",
        ),
    },
}
