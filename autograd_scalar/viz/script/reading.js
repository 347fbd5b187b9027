// The graph read in its labels, as explanation/folding.py reads it, with the tape's numbers:
// a *reading* has stops (named nodes); a step goes from a stop down to the stops just
// below it, through the unnamed nodes between, and its value is the chain rule run over
// those nodes alone. From the steps come backward's steps (explanation/steps.py) and the
// chain rule of one partial derivative (explanation/paths.py), written as they write
// them. The words (names, formulas) are Python's; only the numbers are computed here.

function Reading(tape, isStop, within) {
  this.tape = tape;
  this.isStop = isStop;
  this.within = within || null;
  this.walks = {}; // top → its nodes (in order) and the stops that end it: fixed by the graph
  this.mark = new Int32Array(tape.n);
  this.stamp = 0;
  this.local = new Float64Array(tape.n);
}

// `top`, the unnamed nodes under it and the stops that end the walk, in order.
Reading.prototype.walk = function (top) {
  var cached = this.walks[top];
  if (cached) return cached;
  var tape = this.tape, within = this.within, isStop = this.isStop;
  var found = [top], seen = {}, pending = [top];
  seen[top] = true;
  while (pending.length) {
    var node = pending.pop();
    if (node !== top && isStop(node)) continue;
    var parents = [tape.a[node], tape.b[node]];
    for (var p = 0; p < 2; p++) {
      var parent = parents[p];
      if (parent < 0 || seen[parent] || (within && !within[parent])) continue;
      seen[parent] = true;
      found.push(parent);
      pending.push(parent);
    }
  }
  found.sort(function (x, y) { return x - y; });
  var ends = found.filter(function (node) { return node !== top && isStop(node); });
  this.walks[top] = { nodes: found, ends: ends };
  return this.walks[top];
};

// The value of each step from `top`: ∂top/∂end through the unnamed nodes, for each end.
Reading.prototype.values = function (top) {
  var walk = this.walk(top), tape = this.tape, da = tape.da, db = tape.db;
  var local = this.local, mark = this.mark, stamp = ++this.stamp, nodes = walk.nodes;
  for (var i = 0; i < nodes.length; i++) { local[nodes[i]] = 0; mark[nodes[i]] = stamp; }
  local[top] = 1;
  for (var j = nodes.length - 1; j >= 0; j--) {
    var node = nodes[j];
    if (tape.op[node] < 0 || (node !== top && this.isStop(node))) continue;
    var g = local[node];
    if (g === 0) continue;
    var a = tape.a[node], b = tape.b[node];
    if (a >= 0 && mark[a] === stamp) local[a] += da[node] * g;
    if (b >= 0 && mark[b] === stamp) local[b] += db[node] * g;
  }
  return walk.ends.map(function (end) { return local[end]; });
};

// Backward's steps through a reading, in the engine's order: each stop (from the output
// down) hands ∂root/∂stop · step to the stops below it; `known` sums what each got so far.
function backwardSteps(reading, stops) {
  var tape = reading.tape, g = tape.g, known = {}, steps = [];
  known[tape.root] = 1;
  for (var i = stops.length - 1; i >= 0; i--) {
    var node = stops[i];
    if (tape.op[node] < 0) continue;
    var ends = reading.walk(node).ends, values = reading.values(node), shares = [];
    for (var e = 0; e < ends.length; e++) {
      var amount = g[node] * values[e];
      var before = Object.prototype.hasOwnProperty.call(known, ends[e]) ? known[ends[e]] : null;
      var after = before === null ? amount : before + amount;
      known[ends[e]] = after;
      shares.push({ wrt: ends[e], value: values[e], before: before, after: after });
    }
    steps.push({ node: node, grad: g[node], shares: shares });
  }
  return steps;
}

function factorText(x) {
  var text = said(x);
  return text.charAt(0) === "\u2212" ? "(" + text + ")" : text;
}

// One chain-rule line per share, as explanation/steps.py writes them; `sources`: for a
// share whose sum holds what examples not drawn handed on, who handed it (see examples.py).
function stepLines(step, symbols, rootSymbol, sources) {
  var of = symbols[step.node];
  return step.shares.map(function (share, i) {
    var wrt = symbols[share.wrt];
    var chain = "\u2202" + rootSymbol + "/\u2202" + of + " \u00b7 \u2202" + of + "/\u2202" + wrt;
    var head = "\u2202" + rootSymbol + "/\u2202" + wrt + " = ";
    if (share.before === null) {
      return head + chain + " = " + said(step.grad) + " \u00b7 " + factorText(share.value) +
        " = " + said(share.after);
    }
    var from = sources && sources[i] ? " (from " + sources[i].join(", ") + ")" : "";
    return head + said(share.before) + from + " + " + chain + " = " + said(share.before) +
      " + " + factorText(step.grad) + " \u00b7 " + factorText(share.value) + " = " +
      said(share.after);
  });
}

function symbolOf(name) {
  return name.indexOf(" ") >= 0 ? "(" + name + ")" : name;
}

function isSum(formula) {
  var depth = 0;
  for (var i = 0; i < formula.length; i++) {
    var ch = formula.charAt(i);
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (depth === 0 && i > 0 && (ch === "+" || ch === "\u2212") && formula.charAt(i - 1) === " ") {
      return true;
    }
  }
  return false;
}

var MAX_PATHS = 20, LARGEST_PATHS = 5;

// explain(root, wrt) as text: every path of steps from the output down to `wrt`, each
// factor as formula and number, a product per path and their sum (explain_in and
// Explanation.__str__ in explanation/paths.py). `formula(top, end)` is Python's text.
function explainText(reading, wrt, names, formula) {
  var tape = reading.tape, root = tape.root, within = reading.within;
  var count = {}, best = {};
  count[wrt] = 1;
  best[wrt] = [[1, []]];
  for (var top = 0; top <= root; top++) {
    if (!within[top] || !reading.isStop(top) || top === wrt || tape.op[top] < 0) continue;
    var ends = reading.walk(top).ends, values = reading.values(top);
    var found = [], total = 0;
    for (var e = 0; e < ends.length; e++) {
      var factor = { of: names[top], wrt: names[ends[e]], value: values[e],
                     written: formula(top, ends[e]) };
      total += count[ends[e]];
      best[ends[e]].forEach(function (path) {
        found.push([factor.value * path[0], [factor].concat(path[1])]);
      });
    }
    count[top] = total;
    if (total > MAX_PATHS) {
      found.sort(function (x, y) { return Math.abs(y[0]) - Math.abs(x[0]); });
      found = found.slice(0, LARGEST_PATHS);
    }
    best[top] = found;
  }
  var chosen = best[root] || [], pathCount = count[root] || 0;
  var head = "\u2202" + symbolOf(names[root]) + "/\u2202" + symbolOf(names[wrt]);
  if (pathCount === 0) return head + " = 0: " + names[root] + " does not depend on " + names[wrt];
  var pad = " ".repeat(head.length + 1);
  if (pathCount === 1) {
    var lines = pathLines(chosen[0][1], chosen[0][0], pad);
    return head + lines[0].slice(pad.length - 1) + "\n" + lines.slice(1).join("\n");
  }
  var every = chosen.length === pathCount, out = [];
  out.push(every ? head + " = the sum over " + pathCount + " paths"
                 : head + " = the sum over " + pathCount.toLocaleString("en-US") + " paths; the " +
                   chosen.length + " largest:");
  chosen.forEach(function (path, i) {
    out.push("path " + (i + 1) + ":");
    out.push.apply(out, pathLines(path[1], path[0], "  "));
  });
  if (every) {
    var terms = chosen.map(function (path) { return said(path[0]); }).join(" + ")
      .replace(/\+ \u2212/g, "\u2212 ");
    out.push(head + " = " + terms + " = " + said(tape.g[wrt]));
  } else {
    out.push(head + " = " + said(tape.g[wrt]) + " (all paths)");
  }
  return out.join("\n");
}

function pathLines(path, value, indent) {
  if (!path.length) return [indent + "= 1"];
  if (path.length === 1) return [indent + "= " + path[0].written, indent + "= " + said(value)];
  return [
    indent + "= " + path.map(function (f) {
      return "\u2202" + symbolOf(f.of) + "/\u2202" + symbolOf(f.wrt);
    }).join(" \u00b7 "),
    indent + "= " + path.map(function (f) { return f.written; }).join(" \u00b7 "),
    indent + "= " + path.map(function (f) { return said(f.value); }).join(" \u00b7 "),
    indent + "= " + said(value)
  ];
}
