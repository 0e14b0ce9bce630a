"""The shape of the code: rooms small enough to live in, no import cycle, no conflict
markers. These read files as text; they run no code of the app."""

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "campaigns"
MAX_LINES = 500


def app_modules() -> dict[str, Path]:
    """Dotted name → file of every module of the app (migrations aside)."""
    modules = {}
    for path in APP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict) -> set[str]:
    """The app modules `name` imports anywhere in its body, lazy imports included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module, not only the package.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found |= {target for target in targets if target in modules}
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_no_module_of_the_app_is_too_big_to_live_in():
    sizes = {
        name: len(path.read_text().splitlines()) for name, path in app_modules().items()
    }
    assert len(sizes) > 40
    too_big = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_big


def test_no_import_cycle_in_the_app():
    modules = app_modules()
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert graph["campaigns.services.publication"]  # the reader sees imports at all
    assert not cycles(graph)


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_merge_conflict_marker_is_committed():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(files) > 100
    marked = []
    for name in files:
        path = ROOT / name
        if (
            path.suffix in {".mo", ".xlsx", ".png", ".ico", ".woff2"}
            or not path.is_file()
        ):
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        for line in text.splitlines():
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
                marked.append(name)
                break
    assert not marked
