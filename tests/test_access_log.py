"""The access log leaves out the tokens of sign-in links and password resets."""

import datetime
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from safetyquiz.access_log import TokenlessLogger, without_tokens

TOKEN = "q5Z-1kE7p0_vX2cYw9bA8dF3gH6jL4mN0pR2sT7uW1x"


def test_link_and_reset_tokens_are_replaced_and_nothing_else() -> None:
    assert without_tokens(f"GET /accounts/link/{TOKEN}/ HTTP/1.1") == (
        "GET /accounts/link/[token]/ HTTP/1.1"
    )
    assert without_tokens(f"https://quiz.example.com/accounts/reset/MTc/{TOKEN}/") == (
        "https://quiz.example.com/accounts/reset/MTc/[token]/"
    )
    for kept in (
        "/accounts/link/set-password/",
        "/accounts/link/end/",
        "/accounts/reset/MTc/set-password/",
        "/modules/cold-is-a-claim/",
    ):
        assert without_tokens(kept) == kept


def test_the_access_log_line_of_a_link_and_its_static_files_holds_no_token() -> None:
    config = Config()
    config.set("accesslog", "-")
    logger = TokenlessLogger(config)
    link = f"/accounts/link/{TOKEN}/"
    requests = [
        ({"PATH_INFO": link, "RAW_URI": link}, "-"),  # the page
        ({"PATH_INFO": "/static/css/app.css", "RAW_URI": "/static/css/app.css"}, link),  # a file
    ]
    for environ, referer in requests:
        environ = {
            "REQUEST_METHOD": "GET",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_REFERER": f"http://quiz.example.com{referer}",
            **environ,
        }
        response = SimpleNamespace(status="302 Found", headers=[], sent=0)
        request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
        atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.1))
        line = config.access_log_format % SafeAtoms(atoms)
        assert TOKEN not in line and "[token]" in line, line
