"""The import direction builders -> graph <- exports, read from the source with ast."""
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ALLOWED = {"graph": {"graph"}, "exports": {"graph", "exports"}, "builders": {"graph", "builders"}}
COMPOSITION_ROOT = REPO / "builders" / "cli.py"  # the one place that wires exports in


def _our_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


def test_packages_import_only_in_the_allowed_direction():
    for package, allowed in ALLOWED.items():
        for path in (REPO / package).rglob("*.py"):
            if path == COMPOSITION_ROOT:
                continue
            assert _our_imports(path) <= allowed, f"{path.relative_to(REPO)} imports {_our_imports(path) - allowed}"


def test_graph_needs_only_networkx_and_pydantic():
    third_party = set()
    for path in (REPO / "graph").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                third_party.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                third_party.update(a.name.split(".")[0] for a in node.names)
    import sys
    assert third_party - set(sys.stdlib_module_names) - {"graph", "__future__"} <= {"networkx", "pydantic"}
