// Balance check: a sets box beside an exercise as soon as it is ticked. Without JavaScript the
// page still works: the boxes appear beside the ticked exercises after "Check my week".
(function () {
  "use strict";
  var form = document.querySelector("form.balance-form");
  var template = document.getElementById("sets-box");
  if (!form || !template || !("content" in template)) return;

  form.addEventListener("change", function (event) {
    var tick = event.target;
    if (tick.name !== "exercise") return;
    var option = tick.closest(".option");
    var box = option.querySelector(".sets-field");
    if (!box && tick.checked) {
      box = template.content.firstElementChild.cloneNode(true);
      var input = box.querySelector("input");
      input.id = input.name = "sets-" + tick.value;
      box.querySelector("label").htmlFor = input.id;
      box.querySelector(".visually-hidden").textContent = option.querySelector("label").textContent + ": ";
      option.appendChild(box);
    } else if (box) {
      // An unticked exercise sends no sets: the address stays short, the number is kept.
      box.hidden = !tick.checked;
      box.querySelector("input").disabled = !tick.checked;
    }
  });
})();
