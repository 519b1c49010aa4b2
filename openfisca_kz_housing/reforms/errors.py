"""The one error class of the reforms package (re-exported by ``openfisca_kz_housing.reforms``)."""


class ReformError(ValueError):
    """A reform cannot be loaded or applied. The message names the faulty field and how to fix it.

    Messages name no interface (no command-line option, no route): each interface adds its own hint
    for ``hint`` (e.g. "parameter_list": ``kz-housing diff --list``, or GET /parameters).
    ``field`` is the location in the reform (e.g. ``changes[0].values[1].stop``) or None; ``source`` is
    the reform file when there is one. ``str(error)`` reads ``[source: ][field: ]message``.
    The message names no interface (no command-line flag, no route): each interface adds its own hint
    from the machine-readable ``reason`` (e.g. ``unknown_parameter``, ``needs_code_reform``,
    ``unknown_reform``) and ``details`` (e.g. ``{"reform": "aid_cap_mrp"}``, ``{"suggestions": [...]}``).
    """

    def __init__(self, message: str, field: str | None = None, source: str | None = None,
                 reason: str = "invalid", hint: str | None = None, **details):
        self.field = field
        self.hint = hint  # a stable key ("parameter_list"), for each interface to say where to look
        self.message = message
        self.source = source
        self.reason = reason
        self.details = details
        super().__init__(": ".join(part for part in (source, field, message) if part))
