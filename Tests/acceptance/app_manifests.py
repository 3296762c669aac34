"""Checks the chat apps' manifests the way the platforms would: the Teams app package `muster teams-package` wrote
(a zip with manifest.json and two icons at its root, the manifest valid against Microsoft's published schema, the
icons the sizes and colours Teams requires) and the Slack app manifest in docs/ (YAML that parses, with the scopes,
events and addresses Muster serves). Prints one line per check; exits 1 if any failed.

Usage: app_manifests.py --teams-package ZIP --root REPOSITORY_ROOT
"""

import argparse
import json
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import yaml

TEAMS_SCHEMA = "Tests/acceptance/schemas/MicrosoftTeams.v1.24.schema.json"
SLACK_MANIFEST = "docs/slack-app-manifest.yaml"

failures = []


def check(ok, what, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)
    return ok


def png_pixels(data):
    """Decodes an 8-bit RGB or RGBA PNG: (width, height, colour type, rows of (r, g, b, a)). Checks every CRC."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    offset, chunks = 8, []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind, body = data[offset + 4:offset + 8], data[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC on chunk {kind!r}")
        chunks.append((kind, body))
        offset += 12 + length
    if chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise ValueError("chunks not IHDR … IEND")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"bit depth {depth}, colour type {colour}, interlace {interlace}: not 8-bit RGB(A)")
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError(f"{len(raw)} bytes of image data for {width}x{height}")
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
            elif kind != 0:
                raise ValueError(f"unknown filter {kind} on row {y}")
        rows.append([tuple(line[x:x + channels]) + ((255,) if channels == 3 else ()) for x in range(0, stride, channels)])
        previous = line
    return width, height, colour, rows


def check_teams(package, root):
    try:
        archive = zipfile.ZipFile(package)
    except (OSError, zipfile.BadZipFile) as error:
        check(False, "the Teams package is a zip", str(error))
        return
    names = archive.namelist()
    check(sorted(names) == ["color.png", "manifest.json", "outline.png"], "the zip holds manifest.json, color.png, outline.png at its root", str(names))
    check(archive.testzip() is None, "every entry's CRC-32 matches (zipfile)")
    check(all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist()), "entries are stored, uncompressed")
    if shutil.which("unzip"):
        run = subprocess.run(["unzip", "-tq", package], capture_output=True, text=True)
        check(run.returncode == 0, "unzip -t accepts it", run.stdout + run.stderr)
    else:
        print("skip  unzip -t (unzip is not installed)")
    if "manifest.json" not in names:
        return

    manifest = json.loads(archive.read("manifest.json"))
    schema = json.loads((root / TEAMS_SCHEMA).read_text())
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(manifest), key=lambda e: list(e.path))
    check(not errors, "manifest.json is valid against the Teams v1.24 schema (draft-04)",
          "; ".join(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors))
    # `const` is not a draft-04 keyword, so the validator above skips it: check the version pair by hand.
    check(manifest.get("manifestVersion") == schema["properties"]["manifestVersion"]["const"]
          and manifest.get("$schema", "").endswith(f"/v{manifest.get('manifestVersion')}/MicrosoftTeams.schema.json"),
          "manifestVersion matches the schema and the $schema URL", f"{manifest.get('manifestVersion')} {manifest.get('$schema')}")
    bots = manifest.get("bots") or [{}]
    bot = bots[0]
    check(len(bots) == 1 and bot.get("botId") == manifest.get("id"), "one bot, its botId the app id")
    check(sorted(bot.get("scopes", [])) == ["groupChat", "personal", "team"], "the bot works in personal chats, group chats and teams", str(bot.get("scopes")))
    check(bot.get("supportsFiles") is False and bot.get("isNotificationOnly") is False, "the bot converses and takes no files")
    commands = [c["title"] for lists in bot.get("commandLists", []) for c in lists["commands"]]
    check({"sitrep", "any rumours about the fire?", "show unanswered posts"} <= set(commands), "the example questions are listed", str(commands))
    check(manifest.get("icons") == {"color": "color.png", "outline": "outline.png"}, "the icons named are the files in the zip")

    for name, size in (("color.png", 192), ("outline.png", 32)):
        if name not in names:
            continue
        try:
            width, height, colour, rows = png_pixels(archive.read(name))
        except (ValueError, zlib.error) as error:
            check(False, f"{name} is a readable PNG", str(error))
            continue
        check((width, height) == (size, size), f"{name} is {size}x{size}", f"{width}x{height}")
        pixels = [pixel for row in rows for pixel in row]
        if name == "outline.png":
            check(colour == 6, "outline.png has an alpha channel")
            check(all(pixel[:3] == (255, 255, 255) for pixel in pixels), "outline.png is white only (RGB 255, 255, 255)",
                  str({pixel[:3] for pixel in pixels if pixel[:3] != (255, 255, 255)}))
            opaque = sum(1 for pixel in pixels if pixel[3] == 255)
            clear = sum(1 for pixel in pixels if pixel[3] == 0)
            check(opaque > 0 and clear > len(pixels) // 2, "outline.png is a white shape on a transparent background", f"{opaque} opaque, {clear} clear")
        else:
            check(all(pixel[3] == 255 for pixel in pixels), "color.png is opaque")
            check(len({pixel[:3] for pixel in pixels}) >= 2 and pixels[0][:3] != (255, 255, 255), "color.png is in colour, on a coloured background")


def check_slack(root):
    try:
        manifest = yaml.safe_load((root / SLACK_MANIFEST).read_text())
    except (OSError, yaml.YAMLError) as error:
        check(False, f"{SLACK_MANIFEST} parses as YAML", str(error))
        return
    check(isinstance(manifest, dict), f"{SLACK_MANIFEST} parses as YAML")
    info, features, settings = manifest.get("display_information", {}), manifest.get("features", {}), manifest.get("settings", {})
    check(manifest.get("_metadata", {}).get("major_version") in (1, 2), "_metadata.major_version is 1 or 2")
    check(0 < len(info.get("name", "")) <= 35 and len(info.get("description", "")) <= 140, "the app's name and description fit Slack's limits")
    display = features.get("bot_user", {}).get("display_name", "")
    check(bool(display) and len(display) <= 80 and all(c.isdigit() or c in "abcdefghijklmnopqrstuvwxyz-_." for c in display), "the bot's display name is lower-case letters, digits, - _ .", display)
    scopes = manifest.get("oauth_config", {}).get("scopes", {}).get("bot", [])
    check(set(scopes) in ({"app_mentions:read", "chat:write", "im:history", "commands"},
                          {"app_mentions:read", "chat:write", "im:history", "commands", "chat:write.public"}),
          "bot scopes are app_mentions:read, chat:write, im:history, commands", str(scopes))
    events = settings.get("event_subscriptions", {})
    check(sorted(events.get("bot_events", [])) == ["app_mention", "message.im"], "bot events are app_mention and message.im", str(events.get("bot_events")))
    commands = features.get("slash_commands", [])
    urls = {
        "events": (events.get("request_url"), "/slack/events"),
        "slash command": (commands[0].get("url") if commands else None, "/slack/commands"),
        "interactivity": (settings.get("interactivity", {}).get("request_url"), "/slack/interactions"),
    }
    check(len(commands) == 1 and commands[0].get("command") == "/muster" and commands[0].get("description"), "one slash command, /muster, described")
    check(settings.get("interactivity", {}).get("is_enabled") is True, "interactivity is on (the follow-up buttons)")
    for what, (url, path) in urls.items():
        parsed = urlparse(url or "")
        check(parsed.scheme == "https" and parsed.netloc == "muster.example.gov.uk" and parsed.path == path,
              f"the {what} URL is https://muster.example.gov.uk{path}", str(url))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams-package", required=True)
    parser.add_argument("--root", required=True)
    arguments = parser.parse_args()
    root = Path(arguments.root)
    check_teams(arguments.teams_package, root)
    check_slack(root)
    print(f"{len(failures)} failed" if failures else "all app manifest checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
