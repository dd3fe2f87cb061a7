"""Service settings (limits, pool size, the access token, read from the environment) and the checks
``serve`` makes before it starts: no misspelt ``COALTEXT_*`` variable, an address it can listen on.

Every value has a safe default; ``COALTEXT_*`` environment variables override them and keyword
arguments to :func:`api.create_app` / :func:`api.serve` override both.
"""

from __future__ import annotations

import difflib
import errno
import ipaddress
import os
import socket
from dataclasses import dataclass, field, fields, replace

from coaltext.errors import CoaltextError
from coaltext.ingest import MAX_MEETING_CHARS

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class ConfigError(CoaltextError):
    """The service was started with settings it refuses to run with."""

    code = "bad_config"
    http_status = 500


# Every COALTEXT_* variable anything in coaltext reads: the service's settings (below), and the
# variables of the library, the tests and the corpora loaders, which a service shares an
# environment with. A name not listed is a typo ("COALTEXT_WORKER") that would be ignored.
SETTING_VARIABLES = (
    "COALTEXT_MAX_UPLOAD_MB",
    "COALTEXT_MAX_PAGES",
    "COALTEXT_TIMEOUT_S",
    "COALTEXT_MAX_MEETING_CHARS",
    "COALTEXT_WORKERS",
    "COALTEXT_QUEUE",
    "COALTEXT_UPLOAD_IDLE_S",
    "COALTEXT_UPLOAD_TIMEOUT_S",
    "COALTEXT_API_TOKEN",
)
OTHER_VARIABLES = (
    "COALTEXT_DEBUG",  # the CLI: tracebacks
    "COALTEXT_CLAUSE_MODEL",  # classify/engine.py
    "COALTEXT_MINUTES_MODEL",  # structure/minutes_model.py
    "COALTEXT_STANCE_MODEL",  # structure/minutes_model.py
    "COALTEXT_CORPORA",  # corpora/ loaders
    "COALTEXT_CHROMIUM",  # tests/api/test_browser.py
)


def check_environment(environ=None) -> None:
    """Refuse a ``COALTEXT_*`` variable no part of coaltext reads: a misspelt setting
    (``COALTEXT_TIMEOUT=5``) would otherwise be ignored and the default used without a word."""
    environ = os.environ if environ is None else environ
    known = (*SETTING_VARIABLES, *OTHER_VARIABLES)
    unknown = sorted(k for k in environ if k.upper().startswith("COALTEXT_") and k not in known)
    if not unknown:
        return
    said = []
    for name in unknown:
        close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.6)
        said.append(f"{name} (did you mean {close[0]}?)" if close else name)
    raise ConfigError(
        f"unknown environment variable{'s' if len(unknown) > 1 else ''} {', '.join(said)}; "
        f"the service reads {', '.join(SETTING_VARIABLES)}"
    )


def _env_float(name: str, default: float | None) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def _env_int(name: str, default: int) -> int:
    value = _env_float(name, default)
    return int(value) if value is not None else default


@dataclass(frozen=True)
class Settings:
    """What the service allows and how much work it takes on at once.

    ``workers`` analyses run at the same time; up to ``queue`` more wait for a worker; anything
    beyond that gets 503 ``busy`` at once. ``timeout_s`` bounds parsing (cooperatively, inside
    ingest) and the whole analysis of one request once a worker has started it; a request that
    waits longer than ``timeout_s`` for a free worker also gets 503 ``busy``.
    """

    max_upload_mb: float = 25.0
    max_pages: int = 500
    timeout_s: float = 60.0
    # the most characters of minutes or a transcript read (``Limits.max_meeting_chars``)
    max_meeting_chars: int = MAX_MEETING_CHARS
    workers: int = 2
    queue: int = 16
    max_goals: int = 500
    # A request body must keep coming: no bytes for upload_idle_s, or the whole body taking longer
    # than upload_timeout_s, is answered 408 upload_timeout and its buffer dropped.
    upload_idle_s: float = 30.0
    upload_timeout_s: float = 120.0
    token: str | None = field(default=None, repr=False)
    warm_up: bool = True
    # Host names the service answers to (None: any). ``serve`` on loopback sets the loopback
    # names, so a web page that rebinds its own DNS name to 127.0.0.1 cannot read the reports.
    allowed_hosts: tuple[str, ...] | None = None

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        base = cls(
            max_upload_mb=_env_float("COALTEXT_MAX_UPLOAD_MB", cls.max_upload_mb),
            max_pages=_env_int("COALTEXT_MAX_PAGES", cls.max_pages),
            timeout_s=_env_float("COALTEXT_TIMEOUT_S", cls.timeout_s),
            max_meeting_chars=_env_int("COALTEXT_MAX_MEETING_CHARS", cls.max_meeting_chars),
            workers=_env_int("COALTEXT_WORKERS", cls.workers),
            queue=_env_int("COALTEXT_QUEUE", cls.queue),
            upload_idle_s=_env_float("COALTEXT_UPLOAD_IDLE_S", cls.upload_idle_s),
            upload_timeout_s=_env_float("COALTEXT_UPLOAD_TIMEOUT_S", cls.upload_timeout_s),
            token=os.environ.get("COALTEXT_API_TOKEN") or None,
        )
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given).checked()

    def checked(self) -> Settings:
        if min(self.max_upload_mb, self.max_pages, self.timeout_s, self.upload_idle_s, self.upload_timeout_s,
               self.max_meeting_chars) <= 0:
            raise ConfigError("upload size, page, meeting size and time limits must be positive")
        if self.workers < 1 or self.queue < 0:
            raise ConfigError("workers must be at least 1 and queue at least 0")
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the API token must be at least 16 characters long")
        return self

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def can_listen(host: str, port: int) -> None:
    """Bind (host, port) as the server will, and let go: a port in use is a clear ``bad_config``
    before any model loads, not uvicorn's log line and exit 3 once the lifespan has started.

    An address whose family this machine lacks (IPv6 on a kernel without it: ``socket()`` fails
    with EAFNOSUPPORT) is skipped, as asyncio's ``create_server`` skips it; where that leaves no
    address at all, the server would listen on nothing, so that is a ``bad_config`` too."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if not 0 <= port <= 65535:  # bind() would raise OverflowError, not OSError
        raise ConfigError(f"cannot listen on {where}: a port is a number from 1 to 65535")
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {where}: {host!r} is not a known host name ({exc.strerror})") from None
    except OSError as exc:
        raise ConfigError(f"cannot listen on {where}: {exc.strerror or exc}") from None
    missing: set[str] = set()
    bound = 0
    for family, kind, proto, _, address in addresses:
        try:
            probe = socket.socket(family, kind, proto)
        except OSError:
            missing.add("IPv6" if family == socket.AF_INET6 else "IPv4" if family == socket.AF_INET else str(family))
            continue
        with probe:
            try:
                # as asyncio's create_server does, so the probe fails exactly where the server would
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                probe.bind(address)
            except OSError as exc:
                not_here = f"{host} is not an address of this machine"
                if family == socket.AF_INET6:
                    not_here += " (or IPv6 is turned off here)"
                why = {
                    errno.EADDRINUSE: "the port is in use (is coaltext already serving there?); stop that "
                    "server or choose another --port",
                    errno.EACCES: "permission denied (ports below 1024 need privileges); choose a port above 1023",
                    errno.EADDRNOTAVAIL: not_here,
                }.get(exc.errno, exc.strerror or str(exc))
                raise ConfigError(f"cannot listen on {where}: {why}") from None
        bound += 1
    if not bound:
        raise ConfigError(
            f"cannot listen on {where}: this machine has no {' or '.join(sorted(missing)) or 'address for it'} "
            "(its kernel refuses such sockets); choose --host 127.0.0.1, or 0.0.0.0 for every IPv4 address"
        )
