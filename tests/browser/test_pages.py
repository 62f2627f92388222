"""The pages behind the emailed links, clicked through in a real browser
(issue 18): what a business owner and their client do, end to end on the
local server, with the business's side checked through the JSON API."""
import pathlib
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE, PASSWORD, Business, call, link_in_mail


def h1(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def digits(amount):
    return re.sub(r"\D", "", amount)


def replaced(old):
    """Whether the page holding `old` has been replaced. Mid-navigation
    chromedriver may report the old node as "does not belong to the
    document" (a plain WebDriverException) instead of a stale element:
    the same fact, so both count."""
    def check(_driver):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    return check


def navigate(driver, element):
    """Clicks `element` and waits until the next page has replaced this
    one (a click returns before the navigation it starts has finished)."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(replaced(old))
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def submit(driver, form_action):
    navigate(driver, driver.find_element(
        By.CSS_SELECTOR, f"form[action='{form_action}'] button[type=submit]"))


def test_sign_up_then_verify_in_the_browser(driver, check_page):
    email = f"new-{time.time_ns()}@example.com"
    call("POST", "/v1/auth/signup", {"first_name": "Vera", "last_name": "Verify", "email": email,
                                     "password": PASSWORD, "company_name": "Vera's Bakery"})
    link = link_in_mail(email, "/verify-email")
    driver.get(link)
    assert h1(driver) == "Email address verified"
    assert email in driver.page_source
    check_page("verify-email")
    me = call("POST", "/v1/auth/login", {"email": email, "password": PASSWORD})
    assert me["user"]["email_verified"] is True
    # The link is single-use: a second visit says so, as a page.
    driver.get(link)
    assert h1(driver) == "This link cannot be used"
    check_page("verify-email-used")


def test_forgot_password_then_reset_through_the_page(driver, check_page, business):
    call("POST", "/v1/auth/forgot-password", {"email": business.email})
    driver.get(link_in_mail(business.email, "/reset-password"))
    assert h1(driver) == "Choose a new password"
    check_page("reset-password")
    # A password the policy refuses: the error sits beside its field.
    driver.find_element(By.NAME, "password").send_keys("short")
    driver.find_element(By.NAME, "confirm").send_keys("short")
    submit(driver, "/reset-password")
    field = driver.find_element(By.NAME, "password")
    assert field.get_attribute("aria-invalid") == "true"
    error = driver.find_element(By.ID, field.get_attribute("aria-describedby").split()[-1])
    assert "at least 10 characters" in error.text
    check_page("reset-password-error")
    new_password = "a much better passphrase 42"
    driver.find_element(By.NAME, "password").send_keys(new_password)
    driver.find_element(By.NAME, "confirm").send_keys(new_password)
    submit(driver, "/reset-password")
    assert h1(driver) == "Your password is changed"
    check_page("reset-password-done")
    call("POST", "/v1/auth/login", {"email": business.email, "password": new_password})
    call("POST", "/v1/auth/login", {"email": business.email, "password": PASSWORD}, expect=(401,))


def test_client_approves_the_emailed_quote(driver, check_page, business):
    contact = business.contact()
    quote = business.api("POST", "/v1/quotes", {"contact_id": contact["id"], "lines": [
        {"description": "Garden design", "quantity": "3", "unit_price": "120.00", "tax_rate": "8.1"},
        {"description": "Plants", "quantity": "10", "unit_price": "12.50", "tax_rate": "2.6"},
    ]})
    business.api("POST", f"/v1/quotes/{quote['id']}/send", {})
    link = link_in_mail(contact["email"], "/portal")
    driver.get(link)
    # The token is exchanged for a cookie and leaves the address bar.
    assert urllib.parse.urlparse(driver.current_url).path == "/portal"
    assert "token=" not in driver.current_url
    cookie = driver.get_cookie("uome_portal")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert cookie["secure"] is False  # plain http://127.0.0.1 (docs/web.md)
    check_page("portal-home")
    navigate(driver, driver.find_element(By.LINK_TEXT, quote["number"] or "View"))
    assert "Garden design" in driver.page_source and "Plants" in driver.page_source
    shown = driver.find_element(By.CSS_SELECTOR, "dd.total").text
    assert digits(shown) == digits(quote["total"]), (shown, quote["total"])
    check_page("portal-quote")
    submit(driver, f"/portal/quotes/{quote['id']}/approve")
    assert "the quote is approved" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    approved = business.api("GET", f"/v1/quotes/{quote['id']}")
    assert approved["status"] == "approved" and approved["invoice_id"]
    invoice = business.api("GET", f"/v1/invoices/{approved['invoice_id']}")
    assert invoice["total"] == quote["total"]


def test_client_downloads_the_invoice_pdf(driver, check_page, business, downloads):
    contact = business.contact()
    invoice = business.api("POST", "/v1/invoices", {"contact_id": contact["id"], "lines": [
        {"description": "Consulting", "quantity": "2", "unit_price": "100.00"}]})
    business.api("POST", f"/v1/invoices/{invoice['id']}/send", {})
    driver.get(link_in_mail(contact["email"], "/portal"))
    navigate(driver, driver.find_element(By.CSS_SELECTOR, f"a[href='/portal/invoices/{invoice['id']}']"))
    assert h1(driver).startswith("Invoice")
    assert driver.find_element(By.CSS_SELECTOR, "dd.due").text
    check_page("portal-invoice")
    driver.find_element(By.CSS_SELECTOR, f"a[href='/portal/invoices/{invoice['id']}/pdf']").click()
    for _ in range(100):
        pdfs = [p for p in pathlib.Path(downloads).glob("*.pdf")]
        if pdfs and not list(pathlib.Path(downloads).glob("*.crdownload")):
            break
        time.sleep(0.1)
    assert pdfs, "no PDF was downloaded"
    assert pdfs[0].read_bytes().startswith(b"%PDF-")


def test_a_swiss_invoice_shows_its_qr_bill(driver, check_page, business):
    business.api("PUT", "/v1/account/company", {
        "name": "Robert Schneider AG", "default_currency": "CHF",
        "address": {"line1": "Rue du Lac 1268", "postal_code": "2501", "city": "Biel", "country_code": "CH"}})
    business.api("PUT", "/v1/account/bank", {
        "account_name": "Robert Schneider AG", "institution": "PostFinance", "iban": "CH4431999123000889012"})
    contact = business.contact()
    invoice = business.api("POST", "/v1/invoices", {"contact_id": contact["id"], "currency": "CHF", "lines": [
        {"description": "Consulting", "quantity": "1", "unit_price": "1949.75"}]})
    business.api("POST", f"/v1/invoices/{invoice['id']}/send", {})
    driver.get(link_in_mail(contact["email"], "/portal"))
    navigate(driver, driver.find_element(By.CSS_SELECTOR, f"a[href='/portal/invoices/{invoice['id']}']"))
    qr = driver.find_element(By.CSS_SELECTOR, ".qr-bill svg")
    assert qr.size["width"] > 100, qr.size
    text = driver.find_element(By.CSS_SELECTOR, ".qr-bill").text
    assert "CH44 3199 9123 0008 8901 2" in text and "1 949.75" in text, text
    check_page("portal-invoice-qr-bill")


def test_client_gives_the_requested_address(driver, check_page, business):
    contact = business.contact(with_address=False)
    invoice = business.api("POST", "/v1/invoices", {"contact_id": contact["id"], "lines": [
        {"description": "Repair", "quantity": "1", "unit_price": "80.00"}]})
    business.api("POST", f"/v1/invoices/{invoice['id']}/issue", {})
    business.api("POST", f"/v1/invoices/{invoice['id']}/address-request", {})
    driver.get(link_in_mail(contact["email"], "/portal"))
    navigate(driver, driver.find_element(By.LINK_TEXT, "Give your address"))
    check_page("portal-address")
    driver.find_element(By.NAME, "line1").send_keys("Rue du Lac 5")
    submit(driver, "/portal/address")
    country = driver.find_element(By.NAME, "country_code")
    assert country.get_attribute("aria-invalid") == "true"
    check_page("portal-address-error")
    driver.find_element(By.NAME, "postal_code").send_keys("1003")
    driver.find_element(By.NAME, "city").send_keys("Lausanne")
    driver.find_element(By.NAME, "country_code").send_keys("ch")
    submit(driver, "/portal/address")
    assert "address is saved" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    saved = business.api("GET", f"/v1/contacts/{contact['id']}")["billing_address"]
    assert saved["line1"] == "Rue du Lac 5" and saved["country_code"] == "CH"


def test_client_orders_from_the_catalogue(driver, check_page, business):
    business.api("PUT", "/v1/account/settings/purchase-orders", {"status": "A"})
    item = business.api("POST", "/v1/items", {"name": "Firewood (stere)", "sales_price": "95.00"})
    contact = business.contact()
    token = business.api("POST", f"/v1/contacts/{contact['id']}/portal-token")
    driver.get(token["url"])
    navigate(driver, driver.find_element(By.LINK_TEXT, "Order from the catalogue"))
    check_page("portal-catalogue")
    driver.find_element(By.NAME, f"qty_{item['id']}").send_keys("2")
    submit(driver, "/portal/orders")
    assert "order is placed" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    # (The same form sent twice places one order: functions/web/tests/pages.rs.)
    orders = business.api("GET", f"/v1/orders?contact_id={contact['id']}")["data"]
    assert len(orders) == 1 and orders[0]["total"] == "190.00", orders


def test_a_link_clicked_on_another_site_still_signs_in(driver, business):
    contact = business.contact()
    token = business.api("POST", f"/v1/contacts/{contact['id']}/portal-token")
    # A webmail's page on another origin: the click is a cross-site
    # navigation, whose redirect the browser sends without the Strict cookie.
    driver.get("data:text/html,<a id=go href='" + token["url"] + "'>open</a>")
    driver.find_element(By.ID, "go").click()
    for _ in range(50):
        if h1(driver).startswith("Hello"):
            break
        time.sleep(0.1)
    assert h1(driver).startswith("Hello"), driver.page_source[:500]


def test_sign_out_ends_the_session(driver, business):
    contact = business.contact()
    token = business.api("POST", f"/v1/contacts/{contact['id']}/portal-token")
    driver.get(token["url"])
    assert h1(driver).startswith("Hello")
    submit(driver, "/portal/sign-out")
    assert h1(driver) == "You are signed out"
    assert driver.get_cookie("uome_portal") is None
    driver.get(BASE + "/portal")
    assert h1(driver) == "This link has expired"


def test_pages_send_their_security_headers(business):
    contact = business.contact()
    token = business.api("POST", f"/v1/contacts/{contact['id']}/portal-token")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(token["url"])
        raise AssertionError("the token exchange did not redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303 and answer.headers["Location"] == "/portal"
        set_cookie = answer.headers["Set-Cookie"]
        assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie and "Path=/portal" in set_cookie
        headers = answer.headers
    for name, value in [("Content-Security-Policy", "default-src 'none'"),
                        ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")]:
        assert value in (headers[name] or ""), (name, headers[name])
    # A bad token is a page, never a JSON problem.
    try:
        urllib.request.urlopen(BASE + "/portal?token=not-a-token")
        raise AssertionError("a bad token was accepted")
    except urllib.error.HTTPError as answer:
        assert answer.code == 401
        assert answer.headers["Content-Type"].startswith("text/html")
