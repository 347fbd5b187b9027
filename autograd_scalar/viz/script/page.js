// The page of a drawing: turn a leaf's knob and every value, gradient, colour, edge,
// explanation and plot follows at once; train the parameters with Step and Run; step
// through backward with Previous and Next; click a node (or Tab to it and press Enter)
// for its chain rule from the output. Every number comes from the tape (tape.js), every
// word from Python; text is always put in as text, never as HTML, so a label stays data.

function Page(element, data, ops) {
  var self = this, tape = new Tape(data, ops), n = tape.n;
  this.element = element;
  this.data = data;
  this.tape = tape;
  this.picture = new Picture(element.querySelector(".ag-picture svg"), data);
  this.names = [];
  this.symbols = [];
  for (var i = 0; i < n; i++) {
    var own = data.knobNames[i] !== undefined ? data.knobNames[i] : tape.label[i];
    this.names.push(data.names[i] !== undefined ? data.names[i] : own);
    this.symbols.push(data.symbols[i] !== undefined ? data.symbols[i] : own);
  }
  // In prose (the status line, the plots, the chosen node's numbers) an output without a
  // label is "the output", as the title and the legend call it.
  this.said = this.names.slice();
  this.said[tape.root] = data.rootName;
  var stop = new Uint8Array(n);
  data.stops.forEach(function (slot) { stop[slot] = 1; });
  this.drawn = new Reading(tape, function (slot) { return stop[slot] === 1; });
  this.drawnStep = {};
  data.drawnSteps.forEach(function (slot) { self.drawnStep[slot] = true; });
  this.hiddenNames = {};
  Object.keys(data.hidden).forEach(function (slot) { self.hiddenNames[data.hidden[slot]] = true; });
  this.boxOf = {};
  data.boxes.forEach(function (box) { self.boxOf[box[1]] = box[0]; });
  this.find = function (name) { return element.querySelector(".ag-" + name); };
  this.status = this.find("status");
  this.alert = this.find("alert");
  this.alertHome = this.alert.parentNode;
  this.previous = this.find("previous");
  this.next = this.find("next");
  this.chosenName = this.find("chosen-name");
  this.chosenNumbers = this.find("chosen-numbers");
  this.chosenKnobs = this.find("chosen-knobs");
  this.knobPlot = this.find("knob-plot");
  this.explanation = this.find("explanation");
  this.knobList = this.find("knob-list");
  this.chosen = -1;
  this.knobs = {};
  data.knobs.forEach(function (slot) {
    var knob = new Knob(slot, data.knobNames[slot], function (at, value) {
      var moved = {};
      moved[at] = value;
      self.move(moved, "knob");
    }, function (message) { self.say(message, knob.row); }, data.readOnly[slot]);
    knob.train.checked = data.params.indexOf(slot) >= 0 && !data.readOnly[slot];
    self.knobs[slot] = knob;
    self.knobList.appendChild(knob.row);
  });
  this.training = new Training(this, {
    rate: this.find("rate"), count: this.find("count"), step: this.find("step"),
    run: this.find("run"), reset: this.find("reset"), note: this.find("train-note"),
    plot: this.find("loss-plot"), caption: this.find("loss-caption")
  });
  this.previous.addEventListener("click", function () { self.goTo(self.shown - 1); });
  this.next.addEventListener("click", function () { self.goTo(self.shown + 1); });
  this.picture.boxes.forEach(function (box) {
    if (!box.group) return;
    box.group.addEventListener("click", function () { self.choose(box.slot); });
    box.group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); self.choose(box.slot); }
    });
  });
  // The knobs in the order of the picture, inputs to output (a leaf drawn nowhere last).
  var laidOut = this.picture.orderForTab(data.rankdir);
  this.knobOrder = laidOut.concat(data.knobs).filter(function (slot, i, all) {
    return self.knobs[slot] && all.indexOf(slot) === i;
  });
  this.knobOrder.forEach(function (slot) { self.knobList.appendChild(self.knobs[slot].row); });
  this.picture.nameOnFocus(tape, data.knobNames);
}

// Open as the drawing was drawn: at its step, or as backward left it, or before backward.
Page.prototype.start = function () {
  var data = this.data;
  this.tape.run({});
  this.steps = this.backward();
  this.total = this.drawnSteps().length;
  this.openedAt = data.step === null ? (data.backward ? this.total : 0) : data.step;
  this.settled = data.step === null && data.backward;
  this.shown = this.openedAt;
  this.losses = [this.tape.values[this.tape.root]];
  this.show();
};

Page.prototype.backward = function () {
  return backwardSteps(this.drawn, this.data.stops);
};

Page.prototype.drawnSteps = function () {
  var self = this;
  return this.steps.filter(function (step) { return self.drawnStep[step.node]; });
};

// Set leaves ({slot: value}) and recompute everything; on a refusal keep the last good
// state and say why. `why`: "knob" starts a new loss history, "step" adds to it.
Page.prototype.move = function (leaves, why) {
  try {
    this.tape.run(leaves);
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    if (why === "step") throw error;
    this.fail(error.message);
    return false;
  }
  this.steps = this.backward();
  var loss = this.tape.values[this.tape.root];
  if (why === "step") {
    this.losses.push(loss);
    this.settled = true;
    this.shown = this.total;
  } else {
    this.losses = [loss];
  }
  this.alert.textContent = "";
  this.alert.hidden = true;
  this.show();
  return true;
};

// Say why something was not done, in the alert line (until the next move clears it):
// under the knob's row when a knob was refused, so that it shows beside the field being
// typed in, wherever the panel is scrolled; else at the top of the panel, pinned there.
Page.prototype.say = function (message, row) {
  var alert = this.alert;
  if (row && row.parentNode) {
    if (row.nextSibling !== alert) row.parentNode.insertBefore(alert, row.nextSibling);
  } else if (this.alertHome.firstChild !== alert) {
    this.alertHome.insertBefore(alert, this.alertHome.firstChild);
  }
  alert.textContent = message;
  alert.hidden = false;
  if (alert.scrollIntoView) alert.scrollIntoView({ block: "nearest" });
};

Page.prototype.fail = function (message) {
  var typing = document.activeElement, row = null;
  if (typing && this.element.contains(typing) && typing.classList.contains("ag-knob-field")) {
    typing.setAttribute("aria-invalid", "true");
    row = typing.closest(".ag-knob");
  }
  this.say(message, row);
  this.showKnobs(true);
};

Page.prototype.reset = function () {
  var start = {}, tape = this.tape;
  this.data.knobs.forEach(function (slot) { start[slot] = tape.start[slot]; });
  this.move(start, "knob");
  this.shown = this.openedAt;
  this.settled = this.data.step === null && this.data.backward;
  this.show();
};

Page.prototype.trained = function () {
  var self = this;
  return this.data.knobs.filter(function (slot) {
    var knob = self.knobs[slot];
    return knob.train.checked && !knob.train.disabled;
  });
};

Page.prototype.goTo = function (k) {
  this.shown = Math.max(0, Math.min(k, this.total));
  this.settled = false;
  this.show();
};

// Where each share of each step got its sum from, for a sum that holds what an example
// drawn without its inputs handed on (examples.py's `drawn_steps` says it the same way).
Page.prototype.sources = function () {
  var hidden = this.data.hidden, hiddenNames = this.hiddenNames, names = this.names;
  var order = this.data.examples;
  var given = {}, sources = new Map();
  if (!Object.keys(hidden).length) return sources;
  this.steps.forEach(function (step) {
    var said = step.shares.map(function (share) {
      var list = given[share.wrt] || (given[share.wrt] = []);
      var fromHidden = list.some(function (name) { return hiddenNames[name]; });
      if (share.before === null || !fromHidden) return null;
      var examples = order.filter(function (name) { return list.indexOf(name) >= 0; });
      return examples.concat(list.filter(function (name) { return !hiddenNames[name]; }));
    });
    sources.set(step, said);
    var source = hidden[step.node] !== undefined ? hidden[step.node] : names[step.node];
    step.shares.forEach(function (share) {
      if (given[share.wrt].indexOf(source) < 0) given[share.wrt].push(source);
    });
  });
  return sources;
};

// What the picture shows now: the grads filled at the step shown, their colours' scale,
// the node being stepped, and each edge's number.
Page.prototype.view = function () {
  var tape = this.tape, steps = this.drawnSteps(), grads, largest = 0;
  if (this.shown === this.total) {
    grads = tape.g;
    for (var i = 0; i < tape.n; i++) {
      if (i !== tape.root) largest = Math.max(largest, Math.abs(grads[i]));
    }
  } else {
    grads = {};
    grads[tape.root] = 1;
    steps.slice(0, this.shown).forEach(function (step) {
      step.shares.forEach(function (share) { grads[share.wrt] = share.after; });
    });
    Object.keys(grads).forEach(function (slot) {
      if (Number(slot) !== tape.root) largest = Math.max(largest, Math.abs(grads[slot]));
    });
  }
  var values = {};
  this.steps.forEach(function (step) {
    step.shares.forEach(function (share) { values[step.node + "," + share.wrt] = share.value; });
  });
  var current = this.shown > 0 && !this.settled ? steps[this.shown - 1].node : -1;
  var moved = this.data.knobs.some(function (slot) { return tape.values[slot] !== tape.start[slot]; });
  return {
    grads: grads, largest: largest, current: current, steps: steps, moved: moved,
    edgeValue: function (source) {
      if (source[2] >= 0) return source[2] === 0 ? tape.da[source[0]] : tape.db[source[0]];
      return values[source[0] + "," + source[1]];
    }
  };
};

Page.prototype.statusText = function (view) {
  // An output without a label is "the output", as the title and the legend call it.
  var root = symbolOf(this.data.rootName), total = this.total;
  if (this.settled) {
    return "backward done: every grad is \u2202" + root + "/\u2202node (" + total +
      " steps); Previous and Next step through them";
  }
  if (this.shown === 0) {
    return "step 0 of " + total + ": the seed \u2202" + root + "/\u2202" + root + " = " + said(1) +
      "; Next takes the first step of backward";
  }
  var step = view.steps[this.shown - 1];
  var lines = stepLines(step, this.symbols, this.symbols[this.tape.root], this.sources().get(step));
  return "step " + this.shown + " of " + total + ": " + lines.join("\n");
};

Page.prototype.show = function () {
  var view = this.view();
  this.picture.show(this.tape, view);
  setText(this.status, this.statusText(view));
  this.previous.disabled = this.shown === 0;
  this.next.disabled = this.shown === this.total;
  this.showKnobs(false);
  this.showChosen(view);
  this.training.show(this.losses, this.said[this.tape.root]);
};

Page.prototype.showKnobs = function (now) {
  var values = this.tape.values, knobs = this.knobs;
  Object.keys(knobs).forEach(function (slot) { knobs[slot].show(values[slot], now); });
};

// The chosen node: its numbers, its knobs, the knob's picture (a leaf) and its chain rule.
Page.prototype.choose = function (slot) {
  var self = this, knobs = this.knobs;
  this.knobOrder.forEach(function (at) { self.knobList.appendChild(knobs[at].row); });
  this.chosen = slot;
  this.explained = null;
  var mine = slot in knobs ? [slot] : this.drawn.walk(slot).ends.filter(function (end) {
    return end in knobs;
  });
  mine.forEach(function (at) { self.chosenKnobs.appendChild(knobs[at].row); });
  this.picture.showPaths(this.data.edges, this.boxOf[slot]);
  var panel = this.element.querySelector(".ag-panel");
  if (panel) panel.scrollTop = 0;
  this.show();
};

Page.prototype.showChosen = function (view) {
  var slot = this.chosen, tape = this.tape;
  if (slot < 0) return;
  var name = this.names[slot], root = symbolOf(this.said[tape.root]), grad = view.grads[slot];
  setText(this.chosenName, tape.label[slot] || name);
  var numbers = name + " = " + shown(tape.values[slot]) + "; \u2202" + root + "/\u2202" +
    symbolOf(name) + (grad === undefined ? ": backward has not reached it yet" : " = " + shown(grad));
  setText(this.chosenNumbers, numbers);
  var words = this.explain(slot), knob = this.knobs[slot];
  this.knobPlot.toggleAttribute("hidden", !knob); // an SVG element has no .hidden
  setText(this.explanation, words);
  if (knob) this.plotLater(slot, knob, grad === undefined ? null : grad);
};

// The knob's picture recomputes the graph at many values of the leaf: it is drawn in the
// next frame, so that the picture follows the knob within this one.
Page.prototype.plotLater = function (slot, knob, grad) {
  var self = this;
  this.plotWanted = [slot, knob, grad];
  if (this.plotPending) return;
  this.plotPending = true;
  window.requestAnimationFrame(function () {
    self.plotPending = false;
    var wanted = self.plotWanted, tape = self.tape;
    if (wanted[0] !== self.chosen) return;
    drawKnobPlot(self.knobPlot, tape, wanted[0], wanted[1].range.low, wanted[1].range.high,
                 wanted[2], self.said, self.after);
  });
};

Page.prototype.explain = function (slot) {
  var tape = this.tape, data = this.data;
  if (slot === tape.root) {
    var name = data.rootName;
    return name + " is the output: \u2202" + name + "/\u2202" + name + " = 1";
  }
  if (tape.n > data.explainLimit) { // as explain summarises a graph this large
    var output = tape.label[tape.root] || "output", wrt = tape.label[slot] || "wrt";
    return "\u2202" + symbolOf(output) + "/\u2202" + symbolOf(wrt) + " = " + said(tape.g[slot]) +
      ": a graph of " + tape.n.toLocaleString("en-US") + " nodes, more than max_nodes=" +
      data.explainLimit.toLocaleString("en-US") + ": its paths are not written out " +
      "(max_nodes=None writes them, slowly)";
  }
  if (!this.explained) {
    var within = new Uint8Array(tape.n);
    within[slot] = 1;
    for (var i = slot + 1; i < tape.n; i++) {
      var a = tape.a[i], b = tape.b[i];
      within[i] = (a >= 0 && within[a]) || (b >= 0 && within[b]) ? 1 : 0;
    }
    var labelled = function (s) { return tape.label[s] !== "" || s === tape.root || s === slot; };
    this.explained = new Reading(tape, labelled, within);
    this.after = [];
    for (var j = slot + 1; j < tape.n; j++) if (within[j]) this.after.push(j);
  }
  var extra = data.extra[slot] || {}, formulas = data.formulas;
  return explainText(this.explained, slot, this.names, function (top, end) {
    var key = top + "," + end;
    return key in extra ? extra[key] : formulas[key];
  });
};

// The page this script belongs to: its own `.ag-page` (or, where a notebook ran the script
// elsewhere, the last page not yet started).
function ownPage() {
  var script = document.currentScript;
  var found = script ? script.closest(".ag-page") : null;
  if (found) return found;
  var pages = document.querySelectorAll(".ag-page:not([data-started])");
  return pages.length ? pages[pages.length - 1] : null;
}

var element = ownPage();
if (element) {
  element.setAttribute("data-started", "");
  var data = JSON.parse(element.querySelector(".ag-data").textContent);
  if (data.nodes) new Page(element, data, ops).start();
}
