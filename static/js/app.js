// After htmx swaps in answer feedback, move focus to its heading once, so keyboard and
// screen-reader users land on the result. (The autofocus attribute would be applied a
// second time by the browser, a frame later, pulling focus back from a quick Tab.)
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  var heading = target && target.querySelector("[data-focus-after-swap]");
  if (heading) {
    heading.focus();
  }
});

// Buttons that need JavaScript stay hidden without it: [data-print] prints the page (and
// replaces the [data-print-hint] that says how to print without it), [data-copy="id"]
// copies the text of the field with that id.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) {
    hint.hidden = true;
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = "Copied";
        setTimeout(function () {
          button.textContent = label;
        }, 2000);
      });
    });
  });
});

// A "show the password" switch beside a password field: [data-show-password="id"]. Without
// JavaScript it stays hidden and the field stays a password field.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-show-password]").forEach(function (box) {
    var field = document.getElementById(box.getAttribute("data-show-password"));
    if (!field) {
      return;
    }
    box.closest("label").hidden = false;
    box.addEventListener("change", function () {
      field.type = box.checked ? "text" : "password";
    });
  });
});

// The briefing's quotes are folded on a phone (the start button comes first) and open on a
// wider screen. Without JavaScript they stay folded and open with a tap.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 48em)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
});
