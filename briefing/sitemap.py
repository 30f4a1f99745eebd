"""Sitemaps and robots.txt: absolute addresses under the site's `site_url`.

Each language has its own sitemap at its root (`sitemap.xml`, `ar/sitemap.xml`); every
page lists its equivalent in each language as an hreflang alternate (Google's sitemap
method), with English as `x-default`. Without a site_url there are no sitemaps: a sitemap
of relative or made-up addresses would be worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

from briefing.model import LANGUAGES, Language
from briefing.urls import DEFAULT_LANGUAGE, LANGUAGE_PREFIX, absolute_url

SITEMAP = "sitemap.xml"


def normalised_site_url(site_url: str) -> str:
    """The address as every absolute URL is built from it: with exactly one final slash."""
    return site_url.rstrip("/") + "/"


def sitemap_xml(site_url: str, lang: Language, urls: Iterable[str]) -> bytes:
    """The sitemap of one language: its pages (URLs inside a language, see briefing.urls),
    each with its hreflang alternates."""
    root = normalised_site_url(site_url)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(set(urls)):
        lines.append(f"  <url>\n    <loc>{_escape(absolute_url(root, lang, url))}</loc>")
        for other in LANGUAGES:
            href = quoteattr(absolute_url(root, other, url))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={href}/>')
        default = quoteattr(absolute_url(root, DEFAULT_LANGUAGE, url))
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={default}/>\n  </url>')
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def robots_txt(site_url: str) -> bytes:
    """Allows everything and names each language's sitemap."""
    root = normalised_site_url(site_url)
    sitemaps = "".join(f"Sitemap: {root}{LANGUAGE_PREFIX[lang]}{SITEMAP}\n" for lang in _root_first())
    return f"User-agent: *\nAllow: /\n\n{sitemaps}".encode()


def _root_first() -> list[Language]:
    return sorted(LANGUAGES, key=lambda lang: (lang != DEFAULT_LANGUAGE, lang))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
