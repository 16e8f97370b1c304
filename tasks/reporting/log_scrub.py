"""Secrets masked in every log record of the process, whichever handler writes it (the console, a file,
Prefect's API handler that ships run logs to the server).

A record factory is the one place every record passes through before any handler formats it; it is
process-wide by nature, so the secrets it masks are the union of those of the runs started here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from extractors.reporting.redact import scrub

_lock = threading.Lock()
_secrets: set[str] = set()
_installed: list[bool] = []


def mask_secrets_in_logs(secrets: Iterable[str]) -> None:
    """From now on, log records of this process carry `secrets` (and secret-shaped tokens) masked."""
    with _lock:
        _secrets.update(s for s in secrets if s and len(s) >= 4)
        if _installed:
            return
        _installed.append(True)
        make = logging.getLogRecordFactory()

        def masked(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = make(*args, **kwargs)
            known = tuple(_secrets)
            try:
                message = record.getMessage()
            except Exception:  # a bad format string: leave it to the handler's own error path
                return record
            record.msg, record.args = scrub(message, known), None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = scrub(logging.Formatter().formatException(record.exc_info), known)
            return record

        logging.setLogRecordFactory(masked)
