"""Clauses of consumer contracts, quotes and invoices, licit and unfair, as DGCCRF investigators collect them.

For each topic, 5–9 licit wordings and 5–8 unfair ones (each one `MODELE_REDACTION`, held out whole). The unfair ones follow the black and grey lists of articles R212-1
and R212-2 of the code de la consommation and the recommendations of the Commission des clauses abusives (CCA):
unilateral termination or modification, exclusion of liability, indicative delivery dates, jurisdiction clauses,
burden of proof, forfeited deposits, shortened warranty. Licit wordings share their vocabulary ("ne saurait être
tenu responsable… en cas de force majeure"), so that words alone do not give the answer.
`MENTIONS` are the mandatory mentions a document type must carry, written as a professional writes them.
"""

from __future__ import annotations

import numpy as np

THEMES = (
    "résiliation", "responsabilité", "prix", "durée", "garantie", "litiges", "paiement", "modification du contrat",
    "livraison et exécution", "rétractation", "données personnelles",
)

LICIT: dict[str, tuple[str, ...]] = {
    "résiliation": (
        "Le client peut résilier le contrat à tout moment, sans frais, par lettre, courrier électronique ou depuis son espace client, avec un préavis de {preavis} jours.",
        "À l'issue de la période initiale, le contrat peut être résilié à tout moment par le consommateur, la résiliation prenant effet un mois après sa notification.",
        "En cas de déménagement, de perte d'emploi ou de maladie rendant impossible l'usage du service, le client peut résilier sans frais sur présentation d'un justificatif.",
        "Le professionnel informe le consommateur par écrit, au plus tôt trois mois et au plus tard un mois avant le terme, de la faculté de ne pas reconduire le contrat.",
        "Une fonctionnalité de résiliation en ligne est accessible directement depuis la page d'accueil du site.",
        "Le professionnel ne peut résilier le contrat qu'en cas de manquement grave du client, après mise en demeure restée sans effet pendant quinze jours.",
        "Le consommateur peut mettre fin à son abonnement en trois clics depuis son espace personnel ; la résiliation prend effet à la fin du mois en cours.",
        "La résiliation par le client n'entraîne aucun frais autre que le prorata de la période en cours.",
        "Chaque partie peut résilier le contrat par tout moyen écrit ; le professionnel respecte un préavis de deux mois.",
        "Le contrat peut être résilié par le consommateur par tout support durable, la confirmation de la résiliation lui étant adressée sans délai.",
        "Les sommes versées pour la période postérieure à la résiliation sont remboursées au client dans un délai de trente jours.",
    ),
    "responsabilité": (
        "Le professionnel est responsable de plein droit à l'égard du consommateur de la bonne exécution des obligations résultant du contrat.",
        "La responsabilité du professionnel ne saurait être engagée en cas de force majeure au sens de l'article 1218 du code civil.",
        "Le prestataire a souscrit une assurance responsabilité civile professionnelle et une garantie décennale dont l'attestation est jointe au présent devis.",
        "Le professionnel ne saurait être tenu responsable des dommages résultant d'une utilisation du produit non conforme à la notice, sauf faute de sa part.",
        "Le déménageur est responsable des pertes et avaries dans la limite de la valeur déclarée par le client sur la déclaration de valeur.",
        "Le professionnel répond des dommages causés par ses préposés dans l'exécution de la prestation.",
        "Sa responsabilité est engagée pour tout dommage corporel, sans limitation de montant.",
        "Le professionnel ne répond pas des retards imputables au client ou à un cas de force majeure dûment justifié.",
        "Le vendeur répond des défauts de conformité existant lors de la délivrance, dans les conditions des articles L217-3 et suivants.",
        "En cas de dommage causé au logement pendant les travaux, l'entreprise le répare à ses frais ou indemnise le client.",
    ),
    "prix": (
        "Les prix sont indiqués en euros toutes taxes comprises et sont fermes pendant la durée de validité du devis.",
        "Toute évolution tarifaire est notifiée au client au moins un mois avant son entrée en vigueur ; le client peut alors résilier sans frais.",
        "Le prix comprend la fourniture, la main-d'œuvre et le déplacement ; aucun supplément ne sera facturé sans accord écrit préalable du client.",
        "Le prix est révisable annuellement selon l'indice {indice}, la formule de révision figurant au contrat.",
        "Le prix ferme et définitif figure sur le bon de commande ; il ne peut être modifié qu'avec l'accord écrit du client.",
        "Les frais de livraison sont indiqués avant la validation de la commande et inclus dans le prix total.",
        "Aucun frais de dossier n'est facturé ; le prix comprend l'ensemble des prestations décrites.",
        "Le montant de l'abonnement mensuel est fixé à la souscription et reste inchangé pendant la période d'engagement.",
        "Tout travail non prévu au devis fait l'objet d'un devis complémentaire que le client est libre de refuser.",
    ),
    "durée": (
        "Le contrat est conclu pour une durée indéterminée et peut être résilié à tout moment par chacune des parties.",
        "Le contrat est conclu pour une durée de {duree} mois ; à son terme, il se poursuit pour une durée indéterminée, résiliable à tout moment.",
        "L'abonnement est conclu pour {duree} mois ; le client est informé par écrit de l'échéance et de la faculté de ne pas reconduire.",
        "Le contrat prend effet à la signature et se termine à la date convenue, sans reconduction automatique.",
        "À l'issue de la période d'engagement de {duree} mois, le client peut résilier à tout moment avec un préavis d'un mois.",
        "La durée du contrat est suspendue en cas d'empêchement médical justifié du client.",
        "Le contrat est conclu pour une période d'essai d'un mois, puis au mois le mois, sans engagement de durée.",
        "Le client peut demander la suspension de son abonnement pour une durée d'un à trois mois, sans frais.",
    ),
    "garantie": (
        "Le vendeur est tenu de la garantie légale de conformité pendant deux ans à compter de la délivrance du bien et de la garantie des vices cachés.",
        "La garantie commerciale de {duree} mois s'applique sans préjudice des garanties légales de conformité et des vices cachés.",
        "La garantie ne couvre pas les dommages résultant d'un usage anormal du bien ; elle ne prive pas le client de la garantie légale.",
        "Le consommateur bénéficie de la garantie légale de conformité, qui lui permet d'obtenir la réparation ou le remplacement du bien sans frais.",
        "Les défauts apparaissant dans les vingt-quatre mois suivant la délivrance sont présumés exister au jour de la délivrance.",
        "La garantie commerciale est offerte en plus des garanties légales, dont le texte est reproduit ci-dessous.",
        "Le vendeur rembourse les frais de retour d'un bien non conforme et le répare ou le remplace dans un délai raisonnable.",
        "Les biens d'occasion bénéficient de la garantie légale de conformité, dont la durée ne peut être inférieure à un an.",
    ),
    "litiges": (
        "En cas de litige, le consommateur peut recourir gratuitement au médiateur de la consommation {mediateur}.",
        "Le consommateur peut saisir, à son choix, la juridiction du lieu où il demeurait lors de la conclusion du contrat ou de la survenance du fait dommageable.",
        "Le présent contrat est soumis au droit français ; les réclamations sont adressées au service clients, qui répond sous quinze jours.",
        "Le client peut saisir le tribunal judiciaire de son domicile ou celui du défendeur.",
        "Avant toute action, le client peut adresser une réclamation écrite au service clients, puis saisir gratuitement le médiateur.",
        "Les litiges relèvent des juridictions compétentes selon les règles de droit commun du code de procédure civile.",
        "Le client est informé qu'il peut recourir à la plateforme européenne de règlement en ligne des litiges.",
        "Toute réclamation peut être adressée par courrier ou par courriel ; un accusé de réception est envoyé sous huit jours.",
    ),
    "paiement": (
        "Le paiement s'effectue par prélèvement mensuel, carte bancaire ou chèque, au choix du client.",
        "Un acompte de 30 % est versé à la commande ; le solde est payable à la réception des travaux.",
        "Aucun paiement ne peut être exigé avant l'expiration d'un délai de sept jours à compter de la conclusion du contrat hors établissement.",
        "En cas d'annulation par le professionnel, l'acompte est restitué au double, conformément aux règles applicables aux arrhes.",
        "Le client règle chaque mois à terme échu ; aucune pénalité n'est appliquée sans mise en demeure préalable.",
        "En cas de retard de paiement, des intérêts au taux légal peuvent être réclamés après relance restée sans effet.",
        "Le prélèvement automatique n'est mis en place qu'avec un mandat SEPA signé par le client, révocable à tout moment.",
        "Le client peut régler en trois fois sans frais à partir de 150 € d'achat.",
        "Le solde n'est exigible qu'après la réception des travaux sans réserve ou la levée des réserves.",
    ),
    "modification du contrat": (
        "Toute modification des conditions contractuelles est notifiée au client un mois à l'avance ; il peut alors résilier sans frais.",
        "Le contrat ne peut être modifié que par avenant signé des deux parties.",
        "Les conditions modifiées ne s'appliquent aux contrats en cours qu'avec l'accord exprès du client.",
        "Le professionnel informe le client de toute évolution du service par courrier électronique, avec un délai d'un mois pour résilier sans frais.",
        "Les caractéristiques essentielles du service ne peuvent être modifiées sans l'accord du client.",
        "Une modification imposée par la loi est portée à la connaissance du client avant son entrée en vigueur.",
        "Aucune modification du prix ou des prestations n'est opposable au client sans son accord écrit.",
    ),
    "livraison et exécution": (
        "Le bien est livré au plus tard à la date indiquée sur le bon de commande ; à défaut, le consommateur peut résoudre le contrat.",
        "Les travaux débuteront le {date} et seront achevés dans un délai de {semaines} semaines, sauf intempéries dûment constatées.",
        "La date de livraison est fixée d'un commun accord ; tout retard de plus de sept jours ouvre droit à l'annulation de la commande.",
        "À défaut de date indiquée, le bien est livré au plus tard trente jours après la conclusion du contrat.",
        "En cas de retard, le consommateur peut, après mise en demeure, résoudre le contrat et obtenir le remboursement sous quatorze jours.",
        "Le professionnel informe sans délai le client de tout empêchement et lui propose une nouvelle date ou le remboursement.",
        "Le déménageur s'engage sur les dates de chargement et de livraison inscrites à la lettre de voiture.",
        "Le client est informé par message de la date et du créneau de livraison, qu'il peut modifier gratuitement.",
    ),
    "rétractation": (
        "Le consommateur dispose d'un délai de quatorze jours pour exercer son droit de rétractation, au moyen du formulaire type joint ou de toute déclaration dénuée d'ambiguïté.",
        "Le droit de rétractation s'exerce dans les quatorze jours suivant la réception du bien ; les frais de retour sont à la charge du professionnel.",
        "Le professionnel rembourse la totalité des sommes versées, frais de livraison inclus, au plus tard quatorze jours après la rétractation.",
        "Le formulaire type de rétractation figure en annexe ; le client peut aussi se rétracter par courrier électronique.",
        "Pour un contrat conclu hors établissement, le délai de rétractation de quatorze jours court à compter de la conclusion du contrat.",
        "Le professionnel accuse réception de la rétractation sur un support durable, sans délai.",
        "Si le client a demandé que la prestation commence avant la fin du délai de rétractation, il ne paie que la part déjà exécutée.",
    ),
    "données personnelles": (
        "Les données sont traitées conformément au RGPD ; le client dispose d'un droit d'accès, de rectification, d'opposition et d'effacement auprès du délégué à la protection des données.",
        "Les données ne sont transmises à des partenaires qu'avec le consentement exprès du client, qu'il peut retirer à tout moment.",
        "Les données collectées sont limitées à ce qui est nécessaire à l'exécution du contrat et conservées trois ans après sa fin.",
        "Le client peut s'opposer à tout moment à la prospection commerciale en cliquant sur le lien de désinscription.",
        "Le client peut introduire une réclamation auprès de la CNIL.",
        "Les données bancaires ne sont conservées que le temps de la transaction, sauf accord du client pour un paiement ultérieur.",
        "Le client peut demander la portabilité de ses données dans un format structuré et couramment utilisé.",
    ),
}

UNFAIR: dict[str, tuple[str, ...]] = {
    "résiliation": (
        "Le professionnel se réserve le droit de résilier le contrat à tout moment et sans préavis, sans que le client puisse prétendre à une quelconque indemnité.",
        "Toute résiliation anticipée par le client entraînera le paiement de l'intégralité des mensualités restant dues jusqu'au terme du contrat.",
        "La résiliation ne pourra être demandée que par lettre recommandée avec accusé de réception adressée au siège social, à l'exclusion de tout autre moyen.",
        "En cas de résiliation, quel qu'en soit le motif, les sommes versées restent définitivement acquises au professionnel.",
        "Le client ne peut résilier le contrat qu'en cas de déménagement à l'étranger, sur justificatif, et moyennant des frais de {frais} €.",
        "Le professionnel pourra mettre fin au contrat à sa seule discrétion, sans avoir à justifier d'un motif.",
        "La demande de résiliation doit être déposée en personne à l'accueil, aux heures d'ouverture, aucun autre mode n'étant accepté.",
        "Des frais de résiliation égaux à six mois d'abonnement seront facturés quelle que soit la date de la demande.",
        "Aucune résiliation ne sera prise en compte si le client n'est pas à jour de ses paiements, y compris pour des sommes contestées.",
        "Le contrat ne peut être résilié que par le titulaire en personne, muni de sa carte de membre et de sa pièce d'identité, au siège de la société.",
    ),
    "responsabilité": (
        "La société décline toute responsabilité en cas de vol, perte ou dégradation des effets personnels du client, même en cas de faute de son personnel.",
        "Le professionnel ne saurait être tenu responsable des dommages, de quelque nature que ce soit, résultant de l'utilisation du service.",
        "En aucun cas la responsabilité du prestataire ne pourra excéder le montant de la dernière facture mensuelle.",
        "Le client renonce à tout recours contre la société et ses assureurs, quelle que soit la cause du dommage.",
        "La responsabilité du club ne pourra être recherchée en cas d'accident survenu dans les locaux, y compris du fait du matériel.",
        "La société n'est tenue à aucune indemnisation en cas d'interruption du service, quelle qu'en soit la durée.",
        "L'entreprise n'est pas responsable des malfaçons constatées après la réception des travaux.",
        "Le prestataire est exonéré de toute responsabilité en cas de panne, y compris lorsqu'elle résulte de son matériel.",
        "Le vendeur n'est tenu que de réparer ou remplacer le produit, à l'exclusion de tout remboursement ou de toute indemnité.",
        "Les dommages subis par le mobilier lors du déménagement ne sont indemnisés que s'ils sont signalés le jour même devant le chauffeur.",
    ),
    "prix": (
        "Les tarifs peuvent être modifiés à tout moment par le professionnel sans information préalable du client.",
        "Le prix définitif sera celui en vigueur au jour de la livraison.",
        "Des frais de dossier de {frais} € non remboursables sont dus en toute hypothèse, y compris en cas d'annulation par le professionnel.",
        "Tout devis non contesté sous 48 heures vaut acceptation des travaux supplémentaires et de leur prix.",
        "Le professionnel peut augmenter ses prix en cours de contrat sans que le client puisse résilier.",
        "Tout déplacement est facturé {frais} € même si aucune intervention n'est réalisée, sans devis préalable.",
        "Le prix indiqué hors taxes pourra être majoré de tous frais annexes déterminés ultérieurement par la société.",
        "Le professionnel pourra répercuter toute hausse de ses coûts sur le prix convenu, à sa seule appréciation.",
        "Le prix annoncé est hors frais de mise en service, de dossier et de résiliation, fixés par la grille tarifaire disponible sur demande.",
    ),
    "durée": (
        "Le contrat est conclu pour une durée ferme et irrévocable de {duree} mois, sans possibilité de résiliation anticipée quel qu'en soit le motif.",
        "Toute période entamée est due dans son intégralité, y compris en cas d'impossibilité d'utiliser le service pour raison médicale.",
        "Le contrat est reconduit tacitement par périodes successives de {duree} mois, sans information préalable du client.",
        "L'abonnement se renouvelle automatiquement pour {duree} mois à défaut de dénonciation trois mois avant l'échéance.",
        "Aucune suspension du contrat n'est admise, même en cas de maladie, de grossesse ou de mutation professionnelle.",
        "Le contrat d'une durée de {duree} mois ne peut être interrompu, les échéances restant dues en toute circonstance.",
        "Le contrat se prolonge automatiquement de la durée de toute suspension, y compris à l'initiative du professionnel.",
        "Le client s'engage pour {duree} mois ; tout changement de formule fait courir une nouvelle période d'engagement.",
    ),
    "garantie": (
        "Les produits sont garantis six mois pièces uniquement ; aucune autre garantie ne pourra être invoquée.",
        "La garantie est exclue en cas d'intervention d'un tiers ou de démontage, quelle qu'en soit la cause.",
        "Toute réclamation doit être formulée dans les 48 heures suivant la livraison, faute de quoi le produit est réputé conforme et accepté sans réserve.",
        "Les articles soldés ou en promotion ne sont ni repris ni échangés, même défectueux.",
        "La garantie ne s'applique que sur présentation de l'emballage d'origine intact et de la facture originale.",
        "Le vendeur ne garantit pas les vices cachés des biens d'occasion, vendus en l'état.",
        "Les frais de retour du produit défectueux sous garantie restent à la charge exclusive du client.",
        "La garantie cesse de plein droit en cas de revente du bien ou de changement d'adresse du client.",
        "Le client qui n'a pas retourné la carte de garantie sous huit jours perd tout droit à garantie.",
    ),
    "litiges": (
        "Tout litige relèvera de la compétence exclusive du tribunal de commerce de {ville}.",
        "Préalablement à toute action en justice, le client s'engage à soumettre le différend à un arbitrage dont les frais sont à sa charge.",
        "Les enregistrements et relevés informatiques du professionnel font seuls foi entre les parties.",
        "Le client renonce à toute action de groupe et à toute réclamation au-delà d'un délai de trois mois.",
        "Le client s'interdit de saisir le médiateur de la consommation avant l'expiration d'un délai d'un an.",
        "Seuls les relevés d'intervention établis par le technicien font foi, sans preuve contraire possible.",
        "Le droit applicable est celui du siège de la société, les juridictions de son ressort étant seules compétentes.",
        "Le client reconnaît que les photographies prises par le technicien établissent définitivement l'état des lieux.",
        "Toute contestation de facture est irrecevable passé un délai de quinze jours après son émission.",
    ),
    "paiement": (
        "Tout retard de paiement entraînera de plein droit une pénalité de 10 % par jour de retard ainsi que la suspension immédiate du service.",
        "L'acompte versé reste acquis au professionnel en cas d'annulation par le client, alors qu'en cas d'annulation par le professionnel seul l'acompte est remboursé.",
        "Le client autorise le prélèvement automatique de toute somme que le professionnel estimerait due.",
        "Le paiement de la totalité du prix est exigé à la signature du contrat conclu au domicile du client.",
        "Les sommes versées d'avance ne sont productives d'aucun intérêt et ne sont jamais remboursées.",
        "En cas d'incident de paiement, des frais forfaitaires de {frais} € seront prélevés par échéance impayée.",
        "Le client s'engage à verser la totalité du prix avant le début des travaux, sans possibilité de retenue.",
        "Tout paiement partiel s'impute d'abord sur les frais et pénalités, puis sur le capital, selon le choix du professionnel.",
        "Le client ne peut suspendre ses paiements, même en cas d'inexécution totale de la prestation.",
    ),
    "modification du contrat": (
        "Le professionnel se réserve le droit de modifier unilatéralement les caractéristiques du service et les présentes conditions, qui s'imposent au client dès leur mise en ligne.",
        "La simple utilisation du service après modification vaut acceptation des nouvelles conditions.",
        "Le professionnel peut céder le contrat à toute société de son choix sans l'accord du client.",
        "Les présentes conditions peuvent être modifiées à tout moment, la version en ligne faisant seule foi.",
        "La société peut remplacer le service souscrit par un service équivalent de son choix, sans que le client puisse s'y opposer.",
        "Le client est réputé accepter toute nouvelle condition faute de réponse dans un délai de huit jours.",
        "Le professionnel peut modifier à tout moment le contenu des cours et le planning, sans réduction de prix.",
        "Les horaires d'ouverture et les prestations incluses peuvent être réduits par le club sans préavis ni compensation.",
    ),
    "livraison et exécution": (
        "Les délais de livraison sont donnés à titre indicatif ; leur dépassement ne peut justifier ni annulation ni indemnité.",
        "Le déménageur se réserve le droit de modifier la date de chargement sans préavis ni indemnité.",
        "Les travaux débuteront selon les disponibilités de l'entreprise, sans que le client puisse se prévaloir d'un quelconque retard.",
        "La date de livraison est indicative et peut être reportée par le vendeur sans limitation de durée.",
        "Le vendeur se réserve la faculté de livrer un produit équivalent en cas de rupture de stock, sans remboursement.",
        "En cas d'absence du client au rendez-vous de livraison, la commande est annulée et l'acompte conservé.",
        "Le vendeur est libéré de son obligation de livrer si le transporteur est en retard, quelle qu'en soit la cause.",
        "L'entreprise peut sous-traiter tout ou partie des travaux sans en informer le client et sans engager sa responsabilité.",
    ),
    "rétractation": (
        "Aucun droit de rétractation ne s'applique aux commandes passées lors des foires et salons ou au domicile du client.",
        "Le délai de rétractation est de sept jours ; les produits déballés ne sont ni repris ni remboursés.",
        "Toute rétractation donnera lieu à une retenue de 30 % du prix pour frais de gestion.",
        "Le droit de rétractation ne peut être exercé que par lettre recommandée, le formulaire en ligne n'étant pas accepté.",
        "Les commandes confirmées par téléphone sont fermes et définitives, sans possibilité de rétractation.",
        "En cas de rétractation, l'acompte versé est conservé au titre des frais engagés.",
        "Le client qui a déballé ou essayé le produit renonce à son droit de rétractation.",
    ),
    "données personnelles": (
        "Le client consent à la cession de ses données à tout partenaire commercial de la société, sans possibilité d'opposition.",
        "En signant le contrat, le client accepte de recevoir toute prospection commerciale de la société et de ses partenaires.",
        "Les données du client sont conservées sans limitation de durée, y compris après la fin du contrat.",
        "Le client autorise la revente de ses coordonnées à des tiers à des fins commerciales.",
        "En cas de refus de la prospection, le contrat est résilié de plein droit.",
        "La société se réserve le droit d'utiliser les photographies du client à des fins publicitaires, sans contrepartie.",
        "Le client ne peut demander l'effacement de ses données tant qu'un contrat, même ancien, le lie à la société.",
    ),
}

# Mandatory mentions: the wording a document carries when it has them (one line each, drawn at random).
MENTIONS: dict[str, tuple[str, ...]] = {
    "identité du professionnel": ("{societe}, SAS au capital de 10 000 €, RCS {ville} {siren}", "{societe} - SIRET {siren}00017 - {ville}"),
    "médiateur de la consommation": ("Médiateur de la consommation : {mediateur}.", "En cas de litige non résolu, saisissez le médiateur de la consommation : {mediateur}."),
    "prix TTC": ("Total TTC : {montant} €", "Prix toutes taxes comprises : {montant} €"),
    "taux de TVA": ("TVA 20 % incluse", "Taux de TVA applicable : 10 %"),
    "durée de validité": ("Devis valable trois mois à compter de sa date d'émission.", "Durée de validité de l'offre : 30 jours."),
    "décompte détaillé": ("Main-d'œuvre : {heures} h ; fournitures et pièces détaillées ci-dessus.", "Décompte détaillé : main-d'œuvre, déplacement, fournitures."),
    "numéro de facture": ("Facture n° F{annee}-{numero}", "N° de facture : {annee}/{numero}"),
    "conditions de paiement": ("Date d'échéance : paiement à réception. Pénalités de retard au taux légal.", "Conditions de paiement : 30 jours date de facture ; pénalités de retard au taux d'intérêt légal."),
    "droit de rétractation": ("Formulaire de rétractation joint : le consommateur dispose de quatorze jours pour se rétracter.",),
}
# Other ways real footers write the same mentions, which `mentions.PATTERNS` were not written from: the check's
# held-out wordings. A document uses one of them for a mention with probability UNUSUAL_SHARE.
MENTIONS_UNUSUAL: dict[str, tuple[str, ...]] = {
    "identité du professionnel": ("{societe}, immatriculée au registre du commerce sous le n° {siren_espaces}",
                                  "{societe} (SIREN {siren_espaces}), siège social à {ville}"),
    "médiateur de la consommation": ("Médiation : {mediateur}, saisine gratuite en ligne.",
                                     "Litiges : recours gratuit au médiateur {mediateur}."),
    "prix TTC": ("Net à payer : {montant} € T.T.C.", "Montant total, taxes incluses : {montant} €"),
    "taux de TVA": ("dont T.V.A. (20 %) incluse",),
    "durée de validité": ("Offre valable 1 mois.",),
    "décompte détaillé": ("Détail : pièces, main d'oeuvre et déplacement ci-dessus.",),
    "numéro de facture": ("Facture F{annee}{numero}",),
    "conditions de paiement": ("Règlement à 30 jours ; tout retard entraîne des pénalités au taux légal et une indemnité de 40 €.",),
    "droit de rétractation": ("Droit de rétractation : 14 jours à compter de la réception, formulaire en annexe.",),
}
UNUSUAL_SHARE = 0.25
REQUIRED: dict[str, tuple[str, ...]] = {
    "contrat": ("identité du professionnel", "médiateur de la consommation", "prix TTC"),
    "conditions générales de vente": ("identité du professionnel", "médiateur de la consommation", "droit de rétractation"),
    "bon de commande": ("identité du professionnel", "prix TTC", "droit de rétractation"),
    "devis": ("identité du professionnel", "prix TTC", "taux de TVA", "durée de validité", "décompte détaillé"),
    "facture": ("identité du professionnel", "numéro de facture", "prix TTC", "taux de TVA", "conditions de paiement"),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "preavis": ("10", "15", "30"), "duree": ("12", "24", "36"), "frais": ("49", "90", "150", "250"),
    "mediateur": ("CM2C", "Médicys", "Médiateur du e-commerce de la FEVAD", "AME Conso", "Médiation de la consommation CNPM"),
    "ville": ("Paris", "Lyon", "Nanterre", "Marseille", "Lille", "Bordeaux", "Nantes"), "indice": ("Syntec", "BT01", "INSEE des prix"),
    "date": ("lundi suivant la signature", "15 du mois prochain", "1er septembre"), "semaines": ("2", "3", "6", "8"),
    "montant": ("1 240,00", "389,90", "4 812,50", "96,00", "12 730,00"), "heures": ("3", "7,5", "16", "24"),
}
ABBREVIATIONS = (("conditions générales de vente", "CGV"), ("toutes taxes comprises", "TTC"), ("lettre recommandée avec accusé de réception", "LRAR"), ("professionnel", "pro"))


# Wordings that belong to some trades only: a gym contract does not speak of removals or building work.
TRADE_WORDS: dict[str, frozenset[str]] = {
    "déménageur": frozenset({"déménagement"}),
    "club": frozenset({"salles de sport"}),
    "travaux": frozenset({"travaux et rénovation", "dépannage à domicile", "déménagement", "services à la personne"}),
    "devis": frozenset({"travaux et rénovation", "dépannage à domicile", "déménagement", "services à la personne"}),
    "décennale": frozenset({"travaux et rénovation"}),
    "livré": frozenset({"commerce en ligne", "vente de véhicules d'occasion", "travaux et rénovation"}),
}


def fits(wording: str, sector: str) -> bool:
    """Whether a wording can appear in a document of this sector."""
    return all(sector in sectors for word, sectors in TRADE_WORDS.items() if word in wording)


def fill(rng: np.random.Generator, template: str, values: dict[str, str]) -> str:
    drawn = {slot: bank[rng.integers(len(bank))] for slot, bank in SLOTS.items() if "{" + slot + "}" in template}
    return template.format(**drawn, **{k: v for k, v in values.items() if "{" + k + "}" in template})


def clause(
    rng: np.random.Generator, theme: str, unfair: bool, number: int, values: dict[str, str], sector: str
) -> tuple[str, str]:
    """One clause and the wording it was drawn from (`theme.abusive.03`): a heading now and then, a wording the
    sector uses, typos or OCR slips of a scanned paper."""
    wordings = (UNFAIR if unfair else LICIT)[theme]
    bank = [wording for wording in wordings if fits(wording, sector)] or list(wordings)
    first = bank[rng.integers(len(bank))]
    wording = f"{theme}.{'abusive' if unfair else 'licite'}.{wordings.index(first):02d}"
    text = fill(rng, first, values)
    if rng.random() < 0.35:  # a second sentence of the same kind, as real clauses run on
        other = fill(rng, bank[rng.integers(len(bank))], values)
        text = text if other == text else f"{text} {other}"
    if rng.random() < 0.4:
        text = f"Article {number} - {theme.capitalize()}. {text}"
    return noisy(rng, text), wording


def noisy(rng: np.random.Generator, text: str) -> str:
    for long, short in ABBREVIATIONS:
        if long in text and rng.random() < 0.3:
            text = text.replace(long, short)
    if rng.random() < 0.08:  # scanned then OCR'd
        text = text.replace("é", "e").replace("l'", "l '").replace("fi", "ﬁ")
    if rng.random() < 0.2:
        words = text.split()
        i = int(rng.integers(len(words)))
        if len(words[i]) > 4:
            words[i] = words[i][:-2] + words[i][-1] + words[i][-2]
        text = " ".join(words)
    return text
