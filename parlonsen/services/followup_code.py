"""Follow-up codes: five French words and a two-digit number (≈ 61.6 bits): `abeille-menthe-rocher-lampe-cerise-42`.

The words come from the BIP-39 French list (2,048 words, shipped by the `mnemonic` package). Only an
HMAC of the code is stored; a typed code is compared case-, accent- and separator-insensitively.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from functools import cache

from mnemonic import Mnemonic

from parlonsen.services.keys import code_pepper
from parlonsen.text import fold

WORDS = 5


@cache
def wordlist() -> tuple[str, ...]:
    return tuple(Mnemonic("french").wordlist)


def entropy_bits() -> float:
    return WORDS * math.log2(len(wordlist())) + math.log2(100)


def new_code() -> str:
    words = [secrets.choice(wordlist()) for _ in range(WORDS)]
    return "-".join([*words, f"{secrets.randbelow(100):02d}"])


def canonical(code: str) -> str:
    """'Abeille  Menthe-rocher lampe CERISE 42' → 'abeille menthe rocher lampe cerise 42'."""
    return fold(code or "")[:200]


def code_hash(code: str) -> str:
    return hmac.new(code_pepper(), canonical(code).encode(), hashlib.sha256).hexdigest()
