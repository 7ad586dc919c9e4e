"""Counting syllables in English words, by rule, without a dictionary.

The rule (also in the README):

1. A word is split at hyphens and apostrophes are dropped; the parts' counts are added. A part
   with no vowel letter (a number such as 30, an abbreviation such as GP or L5) counts 1.
2. "y" at the start of a word or after a vowel, when a vowel follows, is a consonant ("you",
   "beyond", "player"); elsewhere it is a vowel ("type", "body").
3. Count the groups of consecutive vowels (a, e, i, o, u, y).
4. Add 1 for vowel pairs usually spoken as two syllables: "ia" ("iliac", "trial"; not in -cial,
   -tial, -cian, -tian), "io" ("period", "radio"; not in -tion, -sion, -cion, -gion, -xion, -cious,
   -tious, -gious, -xious), "iu" ("medium"), "ua" ("actual"; not after q or g), "eo" ("video";
   not after g or in "people"), a vowel before -ing ("being", "lying"), -ier/-iest
   ("easier"), "oa" after "ps" ("psoas", "iliopsoas"), and "ea" in "area", "idea" and
   "create".
5. When the word has more than one vowel group, subtract 1 for a silent ending: a final "e"
   after a consonant ("make"), "-es" ("takes"; not after s, x, z, c, g, ch or sh) and "-ed"
   ("walked"; not after t or d), except "-le", "-les" and "-led" after b, c, d, f, g, k, p, s, t,
   v or z ("table", "muscles", "tackled"); and for a silent "e" before -ly, -ment, -ful, -less or
   -ness ("safely", "movement").
6. Every word has at least one syllable.

The tests pin it on about 80 common words; like any rule it misses some (for example "recipe",
"poem", "lion").
"""

from __future__ import annotations

import re
from functools import lru_cache

_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])")
_GROUPS = re.compile(r"[aeiouy]+")
_SPLITS = (
    re.compile(r"(?<![ct])ia|[ct]ia(?![ln])"),
    re.compile(r"(?<![tscgx])io|[tscgx]io(?!n|us)"),
    re.compile(r"iu"),
    re.compile(r"(?<![qg])ua"),
    re.compile(r"(?<!g)eo(?!p)"),
    re.compile(r"(?<=[aeiouy])ing$"),
    re.compile(r"i(?:er|ers|est)$"),
    re.compile(r"(?<=ps)oa"),
    re.compile(r"^(?:ar|id)ea|(?<=cr)ea(?=t)"),
)
_SPOKEN_LE = re.compile(r"[bcdfgkpstvz]l(?:e|es|ed)$")
_SILENT_E = re.compile(r"[^aeiouy]e$")
_SILENT_ES = re.compile(r"(?:[^aeiouyszxcg]|[^cs]h)es$")
_SILENT_ED = re.compile(r"[^aeiouytd]ed$")
_SILENT_SUFFIX = re.compile(r"[^aeiouy]e(?:ly|ments?|ful|less|ness)$")


def _silent_ending(word: str) -> bool:
    """Whether the word ends in a silent e, -es or -ed (see the module's rule 5)."""
    if _SPOKEN_LE.search(word):
        return False
    if _SILENT_E.search(word):
        return True
    if _SILENT_ES.search(word) and not word.endswith(("ches", "shes")):
        return True
    return bool(_SILENT_ED.search(word))


def _part_syllables(part: str) -> int:
    word = _Y_CONSONANT.sub("_", part)
    groups = len(_GROUPS.findall(word))
    if groups == 0:
        return 1
    count = groups + sum(len(p.findall(word)) for p in _SPLITS)
    if groups > 1 and _silent_ending(word):
        count -= 1
    if groups > 1 and _SILENT_SUFFIX.search(word):
        count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables in `word` by the module's rule; at least 1."""
    return _syllables(word.lower())


@lru_cache(maxsize=16384)
def _syllables(word: str) -> int:
    parts = [re.sub(r"[^a-z]", "", p) for p in word.replace("\u2019", "'").split("-")]
    counted = [_part_syllables(p) if p else 1 for p in parts if p or len(parts) == 1]
    return max(1, sum(counted))
