"""sim on IBM devices: fake devices through the client-side Runtime Sampler (offline), and the hardware
call path with the IBM service mocked (no network, no account)."""

import math

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit_aer.primitives import SamplerV2 as AerSampler

from qinet import circuits, sim
from qinet.sim import devices


@pytest.fixture(scope="module")
def manila():
    return sim.fake_backend("FakeManilaV2")


def _bell() -> QuantumCircuit:
    qc = QuantumCircuit(QuantumRegister(2, "q"), ClassicalRegister(1, "alice"), ClassicalRegister(1, "bob"))
    qc.h(0)
    qc.cx(0, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


class _Spy:
    """Wraps the Runtime Sampler factory and records what qinet hands it."""

    def __init__(self, monkeypatch):
        self.samplers, self.pubs = [], []
        real = devices._runtime_sampler

        def factory(target):
            sampler = real(target)
            self.samplers.append(sampler)
            run = sampler.run

            def recording_run(pubs, *, shots=None):
                self.pubs.append((list(pubs), shots, sampler.options.simulator.seed_simulator))
                return run(pubs, shots=shots)

            sampler.run = recording_run
            return sampler

        monkeypatch.setattr(devices, "_runtime_sampler", factory)


def test_fake_device_runs_through_the_runtime_sampler_with_isa_circuits(monkeypatch, manila):
    from qiskit_ibm_runtime.executor_sampler import Sampler

    spy = _Spy(monkeypatch)
    s = sim.sample(_bell(), shots=1000, seed=3, backend=manila)
    assert isinstance(spy.samplers[0], Sampler)
    ((pubs, shots, seed),) = spy.pubs
    assert shots == 1000 and seed == 3
    isa = pubs[0]
    allowed = set(manila.target.operation_names) | {"barrier"}
    assert set(isa.count_ops()) <= allowed and isa.num_qubits == manila.num_qubits
    agree = np.mean(s.values("alice") == s.values("bob"))
    assert 0.85 < agree < 1.0  # the device's calibrated noise breaks a few percent of the pairs


def test_fake_device_is_reproducible_and_its_circuits_independent(manila):
    """Local testing mode simulates every PUB of a job with the job's one seed: qinet gives each circuit its
    own job and seed, so identical circuits do not return identical shots."""
    a = sim.sample([_bell(), _bell()], shots=300, seed=8, backend=manila)
    b = sim.sample([_bell(), _bell()], shots=300, seed=8, backend=sim.fake_backend("manila"))
    assert [x.counts() for x in a] == [x.counts() for x in b]
    assert not np.array_equal(a[0].values("alice"), a[1].values("alice"))


def test_fake_device_runs_dynamic_teleportation(manila):
    qc = circuits.teleportation(0.0, 0.0)
    out = ClassicalRegister(1, "out")
    qc.add_register(out)
    qc.measure(2, out[0])
    s = sim.sample(qc, shots=500, seed=3, backend=manila)
    assert s.registers == ("bsm", "out") and s.shots == 500
    assert 0.8 < np.mean(s.values("out") == 0) < 1.0  # ideal 1; the device's noise costs a few percent
    assert abs(np.mean(s.values("bsm") == 3) - 0.25) < 5 * math.sqrt(0.25 * 0.75 / 500)


def test_session_batch_and_running_on(manila):
    from qiskit_ibm_runtime import Batch, Session

    qc = _bell()
    reference = sim.run(qc, shots=200, seed=4, backend=manila)
    with Batch(backend=manila) as batch:
        assert sim.run(qc, shots=200, seed=4, mode=batch) == reference
    with Session(backend=manila) as session:
        assert sim.run(qc, shots=200, seed=4, mode=session) == reference
    with sim.running_on(manila):
        assert sim.run(qc, shots=200, seed=4) == reference
        # qinet's own simulators are replaced too, whatever method a protocol asked for ...
        assert sim.run(qc, shots=200, seed=4, backend=sim.default_backend(method="stabilizer")) == reference
        # ... exact states stay exact (Aer) ...
        assert sim.final_state(circuits.bell_pair()).data[0, 3].real == pytest.approx(0.5)
        # ... and a model of gate noise cannot be sent to a device.
        with pytest.raises(ValueError, match="noise must be None when running on a device"):
            sim.run(qc, shots=10, noise=_noise())
    assert set(sim.run(qc, shots=200, seed=4)) == {"0 0", "1 1"}  # back on the ideal simulator


def _noise():
    from qinet.noise import gate_noise

    return gate_noise(p2=0.1)


def test_device_estimator(manila):
    values = sim.expectation_values(circuits.bell_pair(), ["ZZ", "XX", "ZI"], backend=manila, seed=2)
    assert values == pytest.approx([1.0, 1.0, 0.0], abs=0.1)


def test_device_argument_errors(manila):
    with pytest.raises(ValueError, match="noise must be None when a backend is given"):
        sim.run(_bell(), shots=10, backend=manila, noise=_noise())
    with pytest.raises(ValueError, match="give backend or mode, not both"):
        sim.run(_bell(), shots=10, backend=manila, mode=manila)


def test_not_a_device_is_refused():
    with pytest.raises(ValueError, match="Qiskit backend .* or a Runtime Session or Batch, got str"):
        sim.run(_bell(), shots=10, mode="ibm_brisbane")
    with pytest.raises(ValueError, match="got int"):
        sim.running_on(5)  # refused when called, before any with block


def test_circuit_wider_than_the_device(manila):
    qc = circuits.ghz(6)
    qc.measure_all()
    with pytest.raises(ValueError, match="6 qubits, more than the 5 of fake_manila"):
        sim.run(qc, shots=10, backend=manila)


# --- real hardware: the call path, with IBM's service mocked ----------------------------------------


class _FakeService:
    """Stands in for QiskitRuntimeService: records the calls, hands out a fake device."""

    calls: list = []

    def __init__(self, **kwargs):
        _FakeService.calls.append(("init", kwargs))

    def backend(self, name):
        _FakeService.calls.append(("backend", name))
        return sim.fake_backend("manila")

    def least_busy(self, **kwargs):
        _FakeService.calls.append(("least_busy", kwargs))
        return sim.fake_backend("manila")


def test_ibm_backend_uses_the_saved_account(monkeypatch):
    import qiskit_ibm_runtime

    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", _FakeService)
    _FakeService.calls.clear()
    assert sim.ibm_backend("ibm_test").num_qubits == 5
    sim.ibm_backend(min_qubits=5, instance="crn:test")
    assert _FakeService.calls == [
        ("init", {}),
        ("backend", "ibm_test"),
        ("init", {"instance": "crn:test"}),
        ("least_busy", {"min_num_qubits": 5, "operational": True, "simulator": False}),
    ]


def test_ibm_backend_without_a_saved_account_says_how_to_save_one(monkeypatch):
    import qiskit_ibm_runtime
    from qiskit_ibm_runtime.accounts import AccountNotFoundError

    def no_account(**kwargs):
        raise AccountNotFoundError("Unable to find account.")

    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", no_account)
    with pytest.raises(sim.NoAccountError, match=r"in a terminal and never in a notebook.*save_account\(token="):
        sim.ibm_backend()


def test_hardware_call_path_one_job_per_shot_class_and_no_simulator_seed(monkeypatch, manila):
    """On hardware (mocked: the job is answered by Aer) qinet sends ISA circuits in one job per shot class,
    sets no simulator seed, and reads the returned data by register name."""
    submitted = []

    class _HardwareSampler:
        def backend(self):
            return manila

        def run(self, pubs, *, shots=None):
            pubs = list(pubs)
            submitted.append((pubs, shots))
            return AerSampler(seed=1).run(pubs, shots=shots)

    monkeypatch.setattr(devices, "_runtime_sampler", lambda target: _HardwareSampler())
    monkeypatch.setattr(devices, "_is_remote", lambda device: True)
    runs = sim.sample([_bell(), _bell(), _bell()], [1000, 900, 40], seed=5, backend=manila)
    assert [(len(pubs), shots) for pubs, shots in submitted] == [(1, 40), (2, 1000)]
    allowed = set(manila.target.operation_names) | {"barrier"}
    assert all(set(isa.count_ops()) <= allowed for pubs, _ in submitted for isa in pubs)
    assert [r.shots for r in runs] == [1000, 900, 40]
    assert set(runs[1].counts("alice", "bob")) == {("0", "0"), ("1", "1")}  # the mocked device is ideal


def test_fake_device_simulation_is_bounded_by_the_memory_limit(monkeypatch):
    """IBM's local mode sizes Aer's memory from the whole host: qinet refuses a too-wide circuit first."""
    qc = circuits.ghz(20)
    qc.measure_all()
    monkeypatch.setattr(sim, "MAX_MEMORY_MB", 8)
    with pytest.raises(sim.CircuitTooLargeError, match="a 20-qubit simulation needs 16 MB"):
        sim.run(qc, shots=10, backend=sim.fake_backend("FakeBrisbane"))
