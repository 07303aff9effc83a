"""MkDocs hook: every page gets a Content-Security-Policy that allows the site's own files and, of inline
scripts, only those the theme's and the site's templates contain. Nothing may load from another host.

The policy is decided from the templates, never from what a page happens to contain: the inline scripts
are read from the template sources when the build starts, each with the template's `{{ ... }}` parts
standing for a path (the theme writes a page's depth there, such as "../.."). A page whose inline scripts
are those gets their hashes; a page with any other inline script stops the build, since only contributor
text could have put it there. Pagefind's WebAssembly is allowed on the search page alone, by its path.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from jinja2 import Environment
from mkdocs.exceptions import PluginError

# A script runs unless it has a src (allowed as 'self') or a data type such as JSON or JSON-LD.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S | re.I
)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_PATH = "[A-Za-z0-9_./-]*"  # what a template's expression may become inside a script: a relative path
_CHARSET = re.compile(r"<meta charset=[^>]*>")
SEARCH_PAGES = ("search.md",)  # Pagefind's search runs as WebAssembly there
POLICY = (
    "default-src 'self'",
    "script-src 'self' {sources}",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme draws its icons from data: URLs in its stylesheet
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)
_templates: dict[str, list[re.Pattern[str]]] = {"scripts": []}
_hashes: dict[str, str] = {}  # each inline script found to be a template's, and its hash: pages repeat them


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    _templates["scripts"] = template_scripts(env)
    _hashes.clear()
    return env


def template_scripts(env: Environment) -> list[re.Pattern[str]]:
    """Every inline script in the theme's and the site's templates, as a pattern its rendering matches."""
    assert env.loader is not None
    found = {}
    for name in env.loader.list_templates():
        if name.endswith(".html"):
            source = env.loader.get_source(env, name)[0]
            for body in _INLINE_SCRIPT.findall(source):
                found[body] = _pattern(body)
    return list(found.values())


def _pattern(body: str) -> re.Pattern[str]:
    literals = _EXPRESSION.split(body)
    return re.compile(_PATH.join(re.escape(literal) for literal in literals), re.S)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return with_policy(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's own pages, such as 404.html."""
    return with_policy(output, template_name) if template_name.endswith(".html") else output


def with_policy(output: str, name: str) -> str:
    charset = _CHARSET.search(output)
    if charset is None:
        raise PluginError(f"csp hook: {name} has no <meta charset> to put the policy after")
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy_for(output, name)}">'
    return output[: charset.end()] + meta + output[charset.end() :]


def policy_for(html: str, name: str) -> str:
    sources = sorted({_template_script_hash(script, name) for script in _INLINE_SCRIPT.findall(html)})
    if name in SEARCH_PAGES:
        sources.append("'wasm-unsafe-eval'")
    return "; ".join(POLICY).format(sources=" ".join(sources)).replace("  ", " ")


def _template_script_hash(script: str, name: str) -> str:
    if script not in _hashes:
        if not any(pattern.fullmatch(script) for pattern in _templates["scripts"]):
            raise PluginError(
                f"csp hook: {name} has an inline script that is in none of the site's templates "
                f"({' '.join(script.split())[:60]!r}); only the theme and the site's templates may add scripts"
            )
        _hashes[script] = _sha256(script)
    return _hashes[script]


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
