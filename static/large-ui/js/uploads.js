// Before a file is sent: one that is empty or over the limit is named next to its field as
// soon as it is chosen, and not sent, so nobody waits for a slow upload that would be refused.
// The server says the same when this script does not run. Hooks on <input type=file> (set by
// portal.template_helpers.file_input_checks): data-max-bytes, data-too-large (with __SIZE__
// for the file's size in MB) and data-empty; the message goes into the element named by
// data-error-id (else #<input id>-error), made beside the input when the page has none.
(function () {
  "use strict";

  var CHECKED = "input[type=file][data-max-bytes]";

  function problem(input) {
    var file = input.files && input.files[0];
    if (!file) return null;
    if (file.size === 0) return input.getAttribute("data-empty");
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (limit > 0 && file.size > limit) {
      var megabytes = (file.size / 1048576).toFixed(1);
      return input.getAttribute("data-too-large").replace("__SIZE__", megabytes);
    }
    return null;
  }

  function errorId(input) {
    return input.getAttribute("data-error-id") || input.id + "-error";
  }

  function errorFor(input) {
    var id = errorId(input);
    var error = document.getElementById(id);
    if (!error) {
      error = document.createElement("p");
      error.className = "error-message";
      error.id = id;
      input.parentNode.insertBefore(error, input);
    }
    return error;
  }

  function show(input, message) {
    var error = errorFor(input);
    error.textContent = message;
    error.hidden = false;
    var group = input.closest(".form-group");
    if (group) group.classList.add("form-group--error");
    input.setAttribute("aria-invalid", "true");
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(error.id) < 0) {
      described.push(error.id);
      input.setAttribute("aria-describedby", described.join(" "));
    }
  }

  function clear(input) {
    var error = document.getElementById(errorId(input));
    if (error) error.hidden = true;
    input.removeAttribute("aria-invalid");
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(CHECKED)) return;
    var message = problem(input);
    if (message) show(input, message);
    else clear(input);
  });

  // Capturing, before htmx sees the submit of a boosted form.
  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll(CHECKED);
    for (var i = 0; i < inputs.length; i += 1) {
      var message = problem(inputs[i]);
      if (message) {
        event.preventDefault();
        event.stopImmediatePropagation();
        show(inputs[i], message);
        inputs[i].focus();
        return;
      }
    }
  }, true);
})();
