"""Figures. ``use_style`` and ``COLORS`` live here; topic plots in submodules
(``qinet.plots.fiber``, ``qinet.plots.qkd`` ...), imported on first use.

Every plot function takes ``ax=None``, returns the Axes, and never calls ``plt.show()``.
"""

from qinet._lazy import lazy_submodules
from qinet.plots.style import COLORS as COLORS
from qinet.plots.style import axes as axes
from qinet.plots.style import measured as measured
from qinet.plots.style import panel_figure as panel_figure
from qinet.plots.style import role_color as role_color
from qinet.plots.style import use_style as use_style

__getattr__, __dir__ = lazy_submodules(__name__, __path__)
