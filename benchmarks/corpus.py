"""Build the benchmark corpus from ``seeds/``, deterministically.

Each generated transcription is one seed varied: its body paragraphs re-drawn (order and count),
paragraph numbers renumbered, years, months and document numbers changed, archival stamps inserted
between paragraphs and ``~~deletions~~`` added inside them. The same seed folder and the same
arguments always give byte-identical files (the random generator is seeded from the seed's name and
the file's index), so two benchmark runs, or two machines, measure the same input.

    >>> seeds = [Seed.parse("s", "**May, 1960**\\n**A title**\\n\\nSECRET\\n\\n---\\n\\nOne.\\n\\n2. Two.\\n")]
    >>> vary(seeds[0], 0, paragraphs=3) == vary(seeds[0], 0, paragraphs=3)
    True

Usage: ``python benchmarks/corpus.py OUT_DIR [--files N] [--long-paragraphs N]`` (run.py calls
:func:`build` itself).
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_NUMBER = re.compile(r"^(?:\d{1,4}\.|\(\d{1,4}\))\s+")
_YEAR = re.compile(r"\b(19[2-9]\d)\b")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_DOC_NO = re.compile(r"(/document/)(\d+)")

# Stamps as archives print them: all capitals, line-accurate (two trailing spaces), or bracketed.
STAMPS = (
    ["RECEIVED IN REGISTRY", "{day} {MONTH} {year}", "REG. NO. {n}"],
    ["THIS IS A COPY", "ORIGINAL HAS BEEN RETAINED", "IN THE DEPARTMENT UNDER SECTION", "3(4) OF THE PUBLIC RECORDS ACT 1958"],
    ["DECLASSIFIED", "AUTHORITY NND {n}"],
    ["[Stamp: RECEIVED {day} {MONTH} {year}]"],
    ["ARCHIVE COPY", "FILED {day}.{mm}.{year}"],
)
_DELETABLE = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True)
class Seed:
    """A seed transcription cut in two: the head (metadata, heading, up to the ``---`` rule) and the
    body, a list of paragraphs (blocks of non-blank lines), each with its printed number removed."""

    name: str
    head: str
    prose: tuple[str, ...]
    stamps: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, name: str, text: str) -> Seed:
        text = text.replace("\r\n", "\n").strip("\n") + "\n"
        lines = text.split("\n")
        rule = next((k for k, line in enumerate(lines) if _RULE.match(line)), None)
        head_lines, body_lines = (lines[: rule + 1], lines[rule + 1 :]) if rule is not None else ([], lines)
        blocks: list[list[str]] = []
        current: list[str] = []
        for line in body_lines:
            if line.strip():
                current.append(line)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        prose: list[str] = []
        stamps: list[tuple[str, ...]] = []
        for block in blocks:
            stripped = [line.strip() for line in block]
            caps = all(not any(c.islower() for c in line) for line in stripped)
            if len(block) > 1 and caps:
                stamps.append(tuple(stripped))
            else:
                prose.append(_NUMBER.sub("", " ".join(stripped), count=1))
        if not prose:
            raise ValueError(f"{name}: seed has no body paragraphs to vary")
        return cls(name, "\n".join(head_lines).strip("\n"), tuple(prose), tuple(stamps))


def load_seeds(folder: Path = SEEDS) -> list[Seed]:
    """Every ``*.txt`` in ``folder``, sorted by name."""
    seeds = [Seed.parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no seeds (*.txt) in {folder}")
    return seeds


def _stamp(rng: random.Random, seed: Seed) -> str:
    template = rng.choice(STAMPS + tuple(list(s) for s in seed.stamps))
    values = {
        "day": rng.randint(1, 28), "MONTH": rng.choice(_MONTHS).upper(), "mm": f"{rng.randint(1, 12):02d}",
        "year": rng.randint(1945, 1991), "n": rng.randint(100, 99999),
    }
    lines = [line.format(**values) for line in template]
    return "  \n".join(lines)


def _delete_words(rng: random.Random, paragraph: str) -> str:
    """Strike out one to three consecutive words somewhere in the paragraph."""
    words = list(_DELETABLE.finditer(paragraph))
    if len(words) < 8 or "~~" in paragraph:  # never nest a deletion in one the seed has
        return paragraph
    first = rng.randrange(1, len(words) - 4)
    last = first + rng.randint(0, 2)
    start, end = words[first].start(), words[last].end()
    return paragraph[:start] + "~~" + paragraph[start:end] + "~~" + paragraph[end:]


def _shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(min(1991, max(1920, int(m.group(1)) + delta))), text)


def vary(seed: Seed, index: int, *, paragraphs: int | None = None) -> str:
    """The ``index``-th variant of ``seed``; ``paragraphs`` fixes the number of body paragraphs."""
    rng = random.Random(f"{seed.name}:{index}:{paragraphs}")
    delta = rng.randint(-12, 12)
    month = rng.choice(_MONTHS)
    head = _shift_years(seed.head, delta)
    head = _MONTH.sub(month, head)
    head = _DOC_NO.sub(lambda m: m.group(1) + str(100000 + rng.randint(0, 899999)), head)
    count = paragraphs if paragraphs is not None else rng.randint(max(2, len(seed.prose) // 2), len(seed.prose) * 3)
    numbered = rng.random() < 0.8
    parts: list[str] = [head] if head else []
    for k in range(count):
        # The first paragraph of the seed stays first; the others are drawn at random.
        text = seed.prose[0] if k == 0 else rng.choice(seed.prose[1:] or seed.prose)
        text = _shift_years(text, delta)
        if rng.random() < 0.3:
            text = _delete_words(rng, text)
        if numbered and k:
            text = f"{k + 1}. {text}"
        parts.append(text)
        if k < count - 1 and rng.random() < 0.12:
            parts.append(_stamp(rng, seed))
    parts.append(_stamp(rng, seed))
    return "\n\n".join(parts) + "\n"


def build(out: Path, *, files: int, long_paragraphs: int, seeds: list[Seed] | None = None) -> dict[str, Path]:
    """Write ``files`` varied transcriptions to ``out/many`` and the long one to ``out/long.txt``.

    Files already there with the same content are left alone, so a second run is quick."""
    seeds = seeds or load_seeds()
    many = out / "many"
    many.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for k in range(files):
        seed = seeds[k % len(seeds)]
        name = f"{k:05d}_{seed.name}.txt"
        wanted.add(name)
        _write(many / name, vary(seed, k))
    for stale in many.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    long_path = out / "long.txt"
    _write(long_path, vary(seeds[0], -1, paragraphs=long_paragraphs))
    return {"many": many, "long": long_path}


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--long-paragraphs", type=int, default=2000)
    args = parser.parse_args()
    paths = build(args.out, files=args.files, long_paragraphs=args.long_paragraphs)
    print(f"{args.files} files in {paths['many']}, long transcription {paths['long']}")


if __name__ == "__main__":
    main()
