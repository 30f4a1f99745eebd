"""An actor's relations: the actors they appear with, drawn as a small SVG at build time.

The actor sits in the middle; up to eight companions stand around it, joined by lines as
thick as the number of events they share. Each name links to that actor's page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 300
RADIUS_X, RADIUS_Y = 150, 105
LABEL_MAX = 24  # longer names are shortened in the drawing; the list below has them whole
MAX_NEIGHBOURS = 8


@dataclass(frozen=True)
class Neighbour:
    """A companion in the diagram."""

    name: str
    url: str
    shared: int
    label: str
    """Accessible name, e.g. 'Kataib Hezbollah: 3 shared events'."""


def _short(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1].rstrip() + "…"


def relations_svg(centre: str, neighbours: list[Neighbour], *, rtl: bool, title: str) -> Markup:
    shown = neighbours[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    most = max((n.shared for n in shown), default=1)
    lines, nodes = [], []
    for index, neighbour in enumerate(shown):
        # Start at the top and go clockwise (counter-clockwise on Arabic pages, so that the
        # strongest companions come first in reading order).
        angle = -math.pi / 2 + (2 * math.pi * index / max(len(shown), 1)) * (-1 if rtl else 1)
        x, y = cx + RADIUS_X * math.cos(angle), cy + RADIUS_Y * math.sin(angle)
        width = 1 + 4 * neighbour.shared / most
        lines.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{width:.1f}" class="brf-rel-line"/>')
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        if rtl and anchor != "middle":  # with direction="rtl", start and end swap sides
            anchor = "end" if anchor == "start" else "start"
        dx = 0 if anchor == "middle" else (10 if math.cos(angle) > 0 else -10)
        dy = -10 if math.sin(angle) < -0.9 else (16 if math.sin(angle) > 0.9 else 4)
        nodes.append(
            f'<a href="{escape(neighbour.url)}" class="brf-rel-node"><title>{escape(neighbour.label)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(_short(neighbour.name))}</text></a>'
        )
    direction = ' direction="rtl"' if rtl else ""
    return Markup(
        f'<svg class="brf-relations__svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"{direction}>'
        + "".join(lines)
        + f'<circle class="brf-rel-centre" cx="{cx}" cy="{cy}" r="10"/>'
        + f'<text class="brf-rel-centre-label" x="{cx}" y="{cy + 28}" text-anchor="middle">{escape(centre)}</text>'
        + "".join(nodes)
        + "</svg>"
    )
