"""The server tunes Python's garbage collector (socialapp.gctune): thresholds from the config,
what was loaded at start frozen. Behaviour only: the figures are in the module's docstring."""

import gc

from socialapp import gctune


def test_tune_sets_the_thresholds_and_freezes_what_is_loaded():
    before = gc.get_threshold()
    try:
        gctune.tune((50_000, 10, 100))
        assert gc.get_threshold() == (50_000, 10, 100)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_default_config_has_thresholds(app):
    thresholds = app.config["GC_THRESHOLDS"]
    assert len(thresholds) == 3 and thresholds[0] > 700  # fewer young collections than Python's
