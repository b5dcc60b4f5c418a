"""IBM devices: offline fake devices and real hardware, run through IBM's client-side Runtime primitives.

``qiskit_ibm_runtime`` (about a second to import) is imported only here, and only when a device is
used. Since qiskit-ibm-runtime 0.50 the recommended sampler is the client-side
``qiskit_ibm_runtime.executor_sampler.Sampler``; its ``mode`` is a backend (job mode), a
``Session`` or a ``Batch``. Given a fake device it runs in *local testing mode*: the ISA circuits
are simulated on this computer with the device's calibrated noise, through the same code as on
hardware. The IBM account is read from the credentials saved on this computer
(``QiskitRuntimeService.save_account``, once, in a terminal); notebooks never hold a token.
"""

from __future__ import annotations

import re
from typing import Any

from qiskit.providers import BackendV2

from qinet._validate import WrongTypeError, positive_int, text

SAVE_ACCOUNT_HINT = (
    "save your IBM Quantum account once on this computer, in a terminal and never in a notebook, with "
    "QiskitRuntimeService.save_account(token=<API key>, instance=<instance CRN>, set_as_default=True) "
    "(step by step: 'Run on a real device' in qinet's README)"
)


class NoAccountError(RuntimeError):
    """No IBM Quantum account is saved on this computer (see ``SAVE_ACCOUNT_HINT``)."""


def fake_backend(name: str = "FakeManilaV2") -> Any:
    """An offline copy of an IBM device (its coupling map, gates and calibrated noise), for ``backend=``.

    ``name`` is a class of ``qiskit_ibm_runtime.fake_provider`` (``"FakeManilaV2"``, 5 qubits;
    ``"FakeBrisbane"``, 127 qubits), with or without the ``Fake`` prefix and ``V2`` suffix
    (``"manila"`` works). Circuits run on it through IBM's Runtime Sampler in local testing mode,
    the primitive that runs them on hardware: transpiled to ISA circuits, then simulated here
    with the device's noise. The small V2 devices accept ``if_test`` feed-forward. Circuits with Aer
    noise instructions (``link_fidelity=`` ...) are Aer-only: build them without link noise, the
    device brings its own. Each call returns a new device object.

    Examples
    --------
    >>> fake_backend("manila").num_qubits
    5
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a fake IBM device name such as 'FakeManilaV2', got {name!r}")
    from qiskit_ibm_runtime import fake_provider

    available = sorted(n for n in dir(fake_provider) if n.startswith("Fake") and "Provider" not in n)
    stem = name.strip()
    stem = stem[4:] if stem.lower().startswith("fake") else stem
    stem = stem[:-2] if stem.lower().endswith("v2") else stem
    lookup = {n.lower(): n for n in available}
    for candidate in (f"fake{stem}v2", f"fake{stem}"):
        if candidate.lower() in lookup:
            return getattr(fake_provider, lookup[candidate.lower()])()
    raise ValueError(f"name must be one of the fake devices {', '.join(available)}; got {name!r}")


MAX_DEVICE_QUBITS = 100_000
"""The most qubits `ibm_backend` may ask a device for (today's largest have a few hundred)."""


def _runtime_service(instance: str | None = None) -> Any:
    """The ``QiskitRuntimeService`` of the account saved on this computer; :class:`NoAccountError` if none is."""
    from qiskit_ibm_runtime import QiskitRuntimeService
    from qiskit_ibm_runtime.accounts import AccountNotFoundError

    try:
        return QiskitRuntimeService() if instance is None else QiskitRuntimeService(instance=instance)
    except AccountNotFoundError:
        raise NoAccountError("no IBM Quantum account is saved on this computer: " + SAVE_ACCOUNT_HINT) from None


def ibm_backend(name: str | None = None, *, min_qubits: int = 2, instance: str | None = None) -> Any:
    """A real IBM quantum computer, for ``backend=`` (job mode) or to open a ``Session`` / ``Batch``.

    ``name`` picks a device (``"ibm_brisbane"``); without it, the least busy operational device
    with at least ``min_qubits`` qubits. The account comes from the credentials saved on this
    computer (``QiskitRuntimeService.save_account``); without them :class:`NoAccountError` says how
    to save them. Needs the network and uses your IBM Quantum time: nothing in the notebooks or
    tests calls it.

    Examples
    --------
    >>> backend = ibm_backend(min_qubits=5)  # doctest: +SKIP
    >>> from qinet import circuits, sim  # doctest: +SKIP
    >>> qc = circuits.bell_pair(); _ = qc.measure_all()  # doctest: +SKIP
    >>> sim.run(qc, shots=1000, backend=backend)  # doctest: +SKIP
    {'00': 489, '11': 478, '01': 18, '10': 15}
    """
    if name is not None and (not isinstance(name, str) or not re.fullmatch(r"ibmq?_[a-z0-9_]+", name.strip())):
        raise ValueError(f"name must be None or an IBM device name such as 'ibm_brisbane', got {name!r}")
    min_qubits = positive_int("min_qubits", min_qubits, 1, MAX_DEVICE_QUBITS)
    text("instance", instance, optional=True)  # a CRN or an instance's name: only IBM can tell whether it exists
    service = _runtime_service(instance)
    if name is not None:
        return service.backend(name.strip())
    return service.least_busy(min_num_qubits=min_qubits, operational=True, simulator=False)


def _check_target(target: Any, name: str = "backend") -> None:
    """Refuse anything that is neither a Qiskit backend nor a Runtime ``Session``/``Batch`` (``name``: the
    parameter that gave it)."""
    if isinstance(target, BackendV2):
        return
    from qiskit_ibm_runtime import Session  # Batch is a Session

    if not isinstance(target, Session):
        raise WrongTypeError(
            f"{name} must be a Qiskit backend (sim.fake_backend, sim.ibm_backend) or a Runtime Session "
            f"or Batch, got {type(target).__name__}"
        )


def _is_remote(device: Any) -> bool:
    """Whether ``device`` is IBM hardware reached over the network (not a local fake device)."""
    from qiskit_ibm_runtime import IBMBackend

    return isinstance(device, IBMBackend)


def _runtime_sampler(target: Any) -> Any:
    """IBM's client-side Sampler (``qiskit_ibm_runtime.executor_sampler.Sampler``) in mode ``target``."""
    _check_target(target)
    from qiskit_ibm_runtime.executor_sampler import Sampler

    return Sampler(mode=target)


def _runtime_estimator(target: Any) -> Any:
    """IBM's client-side Estimator (``qiskit_ibm_runtime.executor_estimator.Estimator``) in mode ``target``."""
    _check_target(target)
    from qiskit_ibm_runtime.executor_estimator import Estimator

    return Estimator(mode=target)
