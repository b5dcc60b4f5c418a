"""Interactive panels, one submodule per topic (``qinet.widgets.fiber`` ...), imported on first use.

Factories return the panel widget and never display it: a notebook cell ends with the call.
"""

from qinet._lazy import lazy_submodules
from qinet.widgets.panel import LivePanel as LivePanel

__getattr__, __dir__ = lazy_submodules(__name__, __path__)
