"""What routes a call today without a model: a keyword lexicon per intent, as an interactive voice menu or a
clerk's routing rule would (`reference/lexique_intentions.csv`, weights 2 for the telling words). A real routing
table replaces the file without a code change."""

from __future__ import annotations


from .model import LEXICON, TEXT



def make():
    """The unfitted rule (scikit-learn is imported here, not when projects are listed)."""
    from projects._shared.lexicon import KeywordLexicon

    return KeywordLexicon(str(LEXICON), TEXT)
