"""Pictures of a gradient graph: two views, their look, groups, renderers, and a page.

`drawing` holds `draw()` and the `Drawing` it returns; `equations` builds the equation
view (one box per labelled node) and `dot` the op view (every op), both described by a
`scene`; `style` decides how nodes, edges and titles read; `groups` boxes nodes per
neuron and layer; `render` turns DOT into SVG in-process (WebAssembly Graphviz) or with
a system `dot`; `svg` touches the SVG up (fonts, what the page needs); `page` makes the
self-contained HTML page (with `page.js` and `page.css`) that steps through backward.
"""

from ..errors import RenderError
from .drawing import Drawing, draw

__all__ = ["Drawing", "RenderError", "draw"]
