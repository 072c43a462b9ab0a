"""The house rules of the imports: each app's ``core/`` is plain Python, and the
imports run one way (questions' core ← probe's core ← the shared web layer ←
the questions' pages ← the probe's pages ← the staff console)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIZARD = ROOT / "wizard"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports (its text, or ``source``), relative imports
    made absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text() if source is None else source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            # "from wizard.probe import views" imports wizard.probe.views.
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def modules(pattern: str) -> list[Path]:
    return sorted(p for p in WIZARD.glob(pattern) if "migrations" not in p.parts)


CORES = modules("*/core/**/*.py")


def test_every_app_has_a_core_package():
    assert {p.parent.parent.name for p in CORES} == {"questions", "probe", "staff"}
    for app in ("questions", "probe", "staff"):
        assert (WIZARD / app / "core" / "__init__.py").exists()


@pytest.mark.parametrize("path", CORES, ids=lambda p: module_name(p))
def test_a_core_imports_no_django_and_nothing_of_the_web(path):
    imported = imports_of(path)
    assert not {m for m in imported if m == "django" or m.startswith("django.")}
    ours = {m for m in imported if m.startswith("wizard.")}
    assert all(".core" in m for m in ours), ours


@pytest.mark.parametrize("path", modules("questions/**/*.py"), ids=lambda p: module_name(p))
def test_the_questions_never_import_the_probes_web_modules(path):
    probe = {m for m in imports_of(path) if m.startswith("wizard.probe")}
    assert all(m.startswith("wizard.probe.core") for m in probe), probe


@pytest.mark.parametrize(
    "path",
    [*modules("questions/**/*.py"), *modules("probe/**/*.py"), *modules("web/*.py")],
    ids=lambda p: module_name(p),
)
def test_the_public_pages_never_import_the_staff_console(path):
    """The console is built on the wizard, never the other way round."""
    assert not {m for m in imports_of(path) if m.startswith("wizard.staff")}


@pytest.mark.parametrize("path", modules("web/*.py"), ids=lambda p: module_name(p))
def test_the_shared_web_layer_imports_only_cores(path):
    ours = {m for m in imports_of(path) if m.startswith("wizard.")}
    assert all(m.startswith("wizard.web") or ".core" in m for m in ours), ours


@pytest.mark.parametrize(
    "path", modules("questions/**/*.py") + modules("probe/**/*.py"), ids=lambda p: module_name(p)
)
def test_only_the_console_imports_the_console(path):
    """The pages count through wizard.web.counting; the console plugs in its store."""
    assert not {m for m in imports_of(path) if m.startswith("wizard.staff")}


def test_the_walk_makes_relative_imports_absolute():
    """The walk itself: a relative import of the probe's views from the
    questions' core is seen for what it is."""
    fake = WIZARD / "questions" / "core" / "example.py"
    assert "wizard.probe.views" in imports_of(fake, "from ...probe import views\n")
    assert "wizard.questions.core.answers" in imports_of(fake, "from .answers import Port\n")
