"""The single door to a simulator or device: every qinet circuit runs through here.

* :func:`sample` runs circuits through a V2 Sampler and returns their shots by classical register
  name (:class:`Samples`); :func:`run` returns the counts dict on top of it.
* :func:`expectation_values` runs a V2 Estimator; :func:`final_state` returns the exact density
  matrix at the end of a circuit (mid-circuit measurements averaged exactly).
* By default everything runs on Qiskit Aer's primitives, on a simulator with a memory limit
  (``MAX_MEMORY_MB``, from the ``QINET_MAX_MEMORY_MB`` environment variable, default 1024 MB), so
  a circuit too large for a Binder session fails with :class:`CircuitTooLargeError` instead of
  killing the kernel. A fake IBM device (:func:`fake_backend`) or real hardware
  (:func:`ibm_backend`, a Runtime ``Session`` or ``Batch``) runs through IBM's client-side
  Runtime Sampler instead: pass it as ``backend=`` / ``mode=``, or run a whole cell inside
  ``with running_on(device):``.

Set ``qinet.sim.MAX_MEMORY_MB`` (this package's attribute) to change the limit in a running session.
"""

from qinet.sim.aer import MAX_MEMORY_MB as MAX_MEMORY_MB
from qinet.sim.aer import CircuitTooLargeError as CircuitTooLargeError
from qinet.sim.aer import SimulationError as SimulationError
from qinet.sim.aer import default_backend as default_backend
from qinet.sim.aer import prepare as prepare
from qinet.sim.devices import NoAccountError as NoAccountError
from qinet.sim.devices import fake_backend as fake_backend
from qinet.sim.devices import ibm_backend as ibm_backend
from qinet.sim.estimation import expectation_values as expectation_values
from qinet.sim.exact import _condition_holds as _condition_holds
from qinet.sim.exact import deferred as deferred
from qinet.sim.exact import final_state as final_state
from qinet.sim.samples import Samples as Samples
from qinet.sim.sampling import run as run
from qinet.sim.sampling import running_on as running_on
from qinet.sim.sampling import sample as sample
from qinet.sim.sampling import seeds as seeds
