// Voice input: a microphone beside a free-text field. Inside WeChat's browser the JS-SDK
// records and transcribes (wx.translateVoice); elsewhere the browser's own speech recognition.
// The button is rendered hidden and shown only where one of them works.
(function () {
  "use strict";

  var JSSDK = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";
  var inWeChat = /MicroMessenger/i.test(navigator.userAgent);
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var wechatReady = null; // {url, promise}: several fields on a page share one wx.config
  // WeChat on iOS checks the signature against the URL the visitor landed on, even after
  // hx-boost has moved on with pushState; Android checks the current URL.
  var landingUrl = window.location.href.split("#")[0];
  var signsLandingUrl = /iPhone|iPad|iPod/i.test(navigator.userAgent);
  var current = null; // {button, stop}
  // Errors after which the browser's recogniser will not work on this visit: its service is
  // out of reach (Google's, from mainland China), speaking is not allowed, or the language is
  // not one it knows (Uyghur, mostly). The microphone is then put away.
  var CANNOT_WORK = ["network", "not-allowed", "service-not-allowed", "language-not-supported"];
  var PUT_AWAY = "changhu-voice-input-unavailable";

  function putAway() {
    try { window.sessionStorage.setItem(PUT_AWAY, "1"); } catch (error) { /* private mode */ }
    Array.prototype.forEach.call(
      document.querySelectorAll("[data-voice-input], [data-voice-input-hint]"),
      function (element) { element.hidden = true; }
    );
  }

  function putAwayEarlier() {
    try { return window.sessionStorage.getItem(PUT_AWAY) === "1"; } catch (error) { return false; }
  }

  function pageLanguage() {
    return (document.documentElement.getAttribute("lang") || "zh").toLowerCase().indexOf("ug") === 0
      ? "ug" : "zh";
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // The server signs the page URL (without its #fragment); 503 when WeChat is not available.
  function configureWeChat(configUrl) {
    var pageUrl = signsLandingUrl ? landingUrl : window.location.href.split("#")[0];
    if (wechatReady && wechatReady.url === pageUrl) return wechatReady.promise;
    var promise = window.fetch(configUrl + "?url=" + encodeURIComponent(pageUrl), {
      credentials: "same-origin", headers: { "Accept": "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("wechat-config " + response.status);
        return response.json();
      })
      .then(function (config) {
        return (window.wx ? Promise.resolve() : loadScript(JSSDK)).then(function () {
          return new Promise(function (resolve, reject) {
            window.wx.config({
              debug: false, appId: config.appId, timestamp: config.timestamp,
              nonceStr: config.nonceStr, signature: config.signature, jsApiList: config.jsApiList,
            });
            window.wx.ready(resolve);
            window.wx.error(reject);
          });
        });
      });
    wechatReady = { url: pageUrl, promise: promise };
    return promise;
  }

  function fieldFor(button) {
    return document.getElementById(button.getAttribute("data-voice-input"));
  }

  function statusFor(button) {
    return button.parentElement.querySelector("[data-voice-input-status]");
  }

  function setListening(button, listening) {
    button.setAttribute("aria-pressed", listening ? "true" : "false");
    button.querySelector(".voice-input__label").textContent =
      button.getAttribute(listening ? "data-label-stop" : "data-label-start");
    statusFor(button).textContent = listening ? button.getAttribute("data-message-listening") : "";
  }

  function failed(button) {
    setListening(button, false);
    statusFor(button).textContent = button.getAttribute("data-message-failed");
    current = null;
  }

  function insert(button, words) {
    var field = fieldFor(button);
    current = null;
    setListening(button, false);
    words = (words || "").trim();
    if (!field || !words) {
      failed(button);
      return;
    }
    var separator = field.value && pageLanguage() === "ug" ? " " : "";
    field.value = field.value.replace(/\s+$/, "") + separator + words;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  }

  function startWeChat(button) {
    var wx = window.wx;
    function transcribe(localId) {
      wx.translateVoice({
        localId: localId,
        isShowProgressTips: 1,
        success: function (result) { insert(button, result.translateResult); },
        fail: function () { failed(button); },
      });
    }
    // WeChat stops recording by itself after a minute.
    wx.onVoiceRecordEnd({ complete: function (result) { transcribe(result.localId); } });
    wx.startRecord({
      success: function () { setListening(button, true); },
      fail: function () { failed(button); },
      cancel: function () { failed(button); },
    });
    return function stop() {
      wx.stopRecord({
        success: function (result) { transcribe(result.localId); },
        fail: function () { failed(button); },
      });
    };
  }

  function startBrowser(button) {
    var recognition = new Recognition();
    var heard = "";
    recognition.lang = pageLanguage() === "ug" ? "ug-CN" : "zh-CN";
    recognition.interimResults = false;
    recognition.maxAlternatives = 1;
    recognition.onresult = function (event) {
      for (var i = event.resultIndex; i < event.results.length; i += 1) {
        if (event.results[i].isFinal) heard += event.results[i][0].transcript;
      }
    };
    var unavailable = false;
    recognition.onerror = function (event) {
      heard = "";
      unavailable = CANNOT_WORK.indexOf(event && event.error) !== -1;
    };
    recognition.onend = function () {
      if (!current || current.button !== button) return;
      if (heard) {
        insert(button, heard);
      } else if (unavailable) {
        failed(button);
        statusFor(button).textContent = button.getAttribute("data-message-unavailable");
        putAway();
      } else {
        failed(button);
      }
    };
    recognition.start();
    setListening(button, true);
    return function stop() { recognition.stop(); };
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-voice-input]");
    if (!button) return;
    event.preventDefault();
    if (current && current.button === button) {
      current.stop();
      return;
    }
    if (current) current.stop();
    statusFor(button).textContent = "";
    try {
      current = { button: button, stop: function () {} };
      current.stop = inWeChat ? startWeChat(button) : startBrowser(button);
    } catch (error) {
      failed(button);
    }
  });

  function reveal(root) {
    var buttons = Array.prototype.slice.call(root.querySelectorAll("[data-voice-input]"));
    if (root.matches && root.matches("[data-voice-input]")) buttons.push(root);
    if (!buttons.length) return;
    function show() {
      buttons.forEach(function (button) {
        button.hidden = false;
        var hint = button.parentElement.querySelector("[data-voice-input-hint]");
        if (hint) hint.hidden = false;
      });
    }
    if (inWeChat) {
      // wx.translateVoice understands Mandarin only: a Uyghur page gets no microphone.
      if (pageLanguage() !== "zh" || typeof window.fetch !== "function") return;
      configureWeChat(buttons[0].getAttribute("data-wechat-config-url")).then(show, function () {});
    } else if (Recognition && !putAwayEarlier()) {
      show();
    }
  }

  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
})();
