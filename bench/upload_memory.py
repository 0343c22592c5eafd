"""Peak memory of the portal while 8 people upload large images at the same moment.

    .venv/bin/python bench/upload_memory.py

Each scenario runs in a fresh process: the portal (Test configuration, a SQLite file in a
temporary directory), one signed-in person with a draft, and 8 threads posting one file each
to the materials page through the whole request path (multipart parsing, checks, cleaning,
encryption, the database). It prints the process's peak resident memory before and after the
uploads, and asserts nothing.

Scenarios: 48-megapixel phone photos (JPEG, as a phone's full-resolution mode gives them),
24-megapixel PNG screenshots, and 140 KB-class PNG decompression bombs (12000 × 12000).
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

UPLOADS = 8
SCENARIOS = {
    "jpeg-48mp": "photo.jpg",
    "png-24mp": "screenshot.png",
    "png-bomb": "bomb.png",
}


def make_files(directory: Path) -> None:
    from PIL import Image

    from tests import files

    photo = Image.radial_gradient("L").resize((8000, 6000)).convert("RGB")
    photo.save(directory / "photo.jpg", format="JPEG", quality=80)
    Image.linear_gradient("L").resize((6000, 4000)).convert("RGB").save(
        directory / "screenshot.png", format="PNG"
    )
    (directory / "bomb.png").write_bytes(files.decompression_bomb_png())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scenario(name: str, directory: Path) -> None:
    from flask_migrate import upgrade
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    from portal import create_app
    from portal.config import Test
    from portal.demo_data import load_demo_data
    from portal.extensions import db

    config = Test()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{directory / (name + '.sqlite')}"
    app = create_app(config)
    with app.app_context():
        upgrade()
        load_demo_data()
    client = app.test_client()

    def token() -> str:
        page = client.get("/").get_data(as_text=True)
        return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]

    client.post("/sign-in", data={"csrf_token": token(), "phone": "13800138000"})
    code = re.findall(r"\d{6}", app.extensions["changhu_sms"].outbox[0].text)[0]
    client.post("/sign-in/code", data={"csrf_token": token(), "code": code})
    client.post("/privacy/consent", data={"csrf_token": token(), "agree": "y"})
    client.post(
        "/people/add",
        data={"csrf_token": token(), "name": "马秀兰", "id_number": "640104194403120022"},
    )
    client.post("/people/add/relation", data={"csrf_token": token(), "relation": "self"})
    started = client.post("/apply/", data={"csrf_token": token(), "person": "1"})
    url = started.headers["Location"] + "materials"
    content = (directory / SCENARIOS[name]).read_bytes()
    cookie = client.get_cookie("session")
    form_token = token()
    before = peak_mb()

    def upload(results: list[int]) -> None:
        own = app.test_client()
        own.set_cookie("session", cookie.value)
        boundary, body = encode_multipart(
            {
                "csrf_token": form_token,
                "material_code": "medical_records",
                "document": FileStorage(io.BytesIO(content), filename=SCENARIOS[name]),
            }
        )
        barrier.wait()
        response = own.post(
            url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        results.append(response.status_code)

    barrier = threading.Barrier(UPLOADS)
    results: list[int] = []
    threads = [threading.Thread(target=upload, args=(results,)) for _ in range(UPLOADS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    with app.app_context():
        db.engine.dispose()
    statuses = ",".join(str(s) for s in sorted(results))
    print(
        f"{name:<10} {len(content) / 1e6:6.1f} MB each  peak before {before:6.0f} MB"
        f"  after {peak_mb():6.0f} MB  (+{peak_mb() - before:5.0f} MB)"
        f"  {took:5.1f} s  answers {statuses}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=SCENARIOS)
    parser.add_argument("--dir", type=Path)
    arguments = parser.parse_args()
    if arguments.scenario:
        run_scenario(arguments.scenario, arguments.dir)
        return
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        make_files(directory)
        print(f"{UPLOADS} concurrent uploads per scenario; peak resident memory of the process")
        for name in SCENARIOS:
            subprocess.run(
                [sys.executable, __file__, "--scenario", name, "--dir", str(directory)],
                check=True,
                cwd=ROOT,
            )


if __name__ == "__main__":
    main()
