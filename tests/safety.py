"""The safety scan of a built site, shared by the tests of the real site and of hostile data."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

DANGEROUS_SCHEME = re.compile(r"\s*(javascript|data|vbscript):", re.IGNORECASE)
CONTENT_FORBIDDEN = {"script", "iframe", "frame", "object", "embed", "form", "input", "button", "style", "link",
                     "meta", "base", "img", "video", "audio", "source", "template", "textarea", "select"}  # fmt: skip
OWN_SCRIPT = re.compile(r"/?(\.\./)*assets/javascripts/[\w./-]+\.js")


def text_of(page: Path) -> str:
    """The readable text of a page's main content, tags removed and spaces collapsed."""
    source = page.read_text(encoding="utf-8")
    article = source[source.index("<article") : source.index("</article>")]
    article = re.sub(r"</(li|p|h\d|td|th|tr|div)>|<br>", " ¦ ", article)  # keep list items and cells apart
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", article)).split())
    return text.replace(" ¶", "")


class _Scan(HTMLParser):
    """Everything in a page that could run or load: scripts, event handlers, and the URLs of links,
    images, forms and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, str]] = []  # (src or type, inline text)
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.in_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        self.handlers += [name for name in values if name.startswith("on")]
        self.urls += [values[name] for name in ("href", "src", "action", "formaction", "xlink:href") if name in values]
        self.urls += re.findall(r"url\(([^)]*)\)", values.get("style", ""))
        if tag == "script":
            self.in_script = values.get("src") or values.get("type", "")
            if values.get("src"):
                self.scripts.append((values["src"], ""))

    def handle_data(self, data: str) -> None:
        if self.in_script == "" and data.strip():  # an inline script (JSON and JSON-LD are data, not code)
            self.scripts.append(("", data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = None


def unsafe_content(html: str) -> list[str]:
    """What, in the HTML made from a generated page's Markdown, could run, load or submit anything:
    the content itself has no scripts, frames, forms, styles, images or event handlers at all."""
    scan = _Scan()
    scan.feed(html)
    return (
        [f"event handler '{handler}'" for handler in scan.handlers]
        + [f"URL '{url}'" for url in scan.urls if DANGEROUS_SCHEME.match(url)]
        + [f"<{tag}>" for tag in scan.tags if tag in CONTENT_FORBIDDEN]
    )


def inline_scripts(page: str) -> list[str]:
    scan = _Scan()
    scan.feed(page)
    return [text for _, text in scan.scripts if text]


def scan_site(site: Path) -> list[str]:
    """What, in any page of a built site, could run or load something it should not: event handlers,
    dangerous URL schemes, scripts other than the theme's and the site's own files, and inline scripts
    that vary with the data (the theme's own are the same on every page, apart from the base address)."""
    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    inline: Counter[str] = Counter()
    for page in pages:
        name = page.relative_to(site).as_posix()
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        found += [f"{name}: event handler '{handler}'" for handler in scan.handlers]
        found += [f"{name}: URL '{url}'" for url in scan.urls if DANGEROUS_SCHEME.match(url)]
        found += [f"{name}: script '{src}'" for src, _ in scan.scripts if src and not OWN_SCRIPT.fullmatch(src)]
        inline.update({re.sub(r"new URL\([^,]*,", "new URL(BASE,", text) for _, text in scan.scripts if text})
    found += [
        f"an inline script on {count} of {len(pages)} pages: {text[:80]}"
        for text, count in inline.items()
        if count != len(pages)
    ]
    return found


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value for name, value in attrs if name in ("href", "src") and value]


def broken_links(site: Path) -> list[str]:
    """Every link or asset of a built site that points at no file in it, as `page -> target`."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or an anchor on this page
            base = site if parts.path.startswith("/") else page.parent  # the 404 page links from the root
            resolved = (base / parts.path.lstrip("/")).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {target}")
    return broken
