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


class Direct:
    def __init__(self, eio):
        self.eio = eio
        self.queued = eio.send_packet  # engineio's own path
        self.ws = {}  # engineio sid -> its eventlet websocket, while its handler runs
        self.last = (None, None)  # (packet, frame): a broadcast sends one packet N times
        self.counts = {"direct": 0, "queued": 0, "finished_later": 0}
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
    return layer
