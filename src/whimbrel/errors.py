"""The exception tree of whimbrel.

Every error the library raises on purpose derives from :class:`WhimbrelError`, so a caller
can catch them all at once. Each one carries its context as attributes and an HTTP status
for the REST API::

    WhimbrelError
    ├── InputError          a named input (file, URL, line) cannot be read or coded
    │   └── LanguageError   the input is not English, so it is reported rather than mis-coded
    ├── ConfigError         unknown stage, bad setting, unreadable data file
    ├── StageError          a pipeline stage failed on one article (cause kept as __cause__)
    ├── ModelError          the spaCy model cannot be loaded (fatal for the CLI)
    ├── StoreError          the event store cannot be read or written
    └── NotFound            a requested record does not exist (HTTP 404)
"""

from __future__ import annotations


class WhimbrelError(Exception):
    """Base class for every error whimbrel raises on purpose."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(WhimbrelError):
    """An input cannot be read or coded; the message names the input and, for corpora, the line."""

    status_code = 400
    code = "bad_input"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        where = source or ""
        if source and line is not None:
            where = f"{source}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.source = source
        self.line = line
        self.reason = message


class LanguageError(InputError):
    """The article is not in English; whimbrel reports it as not coded instead of mis-coding it."""

    code = "unsupported_language"

    def __init__(
        self, language: str, *, source: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(
            f"not coded: the text is in language '{language}', and whimbrel codes English only",
            source=source,
            line=line,
        )
        self.language = language


class ConfigError(WhimbrelError):
    """A configuration value, stage name or data file is wrong."""

    status_code = 500
    code = "config_error"


class StageError(WhimbrelError):
    """A pipeline stage raised on one article; the original error is kept as ``__cause__``."""

    code = "stage_error"

    def __init__(self, stage: str, article_id: str | None, cause: BaseException) -> None:
        super().__init__(f"stage '{stage}' failed on article {article_id!r}: {cause}")
        self.stage = stage
        self.article_id = article_id


class ModelError(WhimbrelError):
    """The NLP model cannot be loaded; nothing can be coded, so the CLI exits with status 3."""

    code = "model_error"


class StoreError(WhimbrelError):
    """The event store cannot be opened, read or written."""

    code = "store_error"


class NotFound(WhimbrelError):
    """A requested record does not exist."""

    status_code = 404
    code = "not_found"
