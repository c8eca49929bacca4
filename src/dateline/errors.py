"""Coded errors. DL1xx configuration, DL2xx resources, DL3xx input."""
from __future__ import annotations


class DatelineError(Exception):
    """The base of every error dateline raises; ``str(e)`` starts with the code (``"DL101: ..."``)
    and ``e.message`` is the message without it."""
    code = "DL000"

    def __init__(self, message: str):
        super().__init__(f"{self.code}: {message}")
        self.message = message

    def __reduce__(self):          # picklable across worker processes
        return (type(self), (self.message,))


class SettingsError(DatelineError):
    code = "DL100"


class MissingDCTError(DatelineError):
    """A document without a valid publication date (``YYYY-MM-DD``)."""
    code = "DL101"


class PipelineOrderError(DatelineError):
    """A stage placed before the stages that assign what it requires."""
    code = "DL102"


class UnknownStageError(DatelineError):
    code = "DL103"


class StageContractError(DatelineError):
    """A stage's requires/assigns name something that is not a Document field."""
    code = "DL104"


class ResourceError(DatelineError):
    code = "DL201"


class InputError(DatelineError):
    """A record that cannot be read; ``where`` names the file (and line)."""
    code = "DL301"

    def __init__(self, where: str, message: str):
        self.where = where
        self.detail = message
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        return (type(self), (self.where, self.detail))


class EncodingInputError(InputError):
    code = "DL302"


class DateInputError(InputError):
    code = "DL303"


class JSONInputError(InputError):
    code = "DL304"


class SizeInputError(InputError):
    code = "DL305"


class EmptyInputError(InputError):
    """A record with nothing to process (an empty file, a title without text): skipped, not failed,
    unless the command runs with --strict."""
    code = "DL306"


class DuplicateIdError(InputError):
    """A second record with the id of an earlier one in the same run (it would silently replace it)."""
    code = "DL307"
