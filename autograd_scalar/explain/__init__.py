"""The chain rule written out: how a graph reads in its labels, and explain().

`folding` reads a graph as a person does (labelled nodes, their equations, the steps
between them, with unlabelled nodes folded in); `explain` writes the chain rule for one
partial derivative from it. The pictures' equation view reads graphs the same way.
"""

from .explain import Explanation, Factor, explain
from .folding import Folding, Step

__all__ = ["Explanation", "Factor", "Folding", "Step", "explain"]
