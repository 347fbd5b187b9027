// The panel's two plots, plain SVG drawn here:
// - the knob's picture: the output as a function of one leaf over its knob's range, the
//   point where the leaf is now, and the tangent there, whose slope is the gradient;
// - the loss over the steps of training taken.

var PLOT_WIDTH = 360, PLOT_HEIGHT = 150, MARGIN = { left: 68, right: 10, top: 10, bottom: 30 };

function svgElement(name, attributes) {
  var element = document.createElementNS(SVG_NAMESPACE, name);
  Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
  return element;
}

// A frame with two axes, mapping (x, y) in [x0, x1] × [y0, y1] onto the plot's area.
function Frame(svg, height) {
  this.svg = svg;
  this.height = height;
  svg.setAttribute("viewBox", "0 0 " + PLOT_WIDTH + " " + height);
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  this.title = svg.appendChild(svgElement("title"));
  this.layer = svg.appendChild(svgElement("g", { "aria-hidden": "true" }));
}

Frame.prototype.scale = function (x0, x1, y0, y1) {
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
  var width = PLOT_WIDTH - MARGIN.left - MARGIN.right, tall = this.height - MARGIN.top - MARGIN.bottom;
  this.x = function (x) { return MARGIN.left + (x - x0) / (x1 - x0) * width; };
  this.y = function (y) { return MARGIN.top + (y1 - y) / (y1 - y0) * tall; };
  var scale = { low: x0, high: x1, bottom: y0, top: y1, left: MARGIN.left, upper: MARGIN.top,
                width: width, height: tall }; // so that a reader (a test) can read it back
  var svg = this.svg;
  Object.keys(scale).forEach(function (key) { svg.setAttribute("data-" + key, String(scale[key])); });
  var box = { x: MARGIN.left, y: MARGIN.top, width: width, height: tall, fill: "none", stroke: "#999" };
  this.layer.appendChild(svgElement("rect", box));
  this.label(MARGIN.left - 4, MARGIN.top + 9, shown(y1), "end");
  this.label(MARGIN.left - 4, MARGIN.top + tall, shown(y0), "end");
  this.label(MARGIN.left, this.height - MARGIN.bottom + 13, shown(x0), "start");
  this.label(PLOT_WIDTH - MARGIN.right, this.height - MARGIN.bottom + 13, shown(x1), "end");
  var clip = "ag-clip-" + Math.random().toString(36).slice(2);
  var clipPath = this.layer.appendChild(svgElement("clipPath", { id: clip }));
  clipPath.appendChild(svgElement("rect", box));
  this.inside = this.layer.appendChild(svgElement("g", { "clip-path": "url(#" + clip + ")" }));
};

Frame.prototype.label = function (x, y, text, anchor) {
  var element = svgElement("text", { x: x, y: y, "text-anchor": anchor, "class": "ag-axis" });
  element.textContent = text;
  this.layer.appendChild(element);
  return element;
};

// A path through the points, broken where a point is missing (null: an op refused there).
function pathThrough(frame, xs, ys) {
  var d = "", pen = "M";
  for (var i = 0; i < xs.length; i++) {
    if (ys[i] === null) { pen = "M"; continue; }
    d += pen + frame.x(xs[i]).toFixed(2) + " " + frame.y(ys[i]).toFixed(2) + " ";
    pen = "L";
  }
  return d;
}

// The knob's picture for `slot`: root(x) for x over [low, high], the point at the leaf's
// value and the tangent of slope `grad` there (null: backward has not reached it yet).
function drawKnobPlot(svg, tape, slot, low, high, grad, names, after) {
  var frame = new Frame(svg, PLOT_HEIGHT), count = 121, xs = [], ys = [];
  var scratch = new Float64Array(tape.n), x0 = tape.values[slot], y0 = tape.values[tape.root];
  var lowest = y0, highest = y0;
  for (var i = 0; i < count; i++) {
    var x = low + (high - low) * i / (count - 1), y = tape.outputAt(slot, x, scratch, after);
    xs.push(x);
    ys.push(y);
    if (y !== null) { lowest = Math.min(lowest, y); highest = Math.max(highest, y); }
  }
  var pad = (highest - lowest) * 0.08;
  frame.scale(low, high, lowest - pad, highest + pad);
  frame.inside.appendChild(svgElement("path", { d: pathThrough(frame, xs, ys), "class": "ag-curve" }));
  var leaf = names[slot], output = names[tape.root];
  var words = output + " as a function of " + leaf + ", now " + shown(y0) + " at " + leaf + " = " +
    shown(x0);
  if (grad !== null) {
    var tangent = svgElement("line", {
      x1: frame.x(low), y1: frame.y(y0 + grad * (low - x0)),
      x2: frame.x(high), y2: frame.y(y0 + grad * (high - x0)), "class": "ag-tangent"
    });
    frame.inside.appendChild(tangent);
    words += "; the tangent's slope is \u2202" + output + "/\u2202" + leaf + " = " + shown(grad);
  }
  frame.inside.appendChild(svgElement("circle", { cx: frame.x(x0), cy: frame.y(y0), r: 4, "class": "ag-point" }));
  frame.label(PLOT_WIDTH / 2 + MARGIN.left / 2, PLOT_HEIGHT - 4, leaf, "middle");
  frame.label(4, MARGIN.top + 30, output, "start");
  frame.title.textContent = words;
  svg.setAttribute("aria-label", words);
  svg.setAttribute("data-leaf", tape.label[slot]);
  svg.setAttribute("data-x", String(x0));
  svg.setAttribute("data-y", String(y0));
  svg.setAttribute("data-slope", grad === null ? "" : String(grad));
}

// The loss (the output) before the first step and after each step taken.
function drawLossPlot(svg, losses, name) {
  var frame = new Frame(svg, 120);
  svg.setAttribute("data-losses", JSON.stringify(losses));
  var lowest = Math.min.apply(null, losses), highest = Math.max.apply(null, losses);
  var pad = highest > lowest ? 0 : Math.abs(highest) / 2 || 1; // one loss: a band around it
  frame.scale(0, Math.max(losses.length - 1, 1), lowest - pad, highest + pad);
  var xs = losses.map(function (_, i) { return i; });
  frame.inside.appendChild(svgElement("path", { d: pathThrough(frame, xs, losses), "class": "ag-loss-line" }));
  if (losses.length === 1) {
    frame.inside.appendChild(svgElement("circle", { cx: frame.x(0), cy: frame.y(losses[0]), r: 3, "class": "ag-point" }));
  }
  var steps = losses.length - 1;
  var words = steps === 0
    ? name + " = " + shown(losses[0]) + "; no step taken yet"
    : name + " from " + shown(losses[0]) + " to " + shown(losses[steps]) + " in " + steps +
      (steps === 1 ? " step" : " steps");
  frame.label(PLOT_WIDTH / 2 + MARGIN.left / 2, 116, "steps", "middle");
  frame.title.textContent = words;
  svg.setAttribute("aria-label", words);
  return words;
}
