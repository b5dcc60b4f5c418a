"""Version information for bug reports and for the first cell of a lesson."""

from __future__ import annotations

import platform
from importlib import metadata

__version__ = "0.1.0"

_PACKAGES = ("qiskit", "qiskit-aer", "numpy", "scipy", "matplotlib", "ipywidgets")


def about() -> dict[str, str]:
    """Return (and print) the versions of Python, qinet and the libraries it runs on.

    Examples
    --------
    >>> info = about()  # doctest: +ELLIPSIS
    qinet ...
    >>> "qiskit" in info
    True
    """
    info = {"qinet": __version__, "python": platform.python_version()}
    for name in _PACKAGES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    print("\n".join(f"{key:<11} {value}" for key, value in info.items()))
    return info
