"""Chat-app acceptance tests (issue 17): `muster serve` as a Teams bot, a Slack app with a bot token and a Mattermost
bot account, answering through each platform's API (fakes in chat_fakes.py, strict as the real services are) and
handling presses of the buttons it sent.

Teams activities are built with botbuilder-schema and signed with PyJWT the way the Bot Framework channel signs them;
Slack requests are signed with slack_sdk's SignatureVerifier; Block Kit goes through slack_sdk's block models and
Adaptive Cards through the official 1.5 JSON schema. The contract is /work/contract-17.md (docs: chat-apps.md).
Run through run.sh, after chat_platforms.py, on the same store.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, Mention
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from chat_fakes import BotFramework, MattermostAPI, SlackWebAPI, block_problems, mattermost_id
from chat_platforms import BINS_TITLE, LEAD, MATTERMOST_TOKEN, NOW, SLACK_SECRET, TEAM, TENANT, adaptive_card_schema, slack_block_errors, slack_headers

OPTIONS = None
APP_ID = "3f6d2c8e-0a4b-4f1e-9c7d-5b2a1e0f8c6d"
APP_PASSWORD = "Qx8~bT3.nbMuster-acceptance_pw1"
BOT = f"28:{APP_ID}"
PRIYA = {"id": "29:1priyaShahNbComms", "name": "Priya Shah", "aad": "0b7e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b"}
SLACK_BOT_TOKEN = "xoxb-1764000000-1764000001-MusterAcceptanceBot"
SLACK_CHANNELS = ["C0NBCOMMS", "C0NBINCIDENT"]
SLACK_ELSEWHERE = "C0NBINCIDENT"  # allowed in the config, and not the channel the incoming webhook posts to
MATTERMOST_BOT_TOKEN = "8wq3nbmusterbotacceptance1"
MATTERMOST = {"channel_id": "hawos4dqtby53pd64o4a4cmeoo", "channel_name": "nbcomms", "team_domain": "nbcommsteam",
              "team_id": "kwoknj9nwpypzgzy78wkw516qe", "user_id": "rnina9994bde8mua79zqcg5hmo", "user_name": "sam"}
QUESTION = "bins riverside?"
PRESS = "show me the posts"
ACK_SECONDS = {"teams": 5.0, "slack": 3.0, "mattermost": 5.0}
LATENCY = {}
INGEST_TOKEN = "ingest-acceptance-token-0123456789"
ALERT_LATENCY = []

TEAMS = SLACK = MATTERMOST_API = SERVER = None
SEQUENCE = [0]


def unique(prefix=""):
    SEQUENCE[0] += 1
    return f"{prefix}{int(time.time() * 1000)}{SEQUENCE[0]:03d}"


# --- the service under test ----------------------------------------------------------------------------------------

def free_port():
    """A port nothing listens on: Muster must know its own public URL (Mattermost button callbacks) before it starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`muster serve` on `store` (the suite's, unless given) with its clock frozen at `now`."""

    def __init__(self, port, environment, store=None, now=NOW, log=None):
        self.port, self.environment = port, environment
        self.store, self.now = store or OPTIONS.store, now
        self.log_path = log or self.store + ".apps.log"
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [OPTIONS.muster, "serve", "--port", str(self.port), "--store", self.store, "--now", self.now],
            cwd=OPTIONS.root, env=self.environment, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = ""
        while "http://127.0.0.1:" not in line:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"muster serve exited with {self.process.returncode}; see {self.log_path}")
        announced = next(word for word in line.split() if word.startswith("http://127.0.0.1:")).rstrip("/.")
        assert announced == self.base, f"muster serve listens on {announced}, not the {self.base} it was given"

    def stop(self):
        self.process.terminate()
        code = self.process.wait(timeout=20)
        self.process.stdout.close()
        self.log.close()
        assert code == 0, f"muster serve exited with {code} on SIGTERM"

    def kill(self):
        """`kill -9`: no shutdown, nothing flushed that was not already committed."""
        self.process.kill()
        self.process.wait(timeout=20)
        self.process.stdout.close()
        self.log.close()


def environment(port):
    # Nothing chat-related from the caller's environment: no incoming-webhook fallback may answer for the apps.
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("MUSTER_SLACK", "MUSTER_TEAMS", "MUSTER_MATTERMOST", "MUSTER_BOTFRAMEWORK",
                                   "MUSTER_MICROSOFT", "MUSTER_PUBLIC", "MUSTER_WEBHOOK"))}
    env.update({
        "MUSTER_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MUSTER_SLACK_SIGNING_SECRET": SLACK_SECRET, "MUSTER_SLACK_BOT_TOKEN": SLACK_BOT_TOKEN,
        "MUSTER_SLACK_API_URL": SLACK.api_url,
        "MUSTER_TEAMS_APP_ID": APP_ID, "MUSTER_TEAMS_APP_PASSWORD": APP_PASSWORD,
        "MUSTER_BOTFRAMEWORK_OPENID_URL": TEAMS.openid_url, "MUSTER_MICROSOFT_LOGIN_URL": TEAMS.base,
        "MUSTER_MATTERMOST_URL": MATTERMOST_API.base, "MUSTER_MATTERMOST_BOT_TOKEN": MATTERMOST_BOT_TOKEN,
        "MUSTER_MATTERMOST_TOKEN": MATTERMOST_TOKEN, "MUSTER_INGEST_TOKEN": INGEST_TOKEN,
    })
    return env


def setUpModule():
    global TEAMS, SLACK, MATTERMOST_API, SERVER
    TEAMS = BotFramework(APP_ID, APP_PASSWORD)
    SLACK = SlackWebAPI(SLACK_BOT_TOKEN, SLACK_CHANNELS, team=TEAM)
    MATTERMOST_API = MattermostAPI(MATTERMOST_BOT_TOKEN, [MATTERMOST["channel_id"]])
    port = free_port()
    SERVER = Server(port, environment(port))
    SERVER.start()


def tearDownModule():
    try:
        SERVER.stop()
    finally:
        for fake in (TEAMS, SLACK, MATTERMOST_API):
            fake.stop()


def post(path, body, headers, platform=None, url=None):
    request = urllib.request.Request(url or SERVER.base + path, data=body, headers=headers, method="POST")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, reply = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, reply = error.code, error.read()
    elapsed = time.monotonic() - started
    if platform and status == 200:
        LATENCY.setdefault(platform, []).append(elapsed)
    return status, reply, elapsed


def store_rows(sql, *arguments):
    with sqlite3.connect(f"file:{OPTIONS.store}?mode=ro", uri=True) as db:
        return db.execute(sql, arguments).fetchall()


def settled_audit_count():
    """The audit row count once answers still in flight from earlier tests have been written."""
    count, since = store_rows("SELECT count(*) FROM audit")[0][0], time.monotonic()
    deadline = since + 10
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = store_rows("SELECT count(*) FROM audit")[0][0]
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= 1.0:
            break
    return count


def place_rows_mentioning(*needles):
    """Rows of `conversation_place` (whatever its columns) that contain every one of `needles`."""
    try:
        rows = store_rows("SELECT * FROM conversation_place")
    except sqlite3.OperationalError:  # no such table: nothing is recorded, and the positive checks say so
        return []
    return [row for row in rows if all(any(needle in str(cell) for cell in row) for needle in needles)]


def texts(value):
    """Every string in a card, a block list or a post, in order: what a reader sees, plus ids they do not."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return []


def lists_posts(value):
    """Whether a reply is the page of posts "show me the posts" gives after the bins question."""
    joined = "\n".join(texts(value))
    return "Posts 1–" in joined and "Bins and waste in Ward 4" in joined


# --- Teams ---------------------------------------------------------------------------------------------------------

def clock_window():
    """(earliest, latest) of the real time and Muster's pinned `--now`: a token must be valid, or invalid, at both,
    whichever clock Muster checks `nbf`/`exp` against."""
    pinned = datetime.datetime.fromisoformat(NOW.replace("Z", "+00:00")).timestamp()
    real = time.time()
    return min(real, pinned), max(real, pinned)


def good_token(**changes):
    earliest, latest = clock_window()
    return TEAMS.channel_token(not_before=earliest - 60, expires=latest + 3600, **changes)


def teams_activity(kind, *, conversation=None, text=QUESTION, mention=True, value=None, activity_id=None, reply_to=None,
                   channel_id="msteams", service_url=None):
    """A message activity as Teams sends it to a bot: `kind` is "channel", "groupChat" or "personal".

    Built with botbuilder-schema's models. They write the conversation's tenant as `tenantID`, which Teams does not
    (it sends `tenantId`, and the tenant again in `channelData.tenant.id`), so that one key is put right by hand.
    """
    activity_id = activity_id or unique()
    if conversation is None:
        conversation = {"channel": f"19:nbincident@thread.tacv2;messageid={activity_id}",
                        "groupChat": f"19:{unique('nbgroup')}@thread.v2",
                        "personal": f"a:1{unique('PriyaMuster')}"}[kind]
    channel_data = {"tenant": {"id": TENANT}}
    if kind == "channel":
        channel_data.update(teamsChannelId="19:nbincident@thread.tacv2", teamsTeamId="19:nbteam@thread.tacv2",
                            channel={"id": "19:nbincident@thread.tacv2", "name": "Incident"}, team={"id": "19:nbteam@thread.tacv2", "name": "Comms"})
    entities = []
    if text is not None and mention and kind != "personal":
        text = f"<at>Muster</at> {text}"
        entities.append(Mention(mentioned=ChannelAccount(id=BOT, name="Muster"), text="<at>Muster</at>", type="mention"))
    activity = Activity(
        type="message", id=activity_id, timestamp=datetime.datetime.now(datetime.timezone.utc), channel_id=channel_id,
        service_url=service_url or TEAMS.service_url, from_property=ChannelAccount(id=PRIYA["id"], name=PRIYA["name"], aad_object_id=PRIYA["aad"]),
        conversation=ConversationAccount(id=conversation, conversation_type=kind, is_group=kind != "personal", tenant_id=TENANT),
        recipient=ChannelAccount(id=BOT, name="Muster"), text_format="plain", text=text, entities=entities, locale="en-GB",
        channel_data=channel_data, value=value, reply_to_id=reply_to,
    )
    raw = activity.serialize()
    raw["conversation"]["tenantId"] = raw["conversation"].pop("tenantID")
    if kind == "personal":
        raw["conversation"].pop("isGroup", None)
    # What botbuilder itself reads back from it.
    assert Activity().deserialize(raw).conversation.id == conversation
    return raw


def send_activity(raw, token, platform=None):
    """POSTs an activity to /api/messages as the channel does, telling the Connector fake it was sent."""
    TEAMS.sent(raw["conversation"]["id"], raw["id"])
    headers = {"Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {token}"} if token else {"Content-Type": "application/json"}
    return post("/api/messages", json.dumps(raw).encode(), headers, platform)


def adaptive_card(reply):
    cards = [a["content"] for a in reply.data.get("attachments", []) if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]
    assert len(cards) == 1, f"expected one Adaptive Card, got {len(cards)}"
    return cards[0]


def submit_actions(card):
    """Every Action.Submit in a card: its own `actions` and those in ActionSets anywhere in its body."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("type") == "Action.Submit":
                found.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(card)
    return found


def hs256_with_public_key():
    """The algorithm-confusion forgery: an HS256 token whose HMAC key is the channel's public key in PEM."""
    earliest, latest = clock_window()
    pem = TEAMS.key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=")

    signing_input = part({"alg": "HS256", "typ": "JWT", "kid": TEAMS.kid}) + b"." + part(
        {"iss": TEAMS.issuer, "aud": APP_ID, "nbf": int(earliest - 60), "exp": int(latest + 3600), "serviceurl": TEAMS.service_url})
    signature = base64.urlsafe_b64encode(hmac.new(pem, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    return (signing_input + b"." + signature).decode()


class TeamsBotTests(unittest.TestCase):
    def ask(self, kind, text=QUESTION, **extra):
        """Sends a signed question; checks the fast empty 200; returns (activity, the Connector's reply)."""
        raw = teams_activity(kind, text=text, **extra)
        status, body, elapsed = send_activity(raw, good_token(), "Teams bot (ack)")
        self.assertEqual(status, 200, body)
        self.assertLess(elapsed, ACK_SECONDS["teams"], "the channel gives up after 15 s; Muster acknowledges at once")
        self.assertIn(body.strip(), (b"", b"{}"), "the answer goes through the Connector, not the HTTP response")
        return raw, TEAMS.wait_for_reply(raw["conversation"]["id"], raw["id"])

    def check_answer_card(self, raw, reply):
        self.assertEqual(reply.data["from"]["id"], BOT, "the reply comes from the bot")
        self.assertEqual(reply.data["recipient"]["id"], PRIYA["id"], "and goes to whoever asked")
        card = adaptive_card(reply)
        adaptive_card_schema().validate(card)
        self.assertLessEqual(tuple(int(p) for p in card["version"].split(".")), (1, 5), "Teams shows Adaptive Cards up to 1.5")
        self.assertIn(BINS_TITLE, texts(card), "the card answers the question asked")
        actions = submit_actions(card)
        self.assertTrue(actions, "the card offers follow-ups as buttons")
        for action in actions:
            self.assertTrue(action.get("title"), action)
            self.assertIsInstance((action.get("data") or {}).get("muster"), str, action)
        self.assertIn(PRESS, [a["data"]["muster"] for a in actions])
        return card

    def test_a_channel_mention_is_answered_in_its_thread_with_a_card_and_buttons(self):
        raw, reply = self.ask("channel")
        self.assertTrue(reply.meta["conversation"].endswith(f";messageid={raw['id']}"), "the answer stays in the thread")
        self.check_answer_card(raw, reply)
        asked = store_rows("SELECT user, detail FROM audit WHERE action = 'ask' ORDER BY id DESC LIMIT 20")
        self.assertTrue(any("Priya Shah" in user and detail == QUESTION for user, detail in asked),
                        f"the audit names the asker and the question without the <at> mention: {asked[:3]}")

    def test_a_group_chat_mention_is_answered_in_the_chat(self):
        raw, reply = self.ask("groupChat")
        self.assertTrue(reply.meta["conversation"].endswith("@thread.v2"))
        self.check_answer_card(raw, reply)

    def test_a_personal_chat_message_is_answered_and_its_place_remembered(self):
        raw, reply = self.ask("personal")
        self.check_answer_card(raw, reply)
        self.assertTrue(place_rows_mentioning(raw["conversation"]["id"], TEAMS.service_url),
                        "conversation_place records the chat and its service URL, for later posts")

    def test_several_replies_share_one_access_token(self):
        for kind in ["personal", "groupChat", "channel"]:
            self.ask(kind, text="what needs a reply?")
        self.assertGreaterEqual(len(TEAMS.replies()), 3)
        requests = TEAMS.token_requests()
        self.assertEqual(len(requests), 1, f"the access token is cached until near its expiry; {TEAMS.describe_refusals()}")
        self.assertTrue(requests[0].accepted, requests[0].problem)

    def test_pressing_a_card_button_answers_in_the_same_conversation(self):
        raw, reply = self.ask("channel")
        card = self.check_answer_card(raw, reply)
        data = next(a["data"] for a in submit_actions(card) if a["data"]["muster"] == PRESS)
        # Teams sends a press as a message with the button's data as its value, no text, replying to the card.
        press = teams_activity("channel", conversation=raw["conversation"]["id"], text=None, value=data, reply_to=reply.meta["id"])
        status, body, elapsed = send_activity(press, good_token(), "Teams bot (ack)")
        self.assertEqual(status, 200, body)
        self.assertLess(elapsed, ACK_SECONDS["teams"])
        answer = TEAMS.wait_for_reply(raw["conversation"]["id"], press["id"])
        self.assertTrue(lists_posts(adaptive_card(answer)), "the press is answered as if typed, following up the question")

    def test_bad_tokens_get_401_and_nothing_is_answered_or_stored(self):
        earliest, latest = clock_window()
        other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cases = {
            "no Authorization header": None,
            "expired (10 minutes past, beyond the 5-minute leeway)": TEAMS.channel_token(not_before=earliest - 4200, expires=earliest - 600),
            "not yet valid (10 minutes ahead)": TEAMS.channel_token(not_before=latest + 600, expires=latest + 4200),
            "wrong audience": good_token(audience="0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"),
            "wrong issuer": good_token(issuer=f"https://sts.windows.net/{TENANT}/"),
            "unsigned (alg none)": good_token(algorithm="none"),
            "signed by another key with the same kid": good_token(key=other_key),
            "signed by an unknown key": good_token(key=other_key, kid="unknown-key-id"),
            "HS256 keyed with the public key": hs256_with_public_key(),
            "service URL claim not the activity's": good_token(service_url=TEAMS.base + "/emea/"),
        }
        before = settled_audit_count()
        conversations = []
        for name, token in cases.items():
            with self.subTest(name):
                raw = teams_activity("personal")
                conversations.append(raw["conversation"]["id"])
                status, body, _ = send_activity(raw, token)
                self.assertEqual(status, 401, body)
        time.sleep(1.5)
        for conversation in conversations:
            self.assertEqual(TEAMS.attempts_for(conversation), [], "nothing is answered")
            self.assertEqual(place_rows_mentioning(conversation), [], "nothing is recorded")
        self.assertEqual(settled_audit_count(), before, "a refused activity never reaches the audit log")

    def test_an_activity_from_a_channel_the_key_does_not_endorse_gets_403(self):
        before = settled_audit_count()
        raw = teams_activity("personal", channel_id="slack")
        status, body, _ = send_activity(raw, good_token())
        self.assertEqual(status, 403, body)
        time.sleep(1.5)
        self.assertEqual(TEAMS.attempts_for(raw["conversation"]["id"]), [])
        self.assertEqual(settled_audit_count(), before)


# --- Slack ---------------------------------------------------------------------------------------------------------

def slack_mention(text, ts, channel=SLACK_ELSEWHERE, thread_ts=None):
    """An app_mention event posted at `ts`, in the thread under `thread_ts` when given."""
    event = {"type": "app_mention", "user": LEAD, "text": f"<@U0MUSTERBOT> {text}", "ts": ts, "channel": channel, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    body = json.dumps({
        "token": "deprecated", "team_id": TEAM, "api_app_id": "A0MUSTER", "type": "event_callback", "event_id": unique("Ev"),
        "event_time": int(time.time()), "authorizations": [{"team_id": TEAM, "user_id": "U0MUSTERBOT", "is_bot": True}],
        "event": event,
    }).encode()
    SLACK.message_sent(channel, ts)
    return body


def slack_ts():
    return f"{int(time.time())}.{unique()[-6:]}"


def buttons(blocks):
    """(block, button) for every button in the message's actions blocks."""
    return [(block, element) for block in blocks if block.get("type") == "actions"
            for element in block.get("elements", []) if element.get("type") == "button"]


def block_actions(answer, block, button, channel=SLACK_ELSEWHERE):
    """The form body Slack POSTs when someone presses `button` on Muster's `answer` (a recorded chat.postMessage)."""
    message = {"type": "message", "subtype": "bot_message", "text": answer.data["text"], "ts": answer.meta["ts"],
               "thread_ts": answer.data["thread_ts"], "bot_id": SLACK.bot_id, "blocks": answer.data.get("blocks", [])}
    payload = {
        "type": "block_actions", "api_app_id": "A0MUSTER", "token": "deprecated", "trigger_id": unique("1337.") + ".a1b2c3",
        "user": {"id": LEAD, "username": "priya", "name": "priya", "team_id": TEAM},
        "team": {"id": TEAM, "domain": "northbridge"}, "enterprise": None, "is_enterprise_install": False,
        "channel": {"id": channel, "name": "incident"},
        "container": {"type": "message", "message_ts": answer.meta["ts"], "channel_id": channel, "is_ephemeral": False,
                      "thread_ts": answer.data["thread_ts"]},
        "message": message, "state": {"values": {}},
        "response_url": SLACK.base + "/actions/T0NBCOMMS/1337/response-url-not-for-answers",
        "actions": [{"type": "button", "action_id": button["action_id"], "block_id": block.get("block_id", "mUsTr"),
                     "text": button["text"], "value": button["value"], "action_ts": f"{time.time():.6f}"}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


FORM = "application/x-www-form-urlencoded"


class SlackAppTests(unittest.TestCase):
    def mention(self, text=QUESTION):
        """A mention in the other channel, acknowledged in time; returns (its ts, Muster's answer in its thread)."""
        ts = slack_ts()
        body = slack_mention(text, ts)
        status, reply, elapsed = post("/slack/events", body, slack_headers(body), "Slack app (ack)")
        self.assertEqual(status, 200, reply)
        self.assertLess(elapsed, ACK_SECONDS["slack"], "Slack needs the ack within 3 seconds")
        return ts, SLACK.wait_for_post(SLACK_ELSEWHERE, ts)[0]

    def test_a_mention_in_another_channel_is_answered_there_in_its_thread_with_buttons(self):
        ts, answer = self.mention()
        self.assertEqual(answer.data["channel"], SLACK_ELSEWHERE)
        self.assertEqual(answer.data["thread_ts"], ts, "the answer is in the mention's thread")
        self.assertIn(BINS_TITLE, answer.data["text"] + "\n".join(texts(answer.data.get("blocks"))))
        blocks = answer.data.get("blocks") or []
        self.assertEqual(block_problems(blocks), [], "Block Kit as slack_sdk validates it")
        pressable = buttons(blocks)
        self.assertTrue(pressable, "the follow-ups are buttons in an actions block")
        self.assertEqual(blocks[-1]["type"], "actions", "the buttons come last")
        values = [button["value"] for _, button in pressable]
        self.assertIn(PRESS, values, "a button's value is the follow-up as the user would type it")
        for _, button in pressable:
            self.assertEqual(button["text"]["type"], "plain_text")
            self.assertTrue(button["text"]["text"])

    def test_pressing_a_button_answers_in_the_same_thread(self):
        ts, answer = self.mention()
        block, button = next((b, e) for b, e in buttons(answer.data["blocks"]) if e["value"] == PRESS)
        body = block_actions(answer, block, button)
        pressed = time.monotonic()
        status, reply, elapsed = post("/slack/interactions", body, slack_headers(body, content_type=FORM), "Slack button (ack)")
        self.assertEqual(status, 200, reply)
        self.assertLess(elapsed, ACK_SECONDS["slack"], "Slack shows an error unless the press is acknowledged within 3 s")
        follow_up = SLACK.wait_for(lambda r: r.at > pressed and r.meta.get("method") == "chat.postMessage"
                                   and r.data.get("channel") == SLACK_ELSEWHERE and r.data.get("thread_ts") == ts)[0]
        self.assertTrue(lists_posts([follow_up.data["text"], follow_up.data.get("blocks")]), "the press follows up the question")
        self.assertEqual(block_problems(follow_up.data.get("blocks") or []), [])

    def test_an_unsigned_or_stale_button_press_gets_401_and_no_post(self):
        ts, answer = self.mention()
        block, button = next((b, e) for b, e in buttons(answer.data["blocks"]) if e["value"] == PRESS)
        body = block_actions(answer, block, button)
        before = settled_audit_count()
        forged = dict(slack_headers(body, content_type=FORM), **{"X-Slack-Signature": "v0=" + "0" * 64})
        for name, headers in {"unsigned": {"Content-Type": FORM},
                              "stale (310 s old)": slack_headers(body, timestamp=int(time.time()) - 310, content_type=FORM),
                              "forged signature": forged}.items():
            with self.subTest(name):
                status, reply, _ = post("/slack/interactions", body, headers)
                self.assertEqual(status, 401, reply)
        time.sleep(2)
        self.assertEqual(len(SLACK.attempts(ts)), 1, "only the answer to the mention is in the thread")
        self.assertEqual(settled_audit_count(), before)

    def test_a_429_is_retried_after_retry_after_and_the_answer_delivered_once(self):
        ts = slack_ts()
        SLACK.fail_next(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict) and r.data.get("thread_ts") == ts,
                        429, {"Retry-After": "2"}, {"ok": False, "error": "ratelimited"})
        body = slack_mention("any rumours about the fire?", ts)
        status, reply, _ = post("/slack/events", body, slack_headers(body))
        self.assertEqual(status, 200, reply)
        SLACK.wait_for_post(SLACK_ELSEWHERE, ts, timeout=30)
        time.sleep(2.5)
        attempts = SLACK.attempts(ts)
        self.assertEqual([a.status for a in attempts], [429, 200], "one throttled attempt, then one delivery")
        self.assertGreaterEqual(attempts[1].at - attempts[0].at, 1.95, "the retry waits the Retry-After Slack asked for")
        self.assertEqual(len(SLACK.posts(thread_ts=ts)), 1, "the answer is delivered once")


# --- Mattermost ----------------------------------------------------------------------------------------------------

def mattermost_webhook(text, post_id, as_json):
    MATTERMOST_API.user_posted(post_id)
    fields = dict(MATTERMOST, token=MATTERMOST_TOKEN, post_id=post_id, text=f"muster {text}", trigger_word="muster", file_ids="")
    if as_json:
        fields["timestamp"] = int(time.time() * 1000)
        return json.dumps(fields).encode(), {"Content-Type": "application/json"}
    fields["timestamp"] = str(int(time.time()))
    return urllib.parse.urlencode(fields).encode(), {"Content-Type": FORM}


def mattermost_buttons(post):
    return [action for attachment in (post.data.get("props") or {}).get("attachments") or [] for action in attachment.get("actions") or []]


def click(button, answer, context=None):
    """POSTs what the Mattermost server sends when someone clicks `button` on the bot's `answer`."""
    # PostActionIntegrationRequest: the server fills in the channel's name and the team's domain as well as the ids.
    request = dict(MATTERMOST, post_id=answer.meta["id"], trigger_id=mattermost_id(), type="", data_source="",
                   context=context if context is not None else button["integration"]["context"])
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    return post(None, json.dumps(request).encode(), headers, "Mattermost button (ack)", url=button["integration"]["url"])


class MattermostBotTests(unittest.TestCase):
    def ask(self, as_json, text=QUESTION):
        post_id = mattermost_id()
        body, headers = mattermost_webhook(text, post_id, as_json)
        status, reply, elapsed = post("/mattermost/webhook", body, headers, "Mattermost bot (ack)")
        self.assertEqual(status, 200, reply)
        self.assertLess(elapsed, ACK_SECONDS["mattermost"])
        self.assertFalse("text" in json.loads(reply or b"{}"), "the answer comes once, from the bot, not also in the webhook's response")
        return post_id, MATTERMOST_API.wait_for_post(MATTERMOST["channel_id"], post_id)[0]

    def check_answer(self, answer):
        self.assertIn(BINS_TITLE, answer.data["message"])
        actions = mattermost_buttons(answer)
        self.assertTrue(actions, "the follow-ups are buttons")
        for action in actions:
            self.assertRegex(action["id"], r"^[A-Za-z0-9]+$", "Mattermost routes clicks only for alphanumeric ids")
            self.assertEqual(action["integration"]["url"], SERVER.base + "/mattermost/actions")
        self.assertIn(PRESS, [a["integration"]["context"].get("say") for a in actions])
        return next(a for a in actions if a["integration"]["context"].get("say") == PRESS)

    def test_an_outgoing_webhook_message_is_answered_in_its_thread_by_the_bot(self):
        post_id, answer = self.ask(as_json=False)
        self.assertEqual(answer.data["channel_id"], MATTERMOST["channel_id"])
        self.assertEqual(answer.data["root_id"], post_id, "the answer is a reply in the asker's thread")
        self.check_answer(answer)

    def test_clicking_a_button_answers_in_the_same_thread(self):
        post_id, answer = self.ask(as_json=True)
        button = self.check_answer(answer)
        clicked = time.monotonic()
        status, reply, _ = click(button, answer)
        self.assertEqual(status, 200, reply)
        self.assertIsInstance(json.loads(reply or b"{}"), dict, "Mattermost shows the clicker an error unless the answer is JSON")
        follow_up = MATTERMOST_API.wait_for(lambda r: r.at > clicked and r.meta.get("endpoint") == "posts" and r.data.get("root_id") == post_id)[0]
        self.assertEqual(follow_up.data["channel_id"], MATTERMOST["channel_id"])
        self.assertTrue(lists_posts(follow_up.data["message"]), "the click follows up the question")

    def test_a_click_with_a_tampered_context_gets_401_and_no_post(self):
        post_id, answer = self.ask(as_json=False)
        button = self.check_answer(answer)
        context = button["integration"]["context"]
        signature = context["signature"]
        flipped = ("0" if signature[-1] != "0" else "1")
        before = settled_audit_count()
        for name, tampered in {"signature changed": dict(context, signature=signature[:-1] + flipped),
                               "say changed, signature kept": dict(context, say="mark rumour 1 as false"),
                               "signature removed": {k: v for k, v in context.items() if k != "signature"}}.items():
            with self.subTest(name):
                status, reply, _ = click(button, answer, context=tampered)
                self.assertEqual(status, 401, reply)
        time.sleep(2)
        self.assertEqual(len(MATTERMOST_API.attempts(post_id)), 1, "only the first answer is in the thread")
        self.assertEqual(settled_audit_count(), before)


def push_burst(prefix, text, count=40):
    """Pushes `count` posts made in the minutes before Muster's pinned now through POST /ingest, as a feed
    integration would; returns when the request was sent (monotonic)."""
    pinned = datetime.datetime.fromisoformat(NOW.replace("Z", "+00:00"))
    lines = [json.dumps({"id": f"{prefix}-{index}", "text": f"{text} ({index})", "author": f"{prefix}{index}",
                         "created_at": (pinned - datetime.timedelta(seconds=15 * index + 5)).strftime("%Y-%m-%dT%H:%M:%SZ")})
             for index in range(count)]
    started = time.monotonic()
    status, reply, _ = post("/ingest", "\n".join(lines).encode(), {"Authorization": f"Bearer {INGEST_TOKEN}", "Content-Type": "application/x-ndjson"})
    assert status == 200, reply
    return started


class SpeakingFirstTests(unittest.TestCase):
    """A watch set in a conversation; a burst pushed through POST /ingest; the alert in that conversation."""

    def test_a_watch_set_in_slack_alerts_in_its_thread_when_a_burst_arrives(self):
        ts = slack_ts()
        body = slack_mention("watch bins in Riverside", ts)
        status, reply, _ = post("/slack/events", body, slack_headers(body))
        self.assertEqual(status, 200, reply)
        confirmation = SLACK.wait_for_post(SLACK_ELSEWHERE, ts)[0]
        self.assertIn("watch", " ".join(texts(confirmation.data)).lower())
        started = push_burst("slackburst", "Bins not collected on Tanner Street in Riverside again, bags everywhere")
        alert = SLACK.wait_for_post(SLACK_ELSEWHERE, ts, count=2)[1]
        ALERT_LATENCY.append(alert.at - started)
        words = " ".join(texts(alert.data))
        self.assertIn("rising", words, "the alert says what rose")
        self.assertTrue("usually" in words or "nothing like it" in words, "and against what is usual")
        values = [button["value"] for _, button in buttons(alert.data["blocks"])]
        self.assertIn("show me the posts", values)
        self.assertTrue(any(value.startswith("sitrep on") for value in values), values)
        self.assertEqual(slack_block_errors(alert.data["blocks"]), [])

    def test_a_watch_set_in_teams_alerts_in_that_conversation(self):
        raw = teams_activity("personal", text="watch flooding in Quayside", mention=False)
        status, body, _ = send_activity(raw, good_token())
        self.assertEqual(status, 200, body)
        conversation = raw["conversation"]["id"]
        TEAMS.wait_for_reply(conversation, raw["id"])
        started = push_burst("teamsburst", "Flooding on Quay Road in Quayside, water coming into the houses")
        deadline = time.monotonic() + 20
        while len(TEAMS.replies(conversation)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        replies = TEAMS.replies(conversation)
        self.assertGreaterEqual(len(replies), 2, "the alert reaches the conversation the watch was set in")
        ALERT_LATENCY.append(replies[1].at - started)
        card = adaptive_card(replies[1])
        adaptive_card_schema().validate(card)
        self.assertIn("rising", json.dumps(card))
        self.assertIn("show me the posts", [action["data"]["muster"] for action in submit_actions(card)])


SITREP = r"Sitrep \d+ ·"


class RestartTests(unittest.TestCase):
    """An incident room's sitreps across `kill -9`. Each `muster serve` runs on its own copy of the store with the
    clock frozen a little later than the one before, as time passes for a real service between crashes."""

    def test_sitreps_survive_kill_9_between_them_none_lost_none_doubled_and_closing_stops_them(self):
        store = os.path.join(os.path.dirname(OPTIONS.store), f"restart-{unique()}.sqlite")
        with sqlite3.connect(OPTIONS.store) as source, sqlite3.connect(store) as copy:
            source.backup(copy)
            # The copy would carry the suite's own server's lease on the scheduler, and that server is alive: this
            # store is a new service's, not that one's.
            copy.execute("DELETE FROM instance_lease")
        port = free_port()
        pinned = datetime.datetime.fromisoformat(NOW.replace("Z", "+00:00"))
        ts = slack_ts()
        running = []
        self.addCleanup(lambda: [server.kill() for server in running if server.process.poll() is None])

        def serve(minutes):
            server = Server(port, environment(port), store=store,
                            now=(pinned + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ"))
            server.start()
            running.append(server)
            return server

        def say(server, text, opening=False):
            body = slack_mention(text, ts) if opening else slack_mention(text, slack_ts(), thread_ts=ts)
            status, reply, _ = post("/slack/events", body, slack_headers(body), url=server.base + "/slack/events")
            self.assertEqual(status, 200, reply)

        def in_thread(pattern, accepted=True):
            return SLACK.requests(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict)
                                  and r.data.get("thread_ts") == ts and re.search(pattern, r.data.get("text", "")), accepted=accepted)

        def wait_for_sitreps(count):
            deadline = time.monotonic() + 20
            while len(in_thread(SITREP)) < count and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertEqual(len(in_thread(SITREP)), count, f"sitrep {count} arrives")

        def crash(server):
            # Half a second after the last delivery, so the crash falls between sitreps: one between Slack's 200 and
            # the outbox recording it would send that message again (delivery is at least once).
            time.sleep(0.5)
            server.kill()

        def quiet_for(seconds, count):
            time.sleep(seconds)
            self.assertEqual(len(in_thread(SITREP)), count, "and nothing more")

        opened = serve(0)
        say(opened, "start incident Hill Street fire: fire, smoke, Hill St, every 30 minutes", opening=True)
        confirmation = SLACK.wait_for_post(SLACK_ELSEWHERE, ts)[0]
        self.assertIn("Incident room open", confirmation.data["text"])
        crash(opened)

        first = serve(31)
        wait_for_sitreps(1)
        crash(first)
        # Straight back up at the same moment: sitrep 1 is recorded as sent, so it is not sent again.
        again = serve(31)
        quiet_for(3, 1)
        crash(again)

        # Sitrep 2 is queued, Slack throttles it, and the process dies while it waits to retry: the next process
        # delivers the queued message, and does not queue a second one for the same slot.
        SLACK.fail_next(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict) and r.data.get("thread_ts") == ts
                        and re.search(SITREP, r.data.get("text", "")), 429, {"Retry-After": "5"}, {"ok": False, "error": "ratelimited"})
        throttled = serve(62)
        deadline = time.monotonic() + 20
        while not in_thread(SITREP, accepted=False) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(in_thread(SITREP, accepted=False)), 1, "sitrep 2 was tried and throttled")
        time.sleep(0.5)
        throttled.kill()
        self.assertEqual(len(in_thread(SITREP)), 1)
        recovered = serve(62)
        wait_for_sitreps(2)
        quiet_for(6, 2)
        crash(recovered)

        third = serve(93)
        wait_for_sitreps(3)
        say(third, "close incident")
        closed = SLACK.wait_for(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict)
                                and r.data.get("thread_ts") == ts and "Incident room closed" in r.data.get("text", ""))[0]
        self.assertIn("3 sent", closed.data["text"], "the closing summary counts the three sitreps")
        crash(third)

        later = serve(130)
        quiet_for(3, 3)
        later.stop()
        sitreps = [post.data["text"] for post in in_thread(SITREP)]
        for number, text in enumerate(sitreps, start=1):
            self.assertIn(f"Sitrep {number} ·", text, "each sitrep once, in order")
        os.remove(store)


POSTGRES = os.environ.get("MUSTER_TEST_POSTGRES")
HANDOVER = []


@unittest.skipUnless(POSTGRES or os.environ.get("CI"), "no PostgreSQL to run two instances on (MUSTER_TEST_POSTGRES; make test sets it)")
class TwoInstancesTests(unittest.TestCase):
    """Two `muster serve` on one PostgreSQL database, each with a store file of its own, as two machines behind one
    address run: a message is answered once whichever instance it reaches, however often, and the scheduler is one."""

    def setUp(self):
        self.assertTrue(POSTGRES, "in CI this runs beside PostgreSQL")
        name = f"muster_two_{unique().lower()}"
        self.psql(f"CREATE DATABASE {name}", database="postgres")
        self.addCleanup(self.psql, f"DROP DATABASE {name} WITH (FORCE)", "postgres")
        self.address = f"{POSTGRES.rsplit('/', 1)[0]}/{name}"
        moved = subprocess.run([OPTIONS.muster, "migrate-store", self.address, "--store", OPTIONS.store],
                               cwd=OPTIONS.root, capture_output=True, text=True)
        self.assertEqual(moved.returncode, 0, moved.stdout + moved.stderr)
        self.folder = os.path.dirname(OPTIONS.store)
        self.running = []
        self.addCleanup(lambda: [server.kill() for server in self.running if server.process.poll() is None])

    def psql(self, sql, database=None):
        address = POSTGRES if database else self.address
        run = subprocess.run(["psql", address, "-Atqc", sql], capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        return run.stdout.strip()

    def serve(self, minutes=0):
        """An instance on the database, with its own copy of the suite's store file, its clock `minutes` on."""
        tag = unique()
        store = os.path.join(self.folder, f"instance-{tag}.sqlite")
        with sqlite3.connect(OPTIONS.store) as source, sqlite3.connect(store) as copy:
            source.backup(copy)
        port = free_port()
        env = dict(environment(port), MUSTER_STORE_FILE=store)
        now = (datetime.datetime.fromisoformat(NOW.replace("Z", "+00:00")) + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
        server = Server(port, env, store=self.address, now=now, log=store + ".apps.log")
        server.start()
        self.running.append(server)
        return server

    def mention(self, server, text, ts, thread_ts=None, body=None):
        body = body or slack_mention(text, ts, thread_ts=thread_ts)
        status, reply, _ = post("/slack/events", body, slack_headers(body), url=server.base + "/slack/events")
        self.assertEqual(status, 200, reply)
        return body

    def test_a_burst_to_both_instances_each_retried_to_the_other_is_answered_exactly_once(self):
        instances = [self.serve(), self.serve()]
        # A slow Web API keeps both instances' senders busy at once, each claiming from the one outbox.
        SLACK.delay = 0.25
        self.addCleanup(setattr, SLACK, "delay", 0)
        threads = []
        for index in range(16):
            ts = slack_ts()
            first, second = instances[index % 2], instances[1 - index % 2]
            # The same event twice, once to each instance: Slack retrying through the load balancer.
            body = self.mention(first, "bins riverside?", ts)
            self.mention(second, None, ts, body=body)
            threads.append(ts)
        for ts in threads:
            SLACK.wait_for_post(SLACK_ELSEWHERE, ts, timeout=60)
        time.sleep(3)
        for ts in threads:
            answers = SLACK.posts(SLACK_ELSEWHERE, ts)
            self.assertEqual(len(answers), 1, f"thread {ts} answered once, not {len(answers)} times")
            self.assertIn("Ward 4", answers[0].data["text"])
        self.assertEqual(self.psql("SELECT count(*) FROM outbox WHERE status <> 'delivered'"), "0", "none left behind")

    def test_killing_the_instance_that_runs_the_scheduler_hands_it_to_the_other_within_a_minute(self):
        leader = self.serve()
        deadline = time.monotonic() + 20
        while f"pid {leader.process.pid} " not in self.psql("SELECT holder FROM instance_lease WHERE name = 'scheduler'") and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertIn(f"pid {leader.process.pid} ", self.psql("SELECT holder FROM instance_lease WHERE name = 'scheduler'"))
        ts = slack_ts()
        self.mention(leader, "start incident Hill Street fire: fire, smoke, Hill St, every 30 minutes", ts)
        self.assertIn("Incident room open", SLACK.wait_for_post(SLACK_ELSEWHERE, ts)[0].data["text"])
        # The other instance's clock is past the first sitrep, the leader's is not: only a scheduler running on the
        # follower would send it.
        follower = self.serve(minutes=31)
        time.sleep(12)
        sitreps = lambda: [r for r in SLACK.posts(SLACK_ELSEWHERE, ts) if re.search(SITREP, r.data.get("text", ""))]
        self.assertEqual(len(sitreps()), 0, "the follower runs no scheduler while the leader lives")

        leader.kill()
        killed = time.monotonic()
        deadline = killed + 60
        while not sitreps() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(len(sitreps()), 1, "the follower took over within a minute and sent the sitrep due")
        HANDOVER.append(time.monotonic() - killed)
        self.assertIn(f"pid {follower.process.pid} ", self.psql("SELECT holder FROM instance_lease WHERE name = 'scheduler'"))
        time.sleep(3)
        self.assertEqual(len(sitreps()), 1, "and sent it once")
        follower.stop()
        self.assertEqual(self.psql("SELECT count(*) FROM instance_lease WHERE name = 'scheduler'"), "0", "a clean stop gives the lease up")


def main():
    global OPTIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--muster", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--root", required=True)
    OPTIONS, rest = parser.parse_known_args()
    program = unittest.main(argv=[sys.argv[0], "-v", *rest], exit=False)
    if HANDOVER:
        print(f"\nScheduler handed over {HANDOVER[0]:.1f} s after kill -9 of its instance (lease 30 s, checked every 10 s; goal under 60 s)")
    if ALERT_LATENCY:
        print(f"\nIngest request to alert at the chat fake: median {statistics.median(ALERT_LATENCY) * 1000:.0f} ms over {len(ALERT_LATENCY)}"
              f" (max {max(ALERT_LATENCY) * 1000:.0f} ms; goal under 5 s)")
    if LATENCY:
        print("\nAcknowledgement latency per chat app (whole HTTP round trip on loopback, demo store):")
        for platform, times in sorted(LATENCY.items()):
            print(f"  {platform:28} median {statistics.median(times) * 1000:6.0f} ms over {len(times)}")
    refused = [(fake.name, line) for fake in (TEAMS, SLACK, MATTERMOST_API) if fake for line in fake.refusals()]
    if refused and not program.result.wasSuccessful():
        print("\nRequests the fakes refused (scripted faults and refusal tests' traffic included):")
        for name, line in refused[-30:]:
            print(f"  {name}: {line}")
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
