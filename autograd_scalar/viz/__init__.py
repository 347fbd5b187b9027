"""Pictures of a gradient graph: two views, their look, groups, renderers, and a page.

`drawing` holds `draw()` and the `Drawing` it returns; `equations` builds the equation
view (one box per labelled node) and `dot` the op view (every op), both described by a
`scene`; `style` decides how nodes, edges and titles read; `groups` boxes nodes per
neuron and layer; `examples` draws a loss over several examples a band each; `render`
turns DOT into SVG in-process (WebAssembly Graphviz) or with a system `dot`; `svg`
touches the SVG up (fonts, what the page needs); `page` makes the self-contained HTML
page whose knobs recompute the graph in the browser: `tape` gives it the graph and the op
table printed to JavaScript, `readings` the graph's words, and `script/` holds its
JavaScript and style sheet (plain files, no framework, no build step).
"""

from ..errors import RenderError
from .drawing import Drawing, draw

__all__ = ["Drawing", "RenderError", "draw"]
