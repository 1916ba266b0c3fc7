"""Debian's nginx serving a built site on a loopback port, as operators serve it.

The master reads a configuration written into a temporary folder; when the tests run as root, the
workers run as www-data, as on a stock install, so a file the generator writes unreadable to others
answers 403 here as it would in production. The site's own hosting rules (`_hosting/nginx.conf`)
are included, so the tests see the cache headers operators get.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

NGINX = "/usr/sbin/nginx"
WORKER_USER = "www-data"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Nginx:
    """One nginx instance serving site at path (`/` or a sub-path such as `/minato/`)."""

    def __init__(self, site: Path, path: str = "/") -> None:
        if not Path(NGINX).exists():
            raise RuntimeError(f"{NGINX} is missing: install Debian's nginx package (scripts/setup --test does)")
        self.site = site
        for folder in [site, *site.parents]:  # let the workers pass through the test's temporary folders
            if folder == Path(tempfile.gettempdir()) or not str(folder).startswith(tempfile.gettempdir()):
                break
            folder.chmod(folder.stat().st_mode | 0o001)
        self.path = path
        self.folder = Path(tempfile.mkdtemp(prefix="guidebook-nginx-"))
        self.folder.chmod(0o755)
        self.port = _free_port()
        if path == "/":
            root = site
        else:  # the site appears at <root>/<sub-path>, as an operator's folder would hold it
            root = self.folder / "www"
            (root / path.strip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / path.strip("/")).symlink_to(site)
        self.as_root = os.geteuid() == 0
        user = f"user {WORKER_USER};" if self.as_root else ""
        temp = " ".join(
            f"{kind}_temp_path {self.folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = f"""
{user}
worker_processes 1;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {self.folder}/access.log;
    keepalive_timeout 5s;
    {temp}
    server {{
        listen 127.0.0.1:{self.port};
        location {path} {{
            root {root};
            include {site}/_hosting/nginx.conf;
        }}
    }}
}}
"""
        (self.folder / "nginx.conf").write_text(conf)
        self.process = subprocess.Popen(
            [NGINX, "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    err = self.process.stderr.read().decode() if self.process.stderr else ""
                    raise RuntimeError(f"nginx did not start: {err}{self.error_log()}") from None
                time.sleep(0.05)

    @property
    def url(self) -> str:
        """Return the site's address, without its trailing slash."""
        return f"http://127.0.0.1:{self.port}{self.path.rstrip('/')}"

    def worker_users(self, wait: float = 5.0) -> set[str]:
        """Return the users the worker processes run as, waiting up to wait seconds for them: the
        master listens (which is what start waits for) before it has forked its workers."""
        deadline = time.monotonic() + wait
        users = self._worker_users()
        while not users and time.monotonic() < deadline:
            time.sleep(0.05)
            users = self._worker_users()
        return users

    def _worker_users(self) -> set[str]:
        users = set()
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                status = (proc / "status").read_text()
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"nginx: worker process" in cmdline and f"PPid:\t{self.process.pid}\n" in status:
                uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
                users.add(pwd.getpwuid(uid).pw_name)
        return users

    def get(self, rel: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """GET a path below the site's address; return status, headers (lower-case names) and body."""
        request = urllib.request.Request(f"{self.url}/{rel.lstrip('/')}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as err:
            return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()

    def error_log(self) -> str:
        log = self.folder / "error.log"
        return log.read_text() if log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
