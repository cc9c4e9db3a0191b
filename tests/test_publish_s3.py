"""Publishing to an S3-compatible object store: .github/scripts/publish-s3.sh (what s3.yml
runs: Debian's rclone, `rclone sync`) against moto's S3 server on 127.0.0.1, then every page
read back over HTTP from that server, bytes and Content-Type."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

SCRIPT = REPO / ".github" / "scripts" / "publish-s3.sh"
BUCKET = "portal-site"
# The S3 server runs in this process and takes any key: these are no one's.
KEY_ID, SECRET = "test-key-id", "test-secret-key"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}

PAGES: dict[str, tuple[bytes, str]] = {
    "index.html": (b"<!doctype html><title>ACSG</title>", "text/html"),
    "fr/à-propos/index.html": ("<!doctype html><title>À propos</title>".encode(), "text/html"),
    "assets/portal.css": (b"body{color:#123}", "text/css"),
    "assets/portal.js": (b"console.log(1)", "javascript"),
    "api/v1/index.json": (b'{"pledges": 3}', "application/json"),
    "sitemap.xml": (b'<?xml version="1.0"?><sitemapindex/>', "xml"),
    "assets/logo.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
    "pagefind/fragment/en_1.pf_fragment": (bytes(range(256)), "application/octet-stream"),
}


@pytest.fixture(scope="module")
def rclone() -> str:
    found = shutil.which("rclone")
    assert found, "rclone is not installed: run `make rclone` (Debian's package)"
    return found


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1 (a free port), with an empty bucket."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        s3 = boto3.client(
            "s3",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )
        s3.create_bucket(Bucket=BUCKET)
        # Anyone may read the objects (README: a public bucket, or a CDN in front of it).
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        yield url
    finally:
        server.stop()


def publish(site: Path, endpoint: str, tmp_path: Path) -> None:
    """Run the workflow's script with the workflow's environment, the store being local."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "RCLONE_CONFIG": str(tmp_path / "no-rclone.conf"),  # nothing but the environment
        "NO_PROXY": "*",
        "S3_BUCKET": BUCKET,
        "RCLONE_CONFIG_PORTAL_TYPE": "s3",
        "RCLONE_CONFIG_PORTAL_PROVIDER": "Other",
        "RCLONE_CONFIG_PORTAL_ENDPOINT": endpoint,
        "RCLONE_CONFIG_PORTAL_REGION": "us-east-1",
        "RCLONE_CONFIG_PORTAL_ACCESS_KEY_ID": KEY_ID,
        "RCLONE_CONFIG_PORTAL_SECRET_ACCESS_KEY": SECRET,
    }
    result = subprocess.run(
        ["bash", str(SCRIPT), str(site)], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def fetch(endpoint: str, key: str) -> tuple[int, bytes, str]:
    """A GET of the object over HTTP, as a CDN in front of the bucket would make it."""
    url = f"{endpoint}/{BUCKET}/{urllib.request.quote(key)}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def _write(site: Path, pages: dict[str, tuple[bytes, str]]) -> None:
    for name, (body, _) in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(body)


def test_a_site_is_published_and_read_back_with_its_content_types(
    rclone: str, endpoint: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _write(site, PAGES)
    publish(site, endpoint, tmp_path)
    for name, (body, content_type) in PAGES.items():
        status, got, got_type = fetch(endpoint, name)
        assert status == 200, name
        assert got == body, name
        assert content_type in got_type, f"{name}: {got_type}"


def test_a_new_build_replaces_changed_pages_and_removes_gone_ones(
    rclone: str, endpoint: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _write(site, PAGES)
    publish(site, endpoint, tmp_path)
    (site / "assets" / "portal.css").write_bytes(b"body{color:#456}")
    (site / "api" / "v1" / "index.json").unlink()
    publish(site, endpoint, tmp_path)
    assert fetch(endpoint, "assets/portal.css")[1] == b"body{color:#456}"
    assert fetch(endpoint, "api/v1/index.json")[0] == 404
    assert fetch(endpoint, "index.html")[1] == PAGES["index.html"][0]


def test_the_script_refuses_a_folder_that_is_no_built_site(
    rclone: str, endpoint: str, tmp_path: Path
) -> None:
    with pytest.raises(AssertionError, match="build the site first"):
        publish(tmp_path / "nothing", endpoint, tmp_path)


def test_the_built_portal_is_published_whole(
    rclone: str, endpoint: str, built: Path, tmp_path: Path
) -> None:
    """The fixture site as MkDocs builds it: every file, read back byte for byte; pages as
    text/html, the sitemap index as XML, its gzip-compressed files as gzip."""
    site = built / "site1"
    publish(site, endpoint, tmp_path)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    for path in files:
        name = path.relative_to(site).as_posix()
        status, body, content_type = fetch(endpoint, name)
        assert (status, body) == (200, path.read_bytes()), name
        if name.endswith(".html"):
            assert content_type.startswith("text/html"), name
        if name == "sitemap.xml":
            assert "xml" in content_type, name
        if name.startswith("sitemaps/"):
            assert name.endswith(".xml.gz") and "gzip" in content_type, (name, content_type)
