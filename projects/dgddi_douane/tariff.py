"""A slice of the Combined Nomenclature: the headings the synthetic declarations use, their duty, their goods.

`HEADINGS` gives, for each 4-digit heading, its chapter, the third-country (erga omnes) ad valorem duty in %
(rounded from TARIC, specific duties and anti-dumping left out), how its goods are described in French and in the
English of exporters' invoices, and the typical value per kilogram. `EVASIONS` lists the cheaper headings importers
declare instead (a television as a computer monitor, a porcelain set as plastic tableware).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    chapter: str
    duty: float
    """Ad valorem third-country duty, in %."""
    weight: float
    """Share of declarations."""
    french: tuple[str, ...]
    english: tuple[str, ...]
    euro_per_kg: float


HEADINGS: dict[str, Heading] = {
    "0303": Heading("03", 15.0, 2, ("filets de cabillaud congelés", "poisson congelé entier", "thon albacore congelé", "merlu congelé en blocs"), ("frozen cod fillets", "frozen whole fish", "frozen yellowfin tuna"), 5),
    "0306": Heading("03", 12.0, 2, ("crevettes congelées décortiquées", "crevettes tropicales crues surgelées", "langoustines congelées"), ("frozen shrimps peeled", "frozen vannamei shrimp HOSO"), 9),
    "0804": Heading("08", 4.0, 2, ("avocats frais", "mangues fraîches", "ananas frais", "dattes Medjool"), ("fresh avocados hass", "fresh mangoes", "medjool dates"), 2.5),
    "0805": Heading("08", 16.0, 2, ("oranges fraîches", "clémentines", "citrons verts frais", "pamplemousses"), ("fresh oranges", "fresh clementines", "fresh limes"), 1.2),
    "0901": Heading("09", 0.0, 2, ("café vert non torréfié en sacs", "café arabica en grains", "café robusta vert"), ("green coffee beans arabica", "raw coffee robusta"), 4),
    "0902": Heading("09", 3.2, 1, ("thé vert en vrac", "thé noir en sachets", "thé Earl Grey"), ("green tea loose leaf", "black tea bags"), 9),
    "3004": Heading("30", 0.0, 2, ("médicaments conditionnés pour la vente au détail", "comprimés de paracétamol en boîtes", "antibiotiques en gélules"), ("medicaments in measured doses", "paracetamol tablets retail packs"), 60),
    "3304": Heading("33", 0.0, 3, ("crème hydratante pour le visage", "rouge à lèvres", "palette de maquillage", "crème solaire", "vernis à ongles"), ("face cream moisturizer", "lipstick", "makeup palette", "sunscreen lotion"), 25),
    "3923": Heading("39", 6.5, 3, ("sacs en plastique polyéthylène", "bouteilles en PET vides", "bouchons plastiques", "boîtes de conditionnement en plastique"), ("plastic bags PE", "PET bottles preforms", "plastic caps"), 3),
    "3924": Heading("39", 6.5, 2, ("vaisselle en plastique", "boîtes alimentaires en plastique", "gobelets plastique réutilisables"), ("plastic tableware", "plastic food containers"), 4),
    "3926": Heading("39", 6.5, 3, ("coques de protection pour téléphone en plastique", "accessoires en plastique", "porte-clés en PVC", "articles de bureau en plastique"), ("plastic phone case", "PVC keychains", "plastic accessories"), 8),
    "4011": Heading("40", 4.5, 2, ("pneumatiques neufs pour voitures de tourisme", "pneus neufs 205/55 R16", "pneus poids lourds neufs"), ("new pneumatic tyres for cars", "new tires 195/65R15"), 3.5),
    "4015": Heading("40", 2.7, 2, ("gants en nitrile jetables", "gants d'examen en latex", "gants en caoutchouc ménage"), ("nitrile disposable gloves", "latex examination gloves"), 6),
    "4202": Heading("42", 3.7, 3, ("sacs à main en cuir", "valises à roulettes", "portefeuilles en cuir", "sacs à dos", "trousses de toilette"), ("leather handbags", "trolley suitcases", "leather wallets", "backpacks"), 18),
    "4418": Heading("44", 3.0, 1, ("portes en bois", "fenêtres en bois", "parquet contrecollé en chêne"), ("wooden doors", "engineered oak flooring"), 3),
    "4421": Heading("44", 4.0, 1, ("cintres en bois", "ustensiles de cuisine en bois", "baguettes en bambou"), ("wooden hangers", "bamboo chopsticks", "wooden kitchen utensils"), 4),
    "6104": Heading("61", 12.0, 3, ("robes en maille pour femmes", "leggings en bonneterie", "ensembles en maille femme"), ("women's knitted dresses", "knit leggings ladies"), 25),
    "6109": Heading("61", 12.0, 5, ("T-shirts en coton pour hommes", "tee-shirts en bonneterie coton", "débardeurs en maille", "T-shirts enfants imprimés"), ("men's cotton T-shirts knitted", "tee shirts 100% cotton jersey", "kids printed t-shirts"), 22),
    "6110": Heading("61", 12.0, 3, ("pulls en maille", "sweat-shirts à capuche", "cardigans en laine", "gilets en maille"), ("knitted pullovers", "hooded sweatshirts", "wool cardigans"), 20),
    "6203": Heading("62", 12.0, 4, ("pantalons en denim pour hommes", "jeans hommes", "costumes hommes en laine", "shorts en coton tissé"), ("men's denim jeans woven", "men's suits wool", "woven cotton shorts"), 18),
    "6204": Heading("62", 12.0, 3, ("robes tissées pour femmes", "jupes en coton", "tailleurs pour femmes"), ("women's woven dresses", "ladies skirts cotton"), 24),
    "6205": Heading("62", 12.0, 2, ("chemises en coton pour hommes", "chemises tissées manches longues"), ("men's woven cotton shirts", "long sleeve shirts"), 22),
    "6302": Heading("63", 12.0, 2, ("linge de lit en coton", "draps housses", "serviettes de bain en éponge", "nappes"), ("cotton bed linen", "bath towels terry", "fitted sheets"), 10),
    "6307": Heading("63", 6.3, 2, ("masques de protection en tissu", "serpillières", "gilets de sauvetage", "ceintures de sécurité textiles"), ("fabric face masks", "floor cloths", "life jackets"), 12),
    "6402": Heading("64", 17.0, 3, ("chaussures à semelles et dessus en caoutchouc", "tongs", "bottes de pluie en caoutchouc", "sandales en plastique"), ("rubber sole plastic upper shoes", "flip flops", "rain boots"), 12),
    "6403": Heading("64", 8.0, 3, ("chaussures en cuir pour hommes", "bottines en cuir", "escarpins dessus cuir"), ("men's leather shoes", "leather ankle boots"), 25),
    "6404": Heading("64", 17.0, 3, ("baskets à dessus en textile", "chaussures de sport en toile", "espadrilles"), ("textile upper sneakers", "canvas sports shoes"), 15),
    "6406": Heading("64", 3.0, 1, ("semelles de chaussures", "dessus de chaussures non assemblés", "talons en plastique"), ("shoe soles", "shoe uppers unassembled"), 8),
    "6911": Heading("69", 12.0, 2, ("service de table en porcelaine", "assiettes en porcelaine", "tasses en porcelaine"), ("porcelain dinner set", "porcelain plates and mugs"), 3),
    "6912": Heading("69", 9.0, 2, ("vaisselle en grès", "mugs en céramique", "pots de fleurs en terre cuite"), ("ceramic mugs", "stoneware tableware", "terracotta flower pots"), 2),
    "7113": Heading("71", 2.5, 1, ("bagues en or 18 carats", "colliers en argent", "bijoux en or"), ("18k gold rings", "silver necklaces 925"), 6000),
    "7117": Heading("71", 4.0, 2, ("bijoux fantaisie", "boucles d'oreilles en métal", "bracelets fantaisie"), ("fashion jewelry", "imitation jewellery earrings"), 60),
    "7318": Heading("73", 3.7, 2, ("vis en acier", "boulons et écrous en acier", "rondelles en acier"), ("steel screws", "bolts and nuts steel"), 2.5),
    "7326": Heading("73", 2.7, 2, ("ouvrages en fer ou acier", "crochets en acier", "supports métalliques"), ("articles of iron or steel", "steel brackets"), 3),
    "8414": Heading("84", 2.2, 2, ("ventilateurs", "compresseurs d'air", "pompes à vide"), ("electric fans", "air compressors"), 10),
    "8450": Heading("84", 2.6, 1, ("machines à laver le linge", "lave-linge hublot 8 kg"), ("washing machines front load",), 6),
    "8471": Heading("84", 0.0, 4, ("ordinateurs portables", "unités centrales", "serveurs informatiques", "tablettes tactiles", "moniteurs pour ordinateur"), ("laptop computers", "notebook PC", "computer servers", "tablet PC"), 120),
    "8473": Heading("84", 0.0, 2, ("claviers d'ordinateur", "parties et accessoires de machines automatiques de traitement de l'information", "cartes mères"), ("computer keyboards", "motherboards", "computer parts"), 80),
    "8504": Heading("85", 1.0, 2, ("chargeurs pour téléphones", "adaptateurs secteur", "transformateurs électriques"), ("phone chargers", "power adapters"), 20),
    "8516": Heading("85", 2.7, 3, ("sèche-cheveux", "bouilloires électriques", "fers à repasser", "fours à micro-ondes", "radiateurs électriques"), ("hair dryers", "electric kettles", "microwave ovens"), 12),
    "8517": Heading("85", 0.0, 5, ("téléphones portables", "smartphones", "routeurs wifi", "écouteurs sans fil bluetooth"), ("mobile phones", "smartphones 128GB", "wifi routers", "wireless earbuds"), 250),
    "8528": Heading("85", 14.0, 2, ("téléviseurs LED 55 pouces", "téléviseurs OLED", "vidéoprojecteurs"), ("LED TV 55 inch", "smart TV OLED", "projectors"), 20),
    "8544": Heading("85", 3.7, 2, ("câbles USB", "câbles électriques isolés", "câbles HDMI"), ("USB cables", "insulated electric wire", "HDMI cables"), 15),
    "8703": Heading("87", 10.0, 2, ("voitures particulières neuves", "véhicule automobile électrique", "véhicule de tourisme hybride"), ("new passenger cars", "electric vehicle"), 18),
    "8708": Heading("87", 4.5, 3, ("pièces détachées automobiles", "plaquettes de frein", "pare-chocs", "embrayages pour voitures"), ("auto parts", "brake pads", "car bumpers"), 8),
    "8711": Heading("87", 6.0, 1, ("vélos à assistance électrique", "scooters électriques", "motocyclettes 125 cm3"), ("electric bicycles", "e-bikes pedelec", "motorcycles 125cc"), 25),
    "8712": Heading("87", 14.0, 1, ("bicyclettes", "vélos de route", "VTT"), ("bicycles", "mountain bikes"), 20),
    "9004": Heading("90", 2.9, 2, ("lunettes de soleil", "lunettes de protection"), ("sunglasses", "safety goggles"), 70),
    "9018": Heading("90", 0.0, 2, ("instruments médicaux", "seringues", "stéthoscopes", "tensiomètres"), ("medical instruments", "syringes", "blood pressure monitors"), 40),
    "9401": Heading("94", 0.0, 3, ("chaises de bureau", "canapés", "fauteuils", "sièges rembourrés"), ("office chairs", "sofas", "armchairs"), 6),
    "9403": Heading("94", 0.0, 3, ("meubles en bois", "tables", "armoires", "meubles de cuisine"), ("wooden furniture", "tables", "wardrobes"), 4),
    "9405": Heading("94", 4.7, 2, ("luminaires", "lampes de bureau", "guirlandes lumineuses", "appliques LED"), ("LED lamps", "light fittings", "string lights"), 12),
    "9503": Heading("95", 4.7, 4, ("jouets", "poupées", "peluches", "jeux de construction", "voitures télécommandées jouets", "puzzles"), ("toys", "dolls", "plush toys", "building blocks", "RC toy cars"), 10),
    "9504": Heading("95", 0.0, 1, ("consoles de jeux vidéo", "cartes à jouer", "jeux de société"), ("video game consoles", "playing cards", "board games"), 30),
    "9506": Heading("95", 2.7, 2, ("articles de sport", "tapis de yoga", "raquettes de tennis", "haltères"), ("sports equipment", "yoga mats", "dumbbells"), 6),
}

# Cheaper headings declared instead of the true one, in another chapter: what a text model can catch.
EVASIONS: dict[str, tuple[str, ...]] = {
    "8528": ("8471",), "6911": ("3924",), "6912": ("3924",), "6109": ("6307",), "6110": ("6307",),
    "6104": ("6307",), "6204": ("6307",), "6203": ("6307",), "6402": ("3926",), "6404": ("4202", "9506"),
    "8712": ("9506",), "8711": ("9506",), "7117": ("7326",), "8516": ("8473",), "9405": ("8544",),
    "0805": ("0804",), "0303": ("0306",), "3926": ("9403",), "9503": ("9504", "9403"), "6302": ("6307",),
}
# Cheaper headings in the same chapter: real evasion, but invisible to a model that predicts chapters.
SAME_CHAPTER_EVASIONS: dict[str, tuple[str, ...]] = {"6402": ("6406",), "6404": ("6406",), "8703": ("8708",), "8712": ("8711",)}

VAGUE = ("pièces détachées", "accessoires divers", "échantillons", "marchandises diverses", "articles de ménage", "PARTS", "GENERAL CARGO", "cadeaux")
"""Libellés that say nothing of the goods: the customs code (article 84) forbids them, declarants still write them."""


# Generic wordings that fit several chapters: the libellé names the material or the trade, not the goods.
GENERIC: dict[str, tuple[str, ...]] = {
    "textile": ("articles textiles", "vêtements", "confection", "GARMENTS", "textile products", "prêt-à-porter"),
    "electronique": ("produits électroniques", "matériel électrique", "ELECTRONIC GOODS", "appareils électriques", "high-tech"),
    "plastique": ("articles en plastique", "PLASTIC GOODS", "produits en matière plastique", "articles de maison"),
    "alimentaire": ("denrées alimentaires", "produits alimentaires", "FOODSTUFF", "produits frais"),
    "metal": ("ouvrages en métal", "quincaillerie", "METAL PARTS", "articles métalliques"),
    "maison": ("articles de décoration", "HOME GOODS", "équipement de la maison", "mobilier et décoration"),
    "loisirs": ("articles de loisirs", "produits pour enfants", "LEISURE PRODUCTS", "articles de sport et jeux"),
    "vehicule": ("pièces et accessoires", "matériel de transport", "SPARE PARTS"),
}
FAMILY = {
    "03": "alimentaire", "08": "alimentaire", "09": "alimentaire", "30": "maison", "33": "maison", "39": "plastique",
    "40": "vehicule", "42": "textile", "44": "maison", "61": "textile", "62": "textile", "63": "textile", "64": "textile",
    "69": "maison", "71": "metal", "73": "metal", "84": "electronique", "85": "electronique", "87": "vehicule",
    "90": "electronique", "94": "maison", "95": "loisirs",
}


def chapters() -> list[str]:
    return sorted({heading.chapter for heading in HEADINGS.values()})


def chapter_duty() -> dict[str, float]:
    """Typical duty of a chapter: the declaration-weighted mean of its headings, to price a predicted chapter."""
    totals: dict[str, list[float]] = {}
    for heading in HEADINGS.values():
        totals.setdefault(heading.chapter, [0.0, 0.0])
        totals[heading.chapter][0] += heading.weight * heading.duty
        totals[heading.chapter][1] += heading.weight
    return {chapter: round(total / weight, 2) for chapter, (total, weight) in totals.items()}
