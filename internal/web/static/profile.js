// profile.js – a small progressive enhancement of the Security Profile's
// section pages: a conditional question (data-show-if names the question it
// depends on, data-show-values the answers that open it) appears or hides
// as soon as that answer changes. Without this script the server shows it
// after the answers are saved; nothing is ever cleared here.
(function () {
  "use strict";
  var form = document.getElementById("f-answers");
  var boxes = document.querySelectorAll("[data-show-if]");
  if (!form || !boxes.length) {
    return;
  }

  function controls(name) {
    return document.querySelectorAll('[form="f-answers"][name="' + CSS.escape(name) + '"]');
  }

  // answer lists the values given to a question: the ticked radio buttons
  // or boxes, or the text typed.
  function answer(els) {
    var out = [];
    els.forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) {
          out.push(el.value);
        }
      } else if (el.value.trim() !== "") {
        out.push(el.value.trim());
      }
    });
    return out;
  }

  // update walks the conditional questions in page order: a condition
  // always comes before the question it opens, so chains settle in one pass.
  function update() {
    boxes.forEach(function (box) {
      var name = box.getAttribute("data-show-if");
      var els = controls(name);
      if (!els.length) {
        return; // answered in another section: the server decided
      }
      var source = document.getElementById("q-" + name);
      var wanted = box.getAttribute("data-show-values").split(" ");
      var open = !(source && source.hidden) && answer(els).some(function (v) {
        return wanted.indexOf(v) >= 0;
      });
      box.hidden = !open;
    });
  }

  document.addEventListener("change", function (e) {
    if (e.target.form === form) {
      update();
    }
  });
  update();
})();
