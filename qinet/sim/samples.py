"""The shots of one circuit, by classical register name: what :func:`qinet.sim.sample` returns.

Protocols name their classical registers by role (``bsm``, ``key``, ``alice``...) and read results
by those names, never by slicing bit strings: ``samples.values("alice")`` is Alice's outcome in
every shot, ``samples.counts("check", "bell")`` the joint counts of two registers. The per-shot
data come from the V2 primitives (one :class:`~qiskit.primitives.BitArray` per register) and are
kept read-only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.primitives import BitArray

_MAX_VALUE_BITS = 63


def _register_layout(circuit: QuantumCircuit) -> tuple[tuple[str, int], ...]:
    """``(name, size)`` of each classical register of ``circuit``, in the circuit's order.

    The V2 primitives return data per register, assuming each register is a contiguous run of the
    circuit's classical bits; bits outside any register, or registers that share or interleave
    bits, would be lost or misread, so they are refused here.
    """
    layout, covered = [], 0
    for register in circuit.cregs:
        if register.size == 0:
            continue
        indices = [circuit.find_bit(bit).index for bit in register]
        if indices != list(range(indices[0], indices[0] + register.size)):
            raise ValueError(
                f"circuit {circuit.name!r}: classical register {register.name!r} must be a contiguous run of bits "
                "(build registers with ClassicalRegister(size, name), not from existing bits)"
            )
        layout.append((register.name, register.size))
        covered += register.size
    if covered != circuit.num_clbits:
        raise ValueError(
            f"circuit {circuit.name!r}: every classical bit must belong to exactly one ClassicalRegister "
            f"({circuit.num_clbits} bits, {covered} in registers)"
        )
    return tuple(layout)


def _as_int64(packed: np.ndarray) -> np.ndarray:
    """Big-endian packed rows of at most 8 bytes as one unsigned integer per row."""
    width = packed.shape[1]
    padded = np.zeros((packed.shape[0], 8), dtype=np.uint8)
    padded[:, 8 - width :] = packed
    return padded.view(">u8").ravel()


def _unique_rows(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a ``(shots, bytes)`` array and how often each occurs (fast for ≤ 8 bytes)."""
    width = packed.shape[1]
    if width > 8:
        unique = np.unique(packed, axis=0, return_counts=True)
        return unique[0], unique[1]
    keys, tallies = np.unique(_as_int64(packed), return_counts=True)
    return keys.astype(">u8").view(np.uint8).reshape(-1, 8)[:, 8 - width :], tallies


class Samples:
    """Every shot of one circuit, by classical register name.

    Bit ``k`` of a register is the ``k``-th bit of ``ClassicalRegister(size, name)``; a register's
    *value* is ``Σ_k bit_k 2^k``, as in ``qc.if_test((register, value))``, and its bit string is
    Qiskit's (bit 0 on the right). The shots are independent and in the order they were taken.

    Examples
    --------
    >>> from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
    >>> from qinet import sim
    >>> q = QuantumRegister(2, "q")
    >>> qc = QuantumCircuit(q, ClassicalRegister(1, "alice"), ClassicalRegister(1, "bob"))
    >>> _ = qc.h(0); _ = qc.cx(0, 1); _ = qc.measure(0, 0); _ = qc.measure(1, 1)
    >>> samples = sim.sample(qc, shots=1000, seed=7)
    >>> samples
    Samples(1000 shots; alice[1], bob[1])
    >>> bool((samples.values("alice") == samples.values("bob")).all())
    True
    >>> sorted(samples.counts("alice", "bob"))
    [('0', '0'), ('1', '1')]
    """

    __slots__ = ("_packed", "_shots", "_sizes")

    def __init__(self, data: Mapping[str, BitArray], layout: Sequence[tuple[str, int]], shots: int) -> None:
        packed: dict[str, np.ndarray] = {}
        for name, size in layout:
            bit_array = data[name]
            if bit_array.num_bits != size or bit_array.num_shots < shots:
                raise ValueError(f"register {name!r}: expected {shots} shots of {size} bits, got {bit_array!r}")
            array = np.array(bit_array.array[:shots], dtype=np.uint8)
            array.flags.writeable = False
            packed[name] = array
        self._packed = packed
        self._sizes = dict(layout)
        self._shots = int(shots)

    def __repr__(self) -> str:
        registers = ", ".join(f"{name}[{size}]" for name, size in self._sizes.items())
        return f"Samples({self.shots} shots; {registers})"

    @property
    def shots(self) -> int:
        """Number of shots."""
        return self._shots

    @property
    def registers(self) -> tuple[str, ...]:
        """Names of the classical registers, in the circuit's order."""
        return tuple(self._sizes)

    def size(self, name: str) -> int:
        """Number of bits of register ``name``."""
        return self._sizes[self._name(name)]

    def _name(self, name: object) -> str:
        if not isinstance(name, str) or name not in self._sizes:
            raise ValueError(f"name must be one of the circuit's classical registers {list(self._sizes)}; got {name!r}")
        return name

    def bitarray(self, name: str) -> BitArray:
        """Register ``name`` as Qiskit's :class:`~qiskit.primitives.BitArray` (for Qiskit's own tools)."""
        name = self._name(name)
        return BitArray(self._packed[name].copy(), self._sizes[name])

    def bits(self, name: str) -> np.ndarray:
        """Per-shot bits of register ``name``: a ``(shots, size)`` array of 0/1, column ``k`` = bit ``k``."""
        name = self._name(name)
        unpacked = np.unpackbits(self._packed[name], axis=1, bitorder="big")
        return np.ascontiguousarray(unpacked[:, ::-1][:, : self._sizes[name]])

    def values(self, name: str) -> np.ndarray:
        """Per-shot value ``Σ_k bit_k 2^k`` of register ``name`` (``int64``; the bit itself for a 1-bit register)."""
        name = self._name(name)
        if self._sizes[name] > _MAX_VALUE_BITS:
            raise ValueError(f"register {name!r} has {self._sizes[name]} bits, too many for one integer: use bits()")
        return _as_int64(self._packed[name]).astype(np.int64)

    def counts(self, *names: str) -> dict:
        """How often each outcome occurred, over all shots.

        * ``counts()``: every register, keyed as ``sim.run`` and Qiskit do (registers separated by
          spaces, the last register leftmost): ``{"1 01": 12, ...}``.
        * ``counts("bsm")``: one register, keyed by its bit string.
        * ``counts("check", "bell")``: the joint counts of several registers, keyed by a tuple of
          their bit strings in the order asked: ``{("00", "11"): 7, ...}``.
        """
        chosen = [self._name(n) for n in names] or list(self._sizes)
        if not chosen:
            return {"": self.shots}
        rows, tallies = _unique_rows(np.concatenate([self._packed[n] for n in chosen], axis=1))
        out: dict = {}
        for row, tally in zip(rows, tallies, strict=True):
            parts, start = [], 0
            for name in chosen:
                width = self._packed[name].shape[1]
                value = int.from_bytes(row[start : start + width].tobytes(), "big")
                parts.append(format(value, f"0{self._sizes[name]}b"))
                start += width
            key: str | tuple[str, ...]
            if names and len(names) == 1:
                key = parts[0]
            elif names:
                key = tuple(parts)
            else:
                key = " ".join(reversed(parts))
            out[key] = int(tally)
        return out
