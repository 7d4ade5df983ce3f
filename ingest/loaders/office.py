"""Old and open office formats: Word .doc, Kingsoft WPS .wps, OpenDocument .odt and RTF.

Each is converted to .docx by LibreOffice (``soffice --headless --convert-to docx``) and
read by the .docx loader, so Word's automatic numbering and tables come through the same
way. Every conversion runs with its own throw-away LibreOffice profile
(``-env:UserInstallation``), so parallel ingests do not fight over one profile, and
under a time limit after which the whole LibreOffice process group is killed.

Without LibreOffice a .doc or .wps is read by ``antiword`` when that is installed
(paragraphs and simple tables, no automatic numbering); otherwise the file is refused
with a sentence that names what to install or which format to save it as.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ..errors import ConversionFailed, EncryptedDocument, ToolMissing
from ..records import Block
from . import docx

KINDS = ("doc", "wps", "odt", "rtf")
#: Seconds one conversion may take before LibreOffice is killed (POLICYKB_CONVERT_TIMEOUT).
TIMEOUT = float(os.environ.get("POLICYKB_CONVERT_TIMEOUT", "120"))

_SUFFIX = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf"}
_NAME = {
    "doc": "old binary Word (.doc) files",
    "wps": "WPS (.wps) files",
    "odt": "OpenDocument (.odt) files",
    "rtf": "RTF files",
}
_SAVE_AS = {
    "doc": "open it in Word or WPS, save it as .docx and add it again",
    "wps": "open it in WPS, save it as .docx (文件 → 另存为 → Word 文档) and add it again",
    "odt": "open it in LibreOffice or WPS, save it as .docx and add it again",
    "rtf": "open it in Word or WPS, save it as .docx and add it again",
}

_INSTALL = "install LibreOffice (apt-get install libreoffice-writer), or "

# Seconds the last conversion took, for benchmarks and logs.
last_seconds = 0.0


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def kind_of(data: bytes) -> str:
    """doc, odt or rtf from the bytes (.wps is told apart by its name only)."""
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "odt"
    return "doc"


def load(data: bytes, source: str, kind: str | None = None) -> list[Block]:
    kind = kind or kind_of(data)
    if kind == "odt":
        _check_odt(data, source)
    program = soffice()
    if program is not None:
        return docx.load(to_docx(data, source, kind, program), source)
    if kind in ("doc", "wps") and shutil.which("antiword"):
        return _antiword(data, source, kind)
    needs = "LibreOffice" + (" (or antiword)" if kind in ("doc", "wps") else "")
    raise ToolMissing(source, _NAME[kind], needs, _INSTALL + _SAVE_AS[kind])


def to_docx(data: bytes, source: str, kind: str, program: str | None = None) -> bytes:
    """The document converted to .docx by LibreOffice."""
    global last_seconds
    program = program or soffice()
    if program is None:
        raise ToolMissing(source, _NAME[kind], "LibreOffice", _INSTALL + _SAVE_AS[kind])
    what = f"this {_SUFFIX[kind]} file"
    with tempfile.TemporaryDirectory(prefix="policykb-soffice-") as tmp:
        work = Path(tmp)
        infile = work / ("input" + _SUFFIX[kind])
        infile.write_bytes(data)
        outdir = work / "out"
        command = [
            program, f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", str(outdir), str(infile),
        ]
        env = dict(os.environ, HOME=tmp)  # LibreOffice may write more than the profile
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ConversionFailed(source, what, f"LibreOffice took over {TIMEOUT:.0f} s",
                                   _SAVE_AS[kind]) from None
        finally:
            last_seconds = time.perf_counter() - started
            _kill(process)  # helpers LibreOffice left behind in its process group
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            said = [line for line in output.decode("utf-8", "replace").splitlines()
                    if "rror" in line and "source file could not be loaded" not in line]
            detail = "LibreOffice could not open it, so it may be damaged or password-protected"
            if said:
                detail += f" ({said[0].strip()[:120]})"
            raise ConversionFailed(source, what, detail, _SAVE_AS[kind])
        return result.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _check_odt(data: bytes, source: str) -> None:
    """An encrypted .odt has encryption data in its manifest; LibreOffice would ask for
    the password, which headless it cannot."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = archive.read("META-INF/manifest.xml") \
                if "META-INF/manifest.xml" in archive.namelist() else b""
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise ConversionFailed(source, "this .odt file", "a damaged or truncated zip",
                               _SAVE_AS["odt"]) from exc
    if b"encryption-data" in manifest:
        raise EncryptedDocument(source)


def _antiword(data: bytes, source: str, kind: str) -> list[Block]:
    """Paragraphs (and |-separated table rows) from antiword's plain-text rendering."""
    global last_seconds
    with tempfile.TemporaryDirectory(prefix="policykb-antiword-") as tmp:
        infile = Path(tmp) / "input.doc"
        infile.write_bytes(data)
        started = time.perf_counter()
        try:
            done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(infile)],
                                  capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionFailed(source, f"this {_SUFFIX[kind]} file",
                                   f"antiword took over {TIMEOUT:.0f} s", _SAVE_AS[kind]) from None
        finally:
            last_seconds = time.perf_counter() - started
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        if "encrypt" in said.lower():
            raise EncryptedDocument(source)
        raise ConversionFailed(source, f"this {_SUFFIX[kind]} file",
                               f"antiword: {said.splitlines()[-1][:120] if said else 'failed'}",
                               _SAVE_AS[kind])
    blocks: list[Block] = []
    pos = 0
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip(" \t\u3000\u00a0\r\f")
        if not line:
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 2:
            cells = tuple(c.strip() for c in line[1:-1].split("|"))
            if not any(cells):
                continue
            text = " ".join(c for c in cells if c)
            blocks.append(Block(text, pos, pos + len(text), kind="table_row", cells=cells))
        else:
            blocks.append(Block(line, pos, pos + len(line)))
        pos += len(blocks[-1].text) + 1
    return blocks
