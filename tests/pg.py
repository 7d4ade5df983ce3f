"""A throwaway PostgreSQL server on localhost for the tests and benchmarks.

``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package (found under
/usr/lib/postgresql/*/bin or on PATH) run as the ``postgres`` user when we are root (the
server refuses to run as root), in a temporary folder, on a free port, with trust
authentication on 127.0.0.1 only. ``PgServer.find()`` says why when it cannot run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def _binaries() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise Unavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                      "`apt-get install postgresql` (what .ci/run does)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """``with PgServer.start() as server: server.create_database() -> URL``."""

    def __init__(self, bin_dir: Path, folder: Path, port: int, as_postgres: bool,
                 durable: bool):
        self.bin_dir, self.folder, self.port = bin_dir, folder, port
        self.as_postgres, self.durable = as_postgres, durable
        self.data = folder / "data"

    # ------------------------------------------------------------ life cycle

    @classmethod
    def start(cls, durable: bool = False) -> "PgServer":
        """initdb and start a server. ``durable=False`` turns fsync off (tests);
        benchmarks pass True to measure what a real deployment would see."""
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise Unavailable("psycopg is not installed (pip install 'psycopg[binary]>=3.2')"
                              ) from exc
        bin_dir = _binaries()
        as_postgres = os.geteuid() == 0
        if as_postgres and shutil.which("runuser") is None:
            raise Unavailable("running as root without `runuser` to start the server as postgres")
        folder = Path(tempfile.mkdtemp(prefix="policykb-pg-"))
        if as_postgres:
            try:
                shutil.chown(folder, "postgres", "postgres")
            except (LookupError, PermissionError) as exc:
                shutil.rmtree(folder, ignore_errors=True)
                raise Unavailable(f"cannot hand {folder} to the postgres user ({exc})") from exc
        server = cls(bin_dir, folder, _free_port(), as_postgres, durable)
        try:
            server._initdb()
            server._start()
        except BaseException:
            server.stop()
            raise
        return server

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                cwd=self.folder)
        if result.returncode != 0:
            raise Unavailable(f"{args[0]} failed: {(result.stderr or result.stdout)[-800:]}")
        return result

    def _initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--no-locale")
        conf = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.folder}'",
            "max_connections = 200",
            "shared_buffers = 128MB",
            "log_min_messages = warning",
        ]
        if not self.durable:
            conf += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(conf) + "\n")
        # trust on 127.0.0.1 only (initdb -A trust also covers the unix socket in our folder)
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n", encoding="utf-8")

    def _start(self) -> None:
        for attempt in range(3):
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                          "-w", "-t", "60", "start")
                return
            except Unavailable:
                if attempt == 2:
                    log = (self.folder / "server.log")
                    raise Unavailable("the PostgreSQL server did not start: " + (
                        log.read_text(errors="replace")[-800:] if log.exists() else "no log"))
                # the port was taken meanwhile: try another
                self.port = _free_port()
                with open(self.data / "postgresql.conf", "a", encoding="utf-8") as f:
                    f.write(f"\nport = {self.port}\n")

    def replica(self) -> "PgServer":
        """A streaming replica (hot standby, read-only) of this server on another port,
        stopped with it."""
        with open(self.data / "pg_hba.conf", "a", encoding="utf-8") as f:
            f.write("host replication all 127.0.0.1/32 trust\n")
        self._run("pg_ctl", "-D", str(self.data), "reload")
        standby = PgServer(self.bin_dir, self.folder, _free_port(), self.as_postgres, self.durable)
        standby.data = self.folder / f"standby-{standby.port}"
        self._run("pg_basebackup", "-D", str(standby.data), "-h", "127.0.0.1", "-p",
                  str(self.port), "-U", "postgres", "-R", "--checkpoint=fast")
        with open(standby.data / "postgresql.conf", "a", encoding="utf-8") as f:
            f.write(f"\nport = {standby.port}\n")
        self._run("pg_ctl", "-D", str(standby.data), "-l",
                  str(self.folder / f"standby-{standby.port}.log"), "-w", "-t", "60", "start")
        self._standbys = getattr(self, "_standbys", []) + [standby]
        return standby

    def stop(self) -> None:
        for standby in getattr(self, "_standbys", []):
            try:
                standby._run("pg_ctl", "-D", str(standby.data), "-m", "immediate", "-w", "stop",
                             timeout=60)
            except (Unavailable, subprocess.TimeoutExpired):
                pass
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop",
                          timeout=60)
            except (Unavailable, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "PgServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------ databases

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its URL."""
        name = name or "t_" + uuid.uuid4().hex[:12]
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        for _ in range(3):
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except Exception:  # noqa: BLE001 - a connection racing the drop: try again
                time.sleep(0.2)


def _has_c_utf8() -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in out.split())
