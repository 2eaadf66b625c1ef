"""Phrase banks of ASN follow-up letters (lettres de suite): what inspectors saw and what they ask, per topic.

Wording follows the letters ASN publishes on asn.fr: "Les inspecteurs ont constaté que…", "Je vous demande de…",
"Je vous demande de me transmettre…". `{rp}` becomes "PCR" (personne compétente en radioprotection) before July 2019
and more and more "CRP" (conseiller en radioprotection, décret 2018-437) after: a vocabulary drift.
"""

from __future__ import annotations

# topic: (findings, corrective actions asked, documents asked, observations)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "radioprotection": (
        (
            "le zonage radiologique affiché à l'entrée de la salle ne correspondait pas à l'étude de zonage en vigueur",
            "plusieurs travailleurs classés ne portaient pas leur dosimètre opérationnel en zone contrôlée",
            "la vérification périodique des sources scellées n'avait pas été réalisée depuis 2 ans",
            "les évaluations individuelles de l'exposition aux rayonnements ionisants n'étaient pas à jour",
            "le {rp} n'avait pas été consulté lors de la modification du poste de travail",
            "la signalisation lumineuse d'émission de rayons X était hors service",
            "les résultats de la dosimétrie passive n'étaient pas consultés par le {rp}",
            "la formation à la radioprotection des travailleurs datait de plus de 3 ans pour 4 agents",
            "les niveaux de référence diagnostiques n'avaient pas été relevés pour les actes les plus courants",
        ),
        (
            "mettre à jour l'étude de zonage et la signalisation des zones délimitées",
            "veiller au port systématique de la dosimétrie à lecture différée et opérationnelle en zone",
            "réaliser sans délai les vérifications périodiques des sources et des appareils émetteurs",
            "compléter les évaluations individuelles d'exposition des travailleurs classés",
            "associer le {rp} à toute modification des installations émettrices de rayonnements ionisants",
            "organiser le renouvellement de la formation à la radioprotection des travailleurs",
        ),
        (
            "l'étude de zonage révisée", "le plan d'organisation de la radioprotection",
            "les derniers rapports de vérification des appareils", "la liste des travailleurs classés et leur suivi dosimétrique",
        ),
        (
            "le suivi dosimétrique des travailleurs est globalement bien tenu",
            "la démarche d'optimisation des doses délivrées aux patients mériterait d'être formalisée",
            "l'implication du {rp} dans l'analyse des postes de travail est satisfaisante",
        ),
    ),
    "incendie": (
        (
            "le permis de feu délivré pour les travaux de découpe ne mentionnait pas les moyens d'extinction",
            "une porte coupe-feu du local des armoires électriques était maintenue ouverte par une cale",
            "des entreposages de matières combustibles encombraient un local à risque d'incendie",
            "les extincteurs du bâtiment n'avaient pas fait l'objet de la vérification annuelle",
            "l'exercice incendie prévu au programme annuel n'avait pas été réalisé",
            "la charge calorifique du local dépassait la valeur retenue dans l'analyse de risque incendie",
            "le détecteur incendie de la gaine de ventilation était inhibé sans justification",
        ),
        (
            "maintenir fermées les portes coupe-feu et en vérifier le bon fonctionnement",
            "limiter les entreposages de matières combustibles aux zones prévues à cet effet",
            "compléter les permis de feu avec les mesures de prévention et les moyens d'extinction",
            "réaliser les exercices de lutte contre l'incendie prévus et en tirer le retour d'expérience",
            "rétablir la détection incendie et analyser les causes de son inhibition",
        ),
        (
            "le bilan des exercices incendie de l'année", "l'analyse de la charge calorifique du local",
            "les rapports de vérification des moyens de lutte contre l'incendie",
        ),
        (
            "la sectorisation incendie du bâtiment a été jugée satisfaisante",
            "les équipes de seconde intervention connaissent bien les cheminements d'accès",
        ),
    ),
    "confinement": (
        (
            "la dépression de la cellule blindée n'était pas surveillée en continu",
            "un joint de la boîte à gants présentait une usure visible non tracée",
            "les filtres THE du réseau de ventilation n'avaient pas été contrôlés à la fréquence requise",
            "une traversée de la deuxième barrière de confinement n'était pas obturée",
            "le taux de fuite de l'enceinte de confinement mesuré dépassait le critère du chapitre IX",
            "les alarmes de perte de dépression renvoyées en salle de commande n'étaient pas toutes testées",
        ),
        (
            "rétablir l'étanchéité des traversées de la barrière de confinement",
            "contrôler les filtres THE selon la périodicité prévue par les règles générales d'exploitation",
            "assurer la surveillance en continu de la dépression des enceintes",
            "remplacer les joints usés des boîtes à gants et tracer leur état",
        ),
        (
            "les résultats des derniers essais d'efficacité des filtres THE", "le plan de surveillance des dépressions",
            "l'analyse de l'écart de taux de fuite de l'enceinte",
        ),
        (
            "la cartographie des dépressions du bâtiment est tenue à jour",
            "les essais périodiques du confinement dynamique sont correctement tracés",
        ),
    ),
    "déchets": (
        (
            "des fûts de déchets radioactifs étaient entreposés hors de l'aire prévue sans étiquetage",
            "le zonage déchets de l'installation n'avait pas été mis à jour après les travaux",
            "des sources scellées périmées étaient toujours détenues sans demande de reprise",
            "la traçabilité des déchets contaminés issus du chantier n'était pas assurée",
            "les effluents liquides contaminés étaient stockés dans des cuves sans contrôle de niveau",
            "le registre des déchets produits dans les zones à production possible de déchets nucléaires était incomplet",
        ),
        (
            "étiqueter et évacuer les colis de déchets vers l'aire d'entreposage prévue",
            "mettre à jour le zonage déchets de l'installation",
            "engager la reprise des sources scellées périmées par leur fournisseur",
            "assurer la traçabilité complète des déchets produits jusqu'à leur filière d'élimination",
        ),
        (
            "le plan de gestion des déchets et effluents", "l'inventaire des sources scellées détenues",
            "le bilan annuel des déchets produits",
        ),
        (
            "la gestion des déchets à vie courte en décroissance est bien organisée",
            "le tri des déchets en sortie de zone est respecté",
        ),
    ),
    "facteurs organisationnels et humains": (
        (
            "les intervenants n'avaient pas été informés de la modification du mode opératoire",
            "la charge de travail de l'équipe de quart n'avait pas été analysée lors de la réorganisation",
            "l'analyse de l'événement significatif ne traitait pas des causes organisationnelles",
            "la relève entre les équipes n'était pas formalisée pour les activités en cours",
            "les habilitations des intervenants prestataires n'étaient pas vérifiées avant leur intervention",
            "la gestion des compétences ne permettait pas d'identifier les postes en tension",
        ),
        (
            "formaliser la relève et la transmission d'informations entre équipes",
            "intégrer l'analyse des facteurs organisationnels et humains aux analyses d'événements",
            "évaluer l'impact de la réorganisation sur la charge de travail des équipes",
            "vérifier les habilitations et la formation des intervenants avant toute activité sensible",
        ),
        (
            "l'analyse d'impact organisationnel de la réorganisation", "le plan de gestion des compétences",
            "l'analyse approfondie de l'événement significatif",
        ),
        (
            "la culture de sûreté des équipes rencontrées est apparue satisfaisante",
            "le recours à la pratique de fiabilisation des interventions mériterait d'être généralisé",
        ),
    ),
    "maintenance": (
        (
            "le programme de maintenance préventive de la pompe de secours n'avait pas été respecté",
            "des essais périodiques d'un matériel important pour la protection étaient en retard",
            "les gammes de maintenance ne reprenaient pas les préconisations du constructeur",
            "la requalification après intervention sur la vanne n'avait pas été tracée",
            "des pièces de rechange non qualifiées avaient été utilisées lors de l'intervention",
            "la surveillance du prestataire chargé de la maintenance n'était pas formalisée",
        ),
        (
            "respecter le programme de maintenance préventive des équipements importants pour la protection",
            "réaliser les essais périodiques en retard et en analyser les causes",
            "tracer la requalification de chaque matériel après intervention",
            "mettre en place une surveillance formalisée des prestataires de maintenance",
        ),
        (
            "le programme de maintenance de l'année", "les comptes rendus d'essais périodiques",
            "le plan de surveillance des prestataires",
        ),
        (
            "le suivi des demandes de travaux est rigoureux",
            "l'état général des matériels visités est satisfaisant",
        ),
    ),
    "transport": (
        (
            "le colis de matières radioactives expédié ne portait pas les étiquettes de catégorie requises",
            "le document de transport ne mentionnait pas l'indice de transport du colis",
            "le conseiller à la sécurité pour le transport de marchandises dangereuses n'avait pas été désigné",
            "l'arrimage des colis dans le véhicule n'était pas vérifié avant le départ",
            "les mesures de débit de dose au contact du colis n'étaient pas enregistrées",
        ),
        (
            "étiqueter les colis conformément à l'ADR",
            "désigner un conseiller à la sécurité pour le transport",
            "vérifier et tracer l'arrimage et les débits de dose avant chaque expédition",
        ),
        (
            "le programme de protection radiologique pour le transport", "les documents de transport des dernières expéditions",
        ),
        (
            "les procédures d'expédition des colis sont claires et connues des opérateurs",
        ),
    ),
    "rejets et environnement": (
        (
            "le registre des rejets d'effluents gazeux ne comportait pas les résultats du dernier trimestre",
            "les prélèvements d'eau dans l'environnement n'avaient pas été réalisés aux points prévus",
            "la station de surveillance de l'air était en panne depuis plusieurs semaines",
            "les limites de rejet fixées par la décision de l'ASN n'étaient pas reprises dans les consignes",
        ),
        (
            "tenir à jour le registre des rejets et les transmettre dans les délais",
            "réaliser les prélèvements environnementaux aux points et fréquences prescrits",
            "remettre en service la station de surveillance de l'air",
        ),
        (
            "le bilan des rejets du trimestre", "le programme de surveillance de l'environnement",
        ),
        (
            "la surveillance de la nappe est correctement assurée",
        ),
    ),
    "gestion des écarts": (
        (
            "plusieurs écarts relevés lors des contrôles n'avaient pas été ouverts dans l'outil de gestion des écarts",
            "le délai de déclaration de l'événement significatif à l'ASN n'avait pas été respecté",
            "les actions correctives de l'écart n'avaient pas de date d'échéance",
            "le traitement de l'écart avait été clos sans vérification de l'efficacité des actions",
        ),
        (
            "ouvrir un écart pour chaque non-conformité constatée et en assurer le suivi",
            "déclarer les événements significatifs dans les délais prévus par le guide de l'ASN",
            "vérifier l'efficacité des actions correctives avant de solder les écarts",
        ),
        (
            "l'état des écarts ouverts et leur échéancier", "le compte rendu d'événement significatif",
        ),
        (
            "le traitement des écarts est globalement réactif",
        ),
    ),
}

OPENINGS = (
    "Les inspecteurs ont constaté que", "Lors de la visite, les inspecteurs ont relevé que", "Il a été constaté que",
    "Les inspecteurs ont noté que", "Au cours de l'inspection, il est apparu que", "Les inspecteurs ont observé que",
)
CONTEXT = (
    "", "", "", "Ce constat avait déjà été relevé lors de l'inspection précédente.",
    "Cette situation constitue un écart à la réglementation.", "L'exploitant s'est engagé à corriger cette situation.",
    "Ce point a été évoqué lors de la réunion de synthèse.",
)
REMINDERS = (
    "", "", "Conformément à l'article R. 4451-64 du code du travail,", "En application de l'arrêté du 7 février 2012,",
    "Conformément à vos règles générales d'exploitation,", "En application de la décision de l'ASN applicable,",
)
ASK_ACTION = ("Je vous demande de", "Je vous demande de nouveau de", "Je vous demande, sous un mois, de")
ASK_DOCUMENT = (
    "Je vous demande de me transmettre", "Je vous demande de me faire parvenir", "Je vous demande de m'adresser",
)
OBSERVE = ("Observation :", "Les inspecteurs ont noté que", "Il a été noté que", "")
# Words that carry no topic: an inspection letter is also a letter.
FILLER = (
    "", "", "", "Les inspecteurs ont pu échanger avec les équipes présentes.",
    "Vous m'indiquerez les dispositions retenues.", "Vous préciserez l'échéance de mise en oeuvre.",
)
ABBREVIATIONS = {
    "rayonnements ionisants": "RI", "équipements importants pour la protection": "EIP", "radioprotection": "RP",
    "événement significatif": "ESR", "décision de l'ASN": "décision ASN", "filtres THE": "filtres THE",
}
# How the inspectors who follow a site word things: each site keeps one rendering of each entry (or the plain word),
# so that the letters of a site never seen in training use words the training letters use less or not at all.
DRAFTING = {
    "les inspecteurs": ("l'équipe d'inspection", "les inspecteurs de l'ASN", "les représentants de l'ASN"),
    "Les inspecteurs": ("L'équipe d'inspection", "Les inspecteurs de l'ASN", "Les représentants de l'ASN"),
    "constaté": ("relevé", "observé", "mis en évidence"),
    "travailleurs": ("salariés", "agents", "personnels"),
    "vérification": ("contrôle",),
    "vérifications": ("contrôles",),
    "local": ("salle", "pièce"),
    "réalisé": ("effectué", "mené", "conduit"),
    "réaliser": ("effectuer", "mener"),
    "mettre à jour": ("actualiser", "réviser"),
    "compléter": ("enrichir", "préciser"),
    "transmettre": ("communiquer", "envoyer"),
    "analyse": ("étude", "examen"),
    "procédure": ("mode opératoire", "consigne"),
    "exploitant": ("titulaire de l'autorisation", "responsable de l'activité", "licencié"),
    "sans délai": ("dans les meilleurs délais", "au plus vite"),
    "n'avait pas été": ("n'était pas", "n'a pas été"),
    "programme": ("plan", "planning"),
    "formation": ("sensibilisation", "formation réglementaire"),
    "équipements": ("matériels", "dispositifs"),
}
