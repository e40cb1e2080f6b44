"""Language names as archives print them, and their ISO 639 codes (639-1 where one exists, else 639-2/3).

    >>> lookup("Russian").code
    'ru'
    >>> lookup("Chinese (Mandarin)").code
    'zh'
    >>> lookup("Klingon").code is None
    True
"""

from __future__ import annotations

import re

from .model import Language

ISO_639: dict[str, str] = {
    "english": "en", "russian": "ru", "chinese": "zh", "mandarin": "zh", "cantonese": "yue",
    "polish": "pl", "japanese": "ja", "german": "de", "hungarian": "hu", "french": "fr",
    "spanish": "es", "portuguese": "pt", "italian": "it", "czech": "cs", "slovak": "sk",
    "romanian": "ro", "bulgarian": "bg", "serbian": "sr", "croatian": "hr", "serbo-croatian": "sh",
    "slovenian": "sl", "albanian": "sq", "greek": "el", "turkish": "tr", "arabic": "ar",
    "persian": "fa", "farsi": "fa", "hebrew": "he", "korean": "ko", "vietnamese": "vi",
    "mongolian": "mn", "ukrainian": "uk", "belarusian": "be", "lithuanian": "lt", "latvian": "lv",
    "estonian": "et", "finnish": "fi", "swedish": "sv", "norwegian": "no", "danish": "da",
    "dutch": "nl", "hindi": "hi", "urdu": "ur", "bengali": "bn", "indonesian": "id",
    "malay": "ms", "thai": "th", "khmer": "km", "lao": "lo", "burmese": "my", "georgian": "ka",
    "armenian": "hy", "azerbaijani": "az", "kazakh": "kk", "uzbek": "uz", "swahili": "sw",
    "amharic": "am", "latin": "la", "yiddish": "yi", "macedonian": "mk", "icelandic": "is",
    "tagalog": "tl", "tamil": "ta", "pashto": "ps", "kurdish": "ku", "somali": "so",
}

_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*", re.IGNORECASE)


def lookup(name: str) -> Language:
    """The first recognised language named in ``name`` ("Russian", "Chinese (Mandarin)", "Russian, German")."""
    cleaned = " ".join(name.split())
    for part in _SPLIT.split(cleaned):
        key = re.sub(r"\(.*?\)", "", part).strip().lower()
        if key in ISO_639:
            return Language(cleaned, ISO_639[key])
        first = key.split(" ")[0] if key else ""
        if first in ISO_639:
            return Language(cleaned, ISO_639[first])
    return Language(cleaned, None)


ENGLISH = Language("English", "en")
