"""`weeknote send`: one note as an email through an SMTP server, and the send recorded in
the note's front matter (``weeknote.publish.sentlog``).

Each recipient gets a message of their own (To: them alone), over one connection. A send is
recorded only after the server accepted it, so a failure leaves the note as it was; when
some recipients were sent to before a failure, those are recorded and the failure is still
an error. The password comes from the environment variable config ``smtp.password_env``
names, or from the first line ``smtp.password_command`` prints, and is never written
anywhere.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from weeknote.errors import (
    ConfigError,
    ConflictError,
    NoteError,
    NotFoundError,
    SendError,
    UsageError,
    WeeknoteError,
)
from weeknote.folder.index import NOTE_NAME
from weeknote.folder.store import Store, write_atomic
from weeknote.publish import message as mail
from weeknote.publish.formats.model import Item
from weeknote.publish.sentlog import Send, sends, with_sends
from weeknote.weeks.week import Week

PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 30.0  # seconds to wait for the server at each step


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str
    user: str = ""
    password: str = field(default="", repr=False)
    password_env: str = ""
    password_command: str = ""
    password_from: str = ""  # where the password came from, for messages: $VAR or the command

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def server(config: Any) -> Server:
    """The SMTP server from config ``smtp.*``, without its password (see ``logged_in``)."""
    if not config.smtp_host.strip():
        raise ConfigError(
            "smtp.host is not set, so there is no mail server to send through: "
            "set it with: weeknote config smtp.host smtp.example.org"
        )
    security = config.smtp_security.lower()
    port = config.smtp_port or PORTS[security]
    return Server(
        config.smtp_host.strip(),
        port,
        security,
        config.smtp_user,
        password_env=config.smtp_password_env,
        password_command=config.smtp_password_command.strip(),
    )


def no_password(server: Server, environ: Mapping[str, str]) -> str | None:
    """Why ``server`` cannot log in, without running anything (for a dry run): None when it
    needs no password, has one in the environment or a command to ask."""
    if not server.user or server.password_command:
        return None
    if server.password_env and environ.get(server.password_env, ""):
        return None
    return _missing(server).message


def _missing(server: Server) -> SendError:
    variable = server.password_env
    return SendError(
        f"smtp.user is {server.user!r} but ${variable or '(none)'} holds no password: set it "
        f"in the environment (export {variable or 'NAME'}=…) or set smtp.password_command "
        "(e.g. 'pass show mail'); weeknote never stores it"
    )


def logged_in(server: Server, environ: Mapping[str, str]) -> Server:
    """``server`` with its password, when it has a user: the environment variable
    ``smtp.password_env`` names, if it holds one (the environment beats the config file, as
    for every key), else the first line ``smtp.password_command`` prints, run by the shell
    as git's credential helpers and mutt's commands are. A SendError when there is none."""
    if not server.user:
        return server
    password = environ.get(server.password_env, "") if server.password_env else ""
    source = f"${server.password_env}"
    if not password and server.password_command:
        password = _run_password_command(server.password_command, environ)
        source = "smtp.password_command"
    if not password:
        raise _missing(server)
    return replace(server, password=password, password_from=source)


def _run_password_command(command: str, environ: Mapping[str, str]) -> str:
    """The first line of what ``sh -c command`` prints; its own words on stderr are kept
    for the one line said when it fails. Its standard input is left to it: a password
    manager may ask for its own passphrase on the terminal."""
    import subprocess

    said = f"smtp.password_command ({command!r})"
    try:
        done = subprocess.run(["sh", "-c", command], capture_output=True, env=environ)
    except OSError as exc:
        raise SendError(f"{said} could not be run ({exc.strerror or exc})") from None
    words = done.stderr.decode("utf-8", "replace").strip().splitlines()
    why = f": {' '.join(words[-1].split())}" if words else ""
    if done.returncode != 0:
        raise SendError(
            f"{said} failed (exit {done.returncode}{why}): check that it prints the password "
            "when run in a shell"
        )
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    password = lines[0].rstrip("\r") if lines else ""
    if not password:
        raise SendError(
            f"{said} printed no password on its first line: check that it prints the "
            "password when run in a shell"
        )
    return password


@dataclass(frozen=True)
class Outgoing:
    """A note ready to send: its item, its file, the earlier sends and a message for each
    recipient."""

    item: Item
    path: Path
    sender: str
    chosen: bool  # picked as the newest note, not named
    earlier: tuple[Send, ...]
    messages: tuple[tuple[str, EmailMessage], ...]


def _entry(store: Store, week: Week | None, this_week: Week) -> Any:
    if week is not None:
        store.note_for(week)  # says why there is none
        return store.find(week)
    entries = [entry for entry in store.scan() if entry.weeks[0] <= this_week.id]
    if not entries:
        raise NotFoundError(
            f"no note to send in {store.root} up to {this_week.id}: "
            "write one with: weeknote new (or name the WEEK to send)"
        )
    return max(entries, key=lambda entry: (entry.week, entry.name))


def prepare(
    store: Store,
    week: Week | None,
    to: Sequence[str],
    *,
    email_from: str,
    base_url: str = "",
    this_week: Week,
    again: bool,
    now: datetime,
) -> Outgoing:
    """The note covering ``week`` (else the newest up to ``this_week``) as a message to
    each of ``to``; refused if it was sent to one of them before, unless ``again``. With
    ``base_url`` (config site.base_url), each message links to the note's page there."""
    from weeknote.publish.export import base_url as checked_base_url
    from weeknote.publish.export import slugs

    recipients: dict[str, str] = {}
    for text in to:
        address = mail.recipient(text)
        recipients.setdefault(mail.bare(address), address)
    if not recipients:
        raise UsageError("name who to send it to: --to ann@example.org (one or more)")
    sender = mail.sender(email_from)
    site = checked_base_url(base_url, "config site.base_url")
    entry = _entry(store, week, this_week)
    path = store.path_of(entry)
    note, _ = store.read_note(path)
    earlier = tuple(sends(note, str(path)))
    item = Item(entry, note, slugs(store.scan())[entry.name])
    page = mail.page_url(item, site)
    before: dict[str, list[Send]] = {}
    for each in earlier:
        before.setdefault(mail.bare(each.to), []).append(each)
    repeated = [bare for bare in recipients if bare in before]
    if repeated and not again:
        shown = ", ".join(f"{bare} on {before[bare][-1].day.isoformat()}" for bare in repeated)
        raise ConflictError(
            f'{entry.week} ("{note.title}") was already sent to {shown}: '
            "add --again to send it again"
        )
    when = now.astimezone()
    messages = tuple(
        (
            address,
            mail.message(
                item,
                sender,
                when=when,
                identity=mail.message_id(item, sender, len(before.get(bare, ()))),
                to=[address],
                page=page,
            ),
        )
        for bare, address in recipients.items()
    )
    return Outgoing(item, path, sender, week is None, earlier, messages)


@dataclass(frozen=True)
class Delivery:
    server: Server
    sent: tuple[Send, ...]
    failure: SendError | None = None

    def check(self) -> None:
        if self.failure is not None:
            raise self.failure


def _connect(server: Server, timeout: float) -> smtplib.SMTP:
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if server.security == "tls":
        client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        if server.security == "starttls":
            client.ehlo()
            if not client.has_extn("starttls"):
                raise SendError(
                    f"{server.where} does not offer STARTTLS: set smtp.security to tls "
                    "(port 465) or, on a trusted network only, none"
                )
            client.starttls(context=context)
            client.ehlo()
        if server.user:
            client.login(server.user, server.password)
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        with contextlib.suppress(OSError):
            client.close()


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()


def _timed_out(exc: BaseException) -> bool:
    """A wait for the server that ran out: smtplib reports a reply that never came as the
    connection closing, with the timeout as its cause."""
    if isinstance(exc, TimeoutError):
        return True
    return isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
        exc.__cause__ or exc.__context__, TimeoutError
    )


def failure(
    server: Server, exc: BaseException, sender: str = "", timeout: float = TIMEOUT
) -> SendError:
    """One line for what went wrong talking to ``server``."""
    where = server.where
    if isinstance(exc, SendError):
        return exc
    if _timed_out(exc):
        return SendError(
            f"{where} did not answer within {timeout:g} seconds: check smtp.host, smtp.port "
            "and smtp.security (tls for 465, starttls for 587), and the network"
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError(
            f"{where} refused the login as {server.user!r} ({_reply(exc)}): check smtp.user "
            f"and the password in {server.password_from}"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(
            f"{where} does not offer a login ({exc}): check smtp.security (a server may "
            "offer one only after starttls), or unset smtp.user"
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SendError(f"{where} refused the sender {sender} ({_reply(exc)}): check email.from")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(
            f"{where} closed the connection before the message was sent: check smtp.port "
            "and smtp.security (tls for 465, starttls for 587)"
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendError(f"{where} refused the message ({_reply(exc)})")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc
        return SendError(
            f"TLS with {where} failed ({reason}): check smtp.security (tls for 465, starttls "
            "for 587) and smtp.host"
        )
    if isinstance(exc, ConnectionRefusedError):
        return SendError(
            f"cannot connect to {where}: connection refused; check smtp.host and smtp.port"
        )
    if isinstance(exc, socket.gaierror):
        return SendError(f"no mail server {server.host!r} found ({exc.strerror}): check smtp.host")
    if isinstance(exc, OSError):
        return SendError(f"cannot reach {where} ({exc.strerror or exc}): check smtp.host")
    return SendError(f"sending through {where} failed ({exc})")


_CAUGHT = (smtplib.SMTPException, OSError, SendError)


def deliver(
    server: Server, outgoing: Outgoing, now: datetime, timeout: float | None = None
) -> Delivery:
    """Send each message; what was accepted, and the first failure if any (a recipient the
    server refuses does not stop the others). ``timeout``: TIMEOUT unless given."""
    timeout = TIMEOUT if timeout is None else timeout
    envelope = mail.bare(outgoing.sender)
    try:
        client = _connect(server, timeout)
    except _CAUGHT as exc:
        return Delivery(server, (), failure(server, exc, timeout=timeout))
    sent: list[Send] = []
    refused: list[str] = []
    problem: SendError | None = None
    try:
        for address, message in outgoing.messages:
            try:
                client.send_message(message, from_addr=envelope, to_addrs=[mail.bare(address)])
            except smtplib.SMTPRecipientsRefused as exc:
                reasons = [
                    _reply(smtplib.SMTPResponseException(code, reply))
                    for code, reply in exc.recipients.values()
                ]
                refused.append(f"{mail.bare(address)} ({'; '.join(reasons)})")
                continue
            sent.append(Send(address, now))
    except _CAUGHT as exc:
        problem = failure(server, exc, envelope, timeout)
    finally:
        _close(client)
    if problem is None and refused:
        done = f"sent to {', '.join(mail.bare(s.to) for s in sent)}, but " if sent else ""
        problem = SendError(f"{done}{server.where} refused {', '.join(refused)}: check the address")
    elif problem is not None and sent:
        problem = SendError(
            f"sent to {', '.join(mail.bare(s.to) for s in sent)}, then: {problem.message}"
        )
    return Delivery(server, tuple(sent), problem)


def record(store: Store, outgoing: Outgoing, sent: Sequence[Send]) -> None:
    """Add ``sent`` to the note's front matter, read again now (it may have been edited
    while the message went), changing nothing else of the file."""
    path = outgoing.path
    try:
        text = store.read(path, "note")
        match = NOTE_NAME.fullmatch(path.name)
        updated = with_sends(text, str(path), match.group(1) if match else None, sent)
        write_atomic(path, updated, overwrite=True)
        store.written.append(path)
    except WeeknoteError as exc:
        went = ", ".join(mail.bare(each.to) for each in sent)
        raise NoteError(f"sent to {went}, but not recorded: {exc.message}") from None
    store.forget_scan()


def send_one(config: Any, environ: Mapping[str, str], message: EmailMessage) -> Server:
    """One message (a reminder to oneself) through the server ``send`` uses, with its
    password from the same place (``logged_in``); a SendError says what went wrong."""
    through = logged_in(server(config), environ)
    envelope = mail.bare(str(message["From"]))
    try:
        client = _connect(through, TIMEOUT)
        try:
            client.send_message(message, from_addr=envelope)
        finally:
            _close(client)
    except _CAUGHT as exc:
        raise failure(through, exc, envelope) from None
    return through
