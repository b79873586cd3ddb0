"""A time budget for work done on a learner's behalf.

A learner's text or function runs in their own kernel, where a hang kills the
lesson. :func:`time_limit` interrupts pure-Python work, such as sympy
simplifying or a learner's loop, once its budget is spent, by raising
:class:`TimeLimit` from a timer signal. A single long call into C (one huge
integer power, one enormous matrix product) cannot be interrupted, which is
why text and inputs are bounded in size before the work starts.
"""

import signal
import threading
import time
from contextlib import contextmanager


class TimeLimit(BaseException):
    """The work took longer than its budget.

    A BaseException, like KeyboardInterrupt, so that a learner's own
    ``except Exception`` inside a loop cannot swallow it and hang anyway.
    """

    def __init__(self, seconds: float):
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float):
    """Raise :class:`TimeLimit` inside the block once ``seconds`` have passed.

    Works in the main thread, where notebook cells and tests run; elsewhere the
    block runs without a limit, since only the main thread receives signals.
    An enclosing limit is restored afterwards, never extended.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise TimeLimit(seconds)

    previous = signal.signal(signal.SIGALRM, stop)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    budget = seconds if not outer_left else min(seconds, outer_left)
    signal.setitimer(signal.ITIMER_REAL, budget)
    start = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            # The enclosing limit gets what it had left; it fires at once if spent.
            left = outer_left - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
