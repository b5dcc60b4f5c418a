"""The bad-input sweep: every public qinet function, one bad value at a time, generated from its signature.

:func:`functions` discovers every public function of every ``qinet`` module (models, protocols, plot
functions, panel factories, exercise checkers). :func:`cases` gives, for each parameter, a table of
values that are clearly invalid for it, chosen from its name, annotation, default and a valid value
(seeds: -1, 2.5, "7", NaN, True, 2**63; counts: -1, 2.5, "3", NaN, inf, 10**15; numbers: "abc",
NaN, ±inf, negative lengths and times, probabilities outside [0, 1]; booleans: "False"; choices:
"nonsense"; ...), while every other parameter keeps a valid value (:data:`VALID`, :data:`BY_NAME`).
:func:`verdict` says whether the call behaved: a ``ValueError``/``TypeError`` raised by a ``raise``
statement in qinet whose message names the parameter; for exercise checkers, a not-correct
``Feedback`` and no exception.

Run ``python tests/sweepcases.py [name ...]`` to print every failing case grouped by module.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from isolation import Outcome, call_and_describe, run_isolated  # noqa: E402

HUGE = 10**15
"""A count no computer can honour: it must be refused before anything is allocated."""
CALL_SECONDS = 10.0
"""A refusal takes milliseconds (seconds at most, when it first imports a library on a busy machine);
a call still running after this is a hang."""


class Lazy:
    """A valid value built once, on first use (results of protocol runs, passes, budgets)."""

    def __init__(self, factory: Callable[[], object]) -> None:
        self.factory = factory


class Fresh:
    """A valid value built anew for every call (Axes, random generators: things a call changes)."""

    def __init__(self, factory: Callable[[], object]) -> None:
        self.factory = factory


def _axes():
    from matplotlib.figure import Figure

    return Figure().subplots()


def _rng():
    return np.random.default_rng(1)


def _pass():
    from qinet.orbits import satellite_pass

    return satellite_pass(n_points=61)


def _pass_budget():
    from qinet.orbits import pass_budget

    return pass_budget(_pass())


def _measurement(key: str = "yin2017-chsh"):
    from qinet.measurements import get

    return get(key)


def _teleport_parts():
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    message, alice, bob = QuantumRegister(1, "message"), QuantumRegister(1, "alice"), QuantumRegister(1, "bob")
    bits = ClassicalRegister(2, "bits")
    return QuantumCircuit(message, alice, bob, bits), message[0], alice[0], bob[0], bits


def _bell_circuit():
    from qinet.circuits import bell_pair

    qc = bell_pair()
    qc.measure_all()
    return qc


def _two_cnots():
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(3)
    qc.cx(0, 1)
    qc.cx(0, 2)
    return qc


def _cx_gate():
    from qiskit.circuit.library import CXGate

    return CXGate()


def _blind_result():
    from qinet.blind import blind_rotations

    return blind_rotations([np.pi / 4], shots=32, seed=1)


def _chain():
    from qinet.network import chain_network

    return chain_network(2, 25.0, t2_s=0.1)


def _network_run():
    from qinet.network import simulate

    return simulate(_chain(), "A", "B", pairs=5, seed=1)


_LAMBDAS = (0.8, 0.8, 0.8)


def _fringe():
    from qinet.sensing import parity_fringe

    return parity_fringe(2, np.linspace(0, np.pi, 3), shots=20, seed=1)


def _learner(*_args: object) -> object:
    """A learner's function that returns nothing useful (any valid callable will do)."""
    return None


def _bell_pair():
    from qinet.circuits import bell_pair

    return bell_pair()


def _one_qubit_circuit():
    from qiskit import QuantumCircuit

    return QuantumCircuit(1)


def _double(x: float) -> float:
    return 2 * x


def _total(counts: dict) -> float:
    return float(sum(counts.values()))


def _feedback():
    from qinet.exercises.feedback import Feedback

    return Feedback(False, "For x = 1 your function returned 2; expected 1.")


def _slip():
    from qinet.exercises.slips import Slip

    return Slip(_double, "Twice the value.")


def _case():
    from qinet.exercises.tries import case

    return case(1.0)


def _notebook_node():
    import nbformat

    return nbformat.read(_notebook(), as_version=4)


def _temporary_folder() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="qinet-sweep-"))


_L3 = np.array([0.0, 50.0, 100.0])
_Y3 = np.array([1.0, 0.1, 0.01])

#: Valid values of parameters, by name, used wherever a function does not say otherwise.
BY_NAME: dict[str, object] = {
    "fidelity": 0.9,
    "fn": lambda *args, **kwargs: None,
    "link_fidelity": 0.9,
    "t2_s": 1.0,
    "time_s": 0.01,
    "length_km": 50.0,
    "link_length_km": 25.0,
    "total_length_km": 100.0,
    "total_km": 200.0,
    "n_links": 2,
    "n_qubits": 3,
    "n_relays": 2,
    "n_pairs": 64,
    "n": 3,
    "altitude_km": 500.0,
    "elevation_deg": 30.0,
    "theta": 1.0,
    "phi": 0.5,
    "p": 0.1,
    "eta": 0.1,
    "qber": 0.02,
    "chsh": 2.6,
    "visibility": 0.95,
    "efficiency": 0.9,
    "source_rate_hz": 1e6,
    "lengths_km": _L3,
    "answer": None,
    "ax": None,
    "seed": 7,
    "rng": Fresh(_rng),
    "coefficients": (0.7, 0.1, 0.1, 0.1),
}

#: Valid values of the parameters that :data:`BY_NAME` does not cover (or that a function needs
#: different, e.g. small shot counts so that a silently accepted bad value stays cheap), by function.
VALID: dict[str, dict[str, object]] = {
    # models and protocols
    "applications.deterministic_delivery_fidelity": {"link_efficiency": 0.5},
    "applications.minimum_fidelity": {"application": "bb84"},
    "blind.blind_rotations": {"angles": [np.pi / 4], "shots": 32},
    "blind.bloch_vectors": {"state": Lazy(lambda: _density_matrix())},
    "blind.client_qubit": {"theta": np.pi / 4},
    "blind.delta_histogram": {"deltas": np.zeros((4, 2))},
    "blind.detection_probability": {"cheat_angle": np.pi / 2},
    "blind.ideal_probabilities": {"angles": [np.pi / 4]},
    "blind.server_measurement": {"delta": np.pi / 4},
    "blind.spying_detection_probability": {"cheat_angle": np.pi / 2},
    "blind.trap_detection_probability": {"cheat_angle": np.pi / 2},
    "blind.trap_rounds": {"shots": 32},
    "blind.ubqc_circuit": {"angles": [np.pi / 4]},
    "blind.ubqc_delta": {"phi": np.pi / 4, "s_x": 0, "s_z": 1, "theta": np.pi / 2, "r": 1},
    "blind.uniformity_test": {"deltas": np.tile(np.arange(8) * np.pi / 4, (4, 1))},
    "checks.agrees_with": {"model_value": 2.4, "measurement": Lazy(_measurement)},
    "checks.at_least": {"value": 1.0, "limit": 0.5},
    "checks.at_most": {"value": 0.5, "limit": 1.0},
    "checks.below": {"value": 1.0, "limit": 2.0},
    "checks.close": {"value": 1.0, "expected": 1.0},
    "checks.differs_from": {"model_value": 2.37, "measurement": Lazy(_measurement), "by": 0.0, "within": 1.0},
    "checks.exceeds": {"value": 1.0, "limit": 0.5},
    "checks.within_stderr": {"estimate": 1.0, "expected": 1.0, "stderr": 0.1},
    "chsh_game.play": {"a0": 0.0, "a1": math.pi / 2, "b0": math.pi / 4, "b1": -math.pi / 4, "rounds": 64},
    "chsh_game.win_probabilities": {"a0": 0.0, "a1": math.pi / 2, "b0": math.pi / 4, "b1": -math.pi / 4},
    "chsh_game.win_probability": {"a0": 0.0, "a1": math.pi / 2, "b0": math.pi / 4, "b1": -math.pi / 4},
    "circuits.bell_measurement": {
        "qc": Fresh(lambda: _teleport_parts()[0]),
        "first": Lazy(lambda: _teleport_parts()[1]),
        "second": Lazy(lambda: _teleport_parts()[2]),
        "bits": Lazy(lambda: _teleport_parts()[4]),
    },
    "circuits.bell_measurement_circuits": {"alice_angles": [0.0, 1.0], "bob_angles": [0.5, 1.5]},
    "circuits.cat_disentangle": {"qc": Fresh(lambda: _teleport_parts()[0]), "away": 2, "control": 0, "bit": 0},
    "circuits.cat_entangle": {
        "qc": Fresh(lambda: _teleport_parts()[0]),
        "control": 0,
        "home": 1,
        "away": 2,
        "bit": 0,
    },
    "circuits.cat_distributed": {
        "circuit": Lazy(lambda: _two_cnots()),
        "partition": [0, 1, 1],
        "shared": [(0, [0, 1])],
    },
    "circuits.correct": {"qc": Fresh(lambda: _teleport_parts()[0]), "target": 2, "bits": [0, 1]},
    "circuits.correlation_circuit": {"alice_angle": 0.0, "bob_angle": 0.5},
    "circuits.diagonal_qubits": {"operation": Lazy(_cx_gate)},
    "circuits.imprint_phase": {"qc": Fresh(lambda: _teleport_parts()[0]), "qubits": [0, 1], "phase": 0.1},
    "circuits.keeps_copy": {"operation": Lazy(_cx_gate)},
    "circuits.measure_along": {"qc": Fresh(lambda: _teleport_parts()[0]), "qubit": 0, "angle": 0.5, "bit": 0},
    "circuits.parity_readout": {"qc": Fresh(lambda: _teleport_parts()[0]), "qubits": [0, 1], "bits": [0, 1]},
    "circuits.send_bits": {"qc": Fresh(lambda: _teleport_parts()[0])},
    "circuits.share_pair": {"qc": Fresh(lambda: _teleport_parts()[0]), "alice": 1, "bob": 2},
    "circuits.state_angles": {"state": [1 / math.sqrt(2), 1 / math.sqrt(2)]},
    "circuits.superdense_coding": {"bits": "01"},
    "circuits.teleport_state": {"state": [1.0, 0.0]},
    "distributed.average_gate_fidelity": {"process_fidelity": 0.9},
    "distributed.compare_remote_cnots": {"shots": 64},
    "distributed.distribute": {"circuit": Lazy(lambda: _partition_circuit()), "split": [0, 0, 1, 1]},
    "distributed.fidelity_curves": {"pair_fidelity": np.array([0.8, 0.9])},
    "distributed.output_fidelities": {"distributed": Lazy(lambda: _distributed()), "n_states": 1},
    "distributed.remote_cnot_fidelity": {"shots": 64},
    "distributed.superposition_action": {"shots": 64},
    "distributed.truth_table": {"shots": 16},
    "e91.chsh_test": {"shots": 64},
    "e91.estimate_chsh": {
        "alice_bits": np.array([0, 1, 0, 1] * 4),
        "bob_bits": np.array([0, 1, 1, 1] * 4),
        "alice_settings": np.array([0, 0, 2, 2] * 4),
        "bob_settings": np.array([0, 2, 0, 2] * 4),
    },
    "editions.exercises": {"nb": Fresh(lambda: _notebook_node())},
    "editions.instructor_notebook": {"nb": Fresh(lambda: _notebook_node()), "name": "03-fiber-links"},
    "editions.student_notebook": {"nb": Fresh(lambda: _notebook_node())},
    "editions.write_edition": {
        "edition": "student",
        "outdir": Lazy(_temporary_folder),
        "notebooks": ["03-fiber-links"],
    },
    "entangle.bell_correlation_circuit": {"kind": "phi+", "alice_angle": 0.0, "bob_angle": 0.5},
    "entangle.chsh": {"shots": 64},
    "entangle.chsh_sweep": {"visibilities": [0.5, 1.0], "shots": 64},
    "entangle.clone": {"shots": 64},
    "entangle.cloner_chain_fidelity": {"stages": 2},
    "entangle.correlation": {"shots": 64},
    "entangle.correlation_scan": {"kind": "phi+", "alice_angle": 0.0, "bob_angles": [0.0, 0.5], "shots": 64},
    "entangle.fiber_pair_visibility": {"depolarizing_per_km": 0.002},
    "entangle.max_chsh": {"state": np.eye(4) / 4},
    "entangle.partial_transpose_min_eigenvalue": {"state": np.eye(4) / 4},
    "entangle.predicted_correlation": {"kind": "phi+", "alice_angle": 0.0, "bob_angle": 0.5},
    "entangle.visibility_from_chsh": {"chsh_value": 2.4},
    "exercises.blind.check_client_delta": {"fn": _learner},
    "exercises.blind.check_mbqc_step": {"fn": _learner},
    "exercises.distributed.check_nonlocal_cnot": {"fn": _learner},
    "exercises.distributed.check_shared_pair": {"fn": _learner},
    "exercises.feedback.check_choice": {"expected": "a", "options": {"a": "yes", "b": "no"}},
    "exercises.feedback.check_number": {"expected": 1.0},
    "exercises.qkd.check_final_key_length": {"fn": _learner},
    "exercises.qkd.check_intercept_resend": {"fn": _learner},
    "exercises.qkd.check_sifted_qber": {"fn": _learner},
    "exercises.roadmap.check_chsh_with_loss": {"fn": _learner},
    "exercises.roadmap.check_key_rate": {"fn": _learner},
    "exercises.roadmap.lossy_chsh": {"efficiency_a": 0.9, "efficiency_b": 0.8},
    "finitekey.finite_key_fraction": {"sifted_bits": 1e6},
    "finitekey.finite_key_length": {"n": 10**6, "k": 10**4, "leaked_bits": 10**5},
    "finitekey.sampling_margin": {"n": 10**6, "k": 10**4},
    "finitekey.sampling_trials": {"n": 1000, "k": 100, "trials": 100},
    "exercises.circuit_grading.grade_measurement_circuit": {
        "fn": _bell_circuit,
        "expected": {"00": 0.5, "11": 0.5},
        "n_qubits": 2,
        "shots": 200,
    },
    "exercises.circuit_grading.grade_state_preparation": {"fn": _bell_pair, "expected": "phi+"},
    "exercises.circuit_grading.grade_unitary_action": {
        "fn": _one_qubit_circuit,
        "reference": Lazy(_one_qubit_circuit),
        "n_qubits": 1,
    },
    "exercises.describe.as_density_matrix": {"state": [1.0, 0.0]},
    "exercises.describe.bloch_angles": {"vector": np.array([1.0, 0.0])},
    "exercises.describe.fidelity_with": {
        "rho": Lazy(lambda: _density_matrix()),
        "vector": np.array([1.0, 0.0, 0.0, 0.0]),
    },
    "exercises.describe.format_vector": {"vector": np.array([0.6, 0.8]), "n_qubits": 1},
    "exercises.describe.ket": {"label": "01"},
    "exercises.describe.name_state": {"state": [1.0, 0.0]},
    "exercises.describe.pure_vector": {"rho": Lazy(lambda: _density_matrix())},
    "exercises.grading.grade_counts_function": {"fn": _total, "reference": _total},
    "exercises.grading.grade_function": {"fn": _double, "reference": _double, "cases": [(1.0,)]},
    "exercises.sandbox.call_with_limit": {"fn": _double},
    "exercises.sandbox.describe_error": {"error": ValueError("bad")},
    "exercises.slips.name_slip": {
        "feedback": Lazy(lambda: _feedback()),
        "fn": _double,
        "slips": Lazy(lambda: [_slip()]),
        "probes": [(1.0,)],
    },
    "exercises.slips.with_sentence": {"feedback": Lazy(lambda: _feedback()), "sentence": "A slip."},
    "exercises.tries.as_case": {"item": (1.0,)},
    "exercises.tries.call_learner": {"fn": _double, "item": Lazy(lambda: _case()), "where": "", "time_limit_s": 1.0},
    "exercises.tries.describe_args": {"reference": _double, "item": Lazy(lambda: _case())},
    "exercises.tries.draw_cases": {"cases": [(1.0,)], "random_cases": None, "n_random": 0, "seed": None},
    "exercises.tries.exercise_key": {"key": None, "hint": "", "idea": "", "fn": _double},
    "exercises.tries.verdict": {"key": "sweep", "problem": None, "success": "Right."},
    "exercises.tries.where_text": {"reference": _double, "item": Lazy(lambda: _case())},
    "exercises.units.describe_slip": {"value": 1000.0, "expected": 1.0, "unit": "ms"},
    "exercises.units.family_of": {"unit": "ms"},
    "exercises.units.parse_quantity": {"text": "1 ms", "unit": "s"},
    "generations.purify_then_swap": {"n_links": 4},
    "generations.simulate_first_generation": {"nesting_level": 1, "n_pairs": 16},
    "keyrates.cutoff_distance": {"max_km": 300.0},
    "links.elevation_at_range": {"slant_range_km": 909.42},
    "links.fit_extra_loss": {
        "slant_range_km": [530.0, 1000.0],
        "measured_db": [29.0, 36.0],
        "uncertainty_db": [0.5, 0.5],
    },
    "links.db_to_transmittance": {"loss_db": 20.0},
    "loopholes.ppt_min_eigenvalue": {"rho": np.eye(4) / 4},
    "measurements.by_topic": {"topic": "entanglement"},
    "measurements.get": {"key": "yin2017-chsh"},
    "measurements.table_markdown": {"measurements": Lazy(lambda: (_measurement(),))},
    "network.catalog.load": {"name": "delft-the-hague"},
    "network.pairs.dejmps": {"a": _LAMBDAS, "b": _LAMBDAS},
    "network.pairs.fidelity": {"lam": _LAMBDAS},
    "network.pairs.multiply": {"a": _LAMBDAS, "b": _LAMBDAS},
    "network.pairs.storage_decay": {"t1_s": 1.0},
    "network.pairs.stored_fidelity_reference": {"fidelity_": 0.9},
    "network.pairs.weights": {"lam": _LAMBDAS},
    "network.pairs.werner": {"fidelity_": 0.9},
    "network.reference.aer_chain_fidelity_stored": {"storage_s": [0.0, 0.1, 0.0, 0.0], "t1_s": 1.0},
    "network.reference.aer_stored_fidelity": {"t1_s": 1.0},
    "network.reference.first_delivery_storage_s": {"result": Lazy(lambda: _network_run())},
    "network.reference.two_link_cycle_s": {"period_s": 1e-4, "message_s": 1e-4},
    "network.reference.two_link_mean_fidelity": {"period_s": 1e-4},
    "network.routing.bbm92_key_rate_bps": {"pair_rate_hz": 100.0},
    "network.routing.best_path": {"network": Lazy(lambda: _chain()), "source": "A", "destination": "B"},
    "network.routing.chain_wait_s": {"success": [0.1, 0.2], "period_s": [1e-4, 1e-4]},
    "network.routing.compare_relays": {"network": Lazy(lambda: _chain()), "source": "A", "destination": "B"},
    "network.routing.k_paths": {"network": Lazy(lambda: _chain()), "source": "A", "destination": "B"},
    "network.routing.path_fidelity": {"network": Lazy(lambda: _chain()), "path": ["A", "R1", "B"]},
    "network.routing.path_key_rate_bps": {"network": Lazy(lambda: _chain()), "path": ["A", "R1", "B"]},
    "network.routing.path_rate_hz": {"network": Lazy(lambda: _chain()), "path": ["A", "R1", "B"]},
    "network.routing.swap_key_rate_bps": {"network": Lazy(lambda: _chain()), "path": ["A", "R1", "B"]},
    "network.routing.trusted_key_rate_bps": {"link": Lazy(lambda: _chain().links[0])},
    "network.simulate.simulate": {"network": Lazy(lambda: _chain()), "source": "A", "destination": "B", "pairs": 5},
    "network.topology.attempt_period_s": {"link": Lazy(lambda: _chain().links[0])},
    "network.topology.chain_network": {"link_km": 25.0},
    "network.topology.fresh_pair": {"link": Lazy(lambda: _chain().links[0])},
    "network.topology.herald_delay_s": {"link": Lazy(lambda: _chain().links[0])},
    "network.topology.pair_rate_hz": {"link": Lazy(lambda: _chain().links[0])},
    "network.topology.success_probability": {"link": Lazy(lambda: _chain().links[0])},
    "noise.depolarizing": {"probability_": 0.1},
    "notebook.defining_section": {"notebook": Lazy(lambda: _notebook()), "name": "SEED"},
    "notebook.hint": {"name": "SEED", "notebook": Lazy(lambda: _notebook())},
    "noise.dephasing_probability": {"time_s": 0.1},
    "orbits.great_circle_distance": {
        "a": Lazy(lambda: importlib.import_module("qinet.orbits").DELINGHA),
        "b": Lazy(lambda: importlib.import_module("qinet.orbits").LIJIANG),
    },
    "orbits.link_visibility": {"pair_rate_hz": 100.0, "singles_hz": (1e4, 1e4)},
    "orbits.pass_budget": {"pass_": Lazy(_pass)},
    "orbits.satellite_pass": {"n_points": 61},
    "partition.algorithm_circuit": {"name": "qft", "n_qubits": 4},
    "partition.bell_pairs": {"circuit": Lazy(lambda: _partition_circuit()), "partition": [0, 0, 1, 1]},
    "partition.best_partition": {"circuit": Lazy(lambda: _partition_circuit())},
    "partition.embedding": {"circuit": Lazy(lambda: _partition_circuit()), "partition": [0, 0, 1, 1]},
    "partition.interaction_matrix": {"circuit": Lazy(lambda: _partition_circuit())},
    "partition.naive_partition": {"n_qubits": 4},
    "partition.remote_gates": {"circuit_or_matrix": Lazy(lambda: _partition_circuit()), "partition": [0, 0, 1, 1]},
    "partition.split_circuit": {"algorithm": "qft", "n_qubits": 4},
    "postprocessing.cascade": {"key_alice": np.array([0, 1] * 32), "key_bob": np.array([0, 1] * 32)},
    "postprocessing.distill": {"key_alice": np.array([0, 1] * 64), "key_bob": np.array([0, 1] * 64), "verify_bits": 8},
    "postprocessing.estimate_qber": {
        "key_alice": np.array([0, 1] * 32),
        "key_bob": np.array([0, 1] * 32),
        "sample_size": 8,
    },
    "postprocessing.final_key_length": {"n": 10000, "qber": 0.02, "leaked_bits": 1000},
    "postprocessing.toeplitz_hash": {
        "key": np.array([0, 1] * 8),
        "output_bits": 4,
        "seed_bits": np.array([1, 0] * 10)[:19],
    },
    "purification.purification_circuit": {"protocol": "bbpssw", "state": 0.8},
    "purification.purify": {"protocol": "bbpssw", "state": 0.8},
    "purification.purify_rounds": {"protocol": "bbpssw", "state": 0.8, "rounds": 2},
    "purification.swap_chain_fidelity": {"n_links": 2},
    "qkd.bb84": {"n_qubits": 64},
    "qkd.bb84_key": {"n_qubits": 64},
    "qkd.prepare_and_measure": {"bit": 0, "basis": 0, "measure_basis": 1},
    "qubits.purity": {"rho": np.eye(2) / 2},
    "repeater_sim.simulate_chain": {"n_pairs": 16},
    "repeaters.required_coherence_time": {"target_fidelity": 0.8},
    "roadmap.application_feasibility": {"t2_s": 0.01, "length_km": 100.0},
    "roadmap.minimum_fidelity": {"application": "bb84"},
    "roadmap.stage": {"number": 1},
    "roadmap.stages_of": {"notebook": "10-blind-computing"},
    "sensing.best_frequency_uncertainty": {"n_qubits": 4, "total_time_s": 1.0},
    "sensing.dephase_fringe": {"fringe": Lazy(_fringe)},
    "sensing.dephasing_contrast": {"n_qubits": 4},
    "sensing.expected_parity": {"n_qubits": 2, "phase": 0.3},
    "sensing.fitted_contrast": {"fringe": Lazy(_fringe)},
    "sensing.network_phase_uncertainty": {"n_nodes": 3, "qubits_per_node": 2},
    "sensing.parity": {"bits": [[0, 0], [1, 1], [0, 1]]},
    "sensing.parity_fringe": {"n_qubits": 2, "phases": [0.0, 1.0], "shots": 20},
    "sensing.parity_fringes": {"n_values": [1, 2], "phases": [0.0, 1.0], "shots": 20},
    "sensing.phase_estimation": {"n_values": (1, 2), "shots": 5, "experiments": 5},
    "sensing.phase_uncertainty": {"n_qubits": 4},
    "sensing.scaling_exponent": {"n_values": [1, 2, 4], "spread": [1.0, 0.5, 0.25]},
    "sensing.sensing_circuit": {"n_qubits": 2, "phase": 0.3},
    "sim.aer.prepare": {"circuit": Lazy(_bell_circuit), "backend": Lazy(lambda: _sim().default_backend())},
    "sim.estimation.expectation_values": {
        "circuit": Lazy(lambda: importlib.import_module("qinet.circuits").bell_pair()),
        "observables": "ZZ",
    },
    "sim.exact.deferred": {"circuit": Lazy(lambda: importlib.import_module("qinet.circuits").teleportation(1.0, 0.0))},
    "sim.exact.final_state": {"circuit": Lazy(lambda: importlib.import_module("qinet.circuits").bell_pair())},
    "sim.sampling.run": {"circuit": Lazy(_bell_circuit), "shots": 16},
    "sim.sampling.running_on": {"target": Lazy(lambda: _sim().default_backend())},
    "sim.sampling.sample": {"circuit": Lazy(_bell_circuit), "shots": 16},
    "sim.sampling.seeds": {"n": 3},
    "states.purify": {"rounds": 2},
    "states.rounds_to_reach": {"target": 0.95},
    "states.swap_fidelity": {"f1": 0.9, "f2": 0.9},
    "states.werner_fidelity": {"w": 0.8},
    "teleport.fidelity_sweep": {"resource_fidelities": [0.9], "shots": 64},
    "teleport.superdense": {"shots": 16},
    "teleport.teleport": {"shots": 64},
    "trusted.chain_rate": {"link_rates": [1.0, 2.0]},
    "trusted.hop_lengths_with_long_hop": {"long_hop_km": 150.0},
    "trusted.random_hop_keys": {"n_hops": 2, "length": 8},
    "trusted.relay_key": {"hop_keys": [np.array([0, 1, 1]), np.array([1, 1, 0])]},
    "trusted.swapped_key": {"rounds": 64},
    "trusted.trusted_chain_rate": {"rate": lambda lengths: 10.0 ** (-0.02 * np.asarray(lengths))},
    "widgets.panel.dropdown": {"description": "d", "options": ["a", "b"]},
    "widgets.panel.int_slider": {"description": "d", "value": 2, "low": 1, "high": 5},
    "widgets.panel.log_slider": {"description": "d", "value": 1.0, "low": 0.1, "high": 10.0},
    "widgets.panel.slider": {"description": "d", "value": 1.0, "low": 0.0, "high": 2.0, "step": 0.1},
    # plot functions
    "plots.blind.client_output": {"result": Lazy(_blind_result)},
    "plots.blind.received_bloch": {"vectors": {"computation": np.zeros((3, 3))}},
    "plots.blind.server_view": {"histograms": [np.ones(8) / 8], "labels": ["server"]},
    "plots.blind.spy_rates": {"results": Lazy(lambda: [_trap_result()]), "labels": ["honest"]},
    "plots.blind.trap_detection": {"cheat_angles": np.array([0.0, 1.0]), "predicted": np.array([0.0, 0.2])},
    "plots.distributed.lab_gates": {
        "measurements": Lazy(lambda: importlib.import_module("qinet.measurements").by_topic("distributed")),
        "model_levels": {"model": 0.98},
    },
    "plots.distributed.partition_graph": {
        "matrix": np.array([[0, 1, 0], [1, 0, 2], [0, 2, 0]]),
        "partition": [0, 0, 1],
    },
    "plots.distributed.protocol_costs": {
        "gates": Lazy(lambda: [importlib.import_module("qinet.distributed").remote_cnot("eisert")])
    },
    "plots.distributed.remote_fidelity": {
        "pair_fidelity": np.array([0.8, 0.9]),
        "curves": {"eisert": np.array([0.7, 0.8])},
    },
    "plots.distributed.split_bars": {
        "splits": Lazy(lambda: [importlib.import_module("qinet.partition").split_circuit("qft", 4, seed=1)])
    },
    "plots.distributed.truth_table": {
        "table": Lazy(lambda: importlib.import_module("qinet.distributed").truth_table(shots=16, seed=1))
    },
    "plots.entanglement.cloning_fidelity": {"copies": [1, 2], "fidelity": [1.0, 5 / 6], "classical_limit": 2 / 3},
    "plots.entanglement.correlation_curve": {"angles": np.array([0.0, 1.0]), "predicted": np.array([1.0, 0.5])},
    "plots.entanglement.outcome_histogram": {"counts": {"00": 5, "11": 5}},
    "plots.entanglement.chsh_regions": {
        "visibility": np.array([0.5, 1.0]),
        "chsh": np.array([1.4, 2.8]),
        "entangled_above": 1 / 3,
        "violates_above": 1 / math.sqrt(2),
        "local_bound": 2.0,
        "quantum_bound": 2 * math.sqrt(2),
    },
    "plots.fiber.chsh_vs_distance": {"predicted": np.array([2.8, 2.5, 2.2])},
    "plots.fiber.delay": {"one_way_s": np.array([0.0, 2.4e-4, 4.9e-4])},
    "plots.fiber.rates_vs_distance": {"curves": {"direct": _Y3}},
    "plots.fiber.repeaterless_band": {"plob_standard": _Y3, "plob_record": 2 * _Y3},
    "plots.fiber.transmittance": {"eta": _Y3},
    "plots.network.network_map": {"network": Lazy(lambda: _chain())},
    "plots.network.relay_comparison": {"rates_bps": {"trusted relays": 100.0, "swapping": 10.0}},
    "plots.network.space_time": {"result": Lazy(lambda: _network_run()), "network": Lazy(lambda: _chain())},
    "plots.network.versus_distance": {"distance_km": _L3, "analytic": {"chain": _Y3}},
    "plots.primer.bell_tests": {
        "tests": Lazy(lambda: importlib.import_module("qinet.measurements").by_topic("bell_tests")[:1])
    },
    "plots.primer.chsh_game": {"per_question": [0.85, 0.85, 0.85, 0.85]},
    "plots.primer.density_matrix": {"rho": np.eye(2) / 2},
    "plots.primer.outcome_bars": {"probabilities": {"0": 0.5, "1": 0.5}},
    "plots.purification.fidelity_by_round": {"fidelities": {"dejmps": np.array([0.8, 0.9])}},
    "plots.purification.generation_rates": {"distance_km": _L3, "rates": {"first": _Y3}},
    "plots.purification.nesting_times": {
        "levels": np.array([1, 2]),
        "model_s": np.array([1.0, 2.0]),
        "simulated": (np.array([1.1, 2.1]), np.array([0.1, 0.1])),
        "minimum_s": np.array([0.5, 1.0]),
    },
    "plots.purification.purification_map": {
        "fidelity": np.array([0.6, 0.8]),
        "outputs": {"dejmps": np.array([0.65, 0.85])},
    },
    "plots.purification.purify_then_swap": {
        "result": Lazy(lambda: importlib.import_module("qinet.generations").purify_then_swap(0.9, 4))
    },
    "plots.purification.raw_pair_cost": {"rounds": np.array([0, 1, 2]), "raw_pairs": {"dejmps": np.array([1, 2, 4])}},
    "plots.purification.rounds_needed": {
        "start": np.array([0.6, 0.8]),
        "rounds": {"dejmps": np.array([3, 1])},
        "target": 0.95,
    },
    "plots.qkd.finite_key": {
        "sifted_bits": np.array([1e4, 1e5, 1e6]),
        "fractions": {"Q = 2 %": np.array([0.1, 0.5, 0.7])},
        "asymptotic": {"Q = 2 %": 0.72},
    },
    "plots.qkd.key_budget": {"stages": {"sifted": 100.0, "final": 50.0}},
    "plots.qkd.key_rates": {"curves": {"decoy": _Y3}},
    "plots.qkd.key_strips": {"rows": {"Alice": np.array([0, 1, 1]), "Bob": np.array([0, 1, 0])}},
    "plots.qkd.qber_vs_eve": {
        "eve_fractions": np.array([0.0, 1.0]),
        "measured": np.array([0.0, 0.25]),
        "errors": np.array([0.01, 0.01]),
        "expected": np.array([0.0, 0.25]),
    },
    "plots.qkd.records": {"rates": Lazy(lambda: [_measurement("boaron2018-rate")])},
    "plots.qkd.secret_fraction": {"qber": np.array([0.0, 0.1]), "fraction": np.array([1.0, 0.0])},
    "plots.repeaters.chain_fidelity": {"n_links": np.array([1, 2, 4]), "model": np.array([0.9, 0.85, 0.75])},
    "plots.repeaters.coherence_times": {
        "measurements": Lazy(lambda: importlib.import_module("qinet.measurements").by_topic("repeaters")),
        "needed_s": {"100 km": 1e-3},
    },
    "plots.repeaters.memory_wait": {
        "times_s": np.array([1e-4, 1e-3, 2e-3]),
        "fidelity": np.array([0.99, 0.98, 0.97]),
        "round_trip_s": 1e-3,
        "mean_idle_s": 2e-3,
        "average_fidelity": 0.98,
        "t2_s": 1.0,
    },
    "plots.repeaters.rate_vs_distance": {"distance_km": _L3, "rates": {"direct": _Y3}},
    "plots.repeaters.relaxation": {
        "times_s": np.array([0.0, 0.5, 1.0]),
        "dephasing_only": np.array([1.0, 0.8, 0.7]),
        "with_t1": np.array([1.0, 0.75, 0.6]),
    },
    "plots.repeaters.rounds_agreement": {
        "p": np.array([0.1, 0.5]),
        "analytic": {"2 links": np.array([13.0, 2.7])},
        "simulated": {"2 links": (np.array([0.1, 0.5]), np.array([13.1, 2.6]), np.array([0.5, 0.1]))},
    },
    "plots.repeaters.waiting_times": {"samples": np.array([1, 2, 3, 5, 8]), "analytic_mean": 3.5},
    "plots.roadmap.chsh_vs_efficiency": {
        "efficiencies": np.array([0.8, 0.9, 1.0]),
        "curves": {"a": np.array([2.0, 2.4, 2.8])},
    },
    "plots.roadmap.deterministic_delivery": {
        "link_efficiencies": np.array([0.1, 0.5, 1.0]),
        "fidelities": np.array([0.6, 0.8, 0.9]),
    },
    "plots.roadmap.feasibility": {
        "verdicts": Lazy(lambda: importlib.import_module("qinet.roadmap").application_feasibility(0.9, 1e-3, 100.0))
    },
    "plots.roadmap.fidelity_needs": {"thresholds": {"teleportation": 0.5, "bb84": 0.835}},
    "plots.roadmap.rates_vs_distance": {"rates": {"bb84": _Y3}},
    "plots.roadmap.teleportation_vs_distance": {"lengths_km": [0.0, 100.0], "fidelity": [0.9, 0.8]},
    "plots.roadmap.timeline": {"stages": Lazy(lambda: importlib.import_module("qinet.roadmap").STAGES)},
    "plots.roadmap.versus_fidelity": {"fidelities": [0.5, 1.0], "curves": {"a": [0.0, 1.0]}},
    "plots.satellite.chsh_values": {"labels": ["model"], "values": [2.4], "errors": [0.05]},
    "plots.satellite.loss_comparison": {"losses_db": {"fibre": 240.0, "satellite": (29.0, 36.0)}},
    "plots.satellite.loss_split": {
        "budget": Lazy(lambda: importlib.import_module("qinet.links").satellite_downlink(500.0, 30.0))
    },
    "plots.satellite.loss_vs_elevation": {
        "elevation_deg": np.array([20.0, 50.0, 90.0]),
        "budget": Lazy(
            lambda: importlib.import_module("qinet.links").satellite_downlink(500.0, np.array([20.0, 50.0, 90.0]))
        ),
    },
    "plots.satellite.loss_vs_range": {
        "ranges_km": np.array([500.0, 1000.0]),
        "models": {"calibrated": np.array([29.0, 36.0])},
    },
    "plots.satellite.orders_over_fiber": {"labels": ["2017"], "model_orders": [12.4], "model_spread": [0.0]},
    "plots.satellite.pass_elevation": {"pass_": Lazy(_pass)},
    "plots.satellite.pass_loss": {"budget": Lazy(_pass_budget)},
    "plots.satellite.pass_rate": {"budget": Lazy(_pass_budget)},
    "plots.sensing.fringes": {"measured": Lazy(lambda: [_fringe()])},
    "plots.sensing.network_gain": {"n_clocks": np.array([1, 2, 4]), "gain": np.array([1.0, 1.4, 2.0])},
    "plots.sensing.network_bars": {"labels": ["independent", "global"], "values": [0.1, 0.01]},
    "plots.sensing.spread_scaling": {
        "result": Lazy(
            lambda: importlib.import_module("qinet.sensing").phase_estimation((1, 2), shots=5, experiments=5, seed=1)
        )
    },
    "plots.sensing.uncertainty_vs_n": {"n_values": [1, 10], "curves": {"GHZ": [1.0, 0.1]}},
    "plots.schematic.classical_channel": {"ax": Fresh(_axes), "a": (0.0, 0.0), "b": (1.0, 0.0)},
    "plots.schematic.entanglement": {"ax": Fresh(_axes), "a": (0.0, 0.0), "b": (1.0, 0.0)},
    "plots.schematic.key": {"ax": Fresh(_axes)},
    "plots.schematic.memory": {"ax": Fresh(_axes), "xy": (0.0, 0.0)},
    "plots.schematic.party": {"ax": Fresh(_axes), "xy": (0.0, 0.0), "name": "Alice"},
    "plots.schematic.quantum_channel": {"ax": Fresh(_axes), "a": (0.0, 0.0), "b": (1.0, 0.0)},
    "plots.schematic.with_circuit": {
        "picture": Lazy(lambda: importlib.import_module("qinet.plots.schematic").teleportation),
        "circuit": Lazy(lambda: importlib.import_module("qinet.circuits").bell_pair()),
    },
    "plots.style.log_ticks": {"ax": Fresh(_axes)},
    "plots.style.measured": {"ax": Fresh(_axes), "measurements": Lazy(lambda: (_measurement(),)), "x": [1203.0]},
    "plots.style.power_of_ten": {"value": 100.0},
    "plots.style.role_color": {"role": "alice"},
    "plots.teleportation.fidelity_vs_resource": {
        "resource": np.array([0.5, 1.0]),
        "predicted": np.array([2 / 3, 1.0]),
        "classical_limit": 2 / 3,
    },
    "plots.teleportation.superdense_table": {"results": {"00": {"00": 10}, "01": {"01": 10}}},
    "plots.teleportation.field_fidelities": {"classical_limit": 2 / 3},
    "plots.trusted.bell_tests": {
        "separation_km": np.array([0.0, 1.0]),
        "photonic_chsh": np.array([2.8, 2.7]),
        "tests": Lazy(lambda: importlib.import_module("qinet.measurements").by_topic("bell_tests")[:1]),
        "di_chsh": 2.42,
    },
    "plots.trusted.chain": {"n_nodes": 3, "knows_key": [True, False, True]},
    "plots.trusted.chsh_against_efficiency": {
        "efficiency": np.array([0.8, 0.9]),
        "chsh": np.array([2.2, 2.5]),
        "bell": 0.83,
        "di": 0.92,
    },
    "plots.trusted.chsh_sweep": {
        "x": np.array([0.0, 1.0]),
        "chsh": np.array([2.8, 2.0]),
        "errors": np.array([0.05, 0.05]),
        "expected": np.array([2.83, 2.0]),
        "xlabel": "x",
    },
    "plots.trusted.chsh_value": {"chsh": 2.7, "error": 0.05},
    "plots.trusted.di_rate": {"visibility": np.array([0.9, 1.0]), "rate": np.array([0.2, 1.0])},
    "plots.trusted.di_rate_against_chsh": {
        "chsh": np.array([2.5, 2.8]),
        "rate": np.array([0.1, 0.9]),
        "band": (np.array([0.05, 0.8]), np.array([0.15, 0.95])),
        "reported": Lazy(lambda: _measurement_of("bell_tests", "rate")),
        "chsh_measured": (2.67, 0.02),
        "qber_label": "Q = 2 %",
    },
    "plots.trusted.efficiency_thresholds": {"ax": Fresh(_axes), "bell": 0.83, "di": 0.92},
    "plots.trusted.hop_rates": {"hop_km": np.array([50.0, 80.0]), "rates": np.array([1e3, 1e2]), "end_to_end": 1e2},
    "plots.trusted.key_fractions": {"x": np.array([0.0, 0.1]), "curves": {"BB84": np.array([1.0, 0.0])}, "xlabel": "x"},
    "plots.trusted.visibility_regions": {"ax": Fresh(_axes)},
}


def _notebook() -> Path:
    return Path(__file__).resolve().parents[1] / "notebooks" / "03-fiber-links.ipynb"


def _sim():
    return importlib.import_module("qinet.sim")


def _partition_circuit():
    return importlib.import_module("qinet.partition").algorithm_circuit("qft", 4)


def _density_matrix():
    from qiskit.quantum_info import DensityMatrix

    return DensityMatrix(np.diag([0.7, 0.1, 0.1, 0.1]).astype(complex))


def _distributed():
    return importlib.import_module("qinet.distributed").distribute(_partition_circuit(), [0, 0, 1, 1])


def _trap_result():
    return importlib.import_module("qinet.blind").trap_rounds(3, shots=16, seed=1)


def _measurement_of(topic: str, word: str):
    from qinet.measurements import by_topic

    found = [m for m in by_topic(topic) if word in m.key]
    return found[0] if found else by_topic(topic)[0]


#: Parameters of exercise checkers that hold what the learner wrote (a value, or a function of theirs): a
#: checker answers anything there with a not-correct Feedback, never an exception.
LEARNER_ANSWERS = ("answer", "fn")

#: Parameters whose kind the signature does not tell: free text, not a choice among words.
KINDS: dict[tuple[str, str], str] = {
    ("editions.instructor_notebook", "name"): "text",
    ("editions.write_edition", "outdir"): "text",
    ("editions.write_edition", "source"): "text",
    ("exercises.circuit_grading.grade_measurement_circuit", "idea"): "text",
    ("exercises.circuit_grading.grade_measurement_circuit", "key"): "text",
    ("exercises.circuit_grading.grade_state_preparation", "idea"): "text",
    ("exercises.circuit_grading.grade_state_preparation", "key"): "text",
    ("exercises.circuit_grading.grade_unitary_action", "idea"): "text",
    ("exercises.circuit_grading.grade_unitary_action", "key"): "text",
    ("exercises.grading.grade_counts_function", "idea"): "text",
    ("exercises.grading.grade_counts_function", "key"): "text",
    ("exercises.grading.grade_function", "idea"): "text",
    ("exercises.grading.grade_function", "key"): "text",
    ("exercises.slips.with_sentence", "sentence"): "text",
    ("exercises.tries.as_case", "item"): "object",
    ("exercises.tries.call_learner", "where"): "text",
    ("exercises.tries.case", "why"): "text",
    ("exercises.tries.exercise_key", "idea"): "text",
    ("exercises.tries.exercise_key", "key"): "text",
    ("exercises.tries.reset_tries", "key"): "text",
    ("exercises.tries.verdict", "idea"): "text",
    ("exercises.tries.verdict", "key"): "text",
    ("exercises.tries.verdict", "problem"): "text",
    ("exercises.tries.verdict", "success"): "text",
    ("exercises.units.parse_quantity", "text"): "text",
    ("notebook.defining_section", "name"): "text",
    ("notebook.hint", "name"): "text",
    ("sim.devices.ibm_backend", "instance"): "text",  # a CRN or any instance name: only IBM can check it
    ("plots.schematic.party", "name"): "text",
    ("plots.schematic.party", "note"): "text",
    ("plots.roadmap.rates_vs_distance", "bound_label"): "text",
}

#: Bad values a function may accept, with the reason (the sweep then requires no NaN and no exception).
_LEARNER_CODE = "the learner's code: whatever it is, the grader answers with feedback (not correct), never an error"

LENIENT: dict[tuple[str, str], tuple[set[str], str]] = {
    ("applications.deterministic_delivery_fidelity", "link_efficiency"): (
        {"1.5"},
        "η = R/r is a ratio of rates (pair generation over decoherence), not a probability: any η ≥ 0 is physical",
    ),
    ("exercises.circuit_grading.grade_measurement_circuit", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.circuit_grading.grade_state_preparation", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.circuit_grading.grade_unitary_action", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.grading.grade_counts_function", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.grading.grade_function", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.sandbox.call_with_limit", "fn"): (
        {"'abc'", "5", "None"},
        "the learner's code: a value that cannot be called comes back as the call's error, for the grader to report",
    ),
    ("exercises.slips.name_slip", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("exercises.tries.as_case", "item"): (
        {"'abc'", "5", "None"},
        "any single value is one argument of a learner's function",
    ),
    ("exercises.tries.exercise_key", "fn"): ({"'abc'", "5", "None"}, _LEARNER_CODE),
    ("plots.style.power_of_ten", "value"): (
        {"nan", "inf", "-inf"},
        "a tick formatter labels whatever matplotlib asks about, with '' for anything that is not a decade",
    ),
    **{
        ("sensing." + function, param): (
            {"2.5"},
            "the sensing formulas treat N as a continuous variable (the optimal size T₂/t is not whole)",
        )
        for function, params in {
            "best_frequency_uncertainty": ("n_qubits",),
            "dephasing_contrast": ("n_qubits",),
            "expected_parity": ("n_qubits",),
            "network_phase_uncertainty": ("n_nodes", "qubits_per_node"),
            "phase_uncertainty": ("n_qubits",),
        }.items()
        for param in params
    },
    ("plots.schematic.with_circuit", "fold"): ({"-1"}, "fold=-1 is Qiskit's 'draw without folding', the default"),
    ("stats.binomial_stderr", "n"): ({"10**15"}, "a formula: 10**15 trials allocate nothing and have a standard error"),
}


# --- discovery ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Function:
    """A public function: its dotted name below ``qinet`` ("links.slant_range"), the object, and its role."""

    name: str
    func: Callable
    role: str  # "function", "plot", "panel" or "checker"

    @property
    def module(self) -> str:
        return self.name.rsplit(".", 1)[0]


@cache
def functions() -> tuple[Function, ...]:
    """Every public function of every public ``qinet`` module, in a stable order."""
    import qinet

    found = []
    for info in pkgutil.walk_packages(qinet.__path__, "qinet."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("qinet.")
        for attr, func in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(func) or func.__module__ != module.__name__:
                continue
            if short.startswith("exercises.") and attr.startswith("check_"):
                role = "checker"
            elif short.startswith("widgets.") and attr.endswith("_panel"):
                role = "panel"
            elif short.startswith("plots."):
                role = "plot"
            else:
                role = "function"
            found.append(Function(f"{short}.{attr}", func, role))
    return tuple(sorted(found, key=lambda f: f.name))


# --- valid arguments ------------------------------------------------------------------------------------

_LAZY: dict[tuple[str, str], object] = {}


def _resolve(key: tuple[str, str], value: object) -> object:
    if isinstance(value, Fresh):
        return value.factory()
    if isinstance(value, Lazy):
        if key not in _LAZY:
            _LAZY[key] = value.factory()
        return _LAZY[key]
    return value


def _parameters(func: Callable) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(func).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and not p.name.startswith("_")
    ]


def valid_value(function: Function, param: inspect.Parameter) -> object:
    """The (unresolved) valid value of ``param``: from :data:`VALID`, its default, or :data:`BY_NAME`."""
    given = VALID.get(function.name, {})
    if param.name in given:
        return given[param.name]
    if param.default is not param.empty:
        return param.default
    if param.name in BY_NAME:
        return BY_NAME[param.name]
    raise LookupError(
        f"{function.name}: no valid value for the required parameter {param.name!r}; "
        "add one to VALID or BY_NAME in tests/sweepcases.py"
    )


def supplies_values(function: Function) -> bool:
    """True when the sweep gives ``function`` values of its own (required parameters or :data:`VALID`),
    rather than only its defaults (which its own tests cover)."""
    return function.name in VALID or any(p.default is p.empty for p in _parameters(function.func))


def valid_kwargs(function: Function) -> dict[str, object]:
    """Valid keyword arguments for every parameter of ``function`` (resolved, ready to call)."""
    return {p.name: _resolve((function.name, p.name), valid_value(function, p)) for p in _parameters(function.func)}


# --- bad values -------------------------------------------------------------------------------------------

_PROBABILITY = re.compile(
    r"^(?!ec_efficiency$)(p|p1|p2|eta|qber|visibility|efficiency|readout|misalignment|swap_success|f1|f2|"
    r".*fidelity|.*_efficiency|.*_fraction|.*_probability|.*transmittance|.*_visibility|.*_error|.*_success)$"
)
_NONNEGATIVE = re.compile(r"^(?!offset_km$|by$).*(_km|_s|_hz|_urad|_db_per_km|_m|_mb)$")
_TEXT = re.compile(r"^(title|label|labels|xlabel|ylabel|unit|what|hint|description|qber_label)$")
_INF_DOC = re.compile(r"\binf\b|infinite|infinity|∞")


def _doc_of(func: Callable, name: str) -> str:
    """The lines of ``func``'s docstring that describe parameter ``name``."""
    doc = inspect.getdoc(func) or ""
    match = re.search(rf"^(\w+, )*{re.escape(name)}(, \w+)* :(.*(\n(?!\w[\w, ]* :).*)*)", doc, flags=re.M)
    if match:
        return match.group(0)
    # no Parameters entry: the sentences that mention ``name``
    return " ".join(sentence for sentence in re.split(r"(?<=\.)\s", doc) if f"``{name}``" in sentence)


def inf_allowed(func: Callable, param: inspect.Parameter) -> bool:
    """True when ``param`` documents ``inf`` as a meaning (``t1_s=inf``: no relaxation) or defaults to it."""
    default = param.default
    if isinstance(default, float) and math.isinf(default):
        return True
    return bool(_INF_DOC.search(_doc_of(func, param.name)))


def kind_of(function: Function, param: inspect.Parameter, valid: object) -> str:
    """What sort of value ``param`` takes: seed, bool, int, number, array, choice, text, mapping, callable,
    axes, answer or object."""
    name, annotation = param.name, str(param.annotation)
    if (function.name, name) in KINDS:
        return KINDS[function.name, name]
    if function.role == "checker" and name in LEARNER_ANSWERS:
        return "answer"
    if name == "seed":
        return "seed"
    if name == "ax":
        return "axes"
    if isinstance(valid, (Lazy, Fresh)):
        return "object"
    if isinstance(valid, (bool, np.bool_)) or annotation == "bool":
        return "bool"
    if isinstance(valid, str) or (valid is None and annotation.startswith("str")):
        return "text" if _TEXT.match(name) else "choice"
    if isinstance(valid, (int, np.integer)) or (valid is None and re.match(r"^int\b", annotation)):
        return "int"
    if isinstance(valid, (float, np.floating)) or (valid is None and re.match(r"^(float|ArrayLike)\b", annotation)):
        return "number"
    if valid is None and re.match(r"^(Sequence\[(float|int)\]|np\.ndarray)", annotation):
        return "array"
    if isinstance(valid, Mapping):
        return "mapping"
    if isinstance(valid, (np.ndarray, list, tuple)) and _numeric(valid):
        return "array"
    if callable(valid):
        return "callable"
    return "object"


def _numeric(value: object) -> bool:
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Bad:
    """One bad value for one parameter: a label for the test id, the value, and whether to isolate the call."""

    label: str
    value: object
    isolate: bool = False


def _raise(*_args: object, **_kwargs: object) -> object:
    raise RuntimeError("a learner's function that fails")


_ANSWERS = [
    Bad("None", None),
    Bad("'abc'", "abc"),
    Bad("nan", math.nan),
    Bad("inf", math.inf),
    Bad("-inf", -math.inf),
    Bad("-123.456", -123.456),
    Bad("10**400", 10**400),
    Bad("[1,2]", [1, 2]),
    Bad("{}", {"a": 1}),
    Bad("object()", object()),
    Bad("raises", _raise),
]


def bad_values(function: Function, param: inspect.Parameter) -> list[Bad]:
    """Values that are clearly invalid for ``param`` of ``function``, generated from its signature."""
    valid = valid_value(function, param)
    kind = kind_of(function, param, valid)
    optional = param.default is None or bool(re.search(r"\bNone\b", str(param.annotation)))
    plot = function.role == "plot"
    bad: list[Bad] = []
    if kind == "answer":
        return list(_ANSWERS)
    if kind == "seed":
        return [
            Bad("-1", -1),
            Bad("2.5", 2.5),
            Bad("'7'", "7"),
            Bad("nan", math.nan),
            Bad("True", True),
            Bad("2**63", 2**63),
        ]
    if kind == "axes":
        return [Bad("'abc'", "abc")]
    if kind == "bool":
        return [Bad("'False'", "False"), Bad("0.5", 0.5)]
    if kind == "int":
        bad = [Bad("-1", -1), Bad("2.5", 2.5), Bad("'3'", "3"), Bad("nan", math.nan), Bad("inf", math.inf)]
        if not plot:
            bad.append(Bad("10**15", HUGE, isolate=True))
    elif kind == "number":
        bad = [Bad("'abc'", "abc"), Bad("nan", math.nan), Bad("-inf", -math.inf)]
        if not inf_allowed(function.func, param):
            bad.append(Bad("inf", math.inf))
        if not plot and _PROBABILITY.match(param.name):
            bad += [Bad("1.5", 1.5), Bad("-0.1", -0.1)]
        elif not plot and _NONNEGATIVE.match(param.name):
            bad.append(Bad("-1", -1.0))
    elif kind == "array":
        bad = [Bad("'abc'", "abc")]
        if not plot and valid is None:
            bad.append(Bad("[nan]", [math.nan]))
        elif not plot:
            array = np.asarray(_resolve((function.name, param.name), valid), dtype=float)
            if array.size:
                with_nan = array.copy().ravel()
                with_nan[0] = math.nan
                bad.append(Bad("[nan,...]", with_nan.reshape(array.shape)))
        elif _has_sibling_of_same_length(function, param):
            bad.append(Bad("wrong-length", np.asarray(_resolve((function.name, param.name), valid))[:1]))
    elif kind == "choice":
        bad = [Bad("'nonsense'", "nonsense"), Bad("5", 5)]
    elif kind == "text":
        bad = [Bad("5", 5)]
    elif kind in ("mapping", "callable"):
        bad = [Bad("'abc'", "abc"), Bad("5", 5)]
    else:
        bad = [Bad("'abc'", "abc"), Bad("5", 5)]
    if not optional and kind not in ("text", "bool") and not any(b.value is None for b in bad):
        bad.append(Bad("None", None))
    return bad


def _has_sibling_of_same_length(function: Function, param: inspect.Parameter) -> bool:
    mine = np.asarray(_resolve((function.name, param.name), valid_value(function, param)))
    if mine.ndim != 1 or len(mine) < 2:
        return False
    for other in _parameters(function.func):
        if other.name == param.name:
            continue
        value = valid_value(function, other)
        if isinstance(value, (np.ndarray, list, tuple)) and _numeric(value):
            theirs = np.asarray(value)
            if theirs.ndim == 1 and len(theirs) == len(mine):
                return True
    return False


# --- cases and verdicts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One call: ``function`` with ``param`` set to ``bad`` and every other parameter valid."""

    function: Function
    param: str
    bad: Bad

    @property
    def id(self) -> str:
        return f"{self.function.name}({self.param}={self.bad.label})"


def cases(names: tuple[str, ...] = (), swept: Callable[[Function], bool] = lambda _f: True) -> Iterator[Case]:
    """Every case of every public function (or of those whose name contains one of ``names``) that
    ``swept`` selects."""
    for function in functions():
        if (names and not any(n in function.name for n in names)) or not swept(function):
            continue
        for param in _parameters(function.func):
            for bad in bad_values(function, param):
                yield Case(function, param.name, bad)


def _close_figures() -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def _release(value: object) -> None:
    close = getattr(value, "close", None)
    if callable(close) and type(value).__module__.startswith(("qinet.widgets", "ipywidgets")):
        close()


def run(case: Case, seconds: float = CALL_SECONDS) -> Outcome:
    """Call ``case`` (in a forked child if it asks for isolation) and describe how it ended; a call
    still running after ``seconds`` is stopped and reported as a hang."""
    kwargs = valid_kwargs(case.function)
    kwargs[case.param] = case.bad.value
    func = case.function.func

    def call() -> object:
        value = func(**kwargs)
        _release(value)
        return value

    if case.bad.isolate:
        return run_isolated(call, seconds=seconds, memory_mb=512)
    import signal

    def alarm(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"{case.id} still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        outcome = call_and_describe(call)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _close_figures()
    if outcome.error_type == "TimeoutError" and "still running" in outcome.message:
        return Outcome(status="timeout", seconds=seconds)
    return outcome


def verdict(case: Case, outcome: Outcome) -> str:
    """``""`` if the call behaved, else what went wrong (in the words of the reliability issue)."""
    if case.function.role == "checker" and case.param in LEARNER_ANSWERS:
        if outcome.status != "returned":
            return f"the checker {outcome.status}: {outcome.error_type}: {outcome.message}"
        if not outcome.result.startswith("✗"):
            return f"the checker did not return a not-correct Feedback: {outcome.result}"
        return ""
    if outcome.status == "timeout":
        return f"hang: still running after {outcome.seconds:g} s"
    if outcome.status == "killed":
        return f"crash: the process died ({outcome.message})"
    lenient = LENIENT.get((case.function.name, case.param))
    if lenient and case.bad.label in lenient[0] and outcome.status == "returned" and not outcome.has_nan:
        return ""
    if outcome.status == "returned":
        nan = " and returned NaN" if outcome.has_nan else ""
        return f"silently accepted{nan}: returned {outcome.result[:80]}"
    if not outcome.clean_type:
        return f"wrong type of error: {outcome.error_type}: {outcome.message[:120]}"
    if not outcome.in_qinet:
        return f"library traceback ({outcome.raised_at}): {outcome.error_type}: {outcome.message[:120]}"
    if not outcome.raise_line.startswith("raise"):
        return f"Python-internal error in qinet ({outcome.raised_at}): {outcome.error_type}: {outcome.message[:120]}"
    names = {case.param, case.param.rstrip("_")}
    if not any(re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", outcome.message) for n in names):
        return f"message does not name {case.param!r}: {outcome.error_type}: {outcome.message[:120]}"
    return ""


def baseline(function: Function) -> Outcome:
    """Call ``function`` with valid arguments only (it must work, or the sweep would prove nothing)."""
    kwargs = valid_kwargs(function)

    def call() -> object:
        value = function.func(**kwargs)
        _release(value)
        return value

    outcome = call_and_describe(call)
    _close_figures()
    return outcome


def failing(names: tuple[str, ...] = ()) -> dict[str, dict[str, list[str]]]:
    """Every failing case: ``{module: {case id: what went wrong}}``."""
    failures: dict[str, dict[str, list[str]]] = {}
    for case in cases(names):
        problem = verdict(case, run(case))
        if problem:
            failures.setdefault(case.function.module, {})[case.id] = problem
    return failures


def main(argv: list[str]) -> None:
    """Print every failing case grouped by module (``--pending``: as a PENDING table for tests/test_sweep.py)."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    warnings.simplefilter("ignore")
    as_table = "--pending" in argv
    failures = failing(tuple(a for a in argv if not a.startswith("--")))
    if as_table:
        print("PENDING: dict[str, dict[str, str]] = {")
        for found in (failures[module] for module in sorted(failures)):
            table: dict[str, dict[str, list[str]]] = {}
            for case_id in found:
                function, _, rest = case_id.partition("(")
                param, _, label = rest[:-1].partition("=")
                table.setdefault(function, {}).setdefault(param, []).append(label)
            for function, params in table.items():
                entries = ", ".join(f"{param!r}: {' '.join(labels)!r}" for param, labels in params.items())
                print(f"    {function!r}: {{{entries}}},")
        print("}")
        return
    for module, found in sorted(failures.items()):
        print(f"{module}: {len(found)} failing")
        print("\n".join(f"  {case_id}: {problem}" for case_id, problem in found.items()))
    print(f"{sum(map(len, failures.values()))} cases fail")


if __name__ == "__main__":
    main(sys.argv[1:])
