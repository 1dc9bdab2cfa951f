"""The one error a command raises to refuse: its message is shown to the person as is."""


class CommandError(Exception):
    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code  # invalid | forbidden | not_found | rate_limited | conflict


def refusal(message, code="invalid"):
    """The ack of a refused message or command (and the "error" message a client gets that
    sent it without asking for an ack): one shape everywhere."""
    return {"ok": False, "error": message, "code": code}
