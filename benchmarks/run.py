"""The tei-tools benchmark: conversion against pandoc, validation against xmllint and jing, start-up,
scaling and memory, side by side in one run.

    python benchmarks/run.py            # the full run (a few minutes); writes benchmarks/results.json
    python benchmarks/run.py --quick    # a smaller corpus, one run each (a smoke test, about 30 s)

The corpus is built from ``seeds/`` by :mod:`corpus` into ``benchmarks/_work/`` (git-ignored). Every
command runs as a subprocess, the way a user or a CI job runs it; each figure is the median of
``--runs`` runs after one warm-up run, with the child's CPU time and peak RSS from ``wait4``.
tei-tools is run through the console script next to the interpreter that runs this file (not a
pyenv or other shim, which would add its own start-up to every figure).

This is a benchmark, not a test: it asserts nothing, it prints a table and marks each target met or not.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "_work"
SCHEMA_RNG = REPO / "schemas" / "archival.rng"
RESULTS = REPO / "benchmarks" / "results.json"


@dataclass
class Sizes:
    """How big each part of the corpus is."""

    folder: int  # P1: the folder converted by tei-tools and by the pandoc loop
    small: int  # P5: the small batch
    large: int  # P5: the large batch (also the source of the validation set)
    validate: int  # P3: converted files validated
    long_paragraphs: int  # P2: paragraphs of the long transcription
    runs: int


FULL = Sizes(folder=120, small=200, large=2000, validate=1000, long_paragraphs=2000, runs=3)
QUICK = Sizes(folder=20, small=40, large=400, validate=200, long_paragraphs=400, runs=1)


@dataclass
class Timing:
    """A command's runs: wall-clock seconds, CPU seconds (user + sys, children included), peak RSS."""

    label: str
    command: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    returncode: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.update(median_wall=round(self.median, 4), median_cpu=round(self.cpu_median, 4),
                    peak_rss_kb=max(self.rss_kb))
        data["wall"] = [round(w, 4) for w in self.wall]
        data["cpu"] = [round(c, 4) for c in self.cpu]
        return data


def run_once(argv: list[str]) -> tuple[float, float, int, int, str]:
    """Run ``argv``; return wall seconds, CPU seconds, peak RSS (KiB), exit status, stderr tail."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, tail


def measure(label: str, argv: list[str], runs: int, *, warmup: bool = True) -> Timing:
    timing = Timing(label, " ".join(_short(a) for a in argv))
    for k in range(runs + (1 if warmup else 0)):
        wall, cpu, rss, code, tail = run_once(argv)
        if code != 0:
            timing.returncode = code
            print(f"  ! {label}: exit {code}\n{tail}", file=sys.stderr)
        if warmup and k == 0:
            continue
        timing.wall.append(wall)
        timing.cpu.append(cpu)
        timing.rss_kb.append(rss)
    print(f"  {label:<34} {timing.median:8.3f} s   (cpu {timing.cpu_median:.3f} s, {max(timing.rss_kb) / 1024:.0f} MiB)",
          file=sys.stderr)
    return timing


def _short(arg: str) -> str:
    return arg.replace(str(WORK) + os.sep, "_work/").replace(str(REPO) + os.sep, "")


# ---------------------------------------------------------------------------------------------------
# The tools


def tei_tools_command() -> list[str]:
    """The installed console script beside this interpreter; else the one on PATH; else ``-m``."""
    beside = Path(sys.executable).with_name("tei-tools")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tei-tools")
    return [found] if found else [sys.executable, "-m", "tei_tools"]


def version_of(argv: list[str]) -> str | None:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.strip() and "warning" not in line]
    return lines[0].strip() if lines else None


def machine() -> dict[str, object]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": _dt.date.today().isoformat(),
        "cpu": model,
        "cores": cores,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# ---------------------------------------------------------------------------------------------------
# The corpus


def prepare(sizes: Sizes, tei: list[str]) -> dict[str, Path]:
    """Build the corpus and the folders each measurement reads."""
    built = corpus.build(WORK / "corpus", files=sizes.large, long_paragraphs=sizes.long_paragraphs)
    sources = sorted(built["many"].glob("*.txt"))
    sets = WORK / "sets"
    shutil.rmtree(sets, ignore_errors=True)
    folders = {}
    for name, count in (("folder", sizes.folder), ("small", sizes.small), ("large", sizes.large)):
        target = sets / name
        target.mkdir(parents=True)
        for source in sources[:count]:
            _link(source, target / source.name)
        folders[name] = target
    # The validation set: tei-tools' own output for the first files of the large batch.
    converted = WORK / "converted"
    shutil.rmtree(converted, ignore_errors=True)
    subprocess.run(tei + ["convert", "-q", str(folders["large"]), "-o", str(converted)], check=True)
    validate = sets / "validate"
    validate.mkdir()
    for xml in sorted(converted.glob("*.xml"))[: sizes.validate]:
        _link(xml, validate / xml.name)
    # The xml-model instructions point at ../schemas/archival.*: give the set that neighbour, so
    # that editors (and tools that follow the instructions) find the schema.
    schemas = sets / "schemas"
    schemas.mkdir()
    for source in (REPO / "schemas").glob("archival.*"):
        shutil.copy(source, schemas / source.name)
    one = WORK / "one"
    one.mkdir(exist_ok=True)
    shutil.copy(sorted(validate.glob("*.xml"))[0], one / "one.xml")
    shutil.copy(sources[0], one / "one.txt")
    folders.update(validate=validate, long=built["long"], one_xml=one / "one.xml", one_txt=one / "one.txt")
    return folders


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy(source, target)


def _out(name: str) -> Path:
    path = WORK / "out" / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


# ---------------------------------------------------------------------------------------------------
# The measurements


def benchmark(sizes: Sizes) -> dict[str, object]:
    tei = tei_tools_command()
    pandoc, xmllint, jing = shutil.which("pandoc"), shutil.which("xmllint"), shutil.which("jing")
    info = machine()
    info["tools"] = {
        "tei-tools": version_of(tei + ["--version"]),
        "tei-tools command": " ".join(tei),
        "pandoc": version_of([pandoc, "--version"]) if pandoc else None,
        "xmllint": version_of([xmllint, "--version"]) if xmllint else None,
        "jing": (version_of([jing]) or "jing") if jing else None,
    }
    print(f"building the corpus in {WORK} ...", file=sys.stderr)
    paths = prepare(sizes, tei)
    runs = sizes.runs
    t: dict[str, Timing] = {}
    notes: list[str] = []

    def m(key: str, label: str, argv: list[str], warmup: bool = True) -> None:
        t[key] = measure(label, argv, runs, warmup=warmup)

    print("P4 start-up", file=sys.stderr)
    m("python", "python -c pass (interpreter floor)", [sys.executable, "-c", "pass"])
    m("version", "tei-tools --version", tei + ["--version"])
    m("validate_one", "tei-tools validate one file", tei + ["validate", "-q", str(paths["one_xml"])])
    m("convert_one", "tei-tools convert one file", tei + ["convert", "-q", str(paths["one_txt"]), "-o", str(_out("one") / "one.xml")])
    if xmllint:
        m("xmllint_one", "xmllint --relaxng one file", [xmllint, "--noout", "--relaxng", str(SCHEMA_RNG), str(paths["one_xml"])])

    print("P1 converting a folder", file=sys.stderr)
    m("p1_tei", f"tei-tools convert ({sizes.folder} files)", tei + ["convert", "-q", str(paths["folder"]), "-o", str(_out("p1"))])
    if pandoc:
        loop = ('out="$1"; shift; for f in "$@"; do b=${f##*/}; '
                'pandoc -f markdown -t tei -s "$f" -o "$out/${b%.txt}.xml" || exit 1; done')
        files = [str(p) for p in sorted(paths["folder"].glob("*.txt"))]
        m("p1_pandoc", f"pandoc loop ({sizes.folder} files)", ["bash", "-c", loop, "loop", str(_out("p1_pandoc"))] + files,
          warmup=False)
    else:
        notes.append("pandoc is not installed: the pandoc rows of P1 and P2 are skipped (apt install pandoc).")

    print("P2 converting the long transcription", file=sys.stderr)
    long_in = paths["long"]
    m("p2_tei", "tei-tools convert (long)", tei + ["convert", "-q", str(long_in), "-o", str(_out("p2") / "long.xml")])
    if pandoc:
        m("p2_pandoc", "pandoc (long)", [pandoc, "-f", "markdown", "-t", "tei", "-s", str(long_in), "-o", str(_out("p2_pandoc") / "long.xml")])

    print("P3 validating the converted folder", file=sys.stderr)
    xml_files = [str(p) for p in sorted(paths["validate"].glob("*.xml"))]
    m("p3_tei", f"tei-tools validate ({len(xml_files)} files)", tei + ["validate", "-q", str(paths["validate"])])
    m("p3_tei_j1", "tei-tools validate --jobs 1", tei + ["validate", "-q", "--jobs", "1", str(paths["validate"])])
    # The same with RELAX NG alone (no Schematron): what xmllint does, for a like-for-like figure.
    m("p3_tei_rng", "tei-tools validate, RELAX NG only", tei + ["validate", "-q", "--schema", str(SCHEMA_RNG), str(paths["validate"])])
    if xmllint:
        m("p3_xmllint", "xmllint --relaxng", [xmllint, "--noout", "--relaxng", str(SCHEMA_RNG)] + xml_files)
    else:
        notes.append("xmllint is not installed (apt install libxml2-utils): its P3 row is skipped.")
    if jing:
        m("p3_jing", "jing", [jing, str(SCHEMA_RNG)] + xml_files)
    else:
        notes.append("jing is not installed (apt install jing): its P3 row is skipped.")

    print("P5 scaling", file=sys.stderr)
    m("p5_small_j1", f"convert {sizes.small} files --jobs 1", tei + ["convert", "-q", "--jobs", "1", str(paths["small"]), "-o", str(_out("p5s"))])
    m("p5_large_j1", f"convert {sizes.large} files --jobs 1", tei + ["convert", "-q", "--jobs", "1", str(paths["large"]), "-o", str(_out("p5l1"))])
    m("p5_large_j2", f"convert {sizes.large} files --jobs 2", tei + ["convert", "-q", "--jobs", "2", str(paths["large"]), "-o", str(_out("p5l2"))])

    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return derive(sizes, info, t, paths, notes)


def derive(sizes: Sizes, info: dict[str, object], t: dict[str, Timing], paths: dict[str, Path], notes: list[str]) -> dict[str, object]:
    """Ratios, throughput, per-file costs, and each target met or not."""

    def ratio(a: str, b: str) -> float | None:
        return round(t[a].median / t[b].median, 3) if a in t and b in t else None

    long_mb = paths["long"].stat().st_size / 1e6
    folder_mb = sum(p.stat().st_size for p in paths["folder"].glob("*.txt")) / 1e6
    base = t["convert_one"].median
    per_small = (t["p5_small_j1"].median - base) / (sizes.small - 1)
    per_large = (t["p5_large_j1"].median - base) / (sizes.large - 1)
    rss_long = max(t["p2_tei"].rss_kb) * 1024
    rss_base = max(t["convert_one"].rss_kb) * 1024
    figures = {
        "p1_speedup_vs_pandoc": ratio("p1_pandoc", "p1_tei"),
        "p1_tei_mb_per_s": round(folder_mb / t["p1_tei"].median, 3),
        "p2_speedup_vs_pandoc": ratio("p2_pandoc", "p2_tei"),
        "p2_tei_mb_per_s": round(long_mb / t["p2_tei"].median, 3),
        "p2_pandoc_mb_per_s": round(long_mb / t["p2_pandoc"].median, 3) if "p2_pandoc" in t else None,
        "p3_tei_over_xmllint": ratio("p3_tei", "p3_xmllint"),
        "p3_tei_j1_over_xmllint": ratio("p3_tei_j1", "p3_xmllint"),
        "p3_tei_rng_over_xmllint": ratio("p3_tei_rng", "p3_xmllint"),
        "p3_tei_over_jing": ratio("p3_tei", "p3_jing"),
        "p4_version_s": round(t["version"].median, 4),
        "p4_validate_one_s": round(t["validate_one"].median, 4),
        "p5_per_file_small_ms": round(per_small * 1000, 3),
        "p5_per_file_large_ms": round(per_large * 1000, 3),
        "p5_per_file_ratio": round(per_large / per_small, 3),
        "p5_per_file_ratio_raw": round((t["p5_large_j1"].median / sizes.large) / (t["p5_small_j1"].median / sizes.small), 3),
        "p5_jobs2_speedup": ratio("p5_large_j1", "p5_large_j2"),
        "long_input_mb": round(long_mb, 3),
        "long_peak_rss_mb": round(rss_long / 1e6, 1),
        "baseline_rss_mb": round(rss_base / 1e6, 1),
        "memory_over_input": round(rss_long / (long_mb * 1e6), 1),
        "memory_increment_over_input": round((rss_long - rss_base) / (long_mb * 1e6), 1),
    }

    def target(name: str, value: float | None, ok: bool | None, wanted: str) -> dict[str, object]:
        return {"target": name, "value": value, "wanted": wanted, "met": ok}

    f = figures
    targets = [
        target("P1 folder vs pandoc loop", f["p1_speedup_vs_pandoc"], _ge(f["p1_speedup_vs_pandoc"], 20), ">= 20x faster"),
        target("P2 long vs pandoc", f["p2_speedup_vs_pandoc"], _ge(f["p2_speedup_vs_pandoc"], 20), ">= 20x faster"),
        target("P3 validate vs xmllint", f["p3_tei_over_xmllint"], _le(f["p3_tei_over_xmllint"], 1.3), "<= 1.3x the time"),
        target("P3 validate vs jing", f["p3_tei_over_jing"], _le(f["p3_tei_over_jing"], 0.5), "<= 0.5x the time"),
        target("P4 --version", f["p4_version_s"], _le(f["p4_version_s"], 0.15), "<= 0.15 s"),
        target("P5 per-file cost 2000 vs 200", f["p5_per_file_ratio"], _le(f["p5_per_file_ratio"], 1.10), "<= 1.10 (flat)"),
        target("P5 --jobs 2 vs --jobs 1", f["p5_jobs2_speedup"], _ge(f["p5_jobs2_speedup"], 1.7) if (info["cores"] or 1) >= 2 else None,
               ">= 1.7x on 2 cores"),
        target("Memory (peak RSS) / input", f["memory_over_input"], _le(f["memory_over_input"], 10), "<= 10x"),
        target("Memory above interpreter / input", f["memory_increment_over_input"], _le(f["memory_increment_over_input"], 10), "<= 10x"),
    ]
    return {
        "machine": info,
        "sizes": asdict(sizes),
        "figures": figures,
        "targets": targets,
        "timings": {key: timing.as_dict() for key, timing in t.items()},
        "notes": notes,
    }


def _ge(value: float | None, bound: float) -> bool | None:
    return None if value is None else value >= bound


def _le(value: float | None, bound: float) -> bool | None:
    return None if value is None else value <= bound


# ---------------------------------------------------------------------------------------------------
# The table


def table(results: dict[str, object]) -> str:
    t = results["timings"]
    f = results["figures"]
    sizes = results["sizes"]

    def s(key: str) -> str:
        return f"{t[key]['median_wall']:.3f} s" if key in t else "-"

    def x(value: object, suffix: str = "x") -> str:
        return "-" if value is None else f"{value}{suffix}"

    rows = [
        ("P1", f"convert {sizes['folder']} files", s("p1_tei"), "pandoc loop " + s("p1_pandoc"), x(f["p1_speedup_vs_pandoc"]) + " faster"),
        ("P2", f"convert long ({f['long_input_mb']} MB)", s("p2_tei"), "pandoc " + s("p2_pandoc"), x(f["p2_speedup_vs_pandoc"]) + " faster"),
        ("P2", "throughput", f"{f['p2_tei_mb_per_s']} MB/s", f"pandoc {x(f['p2_pandoc_mb_per_s'], ' MB/s')}", ""),
        ("P3", f"validate {sizes['validate']} files", s("p3_tei"), "xmllint " + s("p3_xmllint"), x(f["p3_tei_over_xmllint"]) + " the time"),
        ("P3", "  same, --jobs 1", s("p3_tei_j1"), "xmllint " + s("p3_xmllint"), x(f["p3_tei_j1_over_xmllint"]) + " the time"),
        ("P3", "  RELAX NG only (--schema)", s("p3_tei_rng"), "xmllint " + s("p3_xmllint"), x(f["p3_tei_rng_over_xmllint"]) + " the time"),
        ("P3", "", "", "jing " + s("p3_jing"), x(f["p3_tei_over_jing"]) + " the time"),
        ("P4", "tei-tools --version", s("version"), "python -c pass " + s("python"), ""),
        ("P4", "validate one file", s("validate_one"), "xmllint " + s("xmllint_one"), ""),
        ("P5", f"convert {sizes['small']} files -j1", s("p5_small_j1"), f"{f['p5_per_file_small_ms']} ms/file", ""),
        ("P5", f"convert {sizes['large']} files -j1", s("p5_large_j1"), f"{f['p5_per_file_large_ms']} ms/file", x(f["p5_per_file_ratio"]) + " per file"),
        ("P5", f"convert {sizes['large']} files -j2", s("p5_large_j2"), "", x(f["p5_jobs2_speedup"]) + " faster than -j1"),
        ("Mem", "peak RSS, long conversion", f"{f['long_peak_rss_mb']} MB",
         f"one small file {f['baseline_rss_mb']} MB", f"{f['memory_over_input']}x input ({f['memory_increment_over_input']}x above baseline)"),
    ]
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    head = ("", "case", "tei-tools", "reference", "ratio")
    widths = [max(w, len(h)) for w, h in zip(widths, head)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [line(head), line(tuple("-" * w for w in widths))] + [line(r) for r in rows]
    out.append("")
    for item in results["targets"]:
        mark = {True: "met", False: "MISSED", None: "n/a"}[item["met"]]
        out.append(f"  {mark:<7} {item['target']:<36} {x(item['value'], ''):>8}  (wanted {item['wanted']})")
    m = results["machine"]
    out.append("")
    out.append(f"{m['date']}, {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
               f"load average {m['load_average_at_start'][0]} -> {m['load_average_at_end'][0]}; "
               f"medians of {sizes['runs']} run(s)")
    out.extend(f"note: {n}" for n in results["notes"])
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark tei-tools against pandoc, xmllint and jing.")
    parser.add_argument("--quick", action="store_true", help="a small corpus and one run each (smoke test)")
    parser.add_argument("--runs", type=int, help="runs per measurement (median reported) [3; 1 with --quick]")
    parser.add_argument("--json", type=Path, help="where to write the results [benchmarks/results.json; "
                        "benchmarks/_work/results-quick.json with --quick]")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    if args.runs:
        sizes = Sizes(**{**asdict(sizes), "runs": args.runs})
    results = benchmark(sizes)
    text = table(results)
    print(text)
    target = args.json or (WORK / "results-quick.json" if args.quick else RESULTS)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults written to {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")


if __name__ == "__main__":
    main()
