"""`python -m bench --size S|M|L --json`: build a synthetic dossier and time every stage.

Each figure is the median of `--repeat` runs (the machine is shared and noisy). Stages:
load and validate, render, write (into an empty docs folder), all of generation, the floor
(only parsing the same YAML with the fastest loader and writing the same bytes), MkDocs,
the whole `build.py` in a fresh process (and its peak memory), a no-op generation, one
edited event, and the time from saving a YAML edit until `mkdocs serve` shows it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.synthetic import SIZES, write_dossier  # noqa: E402
from briefing import collector, pipeline  # noqa: E402
from briefing.load import load_content  # noqa: E402
from briefing.exports import render_exports  # noqa: E402
from briefing.model import Corpus, Language, link_corpus  # noqa: E402
from briefing.pages import render_pages  # noqa: E402
from briefing.urls import UrlScheme  # noqa: E402
from briefing.validate import validate  # noqa: E402
from briefing.write import sync_tree  # noqa: E402

YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TODAY = "2026-01-15"


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


BUNDLED = "bundled"
"""The size name of the bundled dossier (content/), beside the synthetic S, M and L."""


def make_project(folder: Path, size: str) -> pipeline.Project:
    folder.mkdir(parents=True, exist_ok=True)
    if size == BUNDLED:
        shutil.copytree(REPO / "content", folder / "content")
    else:
        write_dossier(folder / "content", size)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "build" / "docs").mkdir(parents=True)
    return pipeline.Project(folder)


def _empty(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _fresh(scratch: Path, name: str) -> Path:
    """A new folder, made before the clock starts, for each timed write, all of them in the
    same scratch folder: the time to write the same pages varies tenfold between folders
    (and a folder emptied and made again gets slower), so the floor and the generation
    must write under the same conditions."""
    scratch.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch))


def generation_figures(project: pipeline.Project, scratch: Path) -> dict[str, float | int]:
    """One run of the in-process measurements, each stage with the cycle collector off as
    generation runs (the floor too)."""
    with collector.generation_paused():
        try:
            return _generation_figures(project, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _generation_figures(project: pipeline.Project, scratch: Path) -> dict[str, float | int]:
    load_s, loaded = _timed(lambda: load_content(project.content_dir))
    validate_s, corpus = _timed(lambda: link_corpus(validate(loaded)))
    render_s, (pages, _) = _timed(lambda: (
        render_pages(corpus, project.templates_dir, pipeline.today()),
        render_exports(corpus, project.templates_dir, pipeline.today()),
    ))
    payload = {path: text.encode("utf-8") for path, text in pages.items()}
    written = _fresh(scratch, "write")
    write_s, _ = _timed(lambda: sync_tree(written, payload))
    target = _fresh(scratch, "floor")

    def floor_parse() -> None:
        for path in sorted(project.content_dir.rglob("*.yaml")):
            yaml.load(path.read_bytes(), Loader=YamlLoader)

    def floor_write() -> None:
        for name, data in payload.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)

    floor_parse_s, _ = _timed(floor_parse)
    floor_write_s, _ = _timed(floor_write)
    docs = _fresh(scratch, "docs")
    # As build.py generates (the pages split between two processes).
    generate_s, generation = _timed(lambda: pipeline.generate(project, docs))
    # Then as under `mkdocs serve`, which remembers what it parsed and rendered: once to
    # remember (it writes nothing), then nothing changed, then one edit.
    preview = pipeline.Preview()
    pipeline.generate(project, docs, preview)
    noop_s, noop = _timed(lambda: pipeline.generate(project, docs, preview))

    # One event's title edited: only the pages that show it may be written.
    events_file = sorted((project.content_dir / "events").glob("*.yaml"))[0]
    original = events_file.read_bytes()
    text = original.decode("utf-8")
    marker = "    title:\n      ar: "
    at = text.index(marker) + len(marker)
    events_file.write_text(text[:at] + "تعديل " + text[at:], encoding="utf-8")
    try:
        one_edit_s, edit = _timed(lambda: pipeline.generate(project, docs, preview))
    finally:
        events_file.write_bytes(original)
        pipeline.generate(project, docs)

    return {
        "pages": len(pages),
        "load_validate_s": load_s + validate_s,
        "render_s": render_s,
        "write_s": write_s,
        "generate_s": generate_s,
        "floor_s": floor_parse_s + floor_write_s,
        "floor_parse_s": floor_parse_s,
        "floor_write_s": floor_write_s,
        "markdown_mb": sum(len(data) for data in payload.values()) / 1e6,
        "noop_generate_s": noop_s,
        "noop_files_written": len(noop.report.written),
        "one_edit_files_written": len(edit.report.written),
        "one_edit_generate_s": one_edit_s,
        "generated_files_written": len(generation.report.written),
    }


def search_figures(project: pipeline.Project, scratch: Path) -> dict[str, float | int]:
    """Each language's search index as the engine builds it: its records from the model,
    then the Pagefind bundle (time, files, size, Pagefind's peak memory)."""
    from briefing.templating import STRINGS_FILE, load_strings

    corpus = pipeline.check(project)
    strings = load_strings(project.templates_dir / STRINGS_FILE)
    figures: dict[str, float | int] = {}
    languages: tuple[Language, ...] = ("en", "ar")
    for lang in languages:
        bundle = _fresh(scratch, f"search-{lang}") / "pagefind"
        seconds, stats = _timed(partial(_search_index, corpus, lang, strings, bundle))
        figures[f"search_{lang}_s"] = seconds
        figures[f"search_{lang}_files"] = stats.files
        figures[f"search_{lang}_mb"] = stats.bytes / 1e6
        figures[f"search_{lang}_peak_mb"] = (stats.pagefind_memory or 0) / 1e6
    return figures


def _search_index(corpus: Corpus, lang: Language, strings: Mapping[str, Mapping[str, str]], bundle: Path) -> Any:
    """One language's records, then its bundle, as the engine makes them."""
    from briefing import search_index

    return search_index.write_search_index(search_index.search_records(corpus, lang, strings), lang, bundle)


def engine_seconds(project: pipeline.Project, scratch: Path) -> float:
    """The engine alone on Markdown already generated, as build.py runs it: MkDocs for each
    language (in parallel), with each language's search index and exports."""
    from briefing import engine

    generation = pipeline.generate(project, project.pages_dir)
    site = _empty(scratch / "site")
    seconds, _ = _timed(lambda: engine.build_languages(project, generation, site, None))
    return seconds


def full_build(project: pipeline.Project) -> tuple[float, float, float]:
    """`python build.py` in a fresh process: wall time, its peak resident memory (MB), and
    that of the process it forks to render half of the pages (which ends before MkDocs runs)."""
    env = {**os.environ, "BRIEFING_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project.root)], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    worker, build = done.stdout.strip().splitlines()[-2:]
    return seconds, float(build), float(worker)


# Runs build.py's main in a child and prints its own peak RSS, so each measurement is of one
# build alone. Not getrusage(RUSAGE_SELF): Linux carries a process's peak over exec, so a
# child of this (large) benchmark process would report this process's size. VmHWM is the
# peak of the child's own memory since exec. Its forked workers report through
# RUSAGE_CHILDREN (their peak counts the pages they share with the build process).
_CHILD = """
import resource, sys
from pathlib import Path
from briefing.cli import main
code = main(["build", "--quiet", "--project", sys.argv[1]])
status = Path("/proc/self/status").read_text()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(peak_kb / 1024)
sys.exit(code)
"""


def edited_event_page(project: pipeline.Project, events_file: Path) -> str:
    """The chronology page (URL without language) of the first event in the file, whose
    title the benchmarks edit: a year's page, or a month's in a busy year."""
    text = events_file.read_text(encoding="utf-8")
    event_id = text[text.index("- id: ") + len("- id: "):].split("\n", 1)[0].strip()
    corpus = pipeline.check(project)
    dated = next(d for d in corpus.events if d.event.id == event_id)
    return UrlScheme.of(corpus).chronology_page(dated)


@dataclass(frozen=True)
class Reloads:
    """What a preview did for a few saves."""

    seconds: list[float]
    """From each save until the served page showed the edit."""
    search_seconds: list[float]
    """From each save until the edited language's search index was rewritten (it follows
    the pages, in the background)."""
    rebuilds_per_save: float
    reloads_per_save: float


class _Served:
    """A running `mkdocs serve`, read as a browser would: an edited page, the Arabic search index."""

    def __init__(self, port: int, page_url: str) -> None:
        self.root = f"http://127.0.0.1:{port}/"
        self.page_url = self.root + page_url

    def _read(self, url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    def wait_for(self, text: str, limit: float) -> float | None:
        """Seconds until the page shows `text`, or None after `limit` seconds."""
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if text in self._read(self.page_url):
                return time.perf_counter() - start
            time.sleep(0.05)
        return None

    def search_entry(self) -> str:
        """The Arabic index's entry file, which names its current index files."""
        return self._read(self.root + "ar/pagefind/pagefind-entry.json")

    def wait_for_new_search(self, before: str, limit: float) -> None:
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if self.search_entry() not in ("", before):
                return
            time.sleep(0.05)
        raise SystemExit("the search index was not rewritten")


@contextmanager
def _serving(project: pipeline.Project, page_url: str, dirty: bool) -> Iterator[_Served]:
    """`mkdocs serve` on a free port, its output in serve.log, stopped at the end."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "BRIEFING_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    with (project.root / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
            cwd=project.root, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            yield _Served(port, page_url)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()


def edit_to_reload(project: pipeline.Project, edits: int, dirty: bool = True) -> Reloads:
    """With `mkdocs serve --dirty` running (as `make serve` runs it; `dirty=False`: plain
    `mkdocs serve`), seconds from saving an event's new title until the served year page
    shows it, and how many rebuilds and browser reloads each save caused."""
    events_file = sorted((project.content_dir / "events").glob("*.yaml"))[0]
    page_url = f"ar/{edited_event_page(project, events_file)}/"  # the Arabic title is edited
    original = events_file.read_text(encoding="utf-8")
    with _serving(project, page_url, dirty) as served:
        try:
            if served.wait_for("<html", 900) is None:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(3)  # let the first build settle
            served.wait_for_new_search("", 900)
            before = _rebuilds_and_reloads(project)
            seconds, search_seconds = _timed_edits(served, events_file, original, edits)
            after = _rebuilds_and_reloads(project)
        finally:
            events_file.write_text(original, encoding="utf-8")
    per_save = max(edits, 1)
    return Reloads(seconds, search_seconds, (after[0] - before[0]) / per_save, (after[1] - before[1]) / per_save)


def _timed_edits(served: _Served, events_file: Path, original: str, edits: int) -> tuple[list[float], list[float]]:
    """Seconds from each save until the page showed it, and until the search index was
    rewritten; the next save only once the preview is quiet again, as an editor finds it."""
    marker = "    title:\n      ar: "
    at = original.index(marker) + len(marker)
    seconds: list[float] = []
    search_seconds: list[float] = []
    for attempt in range(edits):
        mark = f"تعديل{attempt}x"
        indexes = served.search_entry()
        saved = time.perf_counter()
        events_file.write_text(original[:at] + mark + " " + original[at:], encoding="utf-8")
        if served.wait_for(mark, 600) is None:
            raise SystemExit("the edit never showed")
        seconds.append(time.perf_counter() - saved)
        served.wait_for_new_search(indexes, 600)
        search_seconds.append(time.perf_counter() - saved)
        time.sleep(1)
    return seconds, search_seconds


def _rebuilds_and_reloads(project: pipeline.Project) -> tuple[int, int]:
    log = (project.root / "serve.log").read_text(encoding="utf-8")
    return log.count("Building documentation..."), log.count("Reloading browsers")


def run(size: str, repeat: int, serve_edits: int) -> dict[str, Any]:
    os.environ["BRIEFING_TODAY"] = TODAY
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
        root = Path(folder)
        project = make_project(root / "project", size)
        runs = [generation_figures(project, root / "scratch") for _ in range(repeat)]
        mkdocs_runs = [engine_seconds(project, root / "scratch") for _ in range(repeat)]
        search_runs = [search_figures(project, root / "scratch") for _ in range(repeat)]
        builds = [full_build(project) for _ in range(repeat)]
        reloads = edit_to_reload(project, serve_edits) if serve_edits else None
        clean_reloads = edit_to_reload(project, serve_edits, dirty=False) if serve_edits else None
    figures: dict[str, Any] = {"size": size, **asdict_size(size)}
    for key in runs[0]:
        values = [r[key] for r in runs]
        figures[key] = statistics.median(values) if isinstance(values[0], float) else values[0]
    figures["mkdocs_s"] = statistics.median(mkdocs_runs)
    for key in search_runs[0]:
        figures[key] = statistics.median(run[key] for run in search_runs)
    figures["total_s"] = statistics.median(b[0] for b in builds)
    figures["peak_rss_mb"] = max(b[1] for b in builds)
    figures["peak_rss_worker_mb"] = max(b[2] for b in builds)
    figures["edit_to_reload_s"] = statistics.median(reloads.seconds) if reloads else None
    figures["edit_to_reload_clean_s"] = statistics.median(clean_reloads.seconds) if clean_reloads else None
    figures["edit_to_search_s"] = statistics.median(reloads.search_seconds) if reloads else None
    figures["rebuilds_per_save"] = reloads.rebuilds_per_save if reloads else None
    figures["reloads_per_save"] = reloads.reloads_per_save if reloads else None
    figures["generate_over_floor"] = figures["generate_s"] / figures["floor_s"]
    figures["generate_ms_per_page"] = 1000 * figures["generate_s"] / figures["pages"]
    figures["total_ms_per_page"] = 1000 * figures["total_s"] / figures["pages"]
    # Pages hold more as the dossier grows (a busy month's page has more events), so the
    # cost per megabyte of Markdown is the measure of growth that pages do not bias.
    figures["total_s_per_mb"] = figures["total_s"] / figures["markdown_mb"]
    figures["repeats"] = repeat
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def asdict_size(size: str) -> dict[str, int]:
    if size == BUNDLED:
        corpus = pipeline.check(pipeline.Project(REPO))
        return {"events": len(corpus.events), "actors": len(corpus.actors), "articles": len(corpus.articles)}
    spec = SIZES[size]
    return {"events": spec.events, "actors": spec.actors, "articles": spec.articles}


BEGIN = "<!-- bench-results:begin (python -m bench --readme S M L) -->"
END = "<!-- bench-results:end -->"
COLUMNS = [
    ("pages", "pages"), ("load_validate_s", "load+validate s"), ("render_s", "render s"), ("write_s", "write s"),
    ("generate_s", "generate s"), ("floor_s", "floor s"), ("floor_parse_s", "floor parse s"),
    ("floor_write_s", "floor write s"), ("generate_over_floor", "gen/floor"), ("markdown_mb", "Markdown MB"),
    ("mkdocs_s", "engine s"), ("total_s", "total s"), ("total_ms_per_page", "ms/page"), ("total_s_per_mb", "s/MB"),
    ("peak_rss_mb", "peak MB"), ("peak_rss_worker_mb", "worker peak MB"), ("noop_generate_s", "no-op s"), ("noop_files_written", "no-op files"),
    ("one_edit_files_written", "1-edit files"), ("one_edit_generate_s", "1-edit gen s"),
    ("search_en_s", "search en s"), ("search_ar_s", "search ar s"), ("search_en_files", "search files"),
    ("search_en_mb", "search en MB"), ("search_ar_mb", "search ar MB"), ("search_ar_peak_mb", "Pagefind peak MB"),
    ("edit_to_reload_s", "edit→reload s"), ("edit_to_search_s", "edit→search s"),
    ("edit_to_reload_clean_s", "… without --dirty s"),
    ("rebuilds_per_save", "rebuilds/save"), ("reloads_per_save", "reloads/save"),
]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {sys.version.split()[0]}"


def readme_table(results: list[dict[str, Any]], repeat: int) -> str:
    lines = [BEGIN, "", f"Measured {dt.date.today().isoformat()} on {machine()}; medians of {repeat} runs.", ""]
    lines.append("| size | " + " | ".join(label for _, label in COLUMNS) + " |")
    lines.append("|---|" + "---|" * len(COLUMNS))
    for figures in results:
        cells = ["—" if figures.get(key) is None else str(figures[key]) for key, _ in COLUMNS]
        lines.append(f"| {figures['size']} | " + " | ".join(cells) + " |")
    return "\n".join(lines + ["", END])


def write_readme(results: list[dict[str, Any]], repeat: int) -> None:
    readme = Path(__file__).resolve().parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    table = readme_table(results, repeat)
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + table + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + table + "\n"
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sizes = [BUNDLED, *sorted(SIZES)]
    parser.add_argument("--size", choices=sizes, default="S")
    parser.add_argument("--readme", nargs="+", choices=sizes, metavar="SIZE",
                        help="run these sizes and rewrite the results table in bench/README.md")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed with mkdocs serve (0: skip)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (the default prints it indented)")
    args = parser.parse_args(argv)
    if args.readme:
        results = [run(size, args.repeat, args.serve_edits) for size in args.readme]
        for figures in results:
            print(json.dumps(figures, ensure_ascii=False))
        write_readme(results, args.repeat)
        return 0
    figures = run(args.size, args.repeat, args.serve_edits)
    print(json.dumps(figures, ensure_ascii=False) if args.json else json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
