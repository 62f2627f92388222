"""Fixtures of the browser tests (issue 18): the local server's HTTP API,
its outbox, a headless Debian Chromium driven by Selenium, axe-core, and
the artifacts every page leaves (screenshots at 1280 and 375 px, axe
results, page weights, time to first byte).

scripts/browser/run starts the server and sets UOME_BASE and
UOME_ARTIFACTS; conftest reads nothing else.
"""
import json
import os
import pathlib
import re
import time
import urllib.error
import urllib.request
import uuid

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = os.environ["UOME_BASE"].rstrip("/")
ARTIFACTS = pathlib.Path(os.environ["UOME_ARTIFACTS"])
PASSWORD = "correct horse battery staple"


def call(method, path, body=None, token=None, expect=(200, 201, 202, 204)):
    """One JSON API call; fails the test on an unexpected status."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read()
    assert status in expect, f"{method} {path} answered {status}: {raw[:500]!r}"
    return json.loads(raw) if raw else None


def link_in_mail(to, path):
    """The newest emailed link to `path` (…/verify-email, /portal…) for `to`."""
    for _ in range(50):
        mails = [m for m in call("GET", "/_local/outbox") if to in m["to"]]
        for mail in reversed(mails):
            found = re.search(re.escape(BASE + path) + r"\?token=[A-Za-z0-9_\-]+", mail["text"])
            if found:
                return found.group(0)
        time.sleep(0.1)  # jobs send some mail a tick later
    raise AssertionError(f"no mail to {to} links {path}")


class Business:
    """A verified owner with a company, ready to send documents."""

    def __init__(self, tag):
        self.email = f"owner-{tag}-{uuid.uuid4().hex[:8]}@example.com"
        call("POST", "/v1/auth/signup", {
            "first_name": "Olivia", "last_name": "Owner", "email": self.email,
            "password": PASSWORD, "company_name": f"Alpenblick {tag} GmbH",
        })
        token = link_in_mail(self.email, "/verify-email").split("token=")[1]
        call("POST", "/v1/auth/verify-email", {"token": token})
        self.token = call("POST", "/v1/auth/login",
                          {"email": self.email, "password": PASSWORD})["access_token"]

    def api(self, method, path, body=None, expect=(200, 201, 202, 204)):
        return call(method, path, body, self.token, expect)

    def contact(self, with_address=True):
        body = {
            "type": "company", "company_name": "Client & Söhne AG", "roles": ["customer"],
            "email": f"client-{uuid.uuid4().hex[:8]}@example.com",
        }
        if with_address:
            body["billing_address"] = {"line1": "Bahnhofstrasse 1", "postal_code": "8001",
                                       "city": "Zürich", "country_code": "CH"}
        return self.api("POST", "/v1/contacts", body)


@pytest.fixture(scope="session")
def artifacts():
    for sub in ("screenshots", "axe"):
        (ARTIFACTS / sub).mkdir(parents=True, exist_ok=True)
    report = {"pages": {}}
    yield report
    (ARTIFACTS / "report.json").write_text(json.dumps(report, indent=2, sort_keys=True))


@pytest.fixture
def downloads(tmp_path):
    return tmp_path


@pytest.fixture
def driver(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("UOME_CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=1280,900", "--lang=en-GB"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True,
    })
    service = Service(executable_path=os.environ.get("UOME_CHROMEDRIVER", "/usr/bin/chromedriver"))
    drv = webdriver.Chrome(options=options, service=service)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture
def check_page(driver, artifacts):
    """Checks the page the browser shows and keeps its artifacts: no
    serious or critical axe violation, no page over 100 KB (HTML and
    stylesheet), no horizontal scrolling at 375 px nor at 640 px (1280 px
    at 200 % zoom), screenshots at 1280 and 375 px, and the time to first
    byte."""

    def check(name):
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        (ARTIFACTS / "axe" / f"{name}.json").write_text(json.dumps(results["violations"], indent=2))
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        html = driver.execute_script("return document.documentElement.outerHTML")
        css = driver.execute_script(
            "return [...document.styleSheets].map(s => [...s.cssRules].map(r => r.cssText).join('\\n')).join('\\n')")
        timing = driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n ? {ttfb: n.responseStart - n.requestStart, bytes: n.transferSize} : null")
        # 640 px is 1280 px at 200 % zoom: it must reflow just as well.
        driver.set_window_size(640, 800)
        zoomed = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        overflow = None
        for width in (1280, 375):
            # The whole page: the window as tall as the page at this width.
            driver.set_window_size(width, 800)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height + 140, 800), 6000))
            driver.execute_script("window.scrollTo(0, 0)")
            if width == 375:
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            driver.save_screenshot(str(ARTIFACTS / "screenshots" / f"{name}-{width}.png"))
        driver.set_window_size(1280, 900)
        weight = len(html.encode()) + len(css.encode())
        artifacts["pages"][name] = {
            "url": re.sub(r"token=[^&]+", "token=…", driver.current_url),
            "html_bytes": len(html.encode()), "css_bytes": len(css.encode()),
            "ttfb_ms": timing and round(timing["ttfb"], 2),
            "axe_violations": [{"id": v["id"], "impact": v.get("impact")} for v in results["violations"]],
            "axe_passes": len(results["passes"]),
        }
        assert not bad, f"{name}: axe found {[(v['id'], v['impact']) for v in bad]}"
        assert weight < 100 * 1024, f"{name} weighs {weight} bytes"
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at 375 px"
        assert zoomed <= 0, f"{name} scrolls sideways by {zoomed} px at 200 % zoom"

    return check


@pytest.fixture
def business(request):
    return Business(re.sub(r"\W", "", request.node.name)[-12:])
