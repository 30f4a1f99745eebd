"""`python -m bench.lighthouse` (`make lighthouse`): Lighthouse on the bundled dossier's site.

Lighthouse 12 (npm, pinned in package-lock.json; `npm ci` installs it) drives Debian's
Chromium (CHROME_PATH, /usr/bin/chromium unless set) in its default phone emulation (a
mid-range Android phone, simulated slow 4G and a 4x slower CPU) and scores performance,
accessibility, best practices and SEO. The site is the bundled dossier built with
`build.py publish --site-url http://127.0.0.1:PORT/` (canonical links, sitemaps and feeds
need an address; the port is picked free and the site served there) in a temporary copy of
the project, and served with gzip as a host serves it (bench/serve_gzip.py).

Pages: the home, the chronology, the actor in the most events and the source with the
longest text, in each language. Each is run `--runs` times (default 3: scores move with the
machine's load, TBT most) and the run with the median performance score is kept: its JSON
report goes to test-artifacts/lighthouse/<lang>-<page>.json and its figures to the table
printed at the end (Markdown, for the README). Audits that cost a category points are
listed under the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.serve_gzip import serve_folder  # noqa: E402
from briefing.urls import DEFAULT_LANGUAGE, LANGUAGE_PREFIX  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = REPO / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_site(folder: Path, site_url: str) -> Path:
    """The bundled dossier built for publishing at `site_url`, in a copy of the project."""
    for name in ("mkdocs.yml", "templates", "content"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    (folder / "build" / "docs").mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "publish", "--project", str(folder), "--site-url", site_url, "-q"],
        check=True,
    )
    return folder / "site"


def page_paths(site: Path) -> dict[str, str]:
    """Each page kind's path inside a language: the busiest actor, the longest source."""
    data = site / "data"
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    articles = json.loads((data / "articles.json").read_text(encoding="utf-8"))
    in_events = Counter(actor for event in events for actor in event["actors"])
    actor = min(in_events, key=lambda name: (-in_events[name], name))
    source = max(articles, key=lambda article: (len(article["raw"]), article["id"]))["id"]
    return {"home": "", "chronology": "chronology/", "actor": f"actors/{actor}/", "source": f"sources/{source}/"}


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run of `url` in phone emulation; its JSON report, also written to `report`."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        "node", str(LIGHTHOUSE), url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={report}",
        "--quiet", "--no-enable-error-reporting",
    ]
    subprocess.run(command, check=True, env=env)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise SystemExit(f"Lighthouse on {url}: {result['runtimeError']}")
    return result


def median_run(url: str, report: Path, runs: int) -> dict[str, Any]:
    """`runs` runs of `url`; the one with the median performance score, written to `report`."""
    reports = [report.with_name(f"{report.stem}-run{attempt + 1}.json") for attempt in range(runs)]
    results = [run_lighthouse(url, path) for path in reports]
    results.sort(key=lambda result: result["categories"]["performance"]["score"] or 0)
    kept = results[(len(results) - 1) // 2]
    report.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    for path in reports:
        path.unlink()
    scores = [round((result["categories"]["performance"]["score"] or 0) * 100) for result in results]
    print(f"{url}: performance {scores} (median {statistics.median(scores):g})", file=sys.stderr)
    return kept


def row(page: str, lang: str, result: dict[str, Any]) -> str:
    """One table row: the four scores, the metrics and the weight on the wire."""
    audits = result["audits"]
    scores = [str(round((result["categories"][name]["score"] or 0) * 100)) for name in CATEGORIES]
    metrics = [audits[audit]["displayValue"].replace("\xa0", " ") for audit in METRICS.values()]
    weight = audits["total-byte-weight"]["numericValue"] / 1024
    return f"| {page} | {lang} | " + " | ".join(scores + metrics) + f" | {weight:.0f} KB |"


def lost_points(result: dict[str, Any]) -> list[str]:
    """The audits that cost a category points, as `category: audit (score)`."""
    lost = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']} ({audit['score']:.2f}, {audit.get('displayValue', '')})")
    return lost


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept (default 3)")
    parser.add_argument("--pages", default="home,chronology,actor,source")
    parser.add_argument("--langs", default=",".join(sorted(LANGUAGE_PREFIX, key=lambda lang: (lang != DEFAULT_LANGUAGE, lang))))
    parser.add_argument("--out", type=Path, default=OUT, help="where the JSON reports go")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} not found: run `npm ci` (package-lock.json pins lighthouse)")
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary:
        site = build_site(Path(temporary), base)
        paths = page_paths(site)
        with serve_folder(site, gzip=True, port=port):
            for page in args.pages.split(","):
                for lang in args.langs.split(","):
                    url = base + LANGUAGE_PREFIX[lang] + paths[page]
                    result = median_run(url, args.out / f"{lang}-{page}.json", args.runs)
                    rows.append(row(page, lang, result))
                    notes += [f"- {page} ({lang}) {note}" for note in lost_points(result)]
    print("| page | lang | performance | accessibility | best practices | SEO | " + " | ".join(METRICS)
          + " | weight |")
    print("|---|---|" + "---|" * (len(CATEGORIES) + len(METRICS) + 1))
    print("\n".join(rows))
    if notes:
        print("\nPoints lost (median runs):\n" + "\n".join(notes))
    chosen = ", ".join(f"{kind} = /{path}" for kind, path in paths.items())
    print(f"\nPages: {chosen}; reports in {args.out}")


if __name__ == "__main__":
    main()
