/* The admin's figure frames: redraw a frame as its fields change, and fill a starting pose
   when a new frame's base is chosen. Without JavaScript the frame is drawn when saved. */
(function () {
  "use strict";
  var FIELDS = ["view", "base", "support", "lean", "elevation", "spine", "side_bend", "hip", "knee",
    "ankle", "shoulder", "abduction", "rotation", "elbow", "wrist", "neck", "far_shoulder",
    "far_abduction", "far_rotation", "far_elbow", "far_hip", "far_knee", "far_ankle"];
  var ANGLES = ["spine", "side_bend", "hip", "knee", "ankle", "shoulder", "abduction", "rotation",
    "elbow", "wrist", "neck", "lean"];

  function setUp(box) {
    var form = box.closest(".inline-related");
    if (!form || !form.id || /-empty$/.test(form.id) || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var prefix = form.id;
    var defaults = JSON.parse(box.dataset.defaults);
    var timer = null;

    function field(name) { return form.querySelector('[name="' + prefix + "-" + name + '"]'); }

    function show(data) {
      box.textContent = "";
      if (data.svg) {
        var img = document.createElement("img");
        img.width = 160;
        img.alt = "This frame as drawn now";
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(data.svg);
        box.appendChild(img);
      }
      if (data.problems.length) {
        var note = document.createElement("p");
        note.className = "errornote";
        note.textContent = data.problems.join(" ");
        box.appendChild(note);
      }
    }

    function redraw() {
      var query = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var input = field(name);
        if (input) { query.set(name, input.value); }
      });
      fetch(box.dataset.url + "?" + query.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(show)
        .catch(function () { /* keep the last drawing; saving still checks the pose */ });
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(redraw, 250);
    });

    var base = field("base");
    if (base) {
      base.addEventListener("change", function () {
        var untouched = ANGLES.every(function (name) {
          var input = field(name);
          return !input || Number(input.value) === 0 || input.dataset.filled;
        });
        if (!untouched) { return; }
        ANGLES.forEach(function (name) {
          var input = field(name);
          if (!input) { return; }
          var value = defaults[base.value] && defaults[base.value][name];
          input.value = value || 0;
          if (value) { input.dataset.filled = "1"; } else { delete input.dataset.filled; }
        });
        redraw();
      });
    }
  }

  function setUpAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".pose-preview"), setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("formset:added", function (event) { setUpAll(event.target); });
})();
