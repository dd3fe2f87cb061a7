"""README's error code table against the code: every code the code base can return, on the surfaces
it can reach, with the HTTP status the service sends; and every route's OpenAPI responses list every
status its code path can return.

Nothing here is a list kept beside the code: the sources are parsed (ast, so ``code="…"`` and
``code='…'`` read alike) for the places a code is raised, and the surfaces follow from where:

- ``src/coaltext/cli.py`` (``_fail("…")``, ``_fail(*_internal(…))``) is the CLI;
- ``api/**`` is HTTP, except ``api/settings.py`` and ``serve()``, which run at start-up;
- anything else in ``src/coaltext`` (ingest, stages, pipeline) is all three, less HTTP where it is
  raised only for a path (the service reads bytes), less the CLI where it is raised only under a
  limit the CLI never sets (a ``Limits`` field that defaults to None and that no ``Limits(…)`` of the
  CLI names, or ``deadline``);
- a raise inside ``except X`` of the same error re-raises it and adds no surface.

The HTTP status is the error class's ``http_status``, ``error_response(status, "…")``'s, or the
routing-error map's key."""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import re
import typing
from pathlib import Path

import pytest

import api.app  # noqa: F401 - imports every api module, so every error class exists
import api.errors
import coaltext.errors
from coaltext.ingest import Limits

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("src/coaltext/**/*.py"), *ROOT.glob("api/**/*.py")])
CLI = "src/coaltext/cli.py"
ALL = frozenset({"CLI", "Python", "HTTP"})
# The tree's base classes: their codes are never raised as such (checked below).
BASES = {"coaltext_error": coaltext.errors.CoaltextError, "bad_input": coaltext.errors.InputError}
# Limits the CLI leaves unset: a raise guarded by one of them cannot happen there.
LIMIT_WORDS = {f.name for f in dataclasses.fields(Limits) if f.default is None} | {"deadline"}


@dataclasses.dataclass(frozen=True)
class Site:
    code: str
    where: str
    status: int | str | None  # None: never an HTTP answer
    surfaces: frozenset[str]


def _error_classes() -> dict[str, type[coaltext.errors.CoaltextError]]:
    found, stack = {}, [coaltext.errors.CoaltextError]
    while stack:
        cls = stack.pop()
        if cls.__module__.split(".")[0] in ("coaltext", "api"):
            assert found.setdefault(cls.__name__, cls) is cls, f"two error classes named {cls.__name__}"
            stack.extend(cls.__subclasses__())
    return found


CLASSES = _error_classes()


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_bytes_check(test: ast.AST) -> bool:
    """``isinstance(source, (bytes, …))``: its else branch reads a path."""
    return (
        isinstance(test, ast.Call)
        and _name(test.func) == "isinstance"
        and "bytes" in ast.unparse(test.args[1])
    )


def _scan(rel: str, text: str, cli_sets: frozenset[str] = frozenset()) -> tuple[list[Site], set[str]]:
    """The raise sites in one source file, and the codes its error classes declare."""
    tree = ast.parse(text)
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def chain(node):
        while node in parent:
            yield parent[node], node
            node = parent[node]

    def surfaces(node: ast.AST) -> frozenset[str]:
        if rel == CLI:
            return frozenset({"CLI"})
        if rel.startswith("api/"):
            startup = rel == "api/settings.py" or any(
                isinstance(p, ast.FunctionDef) and p.name == "serve" for p, _ in chain(node)
            )
            return frozenset({"start-up"} if startup else {"HTTP"})
        reach = set(ALL)
        for p, child in chain(node):
            if isinstance(p, ast.If) and child in p.orelse and _is_bytes_check(p.test):
                reach.discard("HTTP")  # reading a path: the service passes bytes
            if isinstance(p, ast.If) and child in p.body:
                if set(re.findall(r"\w+", ast.unparse(p.test))) & (LIMIT_WORDS - cli_sets):
                    reach.discard("CLI")
        return frozenset(reach)

    def reraised(node: ast.AST, cls_name: str) -> bool:
        for p, _ in chain(node):
            if isinstance(p, ast.ExceptHandler) and p.type is not None:
                if cls_name in re.findall(r"\w+", ast.unparse(p.type)):
                    return True
        return False

    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    sites: list[Site] = []
    declared: set[str] = set()

    def add(code, node, status):
        sites.append(Site(code, f"{rel}:{node.lineno}", status, surfaces(node)))

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and [_name(t) for t in stmt.targets] == ["code"]:
                    if (code := _str(stmt.value)) is not None:
                        declared.add(code)
        if isinstance(node, ast.Assign) and [_name(t) for t in node.targets] == ["_HTTP_CODES"]:
            for key, value in zip(node.value.keys, node.value.values):
                add(_str(value), node, key.value)
        if not isinstance(node, ast.Call):
            continue
        func = _name(node.func)
        kwargs = {k.arg: k.value for k in node.keywords}
        if func in CLASSES:
            code = _str(kwargs.get("code")) or CLASSES[func].code
            if code not in BASES and not reraised(node, func):
                add(code, node, CLASSES[func].http_status)
        elif func == "_fail" and node.args:
            if (code := _str(node.args[0])) is not None:
                add(code, node, None)
            elif isinstance(node.args[0], ast.Starred) and isinstance(node.args[0].value, ast.Call):
                helper = functions.get(_name(node.args[0].value.func))  # _fail(*_internal(exc))
                for ret in ast.walk(helper) if helper else ():
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple):
                        if (code := _str(ret.value.elts[0])) is not None:
                            add(code, node, None)
        elif func == "error_response" and len(node.args) >= 2 and _str(node.args[1]):
            add(_str(node.args[1]), node, node.args[0].value if isinstance(node.args[0], ast.Constant) else "?")
        elif func == "get" and _name(node.func.value) == "_HTTP_CODES" and len(node.args) == 2:
            add(_str(node.args[1]), node, "other")  # any other status the framework raises
    return sites, declared


def _cli_sets_limits() -> frozenset[str]:
    """The limits the CLI sets: the fields its ``Limits(…)`` calls name (all, where it passes
    ``limits=`` without building one, or builds one from positional or ``**`` arguments), and
    ``deadline`` where it passes one."""
    tree = ast.parse((ROOT / CLI).read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    built = [n for n in calls if _name(n.func) == "Limits"]
    passed = {k.arg for n in calls for k in n.keywords}
    sets = {k.arg for n in built for k in n.keywords}
    if (passed & {"limits"} and not built) or any(n.args or None in {k.arg for k in n.keywords} for n in built):
        sets |= LIMIT_WORDS
    return frozenset(sets | (passed & {"deadline"}))


@functools.cache
def _sites() -> tuple[dict[str, list[Site]], set[str]]:
    by_code: dict[str, list[Site]] = {}
    declared: set[str] = set()
    cli_sets = _cli_sets_limits()
    for path in SOURCES:
        rel = str(path.relative_to(ROOT))
        sites, names = _scan(rel, path.read_text(encoding="utf-8"), cli_sets)
        declared |= names
        for site in sites:
            by_code.setdefault(site.code, []).append(site)
    return by_code, declared


def _expected() -> dict[str, tuple[frozenset[str], str]]:
    """Each code → (surfaces, README's HTTP status column), from the code."""
    expected = {}
    for code, sites in _sites()[0].items():
        reach = frozenset().union(*(s.surfaces for s in sites))
        statuses = {s.status for s in sites if "HTTP" in s.surfaces}
        assert len(statuses) <= 1, f"{code} is sent with several statuses: {sorted(map(str, statuses))}"
        expected[code] = (reach, str(statuses.pop()) if statuses else "—")
    return expected


def _readme_table() -> dict[str, tuple[frozenset[str], str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Error codes") :]
    section = section[: section.index("\n## ")]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", section, re.M)
    assert rows, "README has no error code table under '### Error codes'"
    table = {}
    for code, surface, status in rows:
        surface = surface.strip()
        reach = ALL if surface == "all" else frozenset(s.strip() for s in surface.split(","))
        assert code not in table, f"{code} is listed twice"
        table[code] = (reach, status.strip())
    return table


def test_error_codes_the_scan_finds_codes_however_they_are_quoted():
    snippet = (
        "class Late(CoaltextError):\n"
        "    code = 'late_single'\n"
        "def f(path):\n"
        "    raise CoaltextError('no', code='gone_single')\n"
        '    raise CoaltextError("no", code="gone_double")\n'
    )
    sites, declared = _scan("src/coaltext/x.py", snippet)
    assert declared == {"late_single"}
    assert {s.code for s in sites} == {"gone_single", "gone_double"}
    assert all(s.surfaces == ALL and s.status == 400 for s in sites)
    cli_sites, _ = _scan(CLI, "def g():\n    raise _fail('cli_single', 'x')\n")
    assert [(s.code, s.surfaces, s.status) for s in cli_sites] == [("cli_single", {"CLI"}, None)]


def test_error_codes_the_scan_knows_where_known_codes_come_from():
    expected = _expected()
    assert expected["parse_timeout"] == ({"Python", "HTTP"}, "504")  # the CLI sets no time limit
    assert expected["file_not_found"] == ({"CLI", "Python"}, "—")  # only a path can be missing
    assert expected["empty_folder"] == ({"CLI"}, "—")
    assert expected["busy"] == ({"HTTP"}, "503")
    assert expected["token_required"] == ({"start-up"}, "—")
    assert expected["method_not_allowed"] == ({"HTTP"}, "405")
    assert expected["http_error"] == ({"HTTP"}, "other")
    assert expected["internal_error"] == ({"CLI", "HTTP"}, "500")


def test_error_codes_every_code_in_the_source_is_in_the_readme_table():
    by_code, declared = _sites()
    table = _readme_table()
    missing = {
        code: [s.where for s in by_code.get(code, [])]
        for code in (set(by_code) | declared) - set(BASES)
        if code not in table
    }
    assert not missing, f"codes the code base can return but README's error table lacks: {missing}"


def test_error_codes_the_readme_lists_no_code_that_cannot_occur():
    stale = set(_readme_table()) - set(_sites()[0])
    assert not stale, f"README lists codes nothing raises: {sorted(stale)}"


def test_error_codes_the_readme_gives_each_code_its_surfaces_and_http_status():
    expected, table = _expected(), _readme_table()
    wrong = {
        code: {"README": (sorted(table[code][0]), table[code][1]), "code": (sorted(reach), status)}
        for code, (reach, status) in expected.items()
        if code in table and table[code] != (reach, status)
    }
    assert not wrong, f"README rows that say other than the code: {wrong}"


def test_error_codes_base_classes_are_never_raised_bare():
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in ("CoaltextError", "InputError"):
                assert any(k.arg == "code" for k in node.keywords), (
                    f"{path}:{node.lineno} raises a base class without its own code"
                )


# --- OpenAPI: each route documents every status its code path can return --------------------


def _pipeline_statuses() -> set[int]:
    """What the library can raise into a route: codes raised in src/coaltext and sent over HTTP."""
    return {
        s.status
        for sites in _sites()[0].values()
        for s in sites
        if s.where.startswith("src/") and "HTTP" in s.surfaces
    }


def _param_classes(fn) -> dict[str, type]:
    try:
        hints = typing.get_type_hints(fn, include_extras=True)
    except Exception:  # noqa: BLE001 - a hint that does not resolve types nothing
        return {}
    out = {}
    for name, hint in hints.items():
        if typing.get_origin(hint) is typing.Annotated:
            hint = typing.get_args(hint)[0]
        if inspect.isclass(hint):
            out[name] = hint
    return out


def _reachable_statuses(fn, owner: type | None = None, seen: set | None = None) -> set[int]:
    """Statuses the error classes raised by ``fn`` and the api functions it uses can carry."""
    seen = set() if seen is None else seen
    code = getattr(fn, "__code__", None)
    if code is None or code in seen or not fn.__module__.startswith("api"):
        return set()
    seen.add(code)
    try:
        tree = ast.parse(_dedent(inspect.getsource(fn)))
    except (OSError, TypeError):
        return set()
    params = _param_classes(fn)
    parents = {child: n for n in ast.walk(tree) for child in ast.iter_child_nodes(n)}
    statuses: set[int] = set()

    def called(node) -> bool:
        return isinstance(parents.get(node), ast.Call) and parents[node].func is node

    def resolve(node):
        if isinstance(node, ast.Name):
            if node.id == "self" and owner is not None:
                return owner
            if node.id in params:
                return params[node.id]
            return fn.__globals__.get(node.id)
        if isinstance(node, ast.Attribute):
            base = resolve(node.value)
            return getattr(base, node.attr, None) if base is not None else None
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "error_response" and isinstance(node.args[0], ast.Constant):
            statuses.add(node.args[0].value)
        if not isinstance(node, (ast.Name, ast.Attribute)) or not isinstance(node.ctx, ast.Load):
            continue
        target = resolve(node)
        if inspect.isclass(target) and issubclass(target, coaltext.errors.CoaltextError):
            if called(node):
                statuses.add(target.http_status)
        elif inspect.isclass(target) and target.__module__.startswith("api"):
            if called(node):
                for member in vars(target).values():  # made here: its callbacks may run
                    statuses |= _reachable_statuses(member, target, seen)
        elif inspect.isfunction(target) and target.__module__ == "coaltext.pipeline":
            statuses |= _pipeline_statuses()
        elif inspect.isfunction(target):
            cls = resolve(node.value) if isinstance(node, ast.Attribute) else None
            statuses |= _reachable_statuses(target, cls if inspect.isclass(cls) else None, seen)
    return statuses


def _dedent(source: str) -> str:
    lines = source.splitlines()
    indent = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[indent:] for line in lines)


def _dependencies(dependant):
    for sub in dependant.dependencies:
        yield sub
        yield from _dependencies(sub)


def _routes():
    """(name, endpoint, dependant with the include-level dependencies, documented statuses)."""
    from fastapi.routing import APIRoute, _IncludedRouter

    app = api.app.create_app(api.Settings(warm_up=False).checked())
    spec = app.openapi()
    for included in app.routes:
        if not isinstance(included, _IncludedRouter):  # /openapi.json, /static
            continue
        for context in included.effective_route_contexts():
            route = context.original_route
            if not isinstance(route, APIRoute) or not context.include_in_schema:
                continue
            for method in route.methods:
                responses = spec["paths"][context.path][method.lower()]["responses"]
                yield f"{method} {context.path}", context.endpoint, context.dependant, {int(s) for s in responses if s.isdigit()}


def _route_can_return(endpoint, dependant) -> set[int]:
    # Every route: a foreign Host header (AllowedHosts, 400 invalid_host) and a fault (500).
    can = {400, 500} | _reachable_statuses(endpoint)
    for dep in _dependencies(dependant):
        can |= _reachable_statuses(dep.call)
    if dependant.query_params or dependant.body_params or any(d.query_params for d in _dependencies(dependant)):
        can.add(422)  # FastAPI's own validation: invalid_request
    return can


def test_error_codes_each_route_documents_every_status_it_can_return():
    routes = list(_routes())
    assert len(routes) >= 6
    missing = {
        name: sorted(lacking)
        for name, endpoint, dependant, documented in routes
        if (lacking := _route_can_return(endpoint, dependant) - documented)
    }
    assert not missing, f"statuses a route can return but its OpenAPI responses do not list: {missing}"


@pytest.mark.parametrize(
    ("route", "statuses"),
    [
        ("GET /v1/playbooks", {401, 422}),  # the token and the unknown-query dependencies
        ("POST /v1/alignment", {401, 408, 413, 415, 422, 503, 504}),  # token, upload, pool, pipeline
        ("GET /health", set()),
    ],
)
def test_error_codes_route_scan_follows_the_code_paths(route, statuses):
    found = {name: _route_can_return(endpoint, dependant) for name, endpoint, dependant, _ in _routes()}
    assert found[route] - {400, 500} == statuses
