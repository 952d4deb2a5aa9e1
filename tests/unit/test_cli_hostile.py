"""Hostile input for every command: the command line answers with one line, never a traceback.

Issue 12, item 7 (and item 2 from the other side): hypothesis draws passphrase files
(byte-order marks, CRLF, UTF-16, stray bytes, sizes), environment values that are not
UTF-8, ids beyond SQLite's 64 bits, dates from the whole calendar and malformed ones,
oversized and non-UTF-8 texts, and output paths into and around vault folders (links,
``..``, names too long, control characters). Each case runs ``main(argv)`` in-process and
must end with an exit code, no ``Traceback``, within a time cap; a failed command leaves
the vault's files byte for byte as they were, and a refused path writes no file.

The whole file runs in about a minute: most cases fail before a vault is unlocked, and
each unlock costs half a second of Argon2id.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.cli.export import EXIT_MODIFIED
from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.services.validation import TEXT_LIMIT
from coachdesk.vault.store import DB_NAME, SLOTS_NAME, Vault
from tests.conftest import PASSPHRASE, TODAY

CASE_SECONDS = 30
"""A case that takes longer hangs (a prompt, a loop): the alarm stops it."""


def cases(count: int) -> settings:
    """``count`` examples per test; the whole file stays near a minute."""
    return settings(
        max_examples=count,
        deadline=None,  # Argon2id's half second varies; the alarm is the cap
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )


@dataclass(frozen=True)
class Arena:
    """Two vaults side by side, the first with automatic backups and a link to it."""

    root: Path
    vault: Path
    other: Path
    recovery_code: str

    @property
    def out(self) -> Path:
        return self.root / "out" / "deep" / "er"

    def watched(self) -> list[Path]:
        return [self.vault, self.other, self.vault.with_name("vault-backups")]


@pytest.fixture(scope="module")
def arena(template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Arena:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services

    root = tmp_path_factory.mktemp("hostile") / "a" / "b"
    vault = root / "vault"
    shutil.copytree(template_vault[0], vault)
    with Vault.open(vault, PASSPHRASE) as v:
        generate_demo(v, participants=3, seed=1, today=TODAY)
        ExportService(Services(v.sessions).ctx).create_identity()
    # Another vault of its own (its own key): a copy would be the same vault in two places,
    # and writing to one would make the other an older state of it (vault.rollback).
    other, _code = Vault.create(root / "other", PASSPHRASE)
    with other:
        generate_demo(other, participants=3, seed=2, today=TODAY)
    (root / "vault-backups").mkdir()
    (root / "link").symlink_to(vault, target_is_directory=True)
    (root / "out" / "deep" / "er").mkdir(parents=True)
    return Arena(root, vault, root / "other", template_vault[1])


def is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def fingerprint(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextlib.contextmanager
def time_cap(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"the command ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def environment(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def run(
    arena: Arena, argv: list[str], *, passphrase: str | None = PASSPHRASE, language: str = "en"
) -> Outcome:
    """``main(argv)`` as a terminal would see it (strict UTF-8 streams), with the checks every
    case shares: an exit code, no traceback, one line of error, the vaults untouched on failure.
    ``language`` is the environment's LANGUAGE (messages are German if it starts with "de")."""
    lang = argv[1] if argv[:1] == ["--lang"] else "de" if language.startswith("de") else "en"
    before = [fingerprint(f) for f in arena.watched()]
    streams = [io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(2)]
    with (
        time_cap(CASE_SECONDS),
        environment(COACHDESK_PASSPHRASE=passphrase, LANGUAGE=language, LC_ALL=None),
        contextlib.redirect_stdout(streams[0]),
        contextlib.redirect_stderr(streams[1]),
    ):
        code = main(argv)
    out, err = (_text(s) for s in streams)
    assert isinstance(code, int)
    assert "Traceback" not in out + err
    if code == EXIT_MODIFIED and argv[0] == "verify":
        assert "MODIFIED or damaged" in out  # a verdict on a file, not an error
    elif code != 0:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("Fehler: " if lang == "de" else "Error: "), err
        assert [fingerprint(f) for f in arena.watched()] == before
    return Outcome(code, out, err)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    return raw.getvalue().decode("utf-8", "replace")


def lang_prefix() -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], ["--lang", "en"], ["--lang", "de"]])


# -- passphrase files and the environment ---------------------------------------------------

LINE_ENDS = ["", "\n", "\r\n", "\r", "\n\n", "\r\nsecond line\r\n"]


@st.composite
def secret_files(draw: st.DrawFn, secret: str) -> tuple[bytes, bool]:
    """File contents and whether they hold ``secret`` (as Notepad and editors save it)."""
    if draw(st.booleans()):
        text = secret + draw(st.sampled_from(LINE_ENDS))
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
        return text.encode(encoding), True
    junk = draw(
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.sampled_from([b"", b"\xef\xbb\xbf", b"\r\n", b"\xff\xfe"]),
            st.just(secret.encode("cp1252", "replace")),
            st.integers(60_000, 70_000).map(lambda n: b"a" * n),
        )
    )
    return junk, junk.decode("utf-8-sig", "ignore").splitlines()[:1] == [secret]


@cases(14)
@given(data=st.data(), recovery=st.booleans(), lang=lang_prefix())
def test_passphrase_and_recovery_code_files(
    arena: Arena,
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
    recovery: bool,
    lang: list[str],
) -> None:
    secret = arena.recovery_code if recovery else PASSPHRASE
    content, right = data.draw(secret_files(secret), label="file")
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_bytes(content)
    option = "--recovery-code-file" if recovery else "--passphrase-file"
    result = run(arena, [*lang, "info", str(arena.vault), option, str(path)], passphrase=None)
    assert (result.code == 0) == right, result.err


@cases(10)
@given(
    value=st.one_of(
        st.binary(min_size=1, max_size=64),
        st.just(PASSPHRASE.encode()),
        st.just(PASSPHRASE.encode("latin-1", "replace")),
    ).map(lambda b: b.replace(b"\0", b"0")),  # an environment holds no NUL
    language=st.binary(min_size=1, max_size=12).map(lambda b: b.replace(b"\0", b"0")),
)
def test_passphrase_and_language_from_the_environment(
    arena: Arena, value: bytes, language: bytes
) -> None:
    """Bytes as a non-UTF-8 shell hands them over (Python keeps them as surrogates)."""
    text = os.fsdecode(value)
    argv = ["participants", str(arena.vault)]
    result = run(arena, argv, passphrase=text, language=os.fsdecode(language))
    assert (result.code == 0) == (text == PASSPHRASE), result.err


# -- numbers, dates and texts ----------------------------------------------------------------

IDS = st.one_of(
    st.integers(1, 4).map(str),
    st.integers(-(2**80), 2**80).map(str),
    st.sampled_from([str(2**63 - 1), str(2**63), str(2**64), str(2**70), "0", "-1", "1e3"]),
    st.text(max_size=12),
    st.integers(4301, 6000).map(lambda n: "9" * n),
)


@cases(25)
@given(
    participant=IDS,
    recipient=st.one_of(st.none(), IDS),
    contact=st.one_of(st.none(), IDS),
    meeting=st.one_of(st.none(), IDS),
    document=st.sampled_from(["exit_handover", "meeting_summary", "consent_form", "letter"]),
)
def test_export_ids(
    arena: Arena,
    participant: str,
    recipient: str | None,
    contact: str | None,
    meeting: str | None,
    document: str,
) -> None:
    argv = ["export", str(arena.vault), f"--participant={participant}", "--document", document]
    options = {"--recipient": recipient, "--contact": contact, "--meeting": meeting}
    for option, value in options.items():
        if value is not None:
            argv.append(f"{option}={value}")
    out = arena.out / "ids.pdf"
    run(arena, [*argv, "--out", str(out)])
    out.unlink(missing_ok=True)


@cases(10)
@given(
    purpose=st.one_of(
        st.text(max_size=300),
        st.integers(TEXT_LIMIT + 1, 120_000).map(lambda n: ("Zweck " * n)[:n]),
        st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=5),
    )
)
def test_export_purpose(arena: Arena, purpose: str) -> None:
    out = arena.out / "purpose.pdf"
    argv = ["export", str(arena.vault), "--participant", "1", "--document", "exit_handover"]
    result = run(arena, [*argv, "--recipient", "1", f"--purpose={purpose}", "--out", str(out)])
    if len(purpose) > TEXT_LIMIT or not is_utf8(purpose):
        assert result.code != 0 and not out.exists()
    out.unlink(missing_ok=True)


DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["9999-12-01", "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01"]),
    st.text(max_size=12),
)


@cases(30)
@given(start=DATES, end=DATES, lang=lang_prefix())
def test_report_dates(arena: Arena, start: str, end: str, lang: list[str]) -> None:
    out = arena.out / "report.pdf"
    argv = ["report", "quarterly", str(arena.vault), f"--from={start}", f"--to={end}"]
    run(arena, [*lang, *argv, "--out", str(out)])
    out.unlink(missing_ok=True)


@cases(10)
@given(
    participants=st.one_of(
        st.integers(0, 2).map(str),
        st.integers(-(2**70), -1).map(str),
        st.integers(100_001, 2**70).map(str),
        st.text(max_size=8),
    ),
    seed=st.one_of(st.integers(-(2**70), 2**70).map(str), st.text(max_size=8)),
)
def test_demo_numbers(arena: Arena, participants: str, seed: str) -> None:
    target = arena.out / "demo"
    argv = ["demo", str(target), f"--participants={participants}", f"--seed={seed}"]
    result = run(arena, argv)
    if result.code == 0:  # only the smallest demo vaults are made at all
        shutil.rmtree(target)


# -- paths -----------------------------------------------------------------------------------

SEGMENTS = st.one_of(
    st.sampled_from(["..", ".", "x.pdf", DB_NAME, SLOTS_NAME, "sub", "vault", "link"]),
    st.text(min_size=1, max_size=12).filter(lambda t: "/" not in t and t not in (".", "..")),
    st.just("n" * 300),
)


@st.composite
def output_paths(draw: st.DrawFn, arena: Arena) -> Path:
    """A path near the vaults (at most two ``..``, so never above the test's folder)."""
    base = draw(
        st.sampled_from(
            [arena.out, arena.vault, arena.other, arena.root / "link", arena.root / "vault-backups"]
        )
    )
    parts = draw(st.lists(SEGMENTS, max_size=3).filter(lambda p: p.count("..") <= 2))
    return base.joinpath(*parts)


def is_in_a_vault(path: Path, arena: Arena) -> bool:
    try:
        resolved = path.resolve()
    except (OSError, ValueError):
        return False
    folders = [f.resolve() for f in arena.watched()]
    return any(resolved == f or resolved.is_relative_to(f) for f in folders)


@cases(40)
@given(
    data=st.data(),
    command=st.sampled_from(["certificate", "export", "report", "backup", "sheet", "init"]),
)
def test_output_paths(arena: Arena, data: st.DataObject, command: str) -> None:
    first = data.draw(output_paths(arena), label="path")
    second = data.draw(st.one_of(st.none(), output_paths(arena)), label="second path")
    v = str(arena.vault)
    argv = {
        "certificate": ["certificate", v, "--out", str(first)],
        "export": [
            "export",
            v,
            "--participant",
            "1",
            "--document",
            "exit_handover",
            "--recipient",
            "1",
            "--out",
            str(first),
        ],
        "report": [
            "report",
            "quarterly",
            v,
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
            "--out",
            str(first),
        ]
        + (["--csv", str(second)] if second else []),
        "backup": ["backup", v, str(first)],
        # The other vault: the first's recovery code is checked elsewhere in this file.
        "sheet": ["recovery-code", str(arena.other), "--recovery-sheet", str(first)],
        "init": ["init", str(second or arena.out / "new"), "--recovery-sheet", str(first)],
    }[command]
    before = {p for p in arena.root.rglob("*")}
    result = run(arena, argv)
    targets = [first] + ([second] if second is not None and command in ("report", "init") else [])
    if any(is_in_a_vault(t, arena) for t in targets):
        assert result.code != 0, result.out
    if result.code != 0:
        assert {p for p in arena.root.rglob("*")} == before
    remove_new(arena, before)


def remove_new(arena: Arena, before: set[Path]) -> None:
    """What a successful case wrote outside the vaults goes, so the next case starts alike."""
    for made in sorted({p for p in arena.root.rglob("*")} - before):
        if any(made.is_relative_to(f) for f in arena.watched()) or not os.path.lexists(made):
            continue
        if made.is_dir() and not made.is_symlink():
            shutil.rmtree(made)
        else:
            made.unlink()


# -- input files -----------------------------------------------------------------------------


@cases(14)
@given(
    name=st.text(min_size=1, max_size=20).filter(lambda t: "/" not in t and "\0" not in t),
    command=st.sampled_from(["verify", "cert", "restore", "passphrase", "code", "vault"]),
    exists=st.sampled_from(["missing", "junk", "folder"]),
    junk=st.binary(max_size=300),
)
def test_input_files(
    arena: Arena,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    command: str,
    exists: str,
    junk: bytes,
) -> None:
    folder = tmp_path_factory.mktemp("inputs")
    given_path = folder / name
    if exists == "junk":
        given_path.write_bytes(junk)
    elif exists == "folder":
        given_path.mkdir()
    v = str(arena.vault)
    argv = {
        "verify": ["verify", str(given_path)],
        "cert": ["verify", str(given_path), "--cert", str(given_path)],
        "restore": ["restore", str(given_path), v],
        "passphrase": ["info", v, "--passphrase-file", str(given_path)],
        "code": ["info", v, "--recovery-code-file", str(given_path)],
        "vault": ["participants", str(given_path)],
    }[command]
    result = run(arena, argv)
    if exists == "missing":
        assert result.code != 0
        noun = "folder" if command == "vault" else "file"
        said = f"There is no such {noun}: {given_path}"
        assert " ".join(said.split()) in result.err  # one line: white space is folded


# -- the cases the issue names, each once -----------------------------------------------------


def test_the_cases_of_the_issue(arena: Arena, tmp_path: Path) -> None:
    """Issue 12, item 7, as reported: each ended in a traceback or the wrong message."""
    notepad = tmp_path / "notepad.txt"
    notepad.write_bytes(("\ufeff" + PASSPHRASE + "\r\n").encode("utf-8"))
    info = ["info", str(arena.vault)]
    assert run(arena, [*info, "--passphrase-file", str(notepad)], passphrase=None).code == 0
    latin1 = os.fsdecode(PASSPHRASE.encode("latin-1"))
    assert "not UTF-8" in run(arena, info, passphrase=latin1).err
    export = ["export", str(arena.vault), "--document", "exit_handover", "--recipient", "1"]
    out = ["--out", str(arena.out / "issue.pdf")]
    long_purpose = run(arena, [*export, "--participant", "1", "--purpose", "x" * 100_000, *out])
    assert "too long" in long_purpose.err
    assert "no record" in run(arena, [*export, "--participant", str(2**70), *out]).err
    report = ["report", "quarterly", str(arena.vault), "--from", "9999-12-01", "--to"]
    assert "choose a date" in run(arena, [*report, "9999-12-31", *out]).err
    mistyped = tmp_path / "coachdesk-backup-2026-03-16.cdbackp"
    said = run(arena, ["restore", str(mistyped), str(arena.vault)]).err
    assert f"There is no such file: {mistyped}" in said
    assert not (arena.out / "issue.pdf").exists()


def test_the_longest_purpose_the_services_accept_makes_a_document(arena: Arena) -> None:
    out = arena.out / "long.pdf"
    argv = ["export", str(arena.vault), "--participant", "1", "--document", "exit_handover"]
    result = run(
        arena, [*argv, "--recipient", "1", "--purpose", "Zweck " * 3333, "--out", str(out)]
    )
    out.unlink(missing_ok=True)
    assert result.code == 0
