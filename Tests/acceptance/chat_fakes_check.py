"""Checks the fakes in chat_fakes.py against the platforms' own clients, so that a chat_apps.py failure is Muster's
and not the fake's: slack_sdk's WebClient against the Slack fake, PyJWT's JWKS client against the Bot Framework
metadata and, when installed (they are not in requirements.txt), botframework-connector's own token validator and
Connector client, and mattermostdriver.

    .build/acceptance-venv/bin/python Tests/acceptance/chat_fakes_check.py
    # the optional clients: pip install botframework-connector==4.17.1 aiohttp mattermostdriver==7.3.2
"""
import asyncio
import json
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from chat_fakes import BotFramework, MattermostAPI, SlackWebAPI, mattermost_id

APP_ID, PASSWORD = "3f6d2c8e-0a4b-4f1e-9c7d-5b2a1e0f8c6d", "secret~pw"


def form_post(url, fields, content_type="application/x-www-form-urlencoded"):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class SlackFakeTests(unittest.TestCase):
    def setUp(self):
        self.fake = SlackWebAPI("xoxb-good", ["C1"])
        self.addCleanup(self.fake.stop)
        self.client = WebClient(token="xoxb-good", base_url=self.fake.api_url)

    def test_web_client_posts_in_a_thread_with_blocks(self):
        self.fake.message_sent("C1", "1.000001")
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}},
                  {"type": "actions", "elements": [{"type": "button", "action_id": "a1", "text": {"type": "plain_text", "text": "Go"}, "value": "go"}]}]
        answer = self.client.chat_postMessage(channel="C1", text="hi", blocks=blocks, thread_ts="1.000001")
        self.assertTrue(answer["ok"])
        self.assertEqual(self.fake.posts("C1", "1.000001")[0].data["blocks"], blocks)
        self.assertNotIn("warning", answer.data, "slack_sdk sends charset=utf-8")

    def test_refusals_are_what_slack_says(self):
        for call, error in [(lambda: WebClient(token="xoxb-bad", base_url=self.fake.api_url).chat_postMessage(channel="C1", text="x"), "invalid_auth"),
                            (lambda: self.client.chat_postMessage(channel="C9", text="x"), "channel_not_found"),
                            (lambda: self.client.chat_postMessage(channel="C1", text="x", thread_ts="9.9"), "thread_not_found"),
                            (lambda: self.client.chat_postMessage(channel="C1", text="x", blocks=[{"type": "nope"}]), "invalid_blocks")]:
            with self.assertRaises(SlackApiError) as raised:
                call()
            self.assertEqual(raised.exception.response["error"], error)
        self.assertEqual(self.fake.posts(), [])

    def test_a_scripted_429_is_what_slack_sdks_retry_handler_waits_for(self):
        self.fake.fail_next(lambda r: True, 429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
        with self.assertRaises(SlackApiError) as raised:
            self.client.chat_postMessage(channel="C1", text="x")
        self.assertEqual((raised.exception.response.status_code, raised.exception.response.headers["retry-after"]), (429, "1"))
        self.fake.fail_next(lambda r: True, 429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
        patient = WebClient(token="xoxb-good", base_url=self.fake.api_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
        self.assertTrue(patient.chat_postMessage(channel="C1", text="x")["ok"])
        attempts = self.fake.requests()[-2:]
        self.assertGreaterEqual(attempts[1].at - attempts[0].at, 1.0)


class BotFrameworkFakeTests(unittest.TestCase):
    def setUp(self):
        self.fake = BotFramework(APP_ID, PASSWORD)
        self.addCleanup(self.fake.stop)
        now = time.time()
        self.good = self.fake.channel_token(not_before=now - 60, expires=now + 3600)
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.bad = {
            "expired": self.fake.channel_token(not_before=now - 4200, expires=now - 600),
            "audience": self.fake.channel_token(not_before=now - 60, expires=now + 3600, audience="someone-else"),
            "issuer": self.fake.channel_token(not_before=now - 60, expires=now + 3600, issuer="https://sts.windows.net/x/"),
            "none": self.fake.channel_token(not_before=now - 60, expires=now + 3600, algorithm="none"),
            "foreign key": self.fake.channel_token(not_before=now - 60, expires=now + 3600, key=other),
        }

    def test_pyjwt_reads_the_key_from_the_metadata_and_accepts_only_the_good_token(self):
        with urllib.request.urlopen(self.fake.openid_url) as response:
            metadata = json.loads(response.read())
        self.assertEqual(metadata["id_token_signing_alg_values_supported"], ["RS256"])
        client = jwt.PyJWKClient(metadata["jwks_uri"])

        def decode(token):
            key = client.get_signing_key_from_jwt(token).key
            return jwt.decode(token, key, algorithms=["RS256"], audience=APP_ID, issuer=metadata["issuer"], leeway=300)

        self.assertEqual(decode(self.good)["serviceurl"], self.fake.service_url)
        for name, token in self.bad.items():
            with self.subTest(name), self.assertRaises(jwt.PyJWTError):
                decode(token)

    def test_the_token_endpoint_checks_the_client_credentials_form(self):
        url = self.fake.base + self.fake.token_path
        fields = {"grant_type": "client_credentials", "client_id": APP_ID, "client_secret": PASSWORD, "scope": BotFramework.scope}
        status, answer = form_post(url, fields)
        self.assertEqual((status, answer["expires_in"], answer["token_type"]), (200, 3600, "Bearer"))
        for change, expected in [({"client_secret": "x"}, 401), ({"scope": "https://graph.microsoft.com/.default"}, 400),
                                 ({"grant_type": "password"}, 400), ({"client_id": "x"}, 400)]:
            self.assertEqual(form_post(url, dict(fields, **change))[0], expected, change)
        self.assertEqual(form_post(url, fields, content_type="application/json")[0], 400)
        self.assertEqual(form_post(self.fake.base + "/common/oauth2/v2.0/token", fields)[0], 400)

    def test_botframework_connectors_own_validator_and_client_agree(self):
        try:
            from botbuilder.schema import Activity, ChannelAccount, ConversationAccount
            from botframework.connector.aio import ConnectorClient
            from botframework.connector.auth import AppCredentials, ChannelValidation, JwtTokenValidation, SimpleCredentialProvider
        except ImportError:
            self.skipTest("botframework-connector and aiohttp are not installed")
        ChannelValidation.open_id_metadata_endpoint = self.fake.openid_url
        conversation = "19:abc@thread.tacv2;messageid=1699"
        activity = Activity(type="message", id="1699", channel_id="msteams", service_url=self.fake.service_url, text="hi",
                            conversation=ConversationAccount(id=conversation), from_property=ChannelAccount(id="29:u"),
                            recipient=ChannelAccount(id="28:" + APP_ID))
        credentials = SimpleCredentialProvider(APP_ID, PASSWORD)

        async def authenticate(token):
            return await JwtTokenValidation.authenticate_request(activity, f"Bearer {token}", credentials)

        self.assertTrue(asyncio.run(authenticate(self.good)).is_authenticated)
        now = time.time()
        self.bad["service URL claim"] = self.fake.channel_token(not_before=now - 60, expires=now + 3600, service_url=self.fake.base + "/emea/")
        for name, token in self.bad.items():
            with self.subTest(name), self.assertRaises(Exception):
                asyncio.run(authenticate(token))
        activity.channel_id = "slack"
        with self.subTest("channel the key does not endorse"), self.assertRaises(Exception):
            asyncio.run(authenticate(self.good))
        activity.channel_id = "msteams"

        # The SDK's own Connector client, with a token from the fake endpoint (MSAL will not use an http authority).
        _, answer = form_post(self.fake.base + self.fake.token_path, {"grant_type": "client_credentials", "client_id": APP_ID,
                                                                       "client_secret": PASSWORD, "scope": BotFramework.scope})

        class Fixed(AppCredentials):
            def get_access_token(self, force_refresh=False):
                return answer["access_token"]

        self.fake.sent(conversation, "1699")
        reply = Activity(type="message", text="hello", reply_to_id="1699", conversation=ConversationAccount(id=conversation),
                         attachments=[{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard", "version": "1.5", "body": []}}])

        async def send():
            async with ConnectorClient(Fixed(app_id=APP_ID), base_url=self.fake.service_url) as client:
                return await client.conversations.reply_to_activity(conversation, "1699", reply)

        self.assertTrue(asyncio.run(send()).id)
        delivered = self.fake.replies(conversation)
        self.assertEqual(len(delivered), 1, self.fake.describe_refusals())
        self.assertIn("19%3Aabc%40thread.tacv2%3Bmessageid%3D1699", delivered[0].path)


class MattermostFakeTests(unittest.TestCase):
    def test_mattermostdriver_logs_in_and_posts_a_thread_reply_with_buttons(self):
        try:
            from mattermostdriver import Driver
        except ImportError:
            self.skipTest("mattermostdriver is not installed")
        token = "t" * 26
        fake = MattermostAPI(token, ["c1"])
        self.addCleanup(fake.stop)
        root = mattermost_id()
        fake.user_posted(root)
        driver = Driver({"url": "127.0.0.1", "port": fake.port, "scheme": "http", "token": token, "basepath": "/api/v4"})
        driver.login()
        actions = [{"id": "muster1", "type": "button", "name": "Go", "integration": {"url": "http://127.0.0.1:1/mattermost/actions", "context": {}}}]
        created = driver.posts.create_post(options={"channel_id": "c1", "message": "hi", "root_id": root, "props": {"attachments": [{"actions": actions}]}})
        self.assertEqual(created["root_id"], root)
        bad = dict(actions[0], id="muster_1")
        with self.assertRaises(Exception):
            driver.posts.create_post(options={"channel_id": "c1", "message": "hi", "props": {"attachments": [{"actions": [bad]}]}})
        with self.assertRaises(Exception):
            driver.posts.create_post(options={"channel_id": "c1", "message": "hi", "root_id": created["id"]})  # a reply is no root
        self.assertEqual(len(fake.posts()), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
