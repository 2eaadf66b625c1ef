"""A reference library of water contaminants: [M+H]+ monoisotopic m/z, elements that shape the isotope pattern
(carbons, chlorines, sulphurs) and the main MS/MS fragments with relative intensities (positive electrospray).
Values are of the right order for these molecules; the fragment lists are simplified, not a certified library.
"""

from __future__ import annotations

# name: (m/z [M+H]+, carbons, chlorines, sulphurs, {fragment m/z: relative intensity})
LIBRARY: dict[str, tuple[float, int, int, int, dict[float, float]]] = {
    "atrazine": (216.1010, 8, 1, 0, {174.0541: 100, 104.0010: 35, 132.0323: 20, 68.0243: 12}),
    "terbuthylazine": (230.1167, 9, 1, 0, {174.0541: 100, 104.0010: 25, 132.0323: 18, 68.0243: 8}),
    "propazine": (230.1167, 9, 1, 0, {188.0697: 100, 146.0228: 40, 104.0010: 15, 68.0243: 10}),
    "simazine": (202.0854, 7, 1, 0, {132.0323: 100, 124.0870: 45, 104.0010: 30, 68.0243: 15}),
    "déséthylatrazine": (188.0697, 6, 1, 0, {146.0228: 100, 104.0010: 40, 79.0058: 15}),
    "métolachlore": (284.1412, 15, 1, 0, {252.1150: 100, 176.1434: 60, 134.0964: 20}),
    "métazachlore": (278.1055, 14, 1, 0, {134.0964: 100, 210.0680: 45, 105.0699: 20}),
    "chlortoluron": (213.0789, 10, 1, 0, {72.0444: 100, 140.0262: 25, 46.0651: 10}),
    "isoproturon": (207.1492, 12, 0, 0, {72.0444: 100, 165.1022: 35, 134.0964: 12}),
    "diuron": (233.0243, 9, 2, 0, {72.0444: 100, 159.9715: 20, 46.0651: 10}),
    "linuron": (249.0192, 9, 2, 0, {159.9715: 100, 182.0236: 55, 133.0294: 10}),
    "carbamazépine": (237.1022, 15, 0, 0, {194.0964: 100, 192.0808: 30, 165.0699: 15}),
    "oxcarbazépine": (253.0972, 15, 0, 0, {180.0808: 100, 208.0757: 60, 236.0706: 20}),
    "diclofénac": (296.0240, 14, 2, 0, {250.0185: 100, 214.0418: 65, 215.0496: 20}),
    "sulfaméthoxazole": (254.0594, 10, 0, 1, {156.0114: 100, 108.0444: 55, 92.0495: 45}),
    "triméthoprime": (291.1452, 14, 0, 0, {230.1162: 100, 261.0982: 55, 123.0665: 30}),
    "métoprolol": (268.1907, 15, 0, 0, {116.1070: 100, 159.0804: 40, 133.0648: 25, 74.0600: 15}),
    "aténolol": (267.1703, 14, 0, 0, {145.0648: 100, 190.0863: 45, 116.1070: 30, 74.0600: 20}),
    "propranolol": (260.1645, 16, 0, 0, {116.1070: 100, 183.0804: 35, 155.0855: 20, 74.0600: 15}),
    "venlafaxine": (278.2115, 17, 0, 0, {58.0651: 100, 260.2009: 30, 121.0648: 20}),
    "tramadol": (264.1958, 16, 0, 0, {58.0651: 100, 246.1852: 15}),
    "caféine": (195.0877, 8, 0, 0, {138.0662: 100, 110.0713: 25, 83.0604: 10}),
    "irbésartan": (429.2503, 25, 0, 0, {207.0917: 100, 195.0917: 40, 180.0808: 20}),
    "losartan": (423.1695, 22, 1, 0, {207.0917: 100, 405.1589: 45, 377.1528: 15}),
    "benzotriazole": (120.0556, 6, 0, 0, {65.0386: 100, 92.0495: 60}),
    "tolyltriazole": (134.0713, 7, 0, 0, {79.0542: 100, 106.0651: 55, 77.0386: 20}),
    "acide perfluorooctanoïque": (414.9793, 8, 0, 0, {368.9738: 100, 168.9888: 30, 218.9856: 20}),
    "imidaclopride": (256.0596, 9, 1, 0, {209.0589: 100, 175.0979: 70, 210.0667: 20}),
    "acétamipride": (223.0745, 10, 1, 0, {126.0105: 100, 56.0495: 30, 90.0338: 15}),
    "thiaméthoxame": (292.0266, 8, 1, 1, {211.0643: 100, 181.0537: 40, 132.0110: 25}),
}
"""Chosen among the substances of the French surface-water watch lists: triazine herbicides (terbuthylazine and
propazine are isomers: same mass and isotope pattern, told apart by their fragments and retention), ureas,
chloroacetanilides, pharmaceuticals, corrosion inhibitors, PFAS and neonicotinoids."""
