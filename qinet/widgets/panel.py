"""The one building block of every interactive panel: controls → a pure qinet call → a picture.

The figure is built once and redrawn in place; each update renders it with Agg and encodes the
pixels as an RGB PNG (fastest zlib level) into an ``ipywidgets.Image`` (about 30–60 ms), which works
the same in JupyterLab, Voilà and on Binder with core ipywidgets only, and lets tests check that the
picture changed. Intermediate values of a dragged slider need no debouncing here: the widget
frontend sends a control's next value only once the kernel is idle again, merging the values in
between, so a drag draws at most one picture behind the pointer. A displayed panel also carries
that PNG as a plain image, so viewers without a kernel (the book, nbviewer, GitHub) show the figure
at the controls' current values.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable, Mapping

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from qinet._validate import WrongTypeError, number, positive_int, text
from qinet.plots.style import panel_figure
from qinet.widgets._lifetime import close_descendants, release_on_rerun

DrawFunction = Callable[..., str | None]


class LivePanel(widgets.VBox):
    """A panel: ``controls`` (name → widget) on top, the figure below, an optional text readout.

    ``draw(fig, **values)`` receives the figure (its ``nrows × ncols`` axes cleared, any extra
    axes from the previous draw removed) and the controls'
    current values; it draws and may return HTML for the readout line. Tests can set
    ``panel.controls[name].value`` and compare ``panel.image.value`` before and after.
    """

    def __init__(
        self,
        draw: DrawFunction,
        controls: Mapping[str, widgets.ValueWidget],
        *,
        nrows: int = 1,
        ncols: int = 1,
        figsize: tuple[float, float] = (7.0, 3.6),
        columns: int = 2,
    ) -> None:
        self.draw = draw
        self.controls = dict(controls)
        self.figure: Figure = panel_figure(nrows, ncols, figsize=figsize)
        self._canvas = FigureCanvasAgg(self.figure)  # draws in place, without savefig's per-call set-up
        self._axes = list(self.figure.axes)
        width = f"{figsize[0] * 100:.0f}px"
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=width))
        self.readout = widgets.HTML()
        self.updates = 0
        boxes = [widgets.VBox(list(self.controls.values())[i::columns]) for i in range(columns)]
        super().__init__([widgets.HBox(boxes), self.image, self.readout])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()
        release_on_rerun(self)  # a cell run again closes the panels its earlier run built

    def close(self) -> None:
        """Close the panel and every widget in it, so that the kernel can free them and the figure."""
        if self.comm is not None:  # not yet closed
            for control in self.controls.values():
                control.unobserve(self._on_change, names="value")
            close_descendants(self)
        super().close()

    def _repr_mimebundle_(self, **kwargs) -> dict[str, object]:
        """The live widget for Jupyter frontends and the current figure as ``image/png`` for static ones.

        JupyterLab and Voilà render the widget view (their widget renderer outranks images); a
        renderer without a kernel (a static site, nbviewer, GitHub) shows the picture instead. The
        PNG is the one the last update already rendered: displaying a panel costs no extra drawing.

        Examples
        --------
        >>> bundle = LivePanel(lambda fig: None, {})._repr_mimebundle_()
        >>> sorted(bundle)
        ['application/vnd.jupyter.widget-view+json', 'image/png', 'text/plain']
        >>> base64.b64decode(bundle["image/png"])[:4]
        b'\\x89PNG'
        """
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

    def values(self) -> dict[str, object]:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:
        """Redraw the figure from the controls' current values."""
        for ax in self.figure.axes:
            if ax in self._axes:
                ax.cla()
            else:  # twin axes or colour bars made by the previous draw
                ax.remove()
        text = self.draw(self.figure, **self.values())
        self._canvas.draw()
        if self.updates == 0:  # lay out once, then keep the axes where they are (saves ~30 ms per update)
            self.figure.set_layout_engine("none")
        self.image.value = self._png()
        self.readout.value = text or ""
        self.updates += 1

    def _png(self) -> bytes:
        """The figure as drawn, as PNG bytes: RGB (the figure is opaque) at zlib level 1, the fastest.

        Examples
        --------
        >>> LivePanel(lambda fig: None, {})._png()[:4]
        b'\\x89PNG'
        """
        width, height = self._canvas.get_width_height()
        rgba = Image.frombuffer("RGBA", (width, height), self._canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        rgba.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _on_change(self, _change: dict) -> None:
        self.update()


#: Widest range an integer slider offers (a slider has a few hundred pixels: more steps cannot be picked).
MAX_INT_RANGE = 10**9


def _bounds(low: float, high: float, *, positive: bool = False) -> tuple[float, float]:
    """``(low, high)`` after checking both are finite, ``low < high`` and, if ``positive``, ``low > 0``."""
    low = float(number("low", low, 0.0 if positive else -math.inf, low_open=positive))
    high = float(number("high", high))
    if not high > low:
        raise ValueError(f"high must be greater than low = {low}, got {high}")
    return low, high


def slider(description: str, value: float, low: float, high: float, step: float, **kwargs) -> widgets.FloatSlider:
    """A float slider limited to the valid range ``[low, high]``, updating while dragged.

    Examples
    --------
    >>> slider("V", 1.5, 0.0, 1.0, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: value must be in [0.0, 1.0], got 1.5
    """
    description = text("description", description)
    low, high = _bounds(low, high)
    value = float(number("value", value, low, high))
    step = float(number("step", step, 0.0, high - low, low_open=True))
    style = {"description_width": "initial"}
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        style=style,
        continuous_update=True,
        layout=widgets.Layout(width="340px"),
        **kwargs,
    )


def log_slider(description: str, value: float, low: float, high: float, **kwargs) -> widgets.FloatLogSlider:
    """A logarithmic slider from ``low`` to ``high`` (both > 0), for rates and times.

    Its grid (steps of about 0.05 in log10) starts at ``low`` and passes through ``value``, so the browser
    shows, and sends back, the value the panel was built with instead of the nearest grid point.

    Examples
    --------
    >>> s = log_slider("T₁ / T₂", 1.0, 0.5, 1e3)
    >>> s.value, s.base ** s.min, s.base ** s.max, round(s.step, 6)
    (1.0, 0.5, 1000.0, 0.050172)
    """
    description = text("description", description)
    low, high = _bounds(low, high, positive=True)
    value = float(number("value", value, low, high))
    bottom, start = math.log10(low), math.log10(value)
    steps = round((start - bottom) / 0.05)
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=bottom,
        max=math.log10(high),
        step=(start - bottom) / steps if steps >= 1 else 0.05,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="340px"),
        **kwargs,
    )


def int_slider(description: str, value: int, low: int, high: int, step: int = 1, **kwargs) -> widgets.IntSlider:
    """An integer slider limited to ``[low, high]``: whole numbers from 0 (integer sliders count things:
    qubits, links, rounds), at most 10⁹ apart."""
    description = text("description", description)
    low = positive_int("low", low, minimum=0, maximum=MAX_INT_RANGE)
    high = positive_int("high", high, minimum=low + 1, maximum=low + MAX_INT_RANGE)
    value = positive_int("value", value, minimum=low, maximum=high)
    step = positive_int("step", step, maximum=high - low)
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="340px"),
        **kwargs,
    )


def dropdown(description: str, options, value=None) -> widgets.Dropdown:
    """A dropdown offering only ``options`` (a non-empty list, or a dict label → value), starting at ``value``
    (one of the option values; the first when None)."""
    description = text("description", description)
    if isinstance(options, (str, bytes)) or not isinstance(options, (list, tuple, Mapping)) or not options:
        raise WrongTypeError(f"options must be a non-empty list, or a dict of label → value, got {options!r:.60}")
    values = list(options.values()) if isinstance(options, Mapping) else list(options)
    if value is not None and not any(value is v or (type(value) is type(v) and value == v) for v in values):
        raise ValueError(f"value must be None or one of {values!r:.80}, got {value!r:.60}")
    dropdown = widgets.Dropdown(options=options, description=description, style={"description_width": "initial"})
    if value is not None:
        dropdown.value = value
    return dropdown
