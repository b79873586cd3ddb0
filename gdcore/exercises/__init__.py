"""The lessons' exercises: each ``check_…`` says right or wrong, with a hint.

One module per lesson holds that lesson's checks; they all use the two
checkers in ``_check``, which accept a sympy expression, a string of one, or a
number, as the question needs.
"""

from ._check import Verdict as Verdict
from ._check import check_expression as check_expression
from ._check import check_number as check_number
from ._predict import check_prediction as check_prediction
from .lesson01 import *
from .lesson02 import *
from .lesson03 import *
from .lesson04 import *
from .lesson05 import *
from .lesson06 import *
from .lesson07 import *
from .lesson08 import *
from .lesson09 import *
from .lesson10 import *
from .lesson11 import *
from .lesson12 import *
