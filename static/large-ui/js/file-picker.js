// The file picker (components/file_upload.html): the chosen file's name, size and a small
// picture of it, and the upload's progress while a boosted form sends it (htmx:xhr:progress).
(function () {
  "use strict";

  // What a phone's browser can draw; a HEIC photo gets the document picture instead.
  var DRAWABLE = /^image\/(jpeg|png|gif|webp)$/;
  var previews = new WeakMap();

  function pickerOf(element) {
    return element.closest && element.closest("[data-file-picker]");
  }

  function size(picker, bytes) {
    var holder = picker.querySelector("[data-file-picker-size]");
    var mb = bytes >= 1024 * 1024;
    var number = mb ? (bytes / 1024 / 1024).toFixed(1) : String(Math.max(1, Math.round(bytes / 1024)));
    return holder.getAttribute(mb ? "data-unit-mb" : "data-unit-kb").replace("__N__", number);
  }

  function show(picker, file) {
    var chosen = picker.querySelector("[data-file-picker-chosen]");
    var preview = picker.querySelector("[data-file-picker-preview]");
    var old = previews.get(picker);
    if (old) URL.revokeObjectURL(old);
    previews.delete(picker);
    if (!file) {
      chosen.hidden = true;
      return;
    }
    picker.querySelector("[data-file-picker-name]").textContent = file.name;
    picker.querySelector("[data-file-picker-size]").textContent = size(picker, file.size);
    var drawable = DRAWABLE.test(file.type) && window.URL && URL.createObjectURL;
    preview.hidden = !drawable;
    chosen.classList.toggle("file-picker__chosen--document", !drawable);
    if (drawable) {
      var url = URL.createObjectURL(file);
      previews.set(picker, url);
      preview.src = url;
    } else {
      preview.removeAttribute("src");
    }
    chosen.hidden = false;
  }

  // Camera and gallery are two boxes of the same field: the last choice counts.
  document.addEventListener("change", function (event) {
    var input = event.target;
    var picker = input.type === "file" && pickerOf(input);
    if (!picker) return;
    picker.querySelectorAll("input[type=file]").forEach(function (other) {
      if (other !== input) other.value = "";
    });
    show(picker, input.files && input.files[0]);
  });

  function progressOf(form) {
    var picker = form.querySelector("[data-file-picker]");
    var chosen = picker && Array.prototype.some.call(
      picker.querySelectorAll("input[type=file]"), function (input) { return input.files && input.files.length; });
    return chosen ? picker.querySelector("[data-file-picker-progress]") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    var progress = form && form.tagName === "FORM" && progressOf(form);
    if (!progress) return;
    progress.hidden = false;
    progress.querySelector("progress").value = 0;
    var text = progress.querySelector("[data-file-picker-progress-text]");
    text.textContent = text.getAttribute("data-uploading");
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target;
    var progress = form && form.tagName === "FORM" && progressOf(form);
    if (!progress || !event.detail.lengthComputable || !event.detail.total) return;
    progress.querySelector("progress").value = Math.round(100 * event.detail.loaded / event.detail.total);
  });

  function mark(root) {
    var pickers = Array.prototype.slice.call(root.querySelectorAll("[data-file-picker]"));
    if (root.matches && root.matches("[data-file-picker]")) pickers.push(root);
    pickers.forEach(function (picker) { picker.classList.add("file-picker--enhanced"); });
  }

  document.addEventListener("htmx:load", function (event) { mark(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { mark(document); });
  } else {
    mark(document);
  }
})();
