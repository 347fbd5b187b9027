// The page of a drawing: step through backward, click a node for its chain rule.
// Every number and sentence comes from the data block that Python wrote; this script
// only shows them, always as text (never as HTML), so a label cannot become markup.
(function () {
  "use strict";
  var page = document.currentScript.closest(".ag-page");
  var data = JSON.parse(page.querySelector(".ag-data").textContent);
  var svg = page.querySelector("svg");
  var status = page.querySelector(".ag-status");
  var explanation = page.querySelector(".ag-explanation");
  var previous = page.querySelector(".ag-previous");
  var next = page.querySelector(".ag-next");
  var shown = 0;

  function group(id) {
    return id ? svg.querySelector('g.node[id="' + id + '"]') : null;
  }
  function gradText(g) {
    var texts = g ? g.querySelectorAll("text") : [];
    var last = texts.length ? texts[texts.length - 1] : null;
    return last && last.textContent.indexOf("grad") === 0 ? last : null;
  }
  function shape(g) {
    return g ? g.querySelector("polygon, path, ellipse") : null;
  }
  function set(change) {
    var g = group(change[0]);
    var text = gradText(g);
    if (text) text.textContent = change[1];
    var outline = shape(g);
    if (outline) outline.setAttribute("fill", change[2]);
  }

  // Step k: the grads filled by the first k steps of backward, the rest blank.
  function show(k) {
    shown = Math.max(0, Math.min(k, data.steps.length));
    data.boxes.forEach(function (box) { set([box.id, data.blank, "none"]); });
    if (data.seed) set(data.seed);
    for (var i = 0; i < shown; i++) data.steps[i].set.forEach(set);
    svg.querySelectorAll(".ag-current").forEach(function (g) { g.classList.remove("ag-current"); });
    var current = shown > 0 ? group(data.steps[shown - 1].current) : null;
    if (current) current.classList.add("ag-current");
    status.textContent = shown > 0 ? data.steps[shown - 1].status : data.start;
    previous.disabled = shown === 0;
    next.disabled = shown === data.steps.length;
  }

  // The paths from the output down to a node: every node computed from it, and every
  // edge leaving one of those, since all of them lead on to the output.
  function paths(id) {
    var reached = {};
    reached[id] = true;
    var grew = true;
    while (grew) {
      grew = false;
      data.edges.forEach(function (edge) {
        if (reached[edge[1]] && !reached[edge[2]]) { reached[edge[2]] = true; grew = true; }
      });
    }
    svg.querySelectorAll(".ag-path").forEach(function (el) { el.classList.remove("ag-path"); });
    data.edges.forEach(function (edge) {
      if (reached[edge[1]]) {
        var el = svg.querySelector('g.edge[id="' + edge[0] + '"]');
        if (el) el.classList.add("ag-path");
      }
    });
    Object.keys(reached).forEach(function (node) {
      var g = group(node);
      if (g) g.classList.add("ag-path");
    });
  }

  data.boxes.forEach(function (box) {
    var g = group(box.id);
    if (!g) return;
    function choose() {
      explanation.textContent = box.explanation;
      svg.querySelectorAll(".ag-chosen").forEach(function (el) { el.classList.remove("ag-chosen"); });
      g.classList.add("ag-chosen");
      paths(box.id);
    }
    g.addEventListener("click", choose);
    g.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(); }
    });
  });
  previous.addEventListener("click", function () { show(shown - 1); });
  next.addEventListener("click", function () { show(shown + 1); });
  show(0);
})();
