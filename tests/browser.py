"""Open a page in Debian's headless chromium (through its chromedriver) and say what a person would see.

    python -m tests.browser PAGE.html SHOT.png [CSS-SELECTOR]   # a screenshot, scrolled to the selector
    python -m tests.browser --readme out docs/img                # the README's pictures (make readme-images)

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


def readme_pictures(out_dir: str | Path, img_dir: str | Path) -> list[Path]:
    """The README's pictures from a run's outputs: the top of the report, its review queue, and the
    first review crop of a page (PNG)."""
    import csv
    from PIL import Image
    out_dir, img_dir = Path(out_dir), Path(img_dir)
    img_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for name, selector in (("report.png", None), ("report-review.png", "#review tr.png")):
        target = img_dir / name
        open_page(out_dir / "report.html", target, selector, height=900)
        made.append(target)
    with open(out_dir / "review.csv", newline="", encoding="utf-8") as f:
        crop = next((r["image"] for r in csv.DictReader(f) if r["image"].endswith(".png")), "")
    if crop:
        made.append(img_dir / "review-crop.png")
        shutil.copyfile(out_dir / crop, made[-1])
    for path in made:       # a 64-colour palette: the screenshots are text and thin lines
        Image.open(path).convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=64).save(path, optimize=True)
    return made


if __name__ == "__main__":
    if sys.argv[1] == "--readme":                      # python -m tests.browser --readme out docs/img
        print("\n".join(str(p) for p in readme_pictures(sys.argv[2], sys.argv[3])))
        sys.exit(0)
    seen = open_page(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    print(f"{seen.charts} charts, {sum(ok for _, ok in seen.images)}/{len(seen.images)} images, "
          f"{len(seen.console)} console message(s)")
