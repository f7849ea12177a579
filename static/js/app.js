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
