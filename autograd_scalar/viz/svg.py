"""Touches to the SVG that Graphviz writes: the font list, and what the page needs.

Graphviz lays text out with the metrics of one font (`style.FONT`) and names only that
font in the SVG; a reader's machine may not have it, and a serif fallback has no ℓ. So
the SVG names a list of fonts that all have σ, ℓ, ∂, ŷ and subscripts (`style.FONTS`).
For the page, each node's group gets `data-label` (its label, exactly) and is made
focusable, so that it can be clicked or reached with the keyboard.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .style import FONT, FONTS

_FAMILY = f'font-family="{FONT}"'
_GROUP = re.compile(r'<g id="([a-z]+\d+)" class="node">')


def name_fonts(svg: str) -> str:
    """The SVG with its one measured font replaced by the list of fonts to look for."""
    return svg.replace(_FAMILY, f'font-family="{FONTS}"')


def mark_nodes(svg: str, labels: Mapping[str, str], names: Mapping[str, str] = {}) -> str:
    """Each node group whose id is in `labels` gets `data-label`, a tab stop and a role,
    named by its label, else by `names` (an unlabelled leaf's knob)."""

    def mark(match: re.Match[str]) -> str:
        node_id = match.group(1)
        if node_id not in labels:
            return match.group(0)
        label = html.escape(labels[node_id], quote=True)
        name = label or html.escape(names.get(node_id, ""), quote=True) or "an unlabelled node"
        return (
            f'<g id="{node_id}" class="node ag-box" data-label="{label}" tabindex="0" '
            f'role="button" aria-label="{name}: show its chain rule">'
        )

    return _GROUP.sub(mark, svg)


def inline(svg: str) -> str:
    """The SVG as it goes inside an HTML page: no XML prolog, no doctype, no namespace
    URLs (HTML knows SVG without them), scaled to the width of the column."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg, count=2)
    return svg.replace("<svg ", '<svg class="ag-svg" ', 1)
