// The knobs: for each leaf a slider and a number field, both named by its knob's name,
// and a box to say whether Step trains it. A slider's range is centred on the leaf's value
// and moves with it when the leaf leaves it (typed in, or trained), or when the value is
// of another size than the range was made for (0.12 in a range of 0 to 247, after a
// value of 123 was typed), except while the slider itself is moved: its range stays
// under the hand.

function knobRange(value) {
  var reach = Math.max(1, Math.abs(value));
  var step = Math.pow(10, Math.floor(Math.log10(reach / 50)));
  var decimals = Math.max(0, -Math.round(Math.log10(step)));
  var low = Number((Math.floor((value - reach) / step) * step).toFixed(decimals));
  var high = Number((Math.ceil((value + reach) / step) * step).toFixed(decimals));
  return { low: low, high: high, step: step };
}

// `onMove(slot, value)` sets the leaf; `onRefuse(message)` says why a number typed in was
// not taken.
function Knob(slot, name, onMove, onRefuse, readOnly) {
  this.slot = slot;
  this.name = name;
  var row = document.createElement("div");
  // A long name (a module's dotted one) gets a line of its own, whole: what is shown is
  // the slider's name, never cut short.
  row.className = name.length > 6 ? "ag-knob ag-knob-long" : "ag-knob";
  var label = row.appendChild(document.createElement("span"));
  label.className = "ag-knob-name";
  label.textContent = name;
  this.slider = row.appendChild(document.createElement("input"));
  this.slider.type = "range";
  this.field = row.appendChild(document.createElement("input"));
  this.field.type = "number";
  this.field.step = "any";
  this.field.className = "ag-knob-field";
  this.slider.setAttribute("aria-label", name);
  this.field.setAttribute("aria-label", name);
  var trainLabel = row.appendChild(document.createElement("label"));
  trainLabel.className = "ag-train-box";
  this.train = trainLabel.appendChild(document.createElement("input"));
  this.train.type = "checkbox";
  this.train.setAttribute("aria-label", "train " + name);
  trainLabel.appendChild(document.createTextNode("train"));
  this.row = row;
  var self = this;
  if (readOnly) {
    this.slider.disabled = this.field.disabled = this.train.disabled = true;
    var why = row.appendChild(document.createElement("p"));
    why.className = "ag-why";
    why.textContent = readOnly;
  }
  this.slider.addEventListener("input", function () {
    onMove(self.slot, parseFloat(self.slider.value));
  });
  this.field.addEventListener("input", function () {
    var text = self.field.value.trim(), value = Number(text);
    var good = text !== "" && finite(value);
    self.field.setAttribute("aria-invalid", good ? "false" : "true");
    if (good) onMove(self.slot, value);
  });
  // The field's value as it was when the typing began: each keystroke moves the knob
  // (typing 1e400 passes through 1e40), so a number refused at the end puts that back.
  this.field.addEventListener("focus", function () { self.before = self.value; });
  this.field.addEventListener("change", function () {
    var text = self.field.value.trim(), value = Number(text);
    var refused = self.field.validity.badInput || (text !== "" && !finite(value));
    if (refused && self.before !== undefined && self.before !== self.value) {
      onMove(self.slot, self.before);
    }
    self.restore();
    if (refused) {
      onRefuse(name + " takes a finite number, and what was typed is not one: " + name +
        " stays " + pyRepr(self.value));
    }
  });
}

// Show `value` (again, when `force`); the number field is left alone while someone types
// in it: a refused number stays there to be corrected, marked, until they leave it.
Knob.prototype.show = function (value, force) {
  if (value === this.value && !force) return; // a form control written is laid out again
  this.value = value;
  var fits = this.range && value >= this.range.low && value <= this.range.high;
  var sized = fits && (document.activeElement === this.slider ||
    knobRange(value).step === this.range.step);
  if (!sized) {
    this.range = knobRange(value);
    this.slider.min = String(this.range.low);
    this.slider.max = String(this.range.high);
    this.slider.step = String(this.range.step);
  }
  if (parseFloat(this.slider.value) !== value) this.slider.value = String(value);
  if (document.activeElement !== this.field) this.restore();
};

// The number field back to the knob's value, marked good.
Knob.prototype.restore = function () {
  if (Number(this.field.value) !== this.value || this.field.value === "") {
    this.field.value = String(this.value);
  }
  if (this.field.getAttribute("aria-invalid") === "true") {
    this.field.setAttribute("aria-invalid", "false");
  }
};
