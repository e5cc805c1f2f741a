"""Sending the note out: `export --format email` (a .eml per note, or one mbox) read back with
Python's `email` and `mailbox`, and `send` end to end against real SMTP servers started here
(aiosmtpd): plain, STARTTLS and implicit TLS with a self-signed certificate in
tests/fixtures (made for these tests only, for localhost and 127.0.0.1), a login, a refused
recipient, a server that hangs up and a port where nothing listens."""

from __future__ import annotations

import mailbox
import re
import socket
import ssl
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run, write_note
from weeknote.publish.sentlog import Send, sends, with_sends

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CERT, KEY = FIXTURES / "smtp-cert.pem", FIXTURES / "smtp-key.pem"
SENDER = "Ann Example <ann@example.org>"
BODY = (
    "- Met the #waste-team about the bins\n"
    "- Café ünïcode, 日本語 and a line long enough to be folded by quoted-printable "
    "encoding in any message that carries it\n\n"
    "From the start, a line an mbox would quote.\n\n"
    "<script>alert(1)</script>\n"
)


def message(data: bytes) -> EmailMessage:
    parsed = message_from_bytes(data, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def parts(msg: EmailMessage) -> dict[str, str]:
    found = {}
    for part in msg.iter_parts():
        assert isinstance(part, EmailMessage)
        # lines end CRLF in a .eml, as mail's do: compared as text
        found[part.get_content_type()] = part.get_content().replace("\r\n", "\n")
    return found


@pytest.fixture
def configured(run: Run) -> Callable[..., None]:
    def config(**values: str | int) -> None:
        for key, value in values.items():
            result = run("config", key.replace("__", "."), str(value))
            assert result.exit_code == 0, result.stderr

    config(email__from=SENDER)
    return config


@pytest.fixture
def notes(notes_dir: Path) -> Path:
    write_note(notes_dir, "2026-W46", BODY, title="Weeknote w/c 9 November: bins")
    write_note(notes_dir, "2026-W44", "Two weeks.\n", weeks=["2026-W43", "2026-W44"])
    return notes_dir


# -- export --format email -----------------------------------------------------------------


def test_each_note_is_a_message_with_its_markdown_and_its_site_article(
    run: Run, notes: Path, configured: Callable[..., None], tmp_path: Path
) -> None:
    result = run("export", "-f", "email", "-o", str(tmp_path / "mail"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "mail").iterdir()) == [
        ".weeknote-export",
        "2026-W44.eml",
        "2026-W46.eml",
    ]
    raw = (tmp_path / "mail" / "2026-W46.eml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # as mail is sent
    assert raw.isascii()
    msg = message(raw)
    assert msg["From"] == SENDER
    assert msg["Subject"] == "Weeknote w/c 9 November: bins"
    assert re.fullmatch(r"<2026-W46\.[0-9a-f]{12}\.weeknote@example\.org>", msg["Message-ID"])
    nine = datetime.combine(date(2026, 11, 9), time(9, 0)).astimezone()
    assert msg["Date"] == format_datetime(nine)
    assert msg["To"] is None
    assert msg.get_content_type() == "multipart/alternative"
    found = parts(msg)
    assert list(found) == ["text/plain", "text/html"]
    assert found["text/plain"] == f"# Weeknote w/c 9 November: bins\n\n{BODY}"

    run("export", "-f", "site", "-o", str(tmp_path / "site"))
    page = (tmp_path / "site" / "2026-W46.html").read_text()
    article = re.search(r"<article>.*?</article>\n", page, re.S)
    assert article
    # the same article, but for the site's tag links: a tag page is no place a mail can link to
    unlinked = re.sub(
        r'<a class="tag" href="[^"]*">(.*?)</a>', r'<span class="tag">\1</span>', article.group(0)
    )
    unlinked = re.sub(r'<a href="tag-[^"]*">(#.*?)</a>', r"\1", unlinked)
    assert unlinked in found["text/html"]
    assert 'href="tag-' not in found["text/html"]
    html = found["text/html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "<style>" in html  # its own CSS, in the message


def test_a_title_on_two_lines_is_a_subject_on_one(
    run: Run, notes: Path, configured: Callable[..., None]
) -> None:
    path = notes / "2026-W46.md"
    path.write_text(path.read_text().replace('title = "Weeknote', 'title = "Two\\nlines: Weeknote'))
    msg = message(run("export", "-f", "email", "--mbox").stdout.encode())
    assert msg["Subject"] == "Two lines: Weeknote w/c 9 November: bins"


def test_a_fortnight_is_dated_by_its_first_day_and_named_by_its_last_week(
    run: Run, notes: Path, configured: Callable[..., None], tmp_path: Path
) -> None:
    run("export", "-f", "email", "-o", str(tmp_path / "mail"))
    msg = message((tmp_path / "mail" / "2026-W44.eml").read_bytes())
    assert msg["Message-ID"].startswith("<2026-W44.")
    assert msg["Date"].datetime.date() == date(2026, 10, 19)


def test_re_export_rewrites_only_the_note_that_changed(
    run: Run, notes: Path, configured: Callable[..., None], tmp_path: Path
) -> None:
    out = tmp_path / "mail"
    run("export", "-f", "email", "-o", str(out))
    first = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("*.eml")}
    again = run("export", "-f", "email", "-o", str(out))
    assert "0 files written, 2 unchanged" in again.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("*.eml")} == first
    # The same notes make the same bytes from scratch: nothing depends on when it ran.
    run("export", "-f", "email", "-o", str(tmp_path / "other"))
    assert (tmp_path / "other" / "2026-W46.eml").read_bytes() == first["2026-W46.eml"][0]

    write_note(notes, "2026-W44", "Two weeks, edited.\n", weeks=["2026-W43", "2026-W44"])
    edited = run("export", "-f", "email", "-o", str(out))
    assert "1 file written, 1 unchanged" in edited.stderr
    assert (out / "2026-W46.eml").stat().st_mtime_ns == first["2026-W46.eml"][1]
    assert "Two weeks, edited." in parts(message((out / "2026-W44.eml").read_bytes()))["text/plain"]


def test_mbox_holds_every_message_newest_first(
    run: Run, notes: Path, configured: Callable[..., None], tmp_path: Path
) -> None:
    path = tmp_path / "notes.mbox"
    result = run("export", "-f", "email", "--mbox", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    box = mailbox.mbox(path)
    subjects = [each["Subject"] for each in box]
    assert subjects == ["Weeknote w/c 9 November: bins", "Weeknote 2026-W44"]
    first = message(box.get_bytes(0))
    assert parts(first)["text/plain"].endswith(BODY)  # "From the start" not quoted
    assert box.get_message(0).get_from().startswith("ann@example.org ")
    box.close()
    assert run("export", "-f", "email", "--mbox").stdout == path.read_text()


def test_email_needs_a_from_and_says_how_to_set_it(run: Run, notes: Path, tmp_path: Path) -> None:
    result = run("export", "-f", "email", "-o", str(tmp_path / "mail"))
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert 'weeknote config email.from "Name <me@example.org>"' in result.stderr
    assert not (tmp_path / "mail").exists()
    run("config", "email.from", "not an address")
    assert run("export", "-f", "email", "--mbox").exit_code == 3


def test_mbox_is_for_the_email_format(run: Run, notes: Path) -> None:
    result = run("export", "-f", "html", "--mbox")
    assert result.exit_code == 2 and "--mbox is for --format email" in result.stderr


# -- SMTP servers ----------------------------------------------------------------------------


@dataclass
class Recorder:
    """Takes every message, and refuses any recipient named nobody@."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


class Server(Controller):
    """aiosmtpd's threaded server on a port the system picks as it binds, so no other
    process (another test running beside this one) can take it first."""

    def __init__(self, handler: Any, **options: Any) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        port = self.listener.getsockname()[1]
        # start() returns once the server has answered a first connection; the wait it
        # allows for that is generous, for a machine busy with other work
        super().__init__(handler, hostname="127.0.0.1", port=port, ready_timeout=120, **options)

    def _create_server(self) -> Any:
        return self.loop.create_server(
            self._factory_invoker, sock=self.listener, ssl=self.ssl_context
        )


def server_context() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    return context


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"ann", b"right")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp() -> Iterator[Callable[..., tuple[Recorder, int]]]:
    """smtp(**options) -> (recorder, port) of a server that runs until the test ends."""
    running: list[Controller] = []

    def start(**options: Any) -> tuple[Recorder, int]:
        recorder = Recorder()
        controller = Server(recorder, **options)
        controller.start()
        running.append(controller)
        return recorder, controller.port

    yield start
    for controller in running:
        controller.stop()


@pytest.fixture
def hang_up() -> Iterator[int]:
    """The port of a server that accepts each connection and closes it at once."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    done.set()
    socket.create_connection(listener.getsockname()).close()  # wakes the accept to see done
    thread.join()
    listener.close()


@pytest.fixture
def nothing_listens() -> Iterator[int]:
    """A port held by a socket that is bound and never listens: a connection to it is
    refused, and no other process can start listening there while the test runs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")


def front(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text().split("+++\n")[1])


def body(path: Path) -> str:
    return path.read_text().split("+++\n", 2)[2]


def one_line_error(result: Any, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr


@pytest.mark.usefixtures("today")
def test_send_delivers_the_note_and_records_it_in_the_front_matter(
    run: Run, notes: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    recorder, port = smtp()
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="none")
    path = notes / "2026-W46.md"
    before = body(path)
    result = run("send", "2026-W46", "--to", "Bo <bo@example.org>")
    assert result.exit_code == 0, result.stderr
    assert "to Bo <bo@example.org> through 127.0.0.1:" in result.stderr
    [(mail_from, rcpt, data)] = recorder.received
    assert (mail_from, rcpt) == ("ann@example.org", ["bo@example.org"])
    msg = message(data)
    assert msg["To"] == "Bo <bo@example.org>" and msg["Subject"] == "Weeknote w/c 9 November: bins"
    exported = run("export", "-f", "email", "--mbox").stdout
    assert f"Message-ID: {msg['Message-ID']}" in exported  # the note's message, as exported
    assert parts(msg)["text/plain"].endswith(BODY)
    assert body(path) == before  # the note's text as it was
    [sent] = front(path)["sent"]
    assert sent["to"] == "Bo <bo@example.org>" and sent["date"].date() == date(2026, 11, 20)
    assert run("show", "2026-W46").exit_code == 0


@pytest.mark.usefixtures("today")
def test_without_a_week_the_newest_note_up_to_this_week_is_sent(
    run: Run, notes: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    write_note(notes, "2026-W49", "Written ahead.\n")  # a week not begun
    recorder, port = smtp()
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="none")
    result = run("send", "--to", "bo@example.org")
    assert result.exit_code == 0, result.stderr
    assert "the newest note" in result.stderr and "2026-W46" in result.stderr
    assert message(recorder.received[0][2])["X-Weeknote-Week"] == "2026-W46"


@pytest.mark.usefixtures("today")
def test_a_second_send_to_the_same_address_needs_again(
    run: Run, notes: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    recorder, port = smtp()
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="none")
    path = notes / "2026-W46.md"
    assert run("send", "2026-W46", "--to", "bo@example.org").exit_code == 0
    sent_once = path.read_bytes()
    refused = run("send", "2026-W46", "--to", "BO@example.org", "--to", "cy@example.org")
    one_line_error(refused, 6, "already sent to bo@example.org on 2026-11-20", "--again")
    assert path.read_bytes() == sent_once and len(recorder.received) == 1
    again = run("send", "2026-W46", "--to", "bo@example.org", "--again")
    assert again.exit_code == 0, again.stderr
    first, second = (message(data)["Message-ID"] for _, _, data in recorder.received)
    assert second == first.replace(".weeknote@", ".2.weeknote@") and second != first
    assert [each["to"] for each in front(path)["sent"]] == ["bo@example.org"] * 2


@pytest.mark.usefixtures("today")
def test_a_refused_recipient_is_one_line_and_leaves_the_note(
    run: Run, notes: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    recorder, port = smtp()
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="none")
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    result = run("send", "2026-W46", "--to", "nobody@example.org")
    one_line_error(result, 10, f"127.0.0.1:{port} refused nobody@example.org (550 5.1.1")
    assert path.read_bytes() == before and recorder.received == []
    # One refused of two: the other is sent, and only it is recorded.
    mixed = run("send", "2026-W46", "--to", "nobody@example.org", "--to", "bo@example.org")
    assert mixed.exit_code == 10
    said, error = mixed.stderr.splitlines()
    assert said.startswith("Sent ") and "to bo@example.org" in said
    assert error.startswith("Error: sent to bo@example.org, but") and "nobody@" in error
    assert [each["to"] for each in front(path)["sent"]] == ["bo@example.org"]


@pytest.mark.usefixtures("today")
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_bad_login_is_one_line_and_the_password_comes_from_the_environment(
    run: Run,
    notes: Path,
    configured: Callable[..., None],
    smtp: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    config_file: Path,
) -> None:
    recorder, port = smtp(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    configured(
        smtp__host="127.0.0.1",
        smtp__port=port,
        smtp__security="none",
        smtp__user="ann",
        smtp__password_env="MAIL_PASS",
    )
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    dry = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    assert dry.exit_code == 0 and "To send it: smtp.user is 'ann' but $MAIL_PASS" in dry.stderr
    missing = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(missing, 10, "$MAIL_PASS holds no password", "smtp.password_command")
    monkeypatch.setenv("MAIL_PASS", "wrong")
    bad = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(bad, 10, f"127.0.0.1:{port} refused the login as 'ann' (535", "$MAIL_PASS")
    assert path.read_bytes() == before and recorder.received == []
    monkeypatch.setenv("MAIL_PASS", "right")
    assert run("send", "2026-W46", "--to", "bo@example.org").exit_code == 0
    assert len(recorder.received) == 1
    assert "right" not in config_file.read_text() and "wrong" not in config_file.read_text()


@pytest.mark.usefixtures("today")
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_password_can_come_from_a_command(
    run: Run,
    notes: Path,
    configured: Callable[..., None],
    smtp: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    config_file: Path,
) -> None:
    recorder, port = smtp(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    # a password manager's command, run by the shell: its first line is the password
    store = tmp_path / "vault"
    store.write_text("right\nuser: ann\n")
    asked = tmp_path / "asked"
    configured(
        smtp__host="127.0.0.1",
        smtp__port=port,
        smtp__security="none",
        smtp__user="ann",
        smtp__password_env="MAIL_PASS",
        smtp__password_command=f"echo asked >> '{asked}'; cat '{store}' | head -n 2",
    )
    monkeypatch.delenv("MAIL_PASS", raising=False)
    dry = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    assert dry.exit_code == 0 and "To send it" not in dry.stderr, dry.stderr
    assert not asked.exists()  # a dry run asks for no password
    sent = run("send", "2026-W46", "--to", "bo@example.org")
    assert sent.exit_code == 0, sent.stderr
    assert len(recorder.received) == 1 and asked.read_text() == "asked\n"
    assert "right" not in config_file.read_text()
    # the environment, when it holds a password, is read first (as it beats the file)
    monkeypatch.setenv("MAIL_PASS", "wrong")
    bad = run("send", "2026-W46", "--to", "cy@example.org")
    one_line_error(bad, 10, "refused the login as 'ann' (535", "$MAIL_PASS")
    assert asked.read_text() == "asked\n"
    monkeypatch.delenv("MAIL_PASS")
    store.write_text("wrong\n")
    bad = run("send", "2026-W46", "--to", "cy@example.org")
    one_line_error(bad, 10, "refused the login as 'ann' (535", "smtp.password_command")


@pytest.mark.usefixtures("today")
@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("echo 'gpg: decryption failed: No secret key' >&2; exit 2", ["failed (exit 2: gpg: "]),
        ("no-such-password-tool-here", ["failed (exit 127: ", "not found"]),
        ("printf '\\n'", ["printed no password"]),
        ("true", ["printed no password"]),
    ],
)
def test_a_password_command_that_fails_is_one_line(
    run: Run,
    notes: Path,
    configured: Callable[..., None],
    command: str,
    words: list[str],
    nothing_listens: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WEEKNOTE_SMTP_PASSWORD", raising=False)
    configured(
        smtp__host="127.0.0.1",
        smtp__port=nothing_listens,
        smtp__user="ann",
        smtp__password_command=command,
    )
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    result = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(result, 10, "smtp.password_command (", *words)
    assert "Traceback" not in result.stderr and path.read_bytes() == before


@pytest.mark.usefixtures("today")
def test_a_server_that_hangs_up_or_is_not_there_is_one_line(
    run: Run, notes: Path, configured: Callable[..., None], hang_up: int, nothing_listens: int
) -> None:
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    configured(smtp__host="127.0.0.1", smtp__port=hang_up, smtp__security="none")
    dropped = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(dropped, 10, f"127.0.0.1:{hang_up} closed the connection")
    configured(smtp__port=nothing_listens)
    refused = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(refused, 10, "connection refused", "smtp.port")
    assert path.read_bytes() == before


@pytest.fixture
def silent() -> Iterator[int]:
    """The port of a server that takes connections (the system's queue does) and never
    says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.usefixtures("today")
@pytest.mark.parametrize("security", ["none", "starttls", "tls"])
def test_a_server_that_never_answers_is_named_as_a_timeout(
    run: Run,
    notes: Path,
    configured: Callable[..., None],
    silent: int,
    monkeypatch: pytest.MonkeyPatch,
    security: str,
) -> None:
    from weeknote.publish import send

    monkeypatch.setattr(send, "TIMEOUT", 0.25)  # the wait is the server's silence, not luck
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    configured(smtp__host="127.0.0.1", smtp__port=silent, smtp__security=security)
    result = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(result, 10, f"127.0.0.1:{silent} did not answer within 0.25 seconds: ")
    assert "closed the connection" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.usefixtures("today")
def test_starttls_and_implicit_tls_with_a_trusted_certificate(
    run: Run,
    notes: Path,
    configured: Callable[..., None],
    smtp: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(CERT))  # what ssl's default context trusts
    recorder, port = smtp(tls_context=server_context(), require_starttls=True)
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="starttls")
    result = run("send", "2026-W46", "--to", "bo@example.org")
    assert result.exit_code == 0, result.stderr
    assert len(recorder.received) == 1
    secure, tls_port = smtp(ssl_context=server_context())
    configured(smtp__port=tls_port, smtp__security="tls")
    assert run("send", "2026-W46", "--to", "cy@example.org").exit_code == 0
    assert len(secure.received) == 1
    # Implicit TLS to a server that speaks plain SMTP, and STARTTLS to one that offers none
    _, plain = smtp()
    configured(smtp__port=plain)
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    one_line_error(run("send", "2026-W46", "--to", "dee@example.org"), 10, "TLS with 127.0.0.1")
    configured(smtp__security="starttls")
    no_tls = run("send", "2026-W46", "--to", "dee@example.org")
    one_line_error(no_tls, 10, "does not offer STARTTLS")
    assert path.read_bytes() == before


@pytest.mark.usefixtures("today")
def test_an_untrusted_certificate_is_a_tls_failure(
    run: Run, notes: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    _, port = smtp(tls_context=server_context(), require_starttls=True)
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="starttls")
    result = run("send", "2026-W46", "--to", "bo@example.org")
    one_line_error(result, 10, "TLS with 127.0.0.1", "certificate")


@pytest.mark.usefixtures("today")
def test_dry_run_prints_the_message_and_sends_nothing(
    run: Run, notes: Path, configured: Callable[..., None]
) -> None:
    path = notes / "2026-W46.md"
    before = path.read_bytes()
    result = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    assert result.exit_code == 0, result.stderr
    msg = message(result.stdout.encode())
    assert msg["To"] == "bo@example.org" and parts(msg)["text/plain"].endswith(BODY)
    assert "nothing was sent" in result.stderr and "smtp.host is not set" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.usefixtures("today")
def test_send_refuses_a_week_with_no_note_and_a_bad_address(
    run: Run, notes: Path, configured: Callable[..., None]
) -> None:
    one_line_error(run("send", "2026-W45", "--to", "bo@example.org"), 1, "no note covers 2026-W45")
    one_line_error(run("send", "--to", "bo"), 2, "--to 'bo' is not one email address")
    # nothing a header could be smuggled through, and no address quietly dropped
    for text in ("bo@example.org\r\nBcc: cy@example.org", "bo@example.org, cy@example.org"):
        one_line_error(run("send", "--to", text), 2, "is not one email address")
    one_line_error(run("send", "2026-W46"), 2, "--to")


@pytest.mark.usefixtures("today")
def test_a_sent_key_of_another_shape_is_named_and_left_alone(
    run: Run, notes: Path, configured: Callable[..., None]
) -> None:
    path = notes / "2026-W46.md"
    path.write_text(path.read_text().replace("+++\n\n", 'sent = "yes"\n+++\n\n', 1))
    before = path.read_bytes()
    result = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    one_line_error(result, 4, "2026-W46.md: front matter 'sent' must be a list such as")
    assert path.read_bytes() == before


# -- the record in the front matter ----------------------------------------------------------

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_recording_changes_only_the_sent_line() -> None:
    text = (
        '+++\r\ntitle = "T"\r\nweek = "2026-W47"\r\nmood = "good"  # a comment\r\n'
        '[meta]\r\nsource = "blog"\r\n+++\r\n\r\nBody\r\n+++\r\nnot front matter\r\n'
    )
    once = with_sends(text, "n.md", "2026-W47", [Send("a@b.org", AT)])
    assert once.endswith("\r\n\r\nBody\r\n+++\r\nnot front matter\r\n")
    assert 'mood = "good"  # a comment\r\n[meta]\r\nsource = "blog"\r\n' in once
    twice = with_sends(once, "n.md", "2026-W47", [Send("c@d.org", AT)])
    assert twice.count("sent = ") == 1
    from weeknote.folder.note import parse

    note = parse(twice, "n.md")
    assert [each.to for each in sends(note, "n.md")] == ["a@b.org", "c@d.org"]
    assert note.extra["meta"] == {"source": "blog"}
    assert note.body == "Body\r\n+++\r\nnot front matter\r\n"


def test_a_sent_list_over_several_lines_is_replaced_whole() -> None:
    text = (
        '+++\ntitle = "T"\nweek = "2026-W47"\nsent = [\n'
        '    { to = "a@b.org", date = 2026-11-20T09:30:00Z },\n]\ntags = ["x"]\n+++\n\nBody\n'
    )
    updated = with_sends(text, "n.md", "2026-W47", [Send("c@d.org", AT)])
    assert updated.endswith('tags = ["x"]\n+++\n\nBody\n')
    assert 'sent = [{to = "a@b.org", date = 2026-11-20T09:30:00Z}, {to = "c@d.org"' in updated


def test_a_note_written_by_hand_keeps_its_title_and_text() -> None:
    text = "# My own title\n\nWritten by hand.\n"
    updated = with_sends(text, "2026-W47.md", "2026-W47", [Send("a@b.org", AT)])
    assert updated.endswith("+++\n\n" + text)
    from weeknote.folder.note import parse

    assert parse(updated, "2026-W47.md", "2026-W47").title == "My own title"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_the_body_is_kept_byte_for_byte(text: str) -> None:
    note = f'+++\ntitle = "T"\nweek = "2026-W47"\n+++\n\n{text}'
    updated = with_sends(note, "n.md", "2026-W47", [Send("a@b.org", AT)])
    assert updated.endswith(f"+++\n\n{text}")


@pytest.mark.usefixtures("today")
def test_a_title_with_controls_and_a_line_break_is_said_on_one_line_and_mailed_clean(
    run: Run, notes_dir: Path, configured: Callable[..., None], smtp: Callable[..., Any]
) -> None:
    coder = "\U0001f469\u200d\U0001f4bb"  # an emoji made with a joiner: it stays
    title = f"Weeknote\r\nBcc: eve@example.org \x1b]0;PWNED\x07\x1b[2J \u202eevil {coder}"
    write_note(notes_dir, "2026-W46", "Bins \x1b]52;c;eA==\x07 day.\x00\n", title=title)
    recorder, port = smtp()
    configured(smtp__host="127.0.0.1", smtp__port=port, smtp__security="none")
    dry = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    sent = run("send", "2026-W46", "--to", "bo@example.org")
    for result in (dry, sent):
        assert result.exit_code == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if "Weeknote" in line]
        assert len(said) == 1, result.stderr  # the title did not start a line of its own
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stderr)
        assert coder in said[0]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", dry.stdout)
    [(_, rcpt, data)] = recorder.received
    assert rcpt == ["bo@example.org"]  # no Bcc from the title
    msg = message(data)
    assert msg["Bcc"] is None
    assert msg["Subject"] == f"Weeknote Bcc: eve@example.org ]0;PWNED[2J \u202eevil {coder}"
    for text in parts(msg).values():
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text.replace("\t", " "))
        assert "Bins ]52;c;eA== day." in text
