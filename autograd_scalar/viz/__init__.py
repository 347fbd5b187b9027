"""Pictures of a gradient graph: DOT text, its look, groups, and renderers.

`drawing` holds `draw()` and the `Drawing` it returns; `dot` builds the DOT text;
`style` decides how nodes, edges and titles read; `groups` boxes nodes per neuron and
layer; `render` turns DOT into SVG in-process (WebAssembly Graphviz) or with a system
`dot`.
"""

from ..errors import RenderError
from .drawing import Drawing, draw

__all__ = ["Drawing", "RenderError", "draw"]
