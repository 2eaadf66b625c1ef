"""What routes a call today without a model: a keyword lexicon per intent, as an interactive voice menu or a
clerk's routing rule would (`reference/lexique_intentions.csv`, weights 2 for the telling words). A real routing
table replaces the file without a code change."""

from __future__ import annotations

from functools import partial
from projects._shared.text import KeywordLexicon

from .model import LEXICON, TEXT

make = partial(KeywordLexicon, str(LEXICON), TEXT)
