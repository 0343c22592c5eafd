// Autosave (components/autosave.html): htmx posts a form's answers as they change. Here,
// what has not reached the server yet (offline, a session that ended) is kept in this tab's
// sessionStorage, put back after a reload and sent again when the connection returns. The
// tab's storage, not the phone's: a shared phone does not keep someone's health answers.
(function () {
  "use strict";

  var PREFIX = "changhu-autosave:";

  function key(box) { return PREFIX + box.getAttribute("data-autosave"); }

  function fieldsOf(box) {
    var form = box.closest("form");
    if (!form) return [];
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name !== "csrf_token" && field.type !== "file" &&
        field.type !== "submit" && field.type !== "button";
    });
  }

  function snapshot(box) {
    var values = {};
    fieldsOf(box).forEach(function (field) {
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      values[field.name] = field.value;
    });
    return JSON.stringify(values);
  }

  function keep(box) {
    try { sessionStorage.setItem(key(box), snapshot(box)); } catch (error) { /* storage full or off */ }
  }

  function kept(box) {
    try { return sessionStorage.getItem(key(box)); } catch (error) { return null; }
  }

  function forget(box) {
    try { sessionStorage.removeItem(key(box)); } catch (error) { /* nothing kept */ }
  }

  function restore(box) {
    var saved = kept(box);
    if (!saved || saved === snapshot(box)) return;
    var values = JSON.parse(saved);
    fieldsOf(box).forEach(function (field) {
      if (!(field.name in values)) return;
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = field.value === values[field.name];
      } else {
        field.value = values[field.name];
      }
    });
    send(box);
  }

  function send(box) {
    if (window.htmx) window.htmx.trigger(box, "change");
  }

  function say(box, message) {
    var status = box.querySelector("[data-autosave-status]");
    if (status) status.textContent = message;
  }

  function unsaved(box) {
    say(box, box.getAttribute("data-autosave-unsaved") || "");
  }

  function boxOf(event) {
    var target = event.detail && event.detail.elt;
    return target && target.matches && target.matches("[data-autosave]") ? target : null;
  }

  ["input", "change"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var box = event.target.closest && event.target.closest("[data-autosave]");
      if (box) keep(box);
    });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var box = boxOf(event);
    if (box) box.setAttribute("data-autosave-sending", snapshot(box));
  });

  // The answer is trusted only when it says it is an autosave's: a redirect to the sign-in
  // page (the session ended) arrives as a page, and is not put in the status line.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var box = boxOf(event);
    if (!box) return;
    var outcome = event.detail.xhr.getResponseHeader("X-Autosave");
    if (outcome === "saved" || outcome === "not-saved") {
      if (outcome === "saved" && box.getAttribute("data-autosave-sending") === snapshot(box)) {
        forget(box);
      }
      return;
    }
    event.detail.shouldSwap = false;
    unsaved(box);
  });

  ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var box = boxOf(event);
      if (box) unsaved(box);
    });
  });

  // The form's own button saved everything: nothing is left to send.
  document.addEventListener("submit", function (event) {
    var box = event.target.querySelector && event.target.querySelector("[data-autosave]");
    if (box) forget(box);
  });

  window.addEventListener("online", function () {
    document.querySelectorAll("[data-autosave]").forEach(function (box) {
      if (kept(box)) send(box);
    });
  });

  function start(root) {
    var boxes = Array.prototype.slice.call(root.querySelectorAll("[data-autosave]"));
    if (root.matches && root.matches("[data-autosave]")) boxes.push(root);
    boxes.forEach(restore);
  }

  // After htmx has set the page up (it sends htmx:load for the whole body first), so that
  // what is put back can be sent.
  document.addEventListener("htmx:load", function (event) { start(event.target); });
})();
