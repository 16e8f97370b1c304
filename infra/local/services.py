"""`jobmine services up|down|status`: a private PostgreSQL and OpenSearch for a laptop or CI, no Docker.

Both servers refuse to run as root, so when we are root they run as an unprivileged service user
that owns their folders under `.jobmine/`. `down` stops only what `up` started (pid files mark ours).
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from schemas.errors import JobmineError
from schemas.settings import Settings

if TYPE_CHECKING:
    from infra.local.llm_service import LocalLlm

log = logging.getLogger(__name__)

DIST_ARTIFACT = "org.opensearch.distribution.integ-test-zip:opensearch:{version}:zip"
ANALYSIS_ARTIFACT = "org.opensearch.plugin:analysis-common:{version}"
# The integ-test zip ships without modules; analysis-common is published as a plain jar.
ANALYSIS_DESCRIPTOR = """description=Adds "built in" analyzers to OpenSearch.
version={version}
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version={version}
custom.foldername=
extended.plugins=
has.native.controller=false
"""


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    url: str
    state: str  # running | stopped | external | external-down

    def line(self) -> str:
        return f"{self.name:<11} {self.state:<14} {self.url}"


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Runner:
    """Runs commands as the service user when we are root, as ourselves otherwise."""

    def __init__(self, settings: Settings) -> None:
        self.root = os.geteuid() == 0
        self.user = settings.service_user if self.root else pwd.getpwuid(os.geteuid()).pw_name

    def home_for(self, state_dir: Path) -> Path:
        """Where services keep data: `state_dir`, unless the service user cannot reach it (a checkout
        under a private home folder), then a folder of its own under /var/tmp named after the checkout."""
        if not self.root or all(os.stat(p).st_mode & 0o001 for p in state_dir.resolve().parents):
            return state_dir
        digest = hashlib.sha256(str(state_dir.resolve()).encode()).hexdigest()[:12]
        return Path("/var/tmp") / f"jobmine-services-{digest}"

    def ensure_user(self) -> None:
        if not self.root:
            return
        try:
            pwd.getpwnam(self.user)
        except KeyError:
            subprocess.run(
                ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", self.user],
                check=True,
            )

    def own(self, path: Path) -> None:
        if self.root:
            shutil.chown(path, self.user, self.user)
            for dirpath, dirnames, filenames in os.walk(path):
                for name in dirnames + filenames:
                    os.lchown(
                        os.path.join(dirpath, name),
                        pwd.getpwnam(self.user).pw_uid,
                        pwd.getpwnam(self.user).pw_gid,
                    )

    def kwargs(self, cwd: Path) -> dict[str, object]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "JOBMINE_"))}
        extra: dict[str, object] = {"cwd": str(cwd), "env": env}
        if self.root:
            extra |= {"user": self.user, "group": self.user, "extra_groups": []}
            env["HOME"] = str(cwd)
        return extra


class LocalPostgres:
    """A private cluster in `.jobmine/pg`, on its own port, trust auth on 127.0.0.1 only."""

    name = "postgresql"

    def __init__(self, settings: Settings, runner: _Runner) -> None:
        self.settings, self.runner = settings, runner
        self.home = runner.home_for(settings.state_dir) / "pg"
        self.data = self.home / "data"

    @property
    def url(self) -> str:
        return self.settings.pg_dsn

    def bindir(self) -> Path:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if found:
            return Path(found[-1]).parent
        initdb = shutil.which("initdb")
        if initdb:
            return Path(initdb).resolve().parent
        if self.runner.root and shutil.which("apt-get"):
            log.warning("PostgreSQL is missing: installing Debian's postgresql package")
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "postgresql"],
                check=True,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
            return self.bindir()
        raise JobmineError(
            "PostgreSQL is not installed: `apt-get install postgresql` (or set JOBMINE_DATABASE_URL)"
        )

    def status(self) -> ServiceStatus:
        if self.settings.database_url:
            return ServiceStatus(self.name, "(JOBMINE_DATABASE_URL)", "external")
        state = (
            "running"
            if (self.data / "postmaster.pid").exists() and port_open(self.settings.pg_port)
            else "stopped"
        )
        return ServiceStatus(self.name, self.url, state)

    def up(self) -> ServiceStatus:
        current = self.status()
        if current.state in ("running", "external"):
            return current
        if port_open(self.settings.pg_port):
            raise JobmineError(
                f"port {self.settings.pg_port} is taken by another program; set JOBMINE_PG_PORT"
            )
        bindir = self.bindir()
        self.runner.ensure_user()
        (self.home / "run").mkdir(parents=True, exist_ok=True)
        self.runner.own(self.home)
        if not (self.data / "PG_VERSION").exists():
            self._run(
                [
                    bindir / "initdb",
                    "-D",
                    self.data,
                    "-U",
                    "jobmine",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "--no-sync",
                ]
            )
        opts = (
            f"-p {self.settings.pg_port} -k {self.home / 'run'} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c max_connections=200 -c shared_buffers=256MB"
        )
        self._run(
            [
                bindir / "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.home / "postgres.log",
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._create_db(bindir)
        return self.status()

    def _create_db(self, bindir: Path) -> None:
        exists = self._run(
            [
                bindir / "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.settings.pg_port),
                "-U",
                "jobmine",
                "-d",
                "postgres",
                "-tAc",
                "SELECT 1 FROM pg_database WHERE datname = 'jobmine'",
            ]
        )
        if exists.strip() != "1":
            self._run(
                [
                    bindir / "createdb",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.settings.pg_port),
                    "-U",
                    "jobmine",
                    "jobmine",
                ]
            )

    def down(self) -> ServiceStatus:
        if not self.settings.database_url and (self.data / "postmaster.pid").exists():
            self._run([self.bindir() / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])
        return self.status()

    def _run(self, cmd: list[object]) -> str:
        result = subprocess.run(
            [str(c) for c in cmd], capture_output=True, text=True, **self.runner.kwargs(self.home)
        )  # type: ignore[arg-type]
        if result.returncode != 0:
            raise JobmineError(
                f"{Path(str(cmd[0])).name} failed: {result.stderr.strip() or result.stdout.strip()}"
            )
        return result.stdout


class LocalOpenSearch:
    """A single OpenSearch node from Maven Central's integ-test zip, on the installed JDK."""

    name = "opensearch"

    def __init__(self, settings: Settings, runner: _Runner) -> None:
        self.settings, self.runner = settings, runner
        self.home = runner.home_for(settings.state_dir) / "opensearch"
        self.pidfile = self.home / "opensearch.pid"

    @property
    def url(self) -> str:
        return self.settings.os_url

    @property
    def dist(self) -> Path:
        return self.home / f"opensearch-{self.settings.opensearch_version}"

    def status(self) -> ServiceStatus:
        if self.settings.opensearch_url:
            return ServiceStatus(self.name, self.settings.opensearch_url, "external")
        return ServiceStatus(self.name, self.url, "running" if self._healthy() else "stopped")

    def _healthy(self) -> bool:
        try:
            r = httpx.get(f"{self.url}/_cluster/health", timeout=2)
        except httpx.HTTPError:
            return False
        return r.status_code == 200 and r.json().get("status") in ("green", "yellow")

    def _fetch(self, artifact: str, filename: str) -> Path:
        """A file from Maven Central, fetched once into the user's cache."""
        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jobmine"
        target = cache / filename
        if target.exists():
            return target
        if not shutil.which("mvn"):
            raise JobmineError(
                "Maven is needed once to fetch OpenSearch: `apt-get install maven` (or set "
                "JOBMINE_OPENSEARCH_URL)"
            )
        cache.mkdir(parents=True, exist_ok=True)
        log.warning("fetching %s from Maven Central (once)", artifact)
        subprocess.run(
            [
                "mvn",
                "-q",
                "-B",
                "-Dstyle.color=never",
                "dependency:copy",
                f"-Dartifact={artifact}",
                f"-DoutputDirectory={cache}",
            ],
            check=True,
            cwd=cache,
        )
        if not target.exists():
            raise JobmineError(f"mvn did not produce {target}")
        return target

    def _install(self) -> None:
        """Unpack the minimal distribution and add the analysis-common module (stemming, folding)."""
        version = self.settings.opensearch_version
        if not (self.dist / "bin" / "opensearch").exists():
            self.home.mkdir(parents=True, exist_ok=True)
            archive_path = self._fetch(DIST_ARTIFACT.format(version=version), f"opensearch-{version}.zip")
            with zipfile.ZipFile(archive_path) as archive:
                for info in archive.infolist():
                    path = Path(archive.extract(info, self.home))
                    mode = info.external_attr >> 16
                    if mode:
                        path.chmod(mode & 0o777)
        module = self.dist / "modules" / "analysis-common"
        if not (module / "plugin-descriptor.properties").exists():
            jar = self._fetch(ANALYSIS_ARTIFACT.format(version=version), f"analysis-common-{version}.jar")
            module.mkdir(parents=True, exist_ok=True)
            shutil.copy(jar, module / jar.name)
            (module / "plugin-descriptor.properties").write_text(ANALYSIS_DESCRIPTOR.format(version=version))

    def up(self, wait_s: float = 180) -> ServiceStatus:
        current = self.status()
        if current.state in ("running", "external"):
            return current
        if port_open(self.settings.opensearch_port):
            raise JobmineError(
                f"port {self.settings.opensearch_port} is taken but does not answer as OpenSearch; "
                "set JOBMINE_OPENSEARCH_PORT"
            )
        self._install()
        self.runner.ensure_user()
        for sub in ("data", "logs"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.runner.own(self.home)
        port = self.settings.opensearch_port
        cmd = [
            str(self.dist / "bin" / "opensearch"),
            "-E",
            "discovery.type=single-node",
            "-E",
            "network.host=127.0.0.1",
            "-E",
            f"http.port={port}",
            "-E",
            f"transport.port={port + 100}",
            "-E",
            f"path.data={self.home / 'data'}",
            "-E",
            f"path.logs={self.home / 'logs'}",
            "-E",
            "cluster.name=jobmine-local",
            "-E",
            "node.name=jobmine",
            "-E",
            "cluster.routing.allocation.disk.threshold_enabled=false",
            "-E",
            "action.auto_create_index=false",
        ]
        kwargs = self.runner.kwargs(self.home)
        env = kwargs["env"]
        assert isinstance(env, dict)
        env["OPENSEARCH_JAVA_OPTS"] = (
            f"-Xms{self.settings.opensearch_heap} -Xmx{self.settings.opensearch_heap}"
        )
        env.setdefault("JAVA_HOME", _java_home())
        start_and_wait(
            cmd, self.home / "stdout.log", self.pidfile, self._healthy, "OpenSearch", wait_s, 1.0, **kwargs
        )
        return self.status()

    def down(self) -> ServiceStatus:
        if self.settings.opensearch_url or not self.pidfile.exists():
            return self.status()
        stop_group(self.pidfile, 30.0)
        return self.status()


def start_and_wait(
    cmd: list[str],
    log_path: Path,
    pidfile: Path,
    healthy: Callable[[], bool],
    what: str,
    wait_s: float,
    poll_s: float,
    **kwargs: object,
) -> None:
    """Starts `cmd` in its own session (its pid in `pidfile`, output in `log_path`) and waits until
    `healthy()`; an early exit or no answer in `wait_s` is an error that points at the log."""
    with open(log_path, "ab") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **kwargs,
        )  # type: ignore[call-overload]
    pidfile.write_text(str(proc.pid))
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pidfile.unlink(missing_ok=True)
            raise JobmineError(f"{what} exited with {proc.returncode}; see {log_path}")
        if healthy():
            return
        time.sleep(poll_s)
    raise JobmineError(f"{what} did not become healthy in {wait_s:.0f}s; see {log_path}")


def stop_group(pidfile: Path, wait_s: float) -> None:
    """Stops the process group `start_and_wait` started (SIGTERM, then SIGKILL after `wait_s`)."""
    pid = int(pidfile.read_text())
    if pid_alive(pid):
        os.killpg(pid, signal.SIGTERM)
        for _ in range(int(wait_s * 2)):
            if not pid_alive(pid):
                break
            time.sleep(0.5)
        else:
            os.killpg(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


def _java_home() -> str:
    """A JDK that OpenSearch 2.x runs on (17 or 21; 24+ dropped the security manager it needs)."""
    for candidate in sorted(glob.glob("/usr/lib/jvm/*"), reverse=True):
        if any(v in candidate for v in ("-17", "-21")) and Path(candidate, "bin", "java").exists():
            return candidate
    java = shutil.which("java")
    if not java:
        raise JobmineError("no Java runtime found for OpenSearch: `apt-get install openjdk-17-jre-headless`")
    return str(Path(java).resolve().parents[1])


def services(settings: Settings, llm: bool = False) -> list[LocalPostgres | LocalOpenSearch | LocalLlm]:
    """PostgreSQL and OpenSearch, and with `llm` the local model server (infra/local/llm_service.py)."""
    from infra.local.llm_service import LocalLlm

    runner = _Runner(settings)
    found: list[LocalPostgres | LocalOpenSearch | LocalLlm] = [
        LocalPostgres(settings, runner),
        LocalOpenSearch(settings, runner),
    ]
    return [*found, LocalLlm(settings)] if llm else found
