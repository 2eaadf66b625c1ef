"""What sorts acts today without a model: a keyword lexicon per matière read in the act's title (OBJET), as a
prefecture's routing table would (`reference/lexique_matieres.csv`); a title with none of the words goes to the
most frequent matière. A real routing table replaces the file without a code change."""

from __future__ import annotations

from pathlib import Path


LEXICON = Path(__file__).parent / "reference" / "lexique_matieres.csv"
TITLE = "OBJET"



def make():
    """The unfitted rule (scikit-learn is imported here, not when projects are listed)."""
    from projects._shared.lexicon import KeywordLexicon

    return KeywordLexicon(str(LEXICON), TITLE)
