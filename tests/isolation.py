"""Run one call in a forked child with a memory cap and a time limit, and say how it ended.

A call that would allocate gigabytes or run for minutes must not take the test run (or a shared
machine) down with it: the child gets ``RLIMIT_AS`` = its current size + ``memory_mb`` and is
killed after ``seconds``. The parent learns whether the call returned, raised (which exception,
with what message, from which file and line) or died.

Usage::

    outcome = run_isolated(lambda: qinet.sim.run(circuit, shots=10**9))
    assert outcome.status == "raised" and outcome.error_type == "ValueError"
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QINET_DIR = Path(__file__).resolve().parents[1] / "qinet"


@dataclass(frozen=True)
class Outcome:
    """How a call ended.

    ``status`` is ``"returned"``, ``"raised"``, ``"killed"`` (the process died: signal or abort) or
    ``"timeout"``. For ``"raised"``: the exception's class name (and whether it is a ValueError or
    TypeError), its message, the file and source line where it was raised, and whether that file is
    part of qinet. For ``"returned"``: whether the result holds a NaN, and a short ``repr``.
    """

    status: str
    error_type: str | None = None
    clean_type: bool = False
    message: str = ""
    raised_at: str = ""
    raise_line: str = ""
    in_qinet: bool = False
    has_nan: bool = False
    result: str = ""
    seconds: float = 0.0


def contains_nan(value: object, depth: int = 0) -> bool:
    """True if ``value`` (a number, an array, or a dataclass/tuple/dict of them) holds a NaN."""
    if depth > 3:
        return False
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "fc" and bool(np.isnan(value).any())
    if isinstance(value, (list, tuple)):
        return any(contains_nan(v, depth + 1) for v in value[:64])
    if isinstance(value, dict):
        return any(contains_nan(v, depth + 1) for v in list(value.values())[:64])
    fields = getattr(value, "__dataclass_fields__", None)
    if fields:
        return any(contains_nan(getattr(value, name, None), depth + 1) for name in fields)
    return False


def describe_exception(error: BaseException) -> Outcome:
    """The ``"raised"`` outcome of ``error``: where it was raised and whether that is qinet code."""
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1] if frames else None
    filename = last.filename if last else ""
    line = (last.line or "").strip() if last else ""
    try:
        in_qinet = Path(filename).resolve().is_relative_to(QINET_DIR)
    except (OSError, ValueError):
        in_qinet = False
    return Outcome(
        status="raised",
        error_type=type(error).__name__,
        clean_type=isinstance(error, (ValueError, TypeError)),
        message=str(error),
        raised_at=f"{filename}:{last.lineno}" if last else "",
        raise_line=line,
        in_qinet=in_qinet,
    )


def call_and_describe(call: Callable[[], object]) -> Outcome:
    """Run ``call`` here and describe how it ended (exceptions are caught, never re-raised)."""
    start = time.perf_counter()
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - the point is to describe any failure
        outcome = describe_exception(error)
    else:
        outcome = Outcome(status="returned", has_nan=contains_nan(value), result=repr(value)[:200])
    return Outcome(**{**outcome.__dict__, "seconds": time.perf_counter() - start})


def _virtual_size() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def run_isolated(call: Callable[[], object], *, seconds: float = 10.0, memory_mb: int = 1024) -> Outcome:
    """Run ``call`` in a forked child limited to ``memory_mb`` more memory and ``seconds`` of time."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: cap memory and time, call, report, and leave without cleanup
        os.close(read_end)
        try:
            limit = _virtual_size() + memory_mb * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
            signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the default action ends the process
            signal.alarm(max(1, math.ceil(seconds)))
            payload = pickle.dumps(call_and_describe(call))
        except BaseException as error:  # noqa: BLE001 - report anything, even MemoryError while pickling
            payload = pickle.dumps(Outcome(status="raised", error_type=type(error).__name__, message=str(error)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + seconds + 5.0
    with os.fdopen(read_end, "rb") as pipe:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = pipe.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    if time.monotonic() >= deadline:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if chunks and os.WIFEXITED(status):
        return pickle.loads(b"".join(chunks))
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGKILL):
        return Outcome(status="timeout", seconds=seconds)
    return Outcome(status="killed", message=f"wait status {status}")
