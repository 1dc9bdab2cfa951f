"""A state as changes: diff(old, new) is a small patch that apply(old, patch) turns into new.

Screens keep the last state they were sent; when a list grows to hundreds of items (the wall's
notes), sending only what changed costs each screen a few hundred bytes, not the whole list.
static/js/core.js (SA.patches) applies the same format; tests/test_patches.py checks both
against each other and that apply(old, diff(old, new)) == new for any old and new.

A patch of a dict: {"d": {key: patch of its value}, "x": [keys removed]} (either may be
missing). A value replaced as a whole: {"=": value}. A list whose items are all dicts with
distinct "id"s (notes, themes, agenda entries) is patched by id: {"l": {"u": [items added or
changed, whole], "x": [ids removed], "o": [every id, in order]}}; "o" only when the order is
not "the old order, then the new ones in their order". Any other list is replaced.
"""

SAME = None  # what diff() returns when nothing changed


def keyed(items):
    """The items' ids if every item is a dict with an id, all distinct; else None."""
    if not isinstance(items, list):
        return None
    ids = []
    for item in items:
        if not isinstance(item, dict) or "id" not in item:
            return None
        ids.append(item["id"])
    if len(set(map(_hashable, ids))) != len(ids):
        return None
    return ids


def _hashable(value):
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def diff(old, new):
    """A patch from old to new, or SAME when they are equal (JSON-like data)."""
    if type(old) is type(new) and old == new:
        return SAME
    if isinstance(old, dict) and isinstance(new, dict):
        return diff_dict(old, new)
    if isinstance(old, list) and isinstance(new, list):
        old_ids, new_ids = keyed(old), keyed(new)
        if old_ids is not None and new_ids is not None:
            return diff_keyed(old, new, old_ids, new_ids)
    return {"=": new}


def diff_dict(old, new):
    out = {}
    changed = {}
    for key, value in new.items():
        if key not in old:
            changed[key] = {"=": value}
            continue
        sub = diff(old[key], value)
        if sub is not SAME:
            changed[key] = sub
    if changed:
        out["d"] = changed
    gone = [k for k in old if k not in new]
    if gone:
        out["x"] = gone
    return out


def diff_keyed(old, new, old_ids, new_ids):
    before = {_hashable(i): item for i, item in zip(old_ids, old, strict=True)}
    now = {_hashable(i) for i in new_ids}
    up = [item for i, item in zip(new_ids, new, strict=True) if _changed(before, i, item)]
    gone = [i for i in old_ids if _hashable(i) not in now]
    out = {}
    if up:
        out["u"] = up
    if gone:
        out["x"] = gone
    kept = [i for i in old_ids if _hashable(i) in now]
    added = [i for i in new_ids if _hashable(i) not in before]
    if kept + added != new_ids:
        out["o"] = new_ids
    return {"l": out}


def _changed(before, item_id, item):
    old = before.get(_hashable(item_id))
    return old is None or type(old) is not type(item) or old != item


def apply(value, patch):
    """The value the patch makes of `value` (a new object; `value` is not changed)."""
    if patch is SAME:
        return value
    if "=" in patch:
        return patch["="]
    if "l" in patch:
        return apply_keyed(value, patch["l"])
    out = dict(value)
    for key in patch.get("x", ()):
        out.pop(key, None)
    for key, sub in patch.get("d", {}).items():
        out[key] = apply(out.get(key), sub)
    return out


def apply_keyed(items, patch):
    gone = {_hashable(i) for i in patch.get("x", ())}
    out = [item for item in items if _hashable(item["id"]) not in gone]
    where = {_hashable(item["id"]): n for n, item in enumerate(out)}
    for item in patch.get("u", ()):
        n = where.get(_hashable(item["id"]))
        if n is None:
            where[_hashable(item["id"])] = len(out)
            out.append(item)
        else:
            out[n] = item
    if "o" in patch:
        by_id = {_hashable(item["id"]): item for item in out}
        out = [by_id[_hashable(i)] for i in patch["o"]]
    return out
