"""A reference library of water contaminants, positive electrospray: each molecule's formula (from which its [M+H]+
monoisotopic m/z and its isotope pattern are computed) and its main MS/MS fragments with relative intensities.

Chosen among the substances of the French watch lists and of INERIS's suspect screening: triazine herbicides and
their metabolites, chloroacetanilides and their ESA/OXA metabolites (found in most French groundwater), ureas,
pharmaceuticals, xanthines, corrosion inhibitors, a PFAS and neonicotinoids. The library is hard on purpose, as the
real one is: isomer groups share formula, mass and isotope pattern and are told apart only by their fragments and
their retention time (propazine, terbuthylazine, sébuthylazine; simazine and déséthylterbuthylazine; terbutryne and
prométryne; acétochlore and alachlore and their ESA metabolites; oxcarbazépine and époxycarbamazépine; tramadol and
the two desméthylvenlafaxines; théophylline, paraxanthine and théobromine). Formulas are the real ones; fragment
lists are simplified (the two or four main ions, of the right order), not a certified library.
"""

from __future__ import annotations

import re
from math import comb

MONOISOTOPIC = {"C": 12.0, "H": 1.00782503, "N": 14.00307401, "O": 15.99491462, "S": 31.97207069,
                "Cl": 34.96885271, "F": 18.99840320}
PROTON = 1.00727646
C13_SHIFT, CL37_SHIFT, S34_SHIFT = 1.003355, 1.997050, 1.995796

# name: (formula, {fragment m/z: relative intensity})
LIBRARY: dict[str, tuple[str, dict[float, float]]] = {
    "atrazine": ("C8H14ClN5", {174.0541: 100, 104.0010: 35, 132.0323: 20, 68.0243: 12, 146.0228: 8}),
    "terbuthylazine": ("C9H16ClN5", {174.0541: 100, 104.0010: 25, 132.0323: 18, 68.0243: 8}),
    "propazine": ("C9H16ClN5", {188.0697: 100, 146.0228: 40, 104.0010: 15, 68.0243: 10}),
    "sébuthylazine": ("C9H16ClN5", {174.0541: 100, 188.0697: 30, 104.0010: 20, 146.0228: 15, 68.0243: 6}),
    "simazine": ("C7H12ClN5", {132.0323: 100, 124.0870: 45, 104.0010: 30, 68.0243: 15}),
    "déséthylterbuthylazine": ("C7H12ClN5", {146.0228: 100, 104.0010: 35, 79.0058: 12, 68.0243: 10}),
    "déséthylatrazine": ("C6H10ClN5", {146.0228: 100, 104.0010: 40, 79.0058: 15}),
    "déisopropylatrazine": ("C5H8ClN5", {132.0323: 100, 104.0010: 45, 79.0058: 20, 68.0243: 15}),
    "hydroxyatrazine": ("C8H15N5O", {156.0880: 100, 114.0410: 45, 86.0461: 30, 69.0196: 10}),
    "terbutryne": ("C10H19N5S", {186.1015: 100, 96.0556: 25, 91.0325: 15, 68.0243: 10}),
    "prométryne": ("C10H19N5S", {200.1172: 100, 158.0702: 55, 116.0233: 20, 68.0243: 10}),
    "métolachlore": ("C15H22ClNO2", {252.1150: 100, 176.1434: 60, 134.0964: 20}),
    "métolachlore ESA": ("C15H23NO5S", {121.0648: 100, 80.9642: 60, 146.0600: 25, 298.1108: 15}),
    "métolachlore OXA": ("C15H21NO4", {248.1281: 100, 174.1277: 40, 146.0964: 25}),
    "acétochlore": ("C14H20ClNO2", {224.0837: 100, 148.1121: 70, 133.0886: 20}),
    "alachlore": ("C14H20ClNO2", {238.0993: 100, 162.1277: 80, 132.0808: 30, 224.0837: 10}),
    "acétochlore ESA": ("C14H21NO5S", {146.0600: 100, 80.9642: 50, 162.0913: 30, 284.0849: 10}),
    "alachlore ESA": ("C14H21NO5S", {160.1121: 100, 80.9642: 45, 146.0600: 30, 270.0693: 15}),
    "métazachlore": ("C14H16ClN3O", {134.0964: 100, 210.0680: 45, 105.0699: 20}),
    "chlortoluron": ("C10H13ClN2O", {72.0444: 100, 140.0262: 25, 46.0651: 10}),
    "isoproturon": ("C12H18N2O", {72.0444: 100, 165.1022: 35, 134.0964: 12}),
    "diuron": ("C9H10Cl2N2O", {72.0444: 100, 159.9715: 20, 46.0651: 10}),
    "linuron": ("C9H10Cl2N2O2", {159.9715: 100, 182.0236: 55, 133.0294: 10}),
    "carbamazépine": ("C15H12N2O", {194.0964: 100, 192.0808: 30, 165.0699: 15}),
    "oxcarbazépine": ("C15H12N2O2", {180.0808: 100, 208.0757: 60, 236.0706: 20}),
    "époxycarbamazépine": ("C15H12N2O2", {180.0808: 100, 210.0913: 70, 236.0706: 35, 194.0964: 10}),
    "diclofénac": ("C14H11Cl2NO2", {250.0185: 100, 214.0418: 65, 215.0496: 20}),
    "sulfaméthoxazole": ("C10H11N3O3S", {156.0114: 100, 108.0444: 55, 92.0495: 45}),
    "triméthoprime": ("C14H18N4O3", {230.1162: 100, 261.0982: 55, 123.0665: 30}),
    "métoprolol": ("C15H25NO3", {116.1070: 100, 159.0804: 40, 133.0648: 25, 74.0600: 15}),
    "aténolol": ("C14H22N2O3", {145.0648: 100, 190.0863: 45, 116.1070: 30, 74.0600: 20}),
    "propranolol": ("C16H21NO2", {116.1070: 100, 183.0804: 35, 155.0855: 20, 74.0600: 15}),
    "venlafaxine": ("C17H27NO2", {58.0651: 100, 260.2009: 30, 121.0648: 20}),
    "tramadol": ("C16H25NO2", {58.0651: 100, 246.1852: 15}),
    "O-desméthylvenlafaxine": ("C16H25NO2", {58.0651: 100, 246.1852: 40, 107.0491: 25, 157.1012: 10}),
    "N-desméthylvenlafaxine": ("C16H25NO2", {44.0495: 100, 246.1852: 35, 121.0648: 30, 215.1430: 10}),
    "caféine": ("C8H10N4O2", {138.0662: 100, 110.0713: 25, 83.0604: 10}),
    "théophylline": ("C7H8N4O2", {124.0505: 100, 96.0556: 30, 69.0447: 10}),
    "paraxanthine": ("C7H8N4O2", {124.0505: 100, 142.0611: 20, 69.0447: 25, 96.0556: 10}),
    "théobromine": ("C7H8N4O2", {163.0614: 100, 138.0662: 70, 110.0713: 30}),
    "irbésartan": ("C25H28N6O", {207.0917: 100, 195.0917: 40, 180.0808: 20}),
    "losartan": ("C22H23ClN6O", {207.0917: 100, 405.1589: 45, 377.1528: 15}),
    "benzotriazole": ("C6H5N3", {65.0386: 100, 92.0495: 60}),
    "tolyltriazole": ("C7H7N3", {79.0542: 100, 106.0651: 55, 77.0386: 20}),
    "acide perfluorooctanoïque": ("C8HF15O2", {368.9738: 100, 168.9888: 30, 218.9856: 20}),
    "imidaclopride": ("C9H10ClN5O2", {209.0589: 100, 175.0979: 70, 210.0667: 20}),
    "acétamipride": ("C10H11ClN4", {126.0105: 100, 56.0495: 30, 90.0338: 15}),
    "thiaclopride": ("C10H9ClN4S", {126.0105: 100, 90.0338: 15, 186.0130: 10}),
    "thiaméthoxame": ("C8H10ClN5O3S", {211.0643: 100, 181.0537: 40, 132.0110: 25}),
    "clothianidine": ("C6H8ClN5O2S", {132.0110: 100, 169.0540: 60, 113.0381: 20}),
}

FAMILIES: dict[str, tuple[str, ...]] = {
    "triazines chlorées": ("atrazine", "terbuthylazine", "propazine", "sébuthylazine", "simazine"),
    "métabolites de triazines": ("déséthylterbuthylazine", "déséthylatrazine", "déisopropylatrazine", "hydroxyatrazine"),
    "méthylthiotriazines": ("terbutryne", "prométryne"),
    "chloroacétanilides": ("métolachlore", "acétochlore", "alachlore", "métazachlore"),
    "métabolites ESA et OXA": ("métolachlore ESA", "métolachlore OXA", "acétochlore ESA", "alachlore ESA"),
    "phénylurées": ("chlortoluron", "isoproturon"),
    "dichlorophénylurées": ("diuron", "linuron"),
    "antiépileptiques": ("carbamazépine", "oxcarbazépine", "époxycarbamazépine"),
    "anti-inflammatoires": ("diclofénac",),
    "antibiotiques": ("sulfaméthoxazole", "triméthoprime"),
    "bêtabloquants": ("métoprolol", "aténolol", "propranolol"),
    "antidépresseurs": ("venlafaxine", "O-desméthylvenlafaxine", "N-desméthylvenlafaxine"),
    "opioïdes": ("tramadol",),
    "caféine": ("caféine",),
    "diméthylxanthines": ("théophylline", "paraxanthine", "théobromine"),
    "sartans": ("irbésartan", "losartan"),
    "benzotriazoles": ("benzotriazole", "tolyltriazole"),
    "PFAS": ("acide perfluorooctanoïque",),
    "néonicotinoïdes chloropyridinyles": ("imidaclopride", "acétamipride", "thiaclopride"),
    "néonicotinoïdes chlorothiazolyles": ("thiaméthoxame", "clothianidine"),
}
"""The chemical family of each molecule: what the held-out split keeps whole (a family the model never saw)."""
FAMILY = {name: family for family, names in FAMILIES.items() for name in names}

UNKNOWN = "inconnu"
"""The label of a feature whose molecule is not in the library (confirmed otherwise, or never identified)."""


def elements(formula: str) -> dict[str, int]:
    """'C8H14ClN5' → {'C': 8, 'H': 14, 'Cl': 1, 'N': 5}."""
    counts: dict[str, int] = {}
    for symbol, number in re.findall(r"([A-Z][a-z]?)(\d*)", formula):
        if symbol not in MONOISOTOPIC:
            raise ValueError(f"library formula {formula!r}: unknown element {symbol!r}")
        counts[symbol] = counts.get(symbol, 0) + int(number or 1)
    return counts


def precursor_mz(formula: str) -> float:
    """Monoisotopic m/z of the protonated molecule [M+H]+."""
    return sum(MONOISOTOPIC[symbol] * n for symbol, n in elements(formula).items()) + PROTON


def isotope_pattern(formula: str) -> dict[float, float]:
    """The MS1 isotope pattern (relative to the monoisotopic peak = 100): 13C at M+1; 37Cl (binomial), 34S and two
    13C at M+2, M+4… — the approximations an analyst checks by eye."""
    counts = elements(formula)
    mz, carbons, chlorines, sulphurs = precursor_mz(formula), counts.get("C", 0), counts.get("Cl", 0), counts.get("S", 0)
    pattern = {mz: 100.0, mz + C13_SHIFT: 1.08 * carbons + 0.37 * counts.get("N", 0)}
    m2 = 4.4 * sulphurs + 0.2 * counts.get("O", 0) + (1.08 * carbons) ** 2 / 200
    for k in range(1, chlorines + 1):  # 37Cl/35Cl = 0.3196
        pattern[mz + k * CL37_SHIFT] = 100.0 * comb(chlorines, k) * 0.3196**k + (m2 if k == 1 else 0.0)
    if chlorines == 0 and m2 > 0:
        pattern[mz + (S34_SHIFT if sulphurs else 2 * C13_SHIFT)] = m2
    return {m: round(i, 2) for m, i in pattern.items() if i >= 0.5}
