"""MkDocs hook: every page gets a Content-Security-Policy that allows the site's own files and, of inline
scripts, exactly those the page was built with (the theme's, by hash). Nothing may load from another host,
and a script that reached a page any other way would not run.

A hook, not a template: the theme's inline scripts differ with a page's depth, so their hashes are taken
from each finished page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from mkdocs.exceptions import PluginError

# A script runs unless it has a src (allowed as 'self') or a data type such as JSON or JSON-LD.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
_CHARSET = re.compile(r"<meta charset=[^>]*>")
POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme draws its icons from data: URLs in its stylesheet
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)


def policy_for(html: str) -> str:
    sources = sorted({_sha256(script) for script in _INLINE_SCRIPT.findall(html)})
    if 'id="site-search"' in html:
        sources.append("'wasm-unsafe-eval'")  # Pagefind's search runs as WebAssembly, on the search page only
    return "; ".join(POLICY).format(hashes=" ".join(sources)).replace("  ", " ")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return with_policy(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's own pages, such as 404.html."""
    return with_policy(output, template_name) if template_name.endswith(".html") else output


def with_policy(output: str, name: str) -> str:
    charset = _CHARSET.search(output)
    if charset is None:
        raise PluginError(f"csp hook: {name} has no <meta charset> to put the policy after")
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy_for(output)}">'
    return output[: charset.end()] + meta + output[charset.end() :]


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
