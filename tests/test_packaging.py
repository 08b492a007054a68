"""Dockerfile and compose.yaml, checked as far as this machine allows without pulling base images.

The compose file is validated against the Compose specification's JSON schema and its proxy configuration
with ``haproxy -c``; the Dockerfile's rules are read from the file; and the commands the image runs (Leaflet
step, migrations, ``streamlit run``, health check, backup) run outside a container on a copy of exactly the
files the Dockerfile copies in.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bench import appserver
from geo.maps import precompress
from tests import mapkit

ROOT = Path(__file__).resolve().parent.parent


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def instructions(name: str) -> list[str]:
    return [args for kind, args in dockerfile() if kind == name]


def compose() -> dict:
    return YAML(typ="safe").load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def exec_form(args: str) -> list[str]:
    """The argument list of an exec-form instruction (``["python", "-m", ...]``)."""
    return json.loads(args)


def test_compose_file_follows_the_compose_specification():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", "compose.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_replicas_behind_a_sticky_proxy_on_postgres_with_backups():
    spec = compose()
    services = spec["services"]
    assert services["app"]["deploy"]["replicas"] >= 2
    assert services["app"]["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert services["app"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "-m", "geo.storage.migrate"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["db"]["volumes"])
    assert "python -m geo.storage.backup create" in " ".join(services["backup"]["command"])
    proxy = spec["configs"]["haproxy"]["content"]
    assert "cookie ATLAS_APP insert" in proxy and "httpchk GET /_stcore/health" in proxy


def test_compose_proxy_configuration_is_valid_haproxy(tmp_path):
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not os.path.exists(haproxy):
        if os.environ.get("CI") == "true":
            pytest.fail("HAProxy fehlt: .ci/run muss Debians 'haproxy' installieren")
        pytest.skip("no haproxy on this machine")
    # the container's mounts, here: the Lua service from the repository, its copies written as the assets job does
    mounted = "/usr/local/etc/haproxy/precompressed"
    precompress.build(tmp_path / "precompressed")
    text = compose()["configs"]["haproxy"]["content"]
    assert f"lua-load {mounted}.lua" in text and f"setenv ATLAS_PRECOMPRESSED {mounted}" in text
    text = text.replace(f"{mounted}.lua", str(precompress.LUA)).replace(mounted, str(tmp_path / "precompressed"))
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(text, encoding="utf-8")
    result = subprocess.run([haproxy, "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_slim_base_non_root_pinned_requirements_health_check():
    assert instructions("FROM")[0].startswith("python:") and "-slim" in instructions("FROM")[0]
    user = instructions("USER")[-1]
    assert user not in ("root", "0")
    health = instructions("HEALTHCHECK")[0]
    assert "/_stcore/health" in health
    assert "pip install --no-compile -r requirements.txt" in " ".join(instructions("RUN"))
    requirements = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    assert requirements and all("==" in line for line in requirements)
    # configuration only by environment and mounted secrets: no ENV with a database address or password
    assert not any("DATABASE_URL" in args or "PASSWORD" in args for args in instructions("ENV"))


def image_files(target: Path) -> Path:
    """Copy what the Dockerfile's COPY instructions copy (the build context minus .dockerignore'd parts)."""
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()}
    for args in instructions("COPY"):
        source, destination = args.split()
        dest = target / destination.rstrip("/") if destination not in ("./", ".") else target / Path(source).name
        if (ROOT / source).is_dir():
            shutil.copytree(
                ROOT / source,
                dest,
                ignore=lambda folder, names: [
                    n for n in names if n == "__pycache__" or f"{Path(folder).relative_to(ROOT)}/{n}" in ignored
                ],
            )
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / source, dest)
    return target


def test_the_images_commands_serve_the_app_outside_a_container(tmp_path, browser):
    app = image_files(tmp_path / "app")
    assert not (app / "static" / "leaflet").exists()  # comes from the Leaflet step, not the build context
    env = {
        **os.environ,
        "PYTHONPATH": str(app),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'atlas.sqlite3'}",
        "NETZWERKATLAS_DATASET": "demo",
    }
    env.pop("NETZWERKATLAS_DB", None)
    python_steps = [args for args in instructions("RUN") if args.startswith("python ")]
    leaflet = shlex.split(python_steps[0].split("&&")[0])
    subprocess.run([sys.executable, *leaflet[1:]], cwd=app, env=env, check=True)
    assert (app / "static" / "leaflet" / "leaflet.js").is_file()
    subprocess.run([sys.executable, "-m", "geo.storage.migrate"], cwd=app, env=env, check=True)  # compose's migrate job

    port = appserver.free_port()
    secrets = tmp_path / "netzwerkatlas.toml"
    secrets.write_text("[editors]\n", encoding="utf-8")
    command = [
        part.replace("8501", str(port))
        .replace("0.0.0.0", "127.0.0.1")
        .replace("/run/secrets/netzwerkatlas.toml", str(secrets))
        for part in exec_form(instructions("CMD")[-1])
    ]
    assert command[0] == "python"
    process = subprocess.Popen(
        [sys.executable, *command[1:]], cwd=app, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        health = exec_form(instructions("HEALTHCHECK")[0].split("CMD", 1)[1].strip())
        health = [sys.executable, *(part.replace("8501", str(port)) for part in health[1:])]
        deadline = time.monotonic() + 180
        while subprocess.run(health, capture_output=True).returncode != 0:
            assert process.poll() is None, "streamlit ended"
            assert time.monotonic() < deadline, "health check never passed"
            time.sleep(0.2)  # polling for a condition
        page = browser.new_page()
        mapkit.open_map(page, f"http://127.0.0.1:{port}")  # the start page runs: map, data, database
        page.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/app/static/leaflet/leaflet.js", timeout=10) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=20)

    backup = compose()["services"]["backup"]["command"][-1].replace("$$", "$").replace("/backups/", f"{tmp_path}/")
    subprocess.run(["sh", "-c", backup.replace("python ", f"{sys.executable} ", 1)], cwd=app, env=env, check=True)
    assert list(tmp_path.glob("netzwerkatlas-*.dump"))


def test_compose_serves_the_ogc_api_behind_the_proxy_at_ogc():
    spec = compose()
    ogc = spec["services"]["ogc"]
    assert ogc["command"][:3] == ["python", "-m", "geo.handouts.ogc"] and "ports" not in ogc
    proxy = spec["configs"]["haproxy"]["content"]
    assert "use_backend ogc if { path_beg /ogc/ }" in proxy and "server ogc ogc:5000" in proxy
