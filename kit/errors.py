"""The kit's own exception: one clear line for the user, no traceback."""


class KitError(Exception):
    """Bad input or an unusable resource. The message names the value, the problem and the fix.

    `exit_code` is 1 for bad input and 2 for usage errors, as the CLI reports them.
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
