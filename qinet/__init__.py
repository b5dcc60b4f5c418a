"""qinet: circuits and physical models for teaching how a quantum internet works.

Submodules (``qinet.links``, ``qinet.sim``, ``qinet.widgets`` ...) are imported on first use,
so ``import qinet`` is fast and has no side effects.
"""

from qinet._about import __version__ as __version__
from qinet._about import about as about
from qinet._lazy import lazy_submodules

__getattr__, __dir__ = lazy_submodules(__name__, __path__)
