"""Lazy access to a package's submodules, so that ``import qinet`` stays fast and side-effect free."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType


def lazy_submodules(package: str, path: list[str]) -> tuple[Callable[[str], ModuleType], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` that import ``package.<name>`` on first attribute access."""
    names = {info.name for info in pkgutil.iter_modules(path) if not info.name.startswith("_")}

    def __getattr__(name: str) -> ModuleType:
        if name in names:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
