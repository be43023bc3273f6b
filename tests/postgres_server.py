"""A private PostgreSQL server for the tests: a cluster of its own (initdb into a temporary folder, its own
port on 127.0.0.1 and its own socket folder), started once per test run and removed at the end.

    server = PostgresServer.start()          # or: the session fixture `postgres_server` (tests/conftest.py)
    url = server.new_database()              # a fresh, empty database: "postgresql://mutualaid@127.0.0.1:PORT/t_ab12cd"
    server.stop()

The URL has the program's form (`postgresql://USER@HOST:PORT/DBNAME`, no password: the cluster trusts
connections from this machine). As root (CI) the server runs as Debian's `postgres` user, since
PostgreSQL refuses to run as root.

Where no PostgreSQL is installed the fixtures skip the PostgreSQL cases, except when
MUTUALAID_REQUIRE_POSTGRES=1 (.ci/run sets it): then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

REQUIRE_POSTGRES = "MUTUALAID_REQUIRE_POSTGRES"
USER = "mutualaid"


class NoPostgres(RuntimeError):
    """PostgreSQL's server programs are not on this machine, or the cluster would not start."""


def server_bin() -> Path:
    """The folder of initdb and pg_ctl: Debian keeps them in /usr/lib/postgresql/N/bin (not on the PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if versions:
        return Path(versions[-1]).parent
    raise NoPostgres("PostgreSQL's server programs (initdb, pg_ctl) are not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    folder: Path
    port: int
    bin: Path
    run_as: str | None  # the system user the server runs as (None: this user)

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@{self.host}:{self.port}/{dbname}"

    @classmethod
    def start(cls) -> PostgresServer:
        binary = server_bin()
        run_as = "postgres" if os.geteuid() == 0 else None
        folder = Path(tempfile.mkdtemp(prefix="mutualaid-pg-"))
        if run_as:
            entry = pwd.getpwnam(run_as)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chmod(folder, 0o700)
        server = cls(folder=folder, port=_free_port(), bin=binary, run_as=run_as)
        server._run(
            "initdb",
            "-D",
            str(folder / "data"),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        server._run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "log"), "-o", options, "-w", "start")
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise NoPostgres(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}\n{tail}")

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) as the cluster's superuser."""
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=USER, dbname=dbname, autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(Exception):
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        for _ in range(20):
            try:
                shutil.rmtree(self.folder)
                break
            except OSError:
                time.sleep(0.1)
