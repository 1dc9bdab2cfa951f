"""The server's Socket.IO packets are JSON only (socialapp.extensions.JsonPacket): a nested
state encodes as a plain event without looking for bytes; a client's packets still decode."""

import pytest

from socialapp.extensions import JsonPacket, socketio


def test_the_server_uses_json_packets(app):
    assert socketio.server.packet_class is JsonPacket


def test_a_nested_state_encodes_as_a_plain_event(monkeypatch):
    monkeypatch.setattr(JsonPacket, "data_is_binary", lambda data: pytest.fail("looked for bytes"))
    state = {"v": 3, "kind": {"mates": [{"id": 1, "label": "Ann"}], "sign": {"n": 2}}}
    assert JsonPacket(data=["me", state]).encode() == (
        '2["me",{"v":3,"kind":{"mates":[{"id":1,"label":"Ann"}],"sign":{"n":2}}}]'
    )


def test_a_clients_event_and_binary_event_still_decode():
    pkt = JsonPacket(encoded_packet='2["command",{"name":"x"}]')
    assert pkt.data == ["command", {"name": "x"}]
    binary = JsonPacket(encoded_packet='51-["upload",{"_placeholder":true,"num":0}]')
    assert binary.attachment_count == 1
    assert binary.add_attachment(b"abc") and binary.data == ["upload", b"abc"]


@pytest.mark.parametrize(
    "state",
    [
        {"v": 3, "kind": {"mates": [{"id": 1, "label": "Ann é"}], "sign": {"n": 2}}},
        {"v": 12, "id": 5, "name": 'Bo "B"', "kind": {}, "side": {}, "wrap_up": None},
        {"v": 1},
    ],
)
def test_a_personal_state_encoded_once_is_the_packet_python_socketio_would_send(state):
    """The broadcast layer encodes a phone's state once (what socialapp.sent compares, and
    the packet sent): byte for byte what python-socketio's emit would have sent."""
    from socialapp import broadcast

    packet = broadcast.me_packet(state["v"], broadcast.unversioned(state))
    assert packet == JsonPacket(data=["me", state], namespace="/").encode()
