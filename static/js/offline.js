// Answers are never lost for want of a connection. On an attempt's page each answer is
// kept on this device (IndexedDB) before it is sent, with a key of its own, so sending it
// twice stores it once; without a connection the next question comes from the questions
// the device kept (wording and choices only), and the kept answers are sent, in the order
// given, when the connection returns. The server's rules decide each one; a refusal, and
// any failure to send, is shown with the answer kept. The header counts what is waiting.
//
// Its words are in templates/_offline_messages.html. Without JavaScript, or without
// IndexedDB, the pages work as before: a plain form post (htmx with JavaScript).
(function () {
  "use strict";

  if (!window.indexedDB || !window.fetch || !window.crypto || !document.body) {
    return;
  }
  const body = document.body;
  const learner = body.dataset.learner; // "" when signed out; missing on the offline page
  const TIMEOUT_MS = 20000; // a send that takes longer is reported, and tried again
  const WORKER_MS = 10000; // no service worker (unsupported, or not allowed): stop waiting
  const BATCH = 20;
  const RETRY_MS = [5000, 15000, 30000, 60000];
  const SAVED_DAYS = 30;

  // ---- words ----

  const wordsTemplate = document.getElementById("offline-messages");

  function message(name) {
    const selector = `[data-message="${CSS.escape(name)}"]`;
    return wordsTemplate && wordsTemplate.content.querySelector(selector);
  }

  function word(name, values) {
    const node = message(name);
    let text = node ? node.textContent : name;
    for (const [key, value] of Object.entries(values || {})) {
      text = text.split(`{${key}}`).join(String(value));
    }
    return text;
  }

  function counted(name, n) {
    return word(`${name}-${n === 1 ? "one" : "other"}`, { n: n });
  }

  function block(name) {
    const node = message(name);
    const copy = document.createDocumentFragment();
    if (node) {
      for (const child of node.childNodes) {
        copy.appendChild(child.cloneNode(true));
      }
    }
    return copy;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      node.setAttribute(key, value);
    }
    for (const child of children || []) {
      node.append(child);
    }
    return node;
  }

  // ---- the device's store: "answers" (keyed by their key) and "forms" (by attempt) ----

  let opened = null;

  function database() {
    opened =
      opened ||
      new Promise((resolve, reject) => {
        const request = indexedDB.open("safetyquiz", 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore("answers", { keyPath: "key" });
          request.result.createObjectStore("forms", { keyPath: "attempt" });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    return opened;
  }

  async function store(name, mode, work) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(name, mode);
      const request = work(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  const all = (name) => store(name, "readonly", (s) => s.getAll());
  const get = (name, key) => store(name, "readonly", (s) => s.get(key));
  const put = (name, value) => store(name, "readwrite", (s) => s.put(value));
  const remove = (name, key) => store(name, "readwrite", (s) => s.delete(key));

  function newKey() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
    return [...parts, hex.slice(20)].join("-");
  }

  const bySeq = (a, b) => a.seq - b.seq || a.place - b.place;

  async function answersOf(predicate) {
    return (await all("answers")).filter(predicate).sort(bySeq);
  }

  // Forget what belonged to someone else signed in before on this device (or to everyone,
  // after a sign-out): the questions kept and the answers already saved. Answers waiting or
  // refused stay, for the person who gave them.
  async function forgetOthers(everyone) {
    const old = Date.now() - SAVED_DAYS * 86400000;
    for (const record of await all("answers")) {
      const theirs = everyone || record.learner !== learner;
      if (record.state === "saved" && (theirs || record.at < old)) {
        await remove("answers", record.key);
      }
    }
    for (const form of await all("forms")) {
      if (everyone || form.learner !== learner) {
        await remove("forms", form.attempt);
      }
    }
  }

  // ---- the service worker ----

  function tellWorker(message) {
    if (!("serviceWorker" in navigator) || !body.dataset.serviceWorker) {
      return Promise.resolve(null);
    }
    const ready = navigator.serviceWorker.ready.then(
      (registration) =>
        new Promise((resolve) => {
          if (!registration.active) {
            resolve(null);
            return;
          }
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => resolve(event.data);
          registration.active.postMessage(message, [channel.port2]);
        })
    );
    const late = new Promise((resolve) => setTimeout(() => resolve(null), WORKER_MS));
    return Promise.race([ready, late]);
  }

  // ---- sending: every waiting answer of the learner, in order, in batches ----

  let problem = null; // why waiting answers did not go, or null
  let sending = null;
  let again = false;
  let retries = 0;
  let retryTimer = null;

  function token() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function send() {
    if (!learner) {
      return Promise.resolve();
    }
    if (sending) {
      again = true;
      return sending;
    }
    const run = async () => {
      do {
        again = false;
        await sendWaiting();
      } while (again);
    };
    const locked = navigator.locks
      ? navigator.locks.request("safetyquiz-answers", run) // one tab sends at a time
      : run();
    sending = locked
      .catch(() => {
        problem = "server";
      })
      .then(() => {
        sending = null;
        scheduleRetry();
        if (attempt && attempt.finished && !answering) {
          window.location.assign(attempt.url); // graded: the result
        } else if (attempt && !answering) {
          return catchUp().then(refresh);
        }
        return refresh();
      });
    return sending;
  }

  async function sendWaiting() {
    const waiting = await answersOf((r) => r.learner === learner && r.state === "waiting");
    if (!waiting.length) {
      problem = null;
      return;
    }
    for (let start = 0; start < waiting.length; start += BATCH) {
      const batch = waiting.slice(start, start + BATCH);
      const outcome = await post(batch);
      if (outcome.problem) {
        problem = outcome.problem;
        return;
      }
      await settle(batch, outcome.results);
    }
    problem = null;
  }

  async function post(batch) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(body.dataset.answers, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": token(),
        },
        body: JSON.stringify({
          learner: learner,
          answers: batch.map((r) => ({
            key: r.key,
            attempt: r.attempt,
            place: r.place,
            choices: r.choices,
          })),
        }),
        signal: controller.signal,
      });
      const type = response.headers.get("Content-Type") || "";
      const json = type.startsWith("application/json");
      const data = json ? await response.json().catch(() => ({})) : {};
      clearTimeout(timer);
      if (response.status === 200 && Array.isArray(data.results)) {
        return { results: data.results };
      }
      if (response.status === 400 && data.reason === "unreadable") {
        const refused = { state: "refused", reason: "unreadable", detail: data.detail || "" };
        return { results: batch.map((r) => Object.assign({ key: r.key }, refused)) };
      }
      if (response.status === 401) {
        return { problem: "signed-out" };
      }
      if (response.status === 409 && data.reason === "other-learner") {
        return { problem: "other-learner" };
      }
      if (response.status === 403) {
        return { problem: "token" };
      }
      return { problem: "server" };
    } catch (error) {
      clearTimeout(timer);
      return { problem: error.name === "AbortError" ? "timeout" : "offline" };
    }
  }

  async function settle(batch, results) {
    const byKey = new Map(batch.map((r) => [r.key, r]));
    const finished = new Map();
    for (const result of results) {
      const record = byKey.get(result.key);
      if (!record) {
        continue;
      }
      record.state = result.state === "saved" ? "saved" : "refused";
      record.reason = result.reason || "";
      record.detail = result.detail || "";
      await put("answers", record);
      if (result.finished) {
        finished.set(record.attempt, record);
      }
    }
    for (const record of finished.values()) {
      await attemptFinished(record);
    }
  }

  // The attempt is graded: what the device kept for it is done with, and the pages kept
  // about it are out of date.
  async function attemptFinished(record) {
    for (const other of await answersOf((r) => r.attempt === record.attempt)) {
      if (other.state === "saved") {
        await remove("answers", other.key);
      }
    }
    await remove("forms", record.attempt);
    tellWorker({ type: "forget", urls: [record.url] });
    tellWorker({ type: "keep", urls: [record.modulesUrl, record.moduleUrl], refresh: true });
    if (attempt && attempt.id === record.attempt) {
      attempt.finished = true;
    }
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    if (!problem || !["offline", "timeout", "server"].includes(problem)) {
      retries = 0;
      return;
    }
    const wait = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
    retries += 1;
    retryTimer = setTimeout(() => {
      if (navigator.onLine) {
        send();
      }
    }, wait);
  }

  function retryButton() {
    const button = element("button", { type: "button", class: "secondary" }, [word("retry")]);
    button.addEventListener("click", () => {
      retries = 0;
      send();
    });
    return button;
  }

  function remedy() {
    if (problem === "token") {
      const button = element("button", { type: "button", class: "secondary" }, [word("reload")]);
      button.addEventListener("click", () => window.location.reload());
      return button;
    }
    if (problem === "signed-out" || problem === "other-learner") {
      const next = encodeURIComponent(window.location.pathname);
      const href = `${body.dataset.signIn}?next=${next}`;
      return element("a", { class: "button secondary", href: href }, [word("sign-in")]);
    }
    return navigator.onLine ? retryButton() : null;
  }

  // ---- the header: what is waiting, what was refused ----

  async function showStatus() {
    const bar = document.getElementById("offline-status");
    if (!bar) {
      return;
    }
    const records = await all("answers");
    const parts = [];
    if (!navigator.onLine) {
      parts.push(element("p", {}, [word("offline-now")]));
    }
    if (learner) {
      const waiting = records.filter((r) => r.learner === learner && r.state === "waiting");
      const refused = records
        .filter((r) => r.learner === learner && r.state === "refused")
        .sort(bySeq);
      if (waiting.length) {
        const line = element("p", { class: "waiting" }, [
          element("strong", {}, [counted("waiting", waiting.length)]),
        ]);
        if (problem && (problem !== "offline" || navigator.onLine)) {
          line.append(" ", word(`problem-${problem}`), " ");
          const fix = remedy();
          if (fix) {
            line.append(fix);
          }
        }
        parts.push(line);
      }
      if (refused.length) {
        parts.push(refusedList(refused));
      }
    } else {
      const waiting = records.filter((r) => r.state === "waiting");
      if (waiting.length) {
        parts.push(element("p", { class: "waiting" }, [counted("waiting", waiting.length)]));
        if (learner === "") {
          parts.push(element("p", {}, [word("waiting-elsewhere")]));
        }
      }
    }
    // Said again only when it changes: the bar is a live region.
    const said = parts.map((part) => part.textContent).join("\n");
    if (said === bar.dataset.said) {
      return;
    }
    const wasOpen = Boolean(bar.querySelector("details.refused[open]"));
    for (const part of parts) {
      if (part.matches("details.refused")) {
        part.open = wasOpen;
      }
    }
    bar.dataset.said = said;
    bar.replaceChildren(...parts);
    bar.hidden = !parts.length;
  }

  function refusedList(refused) {
    const items = refused.map((r) =>
      element("li", {}, [
        element("a", { href: r.url }, [
          word("refused-line", { module: r.module, number: r.number }),
        ]),
        ": ",
        word(`reason-${r.reason}`, { detail: r.detail }),
      ])
    );
    const clear = element("button", { type: "button", class: "link" }, [word("clear")]);
    clear.addEventListener("click", async () => {
      for (const r of refused) {
        await remove("answers", r.key);
      }
      refresh();
    });
    return element("details", { class: "refused" }, [
      element("summary", {}, [counted("refused", refused.length)]),
      element("ul", {}, items),
      clear,
    ]);
  }

  // ---- an attempt's page ----

  let attempt = null;

  function readAttempt(panel) {
    const data = panel.dataset;
    return {
      panel: panel,
      id: Number(data.attempt),
      url: data.url,
      formUrl: data.form,
      module: data.module,
      moduleUrl: data.moduleUrl,
      modulesUrl: data.modulesUrl,
      practice: "practice" in data,
      planned: Number(data.planned),
    };
  }

  function currentForm() {
    return attempt && attempt.panel.querySelector("form");
  }

  function placeShown() {
    const form = currentForm();
    return form && form.elements.question ? Number(form.elements.question.value) : null;
  }

  function showInPanel(content, note) {
    const panel = attempt.panel;
    if (typeof content === "string") {
      panel.innerHTML = content;
    } else {
      panel.replaceChildren(content);
    }
    if (note) {
      panel.prepend(element("p", { class: "notice", role: "status" }, [note]));
    }
    const link = panel.querySelector("[data-attempt-link]");
    if (link) {
      link.setAttribute("href", attempt.url);
    }
    const heading = panel.querySelector("[data-focus-after-swap]");
    if (heading) {
      heading.focus();
    }
  }

  // The question at ``place`` from the questions the device kept; the server's page when
  // they are not kept and there is a connection.
  async function showPlace(place, note) {
    if (place >= attempt.planned) {
      showInPanel(block("all-answered"), note);
      return;
    }
    const form = await get("forms", attempt.id);
    const kept = form && form.learner === learner &&
      form.language === document.documentElement.lang &&
      form.places.find((p) => p.place === place);
    if (kept) {
      showInPanel(kept.html, note);
      return;
    }
    if (navigator.onLine) {
      try {
        const response = await fetch(attempt.url, {
          credentials: "same-origin",
          headers: { "HX-Request": "true" },
        });
        const text = response.ok && !response.redirected ? await response.text() : "";
        if (text.includes('name="question"')) {
          showInPanel(text, note);
          return;
        }
        window.location.assign(attempt.url); // not a question now: the attempt's own page
        return;
      } catch (error) {
        // No connection after all: say so below.
      }
    }
    showInPanel(block("not-kept"), note);
  }

  function say(form, text, extra) {
    let box = form.querySelector(".send-problem");
    if (!box) {
      box = element("div", { class: "send-problem", role: "alert" });
      const button = form.querySelector("button[type=submit]");
      (button ? button.parentNode : form).before(box);
    }
    box.replaceChildren(element("p", {}, [text]), ...(extra ? [element("p", {}, [extra])] : []));
  }

  function busy(form, on) {
    const button = form.querySelector("button[type=submit]");
    if (!button) {
      return;
    }
    if (on) {
      button.dataset.label = button.textContent;
      button.textContent = word("sending");
      button.disabled = true;
    } else if (button.dataset.label) {
      button.textContent = button.dataset.label;
      button.disabled = false;
    }
  }

  // What the server would refuse in a form the learner can fill wrongly, said at once, so
  // an answer kept offline can be sent as it is (the server checks again).
  function localMistake(form) {
    const selects = form.querySelectorAll("select[name=choice]");
    const places = new Set(Array.from(selects, (select) => select.value).filter(Boolean));
    if (selects.length && places.size !== selects.length) {
      return word("each-place-once", { n: selects.length });
    }
    const boxes = form.querySelectorAll("input[type=checkbox][name=choice]");
    if (boxes.length && !form.querySelector("input[type=checkbox][name=choice]:checked")) {
      return word("pick-at-least-one");
    }
    return null;
  }

  // An answer that cannot be one, said where the page says it without JavaScript.
  function invalid(form, text) {
    const fieldset = form.querySelector("fieldset");
    let message = form.querySelector("#answer-error");
    if (!message) {
      message = element("p", { class: "error", id: "answer-error", role: "alert", tabindex: "-1" });
      const legend = fieldset && fieldset.querySelector("legend");
      (legend || form.firstChild).after(message);
    }
    message.textContent = text;
    if (fieldset) {
      fieldset.setAttribute("aria-describedby", "answer-error");
    }
    message.focus();
  }

  let answering = false;

  async function answer(form) {
    if (answering) {
      return;
    }
    answering = true;
    try {
      await answerNow(form);
    } finally {
      answering = false;
      refresh();
    }
  }

  async function answerNow(form) {
    const mistake = localMistake(form);
    if (mistake) {
      invalid(form, mistake);
      return;
    }
    const place = Number(form.elements.question.value);
    const record = {
      key: newKey(),
      learner: learner,
      attempt: attempt.id,
      place: place,
      number: place + 1,
      choices: new FormData(form).getAll("choice").map(String),
      state: "waiting",
      reason: "",
      detail: "",
      at: Date.now(),
      seq: Date.now() + place / 1000,
      module: attempt.module,
      url: attempt.url,
      moduleUrl: attempt.moduleUrl,
      modulesUrl: attempt.modulesUrl,
    };
    // A waiting answer to the same question (one that failed to send) gives way to this one.
    for (const old of await answersOf((r) => r.attempt === attempt.id && r.place === place)) {
      if (old.state === "waiting") {
        await remove("answers", old.key);
      }
    }
    await put("answers", record);
    if (!navigator.onLine) {
      await showPlace(place + 1, word("kept"));
      return;
    }
    busy(form, true);
    await send();
    busy(form, false);
    const now = await get("answers", record.key);
    if (attempt.finished) {
      // Graded: practice shows the feedback on this last answer first, then the result.
      if (attempt.practice) {
        await saved(record);
      } else {
        window.location.assign(attempt.url);
      }
    } else if (!now) {
      return;
    } else if (now.state === "saved") {
      await saved(now);
    } else if (now.state === "refused" && now.reason === "invalid") {
      await remove("answers", now.key); // not an answer: the learner puts it right
      invalid(form, now.detail);
    } else if (now.state === "refused") {
      const go = element("a", { class: "button secondary", href: attempt.url }, [word("current")]);
      say(form, word(`reason-${now.reason}`, { detail: now.detail }), go);
    } else if (problem === "offline") {
      await showPlace(place + 1, word("kept"));
    } else {
      say(form, word(`problem-${problem || "server"}`), remedy());
    }
  }

  // After a saved answer: practice shows the feedback on it, a certifying attempt the next
  // question (its result once it is finished).
  async function saved(record) {
    if (attempt.practice) {
      try {
        const response = await fetch(`${attempt.url}answers/${record.place}/`, {
          credentials: "same-origin",
          headers: { "HX-Request": "true" },
        });
        if (response.ok && !response.redirected) {
          showInPanel(await response.text());
          return;
        }
      } catch (error) {
        // Shown with the result instead.
      }
    }
    await showPlace(record.place + 1);
  }

  // Which question to show: the server's, or further on if the device kept answers to it.
  async function catchUp() {
    const shown = placeShown();
    if (shown === null) {
      return;
    }
    const records = await answersOf((r) => r.learner === learner && r.attempt === attempt.id);
    if (records.some((r) => r.state === "refused" && r.reason === "closed")) {
      showInPanel(block("closed"));
      return;
    }
    const given = records.filter((r) => r.state !== "refused").map((r) => r.place + 1);
    const next = Math.max(shown, ...given);
    if (next !== shown) {
      await showPlace(next);
    }
  }

  // Keep this attempt's questions (once per language: a learner may switch in the middle)
  // and its page, then say it can be finished offline.
  async function keepAttempt() {
    let form = await get("forms", attempt.id);
    const shown = placeShown();
    const language = document.documentElement.lang;
    const complete = form && form.learner === learner && form.language === language &&
      form.places.some((p) => p.place === shown);
    if (!complete && navigator.onLine) {
      try {
        const response = await fetch(attempt.formUrl, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const type = response.headers.get("Content-Type") || "";
        if (response.ok && type.startsWith("application/json")) {
          const data = await response.json();
          form = {
            attempt: attempt.id, learner: learner, language: language, places: data.places,
            at: Date.now(),
          };
          await put("forms", form);
          // The briefing and the module list now show the attempt started.
          const started = [attempt.modulesUrl, attempt.moduleUrl];
          tellWorker({ type: "keep", urls: started, refresh: true });
        }
      } catch (error) {
        // Kept the next time the page is opened online.
      }
    }
    if (!window.caches || !(await caches.match(attempt.url, { ignoreVary: true }))) {
      await tellWorker({ type: "keep", urls: [attempt.url] });
    }
    const pageKept = window.caches && (await caches.match(attempt.url, { ignoreVary: true }));
    attempt.ready = Boolean(form && form.learner === learner && pageKept);
  }

  async function showStates() {
    const box = document.getElementById("answer-states");
    if (!box || !attempt) {
      return;
    }
    const records = (
      await answersOf((r) => r.learner === learner && r.attempt === attempt.id)
    ).sort((a, b) => a.place - b.place || a.seq - b.seq);
    const parts = [];
    if (attempt.ready) {
      parts.push(element("p", { class: "muted" }, [word("ready")]));
    }
    if (records.length) {
      parts.push(element("h2", {}, [word("your-answers")]));
      const items = records.map((r) => {
        const line = word("state-line", { number: r.number, state: word(`state-${r.state}`) });
        const item = element("li", { class: r.state }, [line]);
        if (r.state === "refused") {
          item.append(": ", word(`reason-${r.reason}`, { detail: r.detail }));
        }
        return item;
      });
      parts.push(element("ul", {}, items));
    }
    box.replaceChildren(...parts);
    box.hidden = !parts.length;
  }

  function refresh() {
    return Promise.all([showStatus(), showStates()]).catch(() => {});
  }

  // ---- start ----

  // An answer on an attempt's page goes through the device's store: this listener runs
  // before htmx's, and stops it.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!attempt || !(form instanceof HTMLFormElement) || !attempt.panel.contains(form)) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      answer(form);
    },
    true
  );

  async function start() {
    const panel = learner && document.querySelector("#question-panel[data-attempt]");
    if (panel) {
      attempt = readAttempt(panel);
    }
    if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
      navigator.serviceWorker.register(body.dataset.serviceWorker).catch(() => {});
    }
    if (learner !== undefined) {
      await forgetOthers(learner === ""); // signed out: only what waits to be sent stays
    }
    const keepList = learner && document.querySelector("[data-offline-keep]");
    if (keepList && navigator.onLine) {
      const urls = Array.from(keepList.querySelectorAll("a[href]"), (a) => a.href);
      tellWorker({ type: "keep", urls: [window.location.href].concat(urls) });
    }
    await refresh();
    if (learner && navigator.onLine) {
      await send();
    }
    if (attempt) {
      await catchUp();
      await keepAttempt();
      await refresh();
      if (!attempt.ready && "serviceWorker" in navigator) {
        // A worker installed by this very page: keep the page once it has taken over.
        navigator.serviceWorker.addEventListener("controllerchange", () =>
          keepAttempt().then(refresh)
        );
      }
    }
  }

  window.addEventListener("online", () => {
    retries = 0;
    send();
  });
  window.addEventListener("offline", refresh);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && navigator.onLine && problem) {
      send();
    }
  });

  start().catch(() => {});
})();
