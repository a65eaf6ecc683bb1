"""What words may reach a user: no internal note, and no « tu » for a parent or a professional.

Shared by the content tests (every string of every content file, every reason) and the browser tests
(every public page and every result as rendered)."""

import re

INTERNAL_MARKERS = re.compile(
    r"à compléter|a completer|non confirmé|non confirme|à vérifier|a verifier|à confirmer|plus récent indique|"
    r"article plus récent|pas encore rempli|\bTODO\b|\bFIXME\b|\bXXX\b|lorem ipsum|placeholder|unverified|"
    r"research|note interne|\bundefined\b|\bnull\b|\[object Object\]",
    re.IGNORECASE,
)
# « tu », « ton », « t'aide »… but not the « -t- » of « a-t-il » or « que se passe-t-il ».
_STUDENT_WORDS = re.compile(r"\b(tu|toi|ton|ta|tes|te|t)\b", re.IGNORECASE)


_QUOTED = re.compile(r"«[^»]*»")  # words to say to a child, quoted for the adult who will say them


def student_words(text: str) -> list[str]:
    """The words of `text` that speak to a student as « tu », outside quotations of what to say to a child."""
    return [m.group(0) for m in _STUDENT_WORDS.finditer(_QUOTED.sub("", text).replace("-t-", "-"))]
