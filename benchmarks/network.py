"""Speed of qinet.network's simulation (print only; no assertions).

Usage: ``python benchmarks/network.py``. Budgets (issue 13): an 8-link chain delivering 1,000 pairs with T₂
decoherence and multiplexing 4 in ≤ 1 s on one core; the three-node swap scenario (two 25 km links) that a
side-by-side comparison with SeQUeNCe would use, timed for 1,000 delivered pairs.
"""

from __future__ import annotations

import statistics
import time

from qinet.network import chain_network, simulate

REPEATS = 5


def _time(label: str, make) -> float:
    times = []
    for repeat in range(REPEATS):
        start = time.perf_counter()
        run = make(repeat)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<62} median {median * 1e3:7.1f} ms   ({run.summary()})", flush=True)
    return median


def main() -> None:
    chain = chain_network(8, 25.0, multiplexing=4, t2_s=1.0, detector_efficiency=0.9)
    _time(
        "8 links x 25 km, 1,000 pairs, T2 = 1 s, multiplexing 4",
        lambda s: simulate(chain, "A", "B", pairs=1000, seed=s),
    )
    _time(
        "the same without the event log",
        lambda s: simulate(chain, "A", "B", pairs=1000, seed=s, record_events=False),
    )
    three = chain_network(2, 25.0, t1_s=1.0, t2_s=0.5, detector_efficiency=0.9)
    _time(
        "three-node swap (2 x 25 km), 1,000 pairs, T1 = 1 s, T2 = 0.5 s",
        lambda s: simulate(three, "A", "B", pairs=1000, seed=s),
    )


if __name__ == "__main__":
    main()
