"""How long `import autograd_scalar` takes in a fresh interpreter, and what it loads.

After one run that leaves the compiled modules (.pyc) written, each of `RUNS` fresh
interpreters runs `python -X importtime -c "import autograd_scalar"`;
the figure is the median of the cumulative time Python reports for the package, split
into the package's own modules and the standard library modules it brings in. It also
lists the package's modules that the import loads (the layers loaded later are not
among them).

    python benchmarks/import_speed.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

RUNS = 11
PACKAGE = "autograd_scalar"


# As a user's Python runs: compiled modules are written once and then read.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def one_import() -> tuple[float, float, list[str]]:
    """(total ms, the package's own ms, the package's modules) of one fresh import."""
    command = [sys.executable, "-X", "importtime", "-c", f"import {PACKAGE}"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=ENVIRONMENT)
    total = own = 0.0
    modules = []
    for line in done.stderr.splitlines():  # import time: self | cumulative | name
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        self_us, cumulative_us, name = int(parts[0]), int(parts[1]), parts[2].strip()
        if name.split(".")[0] != PACKAGE:
            continue
        own += self_us / 1000
        modules.append(name)
        if name == PACKAGE:
            total = cumulative_us / 1000
    return total, own, modules


def main() -> None:
    one_import()  # writes the compiled modules, if they are not there yet
    runs = [one_import() for _ in range(RUNS)]
    total = statistics.median(run[0] for run in runs)
    own = statistics.median(run[1] for run in runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"import {PACKAGE}, median of {RUNS} fresh interpreters (load average {load:.1f}):")
    print(f"  {total:6.1f} ms in all")
    print(
        f"  {own:6.1f} ms in the package's own modules, {total - own:.1f} ms in the standard library"
    )
    print(f"  loads: {', '.join(sorted(runs[0][2]))}")


if __name__ == "__main__":
    main()
