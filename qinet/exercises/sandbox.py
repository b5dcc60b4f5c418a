"""Call a learner's function under a time limit and catch whatever it raises.

A grader must never hang or crash on a learner's code: :func:`call_with_limit` returns a
:class:`Call` that holds the value, or the exception the code raised, or the fact that it ran out
of time. On the main thread of a Unix process (a Jupyter kernel's cells run there) the limit is a
``SIGALRM`` timer, which also interrupts ``time.sleep``; elsewhere a watchdog thread raises the
timeout inside the running thread between two Python bytecodes. A ``KeyboardInterrupt`` (the
learner pressing stop) is never swallowed.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qinet._validate import instance, number

#: Longest time limit a grader may give a learner's call (a kernel left busy longer looks hung).
MAX_TIME_LIMIT_S = 60.0


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's code when its time is up (a BaseException, so that a learner's
    ``except Exception`` cannot swallow it)."""


@dataclass(frozen=True)
class Call:
    """The outcome of one call of a learner's function: its ``value``, or the ``error`` it raised,
    or ``timed_out``."""

    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        """True when the function returned normally."""
        return self.error is None and not self.timed_out


class _Alarm:
    armed = False


def _on_alarm(_signum: int, _frame: object) -> None:
    if _Alarm.armed:
        signal.setitimer(signal.ITIMER_REAL, 0.1)  # once more in 0.1 s, in case the learner's code swallows it
        raise TimeLimitExceeded


def _start_alarm(seconds: float) -> Any:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _Alarm.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def _stop_alarm(previous: Any) -> None:
    _Alarm.armed = False
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _start_watchdog(seconds: float) -> threading.Timer:
    target = threading.get_ident()

    def interrupt() -> None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(TimeLimitExceeded))

    watchdog = threading.Timer(seconds, interrupt)
    watchdog.daemon = True
    watchdog.start()
    return watchdog


def _stop_watchdog(watchdog: threading.Timer) -> None:
    watchdog.cancel()
    watchdog.join()  # a timeout already on its way is raised here, inside the caller's try


def call_with_limit(fn: Callable[..., Any], *args: Any, time_limit_s: float = 5.0, **kwargs: Any) -> Call:
    """Call ``fn(*args, **kwargs)``, stopping it after ``time_limit_s`` seconds; never raises
    (except ``KeyboardInterrupt``).

    Examples
    --------
    >>> call_with_limit(lambda x: 2 * x, 21).value
    42
    >>> type(call_with_limit(lambda: 1 / 0).error).__name__
    'ZeroDivisionError'
    >>> def forever():
    ...     while True:
    ...         pass
    >>> call_with_limit(forever, time_limit_s=0.2).timed_out
    True
    """
    time_limit_s = float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True))
    if not callable(fn):
        return Call(error=TypeError(f"{type(fn).__name__} object is not callable"))
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread() and not _Alarm.armed
    previous: Any = None
    watchdog: threading.Timer | None = None
    try:
        if alarm:
            previous = _start_alarm(time_limit_s)
        else:
            watchdog = _start_watchdog(time_limit_s)
        try:
            return Call(value=fn(*args, **kwargs))
        finally:
            if alarm:
                _stop_alarm(previous)
            elif watchdog is not None:
                _stop_watchdog(watchdog)
    except TimeLimitExceeded:
        if alarm:
            _stop_alarm(previous)
        return Call(timed_out=True)
    except KeyboardInterrupt:
        raise
    except (Exception, SystemExit, GeneratorExit) as error:
        return Call(error=error)


def describe_error(error: BaseException) -> str:
    """``"ZeroDivisionError: division by zero"``, short enough for one line of feedback.

    Examples
    --------
    >>> describe_error(KeyError("01"))
    "KeyError: '01'"
    """
    error = instance("error", error, BaseException, "an exception")
    text = str(error) if not isinstance(error, KeyError) else repr(error.args[0]) if error.args else ""
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
