"""Statistics of sampled results, shared by every protocol: the binomial standard error.

A fraction ``p̂ = k / n`` counted over ``n`` independent shots (a QBER, a success probability, the
fraction of Φ+ outcomes) is binomially distributed; its standard error is ``√(p (1 − p) / n)``
(textbook result). NumPy only: models and protocols alike import it, so the formula is written once.
"""

from __future__ import annotations

from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from qinet._validate import number, probability, scalar_or_array


@overload
def binomial_stderr(p: float, n: float) -> float: ...
@overload
def binomial_stderr(p: ArrayLike, n: ArrayLike) -> float | np.ndarray: ...
def binomial_stderr(p: ArrayLike, n: ArrayLike) -> float | np.ndarray:
    """Standard error ``√(p (1 − p) / n)`` of a fraction ``p`` estimated from ``n`` independent trials.

    Pass the estimate ``p̂`` to get the usual error bar, or the expected ``p`` to get the spread a
    check should allow. It is 0 at ``p = 0`` and ``p = 1``: an error bar of zero there says the data
    cannot show any spread, not that the fraction is exact.

    Parameters
    ----------
    p : fraction(s) in [0, 1].
    n : number(s) of trials, ≥ 1 (arrays broadcast against ``p``).

    Examples
    --------
    >>> binomial_stderr(0.5, 10_000)
    0.005
    >>> binomial_stderr([0.0, 0.1], 100).round(3).tolist()
    [0.0, 0.03]
    """
    fraction = probability("p", p)
    trials = number("n", n, 1.0)
    if np.any(trials != np.floor(trials)):
        raise ValueError(f"n must be whole numbers of trials >= 1, got {n!r}")
    return scalar_or_array(np.sqrt(fraction * (1.0 - fraction) / trials))
