// The question page shows only the fields the question's kind uses: the form carries the
// kind, and content-admin.css hides the rest. Without this script every field shows, and
// the server ignores the ones the kind does not use (content.admin.QuestionForm).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("question_form");
  var kind = document.getElementById("id_kind");
  if (!form || !kind) {
    return;
  }
  var follow = function () {
    form.dataset.kind = kind.value;
  };
  follow();
  kind.addEventListener("change", follow);
});
