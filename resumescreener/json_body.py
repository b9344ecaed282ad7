"""The JSON body of an API request, read the same way by every endpoint that takes one.

What `json.loads` accepts but the app cannot use is refused here, before anything is stored: nesting deep
enough to exhaust Python's stack, NaN and Infinity, and strings that could not be shown again (see
text_checks). A body is a JSON object.
"""

import json

from .text_checks import text_problem

MAX_DEPTH = 20  # an opening is two levels deep; nothing we take needs more


class InvalidBody(ValueError):
    """The body cannot be used; `detail` says why, in a sentence for the client."""

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = detail


def _refuse_constant(name):
    raise InvalidBody(f"{name} is not a number that the API accepts.")


def read_json_object(request):
    """The request's body as a dict (an empty body is `{}`); InvalidBody when it cannot be used."""
    try:
        text = request.body.decode("utf-8") if request.body else "{}"
        payload = json.loads(text, parse_constant=_refuse_constant)
    except InvalidBody:
        raise
    except RecursionError:
        raise InvalidBody(f"The body is nested too deeply (at most {MAX_DEPTH} levels).") from None
    except UnicodeDecodeError:
        raise InvalidBody("The body must be JSON in UTF-8.") from None
    except json.JSONDecodeError as error:
        raise InvalidBody(f"The body is not valid JSON ({error.msg} at character {error.pos}).") from None
    except ValueError:  # e.g. an integer of more than 4,300 digits
        raise InvalidBody("The body holds a number too long to read.") from None
    if not isinstance(payload, dict):
        raise InvalidBody("The body must be a JSON object.")
    _check(payload)
    return payload


def _check(payload):
    """Depth and text of every value, walked without recursion (the depth is not known yet)."""
    pending = [(payload, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise InvalidBody(f"The body is nested too deeply (at most {MAX_DEPTH} levels).")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                pending.append((item, depth + 1))
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_text(value)


def _check_text(text):
    problem = text_problem(text)
    if problem:
        raise InvalidBody(f"A string in the body {problem}: {text[:40]!r}.")
