"""Citable: addresses that are never a citation, whatever the data says about them.

A source is cited at the address its publisher gives the page. A shortener's link, a staging, admin or mail
host, an AMP or print copy and an address carrying tracking parameters all lead to the page (or did, once),
but they are not its address: they break, they move, they tell the publisher who clicked, or they show a copy
the publisher never meant readers to cite. Each is recognised by its form, not by a list of known pages.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

CANONICAL = "cite the canonical address, the one the publisher's own page gives"
# Link shorteners: general ones, and those publishers use for their own links on social media.
SHORTENERS = frozenset(
    [
        "bit.ly",
        "bitly.com",
        "t.co",
        "tinyurl.com",
        "ow.ly",
        "buff.ly",
        "goo.gl",
        "is.gd",
        "v.gd",
        "tiny.cc",
        "rb.gy",
        "cutt.ly",
        "shorturl.at",
        "rebrand.ly",
        "s.id",
        "trib.al",
        "dlvr.it",
        "ift.tt",
        "fb.me",
        "lnkd.in",
        "wp.me",
        "amzn.to",
        "apple.co",
        "youtu.be",
        "spoti.fi",
        "flip.it",
        "po.st",
        "su.pr",
        "nyti.ms",
        "wapo.st",
        "cnn.it",
        "bbc.in",
        "reut.rs",
        "n.pr",
        "on.wsj.com",
        "hill.cm",
        "politi.co",
        "econ.st",
        "gu.com",
        "abcn.ws",
        "nbcnews.to",
        "cbsn.ws",
        "ti.me",
        "cnb.cx",
        "usat.ly",
        "huff.to",
        "huffp.st",
        "bloom.bg",
        "fxn.ws",
        "tnvge.co",
        "vogue.cm",
        "trib.in",
        "ind.pn",
        "thebea.st",
    ]
)
# A subdomain that is a site's back office or a copy of it, not its public face.
_BACK_OFFICE = re.compile(
    r"(?:staging|stage|admin|mail|webmail|preview|dev|test|cms|origin)(?:[-0-9].*)?|admin.*|.*-(?:staging|stage|preview|dev)"
)
_TRACKING = re.compile(r"utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|smid|ref_src")
_COPY_VIEW = {"amp": "an AMP copy", "print": "a print view"}


def not_citable(address: str) -> str | None:
    """Why an address (already checked to be a well-formed http or https URL) is not a citation, if it is not."""
    parts = urlsplit(address)
    host = (parts.hostname or "").removeprefix("www.")
    if host in SHORTENERS:
        return f"is a link shortener's address ({host}), not the page's; follow it and {CANONICAL}"
    subdomains = host.split(".")[:-2]
    if back_office := next((label for label in subdomains if _BACK_OFFICE.fullmatch(label)), None):
        return f"is on a staging, admin or mail host ({host}: '{back_office}'), not the publisher's public site; {CANONICAL}"
    if view := _copy_view(host, parts.path, parts.query):
        return f"is {_COPY_VIEW[view]} of the page, not the page; {CANONICAL}, without '{view}'"
    if tracking := sorted(
        {key for key, _ in parse_qsl(parts.query, keep_blank_values=True) if _TRACKING.fullmatch(key)}
    ):
        return f"carries tracking parameters ({', '.join(tracking)}); {CANONICAL}, without them"
    return None


def _copy_view(host: str, path: str, query: str) -> str | None:
    if host.split(".")[0] == "amp" or host.endswith("ampproject.org"):
        return "amp"
    segments = {segment.lower() for segment in path.split("/")}
    if path.lower().endswith((".amp", ".amp.html")):
        segments.add("amp")
    for key, value in parse_qsl(query, keep_blank_values=True):
        segments.add(key.lower())
        if key.lower() in ("output", "outputtype", "view", "format"):
            segments.add(value.lower())
    return next((view for view in _COPY_VIEW if view in segments), None)
