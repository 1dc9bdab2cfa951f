"""The one error a command raises to refuse: its message is shown to the person as is."""


class CommandError(Exception):
    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code  # invalid | forbidden | not_found | rate_limited | conflict
