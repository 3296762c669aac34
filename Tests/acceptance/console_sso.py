"""Single sign-on to the web console (issue 19): `muster serve` against a strict fake OpenID Connect provider that
signs its ID tokens RS256 with PyJWT, checks PKCE (S256) at its token endpoint and lets a test make any part of a
token wrong. Headless Chromium signs a lead in through it; plain HTTP walks every refusal.

Run through run.sh, after chat_platforms.py, on a copy of the same store.
"""
import argparse
import base64
import hashlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from chat_fakes import FakeService, Refused, _json, media_type, strict_form
from chat_platforms import BINS_TITLE, NOW

OPTIONS = None
CLIENT_ID = "5e1f0c7a-3b9d-4d2e-8f6a-1c2b3d4e5f60"
CLIENT_SECRET = "nb~SSO.acceptance-client-secret_0123"
LEAD = {"sub": "00000000-0000-0000-0000-00000000a1e4", "preferred_username": "priya.shah@northbridge.example", "name": "Priya Shah",
        "roles": ["Muster.Lead"]}
OFFICER = {"sub": "00000000-0000-0000-0000-0000000000f1", "preferred_username": "sam.jones@northbridge.example", "name": "Sam Jones",
           "roles": ["Muster.Officer", "Staff.All"]}
PROVIDER = SERVER = None


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class IdentityProvider(FakeService):
    """An OpenID Connect provider as Entra ID behaves for the authorization code flow with PKCE.

    - `GET /nb/v2.0/.well-known/openid-configuration`, `GET /nb/keys`: discovery and the RS256 signing key.
    - `GET /nb/authorize`: checks what Muster asks for, then signs `person` in at once (no login page) and redirects
      back with a one-time code; with no `person`, redirects back with `error=access_denied`.
    - `POST /nb/token`: the code exchange: client id and secret, the same redirect URI, the code verifier whose
      S256 hash is the challenge the code was issued for; answers an ID token made from `person` and `tamper`.
    """

    name = "identity provider"

    def __init__(self):
        super().__init__()
        self.issuer = self.base + "/nb/v2.0"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "nb-sso-" + secrets.token_hex(4)
        self.person = None
        self.tamper = {}      # claims to change in the next ID token; "_key": sign with the stranger's key
        self.redirect_uri = None
        self.codes = {}       # code → what it was issued for

    def handle(self, record):
        url = urllib.parse.urlsplit(record.path)
        path, query = url.path, dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if record.method == "GET" and path == "/nb/v2.0/.well-known/openid-configuration":
            return _json(200, {"issuer": self.issuer, "authorization_endpoint": self.base + "/nb/authorize",
                               "token_endpoint": self.base + "/nb/token", "jwks_uri": self.base + "/nb/keys",
                               "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"],
                               "id_token_signing_alg_values_supported": ["RS256"]})
        if record.method == "GET" and path == "/nb/keys":
            key = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
            return _json(200, {"keys": [dict(key, kid=self.kid, use="sig", alg="RS256")]})
        if record.method == "GET" and path == "/nb/authorize":
            return self._authorize(record, query)
        if path == "/nb/token":
            return self._token(record)
        raise Refused(404, b'{"error": "not_found"}', f"no such endpoint {record.method} {path}")

    def _authorize(self, record, query):
        record.data = query
        expected = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": self.redirect_uri, "code_challenge_method": "S256"}
        for name, value in expected.items():
            if query.get(name) != value:
                raise Refused(400, b'{"error": "invalid_request"}', f"authorize: {name} is {query.get(name)!r}, not {value!r}")
        if "openid" not in query.get("scope", "").split():
            raise Refused(400, b'{"error": "invalid_scope"}', "authorize: the scope lacks openid")
        for name in ("state", "nonce", "code_challenge"):
            if len(query.get(name, "")) < 32:
                raise Refused(400, b'{"error": "invalid_request"}', f"authorize: {name} is missing or short")
        back = {"state": query["state"]}
        if self.person is None:
            back.update(error="access_denied", error_description="AADSTS50105: the signed in user is not assigned to a role for the application.")
        else:
            code = secrets.token_urlsafe(32)
            with self.lock:
                self.codes[code] = {"challenge": query["code_challenge"], "nonce": query["nonce"], "person": dict(self.person),
                                    "redirect_uri": query["redirect_uri"]}
            back["code"] = code
        return 302, {"Location": query["redirect_uri"] + "?" + urllib.parse.urlencode(back)}, b""

    def _token(self, record):
        def refuse(status, error, description):
            raise Refused(status, json.dumps({"error": error, "error_description": description}).encode(), f"token: {error}: {description}")

        if record.method != "POST" or media_type(record) != "application/x-www-form-urlencoded":
            refuse(400, "invalid_request", "the token endpoint takes a form POST")
        form = record.data = strict_form(record.body)
        if form.get("grant_type") != "authorization_code":
            refuse(400, "unsupported_grant_type", f"grant_type {form.get('grant_type')!r}")
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            refuse(401, "invalid_client", "wrong client id or secret")
        with self.lock:
            issued = self.codes.pop(form.get("code", ""), None)
        if issued is None:
            refuse(400, "invalid_grant", "the code is unknown or was used already")
        if form.get("redirect_uri") != issued["redirect_uri"]:
            refuse(400, "invalid_grant", "redirect_uri differs from the authorization request's")
        if b64url(hashlib.sha256(form.get("code_verifier", "").encode()).digest()) != issued["challenge"]:
            refuse(400, "invalid_grant", "AADSTS501481: the code_verifier does not match the code_challenge")
        now = int(time.time())
        claims = dict(issued["person"], iss=self.issuer, aud=CLIENT_ID, iat=now, nbf=now, exp=now + 3600, nonce=issued["nonce"])
        tamper = dict(self.tamper)
        key = self.stranger if tamper.pop("_key", None) else self.key
        for name, value in tamper.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
        return _json(200, {"token_type": "Bearer", "id_token": token, "access_token": secrets.token_urlsafe(32), "expires_in": 3600})


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, store, port, environment):
        self.store, self.port, self.environment = store, port, environment
        self.base = f"http://127.0.0.1:{port}"

    def start(self):
        self.log = open(self.store + ".log", "ab")
        self.process = subprocess.Popen([OPTIONS.muster, "serve", "--port", str(self.port), "--store", self.store, "--now", NOW],
                                        cwd=OPTIONS.root, env=self.environment, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = ""
        while "http://127.0.0.1:" not in line:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"muster serve exited with {self.process.returncode}; see {self.store}.log")

    def stop(self):
        self.process.terminate()
        code = self.process.wait(timeout=20)
        self.process.stdout.close()
        self.log.close()
        assert code == 0, f"muster serve exited with {code} on SIGTERM"


def setUpModule():
    global PROVIDER, SERVER
    PROVIDER = IdentityProvider()
    store = os.path.join(os.path.dirname(OPTIONS.store), "sso.sqlite")
    with sqlite3.connect(OPTIONS.store) as source, sqlite3.connect(store) as copy:
        source.backup(copy)
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("MUSTER_")}
    env.update({"MUSTER_PUBLIC_URL": f"http://127.0.0.1:{port}", "MUSTER_OIDC_ISSUER": PROVIDER.issuer, "MUSTER_OIDC_CLIENT_ID": CLIENT_ID,
                "MUSTER_OIDC_CLIENT_SECRET": CLIENT_SECRET, "MUSTER_OIDC_LABEL": "Northbridge staff account"})
    PROVIDER.redirect_uri = f"http://127.0.0.1:{port}/login/sso/callback"
    SERVER = Server(store, port, env)
    SERVER.start()


def tearDownModule():
    try:
        SERVER.stop()
    finally:
        PROVIDER.stop()


def store_rows(sql, *arguments):
    with sqlite3.connect(f"file:{SERVER.store}?mode=ro", uri=True) as db:
        return db.execute(sql, arguments).fetchall()


class Browserless:
    """A cookie-keeping HTTP client that does not follow redirects, so each hop can be looked at (and changed)."""

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._Stay())

    def request(self, url, data=None, headers=None):
        request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def cookie(self, name):
        return next((cookie for cookie in self.jar if cookie.name == name), None)

    def sign_in(self, person, tamper=None, change_state=False):
        """Muster → the provider → back with the code; returns the callback's (status, headers, body)."""
        PROVIDER.person, PROVIDER.tamper = person, tamper or {}
        status, headers, _ = self.request(SERVER.base + "/login/sso")
        assert status == 302, status
        status, headers, body = self.request(headers["Location"])
        assert status == 302, (status, body, PROVIDER.describe_refusals())
        back = headers["Location"]
        if change_state:
            back = re.sub(r"state=[^&]+", "state=" + secrets.token_urlsafe(32), back)
        return self.request(back)


class SingleSignOnTests(unittest.TestCase):
    def test_a_lead_signs_in_through_the_identity_provider_in_chromium_and_asks(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as until
        from selenium.webdriver.support.ui import WebDriverWait
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
        self.addCleanup(driver.quit)
        wait = WebDriverWait(driver, 60)
        PROVIDER.person, PROVIDER.tamper = LEAD, {}

        driver.get(SERVER.base + "/")
        wait.until(until.url_contains("/login"))
        button = driver.find_element(By.ID, "sso")
        self.assertIn("Northbridge staff account", button.text)
        button.click()
        wait.until(until.text_to_be_present_in_element((By.CSS_SELECTOR, ".who"), f"Signed in as {LEAD['preferred_username']}"))
        cookie = driver.get_cookie("muster_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertIsNone(driver.get_cookie("muster_sso"), "the sign-in's own cookie is gone once it is used")

        box = driver.find_element(By.ID, "message")
        box.send_keys("what are people saying about bins in Ward 4?")
        driver.find_element(By.CSS_SELECTOR, "#ask button").click()
        wait.until(until.text_to_be_present_in_element((By.ID, "log"), BINS_TITLE))
        screenshot = os.path.join(OPTIONS.root, ".build", "console-sso-test.png")
        driver.save_screenshot(screenshot)
        print(f"\n  console screenshot (single sign-on): {screenshot}", file=sys.stderr)

        audit = store_rows("SELECT user, action, detail FROM audit WHERE user = ?", LEAD["preferred_username"])
        self.assertIn((LEAD["preferred_username"], "sign in", "through single sign-on as lead"), audit)
        self.assertIn((LEAD["preferred_username"], "ask", "what are people saying about bins in Ward 4?"), audit, "the audit names the person")
        self.assertEqual(store_rows("SELECT role, password_hash FROM console_account WHERE name = ?", LEAD["preferred_username"]), [("lead", "")])
        exchange = PROVIDER.requests(lambda r: r.path == "/nb/token", accepted=True)[-1]
        self.assertEqual(len(exchange.data["code_verifier"]), 43, "PKCE: a 256-bit verifier, sent only to the token endpoint")

    def test_an_officer_gets_an_officers_limits_and_a_role_changed_at_the_provider_changes_here(self):
        client = Browserless()
        status, headers, body = client.sign_in(OFFICER)
        self.assertEqual(status, 303, body)
        self.assertEqual(headers["Location"], "/")
        self.assertIsNotNone(client.cookie("muster_session"))
        status, _, page = client.request(SERVER.base + "/")
        self.assertIn(f"Signed in as <b>{OFFICER['preferred_username']}</b> (officer)", page)
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
        rumours = store_rows("SELECT key, status FROM rumour ORDER BY key")
        status, _, reply = client.request(SERVER.base + "/api/ask", json.dumps({"message": "mark rumour 1 false: there was never a fire"}).encode(),
                                          {"Content-Type": "application/json", "X-CSRF-Token": token, "Origin": SERVER.base})
        self.assertEqual(status, 200, reply)
        self.assertIn("Only a comms lead or an admin", reply)
        self.assertEqual(store_rows("SELECT key, status FROM rumour ORDER BY key"), rumours)

        promoted = dict(OFFICER, roles=["Muster.Lead", "Muster.Officer"])
        status, _, body = Browserless().sign_in(promoted)
        self.assertEqual(status, 303, body)
        self.assertEqual(store_rows("SELECT role FROM console_account WHERE name = ?", OFFICER["preferred_username"]), [("lead",)],
                         "the highest role the provider gives, as of this sign-in")

    def test_refused_sign_ins_start_no_session_and_say_why(self):
        cases = {
            "no Muster role": (dict(OFFICER, preferred_username="kim@northbridge.example", roles=["Staff.All"]), {}, False, 403, "no Muster role"),
            "state changed": (OFFICER, {}, True, 400, "does not belong to the sign-in this browser started"),
            "signed by another key": (OFFICER, {"_key": True}, False, 401, "signature"),
            "for another application": (OFFICER, {"aud": "another-app"}, False, 401, "not this application"),
            "from another issuer": (OFFICER, {"iss": "https://login.evil.example/v2.0"}, False, 401, "issuer"),
            "expired": (OFFICER, {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, False, 401, "expired"),
            "another sign-in's nonce": (OFFICER, {"nonce": "a-nonce-from-another-sign-in-0123456789"}, False, 401, "nonce"),
            "no subject": (OFFICER, {"sub": None}, False, 401, "subject"),
            "refused at the provider": (None, {}, False, 401, "did not let you in"),
        }
        for name, (person, tamper, change_state, expected, words) in cases.items():
            with self.subTest(name):
                client = Browserless()
                status, _, body = client.sign_in(person, tamper, change_state)
                self.assertEqual(status, expected, body[:400])
                self.assertIn(words, body)
                self.assertIsNone(client.cookie("muster_session"), "no session")
        self.assertEqual(store_rows("SELECT count(*) FROM console_account WHERE name = 'kim@northbridge.example'"), [(0,)])
        refused = [detail for (detail,) in store_rows("SELECT detail FROM audit WHERE action = 'sign-in refused'")]
        self.assertTrue(any("nonce" in detail for detail in refused), refused)

    def test_a_callback_without_the_browsers_sign_in_is_refused_and_sso_accounts_have_no_password(self):
        client = Browserless()
        status, _, body = client.request(SERVER.base + "/login/sso/callback?code=abc&state=def")
        self.assertEqual(status, 400)
        self.assertIn("not started in this browser", body)
        self.assertEqual(Browserless().sign_in(LEAD)[0], 303)
        form = urllib.parse.urlencode({"name": LEAD["preferred_username"], "password": "any password at all, long enough"}).encode()
        status, _, body = client.request(SERVER.base + "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Origin": SERVER.base})
        self.assertEqual(status, 401, "a single sign-on account has no password to guess")
        self.assertIn(("sign-in refused", "signs in through single sign-on"),
                      store_rows("SELECT action, detail FROM audit WHERE user = ?", LEAD["preferred_username"]))


def main():
    global OPTIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--muster", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--root", required=True)
    OPTIONS, rest = parser.parse_known_args()
    program = unittest.main(argv=[sys.argv[0], "-v", *rest], exit=False)
    if PROVIDER and not program.result.wasSuccessful():
        print("\nRequests the identity provider refused:")
        for line in PROVIDER.refusals()[-20:]:
            print(f"  {line}")
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
