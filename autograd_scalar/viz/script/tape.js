// The graph recomputed in the browser, as the engine computes it: forward in topological
// order with each op's domain checked first, then the chain rule from the output down.
// The ops are the op table's records printed to JavaScript (`ops`, given by Python): this
// file knows no op. Same operations in the same order as Python: the same floats.

function Tape(data, ops) {
  var nodes = data.nodes;
  this.ops = ops;
  this.names = data.ops;
  this.label = nodes.label;
  this.repr = nodes.repr;
  this.op = nodes.op;
  this.a = nodes.a;
  this.b = nodes.b;
  this.k = nodes.k;
  this.start = Float64Array.from(nodes.data);
  this.fixed = data.fixed || {};
  this.n = this.label.length;
  this.root = this.n - 1;
}

// Where a refusal or a gradient that is not finite happened: the engine's own message.
function PageError(message) {
  this.message = message;
}

// Node i's two operands as run_op receives them: its inputs' values, or the number the op
// was given (a constant such as pow's exponent, or the 1 of `1 − x`); null for none.
Tape.prototype.operands = function (i, values) {
  var a = this.a[i], b = this.b[i], k = this.k[i];
  var x = a >= 0 ? values[a] : k;
  var y = b >= 0 ? values[b] : a >= 0 ? k : null;
  return [x, y];
};

Tape.prototype.refusal = function (i, x, y, reason) {
  var shownInputs = [x, y].filter(function (v) { return v !== null; }).map(pyRepr).join(", ");
  var self = this;
  var labels = [this.a[i], this.b[i]].filter(function (j) {
    return j >= 0 && self.label[j] !== "";
  }).map(function (j) { return self.repr[j]; }).join(", ");
  var within = labels ? "" : this.within(i);
  var where = labels ? " (input node " + labels + ")" : " (in " + within + ")";
  return new PageError(this.names[this.op[i]] + "(" + shownInputs + ")" + where + ": " + reason);
};

// Python's message names an op's input only when it has a label; the page then names the
// nearest labelled node computed from the op (the op's own node first), or the output.
Tape.prototype.within = function (i) {
  if (!this.users) {
    this.users = [];
    for (var j = 0; j < this.n; j++) this.users.push([]);
    for (var k = 0; k < this.n; k++) {
      if (this.a[k] >= 0) this.users[this.a[k]].push(k);
      if (this.b[k] >= 0 && this.b[k] !== this.a[k]) this.users[this.b[k]].push(k);
    }
  }
  var seen = {}, level = [i];
  seen[i] = true;
  while (level.length) {
    var named = level.filter(function (at) { return this.label[at] !== ""; }, this);
    if (named.length) return "node " + this.repr[Math.min.apply(null, named)];
    var next = [];
    level.forEach(function (at) {
      this.users[at].forEach(function (user) {
        if (!seen[user]) { seen[user] = true; next.push(user); }
      });
    }, this);
    level = next;
  }
  return "the output";
};

// Every node's value (leaves as `values` holds them) and, when `da` is given, its local
// partials; or only the nodes `only` (in order). Throws a PageError, as Python's
// DomainError reads, where an op refuses.
Tape.prototype.forward = function (values, da, db, only) {
  var count = only ? only.length : this.n;
  for (var at = 0; at < count; at++) {
    var i = only ? only[at] : at;
    var o = this.op[i];
    if (o < 0) continue;
    var fixed = this.fixed[i];
    if (fixed) { // an op the page cannot compute: its inputs never move, nor does it
      values[i] = this.start[i];
      if (da) { da[i] = fixed[0]; db[i] = fixed[1] === null ? 0 : fixed[1]; }
      continue;
    }
    var record = this.ops[o];
    var xy = this.operands(i, values), x = xy[0], y = xy[1];
    var domain = record.domain;
    for (var d = 0; d < domain.length; d++) {
      if (domain[d][0](x, y)) throw this.refusal(i, x, y, domain[d][1]);
    }
    var out = record.forward(x, y);
    if (!finite(out)) {
      throw this.refusal(i, x, y, out !== out ? "the result is not a real number"
                                              : "the result overflows a float");
    }
    values[i] = out;
    if (da) {
      var slopes = record.partials(x, y, out);
      da[i] = slopes[0];
      db[i] = slopes.length > 1 ? slopes[1] : 0;
    }
  }
};

// ∂root/∂node for every node: the chain rule written once in core/chain_rule.py, in the
// same order. A node whose gradient is 0 passes nothing on, so 0·∞ never becomes NaN.
Tape.prototype.backward = function (da, db, g) {
  g.fill(0);
  g[this.root] = 1;
  for (var i = this.n - 1; i >= 0; i--) {
    var gi = g[i];
    if (gi === 0) continue;
    var a = this.a[i], b = this.b[i];
    if (a >= 0) g[a] += da[i] * gi;
    if (b >= 0) g[b] += db[i] * gi;
  }
  for (var j = 0; j < this.n; j++) {
    if (!finite(g[j])) throw new PageError(this.notFinite(g, da, db));
  }
};

Tape.prototype.who = function (i) {
  if (this.label[i] !== "") return "node " + this.repr[i];
  return "an unlabelled " + (this.op[i] < 0 ? "leaf" : this.names[this.op[i]]) + " node";
};

// Where a gradient stopped being finite, as Python's NonFiniteGradientError says it.
Tape.prototype.notFinite = function (g, da, db) {
  var values = this.values;
  for (var i = this.n - 1; i >= 0; i--) {
    var gi = g[i];
    if (this.op[i] < 0 || gi === 0 || !finite(gi)) continue;
    var inputs = [[this.a[i], da[i]], [this.b[i], db[i]]];
    for (var p = 0; p < 2; p++) {
      var parent = inputs[p][0], partial = inputs[p][1];
      if (parent < 0 || finite(partial * gi)) continue;
      var why;
      if (finite(partial)) {
        why = pyRepr(gi) + " \u00d7 " + pyRepr(partial) + " (the slope of " + this.who(i) +
          ") overflows a float";
      } else {
        var xy = this.operands(i, values);
        var at = xy.filter(function (v) { return v !== null; }).map(pyRepr).join(", ");
        why = this.names[this.op[i]] + " has no finite slope at (" + at + "), in " + this.who(i);
      }
      return "the gradient reaching " + this.who(parent) + " (data=" + pyRepr(values[parent]) +
        ") is " + pyRepr(partial * gi) + "; " + why;
    }
  }
  for (var j = 0; j < this.n; j++) {
    if (!finite(g[j])) {
      return "the gradient reaching " + this.who(j) + " (data=" + pyRepr(values[j]) + ") is " +
        pyRepr(g[j]) + "; the gradients reaching it add up past the largest float";
    }
  }
  return "a gradient is not finite";
};

// Run the whole graph at `leaves` ({slot: value}, the others as they are). On success the
// tape holds the new values, partials and gradients; on a PageError it is left as it was.
Tape.prototype.run = function (leaves) {
  var n = this.n;
  var values = this.values ? Float64Array.from(this.values) : Float64Array.from(this.start);
  Object.keys(leaves).forEach(function (slot) { values[slot] = leaves[slot]; });
  var da = new Float64Array(n), db = new Float64Array(n), g = new Float64Array(n);
  this.forward(values, da, db);
  var before = this.values;
  this.values = values; // the message of a gradient that is not finite reads these
  try {
    this.backward(da, db, g);
  } catch (error) {
    this.values = before;
    throw error;
  }
  this.da = da;
  this.db = db;
  this.g = g;
};

// The output with the leaf `slot` at x, the rest as now; null where an op refuses (a gap
// in a curve). `after`: the nodes computed from the leaf, in order (the others stay).
Tape.prototype.outputAt = function (slot, x, scratch, after) {
  scratch.set(this.values);
  scratch[slot] = x;
  try {
    this.forward(scratch, null, null, after);
  } catch (error) {
    if (error instanceof PageError) return null;
    throw error;
  }
  return scratch[this.root];
};
