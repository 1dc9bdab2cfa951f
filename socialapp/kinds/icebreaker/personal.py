"""What one phone sees of the icebreaker: built from the round's plain-data picture (the
package's snapshot), never from the database, so a round start's 2,000 views are dictionary
look-ups."""


def view(snap, me):
    """A phone's view of the round, from the round's picture (the package's snapshot)."""
    here, skip = snap["attendance"].get(me, (False, None))
    rnd = snap["round"]
    number = rnd["number"] if rnd else 0
    out = {"round": number, "here": here, "skip_next": skip == number + 1}
    if rnd is None:
        return out | {"status": "waiting"}
    out["prompt"] = rnd["prompt"]
    mine = snap["member_of"].get(me)
    if mine is not None:
        return out | _grouped(snap, me, mine)
    if skip == number:
        return out | {"status": "skipped"}
    if not snap["groups"]:
        return out | {"status": "alone"}
    return out | {"status": "unplaced"}


def _grouped(snap, me, mine):
    group = snap["groups"][mine["group"]]
    confirmed, names = snap["confirmed"], snap["names"]
    mates = [a for a in group["members"] if a != me]
    return {
        "status": "grouped",
        "sign": group["sign"],
        "reason": group["reason"],  # matched by answers: why this group (else None)
        "members": [names[a][0] for a in mates],
        # Who I said I found, and who said they found me: contacts need both.
        "mates": [
            {
                "id": a,
                "label": names[a][0],
                "confirmed": (me, a) in confirmed,
                "confirmed_me": (a, me) in confirmed,
            }
            for a in mates
        ],
        "confirmed": bool(mates) and all((me, a) in confirmed for a in mates),
        "found": group["found"],
        "looking": mine["looking"],
        "late": mine["late"],
    }
