"""The reader of typed formulas: what it builds, what it refuses, and that it never runs text."""

import os
import re
import string
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gdcore
from gdcore import symbolic, symbolic_model
from gdcore import symbolic_formula as formula
from gdcore.exercises._check import check_expression, check_number

b, w, x = sp.symbols("b w x")
SYMBOLS = (b, w, x)
DATA = (np.linspace(-1.0, 1.0, 20), np.sign(np.linspace(-1.0, 1.0, 20)))
MARKER = Path(tempfile.gettempdir()) / f"gdcore-formula-ran-{os.getpid()}"


@pytest.fixture(autouse=True)
def no_marker():
    MARKER.unlink(missing_ok=True)
    yield
    assert not MARKER.exists(), "a formula ran code"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tanh(w x + b)", sp.tanh(w * x + b)),
        ("x^2 + b", x**2 + b),
        ("2x", 2 * x),
        ("w(x + 1)", w * (x + 1)),
        ("(w + 1)(x + 1)", (w + 1) * (x + 1)),
        ("2 pi x", 2 * sp.pi * x),
        ("E**w", sp.exp(w)),
        ("-w + +x", x - w),
        ("w/2", w / 2),
        ("1/2", sp.Rational(1, 2)),
        ("0.5*w", sp.Float(0.5) * w),
        ("w**-1", 1 / w),
        ("x**(w + 1)", x ** (w + 1)),
        ("2**100*w", sp.Integer(2) ** 100 * w),
        ("sigmoid(w*x)", 1 / (1 + sp.exp(-w * x))),
        ("ln(x) + log(w)", sp.log(x) + sp.log(w)),
        ("sqrt(x) + exp(w)", sp.sqrt(x) + sp.exp(w)),
        ("sin(x) + cos(x) + tan(x)", sp.sin(x) + sp.cos(x) + sp.tan(x)),
        ("sinh(x) + cosh(x)", sp.sinh(x) + sp.cosh(x)),
        ("abs(w) + Abs(x)", sp.Abs(w) + sp.Abs(x)),
        ("max(w, x, b) - Min(w, x)", sp.Max(w, x, b) - sp.Min(w, x)),
        ("  w*x + b  ", w * x + b),
    ],
)
def test_reads_the_allowed_grammar(text, expected):
    assert formula.read(text, SYMBOLS) == expected


def test_every_listed_function_is_read():
    for name, (_, fewest, _) in formula.FUNCTIONS.items():
        args = ", ".join(["x"] * fewest)
        assert formula.read(f"{name}({args})", [x]).free_symbols == {x}


def timed(fn, *args):
    start = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - start


def refusal(text, symbols=SYMBOLS):
    """The one-line message and the time of reading ``text``, which must be refused."""
    start = time.monotonic()
    with pytest.raises(ValueError) as err:
        symbolic.parse_model(text, symbols)
    assert "\n" not in str(err.value)
    return str(err.value), time.monotonic() - start


SHELL = "__import__('os').system('touch /tmp/pwned')"
REFUSED = [
    # The examples measured on main: code run, hangs and tracebacks.
    (f'w*x + b + 0*sympify("{SHELL}")', "text in quotes"),
    ("9**9**9*w*x+b", "a tower of powers (9**9**9)"),
    ("10**10**10*w*x", "a tower of powers (10**10**10)"),
    ("factorial(10**6)*w", "unknown function factorial; use one of exp, log"),
    ("1e400*w*x", "the number 1e400 is too large"),
    ("(" * 50_000 + "w*x" + ")" * 50_000, "100003 characters long; keep a formula under 2000"),
    ("w*x+" * 25_000 + "b", "100001 characters long"),
    ("Integral(w*x, x)", "unknown function Integral"),
    ("2**2**2**2**2", "a tower of powers"),
    # Constructs outside the whitelist, each named.
    ("w.x + b", "attribute access (w.x)"),
    ("x.__class__", "attribute access"),
    ("w[0]", "a subscript (w[0])"),
    ("w*x + b,", "not one formula"),
    ("(w, x)", "not one formula"),
    ("[w, x]", "a list ([w, x]) is not one formula"),
    ("{w}", "a set"),
    ("{w: x}", "a dict"),
    ("x < w", "a comparison (x < w) is not one formula"),
    ("w and x", "the boolean operator 'and'"),
    ("not w", "the boolean operator 'not'"),
    ("lambda: w", "a lambda"),
    ("w if x else b", "a conditional"),
    ("w for w in x", "the Python keyword 'for'"),
    ("True*w", "the Python keyword 'True'"),
    ("import os", "the Python keyword 'import'"),
    ("(w := 3)", "an assignment (w := 3)"),
    ("max(*w)", "a starred argument (*w)"),
    ("f'{w}'", "text in quotes"),
    ("sqrt(w, base=2)", "keyword arguments"),
    ("w % x", "the operator % (w % x)"),
    ("w // x", "the operator //"),
    ("w @ x", "the operator @"),
    ("~w", "the operator ~"),
    ("3j*w", "imaginary numbers (3j)"),
    ("...", "placeholder"),
    ("w $ x", "the character '$' at position 3"),
    ("1" * 31 + "*w", "is too large; keep numbers below 1e30"),
    ("2**101*w", "the exponent in 2**101 is larger than 100"),
    ("(2**100)**100*w", "is too large"),
    ("1e200*1e200*w", "is too large"),
    ("1e-29**100*w", "too small"),
    ("((9**99*w)**100)**100", "too large"),
    ("((sqrt(2)*9**99)**100)**100*w", "too large"),
    ("x**pi", "must be a plain number"),
    ("1/0*w", "divides by zero in 1/0"),
    ("log(0)*w", "infinite or undefined"),
    ("sin(x, w)", "sin takes one argument, not 2"),
    ("min(w)", "min takes at least 2 arguments"),
    ("exp*x", "exp is a function; call it with brackets"),
    # Unknown names, named with the allowed ones.
    ("w*q + b + r", "unknown symbol q, r; use only b, w, x"),
    ("α*x + ŷ", "unknown symbol α, ŷ"),
    ("foo(w*x) + g(b)", "unknown function foo, g; use one of exp, log, ln, sqrt"),
    ("sympify(w)", "unknown function sympify"),
    ("S(w)", "unknown function S"),
    ("parse_expr(w)", "unknown function parse_expr"),
    ("__import__(w)", "unknown function __import__"),
    ("eval(w)", "unknown function eval"),
    ("exec(w)", "unknown function exec"),
    ("w.exp(x)", "only named functions such as exp(x) can be called, not w.exp(x)"),
    ("Integral(w)(x)", "unknown function Integral"),
    # Syntax, with the position where Python's parser stops.
    ("tanh(w*x + b", "a bracket has no partner: the '(' at position 5 is never closed"),
    ("w*x) + b", "a bracket has no partner: the ')' at position 4 closes nothing"),
    ("w +* x", r"at position 4, '* x'"),
    ("w^^x", r"at position 3, '^x'"),
    ("w*x +", "ends in the middle of an operation"),
    ("(" * 31 + "w" + ")" * 31, "nested more than 30 deep"),
    ("-" * 1999 + "w", "chains or nests more than 100 operations"),
    ("+".join(["w"] * 102), "chains or nests more than 100 operations"),
    ("+".join(["(" + "+".join(["w"] * 20) + ")"] * 20), "more than 500 parts"),
    # Text that is no formula at all.
    ("", "the text is empty"),
    ("   ", "the text is empty"),
    ("w*x\n+ b", "several lines"),
    ("w*x\r+ b", "several lines"),
    ("w\x00x", "control character U+0000"),
]


@pytest.mark.parametrize("text, words", REFUSED, ids=[repr(t)[:40] for t, _ in REFUSED])
def test_refuses_in_one_line_naming_the_construct(text, words):
    message, seconds = refusal(text)
    assert words in message
    assert seconds < 5


@pytest.mark.parametrize(
    "value, words",
    [(None, "no formula yet (None)"), (5, "got int"), (w, "got Symbol"), (b"w", "got bytes")],
)
def test_refuses_what_is_not_text(value, words):
    assert words in refusal(value)[0]


def test_a_number_alone_names_unknown_symbols():
    message, _ = refusal("lr/50", ())
    assert "unknown symbol lr; a number is expected here" in message


def test_limits_sit_where_documented():
    assert formula.read("9" * 30, ()) == sp.Integer("9" * 30)
    assert formula.read("x**100 + x**-100", [x]) == x**100 + x**-100
    assert formula.read("(" * 30 + "x" + ")" * 30, [x]) == x
    assert formula.read("+".join(["x"] * 100), [x]) == 100 * x
    assert formula.read("+".join(["(" + "+".join(["x"] * 15) + ")"] * 15), [x]) == 225 * x


# Each would create MARKER if the text were run, by every route that leads to Python.
ROUTES = [
    "sympify(\"__import__('os').system('touch {p}')\")",
    "S(\"__import__('os').system('touch {p}')\")",
    "parse_expr(\"__import__('builtins').open('{p}', 'w')\")",
    "eval(\"__import__('os').system('touch {p}')\")",
    "exec(\"open('{p}', 'w')\")",
    "__import__('os').system('touch {p}')",
    "open('{p}', 'w')",
    "().__class__.__base__.__subclasses__()[0].__init__.__globals__['open']('{p}', 'w')",
    "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'catch_warnings'][0]()"
    "._module.__builtins__['__import__']('os').system('touch {p}')",
    "w*x + b + 0*sympify(\"open('{p}', 'w')\")",
    "exec(chr(111)+chr(112)+chr(101)+chr(110))",
    "w x __import__ (chr(111) + chr(115)).system(chr(116))",
]
PAYLOADS = [route.format(p=MARKER) for route in ROUTES]


def test_the_routes_are_live_when_run():
    # A control: sympy's own reader runs such text, so the absent marker below means something.
    sp.sympify(f"__import__('builtins').open('{MARKER}', 'w').close() or 1")
    assert MARKER.exists()
    MARKER.unlink()


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_route_runs_code(payload):
    refusal(payload)
    assert not symbolic_model.build(payload, *DATA)
    assert not check_expression(payload, x, "h", [x])
    assert not check_number(payload, 1.0, "h")
    assert not MARKER.exists()


def test_no_gdcore_module_calls_a_text_runner():
    calls = re.compile(r"\b(eval|exec|sympify|parse_expr|S)\s*\(")
    for path in Path(gdcore.__file__).parent.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not calls.search(line), f"{path.name}:{number} calls {line.strip()}"


ATOMS = [
    *"wxbq29()[],.:=<'\"#$ ",
    *["0.5", "1e400", "**", "^", "*", "/", "+", "-", "10**", "9**9**9", "\n", "α", "ŷ", "€"],
    *["exp(", "log(", "tanh(", "sigmoid(", "min(", "abs(", "sqrt(", "pi", "E", "e", "lambda"],
    *["__import__", "sympify(", "S(", "eval(", "Integral(", "factorial(", ".__class__"],
]
MIXES = st.lists(st.sampled_from(ATOMS), max_size=80).map("".join)
NESTED = st.builds(
    lambda n, inner: "(" * n + inner + ")" * n, st.integers(0, 60_000), st.sampled_from(["w", ""])
)
LONG = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["w*x+", "(", "9**", "-", "x", "1", "w x "]),
    st.integers(1, 30_000),
)
PAYLOAD = st.builds(
    lambda before, payload, after: before + payload + after,
    MIXES,
    st.sampled_from(PAYLOADS),
    MIXES,
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.printable, max_size=300),
    MIXES,
    NESTED,
    LONG,
    PAYLOAD,
)
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(TEXTS)
def test_any_text_is_a_formula_or_one_line_value_error(text):
    start = time.monotonic()
    try:
        result = symbolic.parse_model(text, SYMBOLS)
    except ValueError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(result, sp.Expr) and result.free_symbols <= set(SYMBOLS)
    assert time.monotonic() - start < 3
    assert not MARKER.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_builds_a_model_or_a_problem(text):
    start = time.monotonic()
    with mock.patch.object(symbolic_model, "SECONDS", 1.0):
        result = symbolic_model.build(text, *DATA)
    assert isinstance(result, symbolic_model.YourModel | symbolic_model.Problem)
    assert result or "\n" not in repr(result)
    assert time.monotonic() - start < 3
    assert not MARKER.exists()


@pytest.mark.parametrize(
    "text, words",
    [
        ("9**9**9*w*x+b", "a tower of powers"),
        ("10**10**10*w*x", "a tower of powers"),
        ("factorial(10**6)*w", "unknown function factorial"),
        ("1e400*w*x", "the number 1e400 is too large"),
        ("(" * 50_000 + "w*x" + ")" * 50_000, "characters long"),
        ("w*x+" * 25_000 + "b", "characters long"),
        ("Integral(w*x, x)", "unknown function Integral"),
        (f'w*x + b + 0*sympify("{SHELL}")', "text in quotes"),
    ],
)
def test_build_answers_the_measured_examples_in_one_line(text, words):
    problem, seconds = timed(symbolic_model.build, text, *DATA)
    assert not problem and words in repr(problem) and "\n" not in repr(problem)
    assert seconds < 5


def test_a_line_still_builds_quickly():
    model, seconds = timed(symbolic_model.build, "w*x + b", *DATA)
    assert model and model.worst_error < symbolic_model.TOL
    assert seconds < 1


# Answers typed into the exercises' checks go through the same reader.


@pytest.mark.parametrize(
    "answer, words",
    [
        ("alpha*x", "unknown symbol alpha; use only x"),
        ("lr*x", "unknown symbol lr"),
        ("ŷ*x", "unknown symbol ŷ"),
        (sp.Symbol("lr") * x, "uses lr, which this exercise does not have"),
        ("sech(x)", "unknown function sech"),
        ("x *", "Could not read 'x *'"),
        ("[x]", "a list"),
        ([x], "Expected a formula"),
        ("9**9**9", "a tower of powers"),
    ],
)
def test_check_expression_names_what_it_cannot_read(answer, words):
    verdict = check_expression(answer, 2 * x, "hint", [x])
    assert not verdict and words in repr(verdict) and "Hint: hint" in repr(verdict)


def test_check_expression_reads_strings_numbers_and_sympy():
    assert check_expression("2x", 2 * x, "h", [x])
    assert check_expression("x^2/x + x", 2 * x, "h", [x])
    assert check_expression(2, sp.Integer(2), "h", [x])
    assert check_expression(np.float64(0.5), sp.Rational(1, 2), "h", [x])
    assert check_expression(sp.Symbol("x", real=True) * 2, 2 * x, "h", [x])
    assert not check_expression("3*x", 2 * x, "h", [x])


def test_check_expression_gives_up_on_a_slow_comparison():
    with mock.patch("gdcore.exercises._check.SECONDS", 1e-3):
        verdict, seconds = timed(check_expression, "(x + 1)**100 - x", x, "h", [x])
    assert not verdict and "Could not compare" in repr(verdict)
    assert seconds < 5


@pytest.mark.parametrize(
    "answer",
    [
        0.25,
        1 / 4,
        np.float32(0.25),
        np.float64(0.25),
        sp.Rational(1, 4),
        sp.Float(0.25),
        np.array([0.25]),
        np.array([[0.25]]),
        [0.25],
        "1/4",
        "0.25",
        "sqrt(1/16)",
        "exp(log(1/4))",
        "2^-2",
    ],
)
def test_check_number_accepts_numbers_in_every_form(answer):
    assert check_number(answer, 0.25, "h")


@pytest.mark.parametrize(
    "answer, words",
    [
        ("lr/4", "unknown symbol lr"),
        ("α", "unknown symbol α"),
        ("a quarter", "unknown symbol a, quarter"),
        ("9**9**9", "a tower of powers"),
        ("sqrt(-1)", "is not a real number"),
        (1j, "is not a real number"),
        (x / 4, "still has the symbol x"),
        (10**400, "too large for a float"),
        (True, "which is not a number"),
        ([0.25, 1.0], "which is not a number"),
        (sp.exp(sp.exp(sp.exp(100))), "takes too long to evaluate"),
    ],
)
def test_check_number_says_why_it_is_not_a_number(answer, words):
    with mock.patch("gdcore.exercises._check.SECONDS", 0.5):
        verdict, seconds = timed(check_number, answer, 0.25, "h")
    assert not verdict and "Expected a number" in repr(verdict) and words in repr(verdict)
    assert "\n" not in repr(verdict) and seconds < 5
