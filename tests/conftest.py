import os
import sys

from hypothesis import settings

# The tests import `strategies` as a sibling module.
sys.path.insert(0, os.path.dirname(__file__))

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def without_dot(path: str) -> str:
    """PATH with every folder that holds a `dot` program left out."""
    folders = path.split(os.pathsep)
    return os.pathsep.join(f for f in folders if not os.access(os.path.join(f, "dot"), os.X_OK))


# The project must render with no system Graphviz: the whole run, notebooks included
# (their kernels inherit this environment), sees no `dot`.
os.environ["PATH"] = without_dot(os.environ.get("PATH", ""))
