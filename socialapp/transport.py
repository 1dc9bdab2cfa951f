"""Direct websocket writes on eventlet: a packet to an idle websocket is written at once, by the
greenlet that sends it, instead of being handed to that socket's writer greenlet.

Why: python-engineio gives every socket a queue and a writer greenlet; each packet is put on
the queue and the writer wakes to send it. On eventlet that hand-off (a timer per put, a
greenlet switch, a timed wait per get) was about half of a broadcast's server CPU: one public
change to 2,000 phones queues 2,000 packets (py-spy: eventlet's `schedule_call_global` alone
was 13-31% of the samples). The JSON is already encoded once per broadcast by python-socketio;
here the websocket frame is also built once and written straight to each socket.

The rules that keep it safe (tests/test_transport.py):
- Order: a packet is written directly only when nothing is waiting for that socket (its queue
  is empty) and nobody is writing to it or waiting to (eventlet's per-websocket send lock is
  free with no waiter). Otherwise it goes through the queue as before, behind what is there.
- One writer at a time: the direct write holds that same lock, which the writer greenlet's
  own sends (and the websocket's close) take too, so frames never interleave.
- Never block the broadcast: the frame goes to the kernel with a non-blocking send. Whatever
  does not fit (a phone that stopped reading) is finished by a greenlet of its own that keeps
  the lock, so the next packets to that socket queue behind it; the other phones are not
  held up.
- Anything else (long-polling, a socket still upgrading or closing, TLS inside the server,
  gevent or threading) takes engineio's own path unchanged.

It wraps two things of one engineio server, nothing global: the websocket class (to know
each socket's websocket) and send_packet (every packet the app sends goes through it).
"""

import _socket
import contextlib

SEND_LOCK = "_sendlock"  # eventlet's RFC6455WebSocket: held around every frame it writes


class Gathered:
    """A socket's frames gathered inside Direct.gathered(), with its send lock held."""

    __slots__ = ("ws", "fd", "lock", "packets", "frames")

    def __init__(self, ws, fd, lock, packet, frame):
        self.ws, self.fd, self.lock = ws, fd, lock
        self.packets, self.frames = [packet], [frame]


class Direct:
    def __init__(self, eio):
        self.eio = eio
        self.queued = eio.send_packet  # engineio's own path
        self.ws = {}  # engineio sid -> its eventlet websocket, while its handler runs
        self.last = (None, None)  # (packet, frame): a broadcast sends one packet N times
        self.counts = {"direct": 0, "queued": 0, "finished_later": 0, "gathered": 0}
        self.gather = None  # engineio sid -> Gathered, inside gathered()
        from eventlet.websocket import RFC6455WebSocket  # eventlet only (install() checks)

        self.kind = RFC6455WebSocket

    # ---------- knowing each socket's websocket ----------

    def websocket_class(self, inner):
        def make(handler, server):
            sock = getattr(handler, "__self__", None)  # the engineio Socket
            if sock is None:
                return inner(handler, server)

            def handle(ws):
                self.ws[sock.sid] = ws
                try:
                    return handler(ws)
                finally:
                    self.ws.pop(sock.sid, None)

            return inner(handle, server)

        return make

    # ---------- sending ----------

    def send_packet(self, sid, pkt):
        gather = self.gather
        if gather is not None and sid in gather:  # behind the frames gathered for it
            held = gather[sid]
            held.packets.append(pkt)
            held.frames.append(self.frame(held.ws, pkt))
            self.counts["gathered"] += 1
            return
        ws = self.ws.get(sid)
        sock = self.eio.sockets.get(sid) if ws is not None else None
        if sock is None or not self.direct(sock, ws, pkt):
            self.counts["queued"] += 1
            self.queued(sid, pkt)

    def direct(self, sock, ws, pkt):
        """Write pkt to ws now if that keeps order and cannot block; False: queue it."""
        lock = getattr(ws, SEND_LOCK, None)
        fd = getattr(getattr(ws, "socket", None), "fd", None)
        if (
            not isinstance(ws, self.kind)  # not the old hixie protocol's frames
            or lock is None
            or lock.balance != 1  # someone writes to this socket, or waits to
            or sock.queue.qsize()  # packets before this one are waiting
            or not sock.upgraded
            or sock.upgrading
            or sock.closing
            or sock.closed
            or getattr(ws, "websocket_closed", True)
            or not isinstance(fd, _socket.socket)
            or hasattr(fd, "do_handshake")  # TLS: its non-blocking writes differ
        ):
            return False
        if not sock.check_ping_timeout():
            return True  # as engineio's Socket.send: a client gone silent gets nothing more
        lock.acquire()  # free with no waiter: taken without yielding
        if self.gather is not None:
            try:
                self.gather[sock.sid] = Gathered(ws, fd, lock, pkt, self.frame(ws, pkt))
            except Exception:
                lock.release()
                raise
            self.counts["direct"] += 1
            return True
        try:
            frame = self.frame(ws, pkt)
            n = fd.send(frame)
        except BlockingIOError:
            n = 0
        except OSError:
            # The connection is gone (reset, broken pipe) and nothing was written: engineio's
            # own path meets the same error in the writer, which closes the socket.
            lock.release()
            return False
        except Exception:
            lock.release()
            raise
        if n < len(frame):
            # The rest in a greenlet of its own that keeps the lock (order and no interleaving
            # hold); a failure there closes the socket through engineio's reader.
            self.counts["finished_later"] += 1
            self.eio.start_background_task(self.finish, ws, lock, frame[n:])
        else:
            lock.release()
        self.counts["direct"] += 1
        return True

    def frame(self, ws, pkt):
        """The websocket frame: built once per packet, except with permessage-deflate, whose
        compressor is per socket."""
        if ws.extensions.get("permessage-deflate") is not None:
            return ws._pack_message(pkt.encode())
        last, frame = self.last
        if last is not pkt:
            frame = ws._pack_message(pkt.encode())
            self.last = (pkt, frame)
        return frame

    # ---------- gathering: one write per socket for a whole broadcast ----------

    @contextlib.contextmanager
    def gathered(self):
        """Frames written directly inside this block are gathered per socket, its send lock
        held, and written at the block's end in one send per socket: a round sends each phone
        the public state and its own, two system calls (and two TCP segments for the phone to
        wake up for) that become one. Every packet to a socket with gathered frames joins them,
        so order holds; the lock keeps engineio's writer (pings) from writing in between. The
        first phone waits for the whole broadcast to be built: worth it only when phones get
        more than one packet. Nested blocks (another greenlet's) write at the outer one's end."""
        if self.gather is not None:
            yield
            return
        self.gather = {}
        try:
            yield
        finally:
            gather, self.gather = self.gather, None
            failed = None
            for sid, held in gather.items():  # every socket's lock is let go, whatever fails
                try:
                    self.write_gathered(sid, held)
                except Exception as exc:
                    failed = exc
            if failed is not None:
                raise failed

    def write_gathered(self, sid, held):
        data = b"".join(held.frames)
        try:
            n = held.fd.send(data)
        except BlockingIOError:
            n = 0
        except OSError:
            # Gone (reset, closed meanwhile) and nothing written: engineio's own path meets the
            # same error in the writer and closes the socket, as without gathering.
            held.lock.release()
            for pkt in held.packets:
                self.counts["queued"] += 1
                self.queued(sid, pkt)
            return
        except Exception:
            held.lock.release()
            raise
        if n < len(data):
            self.counts["finished_later"] += 1
            try:
                self.eio.start_background_task(self.finish, held.ws, held.lock, data[n:])
            except Exception:
                held.lock.release()
                raise
        else:
            held.lock.release()

    @staticmethod
    def finish(ws, lock, rest):
        try:
            ws.socket.sendall(rest)
        except Exception:
            with contextlib.suppress(OSError):  # half a frame went: end the connection
                ws.socket.shutdown(_socket.SHUT_RDWR)
        finally:
            lock.release()


def install(server, async_mode):
    """Direct writes for this python-socketio server's engineio server (eventlet only).
    Returns the Direct layer, or None where it does not apply."""
    eio = getattr(server, "eio", None)
    if async_mode != "eventlet" or eio is None or getattr(eio, "_async", None) is None:
        return None
    layer = Direct(eio)
    eio._async = dict(eio._async, websocket=layer.websocket_class(eio._async["websocket"]))
    eio.send_packet = layer.send_packet
    eio.socialapp_direct = layer
    return layer


def gathered(server):
    """Direct.gathered() of this python-socketio server's layer; a no-op where none is
    installed (gevent, threading, tests, direct writes off)."""
    layer = getattr(getattr(server, "eio", None), "socialapp_direct", None)
    return layer.gathered() if layer is not None else contextlib.nullcontext()
