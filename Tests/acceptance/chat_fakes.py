"""Strict fakes of the services Muster's chat apps talk to, on 127.0.0.1: the Bot Framework (OpenID metadata, signing
keys, the Microsoft token endpoint and a Teams Connector), Slack's Web API and Mattermost's REST API.

Each fake is the strict side (docs/…/chat-apps.md §4): a request passes only if it carries what the real service
requires, and a refused request is answered the way that service answers it. Every request is recorded, with the
reason it was refused, so a test can wait for the one it expects and, when it never comes, say what came instead.
"""
import json
import re
import secrets
import string
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block


@dataclass
class Recorded:
    """One request a fake received, and what it made of it."""
    at: float                 # time.monotonic() when the request line arrived
    method: str
    path: str                 # as sent, still percent-encoded, with any query
    headers: dict             # names in lower case
    body: bytes
    status: int = 0
    problem: str | None = None  # why the fake refused it; None when it was accepted
    data: object = None       # the parsed body
    meta: dict = field(default_factory=dict)  # what the fake read from the path, the ids it answered with

    @property
    def accepted(self):
        return self.problem is None and 200 <= self.status < 300


class Refused(Exception):
    """A request the fake answers with an error, as the real service would."""

    def __init__(self, status, body, problem, headers=None):
        super().__init__(problem)
        self.status, self.body, self.problem, self.headers = status, body, problem, headers or {}


def _json(status, value, headers=None):
    return status, dict({"Content-Type": "application/json; charset=utf-8"}, **(headers or {})), json.dumps(value).encode()


class FakeService:
    """An HTTP/1.1 server on a free loopback port that records every request and answers from `handle`.

    HTTP/1.1 so that libcurl's `Expect: 100-continue` is answered at once rather than after curl's one-second wait.
    """

    name = "fake"

    def __init__(self):
        self.lock = threading.RLock()
        self.received = []
        self.faults = []  # [(predicate(record) -> bool, (status, headers, body))], each used once
        self.delay = 0  # seconds each answer waits, as an API under load: senders are then busy at the same time
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                fake._serve(self)

            do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, name=self.name, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- what tests use ---

    def requests(self, predicate=None, accepted=None):
        with self.lock:
            records = list(self.received)
        return [r for r in records if (accepted is None or r.accepted == accepted) and (predicate is None or predicate(r))]

    def wait_for(self, predicate, count=1, timeout=20):
        """The first `count` accepted requests that match, waiting up to `timeout` seconds for them."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.requests(predicate, accepted=True)
            if len(found) >= count:
                return found[:count]
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: expected {count} accepted matching request(s), got {len(found)} in {timeout}s; "
                                     f"{self.describe_refusals()}")
            time.sleep(0.05)

    def refusals(self):
        return [f"{r.method} {r.path} → {r.status}: {r.problem}" for r in self.requests(accepted=False)]

    def describe_refusals(self):
        refused = self.refusals()
        return "it refused: " + "; ".join(refused[-5:]) if refused else "it refused nothing"

    def fail_next(self, predicate, status, headers=None, body=b""):
        """Answer the next request that matches `predicate` (a Recorded whose `data` is parsed) with this, once."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        with self.lock:
            self.faults.append((predicate, (status, headers or {}, body)))

    # --- the server side ---

    def handle(self, record):
        raise NotImplementedError

    def _scripted(self, record):
        with self.lock:
            for index, (predicate, answer) in enumerate(self.faults):
                if predicate(record):
                    del self.faults[index]
                    return answer
        return None

    def _serve(self, handler):
        at = time.monotonic()
        headers = {name.lower(): value for name, value in handler.headers.items()}
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = b""
            while True:
                size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                body += handler.rfile.read(size)
                handler.rfile.readline()
        else:
            body = handler.rfile.read(int(headers.get("content-length") or 0))
        record = Recorded(at=at, method=handler.command, path=handler.path, headers=headers, body=body)
        with self.lock:
            self.received.append(record)
        try:
            status, reply_headers, reply = self.handle(record)
        except Refused as refusal:
            status, reply_headers, reply = refusal.status, dict({"Content-Type": "application/json; charset=utf-8"}, **refusal.headers), refusal.body
            record.problem = refusal.problem
        except Exception as error:  # a bug in the fake must show, not hang the client
            status, reply_headers, reply = 500, {"Content-Type": "text/plain"}, f"fake error: {error!r}".encode()
            record.problem = f"the fake itself failed: {error!r}"
        record.status = status
        time.sleep(self.delay)
        handler.send_response(status)
        for name, value in reply_headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(reply)))
        handler.end_headers()
        handler.wfile.write(reply)


def bearer(record):
    """The token in `Authorization: Bearer <token>`, or None."""
    scheme, _, token = record.headers.get("authorization", "").partition(" ")
    return token if scheme == "Bearer" and token and " " not in token else None


def media_type(record):
    return record.headers.get("content-type", "").split(";")[0].strip().lower()


def strict_form(body):
    """A form body's fields, refusing what a strict form parser refuses."""
    try:
        return dict(urllib.parse.parse_qsl(body.decode("ascii"), strict_parsing=True, keep_blank_values=True))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"not a form body: {error}")


# --- Microsoft Teams: Bot Framework channel, token endpoint and Connector ------------------------------------------

class BotFramework(FakeService):
    """The Bot Framework side of Teams on one port.

    - `GET /v1/.well-known/openidconfiguration` and `/v1/.well-known/keys`: the channel's OpenID metadata and its
      RS256 key (JWK with `endorsements: ["msteams"]`); `channel_token` mints the inbound tokens it would sign.
    - `POST /<tenant>/oauth2/v2.0/token`: Microsoft's client-credentials endpoint, issuing random access tokens.
    - `POST /teams/v3/conversations/<id>/activities/<activityId>`: the Connector at `service_url`, accepting replies
      that carry a live access token, to a conversation and activity the channel sent.
    """

    name = "Bot Framework"
    issuer = "https://api.botframework.com"
    scope = "https://api.botframework.com/.default"

    def __init__(self, app_id, app_password, tenant="botframework.com", token_lifetime=3600):
        super().__init__()
        self.app_id, self.app_password, self.tenant, self.token_lifetime = app_id, app_password, tenant, token_lifetime
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "muster-acceptance-" + secrets.token_hex(4)
        self.endorsements = ["msteams"]
        self.tokens = {}            # access token → expiry (time.time())
        self.activities = set()     # (conversation id, activity id) the channel has sent
        self.openid_url = self.base + "/v1/.well-known/openidconfiguration"
        self.keys_url = self.base + "/v1/.well-known/keys"
        self.service_url = self.base + "/teams/"
        self.token_path = f"/{tenant}/oauth2/v2.0/token"

    def jwk(self):
        key = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return dict(key, kid=self.kid, use="sig", endorsements=list(self.endorsements))

    def channel_token(self, *, not_before, expires, audience=None, issuer=None, service_url=None, key=None, kid=None,
                      algorithm="RS256", extra=None):
        """A token as the channel signs it; each argument can be made wrong for a refusal test."""
        claims = {"iss": issuer or self.issuer, "aud": audience or self.app_id, "nbf": int(not_before), "exp": int(expires),
                  "serviceurl": service_url or self.service_url}
        claims.update(extra or {})
        headers = {"kid": kid or self.kid}
        if algorithm == "none":
            return jwt.encode(claims, None, algorithm="none", headers=headers)
        return jwt.encode(claims, key or self.key, algorithm=algorithm, headers=headers)

    def sent(self, conversation, activity):
        """Records that the channel sent `activity` in `conversation`, so the Connector accepts replies to it."""
        with self.lock:
            self.activities.add((conversation, activity))

    def token_requests(self):
        return self.requests(lambda r: r.path.split("?")[0].endswith("/oauth2/v2.0/token"))

    def replies(self, conversation=None):
        """Accepted Connector replies, optionally only those to one conversation."""
        return self.requests(lambda r: "conversation" in r.meta and conversation in (None, r.meta["conversation"]), accepted=True)

    def wait_for_reply(self, conversation, activity, timeout=20):
        return self.wait_for(lambda r: r.meta.get("conversation") == conversation and r.meta.get("activity") == activity, timeout=timeout)[0]

    def attempts_for(self, conversation):
        """Every request at all that names `conversation` in its path, accepted or not."""
        return self.requests(lambda r: conversation in urllib.parse.unquote(r.path))

    def handle(self, record):
        path = record.path.split("?")[0]
        if record.method == "GET" and path == "/v1/.well-known/openidconfiguration":
            return _json(200, {"issuer": self.issuer, "authorization_endpoint": "https://invalid.botframework.com",
                               "jwks_uri": self.keys_url, "id_token_signing_alg_values_supported": ["RS256"],
                               "token_endpoint_auth_methods_supported": ["private_key_jwt"]})
        if record.method == "GET" and path == "/v1/.well-known/keys":
            return _json(200, {"keys": [self.jwk()]})
        if path.endswith("/oauth2/v2.0/token"):
            return self._token(record, path)
        if path.startswith("/teams/"):
            return self._connector(record, path)
        raise Refused(404, b'{"error": "not found"}', f"no such endpoint {record.method} {path}")

    def _token(self, record, path):
        def refuse(status, error, description):
            body = json.dumps({"error": error, "error_description": description, "error_codes": [], "trace_id": secrets.token_hex(8)}).encode()
            raise Refused(status, body, f"token endpoint: {error}: {description}")

        if record.method != "POST":
            refuse(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.")
        if path != self.token_path:
            refuse(400, "invalid_request", f"tenant path {path!r}: expected {self.token_path!r}")
        if media_type(record) != "application/x-www-form-urlencoded":
            refuse(400, "invalid_request", f"AADSTS900144: body must be application/x-www-form-urlencoded, not {record.headers.get('content-type')!r}")
        try:
            form = strict_form(record.body)
        except ValueError as error:
            refuse(400, "invalid_request", str(error))
        record.data = form
        if form.get("grant_type") != "client_credentials":
            refuse(400, "unsupported_grant_type", f"grant_type {form.get('grant_type')!r}")
        if form.get("client_id") != self.app_id:
            refuse(400, "unauthorized_client", f"AADSTS700016: client_id {form.get('client_id')!r} is not the bot's app id")
        if form.get("client_secret") != self.app_password:
            refuse(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        if form.get("scope") != self.scope:
            refuse(400, "invalid_scope", f"AADSTS70011: scope {form.get('scope')!r}, expected {self.scope!r}")
        token = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(48) + "." + secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = time.time() + self.token_lifetime
        return _json(200, {"token_type": "Bearer", "expires_in": self.token_lifetime, "ext_expires_in": self.token_lifetime,
                           "access_token": token})

    def _connector(self, record, path):
        def refuse(status, code, message):
            raise Refused(status, json.dumps({"error": {"code": code, "message": message}}).encode(), f"connector {status} {code}: {message}")

        match = re.fullmatch(r"/teams/v3/conversations/([^/]+)/activities/([^/]+)", path)
        if match:
            record.meta["conversation"] = urllib.parse.unquote(match.group(1))
            record.meta["activity"] = urllib.parse.unquote(match.group(2))
        token = bearer(record)
        with self.lock:
            live = token is not None and self.tokens.get(token, 0) > time.time()
        if not live:
            raise Refused(401, b'{"message": "Authorization has been denied for this request."}',
                          "connector 401: no live access token from the token endpoint")
        if record.headers.get("host") != f"127.0.0.1:{self.port}":
            refuse(400, "BadArgument", f"Host {record.headers.get('host')!r}")
        if record.method != "POST" or not match:
            refuse(404, "NotFound", f"expected POST /teams/v3/conversations/<id>/activities/<activityId>, got {record.method} {path}")
        raw_conversation = match.group(1)
        if any(c in raw_conversation for c in ":@;="):
            refuse(400, "BadArgument", f"conversation id not percent-encoded in the path: {raw_conversation!r}")
        conversation, activity = record.meta["conversation"], record.meta["activity"]
        with self.lock:
            known_conversation = any(c == conversation for c, _ in self.activities)
            known_activity = (conversation, activity) in self.activities
        if not known_conversation:
            refuse(404, "ConversationNotFound", f"Conversation not found: {conversation!r}")
        if not known_activity:
            refuse(400, "BadArgument", f"activity {activity!r} was never sent in {conversation!r}")
        if media_type(record) != "application/json":
            refuse(415, "BadSyntax", f"Content-Type {record.headers.get('content-type')!r}")
        if len(record.body) > 100_000:
            refuse(413, "MessageSizeTooBig", f"{len(record.body)} bytes")
        try:
            body = json.loads(record.body)
        except ValueError as error:
            refuse(400, "BadSyntax", f"not JSON: {error}")
        record.data = body
        if not isinstance(body, dict) or body.get("type") != "message":
            refuse(400, "BadArgument", "activity type must be \"message\"")
        if body.get("replyToId") != activity:
            refuse(400, "BadArgument", f"replyToId {body.get('replyToId')!r} is not the path's activity id {activity!r}")
        if (body.get("conversation") or {}).get("id") != conversation:
            refuse(400, "BadArgument", f"conversation.id {(body.get('conversation') or {}).get('id')!r} is not the path's {conversation!r}")
        attachments = body.get("attachments") or []
        if not body.get("text") and not attachments:
            refuse(400, "BadArgument", "a message needs text or attachments")
        for attachment in attachments:
            if not isinstance(attachment, dict) or not attachment.get("contentType"):
                refuse(400, "BadArgument", "an attachment without contentType")
            if attachment["contentType"] == "application/vnd.microsoft.card.adaptive":
                content = attachment.get("content")
                if not isinstance(content, dict) or content.get("type") != "AdaptiveCard":
                    refuse(400, "BadArgument", "an Adaptive Card attachment whose content is not an AdaptiveCard object")
        new_id = str(int(time.time() * 1000)) + str(secrets.randbelow(1000)).zfill(3)
        record.meta["id"] = new_id
        with self.lock:
            self.activities.add((conversation, new_id))
        return _json(200, {"id": new_id})


# --- Slack Web API -------------------------------------------------------------------------------------------------

class SlackWebAPI(FakeService):
    """`POST /api/chat.postMessage` (and `auth.test`) as Slack answers them: HTTP 200 with `ok: false` for every
    application error, 429 + `Retry-After` only when a test scripts one."""

    name = "Slack Web API"

    def __init__(self, token, channels, team="T0NBCOMMS", bot_user="U0MUSTERBOT", bot_id="B0MUSTER"):
        super().__init__()
        self.token, self.channels, self.team, self.bot_user, self.bot_id = token, set(channels), team, bot_user, bot_id
        self.parents = set()  # (channel, ts) of messages that may be thread parents
        self.counter = 0
        self.api_url = self.base + "/api/"

    def message_sent(self, channel, ts):
        """Records a message posted in `channel` at `ts` by someone (a thread may be started under it)."""
        with self.lock:
            self.parents.add((channel, ts))

    def posts(self, channel=None, thread_ts=None):
        """Accepted chat.postMessage calls, optionally in one channel and thread."""
        return self.requests(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict)
                             and channel in (None, r.data.get("channel")) and thread_ts in (None, r.data.get("thread_ts")), accepted=True)

    def attempts(self, thread_ts):
        """Every chat.postMessage in a thread, accepted or not (a scripted 429 included)."""
        return self.requests(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict) and r.data.get("thread_ts") == thread_ts)

    def wait_for_post(self, channel, thread_ts, count=1, timeout=20):
        return self.wait_for(lambda r: r.meta.get("method") == "chat.postMessage" and isinstance(r.data, dict)
                             and r.data.get("channel") == channel and r.data.get("thread_ts") == thread_ts, count=count, timeout=timeout)

    def handle(self, record):
        path = record.path.split("?")[0]
        match = re.fullmatch(r"/api/([A-Za-z.]+)", path)

        def error(code, status=200, **extra):
            raise Refused(status, json.dumps(dict({"ok": False, "error": code}, **extra)).encode(), f"{path}: {code}")

        if not match:
            error("unknown_method", status=404)
        method = record.meta["method"] = match.group(1)
        if record.method != "POST":
            error("invalid_request_method" if method else "unknown_method")
        warnings = []
        kind = media_type(record)
        try:
            if kind == "application/json":
                if "charset=utf-8" not in record.headers.get("content-type", "").replace(" ", "").lower():
                    warnings.append("missing_charset")
                data = json.loads(record.body.decode("utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not an object")
            elif kind == "application/x-www-form-urlencoded":
                data = strict_form(record.body)
                if "blocks" in data:
                    data["blocks"] = json.loads(data["blocks"])
            else:
                error("invalid_form_data")
        except (ValueError, UnicodeDecodeError):
            error("invalid_json" if kind == "application/json" else "invalid_form_data")
        record.data = data
        token = bearer(record)
        if token is None and record.headers.get("authorization") is None:
            error("not_authed")
        if token != self.token:
            error("invalid_auth")
        scripted = self._scripted(record)
        if scripted:
            status, headers, body = scripted
            record.problem = f"scripted {status} {headers}"
            return status, dict({"Content-Type": "application/json; charset=utf-8"}, **headers), body
        if method == "auth.test":
            return _json(200, {"ok": True, "url": "https://northbridge.slack.example/", "team": "Northbridge", "user": "muster",
                               "team_id": self.team, "user_id": self.bot_user, "bot_id": self.bot_id, "is_enterprise_install": False})
        if method != "chat.postMessage":
            error("unknown_method", status=404)
        channel = data.get("channel")
        if not channel or channel not in self.channels:
            error("channel_not_found")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            error("no_text")
        if len(text) > 40_000:
            error("msg_too_long")
        thread_ts = data.get("thread_ts")
        with self.lock:
            if thread_ts is not None and (channel, thread_ts) not in self.parents:
                error("thread_not_found")
        if data.get("reply_broadcast") and thread_ts is None:
            error("invalid_arguments", response_metadata={"messages": ["reply_broadcast needs thread_ts"]})
        blocks = data.get("blocks")
        if blocks is not None:
            problems = block_problems(blocks)
            if problems:
                error("invalid_blocks", errors=problems)
        with self.lock:
            self.counter += 1
            ts = f"{int(time.time())}.{900000 + self.counter:06d}"
            if thread_ts is None:
                self.parents.add((channel, ts))
        record.meta["ts"] = ts
        answer = {"ok": True, "channel": channel, "ts": ts,
                  "message": {"type": "message", "subtype": "bot_message", "text": text, "ts": ts, "bot_id": self.bot_id,
                              "user": self.bot_user, **({"thread_ts": thread_ts} if thread_ts else {}), **({"blocks": blocks} if blocks else {})}}
        if warnings:
            answer.update(warning=",".join(warnings), response_metadata={"warnings": warnings})
        return _json(200, answer)


def block_problems(blocks):
    """What Slack would refuse in a message's blocks: slack_sdk's model checks, the 50-block limit and unique ids."""
    if not isinstance(blocks, list):
        return ["blocks is not an array"]
    problems = [] if len(blocks) <= 50 else [f"{len(blocks)} blocks > 50"]
    block_ids = [b.get("block_id") for b in blocks if isinstance(b, dict) and b.get("block_id")]
    if len(block_ids) != len(set(block_ids)):
        problems.append("duplicate block_id")
    for index, raw in enumerate(blocks):
        block = Block.parse(raw) if isinstance(raw, dict) else None
        if block is None:
            problems.append(f"block {index}: unknown or malformed {raw!r:.60}")
            continue
        try:
            block.validate_json()
        except SlackObjectFormationError as error:
            problems.append(f"block {index}: {error}")
        if raw.get("type") == "actions":
            ids = [e.get("action_id") for e in raw.get("elements", []) if isinstance(e, dict)]
            if len(ids) != len(set(ids)):
                problems.append(f"block {index}: duplicate action_id")
    return problems


# --- Mattermost REST -----------------------------------------------------------------------------------------------

ACTION_ID = re.compile(r"[A-Za-z0-9]+")


def mattermost_id():
    """A 26-character id as Mattermost makes them."""
    return "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(26))


class MattermostAPI(FakeService):
    """`GET /api/v4/users/me` and `POST /api/v4/posts` as a Mattermost server answers a bot account."""

    name = "Mattermost REST"

    def __init__(self, token, channels):
        super().__init__()
        self.token, self.channels = token, set(channels)
        self.bot_user = mattermost_id()
        self.roots = set()  # post ids of top-level posts: the only valid root_id values

    def user_posted(self, post_id):
        """Records a top-level post someone made, so a reply may name it as its root."""
        with self.lock:
            self.roots.add(post_id)

    def posts(self, root_id=None):
        return self.requests(lambda r: r.meta.get("endpoint") == "posts" and isinstance(r.data, dict)
                             and root_id in (None, r.data.get("root_id")), accepted=True)

    def attempts(self, root_id):
        return self.requests(lambda r: r.meta.get("endpoint") == "posts" and isinstance(r.data, dict) and r.data.get("root_id") == root_id)

    def wait_for_post(self, channel_id, root_id, count=1, timeout=20):
        return self.wait_for(lambda r: r.meta.get("endpoint") == "posts" and isinstance(r.data, dict)
                             and r.data.get("channel_id") == channel_id and r.data.get("root_id") == root_id, count=count, timeout=timeout)

    def handle(self, record):
        path = record.path.split("?")[0]

        def error(status, error_id, message):
            raise Refused(status, json.dumps({"id": error_id, "message": message, "detailed_error": "", "request_id": mattermost_id(),
                                              "status_code": status, "is_oauth": False}).encode(), f"{path}: {status} {error_id}: {message}")

        if path == "/api/v4/posts" and record.method == "POST":
            record.meta["endpoint"] = "posts"
            # Parsed before the token check so that a refused post still shows where it was going.
            try:
                record.data = json.loads(record.body)
            except ValueError:
                pass
        if bearer(record) != self.token:
            error(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.")
        if path == "/api/v4/users/me" and record.method == "GET":
            return _json(200, {"id": self.bot_user, "username": "muster", "first_name": "", "last_name": "", "nickname": "",
                               "is_bot": True, "bot_description": "Muster", "roles": "system_user", "locale": "en",
                               "create_at": 1700000000000, "update_at": 1700000000000, "delete_at": 0})
        if record.meta.get("endpoint") != "posts":
            error(404, "api.context.404.app_error", f"Sorry, we could not find the page: {record.method} {path}")
        if media_type(record) != "application/json" or not isinstance(record.data, dict):
            error(400, "api.context.invalid_body_param.app_error", "Invalid or missing post in request body.")
        post = record.data
        channel = post.get("channel_id")
        if not channel:
            error(400, "api.context.invalid_body_param.app_error", "Invalid or missing channel_id in request body.")
        if channel not in self.channels:
            error(403, "api.context.permissions.app_error", f"You do not have the appropriate permissions (channel {channel!r}).")
        message = post.get("message")
        if not isinstance(message, str) or not message.strip():
            error(400, "model.post.is_valid.msg.app_error", "Invalid or missing message.")
        if len(message) > 16_383:
            error(400, "model.post.is_valid.msg.app_error", f"message of {len(message)} runes > 16383")
        root = post.get("root_id") or ""
        with self.lock:
            if root and root not in self.roots:
                error(400, "api.post.create_post.root_id.app_error", f"Invalid RootId parameter {root!r}: not a thread root.")
        props = post.get("props") or {}
        if not isinstance(props, dict):
            error(400, "model.post.is_valid.props.app_error", "props must be an object")
        for attachment in props.get("attachments") or []:
            ids = []
            for action in (attachment or {}).get("actions") or []:
                action_id = action.get("id")
                if not isinstance(action_id, str) or not ACTION_ID.fullmatch(action_id):
                    error(400, "model.post.is_valid.action_id.app_error", f"action id {action_id!r} is not letters and digits only")
                ids.append(action_id)
                if action.get("type", "button") not in ("button", "select") or not action.get("name"):
                    error(400, "model.post.is_valid.action_type.app_error", f"action {action_id!r} needs type button/select and a name")
                url = ((action.get("integration") or {}).get("url")) or ""
                parsed = urllib.parse.urlparse(url)
                if not (parsed.scheme in ("http", "https") and parsed.netloc) and not url.startswith("/plugins/"):
                    error(400, "model.post.is_valid.action_integration.app_error", f"integration url {url!r} is not absolute http(s)")
            if len(ids) != len(set(ids)):
                error(400, "model.post.is_valid.action_id.app_error", "duplicate action ids in one attachment")
        post_id = mattermost_id()
        record.meta["id"] = post_id
        now = int(time.time() * 1000)
        return _json(201, {"id": post_id, "create_at": now, "update_at": now, "edit_at": 0, "delete_at": 0, "is_pinned": False,
                           "user_id": self.bot_user, "channel_id": channel, "root_id": root, "original_id": "", "message": message,
                           "type": "", "props": props, "hashtags": "", "pending_post_id": "", "reply_count": 0, "metadata": {}})
