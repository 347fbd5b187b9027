// The picture: the SVG that Graphviz drew, kept up to date with the tape's numbers. Each
// box's value and grad line, its fill, the number on each edge and the output's value in
// the title are rewritten in place (the layout never changes); each box's group carries
// `data-value` and `data-grad`, the full-precision numbers it shows.

// The text of `element` up to its last space: "W1 = " of "W1 = 0.15", "" of "0.35".
function prefixOf(element) {
  var text = element ? element.textContent : "";
  return text.slice(0, text.lastIndexOf(" ") + 1);
}

// The picture fits the width of its column, but never below 3/4 of its natural size (its
// text 10 px then, at the least): a wider one scrolls instead.
function readable(svg) {
  var points = parseFloat(svg.getAttribute("width"));
  var column = svg.parentNode ? svg.parentNode.clientWidth : 0;
  if (!(points > 0) || !(column > 0)) return;
  var least = points * 4 / 3 * 0.75;
  if (column < least) {
    svg.style.maxWidth = "none";
    svg.style.width = least + "px";
  }
}

// A box's line, with what it needs to stay inside the box drawn for its first text: the
// width of its cell (the box, or in a box of cells side by side, `data | grad`, the cell
// between the box's vertical lines that holds it), and the width of one character
// (measured once, when the page opens).
function fitted(text, shape) {
  if (!text || !shape) return text;
  var length = text.textContent.length;
  text.agRoom = cellWidth(text, shape) - 6;
  text.agEach = length ? text.getComputedTextLength() / length : 0;
  return text;
}

function cellWidth(text, shape) {
  var box = shape.getBBox(), edges = [box.x, box.x + box.width];
  var lines = shape.parentNode ? shape.parentNode.querySelectorAll("polyline") : [];
  for (var i = 0; i < lines.length; i++) {
    var points = (lines[i].getAttribute("points") || "").trim().split(/\s+/);
    var first = parseFloat(points[0]), last = parseFloat(points[points.length - 1]);
    if (points.length === 2 && first === last) edges.push(first); // a vertical line
  }
  edges.sort(function (a, b) { return a - b; });
  var middle = parseFloat(text.getAttribute("x"));
  for (var j = 1; j < edges.length; j++) {
    if (edges[j - 1] <= middle && middle <= edges[j]) return edges[j] - edges[j - 1];
  }
  return box.width;
}

// A line that would run past its box is squeezed into it (estimated from its length, so
// that no layout is read while the numbers change).
function setFitted(element, text) {
  if (!element || element.agText === text) return;
  setText(element, text);
  var wide = element.agEach * text.length > element.agRoom;
  if (wide) {
    element.setAttribute("textLength", String(element.agRoom));
    element.setAttribute("lengthAdjust", "spacingAndGlyphs");
  } else if (element.hasAttribute("textLength")) {
    element.removeAttribute("textLength");
  }
}

// Change a text only when it changes (an SVG text changed is laid out again), in place.
function setText(element, text) {
  if (!element || element.agText === text) return;
  element.agText = text;
  if (element.firstChild && element.firstChild.nodeType === 3 && !element.firstChild.nextSibling) {
    element.firstChild.nodeValue = text;
  } else {
    element.textContent = text;
  }
}

var SVG_NAMESPACE = null; // the picture's own, for the elements the plots make

function Picture(svg, data) {
  this.svg = svg;
  SVG_NAMESPACE = svg.namespaceURI;
  readable(svg);
  this.colour = data.colour;
  var self = this;
  this.boxes = data.boxes.map(function (box) {
    var group = svg.querySelector('g.node[id="' + box[0] + '"]');
    var texts = group ? group.querySelectorAll("text") : [];
    var last = texts.length ? texts[texts.length - 1] : null;
    var grad = last && last.textContent.indexOf("grad") === 0 ? last : null;
    var value = texts.length > (grad ? 1 : 0) ? texts[texts.length - (grad ? 2 : 1)] : null;
    var shape = group ? group.querySelector("polygon, path, ellipse") : null;
    return {
      id: box[0], slot: box[1], group: group, grad: fitted(grad, shape), value: fitted(value, shape),
      prefix: prefixOf(value), shape: shape
    };
  });
  this.bySlot = {};
  this.boxes.forEach(function (box) { self.bySlot[box.slot] = box; });
  this.numbers = Object.keys(data.edgeNumbers).map(function (id) {
    var group = svg.querySelector('g.edge[id="' + id + '"]');
    var texts = group ? group.querySelectorAll("text") : [];
    var last = texts.length ? texts[texts.length - 1] : null;
    return { text: last, prefix: prefixOf(last), source: data.edgeNumbers[id] };
  });
  var heading = svg.querySelector("g.graph > text");
  this.heading = data.titlePrefix && heading &&
    heading.textContent.indexOf(data.titlePrefix) === 0 ? heading : null;
  this.titlePrefix = data.titlePrefix;
  // The title's line on what the .grad fields hold: Python's, at the values drawn.
  var notes = data.gradNotes;
  this.gradNote = notes.length ? Array.from(svg.querySelectorAll("g.graph > text")).filter(
    function (text) { return text.textContent === notes[0]; })[0] || null : null;
  this.gradNotes = notes;
  this.headingRest = this.heading ? this.heading.textContent.slice(data.titlePrefix.length)
    .replace(/^\S*/, "") : "";
}

// Show `view`: the tape's values, the grads filled (`grads[slot]`, undefined: blank), the
// scale of the colours, the node being stepped, and each edge's number.
Picture.prototype.show = function (tape, view) {
  var root = tape.root, values = tape.values;
  for (var i = 0; i < this.boxes.length; i++) {
    var box = this.boxes[i];
    if (!box.group) continue;
    var value = values[box.slot], grad = view.grads[box.slot], filled = grad !== undefined;
    setFitted(box.value, box.prefix + shown(value));
    setFitted(box.grad, filled ? "grad " + shown(grad) : "grad");
    var fill = "none";
    if (this.colour && filled && box.slot !== root) {
      fill = gradFill(grad, view.largest);
      if (fill === "#ffffff") fill = "none";
    }
    if (box.shape && box.shape.getAttribute("fill") !== fill) box.shape.setAttribute("fill", fill);
    box.group.setAttribute("data-value", String(value));
    box.group.setAttribute("data-grad", filled ? String(grad) : "");
    var current = box.slot === view.current;
    if (box.group.classList.contains("ag-current") !== current) {
      box.group.classList.toggle("ag-current", current);
    }
  }
  for (var e = 0; e < this.numbers.length; e++) {
    var number = this.numbers[e];
    setText(number.text, number.prefix + shown(view.edgeValue(number.source)));
  }
  if (this.heading) setText(this.heading, this.titlePrefix + shown(values[root]) + this.headingRest);
  if (this.gradNote) setText(this.gradNote, this.gradNotes[view.moved ? 1 : 0]);
};

// What a screen reader says of a box when it is reached: its name, value and grad now.
Picture.prototype.nameOnFocus = function (tape, knobNames) {
  this.boxes.forEach(function (box) {
    if (!box.group) return;
    box.group.addEventListener("focus", function () {
      var name = tape.label[box.slot] || knobNames[box.slot] || "an unlabelled node";
      var grad = box.grad;
      var words = name + " = " + shown(tape.values[box.slot]);
      if (grad && grad.agText && grad.agText !== "grad") words += ", " + grad.agText;
      box.group.setAttribute("aria-label", words + ": show its chain rule");
    });
  });
};

// The nodes in the order of the layout, inputs to output, so that Tab follows it: left to
// right (top to bottom for rankdir TB), then across. Nodes are drawn last, over the edges.
Picture.prototype.orderForTab = function (rankdir) {
  var across = rankdir === "TB" || rankdir === "BT";
  var backwards = rankdir === "RL" || rankdir === "BT";
  var placed = this.boxes.filter(function (box) { return box.group; }).map(function (box) {
    var r = box.group.getBBox();
    var along = across ? r.y + r.height / 2 : r.x + r.width / 2;
    var side = across ? r.x + r.width / 2 : r.y + r.height / 2;
    return { group: box.group, along: backwards ? -along : along, side: side };
  });
  placed.sort(function (p, q) {
    return Math.abs(p.along - q.along) > 1 ? p.along - q.along : p.side - q.side;
  });
  placed.forEach(function (p) { p.group.parentNode.appendChild(p.group); });
  var rank = {};
  this.boxes.forEach(function (box) { rank[box.group ? box.group.id : ""] = box.slot; });
  return placed.map(function (p) { return rank[p.group.id]; }); // the slots, in that order
};

// Colour the paths from the output down to `slot`'s box: every box computed from it, and
// every edge leaving one of those, since all of them lead on to the output.
Picture.prototype.showPaths = function (edges, boxId) {
  var svg = this.svg, reached = {};
  svg.querySelectorAll(".ag-path").forEach(function (el) { el.classList.remove("ag-path"); });
  svg.querySelectorAll(".ag-chosen").forEach(function (el) { el.classList.remove("ag-chosen"); });
  if (!boxId) return;
  reached[boxId] = true;
  for (var grew = true; grew;) {
    grew = false;
    edges.forEach(function (edge) {
      if (reached[edge[1]] && !reached[edge[2]]) { reached[edge[2]] = true; grew = true; }
    });
  }
  edges.forEach(function (edge) {
    if (!reached[edge[1]] || !edge[0]) return;
    var el = svg.querySelector('g.edge[id="' + edge[0] + '"]');
    if (el) el.classList.add("ag-path");
  });
  Object.keys(reached).forEach(function (id) {
    var g = svg.querySelector('g.node[id="' + id + '"]');
    if (g) g.classList.add("ag-path");
  });
  var chosen = svg.querySelector('g.node[id="' + boxId + '"]');
  if (chosen) chosen.classList.add("ag-chosen");
};
