// Print button of the licence guide (no inline script: the CSP forbids it).
document.addEventListener("DOMContentLoaded", function () {
  var b = document.getElementById("print");
  if (b) b.addEventListener("click", function (e) { e.preventDefault(); window.print(); });
});
