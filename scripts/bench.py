"""`make bench`: the app's pages against the bare Django ceiling, on a million answers.

Run through scripts/with-postgres.sh (as `make bench` does), so DATABASE_URL names an
empty throwaway PostgreSQL database. In one run, everything on 127.0.0.1:

1. builds the data: the curriculum, then ``seed_scale`` (20,000 crew, a production of
   500, one million answers), then VACUUM ANALYZE as autovacuum would after a load;
2. prepares the load: signs in the 500 crew and the production's instructor ahead of
   the run (sessions made as Django's test client makes them, each with a CSRF cookie)
   and starts every module for each crew member, writing the requests each scenario
   replays; counts each page's queries on this data with the test client;
3. serves the app as `make serve` does (scripts/serve.sh), with 2 gunicorn workers;
4. runs wrk (scripts/bench.lua) for each scenario, after a warm-up, sampling the
   workers' memory;
5. serves the app again over plain http for a phone's browser (Chromium through
   Playwright) that keeps 10 answers offline and sends them on a throttled link; and
   prints the table and the lines other tools read.

Bounded: each scenario runs for a fixed time, and the whole run takes about ten minutes.

`make bench-scale` (``bench.py scale``) is a run of its own: the data seeded lean
(``seed_scale --lean``: ten million answers without their snapshots, which the module
analysis does not read), then the analysis scenarios alone.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SEED, BIG, WORKERS = 1, 500, 2
# The sizes; smaller ones only to try the bench itself quickly.
CREW = int(os.environ.get("BENCH_CREW", 20_000))
ANSWERS = int(os.environ.get("BENCH_ANSWERS", 1_000_000))
WARM_UP, RUN = 5, int(os.environ.get("BENCH_SECONDS", 20))  # seconds per scenario


@dataclass
class Scenario:
    name: str
    requests: str  # the data file of requests it replays
    what: str
    connections: int
    seconds: int = RUN
    result: dict[str, Any] = field(default_factory=dict)
    peak_mib: float = 0.0
    queries: int | None = None
    sent: int = 0  # requests answered, warm-up included

    @property
    def rate(self) -> float:
        return self.result["requests"] / (self.result["duration_us"] / 1e6)


# Throughput scenarios keep both workers busy (a few requests queued for each). The
# instructor pages' latency is one instructor loading the page (the P99 lines), then two
# at once, one per worker, with wrk and PostgreSQL on the same two cores.
SCENARIOS = [
    Scenario("ceiling", "ceiling", "bare view, one query, anonymous", 8),
    Scenario("write-ceiling", "write-ceiling", "bare signed-in POST: one row, committed", 8),
    Scenario("question-page", "question-page", "crew's question page, signed in", 8),
    Scenario("answer-submit", "answer-submit", "POST an answer with CSRF, 500 crew in turn", 8),
    Scenario("roster-500", "roster-500", "roster of the 500-member production, on screen", 1),
    Scenario("roster-500 x2", "roster-500", "the same, two instructors at once", 2),
    Scenario("sheet-500", "sheet-500", "the printed safety-meeting sheet of all 500", 1),
    Scenario("analysis-1M", "analysis-1M", "module analysis, all productions, 1M answers", 1),
    Scenario("analysis-1M x2", "analysis-1M", "the same, two at once", 2),
    Scenario("analysis-prod", "analysis-prod", "module analysis, the 500-member production", 1),
]

# `make bench-scale`: the module analysis alone, on ten million answers seeded lean (no
# snapshots: the analysis reads none), as a run of its own.
SCALE_ANSWERS = int(os.environ.get("BENCH_SCALE_ANSWERS", 10_000_000))
SCALE_SCENARIOS = [
    Scenario("analysis-10M", "analysis-1M", "module analysis, all productions, 10M answers", 1),
    Scenario("analysis-10M x2", "analysis-1M", "the same, two at once", 2),
]


def main(scale: bool = False) -> None:
    global SCENARIOS, ANSWERS
    if scale:
        SCENARIOS, ANSWERS = SCALE_SCENARIOS, SCALE_ANSWERS
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("make bench runs on PostgreSQL: run it as scripts/with-postgres.sh " + __file__)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench does)")
    work = Path(tempfile.mkdtemp(prefix="safetyquiz-bench."))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or os.urandom(32).hex(),
        "SAFETYQUIZ_BENCH": "1",
        "PY": PY,
    }
    server: subprocess.Popen[bytes] | None = None
    started = time.monotonic()
    try:
        seeding = build_data(env, lean=scale)
        step("Signing in the crew and writing the requests")
        prepare_step = "prepare-analysis" if scale else "prepare"
        quiet = {**env, "DJANGO_LOG_LEVEL": "WARNING"}  # not a line per attempt it starts
        subprocess.run([PY, __file__, prepare_step, str(work)], env=quiet, check=True, cwd=ROOT)
        port = spare_port()
        step(f"Serving with {WORKERS} gunicorn workers on 127.0.0.1:{port}")
        server = serve(env, port, work)
        wait_until_up(port, server)
        queries = json.loads((work / "queries.json").read_text())
        for scenario in SCENARIOS:
            scenario.queries = queries.get(scenario.requests)
            measure(scenario, port, server.pid, work)
        stop(server)
        if scale:
            report_scale(seeding, time.monotonic() - started)
            return
        # A phone's browser, over plain http on this machine: no TLS proxy to stand in for.
        port = spare_port()
        step(f"{OFFLINE}: {OFFLINE_WHAT}")
        plain_http = {**env, "DJANGO_SECURE_COOKIES": "0", "DJANGO_SSL_REDIRECT": "0"}
        server = serve(plain_http, port, work)
        wait_until_up(port, server)
        offline_seconds = send_kept_answers(port, work)
        stop(server)
        step("Checking what the answers did")
        posts = sum(s.sent for s in SCENARIOS if s.requests == "answer-submit")
        check = subprocess.run(
            [PY, __file__, "verify", str(work), str(posts)],
            env=env,
            check=True,
            cwd=ROOT,
            text=True,
            capture_output=True,
        ).stdout.strip()
        report(seeding, check, offline_seconds, time.monotonic() - started)
    except BaseException:
        if server is not None and (work / "server.log").exists():
            sys.stderr.write((work / "server.log").read_text(errors="replace")[-3000:])
        raise
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(work, ignore_errors=True)


def serve(env: dict[str, str], port: int, work: Path) -> subprocess.Popen[bytes]:
    with (work / "server.log").open("ab") as log:  # its log stays out of the report
        return subprocess.Popen(
            [str(ROOT / "scripts" / "serve.sh")],
            env={
                **env,
                "WEB_CONCURRENCY": str(WORKERS),
                "WEB_THREADS": "1",  # one request at a time per worker, as measured
                "SAFETYQUIZ_BIND": f"127.0.0.1:{port}",
                "SAFETYQUIZ_ACCESS_LOG": str(work / "access.log"),
            },
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # serve.sh's gunicorn and its workers
        server.wait(timeout=30)


def step(text: str) -> None:
    print(f"== {text}", file=sys.stderr, flush=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], env=env, check=True, cwd=ROOT)


def build_data(env: dict[str, str], lean: bool = False) -> float:
    step("Building the data: migrate, curriculum, seed_scale")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    fixtures = [
        "fixtures/00_reference.json",
        *sorted(map(str, Path(ROOT).glob("fixtures/modules/*.json"))),
    ]
    manage(env, "loaddata", "--verbosity", "0", *fixtures)
    began = time.monotonic()
    manage(
        env,
        "seed_scale",
        f"--seed={SEED}",
        f"--crew={CREW}",
        f"--answers={ANSWERS}",
        f"--big={BIG}",
        *(["--lean"] if lean else []),
    )
    seconds = time.monotonic() - began
    manage(env, "dbshell", "--", "-q", "-c", "VACUUM ANALYZE")
    return seconds


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz/", headers={"X-Forwarded-Proto": "https"}
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    raise SystemExit("gunicorn did not come up (its log follows)")


def workers_of(master: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{master}\n" in text:
            found.append(int(status.parent.name))
    return found


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def wrk(scenario: Scenario, port: int, seconds: int, work: Path, start: int = 0) -> dict[str, Any]:
    command = [
        "wrk",
        "-t1",
        f"-c{scenario.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "scripts" / "bench.lua"),
        f"http://127.0.0.1:{port}",
        "--",
        str(work / f"{scenario.requests}.tsv"),
        str(start),
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    return dict(json.loads(line.removeprefix("BENCH ")))


def measure(scenario: Scenario, port: int, master: int, work: Path) -> None:
    step(
        f"{scenario.name}: {scenario.what} ({scenario.connections} connections, "
        f"{WARM_UP} s warm-up, {scenario.seconds} s)"
    )
    warm = wrk(scenario, port, WARM_UP, work)
    scenario.sent = warm["requests"]
    peak = [0.0]
    running = threading.Event()
    running.set()

    def sample() -> None:
        while running.is_set():
            peak[0] = max([peak[0], *(rss_mib(pid) for pid in workers_of(master))])
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        scenario.result = wrk(scenario, port, scenario.seconds, work, start=scenario.sent)
        scenario.sent += scenario.result["requests"]
    finally:
        running.clear()
        sampler.join()
    scenario.peak_mib = peak[0]


# Answers kept on a phone with no signal, sent when the connection returns: a real browser
# (static/js/offline.js) on a link throttled as the first-use review measured a set's.
OFFLINE = "send-10-kept"
OFFLINE_WHAT = "10 answers kept offline, sent on a 400 kbps link with 400 ms latency"
OFFLINE_ANSWERS = 10
LATENCY, RATE = 0.4, 50_000  # seconds a round trip, bytes a second (400 kbps)


class SlowLink:
    """A TCP proxy in front of the app, slow when ``slow`` is set: each chunk that passes
    waits half the round trip and its time at the link's rate, each way. It slows the
    service worker's requests as well as the page's, where the browser's own throttling
    (DevTools) leaves out those a service worker passes on."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.slow = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.slow.is_set():
                    time.sleep(LATENCY / 2 + len(data) / RATE)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                end.close()

    def close(self) -> None:
        self.listener.close()


ANSWER_SHOWN = """() => {
  const form = document.querySelector("#question-panel form");
  const place = form.elements.question.value;
  form.querySelectorAll("select[name=choice]").forEach((s, n) => { s.value = String(n + 1); });
  const first = form.querySelector("input[name=choice]");
  if (first) { first.checked = true; }
  form.querySelector("button[type=submit]").click();
  return place;
}"""
MOVED_ON = """(place) => {
  const question = document.querySelector("#question-panel input[name=question]");
  return !question || question.value !== place;
}"""
WAITING = """async () => {
  const db = await new Promise((ok) => {
    const r = indexedDB.open("safetyquiz");
    r.onsuccess = () => ok(r.result);
  });
  const all = await new Promise((ok) => {
    const r = db.transaction("answers").objectStore("answers").getAll();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return all.filter((a) => a.state === "waiting").length;
}"""


def send_kept_answers(port: int, work: Path) -> float:
    """Seconds from the connection's return until the server holds all 10 answers a phone
    kept offline: a certifying attempt's whole form and the start of another, each opened
    online first (so the device keeps it), answered offline, then sent from the module list
    once the link comes back, slow."""
    from playwright.sync_api import sync_playwright

    link = SlowLink(port)
    base = f"http://127.0.0.1:{link.port}"
    data = json.loads((work / "offline.json").read_text())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"]
        )
        try:
            context = browser.new_context()
            context.add_cookies(
                [
                    {"name": name, "value": value, "url": base}
                    for name, value in (pair.split("=", 1) for pair in data["cookie"].split("; "))
                ]
            )
            page = context.new_page()
            for url in data["attempts"]:
                page.goto(base + url)
                page.get_by_text("you can finish this attempt without a connection").wait_for()
            context.set_offline(True)
            for url, count in zip(data["attempts"], data["counts"], strict=True):
                page.goto(base + url)
                for _ in range(count):
                    page.wait_for_function(MOVED_ON, arg=page.evaluate(ANSWER_SHOWN))
            page.goto(base + "/modules/")
            if page.evaluate(WAITING) != OFFLINE_ANSWERS:
                raise SystemExit(f"{OFFLINE}: the phone did not keep {OFFLINE_ANSWERS} answers")
            link.slow.set()
            began = time.monotonic()
            context.set_offline(False)  # the page hears "online" and sends what waits
            # Polled from here: wait_for_function would take the script's promise as true.
            while page.evaluate(WAITING):
                if time.monotonic() - began > 120:
                    raise SystemExit(f"{OFFLINE}: the answers were not sent within 2 minutes")
                time.sleep(0.02)
            return time.monotonic() - began
        finally:
            browser.close()
            link.close()


def table(seeding: float, lean: bool = False) -> None:
    print()
    print(f"safetyquiz bench, {time.strftime('%Y-%m-%d %H:%M %Z')}: {machine()}")
    print(
        f"data: {CREW:,} crew, {ANSWERS:,} answers{' (lean)' if lean else ''} "
        f"(seed_scale took {seeding:.0f} s); gunicorn {WORKERS} sync workers; wrk, 1 thread"
    )
    print()
    header = f"{'scenario':<16}{'conns':>6}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    header += f"{'peak MiB':>10}{'queries':>9}  responses"
    print(header)
    print("-" * len(header))
    for s in SCENARIOS:
        r = s.result
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
        problems = []
        if r["socket_errors"]:
            problems.append(f"{r['socket_errors']} socket errors")
        if r["hx_redirects"]:
            problems.append(f"{r['hx_redirects']} htmx redirects")
        print(
            f"{s.name:<16}{s.connections:>6}{r['requests']:>10}{s.rate:>9.0f}"
            f"{r['p50_us'] / 1000:>9.1f}{r['p99_us'] / 1000:>9.1f}{s.peak_mib:>10.0f}"
            f"{s.queries if s.queries is not None else '-':>9}  {statuses}"
            + (f" ({'; '.join(problems)})" if problems else "")
        )
    print()


def report_scale(seeding: float, took: float) -> None:
    table(seeding, lean=True)
    print(f"target: analysis p99 < 250 ms; whole run {took / 60:.1f} min")
    print()
    print(f"P99 analysis-10M {SCENARIOS[0].result['p99_us'] / 1000:.0f}")


def report(seeding: float, check: str, offline_seconds: float, took: float) -> None:
    by_name = {s.name: s for s in SCENARIOS}
    table(seeding)
    print(check)
    print(f"{OFFLINE}: {OFFLINE_WHAT}: {offline_seconds:.2f} s")
    ceiling = by_name["ceiling"].rate
    question, answer = (
        by_name["question-page"].rate / ceiling,
        by_name["answer-submit"].rate / ceiling,
    )
    write = by_name["write-ceiling"].rate
    roster, sheet, analysis = (
        by_name["roster-500"].result["p99_us"],
        by_name["sheet-500"].result["p99_us"],
        by_name["analysis-1M"].result["p99_us"],
    )
    print(
        "targets: ratios >= 0.35, answer-submit-vs-write >= 0.5, roster on screen p99 < 150 ms, "
        f"printed sheet p99 < 1000 ms, analysis p99 < 250 ms; whole run {took / 60:.1f} min"
    )
    print()
    print(f"RATIO question-page {question:.2f}")
    print(f"RATIO answer-submit {answer:.2f}")
    print(f"RATIO answer-submit-vs-write {answer * ceiling / write:.2f}")
    print(f"P99 roster-500 {roster / 1000:.0f}")
    print(f"P99 sheet-500 {sheet / 1000:.0f}")
    print(f"P99 analysis-1M {analysis / 1000:.0f}")
    print(f"SECONDS {OFFLINE} {offline_seconds:.2f}")


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, "
        f"Python {platform.python_version()}, {postgres_version()}"
    )


def postgres_version() -> str:
    try:
        out = subprocess.run(
            [PY, "manage.py", "dbshell", "--", "-Atq", "-c", "SHOW server_version"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_DEBUG": "1"},
        ).stdout.strip()
        return f"PostgreSQL {out.split()[0]}"
    except (subprocess.CalledProcessError, IndexError):
        return "PostgreSQL"


# ---- inside Django: run as `bench.py prepare|verify WORK` with the bench environment ----


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyquiz.settings")
    import django

    django.setup()


def prepare(work: Path) -> None:
    """Sessions for the 500 crew and the instructor, every module started for each crew
    member, and one data file of requests per scenario (see scripts/bench.lua)."""
    setup_django()
    from urllib.parse import urlencode

    from django.contrib.auth.models import User
    from django.db.models import Count

    from safetyquiz.content.models import Module
    from safetyquiz.crews.models import Membership, Production
    from safetyquiz.devtools.simulate import posted_values
    from safetyquiz.training import services
    from safetyquiz.training.models import Answer

    production = Production.objects.get(join_code=f"S{SEED}-00000")
    crew = list(
        User.objects.filter(
            memberships__production=production, memberships__role=Membership.Role.CREW
        ).order_by("username")
    )
    instructor = User.objects.get(
        memberships__production=production, memberships__role=Membership.Role.INSTRUCTOR
    )
    staff, _ = User.objects.get_or_create(
        username=f"scale{SEED}-bench-admin",
        defaults={"is_staff": True, "is_superuser": True, "password": "!"},
    )
    modules = list(
        Module.objects.published().prefetch_related(
            "questions__choices", "questions__excerpts__source"
        )
    )
    rng = random.Random(SEED)
    sequences, question_pages, writes = [], [], []
    for user in crew:
        cookie, token = signed_in(user)
        body = urlencode([("csrfmiddlewaretoken", token), ("question", 0), ("choice", 1)])
        writes.append(f"POST\t/bench/write/\t{cookie}\t{body}")
        sequence: list[str] = []
        for module in modules:
            attempt = services.attempt_start(user=user, module=module)
            answered = set(attempt.answers.values_list("index", flat=True))
            remaining = [i for i in range(len(attempt.form)) if i not in answered]
            if remaining and not sequence:  # the question page of their first open attempt
                question_pages.append(f"GET\t/attempts/{attempt.pk}/\t{cookie}\t")
            for index in remaining:
                values = posted_values(attempt, index, right=rng.random() < 0.85)
                fields = [("csrfmiddlewaretoken", token), ("question", index)]
                body = urlencode(fields + [("choice", v) for v in values])
                sequence.append(f"POST\t/attempts/{attempt.pk}/\t{cookie}\t{body}")
        sequences.append(sequence)
    # Round after round: each crew member answers their next question in turn.
    answers = [s[i] for i in range(max(map(len, sequences))) for s in sequences if i < len(s)]
    first_post = answers.pop(0)  # posted once below to count its queries
    staff_cookie, _ = signed_in(staff)
    instructor_cookie, _ = signed_in(instructor)
    busiest = (
        Answer.objects.values("question__module__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    slug = busiest["question__module__slug"] if busiest else modules[0].slug
    files = {
        "ceiling": ["GET\t/bench/ceiling/\t\t"],
        "write-ceiling": writes,
        "question-page": question_pages,
        "answer-submit": answers,
        "roster-500": [f"GET\t/instructor/productions/{production.pk}/\t{instructor_cookie}\t"],
        "sheet-500": [
            f"GET\t/instructor/productions/{production.pk}/print/\t{instructor_cookie}\t"
        ],
        "analysis-1M": [f"GET\t/instructor/modules/{slug}/\t{staff_cookie}\t"],
        "analysis-prod": [
            f"GET\t/instructor/productions/{production.pk}/modules/{slug}/\t{instructor_cookie}\t"
        ],
    }
    for name, lines in files.items():
        (work / f"{name}.tsv").write_text("\n".join(lines) + "\n")
    # The phone of send-10-kept: a learner of their own, with two certifying attempts open.
    phone, _ = User.objects.get_or_create(
        username=f"scale{SEED}-bench-offline", defaults={"password": "!"}
    )
    kept = [services.attempt_start(user=phone, module=module) for module in modules[:2]]
    first = len(kept[0].form)
    (work / "offline.json").write_text(
        json.dumps(
            {
                "cookie": signed_in(phone)[0],
                "attempts": [attempt.get_absolute_url() for attempt in kept],
                "counts": [first, OFFLINE_ANSWERS - first],
            }
        )
    )
    queries = {name: count_queries(lines[0]) for name, lines in files.items()}
    queries["answer-submit"] = count_queries(first_post)
    queries["write-ceiling"] = count_queries(writes[-1])
    (work / "queries.json").write_text(json.dumps(queries))
    (work / "state.json").write_text(
        json.dumps({"answers": Answer.objects.count(), "posts": len(answers)})
    )


def prepare_analysis(work: Path) -> None:
    """For `make bench-scale`: a staff session and the analysis of the busiest module."""
    setup_django()
    from django.contrib.auth.models import User
    from django.db.models import Count

    from safetyquiz.training.models import Answer

    staff, _ = User.objects.get_or_create(
        username=f"scale{SEED}-bench-admin", defaults={"is_staff": True, "password": "!"}
    )
    busiest = (
        Answer.objects.values("question__module__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        raise SystemExit("no answers were seeded")
    cookie, _ = signed_in(staff)
    line = f"GET\t/instructor/modules/{busiest['question__module__slug']}/\t{cookie}\t"
    (work / "analysis-1M.tsv").write_text(line + "\n")
    (work / "queries.json").write_text(json.dumps({"analysis-1M": count_queries(line)}))


def signed_in(user: Any) -> tuple[str, str]:
    """A session cookie as Django's test client makes one (force_login), and a CSRF secret."""
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = get_random_string(32)
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}", token


def count_queries(line: str) -> int:
    """The queries one request of the scenario runs, through the test client on this data."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    method, path, cookie, body = line.split("\t")
    client = Client(HTTP_HOST="127.0.0.1", HTTP_HX_REQUEST="true")
    for pair in filter(None, cookie.split("; ")):
        name, value = pair.split("=", 1)
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as captured:
        if method == "POST":
            response = client.post(
                path, body, content_type="application/x-www-form-urlencoded", secure=True
            )
        else:
            response = client.get(path, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{method} {path} answered {response.status_code}")
    return len(captured)


def verify(work: Path, posts: int) -> None:
    """How many answers the POSTs recorded: each POST to a question not answered yet adds
    one; a repeat (had the data gone round) would only show the recorded answer."""
    setup_django()
    from safetyquiz.training.models import Answer

    state = json.loads((work / "state.json").read_text())
    made = Answer.objects.count() - state["answers"]
    print(
        f"answer-submit: {made:,} new answers recorded for {posts:,} POSTs answered, warm-up "
        f"included (the few in flight when wrk stops are recorded, not counted); the data "
        f"held {state['posts']:,} answers in turn"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["prepare"]:
        prepare(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["prepare-analysis"]:
        prepare_analysis(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["verify"]:
        verify(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main(scale=sys.argv[1:2] == ["scale"])
