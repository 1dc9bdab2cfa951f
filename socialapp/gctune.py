"""Python's garbage collector in a server that holds thousands of sockets.

Measured in a round for 2,000 phones (bench/room.py --scenario round): each phone's
connection is a few hundred long-lived objects, so the oldest generation held about 490,000
and every full collection took 260 to 330 ms of CPU, with every socket waiting. With the
default thresholds (700, 10, 10) one ran every other round: that, not our code, was the
difference between a 600 ms and a 1 s round. Fewer, larger young collections let the
temporaries of a broadcast die by reference counting before they are promoted, and a full
collection comes every few minutes instead of every few seconds. Cycles are still collected,
only later; everything loaded at start (modules, the app, its mappers) is frozen, so no full
collection walks it again.
"""

import gc


def tune(thresholds):
    """For the server process only (wsgi.py), after the app is built."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
