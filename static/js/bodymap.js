/* The body map, with JavaScript: pointing at a muscle (mouse or keyboard) on the map or in
   the list beside it highlights both, and shows the muscle's name on the map. Without it,
   the map's own hover and focus styles still name and highlight each shape. */
(function () {
  "use strict";
  function mark(slug, on) {
    document.querySelectorAll('[data-muscle="' + slug + '"]').forEach(function (item) {
      item.classList.toggle("is-pointed", on);
    });
  }
  document.querySelectorAll(".map-muscle[data-muscle], .map-links [data-muscle]").forEach(function (item) {
    var slug = item.getAttribute("data-muscle");
    ["pointerenter", "focusin"].forEach(function (name) {
      item.addEventListener(name, function () { mark(slug, true); });
    });
    ["pointerleave", "focusout"].forEach(function (name) {
      item.addEventListener(name, function () { mark(slug, false); });
    });
  });
})();
