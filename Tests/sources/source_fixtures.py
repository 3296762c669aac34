#!/usr/bin/env python3
"""Fixture sources for the polling tests: a local paper's RSS 2.0 feed, an Atom feed, a Mastodon tag timeline, a
Bluesky search, an X-style JSON API, and the faults a real source has (500, 429 with Retry-After, an answer that
never finishes, a 50 MB feed, malformed XML, an entity-expansion bomb).

Payloads are shaped like the services' documented answers, dated relative to the time the server started, so a
real-clock `muster serve` takes them in. Standard library only. Prints "port N" when listening.

Control endpoints for the tests:
  GET  /control/log               every request so far: [{"path", "query", "if_none_match", "status"}]
  POST /control/publish?feed=NAME one more item in that source (gazette, mastodon, bluesky, x)
"""

import json
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

START = datetime.now(timezone.utc).replace(microsecond=0)
LOCK = threading.RLock()
LOG = []


def ago(minutes):
    return START - timedelta(minutes=minutes)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# Each source's items, newest last; /control/publish appends.
GAZETTE = [
    ("gazette-101", "Bins to be collected on Saturday in Riverside after missed rounds",
     "<p>Residents of <b>Riverside</b> &amp; Ward&nbsp;4 will get an extra collection &#8211; the council says.</p>",
     "Sam O&#8217;Neill", ago(50)),
    ("gazette-102", "Flood warning for the River Nor",
     "<p>The Environment Agency has issued a flood warning.</p><script>track()</script>", "Priya Shah", ago(40)),
]
MASTODON = [(str(114000000000000000 + n), f"<p>Riverside bins still not collected, day {n} <a href=\"https://t.example/tags/bins\">#bins</a></p>", ago(60 - n))
            for n in range(1, 46)]
BLUESKY = [(f"3kbsky{n:04d}", f"Ward 4 bins missed again, post {n}", ago(30 - n / 10)) for n in range(1, 8)]
X_POSTS = [(str(1860000000000000000 + n), f"bins in Riverside not collected, tweet {n}", ago(20 - n)) for n in range(1, 4)]


def rss():
    items = "".join(f"""
    <item>
      <title>{title}</title>
      <link>https://northbridge-gazette.example/news/{guid}</link>
      <guid isPermaLink="false">{guid}</guid>
      <dc:creator>{author}</dc:creator>
      <pubDate>{format_datetime(when, usegmt=True)}</pubDate>
      <description><![CDATA[{body}]]></description>
      <media:thumbnail url="https://northbridge-gazette.example/img/{guid}.jpg"/>
    </item>""" for guid, title, body, author, when in GAZETTE)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Northbridge Gazette</title>
    <link>https://northbridge-gazette.example/</link>
    <atom:link href="https://northbridge-gazette.example/feed" rel="self" type="application/rss+xml"/>
    <description>News from Northbridge</description>{items}
  </channel>
</rss>
"""


def atom():
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Nor Valley Police news</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>{iso(ago(5))}</updated>
  <entry>
    <title type="text">Road closed on Mill Lane in Riverside</title>
    <link rel="alternate" type="text/html" href="https://police.example/news/mill-lane"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>{iso(ago(25))}</updated>
    <author><name>Nor Valley Police</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Mill Lane is <em>closed</em> while officers deal with a collision.</p></div></content>
  </entry>
</feed>
"""


def mastodon_page(query, base):
    """The tag timeline: newest first, up to `limit`; `min_id` gives the page just newer than an id."""
    limit = min(int(query.get("limit", ["20"])[0]), 40)
    statuses = sorted(MASTODON, key=lambda s: int(s[0]))
    if "min_id" in query:
        newer = [s for s in statuses if int(s[0]) > int(query["min_id"][0])]
        page = newer[:limit]
    elif "since_id" in query:
        page = [s for s in statuses if int(s[0]) > int(query["since_id"][0])][-limit:]
    elif "max_id" in query:
        page = [s for s in statuses if int(s[0]) < int(query["max_id"][0])][-limit:]
    else:
        page = statuses[-limit:]
    page = list(reversed(page))
    body = [{
        "id": sid, "created_at": iso(when), "url": f"https://town.example/@resident/{sid}", "uri": f"https://town.example/users/resident/statuses/{sid}",
        "content": html, "spoiler_text": "", "language": "en", "visibility": "public", "in_reply_to_id": None, "reblog": None,
        "replies_count": 1, "reblogs_count": 2, "favourites_count": 3,
        "account": {"id": "1", "acct": "resident@town.example", "username": "resident", "display_name": "A Resident"},
    } for sid, html, when in page]
    link = None
    if page:
        link = (f'<{base}?max_id={page[-1][0]}>; rel="next", '
                f'<{base}?min_id={page[0][0]}>; rel="prev"')
    return body, link


def bluesky_page(query):
    posts = sorted(BLUESKY, key=lambda p: p[2], reverse=True)
    start = int(query.get("cursor", ["0"])[0])
    limit = min(int(query.get("limit", ["25"])[0]), 100)
    limit = min(limit, 5)  # small pages, so paging is exercised
    page = posts[start:start + limit]
    body = {"posts": [{
        "uri": f"at://did:plc:resident/app.bsky.feed.post/{rkey}", "cid": "bafy" + rkey,
        "author": {"did": "did:plc:resident", "handle": "resident.bsky.social", "displayName": "Resident"},
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": iso(when), "langs": ["en"]},
        "indexedAt": iso(when), "likeCount": 1, "repostCount": 0, "replyCount": 0,
    } for rkey, text, when in page]}
    if start + limit < len(posts):
        body["cursor"] = str(start + limit)
    return body


def x_page(query):
    since = int(query.get("since_id", ["0"])[0])
    tweets = [t for t in X_POSTS if int(t[0]) > since]
    data = [{"id": tid, "text": text, "created_at": iso(when), "author_id": "42",
             "public_metrics": {"like_count": 3, "retweet_count": 1, "reply_count": 0}} for tid, text, when in reversed(tweets)]
    meta = {"result_count": len(data)}
    if data:
        meta["newest_id"] = data[0]["id"]
    return {"data": data, "meta": meta} if data else {"meta": meta}


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>b</guid></item></channel></rss>
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, status):
        url = urlparse(self.path)
        with LOCK:
            LOG.append({"path": url.path, "query": url.query, "if_none_match": self.headers.get("If-None-Match"),
                        "authorization": self.headers.get("Authorization"), "status": status})

    def send(self, status, body=b"", content_type="application/json", headers=None):
        self.record(status)
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if url.path == "/control/publish":
            feed = query["feed"][0]
            with LOCK:
                now = datetime.now(timezone.utc)
                if feed == "gazette":
                    n = len(GAZETTE) + 101
                    GAZETTE.append((f"gazette-{n}", f"Riverside bin rounds back to normal, update {n}", "<p>Crews caught up.</p>", "Sam O&#8217;Neill", now))
                elif feed == "mastodon":
                    n = len(MASTODON) + 1
                    MASTODON.append((str(114000000000000000 + n), f"<p>bins collected in Riverside at last, day {n}</p>", now))
                elif feed == "bluesky":
                    n = len(BLUESKY) + 1
                    BLUESKY.append((f"3kbsky{n:04d}", f"Ward 4 bins collected today, post {n}", now))
                elif feed == "x":
                    n = len(X_POSTS) + 1
                    X_POSTS.append((str(1860000000000000000 + n), f"bins in Riverside collected, tweet {n}", now))
            return self.send(200, "{}")
        if url.path == "/xrpc/com.atproto.server.createSession":
            return self.send(200, json.dumps({"accessJwt": "fixture-access", "refreshJwt": "fixture-refresh", "did": "did:plc:council", "handle": "council.example"}))
        self.send(404, "{}")

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        base = f"http://127.0.0.1:{self.server.server_port}{url.path}"
        if url.path == "/control/log":
            with LOCK:
                return self.send(200, json.dumps(LOG))
        if url.path == "/gazette.rss":
            with LOCK:
                body = rss()
                etag = f'"gazette-{len(GAZETTE)}"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", headers={"ETag": etag})
            return self.send(200, body, "application/rss+xml; charset=utf-8", {"ETag": etag, "Last-Modified": format_datetime(START, usegmt=True)})
        if url.path == "/police.atom":
            return self.send(200, atom(), "application/atom+xml")
        if url.path == "/api/v1/timelines/tag/bins":
            with LOCK:
                body, link = mastodon_page(query, base)
            return self.send(200, json.dumps(body), headers={"Link": link} if link else None)
        if url.path == "/xrpc/app.bsky.feed.searchPosts":
            if self.headers.get("Authorization") != "Bearer fixture-access":
                return self.send(401, json.dumps({"error": "AuthMissing"}))
            with LOCK:
                return self.send(200, json.dumps(bluesky_page(query)))
        if url.path == "/2/tweets/search/recent":
            if self.headers.get("Authorization") != "Bearer x-fixture-token":
                return self.send(401, json.dumps({"title": "Unauthorized"}))
            with LOCK:
                return self.send(200, json.dumps(x_page(query)))
        if url.path == "/fault/500":
            return self.send(500, "<html>Internal Server Error</html>", "text/html")
        if url.path == "/fault/429":
            return self.send(429, json.dumps({"error": "Too many requests"}), headers={"Retry-After": "120"})
        if url.path == "/fault/hang":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>")
            self.wfile.flush()
            time.sleep(600)
            return
        if url.path == "/fault/huge":
            item = b"<item><title>bins</title><guid>%d</guid><description>" + b"x" * 1000 + b"</description></item>"
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            total = 50 * 1024 * 1024
            self.send_header("Content-Length", str(total))
            self.end_headers()
            head = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>huge</title>"
            sent = 0
            try:
                self.wfile.write(head)
                sent += len(head)
                n = 0
                while sent < total:
                    chunk = (item % n)[: total - sent]
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    n += 1
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if url.path == "/fault/malformed":
            return self.send(200, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>unclosed</channel></rss>", "application/rss+xml")
        if url.path == "/fault/bomb":
            return self.send(200, BOMB, "application/rss+xml")
        self.send(404, "{}")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"port {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
