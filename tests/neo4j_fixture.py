"""A real Neo4j 5 server for the test run: the launcher in tests/neo4j_server/, or KG_NEO4J_URI.

Built with Maven once (offline from ~/.m2 when it can, then online); the compiled class
and the resolved classpath are reused while the pom and the Java source are unchanged.
One server per session, started on first use, stopped at exit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parent / "neo4j_server"
PASSWORD = "kg-test-password"  # the launcher's own throwaway server; not a secret
READY = "NEO4J READY "
START_TIMEOUT = 180.0


@dataclass
class Neo4jTarget:
    uri: str
    user: str
    password: str
    version: str
    launched: bool


def _fingerprint() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in [LAUNCHER / "pom.xml", *sorted(LAUNCHER.glob("src/**/*.java"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


STAMP = LAUNCHER / "target" / "build.stamp"


def _built() -> bool:
    """The last build is of these sources and every jar it resolved is still there."""
    target = LAUNCHER / "target"
    cls = target / "classes" / "kgtest" / "Neo4jTestServer.class"
    classpath = target / "classpath.txt"
    if not (cls.exists() and classpath.exists() and STAMP.exists()):
        return False
    if STAMP.read_text() != _fingerprint():
        return False
    return all(Path(j).exists() for j in classpath.read_text().strip().split(os.pathsep) if j)


def build() -> None:
    if _built():
        return
    mvn = ["mvn", "-q", "-B"]
    # offline first: a warm ~/.m2 needs no network; then online to fill it
    for cmd in ([*mvn, "-o", "compile"], [*mvn, "compile"]):
        done = subprocess.run(cmd, cwd=LAUNCHER, capture_output=True, text=True)
        if done.returncode == 0:
            STAMP.write_text(_fingerprint())
            return
    raise RuntimeError(f"building the Neo4j launcher failed:\n{done.stdout}{done.stderr}")


class Launcher:
    """The launcher process; ``start`` returns once Bolt accepts connections."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []

    def start(self) -> Neo4jTarget:
        build()
        classpath = (LAUNCHER / "target" / "classpath.txt").read_text().strip()
        cmd = [
            "java",
            "-Xms128m",
            "-Xmx768m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",  # faster start; the suite's queries are small
            "-cp",
            f"{LAUNCHER / 'target' / 'classes'}{os.pathsep}{classpath}",
            "kgtest.Neo4jTestServer",
            PASSWORD,
            "0",
        ]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        ready = threading.Event()
        found: list[str] = []

        def read() -> None:
            for line in self.proc.stdout:
                self.lines.append(line)
                if line.startswith(READY) and not found:
                    found.append(line[len(READY) :].strip())
                    ready.set()
            ready.set()

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not ready.wait(0.5):
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the Neo4j launcher did not get ready in time")
        if not found:
            self.stop()
            raise RuntimeError("the Neo4j launcher exited:\n" + "".join(self.lines[-30:]))
        uri, version = found[0].split(" ", 1)
        return Neo4jTarget(uri, "neo4j", PASSWORD, version, launched=True)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the JVM's shutdown hook stops Neo4j
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.reader.join(10)
        self.proc.stdout.close()
        self.proc = None


def from_environment() -> Neo4jTarget | None:
    uri = os.environ.get("KG_NEO4J_URI")
    if not uri:
        return None
    import neo4j

    user = os.environ.get("KG_NEO4J_USER", "neo4j")
    password = os.environ.get("KG_NEO4J_PASSWORD", "")
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        version = driver.get_server_info().agent.split("/", 1)[-1]
    return Neo4jTarget(uri, user, password, version, launched=False)


def unavailable_reason() -> str | None:
    """Why no Neo4j can be had, or None."""
    if os.environ.get("KG_NEO4J_URI"):
        return None
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return (
            f"Neo4j tests need Java 17 + Maven (missing: {', '.join(missing)}) "
            "or KG_NEO4J_URI pointing at a Neo4j 5 server they may wipe"
        )
    return None
