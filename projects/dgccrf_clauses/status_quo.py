"""What an investigator's first pass does without a model: search each clause for the tell-tale expressions of the
black and grey lists (R212-1 and R212-2 of the code de la consommation) and of the Commission des clauses
abusives' recommendations ("sans préavis", "à titre indicatif", "restera acquis"…), in
`reference/lexique_clauses_abusives.csv`. A clause with none of them is presumed licit."""

from __future__ import annotations



from .model import LEXICON, TEXT



def make():
    """The unfitted rule (scikit-learn is imported here, not when projects are listed)."""
    from projects._shared.lexicon import KeywordLexicon

    return KeywordLexicon(str(LEXICON), TEXT)
