"""Regenerate docs/html-report.png: the HTML report of a seed article in headless Chromium,
one finding opened.

    python docs/make_screenshot.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "html-report.png")
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("no chromium binary: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lint",
                "check",
                "seeds/eastern-herald-blinken-central-asia.txt",
                "--date",
                "2023-02-28",
                "--format",
                "html",
                "--no-cache",
                "-o",
                str(page_path),
            ],
            cwd=ROOT,
            check=False,  # exit 1: the seed has findings, on purpose
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 760}, device_scale_factor=1)
            page.goto(page_path.as_uri())
            page.locator("mark.hl", has_text="isolate Russia to invade").first.click()
            page.evaluate("window.scrollTo(0, 0)")
            page.locator("mark.hl", has_text="isolate Russia to invade").first.click()
            page.screenshot(path=str(args.out))
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
