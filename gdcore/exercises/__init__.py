"""The lessons' exercises: each ``check_…`` says right or wrong, with a hint.

One module per lesson holds that lesson's checks; they all use the two
checkers in ``_check``, which accept a sympy expression, a string of one, or a
number, as the question needs.
"""

from ._check import Verdict, check_expression, check_number
from .lesson01 import *  # noqa: F403
from .lesson02 import *  # noqa: F403
from .lesson03 import *  # noqa: F403
from .lesson04 import *  # noqa: F403
from .lesson05 import *  # noqa: F403
from .lesson06 import *  # noqa: F403
from .lesson07 import *  # noqa: F403
from .lesson08 import *  # noqa: F403
from .lesson09 import *  # noqa: F403

__all__ = ["Verdict", "check_expression", "check_number"]
