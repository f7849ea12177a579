// Names for the boxes select2 draws over the admin's autocomplete fields (which it leaves
// without one), and its lists made lists: select2 draws them again on every change, so each
// drawing is mended as it appears. Without JavaScript there is no select2, only the field.
(function () {
  function nameOf(select) {
    if (select.getAttribute("aria-label")) {
      return select.getAttribute("aria-label");
    }
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function mend(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") {
      return;
    }
    var name = nameOf(select);
    container.querySelectorAll(".select2-search__field").forEach(function (field) {
      if (field.getAttribute("aria-label") !== name + ": search") {
        field.setAttribute("aria-label", name + ": search");
      }
    });
    var single = container.querySelector(".select2-selection--single");
    if (single && name && single.getAttribute("aria-label") !== name) {
      single.removeAttribute("aria-labelledby");
      single.setAttribute("aria-label", name);
    }
    // The "remove all" cross sits among the list's items: move it beside the list.
    container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(
      function (clear) {
        clear.parentNode.parentNode.insertBefore(clear, clear.parentNode);
      }
    );
  }

  function mendAll() {
    document.querySelectorAll(".select2-container").forEach(mend);
  }

  // An inline table wider than a phone scrolls inside its box: the keyboard can reach it.
  function reachable() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      if (group.scrollWidth > group.clientWidth && !group.hasAttribute("tabindex")) {
        group.setAttribute("tabindex", "0");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    mendAll();
    reachable();
    window.addEventListener("resize", reachable);
    new MutationObserver(mendAll).observe(document.body, { childList: true, subtree: true });
  });
})();
