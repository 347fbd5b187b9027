"""Without PyTorch (an optional extra), the bridge's functions say what to install.

Run in a fresh interpreter where `import torch` fails, whether torch is installed here
or not: every way in (the package's `to_torch`, a model's `to_torch()`,
`nn.MLP.from_torch`) raises an ImportError that names the extra.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CALLS = {
    "to_torch(a graph)": "to_torch(Value(2.0, 'x') * 3.0)",
    "Neuron.to_torch()": "nn.Neuron(2).to_torch()",
    "Layer.to_torch()": "nn.Layer(2, 3).to_torch()",
    "MLP.to_torch()": "nn.MLP(2, [3, 1]).to_torch()",
    "MLP.from_torch()": "nn.MLP.from_torch(object())",
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_each_way_in_names_the_extra_to_install(call):
    code = (
        "import sys\n"
        "sys.modules['torch'] = None  # as if it were not installed: importing it fails\n"
        "from autograd_scalar import Value, nn, to_torch\n"
        "try:\n"
        f"    {call}\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    said = done.stdout.strip()
    assert said.endswith(
        'needs PyTorch, an optional extra: pip install "autograd-scalar[torch]" (a CPU build is enough)'
    )
    assert said.startswith(("to_torch", "from_torch"))
