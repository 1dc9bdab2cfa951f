"""The screens' scripts (issue 10, item 5): text is never parsed as HTML, nothing is evaluated
(the CSP forbids it anyway), and the live screens are patched with SA.patch rather than
emptied and rebuilt on each state. Kind scripts may live in static/js/ or in a kind's folder."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "socialapp"
SCRIPTS = sorted(p for p in ROOT.rglob("static/**/*.js") if "vendor" not in p.parts)
SCREENS = ("phone.js", "host.js", "display.js")
# core.js defines SA.fill (toasts, built once, never patched).
NOT_PATCHED = ("core.js",)


def test_scripts_are_found():
    assert {"core.js", *SCREENS} <= {p.name for p in SCRIPTS}
    kinds = [p for p in SCRIPTS if "SA.defineKind(" in p.read_text() and p.name != "core.js"]
    assert len(kinds) >= 4


def test_no_html_parsing_and_no_eval():
    bad = re.compile(
        r"innerHTML|outerHTML\s*=|insertAdjacentHTML|dangerouslySetInnerHTML"
        r"|document\.write|\beval\(|new Function\("
    )
    for path in SCRIPTS:
        assert not bad.search(path.read_text()), path


def test_screens_and_kinds_patch_instead_of_rebuilding():
    for path in SCRIPTS:
        if path.name not in NOT_PATCHED:
            text = path.read_text()
            assert not re.search(r"\bfill\(|replaceChildren", text), path
            assert "SA.kinds." not in text, f"{path}: register with SA.defineKind"


def test_preact_is_vendored_with_its_licence():
    vendor = ROOT / "static" / "vendor"
    js = (vendor / "preact.min.js").read_text()
    assert js.startswith("/* Preact 10.") and "self.preact=" in js
    assert "MIT" in (vendor / "preact.LICENSE").read_text()
    live = (ROOT / "templates" / "_live_scripts.html").read_text()
    assert live.index("vendor/preact.min.js") < live.index("js/core.js")
