"""Text helpers shared by the directory: one way to make a search key."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase, without accents, punctuation turned into single spaces: 'Lycée Saint-Éloi' → 'lycee saint eloi'."""
    ligatures = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", ligatures)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def search_key(*parts: str) -> str:
    return fold(" ".join(p for p in parts if p))
