"""Read a formula a learner types, without ever running it.

Python's own parser (:mod:`ast`) turns the text into a tree, and a short
whitelist turns that tree into sympy objects: numbers, the caller's symbols,
the constants ``pi`` and ``E``, ``+ - * /`` and ``**``, and the functions in
:data:`FUNCTIONS`. Anything else (attributes, strings, keywords, calls to any
other name) is refused with a one-line :class:`FormulaError` that names it.

A learner types ``x^2`` and ``2x`` or ``w x``; ``^`` is read as a power, and
a ``*`` goes between two operands that stand side by side.

The work is bounded before sympy starts, since one huge power or a deep nest
of brackets can hang a kernel: see the ``MAX_…`` limits below.
"""

import ast
import io
import keyword
import operator
import tokenize
import unicodedata
import warnings

import sympy as sp

from ._limits import TimeLimit, time_limit

MAX_LENGTH = 2000  # characters in one formula
MAX_NESTING = 30  # brackets inside brackets
MAX_NODES = 500  # numbers, names and operations in the parsed tree
MAX_DEPTH = 100  # operations inside operations
MAX_DIGITS = 30  # a typed number is below 10**30 in size
MAX_EXPONENT = 100  # a numeric exponent is at most 100 in size
MAX_BITS = 1000  # an exact number built from typed ones stays below 2**1000, about 1e301
SECONDS = 2.0  # time budget for turning the checked tree into sympy


def _sigmoid(z):
    return 1 / (1 + sp.exp(-z))


# Every function a formula may call: name -> (sympy builder, fewest and most arguments).
FUNCTIONS = {
    "exp": (sp.exp, 1, 1),
    "log": (sp.log, 1, 1),
    "ln": (sp.log, 1, 1),
    "sqrt": (sp.sqrt, 1, 1),
    "sin": (sp.sin, 1, 1),
    "cos": (sp.cos, 1, 1),
    "tan": (sp.tan, 1, 1),
    "sinh": (sp.sinh, 1, 1),
    "cosh": (sp.cosh, 1, 1),
    "tanh": (sp.tanh, 1, 1),
    "sigmoid": (_sigmoid, 1, 1),
    "abs": (sp.Abs, 1, 1),
    "Abs": (sp.Abs, 1, 1),
    "min": (sp.Min, 2, MAX_NODES),
    "Min": (sp.Min, 2, MAX_NODES),
    "max": (sp.Max, 2, MAX_NODES),
    "Max": (sp.Max, 2, MAX_NODES),
}
CONSTANTS = {"pi": sp.pi, "E": sp.E}
OPERATIONS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}
OPERATOR_SIGNS = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
    ast.Invert: "~",
    ast.Not: "not",
}
# Each construct a formula cannot hold, named in its message; {part} is the text of it.
ONE_FORMULA = "write a single expression, e.g. 2*x + 1"
CONSTRUCTS = {
    ast.Attribute: "attribute access ({part}) is not allowed; write names and operators only",
    ast.Subscript: "a subscript ({part}) is not allowed; write names and operators only",
    ast.Lambda: "a lambda ({part}) is not allowed; write the expression itself",
    ast.IfExp: "a conditional ({part}) is not allowed; " + ONE_FORMULA,
    ast.Compare: "a comparison ({part}) is not one formula; " + ONE_FORMULA,
    ast.BoolOp: "a boolean operator ({part}) is not one formula; " + ONE_FORMULA,
    ast.Tuple: "a comma or an empty bracket ({part}) is not one formula; " + ONE_FORMULA,
    ast.List: "a list ({part}) is not one formula; " + ONE_FORMULA,
    ast.Set: "a set ({part}) is not one formula; " + ONE_FORMULA,
    ast.Dict: "a dict ({part}) is not one formula; " + ONE_FORMULA,
    ast.Starred: "a starred argument ({part}) is not allowed; " + ONE_FORMULA,
    ast.NamedExpr: "an assignment ({part}) is not allowed; write the expression itself",
    ast.JoinedStr: "an f-string ({part}) is not allowed; write the formula without quotes",
}
KEYWORD_NAMES = {
    "and": "the boolean operator 'and'",
    "or": "the boolean operator 'or'",
    "not": "the boolean operator 'not'",
    "lambda": "a lambda",
    "if": "a conditional (if … else)",
}


class FormulaError(ValueError):
    """A formula that cannot be read; its message is one line naming the problem."""

    def __init__(self, text, reason):
        super().__init__(f"could not read {_show(text)}: {reason}.".replace("\n", " "))


def read(text: str, symbols=()) -> sp.Expr:
    """The formula typed as ``text``, as a sympy expression in ``symbols``.

    Allowed: numbers (``2``, ``0.5``, ``1e-3``; below 1e30), the names of
    ``symbols``, the constants ``pi`` and ``E``, ``+ - * /``, ``**`` or ``^``
    for a power (a numeric exponent is a plain number of size at most 100),
    brackets, implicit products (``2x``, ``w x``, ``2(x + 1)``), and calls by
    position of the functions in :data:`FUNCTIONS`: exp, log (or ln), sqrt,
    sin, cos, tan, sinh, cosh, tanh, sigmoid, abs, min and max.

    Parameters
    ----------
    text : str
        One line, at most :data:`MAX_LENGTH` characters.
    symbols : sequence of sympy Symbol
        The only names the formula may use; none for a plain number.

    Raises
    ------
    ValueError
        In one line, naming what is wrong and the fix; for text that cannot
        be read, its subclass :class:`FormulaError`.
    """
    names = {unicodedata.normalize("NFKC", str(s)): s for s in symbols}
    text = _checked_text(text)
    source, origin = _prepare(text, names)
    tree = _parse(source, origin, text)
    _check_tree(tree.body, text, source)
    _check_names(tree.body, names, text)
    try:
        with time_limit(SECONDS):
            return _build(tree.body, _Context(names, text, source))
    except FormulaError:
        raise
    except TimeLimit:
        raise FormulaError(text, "it takes too long to read; write a shorter formula") from None
    except Exception as err:  # sympy raises many kinds on odd input, e.g. Min of complex numbers
        raise FormulaError(
            text, f"sympy cannot build it ({type(err).__name__}); write it more simply"
        ) from None


def _show(text, limit=40):
    """``text`` as a short repr, so that a long formula does not fill the message."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _checked_text(text):
    """``text`` without surrounding blanks, once it is one line of bounded length."""
    if text is None:
        raise ValueError("no formula yet (None); type one as text, e.g. '2*x + 1'.")
    if not isinstance(text, str):
        raise ValueError(
            f"expected a formula as text (a str), got {type(text).__name__}; "
            "type it in quotes, e.g. '2*x + 1'."
        )
    text = text.strip()
    if not text:
        raise FormulaError(text, "the text is empty; type a formula, e.g. 2*x + 1")
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            text, f"it is {len(text)} characters long; keep a formula under {MAX_LENGTH}"
        )
    if len(text.splitlines()) > 1:
        raise FormulaError(text, "it runs over several lines; write the formula on one line")
    _check_characters(text)
    _check_brackets(text)
    return text


def _check_characters(text):
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\t":
            raise FormulaError(
                text, f"it holds the control character U+{ord(ch):04X} at position {i + 1}"
            )
        if ch in "'\"":
            raise FormulaError(
                text,
                f"text in quotes (a string, at position {i + 1}) is not part of a formula; "
                "type the formula itself, without quotes",
            )


def _check_brackets(text):
    """Pair the brackets on the raw text, before Python's parser recurses into them."""
    partner = {")": "(", "]": "[", "}": "{"}
    opened = []
    for i, ch in enumerate(text):
        if ch in "([{":
            opened.append(i)
            if len(opened) > MAX_NESTING:
                raise FormulaError(
                    text,
                    f"brackets are nested more than {MAX_NESTING} deep at position {i + 1}; "
                    "write a shorter formula",
                )
        elif ch in partner and (not opened or text[opened[-1]] != partner[ch]):
            raise FormulaError(
                text,
                f"a bracket has no partner: the {ch!r} at position {i + 1} closes nothing; "
                f"pair every {partner[ch]!r} with a {ch!r}",
            )
        elif ch in partner:
            opened.pop()
    if opened:
        ch = text[opened[-1]]
        raise FormulaError(
            text,
            f"a bracket has no partner: the {ch!r} at position {opened[-1] + 1} is never "
            f"closed; pair every {ch!r} with its closing bracket",
        )


def _prepare(text, names):
    """Python source for ``text``, and for each of its characters the position in ``text``.

    ``^`` becomes ``**``, and a ``*`` goes between operands side by side.
    """
    chars, origin = [], []
    for i, ch in enumerate(text):
        piece = "**" if ch == "^" else ch
        chars += piece
        origin += [i] * len(piece)
    for at in reversed(_implicit_products("".join(chars), origin, text, names)):
        chars.insert(at, "*")
        origin.insert(at, origin[at])
    return "".join(chars), origin


def _implicit_products(source, origin, text, names):
    """Where in ``source`` a ``*`` is meant: between ``2`` and ``x``, ``)`` and ``(``.

    A name followed by ``(`` is a call, unless it is one of ``names`` or a constant.
    Keywords and stray characters are refused here, by name.
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []  # Python's parser then says where the text goes wrong
    at, previous = [], None
    for token in tokens:
        _check_token(token, origin, text)
        if previous and _ends_operand(previous) and _starts_operand(token, previous, names):
            at.append(token.start[1])
        previous = token
    return at


def _check_token(token, origin, text):
    if token.type == tokenize.ERRORTOKEN and not token.string.isspace():
        where = origin[min(token.start[1], len(origin) - 1)] + 1
        raise FormulaError(
            text, f"the character {token.string!r} at position {where} is not part of a formula"
        )
    if token.type == tokenize.NAME and keyword.iskeyword(token.string):
        what = KEYWORD_NAMES.get(token.string, f"the Python keyword {token.string!r}")
        raise FormulaError(text, f"{what} is not part of a formula; write one expression")


def _ends_operand(token):
    return token.type in (tokenize.NAME, tokenize.NUMBER) or token.string == ")"


def _starts_operand(token, previous, names):
    if token.string == "(":
        name = unicodedata.normalize("NFKC", previous.string)
        return previous.type != tokenize.NAME or name in names or name in CONSTANTS
    return token.type in (tokenize.NAME, tokenize.NUMBER)


def _parse(source, origin, text):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning on odd literals
            return ast.parse(source, mode="eval")
    except SyntaxError as err:
        raise FormulaError(text, _syntax_reason(err, origin, text)) from None
    except (ValueError, RecursionError, MemoryError):
        raise FormulaError(
            text, "Python's parser cannot read it (nested too deeply); write a shorter formula"
        ) from None


def _syntax_reason(err, origin, text):
    """Where Python's parser stops reading, as a position in what the learner typed."""
    if err.offset and 1 <= err.offset <= len(origin):
        i = origin[err.offset - 1]
        return (
            f"it stops making sense at position {i + 1}, {text[i:][:10]!r}; "
            "check the operators there"
        )
    return "it ends in the middle of an operation; finish it or remove the last operator"


def _children(node):
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return node.args
    return []


def _check_tree(root, text, source):
    """Refuse any construct outside the whitelist, and trees too big or too deep."""
    stack, count = [(root, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FormulaError(text, f"it has more than {MAX_NODES} parts; write a shorter formula")
        if depth > MAX_DEPTH:
            raise FormulaError(
                text,
                f"it chains or nests more than {MAX_DEPTH} operations; write a shorter formula",
            )
        _check_node(node, text, source)
        stack.extend((child, depth + 1) for child in _children(node))


def _check_node(node, text, source):
    part = _segment(node, source)
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        if type(node.op) not in OPERATIONS | UNARY:
            sign = OPERATOR_SIGNS.get(type(node.op), type(node.op).__name__)
            raise FormulaError(
                text, f"the operator {sign} ({part}) is not allowed; use + - * / and ** or ^"
            )
    elif isinstance(node, ast.Call):
        _check_call(node, text, part)
    elif isinstance(node, ast.Constant):
        _check_constant(node.value, text, part)
    elif not isinstance(node, ast.Name):
        default = f"a Python {type(node).__name__} ({{part}}) is not allowed; {ONE_FORMULA}"
        raise FormulaError(text, CONSTRUCTS.get(type(node), default).format(part=part))


def _segment(node, source, limit=30):
    part = ast.get_source_segment(source, node) or type(node).__name__
    return part if len(part) <= limit else part[: limit - 3] + "..."


def _check_call(node, text, part):
    if not isinstance(node.func, ast.Name):
        raise FormulaError(text, f"only named functions such as exp(x) can be called, not {part}")
    if node.keywords:
        raise FormulaError(
            text, f"keyword arguments in {part} are not allowed; pass arguments by position"
        )


def _check_constant(value, text, part):
    if isinstance(value, str | bytes):
        raise FormulaError(text, f"a string ({part}) is not part of a formula")
    if value is Ellipsis:
        raise FormulaError(text, "... is a placeholder; replace it with your formula")
    if isinstance(value, complex):
        raise FormulaError(text, f"imaginary numbers ({part}) are not allowed")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise FormulaError(text, f"{part} is not part of a formula")
    if not abs(value) < 10.0**MAX_DIGITS:
        raise FormulaError(
            text, f"the number {part} is too large; keep numbers below 1e{MAX_DIGITS}"
        )


def _check_names(root, names, text):
    """Name every unknown function, then every unknown symbol, in the order typed."""
    nodes = sorted(ast.walk(root), key=lambda n: getattr(n, "col_offset", 0))
    calls = [n for n in nodes if isinstance(n, ast.Call)]
    functions = _unique(n.func.id for n in calls if n.func.id not in FUNCTIONS)
    if functions:
        raise FormulaError(
            text, f"unknown function {', '.join(functions)}; use one of {', '.join(FUNCTIONS)}"
        )
    called = {n.func for n in calls}
    bare = [n.id for n in nodes if isinstance(n, ast.Name) and n not in called]
    misused = _unique(n for n in bare if n in FUNCTIONS and n not in names)
    if misused:
        raise FormulaError(
            text, f"{misused[0]} is a function; call it with brackets, e.g. {misused[0]}(x)"
        )
    unknown = _unique(n for n in bare if n not in names and n not in CONSTANTS)
    if unknown:
        raise FormulaError(text, f"unknown symbol {', '.join(unknown)}; {_allowed(names)}")


def _unique(items):
    return list(dict.fromkeys(items))


def _allowed(names):
    if not names:
        return "a number is expected here: use digits, the constants pi and E, and functions"
    return f"use only {', '.join(names)} (and the constants pi and E)"


class _Context:
    """What building needs besides the node: the symbols, and the text for messages."""

    def __init__(self, names, text, source):
        self.names, self.text, self.source = names, text, source

    def fail(self, node, reason):
        raise FormulaError(self.text, reason.format(part=_segment(node, self.source)))


def _build(node, context):
    """The sympy object for a checked tree, each step bounded in size."""
    if isinstance(node, ast.Constant):
        result = sp.Integer(node.value) if isinstance(node.value, int) else sp.Float(node.value)
    elif isinstance(node, ast.Name):
        result = context.names.get(node.id, CONSTANTS.get(node.id))
    elif isinstance(node, ast.UnaryOp):
        result = UNARY[type(node.op)](_build(node.operand, context))
    elif isinstance(node, ast.Call):
        result = _call(node, context)
    else:
        result = _binary(node, context)
    _check_size(result, node, context)
    return result


def _call(node, context):
    function, fewest, most = FUNCTIONS[node.func.id]
    if not fewest <= len(node.args) <= most:
        wanted = "one argument" if most == 1 else f"at least {fewest} arguments"
        context.fail(node, f"{node.func.id} takes {wanted}, not {len(node.args)}, in {{part}}")
    return function(*(_build(arg, context) for arg in node.args))


def _binary(node, context):
    left, right = _build(node.left, context), _build(node.right, context)
    if isinstance(node.op, ast.Div) and right == 0:
        context.fail(node, "it divides by zero in {part}")
    if isinstance(node.op, ast.Pow):
        _check_power(left, right, node, context)
    return OPERATIONS[type(node.op)](left, right)


def _check_power(base, exponent, node, context):
    """A numeric exponent is a small plain number, so that no power runs away."""
    if exponent.free_symbols:
        return
    if any(_is_numeric_power(n, context.names) for n in ast.walk(node.right)):
        context.fail(node, "a tower of powers ({part}) makes too large a number; write it shorter")
    if not exponent.is_Number:
        context.fail(
            node, "the exponent in {part} must be a plain number such as 2 or 1/2, or hold a symbol"
        )
    if abs(exponent) > MAX_EXPONENT:
        context.fail(node, f"the exponent in {{part}} is larger than {MAX_EXPONENT}")
    if base.is_Rational and exponent.is_Integer:
        bits = max(abs(base.p).bit_length(), base.q.bit_length()) * abs(int(exponent))
        if bits > MAX_BITS:
            context.fail(node, "the number {part} is too large; keep numbers within about 1e300")


def _is_numeric_power(node, names):
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)):
        return False
    return not any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _check_size(result, node, context):
    if result.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        context.fail(node, "{part} is infinite or undefined (a division by zero?)")
    # A power spreads over a product, (9**99*w)**100 = 9**9900*w**100: check every number in it.
    if any(_out_of_range(n) for n in result.atoms(sp.Number)):
        context.fail(
            node,
            "{part} makes a number too large or too small; keep numbers within 1e-300 to 1e300",
        )


def _out_of_range(number):
    """Whether an exact number has over MAX_BITS bits, or a float is beyond 1e±300."""
    if number.is_Rational:
        return max(abs(number.p).bit_length(), number.q.bit_length()) > MAX_BITS
    return bool(number.is_Float and (abs(number) > 1e300 or 0 < abs(number) < 1e-300))
