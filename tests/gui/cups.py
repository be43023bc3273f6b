"""A real CUPS print queue for the printing tests: a private scheduler and a cups-pdf queue.

`private_cups()` starts its own `cupsd` (in the foreground, as a child of the test) with its
configuration, spool, logs and socket in a new folder under /tmp, so the machine's own CUPS (if
any) is neither used nor changed. It adds the queue QUEUE with Debian's cups-pdf backend and PPD
(printer-driver-cups-pdf), makes it the scheduler's default, enables it and accepts jobs. Programs
reach the scheduler through CUPS_SERVER (set for the subprocesses, and for this process's libcups
with cupsSetServer, which Qt's CUPS plugin uses).

cups-pdf reads its configuration from /etc/cups only (compiled in); the device URI
`cups-pdf:/INSTANCE` makes it read /etc/cups/cups-pdf-INSTANCE.conf, written for the test (its
`Out` folder is the test's folder) and removed afterwards. So the scheduler's filters can reach
their temporary folder (they run as the user lp), the folder is not under pytest's tmp_path (0700).

Needs root (cupsd runs backends as root and reads root-owned configuration), cupsd, lpadmin,
lpstat, cupsenable, cupsaccept, the cups-pdf backend and its PPD, and Qt's CUPS print support
plugin: `why_not()` says which is missing. `.ci/run` installs them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

QUEUE = "MutualaidPDF"
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPDS = (Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"), Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"))
TOOLS = ("lpadmin", "lpstat", "cupsenable", "cupsaccept")


def _cupsd() -> str | None:
    return shutil.which("cupsd") or (str(Path("/usr/sbin/cupsd")) if Path("/usr/sbin/cupsd").exists() else None)


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/bin", "/sbin"):
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    return None


def _ppd() -> Path | None:
    return next((ppd for ppd in CUPS_PDF_PPDS if ppd.exists()), None)


def qt_cups_plugin() -> Path | None:
    import PySide6

    folder = Path(PySide6.__file__).parent / "Qt" / "plugins" / "printsupport"
    return next(iter(sorted(folder.glob("*cups*"))), None) if folder.is_dir() else None


def why_not() -> str | None:
    """Why a private CUPS cannot run here, or None when it can."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root: cupsd runs the cups-pdf backend as root and the test writes /etc/cups/cups-pdf-*.conf"
    if _cupsd() is None:
        return "cupsd is not installed (apt-get install cups)"
    missing = [name for name in TOOLS if _tool(name) is None]
    if missing:
        return f"{', '.join(missing)} not installed (apt-get install cups-client)"
    if not CUPS_PDF_BACKEND.exists() or _ppd() is None:
        return "the cups-pdf backend or its PPD is not installed (apt-get install printer-driver-cups-pdf)"
    if not Path("/etc/cups").is_dir():
        return "/etc/cups does not exist (cups-pdf reads its configuration there)"
    if qt_cups_plugin() is None:
        return "Qt's CUPS print support plugin (plugins/printsupport/libcupsprintersupport.so) is missing"
    if ctypes.util.find_library("cups") is None:
        return "libcups is not installed"
    return None


@dataclass
class PrivateCups:
    folder: Path
    socket: Path
    out: Path
    log: Path
    process: subprocess.Popen
    queue: str = QUEUE

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [_tool(tool) or tool, *args], env=self.env(), capture_output=True, text=True, timeout=30
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"{tool} {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}\n{self.log_tail()}"
            )
        return result

    def admin(self, tool: str, *args: str, timeout: float = 20.0) -> None:
        """Run an administration command, again while the scheduler, just started, is not yet
        taking connections ("Unable to connect to server": it may still be reloading)."""
        deadline = time.monotonic() + timeout
        while True:
            result = self.run(tool, *args, check=False)
            if result.returncode == 0:
                return
            if "connect" not in result.stderr or time.monotonic() > deadline:
                self.run(tool, *args)  # raises, with the scheduler's log
                return
            time.sleep(0.25)

    def jobs(self, which: str) -> list[str]:
        """`lpstat -W which -o QUEUE`: the job ids ("MutualaidPDF-3") completed or not-completed."""
        result = self.run("lpstat", "-W", which, "-o", self.queue, check=False)
        return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]

    def wait_for_jobs(self, count: int, timeout: float = 60.0) -> list[str]:
        """Wait until `count` jobs of the queue are completed and none is pending; their ids."""
        deadline = time.monotonic() + timeout
        while True:
            done = self.jobs("completed")
            if len(done) >= count and not self.jobs("not-completed"):
                return done
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"CUPS jobs not completed after {timeout} s: completed {done}, pending "
                    f"{self.jobs('not-completed')}\n{self.log_tail()}"
                )
            time.sleep(0.2)

    def wait_for_pdfs(self, count: int, timeout: float = 30.0) -> list[Path]:
        """The PDFs cups-pdf wrote to the output folder, once there are `count` of them."""
        deadline = time.monotonic() + timeout
        while True:
            pdfs = sorted(self.out.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
            if len(pdfs) >= count and all(p.stat().st_size > 0 for p in pdfs):
                return pdfs
            if time.monotonic() > deadline:
                raise AssertionError(f"cups-pdf wrote {pdfs} to {self.out}\n{self.log_tail()}")
            time.sleep(0.2)

    def job_documents(self) -> list[Path]:
        """The documents of the queue's jobs as they were handed to CUPS (the scheduler keeps them a
        day after printing: PreserveJobFiles), oldest first."""
        spool = self.folder / "spool"
        return sorted(spool.glob("d*-001"), key=lambda p: p.name)

    def log_tail(self, lines: int = 40) -> str:
        error_log = self.log / "error_log"
        text = error_log.read_text(errors="replace").splitlines()[-lines:] if error_log.exists() else []
        return "\n".join(text)


def _write(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o644)


def _libcups():
    return ctypes.CDLL(ctypes.util.find_library("cups"))


@contextlib.contextmanager
def private_cups():
    """Start a private scheduler with the cups-pdf queue QUEUE; stop it and clean up afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mutualaid-cups-", dir="/tmp"))
    folder.chmod(0o755)
    etc, spool, cache, state, log, tmp, out = (
        folder / name for name in ("etc", "spool", "cache", "state", "log", "tmp", "out")
    )
    for sub in (etc, spool, cache, state, log, out):
        sub.mkdir(mode=0o755)
    tmp.mkdir()
    tmp.chmod(0o1777)  # the filters run as lp
    socket = folder / "cups.sock"
    _write(
        etc / "cupsd.conf",
        f"""LogLevel debug
Listen {socket}
Browsing No
WebInterface No
DefaultAuthType Basic
<Location />
  Order allow,deny
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""",
    )
    _write(
        etc / "cups-files.conf",
        f"""SystemGroup root
ServerRoot {etc}
RequestRoot {spool}
CacheDir {cache}
StateDir {state}
TempDir {tmp}
Printcap {folder / "printcap"}
AccessLog {log / "access_log"}
ErrorLog {log / "error_log"}
PageLog {log / "page_log"}
""",
    )
    instance = folder.name  # "mutualaid-cups-XXXXXXXX": one per scheduler, so runs side by side never meet
    instance_conf = Path("/etc/cups") / f"cups-pdf-{instance}.conf"
    _write(instance_conf, f"Out {out}\nAnonDirName {out}\nLog {log}\nLabel 1\n")
    process = subprocess.Popen(
        [_cupsd(), "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    cups = PrivateCups(folder, socket, out, log, process)
    old_server = os.environ.get("CUPS_SERVER")
    libcups = _libcups()
    try:
        deadline = time.monotonic() + 20
        while cups.run("lpstat", "-r", check=False).returncode != 0:
            if process.poll() is not None:
                raise AssertionError(
                    f"cupsd stopped ({process.returncode}): {process.stderr.read()}\n{cups.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"cupsd did not answer on {socket}\n{cups.log_tail()}")
            time.sleep(0.1)
        cups.admin(
            "lpadmin", "-p", QUEUE, "-v", f"cups-pdf:/{instance}", "-P", str(_ppd()), "-D", "互助保障测试 PDF 打印机"
        )
        cups.admin("lpadmin", "-d", QUEUE)
        cups.admin("cupsenable", QUEUE)
        cups.admin("cupsaccept", QUEUE)
        # This process: Qt's CUPS plugin asks libcups, which asks CUPS_SERVER.
        os.environ["CUPS_SERVER"] = str(socket)
        libcups.cupsSetServer(str(socket).encode())
        yield cups
    finally:
        if old_server is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = old_server
        libcups.cupsSetServer(None)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stderr is not None:
            process.stderr.close()
        instance_conf.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
