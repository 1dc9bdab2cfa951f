"""vCard 4.0 (RFC 6350) for "Save all": one card per person met who shares a contact line.

    cards(people, event=..., code=...) -> str     the .vcf file, CRLF line ends
    card(person, event=..., code=...) -> str      one card
    contact_kind(line) -> {"kind", "value", "url", "service"}   where a contact line goes

A person is what the connect kind's personal view lists: {"label": "Ada (2)", "contact":
"ada@example.org" or None, "round": 2 or None, "segment": icebreaker title or None (give it
when the event has several icebreakers), "prompt": "Which paper excited you?", "key": a
stable id (the attendee id) or None}. The card has FN and N (the name whole as the given
name: splitting a typed name into given and family names guesses wrong in many cultures),
the contact line as EMAIL, URL (a social handle becomes its profile URL, with an
X-SOCIALPROFILE that Apple's Contacts shows with the service's name), TEL, or else a NOTE
line, and a NOTE saying where you met. The UID is derived from the event and the person,
so saving the file again updates the same contacts instead of adding copies.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit

from ...core.typed import plain, plain_lines

PRODID = "-//socialapp//Stay connected//EN"
NAMESPACE = uuid.UUID("5f1c3c52-6a55-4a53-9a0e-2f6f3ad1f3b0")  # ours; fixed forever
FOLD = 75  # octets per line, CRLF not counted (RFC 6350 section 3.2)

# service: (aliases typed before a handle, handle pattern, profile URL)
SERVICES = {
    "twitter": (("twitter", "x"), r"[A-Za-z0-9_]{1,15}", "https://x.com/{}"),
    "github": (("github", "gh"), r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", "https://github.com/{}"),
    "linkedin": (("linkedin", "li"), r"[\w-]{3,100}", "https://www.linkedin.com/in/{}"),
    "bluesky": (("bluesky", "bsky"), r"[a-z0-9-]+(?:\.[a-z0-9-]+)*", "https://bsky.app/profile/{}"),
    "mastodon": (("mastodon", "fediverse", "fedi"), r"[\w.]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+", ""),
    "huggingface": (("huggingface", "hf"), r"[A-Za-z0-9][\w.-]{0,95}", "https://huggingface.co/{}"),
    "gitlab": (("gitlab",), r"[A-Za-z0-9][\w.-]{0,254}", "https://gitlab.com/{}"),
    "instagram": (("instagram", "insta", "ig"), r"[\w.]{1,30}", "https://www.instagram.com/{}"),
    "threads": (("threads",), r"[\w.]{1,30}", "https://www.threads.net/@{}"),
}
# Hosts whose profile URLs are a social profile (for X-SOCIALPROFILE), www. removed.
HOSTS = {
    "x.com": "twitter",
    "twitter.com": "twitter",
    "github.com": "github",
    "linkedin.com": "linkedin",
    "bsky.app": "bluesky",
    "huggingface.co": "huggingface",
    "gitlab.com": "gitlab",
    "instagram.com": "instagram",
    "threads.net": "threads",
}

_EMAIL = re.compile(
    r"(?:mailto:)?([\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})", re.I
)
_FEDI = re.compile(r"@([\w.]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
_DOTTED_HANDLE = re.compile(r"@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})", re.I)
_URL = re.compile(r"https?://[^\s/?#]+\S*", re.I)
_BARE_URL = re.compile(r"(www\.)?[\w-]+(?:\.[\w-]+)*\.([^\W\d_]{2,})([/?#]\S*)?", re.I)
# A bare "name.word" is a web address only with www., a path, or a top-level domain people
# put homepages on: "ada.lovelace" is more likely a username than a site.
_TLD_WORDS = """com org net edu gov io ai dev app me co info xyz page site blog tech science eu
    academy cloud online website space lab ml"""
TLDS = frozenset(_TLD_WORDS.split())
_PHONE = re.compile(r"\+?[0-9(][0-9 ().\-/]{4,}[0-9]")
_PREFIXED = re.compile(r"([a-z]+)\s*(?::\s*|\s+)@?(\S+)", re.I)


def contact_kind(line: str) -> dict:
    """Which vCard property a contact line becomes: kind is email, url, social, tel or note;
    `value` is the property's value, `url` a profile URL for social, `service` its name."""
    text = plain(line)
    if m := _EMAIL.fullmatch(text):
        return _kind("email", m.group(1))
    if m := _FEDI.fullmatch(text):
        return _social("mastodon", f"https://{m.group(2).lower()}/@{m.group(1)}")
    if m := _PREFIXED.fullmatch(text):
        found = _service_handle(m.group(1).lower(), m.group(2))
        if found:
            return found
    if m := _DOTTED_HANDLE.fullmatch(text):
        return _social("bluesky", "https://bsky.app/profile/" + m.group(1).lower())
    if _URL.fullmatch(text) or _bare_url(text):
        url = text if _URL.fullmatch(text) else "https://" + text
        service = _service_of(url)
        return _social(service, _safe_url(url)) if service else _kind("url", _safe_url(url))
    if _PHONE.fullmatch(text) and 7 <= sum(c.isdigit() for c in text) <= 15:
        return _kind("tel", text)
    # A bare "@name" could be X, Telegram, Instagram...: a guessed link would be wrong too
    # often, so it stays as typed, in the note.
    return _kind("note", text)


def _kind(kind: str, value: str, url: str | None = None, service: str | None = None) -> dict:
    return {"kind": kind, "value": value, "url": url, "service": service}


def _social(service: str, url: str) -> dict:
    return _kind("social", url, url, service)


def _service_handle(alias: str, handle: str) -> dict | None:
    for service, (aliases, pattern, template) in SERVICES.items():
        if alias not in aliases:
            continue
        if service == "mastodon":
            m = _FEDI.fullmatch("@" + handle)
            return _social(service, f"https://{m.group(2).lower()}/@{m.group(1)}") if m else None
        if service == "bluesky" and "." not in handle:
            handle += ".bsky.social"
        if re.fullmatch(pattern, handle, re.I):
            return _social(service, template.format(quote(handle, safe="@.-_")))
    return None


def _bare_url(text: str) -> bool:
    m = _BARE_URL.fullmatch(text)
    if not m or "@" in text:
        return False
    tld = m.group(2).lower()
    return bool(m.group(1) or m.group(3) or tld in TLDS or (len(tld) == 2 and tld.isascii()))


def _service_of(url: str) -> str | None:
    """The social service a profile URL belongs to (a host's home page is none)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    return HOSTS.get(host) if parts.path.strip("/") else None


def _safe_url(url: str) -> str:
    """A URL with nothing a vCard reader might take as a separator or escape (, ; \\)."""
    return quote(url, safe="/:?#[]@!$&'()*+=%~-._")


def met_note(event: str, person: Mapping) -> str:
    """'ICLR 2026 Social, icebreaker round 2: Which paper excited you?'"""
    where = plain(event)
    number = person.get("round")
    if isinstance(number, int) and not isinstance(number, bool):
        segment = plain(person.get("segment") or "") or "icebreaker"
        where += f", {segment} round {number}"
    prompt = plain(person.get("prompt") or "")
    return f"{where}: {prompt}" if prompt else where


def escape(value: str) -> str:
    """A TEXT value: backslash, comma, semicolon and line breaks escaped (section 3.4)."""
    out = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 sequence; CRLF at the end.
    A continuation starts with a space, which counts in its 75."""
    out, current, size = [], "", 0
    for c in line:
        n = len(c.encode("utf-8"))
        if size + n > FOLD:
            out.append(current)
            current, size = " ", 1
        current += c
        size += n
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def uid(code: str, person: Mapping) -> str:
    key = person.get("key")
    who = f"id:{key}" if key is not None else f"label:{plain(person.get('label', ''))}"
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{plain(code)}/{who}')}"


def card(person: Mapping, *, event: str, code: str = "") -> str:
    name = plain(person.get("label") or "") or "Someone"
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        "KIND:individual",
        f"FN:{escape(name)}",
        f"N:;{escape(name)};;;",
    ]
    notes = [met_note(event, person)]
    contact = person.get("contact")
    if contact and plain(contact):
        found = contact_kind(contact)
        if found["kind"] == "email":
            lines.append(f"EMAIL:{escape(found['value'])}")
        elif found["kind"] in ("url", "social"):
            lines.append(f"URL:{found['value']}")
            if found["service"]:
                lines.append(f"X-SOCIALPROFILE;TYPE={found['service']}:{found['value']}")
        elif found["kind"] == "tel":
            lines.append(_tel(found["value"]))
        else:
            notes.append(f"Contact: {found['value']}")
    lines.append("NOTE:" + escape("\n".join(n for note in notes for n in plain_lines(note))))
    lines += [f"UID:{uid(code, person)}", "END:VCARD"]
    return "".join(fold(line) for line in lines)


def _tel(number: str) -> str:
    """An international number as a tel: URI (what RFC 6350 prefers); a local one, which a
    tel: URI could only hold with a phone-context we do not know, as text."""
    if number.startswith("+"):
        digits = re.sub(r"[^0-9]+", "-", number[1:]).strip("-")
        return f"TEL;VALUE=uri:tel:+{digits}"
    return f"TEL:{escape(number)}"


def cards(people: Iterable[Mapping], *, event: str, code: str = "") -> str:
    """The whole .vcf file: one card per person, in the order given."""
    return "".join(card(p, event=event, code=code) for p in people)


def filename(event: str) -> str:
    """A download name for the file: 'iclr-2026-social-contacts.vcf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", plain(event).lower()).strip("-")[:40].strip("-")
    return f"{slug or 'event'}-contacts.vcf"
