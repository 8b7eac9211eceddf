// Progressive enhancement only: every page works without this file.
// Forms with data-confirm ask before submitting (the CSP forbids inline handlers).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Forms marked data-auto-post (marking notifications read, warnings seen) are posted
// when the page opens: reading a page never changes anything on the server by itself,
// so a picture or a prefetch cannot, but a member who opens the page still clears it.
Array.prototype.forEach.call(document.querySelectorAll("form[data-auto-post]"), function (form) {
  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
  window.fetch(form.action, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(new FormData(form)).toString(),
    redirect: "manual"
  });
});

// @mention suggestions in the editor: typing "@an" in a textarea marked data-mentions
// lists matching members (an ARIA listbox); arrows choose, Enter or Tab inserts, Escape
// closes. Without JavaScript, typing the handle works the same.
(function () {
  var areas = document.querySelectorAll("textarea[data-mentions]");
  Array.prototype.forEach.call(areas, function (area, index) {
    var list = document.createElement("ul");
    list.id = "mention-list-" + index;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Members to mention");
    list.hidden = true;
    area.parentNode.insertBefore(list, area.nextSibling);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    var items = [];
    var active = -1;
    var timer = null;

    // The "@abc" just before the caret, or null.
    function current() {
      var pos = area.selectionStart;
      if (pos !== area.selectionEnd) return null;
      var match = /(^|[^\w@])@([\w.-]{1,30})$/.exec(area.value.slice(0, pos));
      return match ? { start: pos - match[2].length, text: match[2] } : null;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      area.removeAttribute("aria-activedescendant");
    }

    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute("aria-selected", j === i ? "true" : "false");
      });
      if (i >= 0) area.setAttribute("aria-activedescendant", list.id + "-" + i);
    }

    function pick(i) {
      var at = current();
      if (!at || !items[i]) return close();
      var handle = items[i].handle;
      var end = area.selectionStart;
      area.value = area.value.slice(0, at.start) + handle + " " + area.value.slice(end);
      var caret = at.start + handle.length + 1;
      area.setSelectionRange(caret, caret);
      close();
      area.focus();
    }

    function show(found) {
      list.textContent = "";
      items = found;
      if (!found.length) return close();
      found.forEach(function (m, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var handle = document.createElement("strong");
        handle.textContent = "@" + m.handle;
        li.appendChild(handle);
        if (m.display_name && m.display_name !== m.handle) {
          li.appendChild(document.createTextNode(" " + m.display_name));
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(i);
        });
        list.appendChild(li);
      });
      list.hidden = false;
      highlight(0);
    }

    area.addEventListener("input", function () {
      var at = current();
      clearTimeout(timer);
      if (!at) return close();
      timer = setTimeout(function () {
        fetch("/members/suggest?q=" + encodeURIComponent(at.text), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (found) {
            var now = current();
            if (now && now.text === at.text) show(found);
          })
          .catch(close);
      }, 120);
    });

    area.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + items.length) % items.length);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    area.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  });
})();

// Buttons marked data-copy="ID" copy the value of the field with that id (an invite
// link) and say so; without JavaScript the field is there to select and copy by hand.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field) return;
  var said = button.getAttribute("data-copied");
  function done() {
    if (said) button.textContent = said;
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(field.value).then(done, function () {
      field.select();
    });
  } else {
    field.select();
    if (document.execCommand && document.execCommand("copy")) done();
  }
});
