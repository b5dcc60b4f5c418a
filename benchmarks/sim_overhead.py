"""Print the cost of qinet's sampling door against the raw Aer calls underneath it.

Usage: ``python benchmarks/sim_overhead.py [--repeats N]``. For a 1,000-shot Bell pair: Aer's
``backend.run`` counts (no primitive), qiskit-aer's stock ``SamplerV2`` with ``BitArray.get_counts``,
and qinet's ``sim.sample`` / ``sim.run`` (Aer's SamplerV2 run in the calling thread, shots unpacked in
one pass); then a BB84 and an E91 run of the sizes the panels use, and one fake-device job through
IBM's Runtime Sampler. Medians and minima of wall time; on a busy machine compare minima.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable


def _time(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times), 1e3 * min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    from qiskit_aer.primitives import SamplerV2

    from qinet import circuits, e91, qkd, sim

    bell = circuits.bell_pair()
    bell.measure_all()
    aer = sim.default_backend()
    cases: dict[str, tuple[Callable[[], object], int]] = {
        "Aer backend.run, counts (1,000-shot Bell pair)": (
            lambda: aer.run(bell, shots=1000, seed_simulator=3).result().get_counts(),
            args.repeats,
        ),
        "stock Aer SamplerV2 + get_counts": (
            lambda: SamplerV2.from_backend(aer, seed=3).run([(bell, None, 1000)]).result()[0].data.meas.get_counts(),
            args.repeats,
        ),
        "sim.sample (Samples by register name)": (lambda: sim.sample(bell, 1000, seed=3), args.repeats),
        "sim.run (counts dict)": (lambda: sim.run(bell, 1000, seed=3), args.repeats),
        "qkd.bb84(4,000 qubits, Eve on 20 %)": (lambda: qkd.bb84(4000, eve_fraction=0.2, seed=7), 20),
        "e91.e91(3,000 pairs)": (lambda: e91.e91(3000, visibility=0.95, seed=7), 20),
    }
    device = sim.fake_backend("FakeManilaV2")
    cases["fake device job (Runtime Sampler, local mode)"] = (lambda: sim.run(bell, 1000, seed=3, backend=device), 5)
    for label, (fn, repeats) in cases.items():
        median, best = _time(fn, repeats)
        print(f"{label:<52} median {median:8.2f} ms   min {best:8.2f} ms", flush=True)


if __name__ == "__main__":
    main()
