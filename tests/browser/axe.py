"""axe-core in the page: run it, and say what it found in a form a person can act on."""

from __future__ import annotations

from typing import Any

from .chromium import Chromium

BLOCKING = ("serious", "critical")
"""Impacts that fail a test. Moderate and minor findings are kept in the report only."""

# axe-core decides per font whether text is an "icon ligature" (a font drawing icons from
# words) by comparing a canvas drawing of the text's first letter with that of the whole
# text. Arabic letters join and change shape, so every Arabic text looks like a ligature,
# and after three such texts in one font axe skips every text in that font: color-contrast
# is then never checked on an Arabic page at all (seen with axe-core 4.14.1). The site uses
# inline SVG icons, no icon font, so tell axe that no font here draws ligature icons: its
# per-font tally (kept in axe._cache under "fonts") reads "seen often, never a ligature".
_NO_ICON_LIGATURES = """
const cache = axe._cache, get = cache.get;
cache.get = function (key, creator) {
  if (key === 'fonts') {
    return get.call(this, key, () => new Proxy({}, {get: () => ({occurrences: Infinity, numLigatures: 0})}));
  }
  return get.call(this, key, creator);
};
"""

# Proof that the patch above took: Arabic text in the page is text to axe, not an icon.
_LIGATURE_PROBE = """
axe.setup(document);
try {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\\u0600-\\u06FF]{3}/.test(node.nodeValue)) continue;
    const vnode = axe.utils.getNodeFromTree(node);
    if (vnode) return axe.commons.text.isIconLigature(vnode) ? 'ligature' : 'text';
  }
  return 'no Arabic text';
} finally {
  axe.teardown();
}
"""

_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations', 'incomplete']})
  .then(r => done({violations: r.violations, incomplete: r.incomplete, testEngine: r.testEngine}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def run_axe(browser: Chromium, axe_source: str) -> dict[str, Any]:
    """Inject axe-core into the loaded page and run every default rule on the whole page."""
    browser.run(axe_source)
    browser.run(_NO_ICON_LIGATURES)
    if browser.facts()["lang"] == "ar":
        probe = browser.run(_LIGATURE_PROBE)
        assert probe == "text", f"axe-core still takes Arabic text for an icon ligature ({probe}): update _NO_ICON_LIGATURES"
    result = browser.run_async(_RUN)
    assert "error" not in result, f"axe-core failed: {result['error']}"
    return result


def blocking(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The report's entry for one page: every violation and every 'needs review', per node."""

    def rule(entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "rule": entry["id"],
            "impact": entry.get("impact"),
            "help": entry["help"],
            "helpUrl": entry.get("helpUrl"),
            "nodes": [
                {"target": node["target"], "html": node["html"], "why": node.get("failureSummary", "")}
                for node in entry["nodes"]
            ],
        }

    return {
        "axe": result.get("testEngine", {}).get("version"),
        "violations": [rule(v) for v in result["violations"]],
        "incomplete": [rule(v) for v in result["incomplete"]],
    }


def describe(violations: list[dict[str, Any]], per_rule: int = 5) -> str:
    """Violations as lines: rule, impact, help, then each offending element and why."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"][:per_rule]:
            target = " ".join(str(t) for t in node["target"])
            why = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}\n        {node['html'][:160]}\n        {why[:300]}")
        if len(v["nodes"]) > per_rule:
            lines.append(f"    ... and {len(v['nodes']) - per_rule} more (see the report)")
    return "\n".join(lines)
