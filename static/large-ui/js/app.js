// Small enhancements; every page works without them.
(function () {
  "use strict";

  function onReady(root) {
    focusErrorSummary(root);
    root.querySelectorAll("[data-countdown]").forEach(startCountdown);
    root.querySelectorAll("[data-enable-after]").forEach(enableLater);
    root.querySelectorAll("[data-print]").forEach(offerPrinting);
    root.querySelectorAll("[data-submit-once]").forEach(submitOnce);
  }

  function offerPrinting(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  // A second tap while the first is on its way does nothing (the server also ignores it).
  function submitOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting) { event.preventDefault(); return; }
      form.dataset.submitting = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    });
  }

  // GOV.UK pattern: the error summary takes focus so it is read out first.
  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  // The code's remaining time, shown each second and announced once a minute.
  function startCountdown(element) {
    var left = parseInt(element.getAttribute("data-countdown"), 10);
    var time = element.querySelector(".countdown__time");
    var announcer = document.querySelector("[data-countdown-announcer]");
    if (!time || !(left > 0)) return;
    var timer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(timer);
        element.textContent = element.getAttribute("data-countdown-done");
        if (announcer) announcer.textContent = element.textContent;
        return;
      }
      time.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (announcer && left % 60 === 0) {
        announcer.textContent = announcer.getAttribute("data-minutes-left").replace("__N__", left / 60);
      }
    }, 1000);
  }

  function enableLater(button) {
    var wait = parseInt(button.getAttribute("data-enable-after"), 10);
    if (!(wait > 0)) return;
    button.disabled = true;
    setTimeout(function () {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
      var note = button.parentElement.querySelector("[data-enable-note]");
      if (note) note.remove();
    }, wait * 1000);
  }

  // Warn before the session ends; "continue" refreshes it (any request does).
  var warningTimer;
  function scheduleSessionWarning() {
    var body = document.body;
    var lifetime = parseInt(body.getAttribute("data-session-seconds"), 10);
    var warning = parseInt(body.getAttribute("data-session-warning"), 10);
    var box = document.querySelector("[data-session-warning-box]");
    clearTimeout(warningTimer);
    if (!(lifetime > 0) || !box) return;
    box.hidden = true;
    warningTimer = setTimeout(function () {
      box.hidden = false;
      var button = box.querySelector("button");
      if (button) button.focus();
    }, Math.max(0, lifetime - warning) * 1000);
  }

  // A page with a one-time action (确认提交) shown again from the browser's or htmx's history
  // may be out of date: after submitting, Back must not offer to submit again. It is asked
  // for anew, and the server answers with what is true now (the confirmation).
  function reloadIfOneTimeAction() {
    if (document.querySelector("form[data-submit-once]")) window.location.reload();
  }
  document.addEventListener("htmx:historyRestore", reloadIfOneTimeAction);

  // Header menus (components/disclosure.html) are <details>: one open at a time, closed by
  // Escape (focus back on its control) or by a tap anywhere else.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("[data-disclosure]") || !opened.open) return;
    document.querySelectorAll("[data-disclosure][open]").forEach(function (other) {
      if (other !== opened) other.open = false;
    });
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("[data-disclosure][open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("[data-disclosure][open]").forEach(function (open) {
      if (!open.contains(event.target)) open.open = false;
    });
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) reloadIfOneTimeAction();
  });

  document.addEventListener("DOMContentLoaded", function () {
    onReady(document);
    scheduleSessionWarning();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    onReady(event.target);
    scheduleSessionWarning();
  });
})();
