// Listen: a button that reads a part of the page aloud with the browser's speech synthesis,
// in that part's language (its lang attribute, else the page's), exactly the text shown.
// <button type="button" class="listen" data-listen="ID" hidden
//         data-pause="Pause" data-resume="Resume">Listen</button>
// It stays hidden without JavaScript, without speech synthesis, and when the browser has no
// voice for the language. A second tap pauses, a third resumes; reading stops when the part
// read is replaced (htmx) or the page is left.
(function () {
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var current = null; // {button, utterance}

  function languageOf(element) {
    var holder = element.closest("[lang]");
    return (holder ? holder.getAttribute("lang") : document.documentElement.lang) || "en";
  }

  function voiceFor(language) {
    var wanted = language.toLowerCase();
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (lang === wanted || lang.split("-")[0] === wanted.split("-")[0]) {
        return voices[i];
      }
    }
    return null;
  }

  // The text shown: the part's visible text, without the controls in it (a Listen button,
  // the places offered to an ordering question, hidden fields).
  function textOf(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll("button, select, input, [hidden], [aria-hidden=true]").forEach(
      function (node) { node.remove(); }
    );
    copy.style.position = "absolute";
    copy.style.left = "-9999px";
    document.body.appendChild(copy);
    var text = copy.innerText;
    copy.remove();
    return text.replace(/\s+\n/g, "\n").trim();
  }

  function label(button, state) {
    if (!button.dataset.listenLabel) {
      button.dataset.listenLabel = button.textContent;
    }
    button.textContent = state === "speaking" ? button.dataset.pause
      : state === "paused" ? button.dataset.resume : button.dataset.listenLabel;
    button.setAttribute("aria-pressed", state === "speaking" ? "true" : "false");
  }

  function stop() {
    if (current) {
      label(current.button, "idle");
      current = null;
    }
    synth.cancel();
  }

  function toggle(button) {
    if (current && current.button === button) {
      if (synth.paused) {
        synth.resume();
        label(button, "speaking");
      } else {
        synth.pause();
        label(button, "paused");
      }
      return;
    }
    stop();
    var part = document.getElementById(button.dataset.listen);
    if (!part) {
      return;
    }
    var language = languageOf(part);
    var utterance = new window.SpeechSynthesisUtterance(textOf(part));
    utterance.lang = language;
    var voice = voiceFor(language);
    if (voice) {
      utterance.voice = voice;
    }
    utterance.onend = function () {
      if (current && current.utterance === utterance) {
        label(button, "idle");
        current = null;
      }
    };
    current = { button: button, utterance: utterance };
    label(button, "speaking");
    synth.speak(utterance);
  }

  function offer(root) {
    root.querySelectorAll("button[data-listen]").forEach(function (button) {
      var part = document.getElementById(button.dataset.listen);
      button.hidden = !(part && voiceFor(languageOf(part)));
      if (!button.dataset.listenReady) {
        button.dataset.listenReady = "1";
        button.addEventListener("click", function () { toggle(button); });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { offer(document); });
  // Voices often load after the page: offer the buttons again once they have.
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", function () { offer(document); });
  }
  document.addEventListener("htmx:beforeSwap", stop);
  document.addEventListener("htmx:afterSettle", function (event) {
    offer(event.detail.target || document);
  });
  window.addEventListener("pagehide", stop);
})();
