"""Headless screenshots of what an analyst sees, with Debian's chromium driven by Playwright
(the pip wheel brings its driver; no browser is downloaded: ``executable_path`` is the system
chromium).

    python scripts/screenshot.py URL OUT.png [--click TEXT ...] [--wait-text TEXT] [--full-page]
                                 [--selector CSS] [--offline]

``--offline`` aborts every request that leaves the machine (anything but file:, data:, blob: and
127.0.0.1 / localhost), names it on stderr and exits 3: proof that a page works without network.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = re.compile(r"^(file:|data:|blob:|about:|https?://(127\.0\.0\.1|localhost)(:\d+)?/)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--click", action="append", default=[], help="text of a button to click")
    parser.add_argument("--keys", action="append", default=[], help="key chord, e.g. Alt+E")
    parser.add_argument("--wait-text", help="wait until this text is on the page")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--selector", help="screenshot only the first element matching this CSS")
    parser.add_argument("--offline", action="store_true", help="block and report remote requests")
    parser.add_argument("--zoom-out", type=int, default=0, help="mouse-wheel steps out")
    parser.add_argument("--width", type=int, default=1800)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("screenshot: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        if args.offline:

            def guard(route):
                if LOCAL.match(route.request.url):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
        page.goto(args.url, wait_until="networkidle", timeout=90_000)
        if args.wait_text:
            page.get_by_text(args.wait_text).first.wait_for(timeout=60_000)
        page.wait_for_timeout(3000)
        for text in args.click:
            target = page.get_by_text(text, exact=True).first
            if target.count():
                target.click()
                page.wait_for_timeout(1500)
        for chord in args.keys:
            page.keyboard.press(chord)
            page.wait_for_timeout(1500)
        for _ in range(args.zoom_out):
            page.mouse.move(args.width * 0.6, args.height * 0.5)
            page.mouse.wheel(0, 400)
            page.wait_for_timeout(300)
        page.wait_for_timeout(2000)
        if args.selector:
            page.locator(args.selector).first.screenshot(path=args.out)
        else:
            page.screenshot(path=args.out, full_page=args.full_page)
        browser.close()
    print(f"screenshot: {args.out}")
    if blocked:
        for url in dict.fromkeys(blocked):
            print(f"screenshot: blocked remote request {url}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
