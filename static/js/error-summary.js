// An admin page that comes back with errors starts at their list, at its top: focus it,
// so a screen reader reads it and a keyboard's next Tab is its first link.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
