"""The shared extension objects, created unbound and initialised in create_app()."""

from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from socketio.packet import Packet
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
socketio = SocketIO()


class JsonPacket(Packet):
    """Socket.IO packets for a server that sends JSON only (states, acks; never bytes).

    python-socketio looks for bytes in every payload it sends, walking it in Python, once per
    emit: for a round's 2,000 personal states that cost more than encoding them (py-spy on a
    round for 2,000). Bytes sent by mistake fail loudly (not JSON); bytes received from a
    client are still decoded as before."""

    uses_binary_events = False
