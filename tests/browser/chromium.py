"""One headless Chromium session, driven with Selenium through Debian's chromedriver.

Nothing is downloaded: the browser and driver paths are given explicitly, so Selenium Manager
never runs, and Chromium's own background requests are switched off (the machine has no
network beyond the package registries).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
"""--hide-scrollbars: screenshots and widths as a phone shows them (overlay scrollbars)."""

MAX_SCREENSHOT_HEIGHT = 6000
"""A full-page screenshot stops here (CSS pixels): the chronology is far longer than that."""

# What the page says about itself, read in one round trip.
_PAGE_FACTS = """
const html = document.documentElement;
return {
  url: location.href,
  lang: html.getAttribute('lang'),
  dir: html.getAttribute('dir'),
  bodyDirection: getComputedStyle(document.body).direction,
  htmlDirection: getComputedStyle(html).direction,
  scrollWidth: html.scrollWidth,
  innerWidth: window.innerWidth,
  clientWidth: html.clientWidth,
};
"""

# The visible elements that stick out of the viewport sideways, to say what overflows.
_OVERFLOWING = """
const limit = window.innerWidth, found = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height || (r.right <= limit + 1 && r.left >= -1)) continue;
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden' || s.display === 'none') continue;
  if (el.closest('.md-sidebar, .md-search, [hidden]')) continue;  // off-canvas by design
  let name = el.tagName.toLowerCase();
  if (el.id) name += '#' + el.id;
  if (el.classList.length) name += '.' + [...el.classList].join('.');
  found.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  if (found.length >= 10) break;
}
return found;
"""

# Web fonts loaded and CSS transitions over (Material fades the tabs in one by one), so that
# screenshots and colour checks see the page at rest. Endless animations are not waited for.
_SETTLED = """
const done = arguments[arguments.length - 1];
const finite = () => document.getAnimations().filter(a => a.effect && isFinite(a.effect.getComputedTiming().endTime));
const timeout = new Promise(resolve => setTimeout(resolve, 5000));
document.fonts.ready
  .then(() => Promise.race([Promise.all(finite().map(a => a.finished.catch(() => null))), timeout]))
  .then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))), () => done(false));
"""


class Chromium:
    """A headless Chromium with a fixed-size viewport, for the built site."""

    def __init__(self, chromium: Path, chromedriver: Path, profile: Path, log: Path, *, logs: bool = False) -> None:
        options = webdriver.ChromeOptions()
        if logs:  # driver.get_log("browser"): the console; ("performance"): every request, its bytes
            options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.binary_location = str(chromium)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument("--window-size=1280,900")
        # Selenium Manager is never needed with an explicit driver; keep it offline regardless.
        os.environ.setdefault("SE_OFFLINE", "true")
        service = Service(executable_path=str(chromedriver), log_output=str(log))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(120)

    def close(self) -> None:
        self.driver.quit()

    # -- viewport and navigation -------------------------------------------------------------

    def set_viewport(self, width: int, height: int) -> None:
        """The layout viewport exactly `width` x `height` CSS pixels, whatever the window."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def open(self, url: str) -> None:
        """Load a page and wait until it, its web fonts and its transitions are done."""
        self.driver.get(url)
        self.wait_until_ready()

    def wait_until_ready(self) -> None:
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )
        self.driver.execute_async_script(_SETTLED)

    @property
    def url(self) -> str:
        return self.driver.current_url

    def facts(self) -> dict[str, Any]:
        return self.driver.execute_script(_PAGE_FACTS)

    def overflowing_elements(self) -> list[str]:
        return self.driver.execute_script(_OVERFLOWING)

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def run_async(self, script: str, *args: Any) -> Any:
        return self.driver.execute_async_script(script, *args)

    # -- the language selector -----------------------------------------------------------------

    def choose_language(self, lang: str) -> None:
        """Pick `lang` in Material's language selector as a reader would, and wait for the page.

        The selector's links sit in a menu that opens when the header's language button is
        hovered or has focus: press the button (as a tap on a phone does), wait for the menu
        to finish opening, click the language's link, and wait for the next page.
        """
        link = self.driver.find_element(By.CSS_SELECTOR, f'.md-select__link[hreflang="{lang}"]')
        button = self.driver.execute_script("return arguments[0].closest('.md-select').querySelector('button');", link)
        assert button is not None and button.is_displayed(), "the language selector's button is not shown"
        before = self.url
        ActionChains(self.driver).move_to_element(button).click().perform()
        try:
            WebDriverWait(self.driver, 5).until(lambda d: _clickable(link))
        except TimeoutException:
            raise AssertionError(f"the language menu did not open: its {lang!r} link stayed hidden") from None
        link.click()
        WebDriverWait(self.driver, 30).until(lambda d: d.current_url != before)
        self.wait_until_ready()

    # -- screenshots ---------------------------------------------------------------------------

    def screenshot(self, path: Path, max_height: int = MAX_SCREENSHOT_HEIGHT) -> None:
        """A PNG of the whole page (down to `max_height` CSS pixels) at the current width."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        viewport = metrics["cssLayoutViewport"]
        content = metrics["cssContentSize"]
        clip = {
            "x": 0,
            "y": 0,
            "width": viewport["clientWidth"],
            "height": min(max(content["height"], viewport["clientHeight"]), max_height),
            "scale": 1,
        }
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))


def _clickable(element: WebElement) -> bool:
    """Shown and no longer fading in (Material animates the menu's opacity)."""
    if not element.is_displayed():
        return False
    return element.parent.execute_script(
        "let e = arguments[0];"
        "for (; e; e = e.parentElement) if (parseFloat(getComputedStyle(e).opacity) < 1) return false;"
        "return true;",
        element,
    )
