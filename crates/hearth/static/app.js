// Progressive enhancement only: every page works without this file.
// Forms with data-confirm ask before submitting (the CSP forbids inline handlers).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
