"""A throwaway PostgreSQL server for the consumer checks: a temporary cluster on loopback (as the
postgres user when run as root), started on entry and stopped and removed on exit.

    with Cluster() as pg:
        pg.create("a")
        r = pg.psql("a", "-f", path)       # CompletedProcess
        rows = pg.query("a", "SELECT 1")   # list of tuples of text
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile


class ClusterError(RuntimeError):
    pass


class Cluster:
    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            raise ClusterError("postgresql: no server installed (scripts/install-deps.sh installs it)")
        self.bin = bins[-1]
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.tmp = None

    def run(self, args, **kw):
        return subprocess.run(self.as_postgres + args, text=True, capture_output=True, **kw)

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="lienthong-pg-")
        os.chmod(self.tmp, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.tmp, "postgres", "postgres")
        self.data = os.path.join(self.tmp, "data")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = str(s.getsockname()[1])
        r = self.run([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        if r.returncode != 0:
            self.__exit__()
            raise ClusterError(f"postgresql: initdb failed: {r.stderr}")
        r = self.run([f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.tmp, "server.log"),
                      "-o", f"-p {self.port} -h 127.0.0.1 -k {self.tmp}", "start"])
        if r.returncode != 0:
            self.__exit__()
            raise ClusterError(f"postgresql: start failed: {r.stderr}")
        return self

    def __exit__(self, *exc):
        if self.tmp:
            self.run([f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        return False

    def file(self, name, text):
        """Writes `text` into the cluster's folder (readable by the server's user); returns its path."""
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def psql(self, database, *args, input=None):
        return self.run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d", database,
                         "-v", "ON_ERROR_STOP=1", "-q", *args], input=input)

    def create(self, database):
        r = self.psql("postgres", "-c", f"CREATE DATABASE {database}")
        if r.returncode != 0:
            raise ClusterError(f"postgresql: create database {database}: {r.stderr}")

    def query(self, database, sql):
        r = self.psql(database, "-At", "-F", "\t", "-c", sql)
        if r.returncode != 0:
            raise ClusterError(f"postgresql: {sql}: {r.stderr}")
        return [tuple(line.split("\t")) for line in r.stdout.splitlines()]
