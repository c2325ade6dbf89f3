"""Open a page in Debian's headless chromium (through its chromedriver) and say what a person would see.

    python -m tests.browser PAGE.html SHOT.png [CSS-SELECTOR]   # a screenshot, scrolled to the selector

Used by the report test, and to take the README's pictures of the report.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# no first-run screens, no network of its own (updates, sync, QUIC), no GPU, no sandbox (root in CI)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")

SEEN = """
const imgs = Array.from(document.images);
return {
  ready: document.readyState,
  images: imgs.map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]),
  charts: document.querySelectorAll('figure.chart svg').length,
  chart_marks: Array.from(document.querySelectorAll('figure.chart svg')).map(s => s.querySelectorAll('path, use').length),
  resources: performance.getEntriesByType('resource').map(r => r.name),
  height: document.documentElement.scrollHeight,
};
"""


@dataclass(frozen=True)
class Seen:
    ready: str
    images: list                  # [src, decoded?]
    charts: int
    chart_marks: list             # drawn elements per chart
    resources: list               # every URL the page fetched
    console: list                 # console messages (level, text)
    height: int


def available() -> str:
    """'' when the browser and its driver are installed, else what is missing."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    return ", ".join(missing)


def open_page(page: str | Path, screenshot: str | Path | None = None, selector: str | None = None,
              width: int = 1400, height: int = 1000) -> Seen:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="recover-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(Path(page).resolve().as_uri())
        seen = driver.execute_script(SEEN)
        console = [(m.get("level", ""), m.get("message", "")) for m in driver.get_log("browser")]
        if screenshot:
            if selector:
                driver.execute_script("document.querySelector(arguments[0]).scrollIntoView()", selector)
            driver.save_screenshot(str(screenshot))
        return Seen(seen["ready"], seen["images"], seen["charts"], seen["chart_marks"], seen["resources"],
                    console, seen["height"])
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    seen = open_page(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    print(f"{seen.charts} charts, {sum(ok for _, ok in seen.images)}/{len(seen.images)} images, "
          f"{len(seen.console)} console message(s)")
