"""Chat-platform acceptance tests: `muster serve` answering real signed requests from Slack, Teams, Mattermost and
the generic webhook, and its outbox delivering to a fake chat service that fails, throttles and goes away.

Signatures come from the platforms' own clients or are computed here independently (Teams); Block Kit payloads go
through slack_sdk's block models and Adaptive Cards through the official 1.5 JSON schema.
Run through run.sh, which sets up the virtualenv.
"""
import argparse
import base64
import hashlib
import hmac
import importlib.resources
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema
from botbuilder.schema import Activity
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.signature import SignatureVerifier

OPTIONS = None
NOW = "2026-11-24T09:42:00Z"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAMS_TOKEN = base64.b64encode(hashlib.sha256(b"muster acceptance").digest()).decode()
MATTERMOST_TOKEN = "zmigewsanbbsdf59xnmduzypjc"
MATTERMOST_COMMAND_TOKEN = "xr3j5x3p4pfk7kk6ck7b4e6ghh"
WEBHOOK_SECRET = "generic-webhook-secret"
TEAM, CHANNEL, LEAD = "T0NBCOMMS", "C0NBCOMMS", "U0NBLEAD1"
TENANT = "6f1c2a7e-4b1d-4c55-9a0e-5d3b2c1a0f99"
CONSOLE_USER, CONSOLE_PASSWORD = "olive", "olive's long console password"
LATENCY = {}


# --- a fake chat service -------------------------------------------------------------------------------------------

class FakeChat:
    """Records every POST; answers from a per-path script of (status, headers, body), then 200 "ok"."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = {}
        self.script = {}
        chat = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with chat.lock:
                    chat.received.setdefault(self.path, []).append((time.monotonic(), dict(self.headers), body))
                    steps = chat.script.get(self.path, [])
                    status, headers, reply = steps.pop(0) if steps else (200, {}, b"ok")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def requests(self, path):
        with self.lock:
            return list(self.received.get(path, []))

    def wait_for(self, path, count, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.requests(path)) >= count:
                return self.requests(path)
            time.sleep(0.05)
        raise AssertionError(f"{path}: expected {count} deliveries, got {len(self.requests(path))} in {timeout}s")


# --- the service under test ----------------------------------------------------------------------------------------

class Server:
    def __init__(self, environment):
        self.environment = environment
        self.process = None
        self.base = None

    def start(self):
        self.log = open(OPTIONS.store + ".log", "ab")
        self.process = subprocess.Popen(
            [OPTIONS.muster, "serve", "--port", "0", "--store", OPTIONS.store, "--now", NOW],
            cwd=OPTIONS.root, env=self.environment, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = ""
        while "http://127.0.0.1:" not in line:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"muster serve exited with {self.process.returncode}; see {OPTIONS.store}.log")
        self.base = next(word for word in line.split() if word.startswith("http://127.0.0.1:"))

    def stop(self):
        self.process.terminate()
        code = self.process.wait(timeout=20)
        self.process.stdout.close()
        self.log.close()
        assert code == 0, f"muster serve exited with {code} on SIGTERM"


def environment(chat):
    env = dict(os.environ)
    env.update({
        "MUSTER_SLACK_SIGNING_SECRET": SLACK_SECRET, "MUSTER_TEAMS_SECURITY_TOKEN": TEAMS_TOKEN,
        "MUSTER_MATTERMOST_TOKEN": MATTERMOST_TOKEN, "MUSTER_MATTERMOST_COMMAND_TOKEN": MATTERMOST_COMMAND_TOKEN,
        "MUSTER_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "MUSTER_SLACK_WEBHOOK_URL": chat.base + "/hooks/slack", "MUSTER_TEAMS_WORKFLOW_URL": chat.base + "/hooks/teams",
        "MUSTER_MATTERMOST_WEBHOOK_URL": chat.base + "/hooks/mattermost",
    })
    return env


CHAT = None
SERVER = None


def setUpModule():
    global CHAT, SERVER
    CHAT = FakeChat()
    # An officer's console account, so the console asks for sign-in and an officer's limits apply.
    added = muster("users", "add", CONSOLE_USER, "--role", "officer", "--password-stdin", input=CONSOLE_PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    SERVER = Server(environment(CHAT))
    SERVER.start()


def tearDownModule():
    SERVER.stop()
    CHAT.server.shutdown()


def post(path, body, headers, platform=None):
    request = urllib.request.Request(SERVER.base + path, data=body, headers=headers, method="POST")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            result = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        result = error.code, dict(error.headers), error.read()
    if platform and result[0] == 200:
        LATENCY.setdefault(platform, []).append(time.monotonic() - started)
    return result


def store_rows(sql, *arguments):
    with sqlite3.connect(f"file:{OPTIONS.store}?mode=ro", uri=True) as db:
        return db.execute(sql, arguments).fetchall()


def audit_count():
    return store_rows("SELECT count(*) FROM audit")[0][0]


def muster(*arguments, env=None, input=None):
    return subprocess.run([OPTIONS.muster, *arguments, "--store", OPTIONS.store, "--now", NOW], cwd=OPTIONS.root,
                          env=env or environment(CHAT), capture_output=True, text=True, timeout=60, input=input)


# --- platform helpers ----------------------------------------------------------------------------------------------

def slack_headers(body, timestamp=None, content_type="application/json"):
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(signing_secret=SLACK_SECRET).generate_signature(timestamp=timestamp, body=body)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature, "Content-Type": content_type}


def slack_command(text, user=LEAD, channel=CHANNEL, trigger="13345224609.738474920.8088930838d88f008e0"):
    return urllib.parse.urlencode({
        "token": "deprecated", "team_id": TEAM, "team_domain": "northbridge", "channel_id": channel, "channel_name": "comms",
        "user_id": user, "user_name": "priya", "command": "/muster", "text": text,
        "response_url": CHAT.base + "/hooks/response", "trigger_id": trigger, "api_app_id": "A0MUSTER",
    }).encode()


def slack_event(text, event_id, ts, **extra):
    event = {"type": "app_mention", "user": LEAD, "text": f"<@U0MUSTERBOT> {text}", "ts": ts, "channel": CHANNEL, "event_ts": ts}
    event.update(extra)
    return json.dumps({
        "token": "deprecated", "team_id": TEAM, "api_app_id": "A0MUSTER", "type": "event_callback", "event_id": event_id,
        "event_time": int(time.time()), "authorizations": [{"team_id": TEAM, "user_id": "U0MUSTERBOT", "is_bot": True}],
        "event": event,
    }).encode()


def slack_block_errors(blocks):
    """Block Kit checks as slack_sdk's models make them, plus the 50-block limit they do not check."""
    errors = [] if len(blocks) <= 50 else [f"{len(blocks)} blocks > 50"]
    for index, raw in enumerate(blocks):
        block = Block.parse(raw)
        if block is None:
            errors.append(f"{index}: unknown type {raw.get('type')!r}")
            continue
        try:
            block.validate_json()
        except SlackObjectFormationError as error:
            errors.append(f"{index}: {error}")
    return errors


def teams_activity(text, activity_id, user="0b7e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", tenant=TENANT):
    conversation = f"19:nbcomms@thread.tacv2;messageid={activity_id}"
    raw = {
        "type": "message", "id": activity_id, "timestamp": "2026-11-24T09:41:00.000Z", "serviceUrl": "https://smba.trafficmanager.net/uk/",
        "channelId": "msteams", "from": {"id": "29:1abc", "name": "Priya Shah", "aadObjectId": user},
        "conversation": {"isGroup": True, "id": conversation, "conversationType": "channel", "tenantId": tenant},
        "recipient": {"id": "28:muster", "name": "Muster"}, "textFormat": "plain",
        "text": f"<at>Muster</at> {text}\n", "entities": [], "locale": "en-GB",
        "channelData": {"teamsChannelId": "19:nbcomms@thread.tacv2", "teamsTeamId": "19:nbteam@thread.tacv2",
                        "channel": {"id": "19:nbcomms@thread.tacv2"}, "team": {"id": "19:nbteam@thread.tacv2"}, "tenant": {"id": tenant}},
    }
    # The request is a real Bot Framework Activity, as botbuilder reads it.
    assert Activity().deserialize(raw).text.startswith("<at>Muster</at>")
    return json.dumps(raw).encode()


def teams_headers(body, token=TEAMS_TOKEN):
    digest = hmac.new(base64.b64decode(token), body, hashlib.sha256).digest()
    return {"Authorization": "HMAC " + base64.b64encode(digest).decode(), "Content-Type": "application/json"}


def adaptive_card_schema():
    path = importlib.resources.files("adaptive_cards") / "schemas" / "schema-1.5.json"
    return jsonschema.Draft6Validator(json.loads(path.read_text()))


def webhook_headers(body, timestamp=None, secret=WEBHOOK_SECRET):
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v1:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Muster-Timestamp": timestamp, "X-Muster-Signature": "v1=" + digest, "Content-Type": "application/json"}


BINS_TITLE = "Bins and waste in Ward 4 (Riverside) · the last 7 days"


# --- the tests -----------------------------------------------------------------------------------------------------

class SlackTests(unittest.TestCase):
    def test_url_verification_echoes_the_challenge(self):
        body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}).encode()
        status, _, reply = post("/slack/events", body, slack_headers(body))
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(reply)["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")

    def test_slash_command_answers_in_time_with_valid_blocks(self):
        body = slack_command("what are people saying about bins in Ward 4?", trigger="t-slash-1")
        status, _, reply = post("/slack/commands", body, slack_headers(body, content_type="application/x-www-form-urlencoded"), "Slack slash command")
        self.assertEqual(status, 200)
        answer = json.loads(reply)
        self.assertEqual(answer["response_type"], "in_channel")
        self.assertTrue(answer["text"].startswith(BINS_TITLE))
        self.assertEqual(answer["blocks"][0]["text"]["text"], BINS_TITLE)
        self.assertEqual(slack_block_errors(answer["blocks"]), [])
        self.assertIn("*Posts*:", json.dumps(answer["blocks"]))

    def test_forged_stale_future_and_unsigned_requests_get_401_and_change_nothing(self):
        body = slack_command("what are people saying about bins in Ward 4?", trigger="t-forged")
        before = audit_count()
        form = "application/x-www-form-urlencoded"
        forged = dict(slack_headers(body, content_type=form), **{"X-Slack-Signature": "v0=" + "0" * 64})
        # Ten seconds past the five-minute window either way: whole-second timestamps and the time a request takes
        # made a margin of one second fail now and then (a "future" stamp arriving 300.0 s ahead is inside).
        stale = slack_headers(body, timestamp=int(time.time()) - 310, content_type=form)
        future = slack_headers(body, timestamp=int(time.time()) + 310, content_type=form)
        tampered_headers = slack_headers(body, content_type=form)
        for headers, payload in [(forged, body), (stale, body), (future, body), ({"Content-Type": form}, body),
                                 (tampered_headers, body.replace(b"Ward+4", b"Ward+5"))]:
            status, _, reply = post("/slack/commands", payload, headers)
            self.assertEqual(status, 401, reply)
            self.assertIn("error", json.loads(reply))
        self.assertEqual(audit_count(), before, "a refused request must not reach the audit log")

    def test_signed_but_malformed_bodies_get_400(self):
        for body in [b"not json", b'{"type": "event_callback"}', b"[1, 2]"]:
            status, _, reply = post("/slack/events", body, slack_headers(body))
            self.assertEqual(status, 400, reply)

    def test_app_mention_is_acknowledged_at_once_then_answered_in_its_thread_exactly_once(self):
        ts = "1764000000.000100"
        body = slack_event("any rumours about the fire?", "Ev0MENTION1", ts)
        started = time.monotonic()
        status, _, reply = post("/slack/events", body, slack_headers(body))
        self.assertEqual(status, 200)
        self.assertLess(time.monotonic() - started, 3.0, "Slack needs the ack within 3 seconds")
        retry = dict(slack_headers(body), **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        self.assertEqual(post("/slack/events", body, retry)[0], 200)
        deliveries = [d for d in CHAT.wait_for("/hooks/slack", 1) if json.loads(d[2]).get("thread_ts") == ts]
        time.sleep(1.5)
        deliveries = [d for d in CHAT.requests("/hooks/slack") if json.loads(d[2]).get("thread_ts") == ts]
        self.assertEqual(len(deliveries), 1, "a retried event is answered once")
        message = json.loads(deliveries[0][2])
        self.assertTrue(message["text"].startswith("Rumours about Fire"))
        self.assertEqual(slack_block_errors(message["blocks"]), [])

    def test_the_bots_own_messages_and_plain_channel_chatter_are_ignored(self):
        before = audit_count()
        own = slack_event("Rumours about Fire", "Ev0OWN", "1764000001.000100", bot_id="B0MUSTER")
        chatter = json.loads(slack_event("bins", "Ev0CHATTER", "1764000002.000100"))
        chatter["event"]["type"] = "message"
        chatter = json.dumps(chatter).encode()
        for body in [own, chatter]:
            self.assertEqual(post("/slack/events", body, slack_headers(body))[0], 200)
        time.sleep(1)
        self.assertEqual(audit_count(), before)

    def test_a_channel_not_on_the_list_is_refused_with_the_reason(self):
        body = slack_command("what are people saying about bins in Ward 4?", channel="C0ELSEWHERE", trigger="t-refused")
        status, _, reply = post("/slack/commands", body, slack_headers(body, content_type="application/x-www-form-urlencoded"))
        self.assertEqual(status, 200)
        answer = json.loads(reply)
        self.assertEqual(answer["response_type"], "ephemeral")
        self.assertIn("C0ELSEWHERE", answer["text"])
        self.assertEqual(store_rows("SELECT action FROM audit ORDER BY id DESC LIMIT 1"), [("refused",)])

    def test_roles_gate_setting_a_rumours_status(self):
        form = "application/x-www-form-urlencoded"

        def ask(text, user, trigger):
            body = slack_command(text, user=user, trigger=trigger)
            status, _, reply = post("/slack/commands", body, slack_headers(body, content_type=form))
            self.assertEqual(status, 200)
            return json.loads(reply)["text"]

        ask("any rumours about the fire?", "U0OFFICER", "t-role-1")
        self.assertIn("Only a comms lead or an admin", ask("mark rumour 1 as false", "U0OFFICER", "t-role-2"))
        ask("any rumours about the fire?", LEAD, "t-role-3")
        self.assertNotIn("Only a comms lead", ask("mark rumour 1 as false", LEAD, "t-role-4"))
        self.assertTrue(store_rows("SELECT user FROM audit WHERE action = 'mark rumour' AND user LIKE 'Priya%'"))


class TeamsTests(unittest.TestCase):
    def test_a_mention_is_answered_with_an_adaptive_card_the_schema_accepts(self):
        body = teams_activity("what are people saying about bins in Ward 4?", "1764000000001")
        status, _, reply = post("/teams/messages", body, teams_headers(body), "Teams outgoing webhook")
        self.assertEqual(status, 200)
        message = json.loads(reply)
        attachment = message["attachments"][0]
        self.assertEqual(attachment["contentType"], "application/vnd.microsoft.card.adaptive")
        card = attachment["content"]
        adaptive_card_schema().validate(card)
        self.assertIn(card["version"], ("1.4", "1.5"))
        self.assertEqual(card["body"][0]["text"], BINS_TITLE)
        self.assertLess(len(reply), 28_000)

    def test_a_bad_hmac_gets_401_and_changes_nothing(self):
        body = teams_activity("any rumours about the fire?", "1764000000002")
        before = audit_count()
        wrong_key = base64.b64encode(b"k" * 32).decode()
        for headers in [teams_headers(body, token=wrong_key), {"Content-Type": "application/json"},
                        {"Authorization": "Bearer abc", "Content-Type": "application/json"}]:
            self.assertEqual(post("/teams/messages", body, headers)[0], 401)
        self.assertEqual(post("/teams/messages", body.replace(b"fire", b"flood"), teams_headers(body))[0], 401)
        self.assertEqual(audit_count(), before)

    def test_a_duplicated_activity_is_answered_once(self):
        body = teams_activity("what needs a reply?", "1764000000003")
        before = audit_count()
        first = json.loads(post("/teams/messages", body, teams_headers(body))[2])
        second = json.loads(post("/teams/messages", body, teams_headers(body))[2])
        self.assertIn("attachments", first)
        self.assertEqual(second.get("text"), "")
        self.assertEqual(audit_count(), before + 1)

    def test_a_signed_but_malformed_activity_gets_400(self):
        body = b'{"type": "conversationUpdate"}'
        self.assertEqual(post("/teams/messages", body, teams_headers(body))[0], 400)

    def test_another_tenant_is_refused_politely(self):
        body = teams_activity("any rumours about the fire?", "1764000000004", tenant="00000000-0000-0000-0000-000000000000")
        status, _, reply = post("/teams/messages", body, teams_headers(body))
        self.assertEqual(status, 200)
        self.assertIn("not on Muster's allowed list", json.loads(reply)["text"])


class MattermostTests(unittest.TestCase):
    FIELDS = {"channel_id": "hawos4dqtby53pd64o4a4cmeoo", "channel_name": "nbcomms", "team_domain": "nbcommsteam",
              "team_id": "kwoknj9nwpypzgzy78wkw516qe", "user_id": "rnina9994bde8mua79zqcg5hmo", "user_name": "sam",
              "trigger_word": "muster"}

    def test_outgoing_webhook_form_and_json_reply_in_the_thread(self):
        form = dict(self.FIELDS, token=MATTERMOST_TOKEN, text="muster what are people saying about bins in Ward 4?",
                    post_id="axdygg1957njfe5pu38saikdho", timestamp="1445532266")
        status, _, reply = post("/mattermost/webhook", urllib.parse.urlencode(form).encode(),
                                {"Content-Type": "application/x-www-form-urlencoded"}, "Mattermost outgoing webhook")
        self.assertEqual(status, 200)
        answer = json.loads(reply)
        self.assertEqual(answer["response_type"], "comment")
        self.assertTrue(answer["text"].startswith("#### " + BINS_TITLE))
        self.assertLessEqual(len(answer["text"]), 16_383)
        # JSON bodies carry the timestamp in milliseconds.
        body = json.dumps(dict(form, post_id="bxdygg1957njfe5pu38saikdho", timestamp=1445532266000, text="muster any rumours about the fire?")).encode()
        status, _, reply = post("/mattermost/webhook", body, {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertIn("Rumours about Fire", json.loads(reply)["text"])

    def test_wrong_tokens_get_401(self):
        form = urllib.parse.urlencode(dict(self.FIELDS, token="wrong", text="muster bins", post_id="cx")).encode()
        self.assertEqual(post("/mattermost/webhook", form, {"Content-Type": "application/x-www-form-urlencoded"})[0], 401)
        command = urllib.parse.urlencode(dict(self.FIELDS, command="/muster", text="bins in Ward 4", response_url=CHAT.base + "/hooks/mm")).encode()
        for authorization in ["Token wrong", f"Bearer {MATTERMOST_COMMAND_TOKEN}", ""]:
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": authorization}
            self.assertEqual(post("/mattermost/command", command, headers)[0], 401)

    def test_slash_command_with_its_token_answers_in_channel(self):
        command = urllib.parse.urlencode(dict(self.FIELDS, command="/muster", text="what are people saying about bins in Ward 4?",
                                              response_url=CHAT.base + "/hooks/mm", trigger_id="mm-t-1")).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Token {MATTERMOST_COMMAND_TOKEN}"}
        status, _, reply = post("/mattermost/command", command, headers, "Mattermost slash command")
        self.assertEqual(status, 200)
        answer = json.loads(reply)
        self.assertEqual(answer["response_type"], "in_channel")
        self.assertIn(BINS_TITLE, answer["text"])


class WebhookTests(unittest.TestCase):
    def test_a_signed_request_gets_the_documented_reply(self):
        body = json.dumps({"workspace": "northbridge-tools", "channel": "press-desk", "user": {"id": "priya", "name": "Priya Shah"},
                           "message": "what are people saying about bins in Ward 4?", "id": "req-1"}).encode()
        status, _, reply = post("/webhook", body, webhook_headers(body), "Generic webhook")
        self.assertEqual(status, 200)
        answer = json.loads(reply)
        self.assertEqual(answer["title"], BINS_TITLE)
        self.assertTrue(answer["posts"] and {"number", "author", "text", "time"} <= set(answer["posts"][0]))
        self.assertTrue(answer["markdown"].startswith("#### "))

    def test_unsigned_stale_and_unknown_workspace_requests_are_refused(self):
        body = json.dumps({"workspace": "northbridge-tools", "user": {"id": "priya"}, "message": "bins"}).encode()
        self.assertEqual(post("/webhook", body, {"Content-Type": "application/json"})[0], 401)
        self.assertEqual(post("/webhook", body, webhook_headers(body, timestamp=int(time.time()) - 400))[0], 401)
        self.assertEqual(post("/webhook", body, webhook_headers(body, secret="guess"))[0], 401)
        other = json.dumps({"workspace": "elsewhere", "user": {"id": "x"}, "message": "bins"}).encode()
        self.assertEqual(post("/webhook", other, webhook_headers(other))[0], 403)
        junk = b'{"workspace": 1'
        self.assertEqual(post("/webhook", junk, webhook_headers(junk))[0], 400)


class OutboxTests(unittest.TestCase):
    def outbox_row(self, message_id):
        rows = store_rows("SELECT status, attempts, last_error FROM outbox WHERE id = ?", message_id)
        return rows[0] if rows else None

    def queue(self, platform, question, env=None):
        result = muster("post", "--to", platform, "--queue-only", question, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return int(result.stdout.split("Queued outbox message ")[1].split(":")[0])

    def test_a_post_that_meets_500s_is_retried_with_backoff_until_delivered(self):
        CHAT.script["/hooks/mattermost"] = [(500, {}, b"oops"), (503, {}, b"busy")]
        message = self.queue("mattermost", "crisis summary for the flooding")
        deliveries = CHAT.wait_for("/hooks/mattermost", 3)
        gaps = [later[0] - earlier[0] for earlier, later in zip(deliveries, deliveries[1:])]
        self.assertGreaterEqual(gaps[0], 0.9)
        self.assertGreaterEqual(gaps[1], 1.9, "the second wait doubles")
        self.assertIn("flooding", json.loads(deliveries[-1][2])["text"].lower())
        self.wait_until(lambda: self.outbox_row(message)[0] == "delivered")
        self.assertEqual(self.outbox_row(message)[1], 3)

    def test_a_429_is_retried_after_the_wait_the_service_asked_for(self):
        CHAT.script["/hooks/teams"] = [(429, {"Retry-After": "2"}, b"slow down")]
        message = self.queue("teams", "any rumours about the fire?")
        deliveries = CHAT.wait_for("/hooks/teams", 2)
        self.assertGreaterEqual(deliveries[1][0] - deliveries[0][0], 1.9)
        card = json.loads(deliveries[1][2])["attachments"][0]["content"]
        adaptive_card_schema().validate(card)
        self.wait_until(lambda: self.outbox_row(message)[0] == "delivered")

    def test_posts_to_one_slack_webhook_are_paced_about_one_a_second(self):
        already = len(CHAT.requests("/hooks/slack"))
        for question in ["what needs a reply?", "what's trending?", "any rumours this week?"]:
            self.queue("slack", question)
        deliveries = CHAT.wait_for("/hooks/slack", already + 3)[already:]
        gaps = [later[0] - earlier[0] for earlier, later in zip(deliveries, deliveries[1:])]
        self.assertTrue(all(gap >= 0.9 for gap in gaps), gaps)

    def test_a_message_queued_while_the_server_is_down_is_delivered_after_it_restarts(self):
        SERVER.stop()
        try:
            already = len(CHAT.requests("/hooks/slack"))
            message = self.queue("slack", "crisis summary for the flooding")
            time.sleep(1)
            self.assertEqual(self.outbox_row(message)[0], "pending")
            self.assertEqual(len(CHAT.requests("/hooks/slack")), already)
        finally:
            SERVER.start()
        CHAT.wait_for("/hooks/slack", already + 1)
        self.wait_until(lambda: self.outbox_row(message)[0] == "delivered")

    def test_a_message_refused_for_good_is_kept_and_listed(self):
        env = dict(environment(CHAT), MUSTER_MATTERMOST_WEBHOOK_URL=CHAT.base + "/hooks/gone")
        CHAT.script["/hooks/gone"] = [(404, {}, b"no_service")]
        result = muster("post", "--to", "mattermost", "what needs a reply?", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("refused", result.stderr)
        listing = muster("outbox", "--status", "failed").stdout
        self.assertIn("HTTP 404", listing)
        self.assertNotIn("/hooks/gone", listing, "webhook URLs are secrets: only the host is shown")

    def wait_until(self, predicate, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        self.fail("timed out waiting")


class ConsoleTests(unittest.TestCase):
    """The console in Debian's Chromium, driven by Selenium through Debian's chromedriver: a person signs in, asks,
    and is refused what their role does not allow. Selenium rather than `--dump-dom`, which cannot type a password
    or keep a cookie; rather than raw DevTools Protocol calls, which would be a page of plumbing to do the same."""

    def browser(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        chromedriver = shutil.which("chromedriver")
        self.assertIsNotNone(chromium, "Debian's chromium is needed: `make test` installs it")
        self.assertIsNotNone(chromedriver, "Debian's chromium-driver is needed: `make test` installs it")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
            options.add_argument(flag)
        # Both paths given, so Selenium Manager never tries to download a browser or a driver.
        driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        self.addCleanup(driver.quit)
        return driver

    def test_an_officer_signs_in_asks_and_is_refused_setting_a_rumour(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as until
        from selenium.webdriver.support.ui import WebDriverWait
        driver = self.browser()
        wait = WebDriverWait(driver, 60)
        driver.get(SERVER.base + "/")
        wait.until(until.url_contains("/login"))  # strangers are sent to sign in

        driver.find_element(By.ID, "name").send_keys(CONSOLE_USER)
        driver.find_element(By.ID, "password").send_keys("not the password")
        driver.find_element(By.ID, "signin").click()
        wait.until(until.text_to_be_present_in_element((By.CSS_SELECTOR, ".error"), "Wrong name or password"))
        self.assertIn((CONSOLE_USER, "sign-in refused"), store_rows("SELECT user, action FROM audit"))

        driver.find_element(By.ID, "password").send_keys(CONSOLE_PASSWORD)
        driver.find_element(By.ID, "signin").click()
        wait.until(until.text_to_be_present_in_element((By.CSS_SELECTOR, ".who"), f"Signed in as {CONSOLE_USER}"))
        cookie = driver.get_cookie("muster_session")
        self.assertTrue(cookie["httpOnly"], "the session cookie is out of the page's scripts' reach")
        self.assertEqual(cookie["sameSite"], "Strict")

        def ask(text, expected):
            box = driver.find_element(By.ID, "message")
            box.send_keys(text)
            driver.find_element(By.CSS_SELECTOR, "#ask button").click()
            wait.until(until.text_to_be_present_in_element((By.ID, "log"), expected))

        ask("what are people saying about bins in Ward 4?", BINS_TITLE)
        self.assertIn(f"<h2>{BINS_TITLE}</h2>", driver.page_source, "the answer shows on the page")
        self.assertIn((CONSOLE_USER, "console", "ask", "what are people saying about bins in Ward 4?"),
                      store_rows("SELECT user, channel, action, detail FROM audit"), "the audit names the person")
        screenshot = os.path.join(OPTIONS.root, ".build", "console-test.png")
        driver.save_screenshot(screenshot)
        self.assertGreater(os.path.getsize(screenshot), 20_000, "the screenshot shows the page")
        print(f"\n  console screenshot: {screenshot}", file=sys.stderr)

        rumours = store_rows("SELECT key, status FROM rumour ORDER BY key")
        ask("any rumours about the fire?", "umour")
        ask("mark rumour 1 false: there was never a fire", "Only a comms lead or an admin can set a rumour's status")
        self.assertEqual(store_rows("SELECT key, status FROM rumour ORDER BY key"), rumours, "an officer cannot set a rumour's status")

    def test_unsigned_and_cross_site_requests_are_refused(self):
        body = json.dumps({"message": "what are people saying about bins in Ward 4?"}).encode()
        status, _, reply = post("/api/ask", body, {"Content-Type": "application/json"})
        self.assertEqual(status, 401)
        self.assertTrue(json.loads(reply)["error"].startswith("Sign in first"))
        status, _, _ = post("/api/ask", body, {"Content-Type": "text/plain", "Origin": "http://evil.example"})
        self.assertIn(status, (403, 415))


class ServiceTests(unittest.TestCase):
    def test_metrics_count_requests_answers_and_deliveries(self):
        body = teams_activity("what's trending?", "1764000000099")
        self.assertEqual(post("/teams/messages", body, teams_headers(body))[0], 200)
        # The request counter is updated as the response finishes, so give it a moment.
        deadline = time.monotonic() + 5
        while True:
            with urllib.request.urlopen(SERVER.base + "/metrics") as response:
                text = response.read().decode()
            if 'hb_requests{http_route="/teams/messages"' in text or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertIn("muster_chat_messages_total", text)
        self.assertIn('muster_answer_seconds_bucket{platform="teams"', text)
        self.assertIn('hb_requests{http_route="/teams/messages"', text)

    def test_an_oversized_request_gets_413_and_the_service_keeps_running(self):
        self.assertEqual(post("/slack/events", b"x" * 300_000, slack_headers(b"x"))[0], 413)
        with urllib.request.urlopen(SERVER.base + "/healthz") as response:
            self.assertEqual(response.status, 200)


def main():
    global OPTIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--muster", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--root", required=True)
    OPTIONS, rest = parser.parse_known_args()
    program = unittest.main(argv=[sys.argv[0], "-v", *rest], exit=False)
    if LATENCY:
        print("\nAnswer latency per platform (whole HTTP round trip on loopback, demo store):")
        for platform, times in sorted(LATENCY.items()):
            print(f"  {platform:28} median {statistics.median(times) * 1000:6.0f} ms over {len(times)}")
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
