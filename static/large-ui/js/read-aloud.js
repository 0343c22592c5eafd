// Read aloud: the page's one control reads <main>, or on a question page the question, its
// hint and its answers in order (data-read-aloud-target). Audio only ever starts from a tap
// (WeChat and iOS allow nothing else); a second tap stops. The control is rendered hidden and
// shown here, so without JavaScript there is none.
(function () {
  "use strict";

  // A few milliseconds of silence. Playing it inside the tap "unlocks" the <audio> element, so
  // the speech may start later, when the server has answered (WeChat and iOS need this).
  var SILENCE =
    "data:audio/mpeg;base64,/+MYxAAAAANIAAAAAExBTUUzLjEwMFVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV" +
    "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV/+MYxDsAAANIAAAAAFVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV" +
    "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV/+MYxHYAAANIAAAAAFVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV" +
    "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV";
  // What is not read: the controls themselves, and whatever is hidden from everyone.
  var SKIP = [
    "[data-read-aloud]", ".read-aloud", ".voice-input", "[data-read-aloud-skip]",
    "script", "style", "template", "noscript", "select", "textarea", "input", "svg",
    "[hidden]", "[aria-hidden='true']",
  ].join(",");

  var audio = null;
  var current = null; // {button, status, controller, playing}

  function supported() {
    return typeof window.fetch === "function" && typeof window.Audio === "function" &&
      typeof window.AbortController === "function";
  }

  function reveal(root) {
    if (!supported()) return;
    var selector = "[data-read-aloud]";
    var buttons = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) buttons.push(root); // a swapped-in button
    buttons.forEach(function (button) {
      button.hidden = false;
    });
  }

  function pageControl() {
    return document.querySelector("[data-read-aloud]");
  }

  function player() {
    if (!audio) {
      audio = document.createElement("audio");
      audio.setAttribute("data-read-aloud-audio", "");
      audio.preload = "auto";
      audio.addEventListener("ended", function () {
        if (current && current.playing) finish();
      });
      audio.addEventListener("error", function () {
        if (current && current.playing) fail(current, "");
      });
    }
    // hx-boost swaps the whole <body>, taking the element with it; it is simply put back.
    if (!audio.isConnected) document.body.appendChild(audio);
    return audio;
  }

  function languageOf(element, fallback) {
    var holder = element.closest("[lang]");
    var lang = holder ? holder.getAttribute("lang").toLowerCase() : "";
    if (lang.indexOf("ug") === 0) return "ug";
    if (lang.indexOf("zh") === 0) return "zh";
    return fallback;
  }

  // The text a sighted reader sees, one line per block, so the voice pauses between them.
  function readableText(root) {
    var lines = [];
    var line = "";
    function flush() {
      var text = line.replace(/\s+/g, " ").trim();
      if (text) lines.push(text);
      line = "";
    }
    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        line += node.nodeValue;
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || node.matches(SKIP)) return;
      var style = window.getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return;
      if (node.tagName === "IMG") {
        line += " " + (node.getAttribute("alt") || "") + " ";
        return;
      }
      var block = style.display.indexOf("inline") !== 0 && style.display !== "contents";
      if (block) flush();
      node.childNodes.forEach(walk);
      if (block) flush();
    }
    walk(root);
    flush();
    return lines.join("\n");
  }

  // Over the server's limit, the text ends at the last full sentence that fits.
  function limit(text, maxChars) {
    if (!(maxChars > 0) || text.length <= maxChars) return text;
    var cut = text.slice(0, maxChars);
    var end = Math.max(cut.lastIndexOf("。"), cut.lastIndexOf("."), cut.lastIndexOf("\n"),
      cut.lastIndexOf("؟"), cut.lastIndexOf("？"));
    return end > maxChars / 2 ? cut.slice(0, end + 1) : cut;
  }

  function textFor(button) {
    var targetId = button.getAttribute("data-read-aloud-target");
    var element = targetId ? document.getElementById(targetId) : document.querySelector("main");
    return element ? { text: readableText(element), element: element } : null;
  }

  function statusFor(button) {
    var holder = button.parentElement;
    return holder ? holder.querySelector("[data-read-aloud-status]") : null;
  }

  function show(state, message, kind) {
    if (state.status) {
      state.status.textContent = message || "";
      if (kind) state.status.setAttribute("data-kind", kind);
      else state.status.removeAttribute("data-kind");
    }
  }

  function press(button, pressed, control) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    var label = button.querySelector(".read-aloud__label");
    if (label && control) {
      label.textContent = control.getAttribute(pressed ? "data-label-stop" : "data-label-start");
    }
  }

  function stop() {
    if (!current) return;
    var state = current;
    current = null;
    state.controller.abort();
    if (audio) {
      audio.pause();
      audio.removeAttribute("src");
      audio.load();
    }
    press(state.button, false, pageControl());
    if (state.status && state.status.getAttribute("data-kind") !== "error") show(state, "");
  }

  function finish() {
    stop();
  }

  function fail(state, message) {
    var control = pageControl();
    var fallback = control ? control.getAttribute("data-message-failed") : "";
    stop();
    show(state, message || fallback, "error");
  }

  function start(button) {
    var control = pageControl();
    if (!control) return;
    var source = textFor(button);
    var text = source ? limit(source.text, parseInt(control.getAttribute("data-max-chars"), 10)) : "";
    if (!text) return;
    var lang = languageOf(source.element, control.getAttribute("data-lang"));

    var element = player();
    element.src = SILENCE; // synchronously, inside the tap
    var unlocked = element.play();
    if (unlocked && unlocked.catch) unlocked.catch(function () {});

    var state = {
      button: button, status: statusFor(button), controller: new AbortController(), playing: false,
    };
    current = state;
    press(button, true, control);
    show(state, control.getAttribute("data-message-loading"));

    window.fetch(control.getAttribute("data-speech-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": control.getAttribute("data-csrf-token"),
      },
      body: JSON.stringify({ lang: lang, text: text }),
      signal: state.controller.signal,
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok || !body.url) throw new Error(body.error || "");
          return body;
        });
      })
      .then(function (body) {
        if (current !== state) return;
        state.playing = true;
        element.src = body.url;
        return element.play().then(function () {
          if (current === state) show(state, control.getAttribute("data-message-playing"));
        });
      })
      .catch(function (error) {
        if (current !== state || (error && error.name === "AbortError")) return;
        fail(state, error && error.message);
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-read-aloud]");
    if (!button) return;
    event.preventDefault();
    if (current && current.button === button) {
      stop();
      return;
    }
    stop();
    document.querySelectorAll("[data-read-aloud-status][data-kind='error']").forEach(function (s) {
      s.textContent = "";
      s.removeAttribute("data-kind");
    });
    start(button);
  });

  // Leaving the page (hx-boost swaps the body) ends the reading; a fragment swap does not.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail && event.detail.boosted) stop();
  });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
})();
