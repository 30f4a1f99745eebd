"""An actor's relations: the actors they appear with, drawn as a small SVG at build time.

The actor stands at the top, at the start of the line; up to eight companions stand in a
column below, one per row, each joined to the actor by a line as thick as the number of
events they share. One column of names reads at a phone's width without shrinking the
text (a ring of names needs twice the width), and mirrors for Arabic. Each name links to
that actor's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from briefing.markup import short_text

WIDTH = 360
"""The drawing's width in user units: the page shows it at most this many CSS pixels wide
(layout.css), so that on a 390 px phone it is drawn at about its own size and the names stay
at the size layout.css gives them."""
ROW = 34  # one companion per row; also the height of its link's target
TOP = 46  # the companions' column starts below the actor's own name
CENTRE_X, CENTRE_Y, CENTRE_R = 14, 18, 8
NODE_X, NODE_R = 96, 6
LABEL_GAP = 12  # from a companion's dot to its name
LABEL_MAX = 30  # longer names are cut to their first words and an ellipsis; the list below has them whole
CENTRE_MAX = 38
MAX_NEIGHBOURS = 8
MAX_STROKE = 5


@dataclass(frozen=True)
class Neighbour:
    """A companion in the diagram."""

    name: str
    url: str
    shared: int
    label: str
    """Accessible name, e.g. 'Kataib Hezbollah: 3 shared events'."""


def _x(x: float, rtl: bool) -> float:
    """A horizontal position measured from the start side (the right on Arabic pages)."""
    return WIDTH - x if rtl else x


def _node(neighbour: Neighbour, index: int, most: int, rtl: bool) -> tuple[str, str]:
    """The line from the actor to one companion, and the companion's link (dot and name)."""
    y = TOP + index * ROW + ROW / 2
    width = 1 + (MAX_STROKE - 1) * neighbour.shared / most
    cx, nx = _x(CENTRE_X, rtl), _x(NODE_X, rtl)
    line = (
        f'<line x1="{cx:.1f}" y1="{CENTRE_Y + CENTRE_R}" x2="{nx:.1f}" y2="{y:.1f}" '
        f'stroke-width="{width:.1f}" class="brf-rel-line"/>'
    )
    # The whole row is the link's target (a transparent rectangle), not only the dot and
    # the letters: at least 24 px high for a finger.
    target_start = NODE_X - NODE_R - 4
    target_x = 0 if rtl else target_start
    node = (
        f'<a href="{escape(neighbour.url)}" class="brf-rel-node"><title>{escape(neighbour.label)}</title>'
        f'<rect class="brf-rel-target" x="{target_x:.1f}" y="{y - ROW / 2:.1f}" '
        f'width="{WIDTH - target_start:.1f}" height="{ROW}"/>'
        f'<circle cx="{nx:.1f}" cy="{y:.1f}" r="{NODE_R}"/>'
        f'<text x="{_x(NODE_X + LABEL_GAP, rtl):.1f}" y="{y + 5:.1f}">{escape(short_text(neighbour.name, LABEL_MAX))}</text></a>'
    )
    return line, node


def relations_svg(centre: str, neighbours: list[Neighbour], *, rtl: bool, title: str) -> Markup:
    """The diagram: `centre` at the top, its strongest companions below (the order given)."""
    shown = neighbours[:MAX_NEIGHBOURS]
    most = max((n.shared for n in shown), default=1)
    drawn = [_node(neighbour, index, most, rtl) for index, neighbour in enumerate(shown)]
    height = TOP + len(shown) * ROW + 4
    # text-anchor="start" is the right end of a name when the drawing's direction is rtl.
    direction = ' direction="rtl"' if rtl else ""
    return Markup(
        f'<svg class="brf-relations__svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="group" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"{direction}>'
        + "".join(line for line, _ in drawn)
        + f'<circle class="brf-rel-centre" cx="{_x(CENTRE_X, rtl)}" cy="{CENTRE_Y}" r="{CENTRE_R}"/>'
        + f'<text class="brf-rel-centre-label" x="{_x(CENTRE_X + CENTRE_R + 8, rtl)}" y="{CENTRE_Y + 5}">'
        + f"{escape(short_text(centre, CENTRE_MAX))}</text>"
        + "".join(node for _, node in drawn)
        + "</svg>"
    )
