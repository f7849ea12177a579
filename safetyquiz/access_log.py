"""gunicorn's access log without the tokens of sign-in links and password resets: each
opened link would otherwise be written there, in the request line and in the Referer of
every file its page loads. ``scripts/serve.sh`` runs gunicorn with this logger class."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# /accounts/link/<token>/ and /accounts/reset/<uid>/<token>/, but not the addresses the
# token moves on to (set-password) nor the holder's own page to end a link.
TOKENS = [
    (re.compile(r"(/accounts/link/)(?!set-password/|end/)[^/?#\s\"]+"), r"\1[token]"),
    (re.compile(r"(/accounts/reset/[^/?#\s\"]+/)(?!set-password/)[^/?#\s\"]+"), r"\1[token]"),
]


def without_tokens(text: str) -> str:
    for pattern, replacement in TOKENS:
        text = pattern.sub(replacement, text)
    return text


class TokenlessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: without_tokens(v) if isinstance(v, str) else v for k, v in atoms.items()}
