"""What local authorities transmit through @ctes: the subjects of their acts, and the words of each act.

`SUBJECTS` lists, per matière of the @ctes nomenclature, the kinds of acts a prefecture receives (with the natures
they take, the share of the flow, whether they carry an amount or name a person). `objet` writes the short title a
secretary types in @ctes, `texte` the body of the act (visas, considérants, dispositif, formules finales), with the
boilerplate every act shares, words borrowed from neighbouring matières, abbreviations and typos.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter

import numpy as np

from projects._shared.synthetic import phrase

DELIBERATION, REGLEMENTAIRE, INDIVIDUEL, CONTRAT = (
    "délibérations", "actes réglementaires", "actes individuels", "contrats et conventions",
)


@dataclass(frozen=True)
class Subject:
    matiere: str
    weight: float
    natures: dict[str, float]
    objets: tuple[str, ...]
    dispositifs: tuple[str, ...]
    montant: tuple[float, float] | None = None
    """Range of the amount HT in euros (log-uniform), when the act carries one."""
    beneficiaire: bool = False
    """Whether the act names a person (agent, pétitionnaire)."""
    years: tuple[int, int] = (2000, 2100)
    """Years when such acts are sent (the masque arrêtés of 2020-2021, the M57 switch)."""


CP, URBA, DOMAINE, FP, INSTIT, POLICE, FIN = (
    "commande publique", "urbanisme", "domaine et patrimoine", "fonction publique", "institutions et vie politique",
    "libertés publiques et pouvoirs de police", "finances locales",
)
MATIERES = (CP, URBA, DOMAINE, FP, INSTIT, POLICE, FIN)

SUBJECTS: tuple[Subject, ...] = (
    Subject(CP, 5, {DELIBERATION: 0.55, CONTRAT: 0.45}, (
        "Attribution du marché : {travaux}", "Marché : {travaux} - attribution du lot n°{lot}",
        "Accord-cadre à bons de commande pour {service}", "Attribution du marché relatif à {service}",
        "Autorisation donnée au maire de signer le marché : {travaux}",
    ), (
        "attribue le marché à l'entreprise {entreprise} pour un montant de {montant} € HT",
        "autorise le maire à signer le marché et toutes les pièces s'y rapportant après avis de la commission d'appel d'offres",
        "retient l'offre économiquement la plus avantageuse, celle de la société {entreprise}",
        "approuve le rapport d'analyse des offres et le classement proposé",
    ), montant=(15_000, 3_000_000)),
    Subject(CP, 2, {CONTRAT: 0.7, DELIBERATION: 0.3}, (
        "Avenant n°{lot} au marché : {travaux}", "Avenant de prolongation au marché de {service}",
        "Marché : {travaux} - avenant en plus-value",
    ), (
        "approuve l'avenant portant le montant du marché à {montant} € HT",
        "prolonge le délai d'exécution du marché de deux mois sans incidence financière",
        "accepte les travaux supplémentaires rendus nécessaires par des sujétions techniques imprévues",
    ), montant=(5_000, 400_000)),
    Subject(CP, 1.5, {DELIBERATION: 0.5, CONTRAT: 0.5}, (
        "Délégation de service public de {dsp} - choix du délégataire",
        "Contrat de concession pour l'exploitation de {dsp}", "Principe du recours à la délégation de service public de {dsp}",
    ), (
        "approuve le choix du délégataire et le contrat de concession pour une durée de {duree} ans",
        "approuve le principe de la délégation du service public de {dsp} par voie d'affermage",
        "autorise le président à signer le contrat de délégation et ses annexes",
    ), montant=(100_000, 8_000_000)),
    Subject(CP, 1.5, {CONTRAT: 0.6, DELIBERATION: 0.4}, (
        "Convention constitutive d'un groupement de commandes pour {service}",
        "Adhésion au groupement de commandes pour {service}",
    ), (
        "approuve la convention constitutive du groupement de commandes dont la commune est coordonnateur",
        "désigne les membres de la commission d'appel d'offres du groupement",
    )),
    Subject(URBA, 3, {DELIBERATION: 0.8, REGLEMENTAIRE: 0.2}, (
        "Révision générale du plan local d'urbanisme", "Modification simplifiée n°{lot} du PLU",
        "Approbation du PLUi", "Prescription de l'élaboration du PLU et modalités de concertation",
        "Bilan de la concertation et arrêt du projet de PLU",
    ), (
        "approuve la modification simplifiée du plan local d'urbanisme telle qu'annexée",
        "prescrit la révision du PLU et fixe les modalités de la concertation préalable",
        "arrête le projet de plan local d'urbanisme intercommunal et le soumet à enquête publique",
        "approuve le zonage et le règlement écrit modifiés de la zone {zone}",
    )),
    Subject(URBA, 4, {INDIVIDUEL: 1.0}, (
        "Permis de construire PC {permis}", "Arrêté accordant un permis de construire", "Refus de permis d'aménager",
        "Non-opposition à déclaration préalable DP {permis}", "Certificat d'urbanisme opérationnel CU {permis}",
        "Permis de démolir", "Arrêté de sursis à statuer sur une demande de permis de construire",
    ), (
        "accorde le permis de construire à {beneficiaire} pour la construction d'une maison individuelle en zone {zone}",
        "refuse le permis d'aménager, le projet méconnaissant l'article {zone} 7 du règlement du PLU",
        "ne s'oppose pas à la déclaration préalable déposée par {beneficiaire} pour l'édification d'une clôture",
        "délivre le certificat d'urbanisme : le terrain peut être utilisé pour la réalisation de l'opération",
    ), beneficiaire=True),
    Subject(URBA, 1.5, {INDIVIDUEL: 0.6, DELIBERATION: 0.4}, (
        "Exercice du droit de préemption urbain sur la parcelle {parcelle}",
        "Instauration du droit de préemption urbain renforcé", "Décision de préemption - DIA n°{permis}",
    ), (
        "exerce le droit de préemption urbain sur le bien cadastré {parcelle} au prix mentionné dans la DIA",
        "institue le droit de préemption urbain sur les zones U et AU du PLU",
    ), montant=(40_000, 900_000)),
    Subject(DOMAINE, 3, {DELIBERATION: 1.0}, (
        "Cession de la parcelle {parcelle} à {entreprise}", "Acquisition amiable de la parcelle {parcelle}",
        "Vente d'un délaissé de voirie", "Acquisition d'un immeuble en centre-bourg",
    ), (
        "décide la cession de la parcelle cadastrée {parcelle} au prix de {montant} € conformément à l'avis du Domaine",
        "autorise l'acquisition du bien au prix de {montant} €, frais de notaire à la charge de la commune",
        "charge le maire de signer l'acte authentique en l'étude de Maître {notaire}",
    ), montant=(2_000, 600_000)),
    Subject(DOMAINE, 2, {DELIBERATION: 0.7, REGLEMENTAIRE: 0.3}, (
        "Classement dans le domaine public communal de la voie {rue}", "Déclassement d'une partie du chemin rural",
        "Dénomination de la voie nouvelle {rue}", "Numérotage des habitations du lieu-dit {rue}",
    ), (
        "prononce le classement de la voie {rue} dans le domaine public routier communal",
        "constate la désaffectation et prononce le déclassement du domaine public",
        "attribue la dénomination {rue} à la voie nouvelle desservant le lotissement",
    )),
    Subject(DOMAINE, 2.5, {CONTRAT: 0.75, INDIVIDUEL: 0.25}, (
        "Convention d'occupation temporaire du domaine public", "Bail commercial du local {rue}",
        "Convention de mise à disposition de la salle polyvalente", "Autorisation d'occupation temporaire - terrasse",
        "Bail emphytéotique pour l'installation d'une centrale photovoltaïque",
    ), (
        "consent une autorisation d'occupation temporaire du domaine public moyennant une redevance annuelle",
        "met à disposition de l'association {association} les locaux communaux à titre gracieux",
        "consent un bail pour une durée de {duree} ans moyennant un loyer annuel",
    ), montant=(500, 60_000)),
    Subject(FP, 3, {DELIBERATION: 1.0}, (
        "Création d'un poste d'{grade} à temps complet", "Modification du tableau des effectifs",
        "Mise en place du RIFSEEP", "Suppression d'un poste d'{grade}", "Modalités de mise en œuvre du télétravail",
        "Fixation des ratios promus-promouvables (taux de promotion)", "Adhésion au service de médecine préventive du centre de gestion",
        "Affiliation volontaire au centre de gestion de la fonction publique territoriale",
    ), (
        "crée un emploi permanent d'{grade} à temps complet à compter du 1er {mois}",
        "modifie le tableau des effectifs tel qu'annexé à la présente délibération, après avis du comité social territorial",
        "instaure l'IFSE et le CIA selon les plafonds fixés par groupe de fonctions",
        "fixe à 100 % le taux de promotion pour l'ensemble des grades d'avancement",
    )),
    Subject(FP, 3, {INDIVIDUEL: 0.8, CONTRAT: 0.2}, (
        "Recrutement d'un agent contractuel sur emploi permanent", "Contrat d'engagement d'un {grade} contractuel",
        "Recrutement d'un agent contractuel pour accroissement saisonnier d'activité",
        "Contrat de remplacement d'un agent momentanément indisponible", "Licenciement d'un agent contractuel",
        "Nomination stagiaire au grade d'{grade}", "Avancement d'échelon", "Mise en disponibilité pour convenances personnelles",
        "Autorisation de travail à temps partiel", "Arrêté de sanction disciplinaire - blâme",
    ), (
        "recrute {beneficiaire} en qualité d'{grade} contractuel pour une durée de {duree} an(s)",
        "nomme {beneficiaire} stagiaire au grade d'{grade}, échelon 1, à compter du 1er {mois}",
        "place {beneficiaire} en disponibilité pour convenances personnelles pour une durée de {duree} an(s)",
        "prononce le licenciement de {beneficiaire} à l'issue du préavis réglementaire",
        "autorise {beneficiaire} à exercer ses fonctions à temps partiel à 80 %",
    ), beneficiaire=True),
    Subject(INSTIT, 4, {DELIBERATION: 0.8, REGLEMENTAIRE: 0.2}, (
        "Élection du maire et des adjoints", "Délégations consenties au maire (article L2122-22 du CGCT)",
        "Indemnités de fonction des élus", "Désignation des délégués au syndicat {syndicat}",
        "Règlement intérieur du conseil municipal", "Délégation de fonction et de signature à un adjoint",
        "Composition des commissions municipales", "Installation d'un conseiller municipal",
    ), (
        "fixe le montant des indemnités de fonction du maire et des adjoints en pourcentage de l'indice brut terminal",
        "désigne en qualité de délégués titulaires et suppléants au syndicat {syndicat} les conseillers élus à bulletin secret",
        "donne délégation au maire pour la durée du mandat dans les matières énumérées à l'article L2122-22",
        "adopte le règlement intérieur du conseil municipal tel qu'annexé",
        "procède à l'élection des adjoints au scrutin de liste à la majorité absolue",
    )),
    Subject(POLICE, 3.5, {REGLEMENTAIRE: 0.75, INDIVIDUEL: 0.25}, (
        "Réglementation temporaire de la circulation et du stationnement {rue}",
        "Arrêté portant interdiction de stationner - marché hebdomadaire", "Mise en place d'un sens unique {rue}",
        "Limitation de vitesse à 30 km/h en agglomération",
    ), (
        "interdit la circulation et le stationnement de tous véhicules {rue} pendant la durée des travaux",
        "le stationnement est interdit et considéré comme gênant au sens du code de la route",
        "la signalisation réglementaire sera mise en place par les services techniques",
    )),
    Subject(POLICE, 2.5, {REGLEMENTAIRE: 0.4, INDIVIDUEL: 0.6}, (
        "Autorisation d'ouverture d'un débit de boissons temporaire - {fete}",
        "Arrêté portant réglementation des baignades", "Interdiction de la consommation d'alcool sur la voie publique",
        "Mise en demeure - chien susceptible d'être dangereux", "Arrêté de mise en sécurité - immeuble menaçant ruine",
        "Fermeture administrative d'un établissement recevant du public", "Arrêté anti-bruit - lutte contre les nuisances sonores",
    ), (
        "autorise l'association {association} à ouvrir un débit de boissons temporaire de 3e catégorie lors de {fete}",
        "interdit la consommation de boissons alcoolisées sur la voie publique entre 20 h et 6 h",
        "ordonne la fermeture de l'établissement jusqu'à la levée des prescriptions de la commission de sécurité",
        "met en demeure le propriétaire de faire cesser le péril dans un délai de {duree} mois",
        "réglemente la baignade et les activités nautiques dans la zone surveillée",
    )),
    Subject(POLICE, 1.5, {REGLEMENTAIRE: 1.0}, (
        "Obligation du port du masque dans les lieux publics", "Arrêté portant obligation de port du masque - marché",
    ), (
        "rend obligatoire le port du masque de protection pour toute personne de onze ans et plus dans le périmètre défini",
        "dans le cadre de l'état d'urgence sanitaire, le port du masque est obligatoire aux abords des écoles",
    ), years=(2020, 2021)),
    Subject(FIN, 4, {DELIBERATION: 1.0}, (
        "Budget primitif {annee}", "Décision modificative n°{lot}", "Compte administratif {annee}",
        "Vote des taux d'imposition {annee}", "Affectation du résultat de l'exercice", "Débat d'orientation budgétaire",
        "Subventions aux associations {annee}", "Tarifs des services publics communaux {annee}",
        "Garantie d'emprunt accordée à l'office public de l'habitat",
    ), (
        "adopte le budget primitif, équilibré en dépenses et en recettes à la somme de {montant} €",
        "fixe les taux de taxe foncière sur les propriétés bâties et non bâties pour l'année {annee}",
        "approuve la décision modificative et les virements de crédits entre chapitres",
        "attribue les subventions aux associations selon le tableau annexé",
        "accorde sa garantie à hauteur de 50 % pour le remboursement du prêt",
    ), montant=(5_000, 12_000_000)),
    Subject(FIN, 2, {DELIBERATION: 0.8, INDIVIDUEL: 0.2}, (
        "Adoption de la nomenclature budgétaire et comptable M57", "Compte financier unique {annee}",
        "Création d'une régie de recettes", "Nomination d'un régisseur titulaire",
        "Fixation de la durée d'amortissement des immobilisations",
    ), (
        "adopte la nomenclature M57 développée à compter du 1er janvier et le règlement budgétaire et financier",
        "institue une régie de recettes pour l'encaissement des produits de {service}",
        "nomme un régisseur titulaire et un mandataire suppléant",
    ), years=(2021, 2030)),
    Subject(FIN, 1.5, {CONTRAT: 0.6, DELIBERATION: 0.4}, (
        "Contrat de prêt - financement des investissements {annee}", "Souscription d'un emprunt auprès de la Caisse des dépôts",
        "Ligne de trésorerie {annee}",
    ), (
        "décide de contracter un emprunt de {montant} € sur {duree} ans au taux fixe proposé par l'établissement prêteur",
        "autorise le maire à signer le contrat de prêt et à procéder aux déblocages des fonds",
        "ouvre une ligne de trésorerie destinée à faire face à un besoin ponctuel de disponibilités",
    ), montant=(50_000, 5_000_000)),
)

SLOTS: dict[str, tuple[str, ...]] = {
    "travaux": (
        "travaux de réfection de la voirie communale", "travaux de rénovation énergétique de l'école", "construction d'une salle multisports",
        "travaux d'extension du réseau d'assainissement", "aménagement de la traverse du bourg", "réhabilitation de la mairie",
        "travaux d'enfouissement des réseaux secs",
    ),
    "service": (
        "la fourniture de repas en liaison froide", "le nettoyage des locaux communaux", "l'entretien des espaces verts",
        "la fourniture de carburants", "la maintenance de l'éclairage public", "le transport scolaire", "la collecte des déchets",
    ),
    "dsp": ("l'eau potable", "l'assainissement collectif", "la fourrière automobile", "la crèche", "le camping municipal", "la restauration scolaire"),
    "entreprise": ("SARL Bâti-Sud", "SAS Colas Occitanie Voirie", "Eiffage Route", "SCI Les Oliviers", "Entreprise Durance TP", "SAS Garrigues Paysage"),
    "notaire": ("Lacombe", "Vidal-Pujol", "Serres", "Castan"),
    "association": ("Comité des fêtes", "Amicale des sapeurs-pompiers", "Foyer rural", "Union sportive", "APE de l'école"),
    "fete": ("la fête votive", "la fête de la musique", "la brocante annuelle", "le tournoi de pétanque", "la foire aux vins"),
    "rue": ("rue de la République", "avenue Jean Jaurès", "chemin des Vignes", "place de l'Église", "impasse des Cigales", "route de Béziers"),
    "grade": ("adjoint administratif", "adjoint technique", "ATSEM principal", "rédacteur", "agent de maîtrise", "attaché territorial", "animateur"),
    "syndicat": ("d'électrification", "des eaux de la vallée", "de collecte des ordures ménagères", "mixte du bassin versant", "scolaire"),
    "zone": ("UA", "UB", "UD", "1AU", "A", "N"),
    "mois": ("janvier", "mars", "avril", "juin", "septembre", "novembre"),
}

ORGANS = {
    "commune": ("Le conseil municipal", "Le maire"), "communauté de communes": ("Le conseil communautaire", "Le président"),
    "communauté d'agglomération": ("Le conseil communautaire", "Le président"), "métropole": ("Le conseil de la métropole", "Le président"),
    "syndicat": ("Le comité syndical", "Le président"), "département": ("La commission permanente du conseil départemental", "Le président du conseil départemental"),
    "région": ("La commission permanente du conseil régional", "Le président du conseil régional"),
    "établissement public local": ("Le conseil d'administration", "Le directeur"),
}
VISAS: dict[str, tuple[str, ...]] = {
    CP: ("Vu le code de la commande publique", "Vu l'avis de la commission d'appel d'offres", "Vu le rapport d'analyse des offres"),
    URBA: ("Vu le code de l'urbanisme", "Vu le plan local d'urbanisme approuvé", "Vu le SCoT", "Vu l'avis des personnes publiques associées"),
    DOMAINE: ("Vu le code général de la propriété des personnes publiques", "Vu l'avis du pôle d'évaluation domaniale", "Vu le code de la voirie routière"),
    FP: ("Vu le code général de la fonction publique", "Vu l'avis du comité social territorial", "Vu le tableau des effectifs"),
    INSTIT: ("Vu le code électoral", "Vu le procès-verbal d'installation du conseil", "Vu les articles L2122-18 et L2123-20 du CGCT"),
    POLICE: ("Vu les articles L2212-1 et L2213-1 du CGCT", "Vu le code de la route", "Vu le code de la santé publique", "Vu le code de la sécurité intérieure"),
    FIN: ("Vu l'instruction budgétaire et comptable M14", "Vu le rapport d'orientation budgétaire", "Vu l'avis de la commission des finances", "Vu le code général des impôts"),
}
CONSIDERANTS: dict[str, tuple[str, ...]] = {
    CP: ("Considérant que la consultation a été lancée selon une procédure adaptée", "Considérant les critères de jugement des offres (prix 60 %, valeur technique 40 %)"),
    URBA: ("Considérant que le projet respecte les règles de la zone", "Considérant la nécessité d'ouvrir à l'urbanisation la zone 2AU", "Considérant l'avis de l'architecte des Bâtiments de France"),
    DOMAINE: ("Considérant que le bien ne présente plus d'utilité pour le service public", "Considérant que la parcelle est nécessaire au projet d'aménagement"),
    FP: ("Considérant les besoins du service", "Considérant qu'il appartient à l'organe délibérant de fixer l'effectif des emplois", "Considérant la vacance d'emploi déclarée au centre de gestion"),
    INSTIT: ("Considérant qu'il y a lieu de procéder à l'élection", "Considérant le renouvellement général du conseil", "Considérant qu'il convient de faciliter la bonne marche de l'administration communale"),
    POLICE: ("Considérant qu'il appartient au maire d'assurer le bon ordre, la sûreté et la tranquillité publiques", "Considérant les risques pour la sécurité des usagers", "Considérant la nécessité de prévenir les troubles à l'ordre public"),
    FIN: ("Considérant la nécessité d'équilibrer la section de fonctionnement", "Considérant les résultats de l'exercice écoulé", "Considérant les besoins de financement du programme d'investissement"),
}
SHARED = (
    "Les crédits nécessaires sont inscrits au budget de l'exercice.", "Ainsi fait et délibéré les jour, mois et an susdits.",
    "La présente décision peut faire l'objet d'un recours devant le tribunal administratif dans un délai de deux mois.",
    "Le directeur général des services est chargé de l'exécution de la présente.", "Ampliation sera adressée au représentant de l'État.",
    "",
)
ABBREVIATIONS = (
    ("conseil municipal", "CM"), ("délibération", "délib."), ("code général des collectivités territoriales", "CGCT"),
    ("plan local d'urbanisme", "PLU"), ("hors taxes", "HT"), ("article", "art."), ("Considérant", "Cons."),
)


def fill(rng: np.random.Generator, template: str, values: dict[str, str]) -> str:
    """The template with each {slot} drawn from its bank, or taken from the act (montant, bénéficiaire…)."""
    wanted = {name for _, name, _, _ in Formatter().parse(template) if name and name not in values}
    drawn = {slot: SLOTS[slot][rng.integers(len(SLOTS[slot]))] for slot in sorted(wanted)}
    return template.format(**drawn, **values)


GENERIC_TITLES = (
    "Délibération n°{numero}", "Décision du maire n°{numero}", "Arrêté municipal", "Convention", "Acte n°{numero}",
    "Délibération du conseil", "Convention de partenariat", "Arrêté du président", "Questions diverses",
    "Autorisation de signature", "Divers", "Décision prise par délégation (L2122-22)",
)
GENERIC_SHARE = 0.15
"""Share of titles that say nothing of the act: only its text tells the matière."""


def objet(rng: np.random.Generator, subject: Subject, values: dict[str, str]) -> tuple[str, str]:
    """The title typed in @ctes (sometimes generic, in capitals, or prefixed with the act's internal number) and
    the wording it was drawn from (`objet.03` of its kind of act, `generique.07`)."""
    generic = rng.random() < GENERIC_SHARE
    bank = GENERIC_TITLES if generic else subject.objets
    drawn = int(rng.integers(len(bank)))
    title = fill(rng, bank[drawn], values)
    wording = f"generique.{drawn:02d}" if generic else f"objet.{drawn:02d}"
    if rng.random() < 0.15:
        title = title.upper()
    if rng.random() < 0.2:
        title = f"{values['numero']} - {title}"
    return title, wording


def texte(rng: np.random.Generator, subject: Subject, nature: str, organ: tuple[str, str], values: dict[str, str]) -> str:
    """The body of the act: who decides, visas, considérants (some borrowed from a neighbouring matière), dispositif."""
    matiere = subject.matiere
    if nature == DELIBERATION:
        opening = f"{organ[0]}, réuni en séance ordinaire sous la présidence de son maire, Vu le CGCT,"
    elif nature == CONTRAT:
        opening = "Entre les soussignés : la collectivité, représentée par son exécutif dûment habilité, et le cocontractant, il est convenu ce qui suit."
    else:
        opening = f"{organ[1]}, Vu le code général des collectivités territoriales,"
    borrowed = MATIERES[rng.integers(len(MATIERES))]
    parts = [
        opening, *(visa + " ;" for visa in _two(rng, VISAS[matiere])),
        phrase(rng, CONSIDERANTS[matiere]) + " ;",
        phrase(rng, CONSIDERANTS[borrowed]) + " ;" if rng.random() < 0.3 else "",
        "Après en avoir délibéré, DÉCIDE :" if nature == DELIBERATION else "ARRÊTE :" if nature != CONTRAT else "",
        "Article 1 : " + fill(rng, subject.dispositifs[rng.integers(len(subject.dispositifs))], values) + ".",
        phrase(rng, SHARED), phrase(rng, SHARED),
    ]
    if nature == DELIBERATION:
        votes = rng.integers(7, 33)
        parts.append(f"Votants : {votes} - Pour : {votes - rng.integers(0, 4)} - Contre : {rng.integers(0, 3)}")
    return noisy(rng, " ".join(part for part in parts if part))


def _two(rng: np.random.Generator, bank: tuple[str, ...]) -> tuple[str, str]:
    """Two different pieces of the bank (cheaper than `choice(..., replace=False)`, called once per act)."""
    first = int(rng.integers(len(bank)))
    second = (first + 1 + int(rng.integers(len(bank) - 1))) % len(bank)
    return bank[first], bank[second]


def noisy(rng: np.random.Generator, text: str) -> str:
    """Abbreviations, OCR slips of scanned acts, and typos, as the files really arrive."""
    for long, short in ABBREVIATIONS:
        if long in text and rng.random() < 0.3:
            text = text.replace(long, short)
    if rng.random() < 0.1:  # a scanned act: OCR splits apostrophes and ligatures
        text = text.replace("l'", "l '").replace("fi", "ﬁ").replace("é", "e")
    if rng.random() < 0.25:
        words = text.split()
        i = int(rng.integers(len(words)))
        if len(words[i]) > 4:
            j = int(rng.integers(1, len(words[i]) - 2))
            words[i] = words[i][:j] + words[i][j + 1] + words[i][j] + words[i][j + 2:]
        text = " ".join(words)
    return text
