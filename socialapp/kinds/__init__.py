"""Segment kinds: every package in this folder is one kind, found here, never listed by hand.

A kind's package is its descriptor (docs/segment-kinds.md): KIND (its folder's name), LABEL,
ORDER (its place in the host's list), settings, views, COMMANDS and optional hooks; next to it
its models, its Alembic migrations (a `migrations/` folder: one version location per kind),
its templates and its static files. The core reads everything about kinds from KINDS.

SOCIALAPP_EXTRA_KINDS (folders separated by os.pathsep) adds folders searched for more kind
packages, imported as socialapp.kinds.<name> exactly like the ones here (a test adds a
throwaway kind that way; a site could keep its own kinds out of the source tree).
"""

import functools
import importlib
import os
import pkgutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What every kind defines; the optional hooks are listed in docs/segment-kinds.md.
REQUIRED = (
    "LABEL", "COMMANDS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view",
)  # fmt: skip
__path__ += [p for p in os.environ.get("SOCIALAPP_EXTRA_KINDS", "").split(os.pathsep) if p]


def discover(package=__name__, folders=None):
    """{name: package} for every kind package in the folders, in ORDER (then name)."""
    found = []
    for info in pkgutil.iter_modules(folders or __path__):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        if getattr(module, "KIND", None) != info.name:
            raise RuntimeError(f"{module.__name__}: KIND must be the folder's name {info.name!r}")
        if missing := [n for n in REQUIRED if not hasattr(module, n)]:
            raise RuntimeError(f"{module.__name__}: a kind needs {', '.join(missing)}")
        found.append(module)
    found.sort(key=lambda m: (getattr(m, "ORDER", 100), m.KIND))
    return {m.KIND: m for m in found}


KINDS = discover()


def kind(name):
    return KINDS[name]


def hooks(name):
    """[(kind name, function)] of every kind that offers the optional hook `name` (for
    instance carry_over(old_event_id, new_event_id): a series' new session takes over the
    kind's data of the last one, socialapp.series)."""
    return [(k, getattr(m, name)) for k, m in KINDS.items() if hasattr(m, name)]


@functools.cache
def folder_of(k):
    return Path(k.__file__).resolve().parent


def version_locations():
    """The Alembic version folder of every kind that has tables."""
    folders = (folder_of(k) / "migrations" for k in KINDS.values())
    return [str(f) for f in folders if f.is_dir()]
