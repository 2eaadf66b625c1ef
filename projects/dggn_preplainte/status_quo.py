"""What sorts pre-complaints today without a model: a keyword lexicon per offence, as an intake clerk's search or
a routing rule of the form would (`reference/lexique_natures.csv`, weights 2 for the telling words); a request
with none of the words stays "hors_perimetre", the most frequent answer. A real table replaces the file."""

from __future__ import annotations



from .model import LEXICON, TEXT



def make():
    """The unfitted rule (scikit-learn is imported here, not when projects are listed)."""
    from projects._shared.lexicon import KeywordLexicon

    return KeywordLexicon(str(LEXICON), TEXT)
