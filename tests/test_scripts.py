"""The demo's commands: `make run` serves on the port asked and says where, `make serve`
says the address it is bound to, and installing a Debian package waits for apt's lock."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def fake(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + script)
    path.chmod(0o755)


def test_make_run_serves_on_the_port_asked_and_prints_that_address() -> None:
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", "PORT=8001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "runserver 127.0.0.1:8001" in shown
    assert "http://127.0.0.1:8001/modules/" in shown and "DUSTDEVIL" in shown
    assert ":8000" not in shown


def test_make_serve_says_the_address_it_is_bound_to(tmp_path: Path) -> None:
    fake(tmp_path, "python", 'case "$1" in -c) echo throwaway-key ;; esac\n')
    env = {**os.environ, "PY": str(tmp_path / "python"), "SAFETYQUIZ_BIND": "127.0.0.1:8102"}
    env.pop("DJANGO_SECRET_KEY", None)
    said = subprocess.run(
        ["scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stderr
    assert "sign in at http://127.0.0.1:8102/" in said
    assert "Serving on http://127.0.0.1:8102/" in said and "8000" not in said


@pytest.fixture
def apt(tmp_path: Path) -> Path:
    """A stand-in apt-get whose package lists' lock is held for its first two updates, and
    an id that says root; each call is written to calls.log."""
    fake(tmp_path, "id", "echo 0\n")
    fake(
        tmp_path,
        "apt-get",
        f"""echo "$*" >> {tmp_path}/calls.log
if [ "$1" = update ] && [ "$(grep -c '^update' {tmp_path}/calls.log)" -le 2 ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242" >&2
    exit 100
fi
""",
    )
    return tmp_path


def install(apt: Path, *packages: str, wait: int = 60) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{apt}:{os.environ['PATH']}",
        "APT_LOCK_WAIT": str(wait),
        "APT_LOCK_POLL": "0",
    }
    return subprocess.run(
        ["scripts/apt-install.sh", *packages], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_installing_a_package_waits_for_apts_lock(apt: Path) -> None:
    done = install(apt, "chromium")
    assert done.returncode == 0, done.stderr
    calls = (apt / "calls.log").read_text().splitlines()
    assert calls[:3] == ["update -qq"] * 3  # twice refused, then done
    assert calls[3].startswith("-o DPkg::Lock::Timeout=") and calls[3].endswith(
        "install -y -qq chromium"
    )
    assert "waiting" in done.stderr


def test_a_lock_held_past_the_wait_fails_with_apts_own_message(apt: Path) -> None:
    done = install(apt, "wrk", wait=0)
    assert done.returncode == 1 and "Could not get lock" in done.stderr
    assert "install" not in (apt / "calls.log").read_text()


def test_every_target_that_installs_a_package_goes_through_the_waiting_script() -> None:
    for name in ("Makefile", "scripts/with-postgres.sh"):
        text = (ROOT / name).read_text()
        assert "apt-get install" not in text and "apt-get update" not in text, name
        assert "apt-install.sh" in text, name
