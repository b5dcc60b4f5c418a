"""The shared core: input validation, lazy submodules, the style, the live panel, exercise feedback."""

from __future__ import annotations

import math
import re

import matplotlib as mpl
import numpy as np
import pytest

import qinet
from qinet import _validate as v
from qinet.exercises import Feedback, check_choice, check_number
from qinet.plots import COLORS, role_color, use_style
from qinet.widgets.panel import LivePanel, dropdown, int_slider, log_slider, slider


class TestValidation:
    def test_in_range_accepts_and_returns_arrays(self):
        out = v.in_range("length_km", [0.0, 5.0], 0.0)
        assert isinstance(out, np.ndarray) and out.tolist() == [0.0, 5.0]

    @pytest.mark.parametrize("value", [-1.0, [1.0, -0.5], math.nan])
    def test_in_range_names_parameter_value_and_range(self, value):
        with pytest.raises(ValueError, match=r"length_km must be in \[0\.0, inf\), got"):
            v.in_range("length_km", value, 0.0)

    def test_open_ends(self):
        with pytest.raises(ValueError, match=r"p must be in \(0\.0, 1\.0\], got 0\.0"):
            v.in_range("p", 0.0, 0.0, 1.0, low_open=True)
        assert v.in_range("p", 1.0, 0.0, 1.0, low_open=True) == 1.0

    def test_probability(self):
        assert v.probability("eta", 1.0) == 1.0
        with pytest.raises(ValueError, match="eta must be in \\[0.0, 1.0\\], got 1.5"):
            v.probability("eta", 1.5)

    def test_non_numbers_are_refused_clearly(self):
        with pytest.raises(ValueError, match="length_km must be a number, got 'far'"):
            v.in_range("length_km", "far", 0.0)

    @pytest.mark.parametrize("value", [0, -3, 2.5, "4", True])
    def test_positive_int_refuses(self, value):
        with pytest.raises(ValueError, match="n_links must be a whole number >= 1"):
            v.positive_int("n_links", value)

    def test_positive_int_accepts_whole_floats(self):
        assert v.positive_int("n", 3.0) == 3 and v.positive_int("n", np.int64(4)) == 4

    def test_one_of(self):
        assert v.one_of("kind", "PHI+", ["phi+", "psi-"]) == "phi+"
        with pytest.raises(ValueError, match=re.escape("kind must be one of 'phi+', 'psi-'; got 'bell'")):
            v.one_of("kind", "bell", ["phi+", "psi-"])

    def test_scalar_or_array(self):
        assert isinstance(v.scalar_or_array(np.asarray(2.0)), float)
        assert isinstance(v.scalar_or_array(np.asarray([2.0])), np.ndarray)


def test_lazy_submodules_load_on_first_use():
    assert {"sim", "widgets", "plots", "exercises"} <= set(dir(qinet))
    assert qinet.sim.run is not None
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        qinet.nonsense  # noqa: B018


def test_about_reports_versions(capsys):
    info = qinet.about()
    assert info["qinet"] == qinet.__version__ and "qiskit" in capsys.readouterr().out


class TestStyle:
    def test_one_distinct_colour_per_role(self):
        assert len(set(COLORS.values())) == len(COLORS)
        assert role_color("alice") == COLORS["alice"]
        with pytest.raises(ValueError, match="role must be one of"):
            role_color("mallory")

    def test_use_style_applies_the_bundled_style(self):
        with mpl.rc_context():
            use_style()
            assert mpl.rcParams["font.size"] == 12
            assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0].lower() == COLORS["alice"].lower()


class TestLivePanel:
    @staticmethod
    def _panel():
        def draw(fig, x, n, kind, rate):
            fig.axes[0].plot([0, 1], [0, x * n])
            fig.axes[0].twinx().plot([0, 1], [rate, 0])
            return f"{kind}: {x:.2f}"

        controls = {
            "x": slider("x", 1.0, 0.0, 2.0, 0.1),
            "n": int_slider("n", 2, 1, 5),
            "kind": dropdown("kind", ["a", "b"]),
            "rate": log_slider("rate", 10.0, 1.0, 1e3),
        }
        return LivePanel(draw, controls)

    def test_draws_once_on_creation(self):
        panel = self._panel()
        assert panel.updates == 1 and bytes(panel.image.value[:4]) == b"\x89PNG" and panel.readout.value == "a: 1.00"

    def test_moving_a_control_redraws_the_picture(self):
        panel = self._panel()
        before = panel.image.value
        panel.controls["x"].value = 1.5
        assert panel.image.value != before and panel.readout.value == "a: 1.50"
        panel.controls["kind"].value = "b"
        assert panel.updates == 3 and panel.readout.value.startswith("b")

    def test_extra_axes_do_not_pile_up(self):
        panel = self._panel()
        for n in (3, 4, 5):
            panel.controls["n"].value = n
        assert len(panel.figure.axes) == 2

    def test_controls_offer_only_their_range(self):
        s = slider("L (km)", 100.0, 0.0, 300.0, 5.0)
        s.value = 1000.0
        assert s.value == 300.0


class TestFeedback:
    def test_right_and_wrong_numbers(self):
        assert check_number(0.0101, 0.01, rtol=0.05)
        wrong = check_number(0.02, 0.01, hint="Think in dB.")
        assert not wrong and "too large" in wrong.message and "Think in dB." in wrong.message

    @pytest.mark.parametrize("answer", [None, ..., "ten", [1, 2], float("nan"), {}])
    def test_garbage_never_raises(self, answer):
        assert isinstance(check_number(answer, 1.0), Feedback) and not check_number(answer, 1.0)

    def test_choice(self):
        options = {"a": "Yes: no signal travels faster than light.", "b": "No: Bob needs the two bits."}
        assert check_choice("B", "b", options) and not check_choice("a", "b", options)
        assert not check_choice("z", "b", options) and not check_choice(None, "b", options)

    def test_shows_itself(self):
        assert check_number(1.0, 1.0)._repr_html_().startswith("<div") and "✓" in repr(check_number(1, 1))
