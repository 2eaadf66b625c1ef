"""Legal questions the synthetic case law is about, and the phrase banks that write decisions on them.

Each question has its chamber, the keyword sequence (titrage) the documentation service gives it, the article it
turns on, and how a court of appeal states the facts in plain words (which rarely use the titrage's vocabulary).
Decisions are pseudonymised at the source, as Judilibre publishes them: parties are "M. [X]", "la société [R]".
"""

from __future__ import annotations

# name: (chamber, titrage, article, plain statements of the facts by a court of appeal)
QUESTIONS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "faute_grave_abandon_poste": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, RUPTURE - Licenciement - Faute grave - Abandon de poste",
        "article L. 1234-1 du code du travail",
        ("le salarié ne s'est plus présenté à son travail pendant trois semaines sans justificatif",
         "l'employé a quitté son poste et n'est jamais revenu malgré deux mises en demeure"),
    ),
    "heures_sup_preuve": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, EXECUTION - Salaire - Heures supplémentaires - Preuve - Charge",
        "article L. 3171-4 du code du travail",
        ("la salariée produit un décompte de ses horaires que l'employeur conteste sans fournir ses propres relevés",
         "le salarié réclame le paiement d'heures effectuées au-delà de 35 heures en produisant un tableau"),
    ),
    "teletravail_frais": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, EXECUTION - Télétravail - Frais professionnels - Remboursement",
        "article L. 1222-10 du code du travail",
        ("la salariée travaillant depuis son domicile demande le remboursement de ses frais de connexion et de chauffage",
         "l'employée à distance réclame une indemnité pour l'occupation de son logement à des fins professionnelles"),
    ),
    "harcelement_moral_preuve": (
        "Chambre sociale", "TRAVAIL REGLEMENTATION, SANTE ET SECURITE - Harcèlement moral - Preuve - Éléments laissant supposer",
        "article L. 1154-1 du code du travail",
        ("le salarié produit des certificats médicaux et des courriels de son supérieur le dénigrant devant ses collègues",
         "la salariée fait état de brimades répétées et d'un isolement organisé par sa responsable"),
    ),
    "clause_non_concurrence": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, RUPTURE - Clause de non-concurrence - Contrepartie financière - Défaut",
        "article L. 1121-1 du code du travail",
        ("l'ancien commercial s'est engagé à ne pas travailler pour un concurrent sans percevoir aucune indemnité",
         "la clause interdisant à l'employé de s'installer dans la région ne prévoit aucune compensation"),
    ),
    "rupture_conventionnelle_vice": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, RUPTURE - Rupture conventionnelle - Consentement - Vice - Violence morale",
        "article L. 1237-11 du code du travail",
        ("la salariée a signé la convention de rupture dans un contexte de pressions de sa direction",
         "l'employé soutient avoir accepté la rupture d'un commun accord sous la menace d'un licenciement"),
    ),
    "bail_trouble_jouissance": (
        "Troisième chambre civile", "BAIL D'HABITATION - Bailleur - Obligations - Jouissance paisible - Trouble causé par un autre locataire",
        "article 1719 du code civil",
        ("le locataire se plaint des nuisances sonores répétées causées par son voisin de palier, locataire du même propriétaire",
         "les occupants de l'appartement subissent des bruits nocturnes provenant d'un logement voisin appartenant au même bailleur"),
    ),
    "vice_cache_immobilier": (
        "Troisième chambre civile", "VENTE - Garantie - Vices cachés - Clause d'exclusion - Vendeur professionnel",
        "article 1643 du code civil",
        ("les acquéreurs découvrent des infiltrations d'eau dans la maison achetée à un marchand de biens",
         "après l'achat, la charpente s'avère attaquée par la mérule alors que l'acte exclut toute garantie"),
    ),
    "copropriete_travaux_parties_communes": (
        "Troisième chambre civile", "COPROPRIETE - Parties communes - Travaux - Autorisation de l'assemblée générale - Défaut",
        "article 25 de la loi du 10 juillet 1965",
        ("un copropriétaire a percé le mur de l'immeuble pour installer une climatisation sans l'accord des autres",
         "des travaux de véranda empiétant sur la cour commune ont été réalisés sans vote du syndicat"),
    ),
    "construction_decennale": (
        "Troisième chambre civile", "ARCHITECTE ENTREPRENEUR - Responsabilité - Garantie décennale - Impropriété à la destination",
        "article 1792 du code civil",
        ("des fissures importantes rendent la maison neuve inhabitable quatre ans après la réception",
         "le carrelage du rez-de-chaussée se soulève et le plancher chauffant ne fonctionne plus"),
    ),
    "responsabilite_medicale_information": (
        "Première chambre civile", "SANTE PUBLIQUE - Médecin - Obligation d'information - Risques de l'intervention - Perte de chance",
        "article L. 1111-2 du code de la santé publique",
        ("le patient n'a pas été averti du risque de paralysie avant son opération du dos",
         "la patiente reproche au chirurgien de ne pas l'avoir prévenue des complications possibles de l'intervention"),
    ),
    "credit_consommation_forclusion": (
        "Première chambre civile", "PROTECTION DES CONSOMMATEURS - Crédit à la consommation - Action en paiement - Forclusion - Point de départ",
        "article R. 312-35 du code de la consommation",
        ("la banque réclame le remboursement du prêt plus de deux ans après la première échéance impayée",
         "l'organisme de crédit agit contre l'emprunteur longtemps après le premier incident de paiement"),
    ),
    "clause_abusive_pret_devises": (
        "Première chambre civile", "PROTECTION DES CONSOMMATEURS - Clauses abusives - Prêt libellé en devises - Risque de change",
        "article L. 212-1 du code de la consommation",
        ("les emprunteurs ont souscrit un prêt remboursable en francs suisses dont les mensualités ont explosé",
         "le crédit immobilier indexé sur une monnaie étrangère a fait doubler le capital restant dû"),
    ),
    "divorce_prestation_compensatoire": (
        "Première chambre civile", "DIVORCE, SEPARATION DE CORPS - Prestation compensatoire - Disparité - Appréciation - Durée du mariage",
        "article 271 du code civil",
        ("l'épouse a cessé de travailler pendant vingt ans pour élever les enfants et demande une compensation",
         "après une longue union, le mari dispose de revenus trois fois supérieurs à ceux de sa femme"),
    ),
    "accident_circulation_faute_victime": (
        "Deuxième chambre civile", "ACCIDENT DE LA CIRCULATION - Indemnisation - Victime conductrice - Faute - Limitation",
        "article 4 de la loi du 5 juillet 1985",
        ("le motard blessé circulait sans casque et à vive allure lorsque la voiture lui a coupé la route",
         "le cycliste percuté par un camion roulait sans éclairage de nuit"),
    ),
    "assurance_fausse_declaration": (
        "Deuxième chambre civile", "ASSURANCE (règles générales) - Risque - Déclaration - Fausse déclaration intentionnelle - Nullité du contrat",
        "article L. 113-8 du code des assurances",
        ("l'assuré a omis de signaler ses précédents sinistres lors de la souscription de son contrat auto",
         "l'assureur refuse sa garantie car le conducteur avait caché une suspension de permis"),
    ),
    "procedure_caducite_appel": (
        "Deuxième chambre civile", "PROCEDURE CIVILE - Appel - Déclaration d'appel - Conclusions - Délai - Caducité",
        "article 908 du code de procédure civile",
        ("l'appelant a déposé ses écritures avec quelques jours de retard sur le délai de trois mois",
         "les conclusions de la partie qui a fait appel ont été remises après l'expiration du délai"),
    ),
    "securite_sociale_faute_inexcusable": (
        "Deuxième chambre civile", "SECURITE SOCIALE, ACCIDENT DU TRAVAIL - Faute inexcusable de l'employeur - Conscience du danger",
        "article L. 452-1 du code de la sécurité sociale",
        ("l'ouvrier est tombé d'un échafaudage dépourvu de garde-corps que l'entreprise savait défectueux",
         "le salarié a été blessé par une machine dont la protection avait été retirée à la demande du chef d'atelier"),
    ),
    "caution_disproportion": (
        "Chambre commerciale", "CAUTIONNEMENT - Caution - Engagement - Disproportion manifeste - Appréciation - Patrimoine",
        "article L. 332-1 du code de la consommation",
        ("le gérant s'est porté garant d'un prêt de 300 000 euros alors qu'il gagnait 2 000 euros par mois",
         "la banque poursuit le dirigeant qui avait garanti les dettes de sa société au-delà de ses moyens"),
    ),
    "rupture_brutale_relations": (
        "Chambre commerciale", "CONCURRENCE - Rupture brutale des relations commerciales établies - Préavis - Durée",
        "article L. 442-1, II, du code de commerce",
        ("le distributeur a été informé du non-renouvellement après douze ans de collaboration avec un mois de délai",
         "le fournisseur a cessé du jour au lendemain ses commandes auprès d'un sous-traitant historique"),
    ),
    "procedure_collective_declaration_creance": (
        "Chambre commerciale", "ENTREPRISE EN DIFFICULTE - Redressement judiciaire - Déclaration de créances - Délai - Relevé de forclusion",
        "article L. 622-26 du code de commerce",
        ("le créancier a déclaré sa créance au mandataire judiciaire après l'expiration du délai de deux mois",
         "le fournisseur n'a pas été averti de l'ouverture de la procédure et a produit sa créance tardivement"),
    ),
    "bail_commercial_renouvellement": (
        "Troisième chambre civile", "BAIL COMMERCIAL - Renouvellement - Refus - Indemnité d'éviction - Motif grave et légitime",
        "article L. 145-17 du code de commerce",
        ("le propriétaire du local refuse de prolonger le bail du commerçant sans lui verser d'indemnité",
         "le bailleur invoque des retards de loyer pour évincer le restaurateur sans compensation"),
    ),
    "penal_legitime_defense": (
        "Chambre criminelle", "LEGITIME DEFENSE - Conditions - Proportionnalité - Riposte",
        "article 122-5 du code pénal",
        ("le prévenu a frappé avec une barre de fer l'individu qui venait de le menacer d'un couteau",
         "le commerçant a blessé le cambrioleur qui s'enfuyait en lui tirant dessus"),
    ),
    "penal_garde_a_vue_avocat": (
        "Chambre criminelle", "GARDE A VUE - Droits de la personne gardée à vue - Assistance de l'avocat - Audition - Nullité",
        "article 63-4-2 du code de procédure pénale",
        ("le suspect a été interrogé par les enquêteurs avant l'arrivée de son conseil qu'il avait demandé",
         "l'audition du mis en cause a commencé sans que son défenseur ait été prévenu"),
    ),
    "penal_conduite_stupefiants": (
        "Chambre criminelle", "CIRCULATION ROUTIERE - Conduite après usage de stupéfiants - Preuve - Analyse sanguine - Contre-expertise",
        "article L. 235-1 du code de la route",
        ("l'automobiliste contrôlé positif au cannabis conteste le résultat du prélèvement salivaire",
         "le conducteur soutient que le dépistage de drogue n'a pas été confirmé par une seconde analyse"),
    ),
    "licenciement_economique_reclassement": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, RUPTURE - Licenciement économique - Reclassement - Obligation de l'employeur - Offres écrites et précises",
        "article L. 1233-4 du code du travail",
        ("l'employeur a proposé au salarié licencié pour motif économique un poste sans préciser la rémunération ni la localisation",
         "la lettre de reclassement adressée au salarié se bornait à renvoyer à une liste de postes affichée dans l'entreprise"),
    ),
    "prise_acte_manquement": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, RUPTURE - Prise d'acte - Manquement de l'employeur - Gravité empêchant la poursuite du contrat",
        "article L. 1231-1 du code du travail",
        ("le salarié a pris acte de la rupture en reprochant à son employeur des retards de paiement du salaire depuis six mois",
         "la salariée a rompu son contrat en invoquant la modification unilatérale de sa rémunération variable"),
    ),
    "forfait_jours_suivi": (
        "Chambre sociale", "CONTRAT DE TRAVAIL, EXECUTION - Durée du travail - Convention de forfait en jours - Suivi de la charge de travail - Nullité",
        "article L. 3121-64 du code du travail",
        ("le cadre soumis à une convention de forfait en jours n'a bénéficié d'aucun entretien annuel sur sa charge de travail",
         "l'accord collectif instituant le forfait jours ne prévoyait aucun contrôle effectif de l'amplitude des journées"),
    ),
    "bail_conge_vente_preemption": (
        "Troisième chambre civile", "BAIL D'HABITATION - Congé - Congé pour vendre - Droit de préemption du locataire - Prix",
        "article 15 de la loi du 6 juillet 1989",
        ("le bailleur a délivré congé pour vendre puis a cédé le logement à un tiers à un prix inférieur à celui offert au locataire",
         "la propriétaire a vendu l'appartement moins cher que le prix notifié au locataire évincé sans lui renouveler l'offre"),
    ),
    "servitude_passage_enclave": (
        "Troisième chambre civile", "SERVITUDE - Servitude de passage - Enclave - Issue insuffisante - Assiette",
        "article 682 du code civil",
        ("la parcelle n'a pour seul accès qu'un chemin de terre trop étroit pour le passage des véhicules agricoles",
         "le propriétaire d'un terrain sans accès à la voie publique réclame un passage sur le fonds de son voisin"),
    ),
    "vente_immobiliere_condition_pret": (
        "Troisième chambre civile", "VENTE - Promesse de vente - Condition suspensive - Obtention d'un prêt - Demande conforme",
        "article 1304-3 du code civil",
        ("l'acquéreur a sollicité un prêt d'un montant supérieur à celui prévu au compromis et se prévaut du refus de la banque",
         "le bénéficiaire de la promesse n'a déposé qu'une seule demande de crédit à un taux inférieur à celui stipulé"),
    ),
    "responsabilite_notaire_conseil": (
        "Première chambre civile", "OFFICIERS PUBLICS OU MINISTERIELS - Notaire - Responsabilité - Devoir de conseil - Efficacité de l'acte",
        "article 1240 du code civil",
        ("le notaire n'a pas averti les acquéreurs de l'existence d'un projet de route à proximité de la maison vendue",
         "l'officier public a reçu l'acte sans vérifier la situation hypothécaire du bien ni en informer l'acheteur"),
    ),
    "filiation_expertise_biologique": (
        "Première chambre civile", "FILIATION - Action en recherche de paternité - Expertise biologique - Droit - Motif légitime de ne pas y procéder",
        "article 310-3 du code civil",
        ("la mère demande une expertise génétique pour établir la paternité de l'homme qui refuse de reconnaître l'enfant",
         "le père prétendu s'oppose à l'examen comparé des sangs ordonné dans l'action en recherche de paternité"),
    ),
    "vaccin_defaut_produit": (
        "Première chambre civile", "RESPONSABILITE DU FAIT DES PRODUITS DEFECTUEUX - Vaccin - Preuve du défaut et du lien de causalité - Présomptions graves, précises et concordantes",
        "article 1245-8 du code civil",
        ("la patiente a développé une sclérose en plaques quelques semaines après une vaccination contre l'hépatite B",
         "l'apparition d'une maladie démyélinisante a suivi de peu l'injection du vaccin, sans antécédent familial"),
    ),
    "accident_travail_presomption": (
        "Deuxième chambre civile", "SECURITE SOCIALE, ACCIDENT DU TRAVAIL - Présomption d'imputabilité - Malaise au temps et au lieu du travail",
        "article L. 411-1 du code de la sécurité sociale",
        ("le salarié a fait un malaise cardiaque sur son lieu de travail pendant ses heures de service",
         "l'ouvrier s'est effondré sur le chantier et la caisse refuse la prise en charge au titre de la législation professionnelle"),
    ),
    "saisie_immobiliere_prix": (
        "Deuxième chambre civile", "PROCEDURES CIVILES D'EXECUTION - Saisie immobilière - Orientation - Vente amiable - Prix minimal",
        "article R. 322-21 du code des procédures civiles d'exécution",
        ("le débiteur saisi demande l'autorisation de vendre amiablement sa maison à un prix inférieur à la mise à prix",
         "le juge de l'exécution a refusé la vente amiable du bien saisi au motif que le prix proposé était insuffisant"),
    ),
    "pratiques_restrictives_desequilibre": (
        "Chambre commerciale", "CONCURRENCE - Transparence et pratiques restrictives - Déséquilibre significatif - Grande distribution - Clauses",
        "article L. 442-1 du code de commerce",
        ("le distributeur impose à ses fournisseurs des pénalités de retard automatiques sans réciprocité",
         "le contrat-cadre prévoit des remises de fin d'année versées par le fournisseur sans contrepartie réelle"),
    ),
    "cession_fonds_solidarite_fiscale": (
        "Chambre commerciale", "VENTE - Fonds de commerce - Cession - Séquestre du prix - Créanciers - Opposition",
        "article L. 141-14 du code de commerce",
        ("le créancier du vendeur a formé opposition au paiement du prix du fonds de commerce entre les mains du séquestre",
         "l'acquéreur du fonds a versé le prix au cédant malgré l'opposition régulière d'un fournisseur impayé"),
    ),
    "penal_abus_confiance_salarie": (
        "Chambre criminelle", "ABUS DE CONFIANCE - Détournement - Temps de travail - Utilisation du matériel de l'employeur à des fins personnelles",
        "article 314-1 du code pénal",
        ("le prévenu a utilisé pendant ses heures de travail le matériel de l'entreprise pour une activité concurrente",
         "l'employé a détourné le véhicule et l'ordinateur de service au profit de sa propre société"),
    ),
    "penal_recel_preuve": (
        "Chambre criminelle", "RECEL - Éléments constitutifs - Élément intentionnel - Connaissance de l'origine frauduleuse - Prix dérisoire",
        "article 321-1 du code pénal",
        ("le prévenu a acheté un téléphone neuf à un inconnu dans la rue pour le dixième de son prix",
         "des bijoux provenant d'un cambriolage ont été retrouvés chez la prévenue qui dit les avoir achetés sur un marché"),
    ),
}
SOLUTIONS_CASSATION = {"Rejet": 0.55, "Cassation": 0.35, "Cassation partielle": 0.10}
SOLUTIONS_APPEL = {"Confirmation": 0.6, "Infirmation": 0.3, "Infirmation partielle": 0.1}
COURS_APPEL = (
    "Paris", "Versailles", "Lyon", "Aix-en-Provence", "Bordeaux", "Toulouse", "Rennes", "Douai", "Montpellier",
    "Grenoble", "Nancy", "Colmar", "Rouen", "Orléans", "Caen", "Poitiers", "Riom", "Besançon",
)
PARTIES = ("M. [X]", "Mme [Y]", "la société [R]", "M. [C] [K]", "Mme [T] [H]", "l'association [E]", "la SCI [P]")

SOMMAIRE_REJET = (
    "Justifie légalement sa décision la cour d'appel qui, ayant constaté que {fact}, en déduit l'application de "
    "l'{article}.",
    "Ayant relevé que {fact}, la cour d'appel a exactement retenu qu'il y avait lieu de faire application de l'{article}.",
)
SOMMAIRE_CASSATION = (
    "Viole l'{article} la cour d'appel qui écarte ce texte alors qu'elle avait constaté que {fact}.",
    "Prive sa décision de base légale au regard de l'{article} la cour d'appel qui statue sans rechercher si {fact}.",
)
MOTIFS_CASSATION = (
    "Selon l'arrêt attaqué ({court}, {date}), {fact}. {party} fait grief à l'arrêt de {grief}.",
    "Faits et procédure. {party} a saisi la juridiction ; il ressort de l'arrêt ({court}, {date}) que {fact}.",
    "Vu l'{article}. Il résulte de ce texte une règle que la cour d'appel devait appliquer. En l'espèce, {fact}.",
)
GRIEFS = (
    "rejeter ses demandes", "le condamner au paiement de diverses sommes", "dire la demande irrecevable",
    "limiter son indemnisation", "accueillir la demande adverse",
)
MOTIFS_APPEL = (
    "Il ressort des pièces versées aux débats que {fact}. {party} sollicite l'infirmation du jugement.",
    "{party} expose que {fact} ; l'intimé conclut à la confirmation de la décision déférée.",
    "Sur le fond, la cour observe que {fact}. Il convient d'en tirer les conséquences.",
    "Par jugement du tribunal, {party} a été débouté ; en cause d'appel, il soutient que {fact}.",
)
CLOSINGS_APPEL = (
    "PAR CES MOTIFS, la cour statue publiquement et contradictoirement.", "Condamne l'intimé aux dépens.",
    "Dit n'y avoir lieu à application de l'article 700 du code de procédure civile.", "",
)

# How different writers name the same things: a word of the facts and the words another judge would use.
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "salarié": ("employé", "travailleur", "intéressé", "agent"), "salariée": ("employée", "intéressée", "travailleuse"),
    "employé": ("salarié", "préposé"), "employeur": ("entreprise", "société", "direction", "établissement"),
    "banque": ("établissement de crédit", "prêteur", "organisme bancaire"), "prêt": ("crédit", "emprunt", "concours"),
    "maison": ("immeuble", "bien", "pavillon"), "appartement": ("logement", "lot", "local d'habitation"),
    "locataire": ("preneur", "occupant"), "propriétaire": ("bailleur", "propriétaire"), "bailleur": ("propriétaire",),
    "patient": ("malade", "victime"), "patiente": ("malade", "victime"), "chirurgien": ("praticien", "médecin"),
    "voiture": ("véhicule", "automobile"), "conducteur": ("automobiliste", "chauffeur"), "camion": ("poids lourd", "véhicule"),
    "assureur": ("compagnie d'assurance", "garant"), "assuré": ("souscripteur", "preneur d'assurance"),
    "gérant": ("dirigeant", "mandataire social"), "dirigeant": ("gérant", "président"), "société": ("entreprise", "personne morale"),
    "fournisseur": ("cocontractant", "partenaire commercial"), "distributeur": ("revendeur", "partenaire"),
    "créancier": ("fournisseur", "prêteur"), "prévenu": ("mis en cause", "auteur des faits", "intéressé"),
    "suspect": ("gardé à vue", "mis en cause"), "enquêteurs": ("policiers", "gendarmes", "officiers de police judiciaire"),
    "travail": ("emploi", "poste"), "indemnité": ("compensation", "somme", "contrepartie"), "épouse": ("femme", "conjointe"),
    "mari": ("époux", "conjoint"), "ouvrier": ("salarié", "employé"), "machine": ("équipement", "outil"),
    "découvrent": ("constatent", "relèvent"), "réclame": ("sollicite", "demande"), "demande": ("sollicite", "réclame"),
    "copropriétaire": ("propriétaire d'un lot", "occupant"), "travaux": ("ouvrages", "aménagements"),
}
