"""The error every reader raises for a file it cannot read, with a reason for the user."""


class ExtractionError(Exception):
    """The file could not be read; ``reason`` is a sentence for the user, ``flags`` say why in short."""

    def __init__(self, reason: str, flags: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.flags = list(flags or [])
